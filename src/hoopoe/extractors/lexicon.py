"""Trigger lexicons: loading, validation, inflection, and matching over tokens.

The data lives in ``resources/lexicons/triggers.yaml`` (format documented at its top); users add entries with
their own files (``HOOPOE_TRIGGERS``) without touching code.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from hoopoe.errors import ResourceError
from hoopoe.records import EVENT_TYPES

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
TRIGGERS_FILE = RESOURCES / "lexicons" / "triggers.yaml"
IRREGULAR_FILE = RESOURCES / "lexicons" / "irregular_verbs.yaml"
PLOVER_FILE = RESOURCES / "plover" / "plover.yaml"

ENTRY_KEYS = frozenset(
    {"verb", "noun", "phrase", "mode", "context", "negated", "negated_only", "args", "of", "content", "weak", "forms",
     "object", "from", "to"}
)
ARGS = ("transitive", "intransitive", "symmetric", "pair")
MAX_GAP = 3  # `*` in a phrase: up to three tokens ("carried out a deadly attack")
LONG_GAP = 6  # `**`: up to six ("holding thousands of Tamil civilian refugees as human shields")

_VOWELS = set("aeiou")
# Verbs ending consonant-vowel-consonant that double the final consonant although they have more than one
# syllable (stress on the last syllable).
_DOUBLING = frozenset({"commit", "regret", "admit", "control", "patrol", "compel", "expel", "propel", "repel",
                       "occur", "refer", "transfer", "prefer", "deter", "equip", "kidnap", "embed", "abet"})


@dataclass(frozen=True, slots=True)
class PloverTable:
    version: str
    types: dict  # type -> {quad, score, modes: {mode: score}}
    contexts: frozenset[str]

    def quad(self, event: str) -> int | None:
        t = self.types.get(event)
        return t["quad"] if t else None

    def score(self, event: str, modes: Sequence[str]) -> float | None:
        t = self.types.get(event)
        if not t:
            return None
        scores = [t["modes"][m] for m in modes if m in t["modes"]]
        return float(min(scores)) if scores else float(t["score"])

    def valid_modes(self, event: str) -> frozenset[str]:
        return frozenset(self.types[event]["modes"])


@lru_cache(maxsize=1)
def load_plover() -> PloverTable:
    data = yaml.safe_load(PLOVER_FILE.read_text(encoding="utf-8"))
    return PloverTable(data["version"], data["types"], frozenset(data["contexts"]))


@lru_cache(maxsize=1)
def _irregular() -> dict[str, list[str]]:
    return yaml.safe_load(IRREGULAR_FILE.read_text(encoding="utf-8"))["verbs"]


@lru_cache(maxsize=1)
def irregular_past_forms() -> frozenset[str]:
    """Past and past-participle forms of irregular verbs that differ from the lemma ("blew", "shot", "met"):
    such a form after a noun is a verb ("a suicide bomber blew himself up"), never a noun compound."""
    out = set()
    for lemma, (_third, past, participle, _ger) in _irregular().items():
        out.update(f for f in (past, participle) if f != lemma)
    return frozenset(out)


def _double_final(word: str) -> bool:
    if len(word) < 3 or word[-1] in "wxy" or word[-1] in _VOWELS:
        return False
    cvc = word[-2] in _VOWELS and word[-3] not in _VOWELS
    syllables = len(re.findall(r"[aeiouy]+", word))
    return cvc and (syllables == 1 or word in _DOUBLING)


def inflect(lemma: str) -> list[str]:
    """All forms of a verb: lemma, 3rd person singular, past, past participle, gerund."""
    if lemma in _irregular():
        return [lemma, *_irregular()[lemma]]
    w = lemma
    if w.endswith(("s", "x", "z", "ch", "sh")):
        third = w + "es"
    elif w.endswith("y") and w[-2] not in _VOWELS:
        third = w[:-1] + "ies"
    else:
        third = w + "s"
    if w.endswith("e"):
        past = w + "d"
        ger = w + "ing" if w.endswith(("ee", "ye", "oe")) else w[:-1] + "ing"
    elif w.endswith("y") and w[-2] not in _VOWELS:
        past, ger = w[:-1] + "ied", w + "ing"
    elif _double_final(w):
        past, ger = w + w[-1] + "ed", w + w[-1] + "ing"
    else:
        past, ger = w + "ed", w + "ing"
    forms = [w, third, past, past, ger]
    if w.endswith("l") and len(w) > 3 and w[-2] in _VOWELS and w[-3] not in _VOWELS and not _double_final(w):
        forms += [w + "led", w + "ling"]  # British spelling: cancelled, travelling, signalled
    return forms


def pluralize(noun: str) -> list[str]:
    head, _, last = noun.rpartition(" ")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + "es"
    elif last.endswith("y") and last[-2:-1] not in _VOWELS:
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    prefix = head + " " if head else ""
    return [noun, prefix + plural]


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry, compiled."""

    event: str
    key: str  # the entry as written (verb: x / noun: x / phrase: x)
    pos: str  # verb, noun, phrase
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    negated: str | None = None
    negated_only: str | None = None
    args: str = "transitive"
    of: str | None = None
    content: bool = False
    weak: bool = False
    verbal_head: bool = True  # phrase starting with a verb behaves like a verb for voice and subjects
    base_forms: frozenset[str] = frozenset()  # the verb's base and 3rd-person forms, which double as nouns
    needs_object: bool = False
    from_role: str | None = None
    to_role: str | None = None


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    head: int  # the token whose form decides voice and tense (first word of a verb phrase, noun head)
    trigger: Trigger
    form: str  # the head word as written, lower-case


@dataclass(slots=True)
class _Pattern:
    words: tuple[frozenset[str] | int, ...]  # an int is a gap of up to that many tokens
    trigger: Trigger
    head_offset: int


@dataclass(slots=True)
class Lexicon:
    version: str
    patterns: dict[str, list[_Pattern]] = field(default_factory=dict)  # first word form -> patterns
    size: int = 0

    @classmethod
    def load(cls, extra_paths: Iterable[str | Path] | None = None) -> "Lexicon":
        paths: list[Path] = [TRIGGERS_FILE]
        env = os.environ.get("HOOPOE_TRIGGERS")
        if env:
            paths += [Path(p) for p in env.split(os.pathsep) if p]
        paths += [Path(p) for p in (extra_paths or [])]
        plover = load_plover()
        lex = cls(version="")
        versions = []
        for path in paths:
            if not path.is_file():
                raise ResourceError(f"trigger lexicon {str(path)!r} does not exist")
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError as exc:
                raise ResourceError(f"trigger lexicon {str(path)!r} is not valid YAML: {exc}") from None
            versions.append(str(data.get("version", path.stem)))
            for event, entries in data.items():
                if event == "version":
                    continue
                if event not in EVENT_TYPES:
                    raise ResourceError(
                        f"{path.name}: unknown PLOVER type {event!r}; valid: {', '.join(EVENT_TYPES)}"
                    )
                for entry in entries or []:
                    lex._add(_compile(path.name, event, entry, plover))
        lex.version = "+".join(versions)
        return lex

    def _add(self, compiled: list[_Pattern]) -> None:
        for pat in compiled:
            first = pat.words[0]
            assert not isinstance(first, int)
            for form in first:
                self.patterns.setdefault(form, []).append(pat)
            self.size += 1

    def match(self, words: Sequence[str]) -> list[TriggerMatch]:
        """Every trigger candidate in a token sequence (lower-cased words), overlapping ones included,
        longest first at each position. The event coder decides between verb and noun readings and then
        keeps the longest non-overlapping candidates (:func:`select`)."""
        found: list[TriggerMatch] = []
        for i, w in enumerate(words):
            for pat in self.patterns.get(w, ()):
                end = _match_at(pat.words, words, i)
                if end is not None:
                    head = i + pat.head_offset
                    found.append(TriggerMatch(i, end, head, pat.trigger, words[head]))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return found


def select(matches: Iterable[TriggerMatch]) -> list[TriggerMatch]:
    """Longest non-overlapping matches, in text order."""
    ordered = sorted(matches, key=lambda m: (-(m.end - m.start), m.start))
    taken: set[int] = set()
    out = []
    for m in ordered:
        span = set(range(m.start, m.end))
        if span & taken:
            continue
        taken |= span
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out


def _match_at(words: tuple, tokens: Sequence[str], i: int) -> int | None:
    """End index if the pattern matches at token i (gaps are lazy: the shortest match wins)."""
    def rec(wi: int, ti: int) -> int | None:
        if wi == len(words):
            return ti
        w = words[wi]
        if isinstance(w, int):
            for skip in range(0, w + 1):
                if ti + skip > len(tokens):
                    break
                if any(t in (".", ";", ":", ",") for t in tokens[ti:ti + skip]):
                    break
                r = rec(wi + 1, ti + skip)
                if r is not None:
                    return r
            return None
        if ti < len(tokens) and tokens[ti] in w:
            return rec(wi + 1, ti + 1)
        return None

    return rec(0, i)


def _compile(source: str, event: str, entry: dict, plover: PloverTable) -> list[_Pattern]:
    where = f"{source}: {event} entry {entry!r}"
    if not isinstance(entry, dict):
        raise ResourceError(f"{where}: must be a mapping")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise ResourceError(f"{where}: unknown keys {sorted(unknown)}; valid: {sorted(ENTRY_KEYS)}")
    kinds = [k for k in ("verb", "noun", "phrase") if k in entry]
    if len(kinds) != 1:
        raise ResourceError(f"{where}: give exactly one of verb, noun, phrase")
    kind = kinds[0]
    modes = tuple(entry.get("mode") or ())
    bad = [m for m in modes if m not in plover.valid_modes(event)]
    if bad:
        raise ResourceError(f"{where}: modes {bad} are not {event} modes; valid: {sorted(plover.valid_modes(event))}")
    contexts = tuple(entry.get("context") or ())
    bad = [c for c in contexts if c not in plover.contexts]
    if bad:
        raise ResourceError(f"{where}: unknown contexts {bad}")
    args = entry.get("args", "transitive")
    if args not in ARGS:
        raise ResourceError(f"{where}: args {args!r} is not one of {ARGS}")
    for key in ("negated", "negated_only"):
        if entry.get(key) and entry[key] not in EVENT_TYPES:
            raise ResourceError(f"{where}: {key} {entry[key]!r} is not a PLOVER type")
    if entry.get("of") not in (None, "actor", "recipient"):
        raise ResourceError(f"{where}: of must be actor or recipient")
    if entry.get("from") not in (None, "recipient"):
        raise ResourceError(f"{where}: from must be recipient")
    if entry.get("to") not in (None, "recipient"):
        raise ResourceError(f"{where}: to must be recipient")
    if entry.get("object") not in (None, "required"):
        raise ResourceError(f"{where}: object must be required")
    text = str(entry[kind]).strip().lower()
    words: list[frozenset[str] | int] = []
    head = 0
    verbal = kind == "verb"
    base_forms: frozenset[str] = frozenset()
    if kind == "verb":
        forms = entry.get("forms") or inflect(text)
        words = [frozenset(f.lower() for f in forms)]
        base_forms = frozenset(f.lower() for f in forms[:2])  # lemma and 3rd person, by the forms' order
    elif kind == "noun":
        parts = text.split()
        forms = entry.get("forms") or pluralize(text)
        # multiword nouns: all but the last word literal, the last takes the listed forms
        last_forms = frozenset(f.split()[-1].lower() for f in forms)
        words = [frozenset({p}) for p in parts[:-1]] + [last_forms]
        head = len(parts) - 1
    else:
        for n, part in enumerate(text.split()):
            if part in ("*", "**"):
                words.append(MAX_GAP if part == "*" else LONG_GAP)
            elif part.startswith("verb:"):
                forms = inflect(part[5:])
                words.append(frozenset(forms))
                if n == 0:
                    verbal = True
                    base_forms = frozenset(forms[:2])
            elif part.startswith("noun:"):
                words.append(frozenset(pluralize(part[5:])))
            else:
                words.append(frozenset({part}))
        if words and isinstance(words[0], int):
            raise ResourceError(f"{where}: a phrase cannot start with *")
        head = 0 if verbal else max(i for i, w in enumerate(words) if not isinstance(w, int))
    trig = Trigger(
        event=event, key=f"{kind}: {text}", pos="verb" if verbal else "noun", mode=modes, context=contexts,
        negated=entry.get("negated"), negated_only=entry.get("negated_only"), args=args, of=entry.get("of"),
        content=bool(entry.get("content")), weak=bool(entry.get("weak")), verbal_head=verbal,
        needs_object=entry.get("object") == "required", from_role=entry.get("from"),
        to_role=entry.get("to"), base_forms=base_forms,
    )
    return [_Pattern(tuple(words), trig, head)]
