"""Casualty counts with their qualifiers, read from one sentence.

``find_casualties("the explosion killed at least 46 people and wounded more than 140")`` gives a
``killed`` mention with ``Count(46, None, "at least 46")`` and a ``wounded`` one with
``Count(141, None, "more than 140")``. The words (qualifiers, vague quantities, triggers, zero phrases,
perpetrator nouns) are data: ``resources/lexicons/counts.yaml``; the comments there give each decision
("nearly 50" is max 49, "dozens" is min 24, "up to 20" is max 20 and min unknown, abducted people are
``missing``, a bare number of "casualties" is not assigned).

Three shapes are read:

* victims first (``state``): "46 people were killed", "12 dead and 30 injured", "Seven people,
  including Hamish, were killed", "a soldier was killed" (implicit 1), "two others became injured";
* trigger first (``active``): "killed three soldiers and two civilians" (5: coordinated groups are
  summed; "including 2 women" is not added), "injuring 14", "claimed the lives of 9", "abducted 20";
* tolls: "the death toll rose to 57".

A mention whose victims are attackers ("the bomber was also killed", "killing himself", "One militant
was killed") is kept and flagged ``perpetrator=True``; :func:`combine` leaves such mentions out of a
total unless nothing else is known.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from hoopoe.errors import ResourceError
from hoopoe.extractors.numbers import NUMBER_PATTERN, parse_number
from hoopoe.records import Count

log = logging.getLogger(__name__)

__all__ = [
    "KINDS", "QUALIFIER_KINDS", "CasualtyMention", "CountLexicon", "CasualtyExtractor", "find_casualties",
    "combine", "parse_number", "default_extractor",
]

KINDS = ("killed", "wounded", "missing", "arrested", "displaced")
QUALIFIER_KINDS = ("at_least", "more_than", "about", "up_to", "fewer_than", "nearly")
TRIGGER_SHAPES = ("state", "active", "toll")


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """One casualty statement: ``text == sentence[start:end]``; ``count.text`` is the number's words."""

    start: int
    end: int
    kind: str
    count: Count
    text: str
    implicit: bool  # the number was not written: "a soldier was killed", "killing himself"
    perpetrator: bool = False  # the victims are (or include only) attackers


@dataclass(frozen=True, slots=True)
class CountLexicon:
    """The word lists of counts.yaml, validated."""

    qualifiers: Mapping[str, tuple[str, ...]]
    vague: Mapping[str, int]
    triggers: Mapping[str, Mapping[str, tuple[str, ...]]]
    zero: tuple[tuple[str, tuple[str, ...]], ...]
    perpetrators: frozenset[str]
    not_victims: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: str | Path | None = None) -> CountLexicon:
        """Read counts.yaml (the shipped one by default); raise ResourceError naming what is wrong."""
        if path is None:
            src = resources.files("hoopoe").joinpath("resources/lexicons/counts.yaml")
            where = "hoopoe/resources/lexicons/counts.yaml"
        else:
            src, where = Path(path), str(path)
        try:
            data = yaml.safe_load(src.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ResourceError(f"cannot read count lexicon {where}: {exc}") from exc
        return cls.from_dict(data, where=where)

    @classmethod
    def from_dict(cls, data: Any, *, where: str = "<dict>") -> CountLexicon:
        def fail(msg: str) -> ResourceError:
            return ResourceError(f"count lexicon {where}: {msg}")

        if not isinstance(data, dict):
            raise fail("expected a mapping at the top level")
        quals = data.get("qualifiers") or {}
        if set(quals) != set(QUALIFIER_KINDS):
            raise fail(f"qualifiers must have exactly the keys {', '.join(QUALIFIER_KINDS)}, not {sorted(quals)}")
        vague = data.get("vague") or {}
        if not all(isinstance(v, int) and v >= 1 for v in vague.values()):
            raise fail("vague quantities must map to whole numbers >= 1")
        trig = data.get("triggers") or {}
        if set(trig) != set(KINDS):
            raise fail(f"triggers must have exactly the kinds {', '.join(KINDS)}, not {sorted(trig)}")
        for kind, shapes in trig.items():
            if not isinstance(shapes, dict) or set(shapes) != set(TRIGGER_SHAPES):
                raise fail(f"triggers.{kind} must have the shapes {', '.join(TRIGGER_SHAPES)}")
        zero = []
        for z in data.get("zero") or []:
            bad = set(z.get("kinds", [])) - set(KINDS)
            if not z.get("phrase") or not z.get("kinds") or bad:
                raise fail(f"zero entry {z!r} needs a phrase and kinds from {', '.join(KINDS)}")
            zero.append((str(z["phrase"]), tuple(z["kinds"])))

        def words(items: Iterable[Any]) -> tuple[str, ...]:
            out = tuple(" ".join(str(i).lower().split()) for i in items or ())
            if any(not w for w in out):
                raise fail("empty phrase")
            return out

        return cls(
            qualifiers=MappingProxyType({k: words(v) for k, v in quals.items()}),
            vague=MappingProxyType({" ".join(k.lower().split()): int(v) for k, v in vague.items()}),
            triggers=MappingProxyType({
                k: MappingProxyType({s: words(v.get(s)) for s in TRIGGER_SHAPES}) for k, v in trig.items()
            }),
            zero=tuple(zero),
            perpetrators=frozenset(words(data.get("perpetrators"))),
            not_victims=frozenset(words(data.get("not_victims"))),
        )


def _alt(phrases: Iterable[str]) -> str:
    """Longest first, spaces matching any whitespace."""
    uniq = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in uniq)


# Words that end a victims' noun phrase ("46 people | were killed", "3 soldiers | and 2 civilians").
_STOP = (
    r"and|or|but|nor|in|at|on|near|inside|outside|during|after|before|when|while|as|by|with|from|"
    r"including|among|were|was|is|are|had|has|have|been|be|being|became|become|got|who|whom|which|that|"
    r"also|later|then|reportedly|allegedly|all|both|to|into|since|for|than|dead|died|killed|"
    r"deaths|injuries|fatalities|casualties|wounds|wounded|injured|hurt|missing|arrested|detained|displaced|abducted|kidnapped|wounding|injuring|killing|"
    r"leaving|left|bringing|taking|amid|says?|said|according"
)
_NOUN = rf"(?:\s+(?!(?:{_STOP})\b)[A-Za-z][\w'’-]*)"
#: at most this many words between a number and what follows it ("9 paramilitary troopers of the Indian
#: police were killed"): more reached into other clauses in the dev incidents, fewer missed victims.
MAX_NOUN_WORDS = 5
_NOUNS = rf"{_NOUN}{{0,{MAX_NOUN_WORDS}}}"
_AUX = (
    r"were|was|are|is|have\s+been|has\s+been|had\s+been|been|be|became|become|got|get|reportedly|also|"
    r"later|all|both|allegedly|reported|confirmed|believed\s+to\s+have\s+been|feared|thought\s+to\s+have\s+been|"
    r"said\s+to\s+have\s+been|initially|subsequently|eventually|critically|seriously|severely|fatally|badly|"
    r"now|still|then|remain|remained|remains|who\s+were|that\s+were|were\s+left|lay|"
    r"(?!only\b)[a-z]+ly(?:\s+to\s+[a-z]+ly)?"  # any adverb: "critically", "lightly to moderately"
)
_INCL_KW = r"including|among\s+them|among\s+whom|most\s+of\s+them|mostly|many\s+of\s+them|of\s+whom|both"
#: a parenthetical subset, not added: ", including 2 women," or (without commas) "including 3 soldiers"
_INCL = rf"(?:\s*,\s*(?:{_INCL_KW})\b[^,;]{{0,80}},|\s*,?\s+(?:{_INCL_KW})(?:\s+[\w'’-]+){{1,4}}?)"
_COORD = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+as\s+well\s+as\s+|\s+plus\s+)"
_DATE_BEFORE = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?|\b\d{1,2}\s*,)\s*$"
)
_IMPLICIT_DET = r"another|one\s+other|the\s+other|a|an|his|her|their|both"
#: the victims' unit named after them: "9 troopers of the Central Reserve Police Force (CRPF)", "40 personnel
#: belonging to the CRPF"
_ORG_TAIL = (r"(?:\s+(?:of\s+the|of|belonging\s+to(?:\s+the)?|from\s+the)(?:\s+[A-Z][\w'’-]*){1,6}"
             r"(?:\s*\([A-Z][A-Za-z]{1,9}\))?)?")
_PRONOUN = r"he|she|himself|herself|themselves"


class CasualtyExtractor:
    """Compiles the lexicon once; :meth:`find` reads one sentence."""

    def __init__(self, lexicon: CountLexicon) -> None:
        self.lexicon = lexicon
        lx = lexicon
        self._qual_kind = {q: kind for kind, qs in lx.qualifiers.items() for q in qs}
        qual = _alt(self._qual_kind)
        vague = _alt(lx.vague)
        num = NUMBER_PATTERN
        perp = _alt(lx.perpetrators)

        unit_after = (
            r"(?![\w%-])(?!\s*(?:%|per\s*cent|percent|years?\b|km\b|kilometres?\b|miles?\b|hours?\b|days?\b"
            r"|times\b|o'clock\b|a\.m\.|p\.m\.))"
        )
        pnouns = _NOUN + "{0,2}" + r"\s+(?:" + perp + ")"
        det2 = r"another|one\s+other|the\s+other|both"

        def elem(named: bool) -> str:
            def g(name: str, body: str) -> str:
                return f"(?P<{name}>{body})" if named else f"(?:{body})"

            return (
                rf"(?:(?:{g('q', qual)})\s+)?"
                rf"(?:{g('n1', num)}\s*(?:-|–|to|or)\s*{g('n2', num)}|{g('n', num)}|{g('v', vague)})"
                rf"{unit_after}{g('nouns', _NOUNS)}{_ORG_TAIL}"
                rf"|{g('det', _IMPLICIT_DET)}{g('dnouns', _NOUN + '{1,4}')}"
                rf"|{g('det2', det2)}(?![\w-])"
                rf"|the{g('pnouns', pnouns)}(?![\w-])"
                rf"|{g('pron', _PRONOUN)}(?![\w-])"
            )

        self._elem = re.compile(elem(True), re.I)
        self._perp = re.compile(rf"\b(?:{perp})\b", re.I)
        self._not_victims = re.compile(rf"^\s*\S+\s+(?:\S+\s+)?(?:{_alt(lx.not_victims)})\b", re.I)
        group = rf"(?P<group>(?:{elem(False)})(?:{_COORD}(?:{elem(False)}))*)"
        no_object = rf"(?!\s+(?:(?:{qual})\s+)?(?:{num}|{vague}|{_IMPLICIT_DET}|the|{_PRONOUN})\b)"
        # one pattern per shape, all kinds together; the trigger's words tell the kind
        self._kind_of: dict[tuple[str, str], str] = {}
        for kind in KINDS:
            for shape in TRIGGER_SHAPES:
                for w in lx.triggers[kind][shape]:
                    self._kind_of.setdefault((shape, w), kind)

        def trig(shape: str) -> str:
            return _alt(w for (sh, w) in self._kind_of if sh == shape)

        self._rules: list[tuple[str, re.Pattern[str]]] = [
            ("state", re.compile(
                rf"(?<![\w-]){group}(?:{_INCL})?(?:\s+(?:{_AUX}))*\s+(?P<trig>{trig('state')})(?![\w-]){no_object}", re.I)),
            ("active", re.compile(rf"(?<![\w-])(?P<trig>{trig('active')})\s+{group}", re.I)),
            ("toll", re.compile(
                rf"(?<![\w-])(?P<trig>{trig('toll')})(?:\s+(?:has|had|have|now|also|later|reportedly))?"
                rf"(?:\s+(?:rose|risen|rises|rising|climbed|climbs|climbing|reached|reaches|increased|jumped|"
                rf"stood|stands|is|was|hit|hits|of|went\s+up|has\s+risen))?(?:\s+(?:to|at))?\s+{group}", re.I)),
        ]
        active_all = _alt(w for k in KINDS for w in lx.triggers[k]["active"])
        # after one of these words only the last element of a victims-first group is its subject
        self._trim_before = re.compile(
            rf"(?<![\w-])(?:{active_all}|including|among\s+them|such\s+as)\s+(?:(?:{qual})\s+)?$", re.I)
        self._zero = [
            (kinds, re.compile(rf"(?<![\w-])(?:{_alt([p])})(?![\w-])", re.I)) for p, kinds in lx.zero
        ]
        self._gate = re.compile(
            "|".join(_alt(s) for k in KINDS for s in lx.triggers[k].values() if s)
            + "|" + "|".join(_alt([p]) for p, _ in lx.zero), re.I)

    # ----------------------------------------------------------------------------------------

    def find(self, sentence: str) -> list[CasualtyMention]:
        """Every casualty mention in one sentence, sorted by offset."""
        if not sentence or not self._gate.search(sentence):
            return []
        out: list[CasualtyMention] = []
        for kinds, pat in self._zero:
            for m in pat.finditer(sentence):
                for kind in kinds:
                    out.append(CasualtyMention(m.start(), m.end(), kind, Count(0, 0, m.group(0)), m.group(0), False))
        state_spans: list[tuple[int, int]] = []
        found: list[tuple[str, str, re.Match[str]]] = []
        for shape, pat in self._rules:
            for m in pat.finditer(sentence):
                kind = self._kind_of[(shape, " ".join(m["trig"].lower().split()))]
                found.append((kind, shape, m))
        found.sort(key=lambda f: f[1] != "state")  # victims-first readings claim their numbers first
        for kind, shape, m in found:
            mentions = self._mentions(sentence, kind, shape, m, state_spans)
            if shape == "state":
                state_spans.extend((x.start, x.end) for x in mentions)
            out.extend(mentions)
        return _dedup(out)

    def _mentions(
        self, sentence: str, kind: str, shape: str, m: re.Match[str], state_spans: list[tuple[int, int]]
    ) -> list[CasualtyMention]:
        g0, g1 = m.span("group")
        elems: list[tuple[re.Match[str], Count, bool, bool]] = []
        for e in self._elem.finditer(sentence, g0, g1):
            if shape != "state" and any(s <= e.start() < t for s, t in state_spans):
                break  # "killed 10 and 20 were injured": the 20 belong to the injured
            if _DATE_BEFORE.search(sentence, 0, e.start()) or self._not_victims.match(e.group(0)):
                continue  # "October 24, 2018, 2 victims": the 24 is a day; "the 2 attacks" are not people
            c = self._count(e)
            if c is None:
                continue
            count, implicit = c
            pron = (e["pron"] or "").lower()
            perp = pron in ("himself", "herself", "themselves") or bool(e["pnouns"] or self._perp.search(e.group(0)))
            elems.append((e, count, implicit, perp))
        if shape == "state" and len(elems) > 1 and self._trim_before.search(sentence, 0, g0):
            # "killed 10 and 20 were injured", "killed 18 including 8 civilians and 10 soldiers and
            # another 27 were wounded": only the last group is the subject of the verb
            elems = elems[-1:]
        if shape == "state":
            for i in range(len(elems) - 1, 0, -1):
                if re.match(r"(?i)another|one\s+other|the\s+other", elems[i][0].group(0)):
                    elems = elems[i:]  # "7 lives and another 6 were injured": "another" starts a new group
                    break
        if not elems:
            return []
        mentions = []
        for perp_side in (False, True):
            part = [x for x in elems if x[3] == perp_side]
            if not part:
                continue
            if len(part) == 1:
                e, count, implicit, _ = part[0]
                ctext = count.text
            else:
                count = _sum([x[1] for x in part])
                implicit = all(x[2] for x in part)
                ctext = sentence[part[0][0].start():part[-1][0].end()].strip()
                count = Count(count.min, count.max, ctext)
            if shape == "state":
                s, t = part[0][0].start(), m.end()
            else:
                s, t = m.start(), part[-1][0].end()
            text = sentence[s:t]
            mentions.append(CasualtyMention(s, t, kind, count, text, implicit, perp_side))
        return mentions

    def _count(self, e: re.Match[str]) -> tuple[Count, bool] | None:
        """The Count of one victims' element and whether it is implicit."""
        if e["det"] or e["det2"] or e["pnouns"] or e["pron"]:
            det = (e["det"] or e["det2"] or "").lower()
            n = 2 if det == "both" else 1
            return Count(n, n, " ".join(e.group(0).split())), True
        qual = " ".join((e["q"] or "").lower().split())
        qkind = self._qual_kind.get(qual) if qual else None
        numtext = re.sub(r"\s+of$", "", e.group(0)[: e.start("nouns") - e.start()].strip())
        if e["v"]:
            lo = self.lexicon.vague[" ".join(e["v"].lower().split())]
            return Count(lo, None, numtext), False
        if e["n1"]:
            a, b = parse_number(e["n1"]), parse_number(e["n2"])
            if a is None or b is None or a > b:
                return None
            return Count(a, b, numtext), False
        n = parse_number(e["n"])
        if n is None:
            return None
        if qkind == "at_least":
            return Count(n, None, numtext), False
        if qkind == "more_than":
            return Count(n + 1, None, numtext), False
        if qkind == "up_to":
            return Count(None, n, numtext), False
        if qkind in ("fewer_than", "nearly"):
            return Count(None, max(n - 1, 0), numtext), False
        return Count(n, n, numtext), False


def _sum(counts: list[Count]) -> Count:
    mins = [c.min for c in counts]
    maxs = [c.max for c in counts]
    return Count(
        sum(mins) if all(x is not None for x in mins) else None,  # type: ignore[arg-type]
        sum(maxs) if all(x is not None for x in maxs) else None,  # type: ignore[arg-type]
    )


def _dedup(mentions: list[CasualtyMention]) -> list[CasualtyMention]:
    """Drop a mention inside a longer one of the same kind (two rules reading the same words)."""
    mentions.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[CasualtyMention] = []
    for x in mentions:
        def same(y: CasualtyMention) -> bool:
            return y.kind == x.kind and y.perpetrator == x.perpetrator

        if any(same(y) and y.start <= x.start and x.end <= y.end for y in out):
            continue
        out = [y for y in out if not (same(y) and x.start <= y.start and y.end <= x.end)]
        out.append(x)
    out.sort(key=lambda x: (x.start, x.end))
    return out


@functools.lru_cache(maxsize=1)
def default_extractor() -> CasualtyExtractor:
    """The extractor for the shipped lexicon, built once on first use."""
    return CasualtyExtractor(CountLexicon.load())


def find_casualties(sentence: str, *, extractor: CasualtyExtractor | None = None) -> list[CasualtyMention]:
    """Casualty mentions in one sentence (offsets into ``sentence``), sorted by offset."""
    return (extractor or default_extractor()).find(sentence)


def combine(mentions: Iterable[CasualtyMention]) -> dict[str, Count]:
    """One Count per kind for a set of mentions of the same event (e.g. one incident description).

    Mentions of one kind are not added up across statements: news restates a toll ("At least 62
    people were killed ... killing 20 soldiers"), so the largest is kept (by ``min``, else ``max``).
    Disjoint groups are summed only inside one statement ("killed three soldiers and two civilians").
    Perpetrator mentions count only when a kind has no other mention.
    """
    best: dict[str, tuple[bool, int, Count]] = {}
    for x in mentions:
        value = x.count.min if x.count.min is not None else (x.count.max or 0)
        key = (not x.perpetrator, value)
        if x.kind not in best or key > best[x.kind][:2]:
            best[x.kind] = (*key, x.count)  # type: ignore[assignment]
    return {k: v[2] for k, v in best.items()}
