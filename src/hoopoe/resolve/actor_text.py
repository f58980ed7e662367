"""Tokens and token tries for actor matching.

Actor names are matched on word tokens, not with one giant regular expression: the text is split once into
word tokens (abbreviations such as ``U.S.`` are one token), every token remembers the characters between it and
the previous one (its *gap*), and names are looked up in a trie keyed by case-folded tokens. A name matches only
where the gaps inside it are spaces or hyphens (``al-Qaeda`` = ``al Qaeda``; ``ISIS-K/Daesh`` is two names) and
where the case rules of :func:`case_ok` hold (``US`` is never the pronoun ``us``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Generic, Iterator, TypeVar

# A word is a run of word characters; letter-dot abbreviations (U.S., U.N., U.S.A.) are one token, and so is
# an initial before a capitalised word ("Joseph R. Biden", "S. Jaishankar").
_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|(?<![-\w])[A-Z]\.(?=\s+[A-Z])|\w+")

#: Gap classes: the characters between two tokens.
JOIN = "join"  # nothing, spaces (at most one line break) or one hyphen: tokens of one name
APOS = "apos"  # an apostrophe: possessive 's, d'Ivoire, O'Brien
BREAK = "break"  # anything else: punctuation, a blank line; a name never spans it

_APOSTROPHES = frozenset("'\u2019")
_HYPHENS = frozenset("-\u2010\u2011\u2013")  # hyphens and the en dash ("Islamic State – Khorasan")


def gap_class(gap: str) -> str:
    if gap == " ":
        return JOIN
    if gap[:1] in _APOSTROPHES and gap[1:].strip(" ") == "":
        return APOS  # "Taliban's", "d'Ivoire", "Workers' Party"
    if gap.count("\n") > 1:
        return BREAK
    stripped = gap.strip()
    if stripped == "" or (stripped in _HYPHENS and "\n" not in gap):
        return JOIN
    return BREAK


@dataclass(slots=True)  # not frozen: a frozen dataclass is three times slower to build, and tokens are many
class Token:
    start: int
    end: int
    text: str
    fold: str
    gap: str  # gap class before this token
    gap_text: str  # the characters before this token, since the previous one

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    toks: list[Token] = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        gap = text[prev_end:s] if toks else ""
        toks.append(Token(s, e, m.group(), m.group().casefold(), gap_class(gap) if toks else BREAK, gap))
        prev_end = e
    return toks


def is_acronym(word: str) -> bool:
    """Upper-case words (``US``, ``AP``, ``ISIS``, ``U.S.``): matched exactly, never case-folded."""
    return any(c.isupper() for c in word) and not any(c.islower() for c in word)


def case_ok(name_token: str, text_token: str) -> bool:
    """Whether a token of the text may stand for a token of a known name.

    Exact matches always do. Acronyms match only exactly ("US" is not "us" or "Us"). Otherwise the case may
    differ (headline capitals, "Al-Qaeda" at a sentence start) except that an all-lower-case word of the text
    never stands for a capitalised name ("turkey" is not Turkey, "american" not American).
    """
    if name_token == text_token:
        return True
    if is_acronym(name_token):
        return False
    if text_token.islower() and not name_token.islower():
        return False
    return name_token.casefold() == text_token.casefold()


T = TypeVar("T")


@dataclass(slots=True)
class Entry(Generic[T]):
    """One name in a trie: its tokens and gap classes (for the case and gap checks) and its payload."""

    tokens: tuple[str, ...]
    gaps: tuple[str, ...]
    value: T


@dataclass(slots=True)
class _Node(Generic[T]):
    children: dict[str, "_Node[T]"] = field(default_factory=dict)
    entries: list[Entry[T]] = field(default_factory=list)


class TokenTrie(Generic[T]):
    """Names as token sequences, keyed by case-folded tokens; lookup walks the text's tokens from a start."""

    def __init__(self, *, case_sensitive: bool = True) -> None:
        self._root: _Node[T] = _Node()
        self.case_sensitive = case_sensitive
        self.size = 0

    @staticmethod
    def split(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A name's tokens and the gap classes between them (as :func:`tokenize` would give them)."""
        words: list[str] = []
        gaps: list[str] = []
        prev_end = -1
        for m in _TOKEN_RE.finditer(name):
            if prev_end >= 0:
                gaps.append(gap_class(name[prev_end:m.start()]))
            words.append(m.group())
            prev_end = m.end()
        return tuple(words), tuple(gaps)

    def add(self, name: str, value: T) -> None:
        tokens, gaps = self.split(name)
        if not tokens:
            raise ValueError(f"no word in {name!r}")
        if BREAK in gaps:
            raise ValueError(f"{name!r} has punctuation inside it and could never match as one name")
        node = self._root
        for tok in tokens:
            node = node.children.setdefault(tok.casefold(), _Node())
        node.entries.append(Entry(tokens, gaps, value))
        self.size += 1

    def walk(self, toks: list[Token], i: int, limit: int | None = None) -> Iterator[tuple[int, list[T]]]:
        """Every name starting at token ``i``: (end token index, exclusive; the payloads that match there)."""
        node = self._root
        n = len(toks) if limit is None else min(limit, len(toks))
        j = i
        while j < n:
            if j > i and toks[j].gap == BREAK:
                return
            node = node.children.get(toks[j].fold)  # type: ignore[assignment]
            if node is None:
                return
            j += 1
            if node.entries:
                found = [e.value for e in node.entries if self._fits(e, toks, i)]
                if found:
                    yield j, found

    def _fits(self, entry: Entry[T], toks: list[Token], i: int) -> bool:
        for k, gap in enumerate(entry.gaps, start=1):
            if toks[i + k].gap != gap:
                return False
        if not self.case_sensitive:
            return True
        return all(case_ok(name_tok, toks[i + k].text) for k, name_tok in enumerate(entry.tokens))

    def starts_with(self, fold: str) -> bool:
        """Whether some name begins with this case-folded token (a dictionary lookup: callers skip the
        tokens that begin no name without walking)."""
        return fold in self._root.children

    def longest(self, toks: list[Token], i: int) -> tuple[int, list[T]] | None:
        if i >= len(toks) or toks[i].fold not in self._root.children:
            return None
        best = None
        for hit in self.walk(toks, i):
            best = hit
        return best
