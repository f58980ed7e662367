"""Organisations the knowledge base does not list, recognised by the shape of their name.

News is full of actors no list holds: "the Homeland Union", "the Association of African Jurists", "the
Ceasefire Violations Committee (CFVC)". A capitalised name that ends in an organisation head noun ("Union",
"Association", "Committee", "Front", "Ministry", ...; resources/lexicons/org_heads.yaml) becomes an actor with
the head's PLOVER sector and, when the name carries a state's name or demonym ("Latvian Constitutional Court"),
that state's code. Names are only proposed where no known actor or place already covers the text; the event
coder treats them like any named actor (they are not generic), and they come out with ``kind``
``organisation`` and a ``hoopoe:unlisted:`` identifier so an analyst can tell them from curated actors.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from hoopoe.errors import ResourceError
from hoopoe.resolve.actors import Actor, ActorKB, ActorMatch, slugify

VERSION = "unlisted.v1"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*[A-Za-z]|[A-Za-z]|\(|\)|[,;:]")
_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "de", "du", "des", "del", "la", "le", "al", "el"})
#: Day and month names: "the University of Karachi on Monday" ends before "on Monday".
_CALENDAR = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                       "February", "March", "April", "May", "June", "July", "August", "September", "October",
                       "November", "December"})
_NOT_NAME_START = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "In", "On", "At", "By", "For", "From", "With", "After", "Before", "During", "Under", "Over", "As", "But",
    "And", "Or", "If", "When", "While", "Since", "Until", "A", "An", "This", "That", "These", "Those", "His",
    "Her", "Its", "Their", "Our", "Mr", "Mrs", "Ms", "Dr",
})


@dataclass(frozen=True, slots=True)
class HeadTable:
    sector: dict[str, str]  # head noun -> PLOVER sector
    version: str

    @classmethod
    def load(cls, extra: str | os.PathLike[str] | None = None) -> "HeadTable":
        paths = [resources.files("hoopoe").joinpath("resources/lexicons/org_heads.yaml")]
        env = extra or os.environ.get("HOOPOE_ORG_HEADS")
        if env:
            paths += [Path(p) for p in str(env).split(os.pathsep) if p]
        table: dict[str, str] = {}
        versions = []
        for p in paths:
            try:
                data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                raise ResourceError(f"cannot read organisation heads {p}: {exc}") from None
            versions.append(str(data.get("version", Path(str(p)).name)))
            for sector, heads in (data.get("heads") or {}).items():
                if not isinstance(heads, list):
                    raise ResourceError(f"{p}: heads.{sector} must be a list")
                for h in heads:
                    table.setdefault(str(h), str(sector))
        return cls(table, "+".join(versions))


@lru_cache(maxsize=1)
def default_heads() -> HeadTable:
    return HeadTable.load()


#: known mentions an unlisted name may contain: a state's name or demonym, a generic word, a composed group
#: ("Latvian Farmers" in "the Latvian Farmers Union")
ABSORBABLE_KINDS = frozenset({"state", "generic", "civilians"})


def covered_spans(matches: list[ActorMatch]) -> list[tuple[int, int]]:
    """The spans of known actors an unlisted name may not overlap."""
    return [(m.start, m.end) for m in matches if m.actor.kind not in ABSORBABLE_KINDS]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


_COMPASS = frozenset({"West", "East", "North", "South", "Western", "Eastern", "Northern", "Southern", "Left", "Right"})


def find_unlisted(text: str, kb: ActorKB, covered: list[tuple[int, int]],
                  heads: HeadTable | None = None) -> list[ActorMatch]:
    """Capitalised organisation names in ``text`` outside the ``covered`` character spans (known actors,
    places), each as an ActorMatch with a synthetic actor (``via`` = ``unlisted``)."""
    heads = heads or default_heads()
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    out: list[ActorMatch] = []
    i = 0
    n = len(toks)

    def free(s: int, e: int) -> bool:
        return not any(s < ce and cs < e for cs, ce in covered)

    while i < n:
        s, e, w = toks[i]
        if not _is_cap(w) or w in _NOT_NAME_START:
            i += 1
            continue
        # the longest run of capitalised words, joined by connectors, starting here
        j = i
        last_cap = i
        while j + 1 < n:
            nxt = toks[j + 1][2]
            if _is_cap(nxt):
                j += 1
                last_cap = j
            elif nxt.lower() in _CONNECTORS and nxt.lower() != "and":
                # "Association of the Bar", "Union of Islamic Courts": connectors, then a capitalised word
                k = j + 1
                while k < n and toks[k][2].lower() in _CONNECTORS and toks[k][2].lower() != "and":
                    k += 1
                if k < n and _is_cap(toks[k][2]) and toks[k][2] not in _CALENDAR and k - j <= 3:
                    j = k - 1
                else:
                    break
            elif nxt.lower() == "and" and j + 2 < n and toks[j + 2][2] in heads.sector:
                j += 1  # "Association of Doctors and Nurses" is not handled; "Peace and Reconciliation Commission" is
            else:
                break
        # the head noun: the last one, or the first one followed by "of ..." ("Association of African Jurists")
        head_at = [k for k in range(i, last_cap + 1) if toks[k][2] in heads.sector]
        if not head_at:
            i = last_cap + 1
            continue
        end = head_at[-1]
        head = toks[end][2]
        first = head_at[0]
        if first + 1 <= last_cap and toks[first + 1][2].lower() in ("of", "for", "on"):
            head, end = toks[first][2], last_cap
            # "Members of the Association of ...": the name begins after the last "the" before its head
            for k in range(first - 1, i - 1, -1):
                if toks[k][2].lower() == "the":
                    i = k
                    break
        # "Fighters of the Sinjar Resistance Units": words before a connector that precedes the head are not
        # part of the name
        conn = [k for k in range(i, first) if toks[k][2].lower() in _CONNECTORS]
        if conn:
            i = conn[-1] + 1
        start = i
        while start < end and (toks[start][2] in ("The", "the") or toks[start][2].lower() in ("of", "for")):
            start += 1
        if start >= end or toks[start][2] in _NOT_NAME_START or all(
                toks[k][2] in _COMPASS for k in range(start, end)):
            i = last_cap + 1  # "the West Bank", "the South Bank": a region's name, not an organisation's
            continue
        cs, ce = toks[start][0], toks[end][1]
        name = text[cs:ce]
        # a trailing acronym in brackets belongs to the name: "Ceasefire Violations Committee (CFVC)"
        if end + 3 < n and toks[end + 1][2] == "(" and toks[end + 3][2] == ")" and toks[end + 2][2].isupper():
            ce = toks[end + 3][1]
        if free(cs, ce) and not _only_known_words(name, kb):
            out.append(ActorMatch(cs, ce, text[cs:ce], _actor(name, head, heads, kb), "unlisted"))
        i = end + 1
    return out


def _only_known_words(name: str, kb: ActorKB) -> bool:
    """"Afghan Government" is the KB's composed institution (matched elsewhere), not a new organisation."""
    return kb.lookup(name) is not None


def _actor(name: str, head: str, heads: HeadTable, kb: ActorKB) -> Actor:
    sector = heads.sector[head]
    code = country = None
    for word in name.replace("-", " ").split():
        if not _is_cap(word) or word == head:
            continue
        known = kb.lookup(word)
        if known is not None and known.kind == "state":
            code = country = known.code
            break
    kind = "media" if sector == "JRN" else "organisation"
    return Actor(id=f"unlisted:{slugify(name)}", name=name, kind=kind, sector=sector, code=code, country=country)
