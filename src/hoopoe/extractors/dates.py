"""Date and time expressions in news text, normalised against the publication date.

:func:`find_dates` finds every date expression in a text and returns :class:`DateMention` records
(character offsets into the given text plus a :class:`~hoopoe.records.DateInfo`);
:func:`normalize_date` normalises one expression; :func:`parse_published` reads a user-supplied
publication date and is the only function here that raises (:class:`~hoopoe.errors.BadDate`).

Conventions (each one is tested in tests/extract/test_dates.py):

* A weekday ("on Friday", "Tuesday night", "Friday prayers") is the most recent such day on or before
  the publication date when ``tense="past"`` (news default), the next one strictly after it when
  ``tense="future"``. ``tense="auto"`` looks for a future cue ("will", "is due to", "next", ...) in
  the words just before the expression. "last Friday" is always past, "next Friday" always future.
* "N weeks ago" has week precision: the six days ``[P - 7N - 3, P - 7N + 2]`` around the day N weeks
  before publication P (published Monday 2021-10-11, "a week ago" is 2021-10-01..2021-10-06; anything
  closer than five days would have been written with a weekday). "last/this/next week" is the ISO week
  (Monday..Sunday) before, of, or after the publication date.
* A month without a year ("in August") has month precision in the latest such month not after the
  publication date (``tense="future"``: the next one not before it). "early/mid/late August" keeps
  month precision but narrows start..end to days 1-10, 11-20, 21-end.
* A day and month without a year ("Feb. 24", "24 February") takes the publication year when that date
  is at most :data:`FUTURE_GRACE_DAYS` after publication, otherwise the year before (reversed for
  ``tense="future"``).
* Numeric dates: ``YYYY-MM-DD``; ``A/B/YYYY`` is US order (month/day) unless A > 12, then day/month.
* "since 2014" is the range 2014-01-01..publication date; "between 2015 and 2018", "from March to
  May", "the 1990s", "early 2020" (Jan-Apr), "mid-2020" (May-Aug), "late 2020" (Sep-Dec) are ranges.
* Without a publication date, absolute expressions resolve and relative ones keep their text with
  precision ``unknown``. Impossible dates ("February 30", "year 20211") are ``unknown``, never errors.
* False positives avoided: "May"/"March" without a date cue (modal verb, verb, surname), a weekday
  followed by a capitalised word ("Sunday Times") or after "Good"/"Black"/"Bloody", a bare four-digit
  number (years need a cue such as "in", "since", "by" or a month).
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from hoopoe.errors import BadDate
from hoopoe.records import DateInfo

log = logging.getLogger(__name__)

__all__ = ["DateMention", "find_dates", "normalize_date", "parse_published", "TENSES"]

TENSES = ("past", "future", "auto")

#: A day-and-month date without a year may lie this many days after publication and still be read
#: in the publication year ("talks resume on Oct. 14" in an article of Oct. 11). Chosen as one week:
#: announcements of the coming days are common, a date further ahead in a past-tense report is not.
FUTURE_GRACE_DAYS = 7

#: Years outside this span are not dates in news text (and are rejected by parse_published).
MIN_YEAR, MAX_YEAR = 1800, 2200

# --------------------------------------------------------------------------------------------
# Closed-class vocabulary (grammar of English dates, not a tunable lexicon)

_MONTHS = (
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May", "May"),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
)
_WEEKDAYS = (
    ("Monday", "Mon"), ("Tuesday", "Tues", "Tue"), ("Wednesday", "Wed"), ("Thursday", "Thurs", "Thu"),
    ("Friday", "Fri"), ("Saturday", "Sat"), ("Sunday", "Sun"),
)


def _name_table(groups: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    table = {}
    for i, names in enumerate(groups, start=1):
        for n in names:
            table[n.lower()] = i
    return table


_MONTH_NUM = _name_table(_MONTHS)
_WEEKDAY_NUM = {k: v - 1 for k, v in _name_table(_WEEKDAYS).items()}  # Monday = 0 as date.weekday()
_SMALL_NUM = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
}


def _alt(names: list[str]) -> str:
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


def _month_alt() -> str:
    """Month names, capitalised (or upper case); abbreviations may take a dot."""
    full = [g[0] for g in _MONTHS]
    abbr = [a for g in _MONTHS for a in g[1:] if a != "May"]
    forms = full + [f.upper() for f in full]
    return rf"(?:{_alt(forms)}|(?:{_alt(abbr)})\.?(?![a-z]))"


def _weekday_alt() -> str:
    """Full weekday names only: "Sun." and "Sat." are too often something else."""
    full = [g[0] for g in _WEEKDAYS]
    return f"(?:{_alt(full + [f.upper() for f in full])})"


_MON = _month_alt()
_WD = _weekday_alt()
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_NUMW = r"(?:\d{1,3}|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_B = r"(?<![\w-])"  # left word boundary that also refuses "-2019" inside identifiers
_E = r"(?![\w])"


def _ci(s: str) -> str:
    """Case-insensitive group (month and weekday names stay case-sensitive)."""
    return f"(?i:{s})"


#: prepositions kept inside the span because they do not change the meaning ("On Friday", "in August")
_PRE = _ci(r"(?:on|in|during|at|over|for)\s+")
#: words before a bare month or year that make it a date ("by 2025", "until March", "of 2019")
_STRONG_CUE = re.compile(r"(?i:\b(?:in|since|by|during|until|till|through|throughout|early|late|mid|circa|c\.)[\s-]+)$")
_WEAK_CUE = re.compile(r"(?i:\b(?:from|of|after|before|around|on|to|and|or|year)\s+)$")
_MOD = _ci(r"(?:early|late|mid|the\s+(?:start|beginning|end|middle)\s+of|the\s+(?:first|second|last)\s+half\s+of)")

# --------------------------------------------------------------------------------------------
# Normalisation helpers


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: ``text == source[start:end]``; ``info`` is the normalised date."""

    start: int
    end: int
    text: str
    info: DateInfo


def _iso(d: date) -> str:
    return d.isoformat()


def _info(text: str, start: date | None, end: date | None, precision: str) -> DateInfo:
    if start is None or end is None and precision != "range":
        return DateInfo(start=None, end=None, precision="unknown", text=text)
    return DateInfo(start=_iso(start), end=_iso(end) if end else None, precision=precision, text=text)


def _safe_date(y: int, m: int, d: int) -> date | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _num(word: str) -> int | None:
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return _SMALL_NUM.get(w)


def _day_num(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _weekday_num(s: str) -> int:
    return _WEEKDAY_NUM[s.rstrip(".").lower()]


def _month_num(s: str) -> int:
    return _MONTH_NUM[s.rstrip(".").lower()]


def _resolve_weekday(wd: int, pub: date, future: bool, strict_past: bool = False) -> date:
    if future:
        delta = (wd - pub.weekday()) % 7 or 7
        return pub + timedelta(days=delta)
    delta = (pub.weekday() - wd) % 7
    if strict_past and delta == 0:
        delta = 7
    return pub - timedelta(days=delta)


def _year_for_month(m: int, pub: date, future: bool) -> int:
    if future:
        return pub.year if m >= pub.month else pub.year + 1
    return pub.year if m <= pub.month else pub.year - 1


def _year_for_day(m: int, d: int, pub: date, future: bool) -> int | None:
    for y in ((pub.year, pub.year + 1) if future else (pub.year, pub.year - 1)):
        c = _safe_date(y, m, d)
        if c is None:
            continue
        if future and c >= pub - timedelta(days=FUTURE_GRACE_DAYS):
            return y
        if not future and c <= pub + timedelta(days=FUTURE_GRACE_DAYS):
            return y
    # Feb 29 of a non-leap year, or nothing fits: let the caller give "unknown"
    return None


def _week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _part_bounds(mod: str | None, y: int, m: int) -> tuple[date, date]:
    """Month start..end narrowed by "early"/"mid"/"late"."""
    last = _month_end(y, m)
    mod = (mod or "").lower()
    if mod.startswith("early") or "start" in mod or "beginning" in mod or "first half" in mod:
        return date(y, m, 1), date(y, m, 10 if "half" not in mod else 15)
    if mod.startswith("mid") or "middle" in mod:
        return date(y, m, 11), date(y, m, 20)
    if mod.startswith("late") or "end" in mod or "last half" in mod or "second half" in mod:
        return date(y, m, 21 if "half" not in mod else 16), last
    return date(y, m, 1), last


def _year_part(mod: str | None, y: int) -> tuple[date, date]:
    """Year start..end narrowed by "early" (Jan-Apr), "mid" (May-Aug), "late" (Sep-Dec)."""
    mod = (mod or "").lower()
    if mod.startswith("early") or "start" in mod or "beginning" in mod:
        return date(y, 1, 1), date(y, 4, 30)
    if mod.startswith("mid") or "middle" in mod:
        return date(y, 5, 1), date(y, 8, 31)
    if mod.startswith("late") or "end of" in mod:
        return date(y, 9, 1), date(y, 12, 31)
    if "first half" in mod:
        return date(y, 1, 1), date(y, 6, 30)
    if "second half" in mod or "last half" in mod:
        return date(y, 7, 1), date(y, 12, 31)
    return date(y, 1, 1), date(y, 12, 31)


# --------------------------------------------------------------------------------------------
# Rules: (name, compiled pattern, handler). A handler gets (match, published, future) and returns
# (start, end, precision), or None to reject the match (a false positive).

_Result = tuple[date | None, date | None, str] | None
_Handler = Callable[[re.Match[str], date | None, bool], _Result]
_UNKNOWN: _Result = (None, None, "unknown")

_ABS_PART = (  # an absolute or month-level date, as found inside "since ..." / "between ... and ..."
    rf"(?:{_MON}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MON},?\s+{_YEAR}|{_MON},?\s+{_YEAR}"
    rf"|{_MON}\s+{_DAY}|{_DAY}\s+{_MON}|{_MON}|{_YEAR})"
)
_ABS_PART_RE = re.compile(_ABS_PART)


def _g(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _before(m: re.Match[str], cue: re.Pattern[str]) -> bool:
    return cue.search(m.string, max(0, m.start() - 20), m.start()) is not None


def _h_iso(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (d, d, "day")


def _h_slash(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000
    month, day = (b, a) if a > 12 else (a, b)  # US order unless the first number cannot be a month
    d = _safe_date(y, month, day)
    return (d, d, "day")


def _h_day_month(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    month, day = _month_num(m["mon"]), _day_num(m["d"])
    if m["y"]:
        d = _safe_date(int(m["y"]), month, day)
        return (d, d, "day")
    if _safe_date(2000, month, day) is None or pub is None:  # 2000 is a leap year: Feb 29 is possible
        return _UNKNOWN
    y = _year_for_day(month, day, pub, future)
    d = _safe_date(y, month, day) if y else None
    return (d, d, "day")


def _h_month_year(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    y = int(m["y"])
    if not MIN_YEAR <= y <= MAX_YEAR:
        return _UNKNOWN
    s, e = _part_bounds(_g(m, "mod"), y, _month_num(m["mon"]))
    return (s, e, "month")


def _h_month(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    mod, rel = _g(m, "mod"), (_g(m, "rel") or "").lower()
    if not (_g(m, "pre") or mod or rel or _before(m, _STRONG_CUE) or _before(m, _WEAK_CUE)):
        return None  # a bare "May" / "March" / "August" is a verb, a name or an adjective
    if pub is None:
        return _UNKNOWN
    month = _month_num(m["mon"])
    if rel == "last":
        y = pub.year if month < pub.month else pub.year - 1
    elif rel == "next":
        y = pub.year if month > pub.month else pub.year + 1
    elif rel == "this":
        y = pub.year
    else:
        y = _year_for_month(month, pub, future)
    s, e = _part_bounds(mod, y, month)
    return (s, e, "month")


def _h_year(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    mod = _g(m, "mod")
    strong = _g(m, "pre") or mod or _before(m, _STRONG_CUE)
    if not strong:
        # "of 2019" is a date, "a total of 2014 people" is not: weak cues need no noun after the number
        if not _before(m, _WEAK_CUE) or _NOUN_AFTER.match(m.string, m.end()):
            return None
    y = int(m["y"])
    if not MIN_YEAR <= y <= MAX_YEAR:
        return _UNKNOWN
    if mod:
        s, e = _year_part(mod, y)
        return (s, e, "range")
    return (date(y, 1, 1), date(y, 12, 31), "year")


_NOUN_AFTER = re.compile(
    r"\s+(?!(?:and|or|to|when|after|before|as|but|in|on|at|that|the|there|which|while|with|under|until)\b)[a-z]"
)


def _h_year_range(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    y1, y2s = int(m["y1"]), m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if not (MIN_YEAR <= y1 < y2 <= MAX_YEAR):
        return None  # "2014-2014" or "2019-12" is not a span of years
    return (date(y1, 1, 1), date(y2, 12, 31), "range")


def _h_decade(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    raw = m["dec"].lstrip("'’")
    if len(raw) == 2:  # "the '90s": the most recent such decade that has begun
        y = 2000 + int(raw)
        if pub is None or y > pub.year:
            y -= 100
    else:
        y = int(raw)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return _UNKNOWN
    mod = (_g(m, "mod") or "").lower()
    s, e = date(y, 1, 1), date(y + 9, 12, 31)
    if mod == "early":
        e = date(y + 3, 12, 31)
    elif mod == "mid":
        s, e = date(y + 3, 1, 1), date(y + 6, 12, 31)
    elif mod == "late":
        s = date(y + 6, 1, 1)
    return (s, e, "range")


def _h_weekday(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    rel = " ".join((_g(m, "rel") or "").lower().split())
    if not (_g(m, "pre") or rel) and _CAP_AFTER.match(m.string, m.end()):
        return None  # "Sunday Times", "Friday Mosque"
    if pub is None:
        return _UNKNOWN
    wd = _weekday_num(m["wd"])
    if rel in ("last", "this past"):
        d = _resolve_weekday(wd, pub, False, strict_past=True)
    elif rel in ("next", "this coming", "coming"):
        d = _resolve_weekday(wd, pub, True)
    elif rel == "this":
        d = _week_of(pub)[0] + timedelta(days=wd)
    else:
        d = _resolve_weekday(wd, pub, future)
    return (d, d, "day")


_CAP_AFTER = re.compile(r"(?:['’]s)?\s+[A-Z][a-z]")


def _h_relday(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    if pub is None:
        return _UNKNOWN
    w = " ".join(m["w"].lower().split())
    if w.startswith("the day before yesterday"):
        d = pub - timedelta(days=2)
    elif w.startswith(("yesterday", "last night", "overnight")):
        d = pub - timedelta(days=1)
    elif w.startswith("tomorrow"):
        d = pub + timedelta(days=1)
    else:  # today, tonight, this morning, earlier today
        d = pub
    return (d, d, "day")


def _h_ago(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    n = _num(m["n"])
    if n is None:
        return None
    if pub is None:
        return _UNKNOWN
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        d = pub - timedelta(days=n)
        return (d, d, "day")
    if unit == "week":
        c = pub - timedelta(days=7 * n)
        return (c - timedelta(days=3), c + timedelta(days=2), "week")
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, -n)
        return (date(y, mo, 1), _month_end(y, mo), "month")
    y = pub.year - n
    return (date(y, 1, 1), date(y, 12, 31), "year")


def _h_relunit(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    """last/this/next week|month|year, earlier/later this week|month|year."""
    if pub is None:
        return _UNKNOWN
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    k = -1 if rel in ("last", "past", "previous") else 1 if rel in ("next", "coming") else 0
    if unit == "week":
        s, e = _week_of(pub + timedelta(days=7 * k))
        prec = "week"
    elif unit == "month":
        y, mo = _add_months(pub.year, pub.month, k)
        s, e = date(y, mo, 1), _month_end(y, mo)
        prec = "month"
    else:
        s, e = date(pub.year + k, 1, 1), date(pub.year + k, 12, 31)
        prec = "year"
    if rel.startswith("earlier"):
        return (s, pub, "range")
    if rel.startswith("later"):
        return (pub, e, "range")
    return (s, e, prec)


def _h_weekend(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    if pub is None:
        return _UNKNOWN
    rel = (_g(m, "rel") or "").lower()
    if rel in ("next", "coming") or (future and rel not in ("last", "past")):
        sat = pub + timedelta(days=(5 - pub.weekday()) % 7 or 7)
    else:  # the weekend just gone (or under way)
        sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if rel == "last" and pub.weekday() >= 5:
            sat -= timedelta(days=7)
    return (sat, sat + timedelta(days=1), "range")


def _h_past_span(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    """"in the past week", "over the last 24 hours" -> the range ending at publication."""
    n = _num(m["n"]) if _g(m, "n") else 1
    if n is None:
        return None
    if pub is None:
        return _UNKNOWN
    unit = m["unit"].lower().rstrip("s")
    days = {"hour": max(1, n // 24), "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[unit]
    return (pub - timedelta(days=days), pub, "range")


def _resolve_part(expr: str, pub: date | None, future: bool) -> DateInfo | None:
    """An absolute part of "since X" or "between X and Y", read as if written "in X"."""
    expr = expr.strip()
    for prefix in ("", "in "):
        for f in _scan(prefix + expr, pub, future, auto=False):
            if f.end - f.start >= len(prefix + expr) - 1 and f.info.start is not None:
                return f.info
    return None


def _h_since(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    inner = _resolve_part(m["inner"], pub, future)
    if inner is None or inner.start is None:
        return _UNKNOWN
    return (date.fromisoformat(inner.start), pub, "range")


def _h_between(m: re.Match[str], pub: date | None, future: bool) -> _Result:
    ta, tb = (m["a"] or m["a2"]).strip(), m["b"].strip()
    if not _ABS_PART_RE.fullmatch(ta):
        return None
    b = _resolve_part(tb, pub, future)
    if b is None or b.end is None:
        return _UNKNOWN
    e = date.fromisoformat(b.end)
    a: DateInfo | None = None
    if not re.search(_YEAR, ta) and re.search(_YEAR, tb):
        # "from March to May 2020": the year written on the second part applies to the first
        for y in (e.year, e.year - 1):
            a = _resolve_part(f"{ta} {y}", pub, future)
            if a is not None and a.start is not None and a.start <= b.end:
                break
    else:
        a = _resolve_part(ta, pub, future)
    if a is None or a.start is None or a.start > b.end:
        return _UNKNOWN
    return (date.fromisoformat(a.start), e, "range")


def _c(p: str) -> re.Pattern[str]:
    return re.compile(p)


_SPAN_PART = r"(?:[^,;.]|\.(?=\s*\d))"  # any character of "Jan. 3", not a clause or sentence end
_Y4 = r"\d{4,5}"  # five digits are caught so that "20211" becomes "unknown" rather than "2021"

_WD_REL = _ci(r"last|next|this|this\s+coming|this\s+past|coming")
_RELDAY = _ci(
    rf"the\s+day\s+before\s+yesterday|yesterday(?:\s+{_PART})?|today|tonight|tomorrow(?:\s+{_PART})?"
    r"|last\s+night|this\s+(?:morning|afternoon|evening)|earlier\s+today|overnight"
)
_AGO = _ci(r"(?P<unit>days?|weeks?|months?|years?)\s+ago")
_REL_UNIT = _ci(r"last|this|next|past|previous|coming|earlier\s+this|later\s+this")
_PAST_SPAN = _ci(
    r"(?:in|over|during|within)\s+the\s+(?:past|last)\s+(?:(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+)?"
    r"(?P<unit>hours?|days?|weeks?|months?|years?)"
)

#: Between overlapping matches the longest wins; at equal length, the earlier rule.
_RULES: tuple[tuple[str, re.Pattern[str], _Handler], ...] = (
    ("iso", _c(rf"{_B}(?:{_PRE})?(?P<y>{_Y4})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d){_E}"), _h_iso),
    ("slash", _c(rf"{_B}(?:{_PRE})?(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{_Y4}|\d\d){_E}(?!/)"), _h_slash),
    ("since", _c(rf"{_B}{_ci('since')}\s+(?P<inner>{_ABS_PART}|{_WD}|{_ci('last|this')}\s+{_ci('week|month|year')})(?![\w-])"), _h_since),
    ("between", _c(
        rf"{_B}(?:{_ci('between')}\s+(?P<a>{_SPAN_PART}{{3,25}}?)\s+{_ci('and')}|{_ci('from')}\s+(?P<a2>{_SPAN_PART}{{3,25}}?)\s+"
        rf"{_ci('to|until|till|through')})\s+(?P<b>{_ABS_PART})(?![\w-])"), _h_between),
    ("yrange", _c(rf"{_B}(?:{_ci('in|from|between|during')}\s+)?(?P<y1>{_YEAR})\s*[-–]\s*(?P<y2>{_YEAR}|\d\d)(?![\w-])"), _h_year_range),
    ("decade", _c(rf"{_B}(?:{_ci('in|during|since|by')}\s+)?{_ci('the')}\s+(?:(?P<mod>{_ci('early|mid|late')})[\s-])?(?P<dec>1[89]\d0|2[01]\d0|['’]?\d0)[’']?s{_E}"), _h_decade),
    # "Friday, October 8, 2021", "on Oct. 8", "October 8th, 2021", "Oct 8 2021"
    ("mdy", _c(rf"{_B}(?:{_PRE})?(?:{_WD},?\s+)?(?P<mon>{_MON})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_Y4}))?(?![\w:])(?!,\d)"), _h_day_month),
    # "8 October 2021", "on the 8th of October", "24 February"
    ("dmy", _c(rf"{_B}(?:{_PRE})?(?:{_ci('the')}\s+)?(?:{_WD},?\s+)?(?P<d>{_DAY})(?:\s+{_ci('of')})?\s+(?P<mon>{_MON})(?:,?\s+(?P<y>{_Y4}))?{_E}"), _h_day_month),
    # "February of 2020", "in February 2020", "late August 2021"
    ("month_year", _c(rf"{_B}(?:{_PRE})?(?:(?P<mod>{_MOD})[\s-]+)?(?P<mon>{_MON}),?\s+(?:{_ci('of')}\s+)?(?P<y>{_Y4}){_E}"), _h_month_year),
    # "in late August", "mid-September", "last March", "in May" (a bare month needs a cue)
    ("month", _c(rf"{_B}(?:(?P<pre>{_ci('in|during')})\s+)?(?:(?P<mod>{_MOD})[\s-]+|(?P<rel>{_ci('last|next|this')})\s+)?(?P<mon>{_MON}){_E}(?!\s+\d)"), _h_month),
    # "in 2019", "early 2020", "by 2025" (a bare year needs a cue: "2014 people" is a count)
    ("year", _c(rf"{_B}(?:(?P<pre>{_ci('in|during')})\s+)?(?:(?P<mod>{_MOD})[\s-]+)?(?P<y>{_Y4}){_E}(?!\s*[-–%/]|[.,]\d)"), _h_year),
    ("weekday", _c(
        rf"(?<!{_ci('good')}\s)(?<!{_ci('black')}\s)(?<!{_ci('bloody')}\s){_B}(?:(?P<pre>{_ci('on|during|over|by|until')})\s+|"
        rf"(?P<rel>{_WD_REL})\s+)?(?P<wd>{_WD})(?:\s+{_PART})?{_E}"), _h_weekday),
    ("relday", _c(rf"{_B}(?:{_ci('on|in|during|at|over|for|until|by')}\s+)?(?P<w>{_RELDAY}){_E}"), _h_relday),
    ("ago", _c(rf"{_B}(?P<n>{_ci(_NUMW)})\s+{_AGO}{_E}"), _h_ago),
    ("relunit", _c(rf"{_B}(?:{_PRE})?(?P<rel>{_REL_UNIT})\s+(?P<unit>{_ci('week|month|year')}){_E}(?!['’]s)"), _h_relunit),
    ("weekend", _c(rf"{_B}(?:{_ci('over|on|at|during|for')}\s+)?(?:{_ci('the')}|(?P<rel>{_ci('last|this|next|past|coming')}))\s+{_ci('weekend')}{_E}"), _h_weekend),
    ("past_span", _c(rf"{_B}{_PAST_SPAN}{_E}"), _h_past_span),
)

#: Cheap gate: text without a digit or any of these words cannot hold a date.
_GATE = re.compile(
    rf"\d|{_MON}|{_WD}|{_ci(r'today|tonight|yesterday|tomorrow|night|morning|week|month|year|ago|weekend|since')}"
)

_FUTURE_CUE = re.compile(
    r"(?i:\b(?:will|shall|won't|'ll|(?:is|are)\s+(?:due|set|scheduled|expected|planning|going)\s+to|"
    r"plans?\s+to|scheduled\s+for|upcoming)\b)[^.;!?]{0,60}$"
)


def _scan(text: str, pub: date | None, future: bool, auto: bool) -> list[DateMention]:
    if not _GATE.search(text):
        return []
    cands: list[tuple[int, int, int, re.Match[str]]] = []
    for prio, (_, pat, _) in enumerate(_RULES):
        for m in pat.finditer(text):
            cands.append((m.start(), m.end(), prio, m))
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for s, e, prio, m in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        fut = future or (auto and _FUTURE_CUE.search(text, max(0, s - 80), s) is not None)
        res = _RULES[prio][2](m, pub, fut)
        if res is None:
            continue
        taken.append((s, e))
        out.append(DateMention(s, e, m.group(0), _info(m.group(0), *res)))
    out.sort(key=lambda d: d.start)
    return out


def _check_tense(tense: str) -> bool:
    if tense not in TENSES:
        raise ValueError(f"tense must be one of {', '.join(TENSES)}, not {tense!r}")
    return tense == "future"


def find_dates(text: str, published: date | None, *, tense: str = "past") -> list[DateMention]:
    """Every date expression in ``text``, sorted by offset and non-overlapping (the longest wins).

    ``tense``: "past" (news default), "future", or "auto" (future when a cue such as "will" or
    "is due to" comes shortly before the expression in the same sentence).
    """
    future = _check_tense(tense)
    if not text:
        return []
    return _scan(text, published, future, auto=tense == "auto")


def normalize_date(expr: str, published: date | None, *, tense: str = "past") -> DateInfo:
    """One date expression as a DateInfo with ``text=expr``; unreadable is precision ``unknown``.

    The longest date found in ``expr`` is used when it covers at least half of it ("by 2025").
    """
    future = _check_tense(tense)
    stripped = expr.strip()
    found = _scan(stripped, published, future, auto=tense == "auto") if stripped else []
    if found:
        best = max(found, key=lambda f: f.end - f.start)
        if 2 * (best.end - best.start) >= len(stripped):
            info = best.info
            return DateInfo(start=info.start, end=info.end, precision=info.precision, text=expr)
    return DateInfo(start=None, end=None, precision="unknown", text=expr)


_PUB_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y%m%d")
_ACCEPTED = "YYYY-MM-DD, an ISO 8601 timestamp, RFC 822 (e.g. 'Mon, 11 Oct 2021 08:00:00 GMT'), '11 October 2021', 'October 11, 2021'"


def parse_published(value: str) -> date:
    """A user-supplied publication date; raises BadDate naming the value and the accepted formats."""
    raw = (value or "").strip() if isinstance(value, str) else value
    if isinstance(raw, datetime):
        d = raw.date()
    elif isinstance(raw, date):
        d = raw
    else:
        d = _parse_pub_str(raw) if isinstance(raw, str) and raw else None
    if d is None:
        raise BadDate(f"cannot read publication date {value!r}: accepted formats are {_ACCEPTED}")
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise BadDate(f"publication date {value!r} has year {d.year}, outside {MIN_YEAR}-{MAX_YEAR}; accepted formats are {_ACCEPTED}")
    return d


def _parse_pub_str(raw: str) -> date | None:
    for fmt in _PUB_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        return None
