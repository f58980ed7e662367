"""Cardinal numbers as news writes them: "46", "1,200", "3.5 million", "thirty-five", "two hundred", "a dozen".

:func:`parse_number` returns an ``int`` for an exact number and ``None`` for anything vague ("dozens",
"several") or unreadable. :data:`NUMBER_PATTERN` is the regular expression (a string, to be embedded)
that finds such numbers in text; the casualty extractor builds on it. Number words are closed-class
English grammar, so they live here rather than in a lexicon file.
"""

from __future__ import annotations

import re
from types import MappingProxyType

__all__ = ["parse_number", "NUMBER_PATTERN", "UNITS", "TENS", "SCALES"]

UNITS = MappingProxyType({
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
})
TENS = MappingProxyType({
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
})
SCALES = MappingProxyType({"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000})
#: exact group words: "a dozen" is 12, "a couple" is 2 ("a few", "dozens" are vague: see counts.yaml)
GROUPS = MappingProxyType({"dozen": 12, "couple": 2, "pair": 2})

_W = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_S = "|".join(SCALES)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
#: one number: "1,200", "3.5 million", "two hundred and fifty", "thirty-five", "a dozen", "half a dozen"
_WORD_TAIL = rf"(?:[\s-]+(?:and[\s-]+)?(?:{_W}|(?:{_S})(?!s)))*"
NUMBER_PATTERN = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:{_S}))?"
    rf"|(?:half\s+a\s+|a\s+|(?:{_W})\s+)?dozen(?!s)"
    rf"|a\s+(?:couple|pair)"
    rf"|a\s+(?:{_S})(?!s){_WORD_TAIL}"
    rf"|(?:{_W}){_WORD_TAIL})"
    r"(?![\w-])"
)
_FULL = re.compile(rf"(?i:{NUMBER_PATTERN})")
_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


def parse_number(text: str) -> int | None:
    """An exact cardinal as ``int``; ``None`` when vague ("dozens", "several") or not a number."""
    raw = " ".join(str(text).split())
    if not raw or re.search(r",(?!\d{3}(?!\d))", raw):
        return None  # "1,20" is not a number
    s = raw.lower().replace(",", "")
    if s.isdigit():
        return int(s)
    if not _FULL.fullmatch(" ".join(str(text).split())):
        return None
    if s.startswith("half a dozen"):
        return 6
    total, current = 0, 0
    for tok in _TOKEN.findall(s):
        if tok in ("a", "and", "of"):
            current = max(current, 1) if tok == "a" else current
            continue
        if tok[0].isdigit():
            value = float(tok)
            current += int(value) if value.is_integer() else value  # type: ignore[assignment]
        elif tok in UNITS:
            current += UNITS[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok in GROUPS:
            current = max(current, 1) * GROUPS[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in SCALES:
            total += max(current, 1) * SCALES[tok]
            current = 0
        else:
            return None
    value = total + current
    if value != int(value):
        return None  # "2.5" people
    return int(value)
