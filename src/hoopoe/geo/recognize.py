"""Toponym recognition from raw text by gazetteer matching of capitalised n-grams, with the rules that keep
out what a gazetteer match alone gets wrong: demonyms and places inside organisation names ("Pakistani Air
Force", "Bakhtar News Agency", "University of Kabul"), person names ("President Obama", "Barack Obama"),
capitalised common words at the start of a sentence ("Said", "Mobile"), and spans the caller excludes.
Candidate spans from a NER model can be passed instead of searching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import yaml

from hoopoe.geo.build import resource_text
from hoopoe.geo.gazetteer import Gazetteer

_TOKEN = re.compile(r"(?:[A-Z][a-z]?\.){2,}|\w+(?:-\w+)*|\S")
_SENT_END = re.compile(r"[.!?]['\"\u201d\u2019)]?\s*$|^\s*$|\n\s*$")
#: Longest toponym, in tokens, searched for ("Newcastle upon Tyne and Wear" is 5).
MAX_TOKENS = 6
#: A single-word name known only as an alternate name of small towns is too weak to call a toponym in raw
#: text (it is usually a common word or surname). Population bound chosen by hand.
WEAK_ALT_POPULATION = 10_000


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym found in text. ``kinds`` limits the entry kinds ("Kunduz Province" -> admin1/admin2);
    ``demonym`` is the country of a demonym ("Afghan"); ``near`` marks "near the town of Kohat";
    ``qualifier`` is the index of a following mention that contains this one ("Alexandria, Louisiana")."""

    start: int
    end: int
    text: str
    lookup: str
    kinds: frozenset[str] | None = None
    demonym: str | None = None
    near: bool = False
    qualifier: int | None = None


class Lexicon:
    """The word lists of ``resources/geo/lexicon.yaml``, folded for lookup."""

    def __init__(self, data: dict) -> None:
        self.designators = {k.casefold(): frozenset(v) for k, v in data["designators"].items()}
        self.type_phrases = tuple(p.casefold() for p in data["type_phrases"])
        self.near_words = tuple(p.casefold() for p in data["near_words"])
        self.org_heads = {w.casefold() for w in data["org_heads"]}
        self.org_prefixes = {w.casefold() for w in data["org_prefixes"]}
        self.titles = {w.casefold().rstrip(".") for w in data["titles"]}
        self.not_places = {w.casefold() for w in data["not_places"]}
        self.common_words = {w.casefold() for w in data["common_words"]}
        self.sentence_words = {w.casefold() for w in data["sentence_words"]}
        self.connectors = {"of", "de", "del", "da", "do", "al", "el", "la", "le", "and", "upon", "on", "the",
                           "du", "des", "van", "von", "-"}

    @classmethod
    def load(cls) -> Lexicon:
        return cls(yaml.safe_load(resource_text("lexicon.yaml")))


class ToponymRecognizer:
    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer
        self.lex = lexicon or Lexicon.load()
        try:
            from spacy.lang.en.stop_words import STOP_WORDS

            self.stop_words = frozenset(STOP_WORDS)
        except ImportError:  # pragma: no cover - spaCy is a core dependency
            self.stop_words = frozenset()

    # ------------------------------------------------------------------------------------------------
    def find(
        self,
        text: str,
        exclude: Iterable[tuple[int, int]] = (),
        spans: Sequence[tuple[int, int]] | None = None,
        demonyms: bool = False,
    ) -> list[Mention]:
        excluded = sorted(exclude)
        if spans is not None:
            found = [self._from_span(text, s, e) for s, e in spans if not _overlaps(s, e, excluded)]
        else:
            found = self._search(text, excluded)
        if not demonyms:
            found = [m for m in found if m.demonym is None]
        return _link_qualifiers(text, found)

    def _from_span(self, text: str, start: int, end: int) -> Mention:
        surface = text[start:end]
        kinds, lookup = self._designator(surface)
        demonym = None if self.gaz.lookup(surface) else self.gaz.demonym(surface)
        return Mention(start, end, surface, lookup, kinds, demonym, self._near(text, start))

    def _designator(self, surface: str) -> tuple[frozenset[str] | None, str]:
        """("Kunduz Province") -> ({admin1, admin2}, "Kunduz") when the full name is not itself known."""
        words = surface.split()
        if len(words) > 1 and words[-1].casefold() in self.lex.designators and not self.gaz.lookup(surface):
            return self.lex.designators[words[-1].casefold()], " ".join(words[:-1])
        return None, surface

    def _near(self, text: str, start: int) -> bool:
        before = text[max(0, start - 40):start].casefold().rstrip()
        for phrase in self.lex.type_phrases:
            if before.endswith(phrase):
                before = before[: -len(phrase)].rstrip()
                if before.endswith(" the"):
                    before = before[:-4].rstrip()
                break
        return any(before.endswith(w) for w in self.lex.near_words)

    def _search(self, text: str, excluded: list[tuple[int, int]]) -> list[Mention]:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        caps = [t[2][:1].isupper() for t in toks]
        out: list[Mention] = []
        surnames: set[str] = set()
        i = 0
        n = len(toks)
        while i < n:
            if not caps[i]:
                i += 1
                continue
            hit = None
            for j in range(min(n - 1, i + MAX_TOKENS - 1), i - 1, -1):
                if not caps[j] or any(not caps[k] and toks[k][2].casefold() not in self.lex.connectors
                                      for k in range(i, j + 1)):
                    continue
                if any(text[toks[k][1]:toks[k + 1][0]] not in (" ", "") for k in range(i, j)):
                    continue  # a name does not run across commas or line breaks
                hit = self._match(text, toks, i, j, excluded)
                if hit:
                    break
            if hit is None:
                i += 1
                continue
            mention, j = hit
            if self._keep(text, toks, caps, i, j, mention, surnames):
                out.append(mention)
            i = j + 1
        return [m for m in out if not (" " not in m.text and m.text in surnames)]

    def _match(self, text, toks, i, j, excluded) -> tuple[Mention, int] | None:
        start, end = toks[i][0], toks[j][1]
        if _overlaps(start, end, excluded):
            return None
        surface = text[start:end]
        if surface.endswith(".") and len(surface) > 7:
            return None
        kinds, lookup = self._designator(surface)
        cands = self.gaz.lookup(lookup)
        if kinds:
            cands = [c for c in cands if c.entry.kind in kinds]
        if cands:
            if i == j and all(c.alternate for c in cands) and max(
                (c.entry.population for c in cands if c.entry.kind == "city"), default=WEAK_ALT_POPULATION
            ) < WEAK_ALT_POPULATION and all(c.entry.kind == "city" for c in cands):
                return None
            # "Ohio." at a sentence end: the period is not part of the name
            if surface.endswith(".") and not any(c.alternate for c in cands[:1]) and "." not in surface[:-1]:
                end -= 1
                surface = surface[:-1]
            return Mention(start, end, surface, lookup, kinds, None, self._near(text, start)), j
        if i == j or (j == i + 1 and not toks[j][2][:1].islower()):
            country = self.gaz.demonym(surface)
            if country:
                return Mention(start, end, surface, surface, None, country), j
        return None

    def _keep(self, text, toks, caps, i, j, m: Mention, surnames: set[str]) -> bool:
        words = [toks[k][2] for k in range(i, j + 1)]
        single = i == j
        nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
        nxt_cap = j + 1 < len(toks) and caps[j + 1] and text[toks[j][1]:toks[j + 1][0]] == " "
        prev = [toks[k][2] for k in range(max(0, i - 3), i) if toks[k][2] != "."]
        prev_adjacent = i > 0 and text[toks[i - 1][1]:toks[i][0]] in (" ",) and caps[i - 1]
        if m.demonym:
            return not nxt_cap and not prev_adjacent
        if nxt_cap and nxt.casefold() in self.lex.org_heads and words[-1].casefold() not in self.lex.designators:
            return False  # "Bakhtar News Agency", "Kabul University", "Dublin Road"
        if len(prev) >= 2 and prev[-1] == "of" and prev[-2].casefold() in self.lex.org_prefixes:
            return False  # "University of Kabul"
        if prev and prev[-1].casefold().rstrip(".") in self.lex.titles:
            return False  # "President Obama", "Mr. Paris"
        if single and words[0].casefold() in self.lex.not_places:
            return False
        if single:
            low = words[0].casefold()
            if low in self.lex.common_words or low in self.stop_words or low in self.lex.org_heads:
                return False
            if self._in_longer_name(text, toks, caps, i, j):
                surnames.add(words[0])
                return False  # "Barack Obama", "Chiquita Henry", "Air Force": part of another name
            if _sentence_start(text, toks[i][0]):
                if low in self.lex.sentence_words:
                    return False
                if re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text):
                    return False  # the word also appears in lower case: a common word here
        return True


    def _in_longer_name(self, text, toks, caps, i, j) -> bool:
        """Whether capitalised words that are not places or titles stand right beside the match."""
        def other_name_word(k: int) -> bool:
            word = toks[k][2]
            low = word.casefold()
            return (caps[k] and low not in self.stop_words and low not in self.lex.connectors
                    and low.rstrip(".") not in self.lex.titles
                    if k < i else caps[k] and low.rstrip(".") not in self.lex.titles
                    and low not in self.lex.designators)
        before = i > 0 and text[toks[i - 1][1]:toks[i][0]] == " " and other_name_word(i - 1)
        after = j + 1 < len(toks) and text[toks[j][1]:toks[j + 1][0]] == " " and other_name_word(j + 1)
        return before or after


def _sentence_start(text: str, pos: int) -> bool:
    return bool(_SENT_END.search(text[max(0, pos - 4):pos])) or pos == 0


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


_QUALIFIER_GAP = re.compile(
    r"^\s*,\s*(?:(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:in|of)\s+(?:the\s+)?(?:\w+(?:ern)?\s+)?)?$", re.IGNORECASE
)


def _link_qualifiers(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mark "Alexandria, Louisiana" and "Kunduz, a city in northeastern Afghanistan": the second names
    a region containing the first."""
    mentions = sorted(mentions, key=lambda m: m.start)
    out = []
    for k, m in enumerate(mentions):
        q = None
        if k + 1 < len(mentions) and mentions[k + 1].demonym is None:
            gap = text[m.end:mentions[k + 1].start]
            if len(gap) < 60 and _QUALIFIER_GAP.match(gap):
                q = k + 1
        out.append(Mention(m.start, m.end, m.text, m.lookup, m.kinds, m.demonym, m.near, q) if q else m)
    return out
