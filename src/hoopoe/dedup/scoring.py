"""How likely two reports (or a report and a cluster, or two clusters) describe one happening.

Each signal adds evidence for or against, on a log-odds scale; a few rule a merge out outright (vetoes).
The sum less :data:`BIAS` goes through a logistic function to a score in 0..1, and every contribution is
kept as a reason, so a merge decision can be read and argued with::

    score 0.97: type ASSAULT (+0.5); same day 2023-03-03 (+2.0); same place Mogadishu (+2.0);
    killed compatible 12+ ~ 15 (+0.6); mode explosive (+0.5); words 0.41 (+0.6)

The weights were set by reasoning about news reports (what one outlet words differently from another,
what tells two look-alike events apart) and checked on the labelled corpus in tests/fixtures/dedup/.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from hoopoe.dedup.features import Figure, Profile, cosine, km

#: Sum of evidence needed for an even chance of one happening. A same-type report of the same day and the
#: same town (0.5 + 2 + 2) clears it; a same-type report of the same week in the same province (0.5 + 1 +
#: 0.4) needs more (shared actors, figures, wording).
BIAS = 3.0
#: Merge when the score reaches this (the logistic of the evidence less BIAS).
THRESHOLD = 0.5

# type
TYPE_SAME = 0.5
#: Pairs of types one happening is often coded as by different wordings ("abducted" ASSAULT and "seized"
#: COERCE; "protesters demanded" REQUEST and "protested" PROTEST); any other pair of types is a veto.
COMPATIBLE_TYPES = frozenset({frozenset({"ASSAULT", "COERCE"}), frozenset({"PROTEST", "REQUEST"}),
                              frozenset({"ACCUSE", "REJECT"})})
TYPE_COMPATIBLE = -0.5

# date
SAME_DAY = 2.0
OVERLAP_WEEK = 1.0  # overlapping dates, the wider no more than 8 days ("last week" and "on Friday")
OVERLAP_MONTH = 0.4
OVERLAP_WIDE = 0.1
OVERLAP_INFERRED = 0.3  # one side dated only by its publication day
ADJACENT_DAY = 0.5  # "late Thursday" and "Friday": time zones and night-time events
ADJACENT_COARSE = -0.5
TWO_DAYS = -1.5
#: Dates further apart than this (in days between the intervals) are different happenings.
MAX_GAP_DAYS = 2
#: ... and when both dates are single days, further apart than this (a night-time event can be dated on
#: either side of midnight; two days apart it is another event: strikes on a city on Tuesday and Thursday).
MAX_GAP_DAYS_EXACT = 1

# place
SAME_PLACE = 2.0
NEAR_3KM = 1.5  # the same spot under two gazetteer entries (a city and its district)
NEAR_25KM = 0.6
NEAR_75KM = 0.2
FAR = -1.5  # two precise places more than 75 km apart
SAME_ADMIN1 = 0.4
OTHER_ADMIN1 = -1.5
SAME_COUNTRY = 0.1

# who
SHARED_PARTY = 1.0
SHARED_PARTIES = 1.5  # two or more named parties in common
PARTY_CONFLICT = -1.0  # both name parties, none in common (and no country in common)
VERBAL_ROLE_SHARED = 1.0
VERBAL_ROLE_CODE = 0.5  # not the same entity, but the same state or organisation (Moldova, its ministry)
VERBAL_ROLE_CONFLICT = -2.0  # statements: "Iran accused Israel" is not "Iran accused the United States"
GENERIC_SHARED = 0.3  # both hit "civilians", or both "police"
GENERIC_CONFLICT = -1.0  # "civilians" against "soldiers", "journalists" against "opposition" detained

# casualties
FIGURE_EQUAL = 1.0
FIGURE_COMPATIBLE = 0.6
FIGURE_DIFFERENT = -1.0
FIGURE_FAR_APART = -2.0  # 3 times or more, and 5 or more apart
#: Two figures agree when the larger is at most this share above the smaller, plus FIGURE_SLACK (early
#: and late counts, rounding: 12 and 15 agree, 5 and 9 do not).
FIGURE_RATIO = 1.3
FIGURE_SLACK = 2
WOUNDED_FACTOR = 0.5  # wounded figures are less often reported and vaguer: half weight

# how
MODE_SHARED = 0.5
MODE_CONFLICT = -2.0
MODE_CONFLICTS = frozenset({frozenset(p) for p in (
    ("air", "ground"), ("air", "abduct"), ("air", "crowd"), ("explosive", "abduct"), ("explosive", "crowd"),
    ("abduct", "crowd"), ("artillery", "abduct"),
)})

# words
WORDS_WEIGHT = 3.0
WORDS_BASE = 0.2  # cosine at which wording is neutral
WORDS_MIN, WORDS_MAX = -0.6, 1.5


@dataclass(slots=True)
class Match:
    """The outcome of comparing two profiles. ``veto``: why they cannot be one happening (score 0)."""

    score: float
    evidence: float
    reasons: list[str] = field(default_factory=list)
    veto: str | None = None

    @property
    def merge(self) -> bool:
        return self.veto is None and self.score >= THRESHOLD

    def explain(self) -> str:
        if self.veto:
            return f"no: {self.veto}"
        return f"score {self.score:.2f}: " + "; ".join(self.reasons)


def _veto(reason: str) -> Match:
    return Match(0.0, -math.inf, [], reason)


@lru_cache(maxsize=4096)
def _day(n: int) -> str:
    return date.fromordinal(n).isoformat()


def _fig(f: Figure) -> str:
    if f.lo is not None and f.hi is None:
        return f"{f.lo}+"
    if f.lo is None:
        return f"<={f.hi}"
    return str(f.lo) if f.lo == f.hi else f"{f.lo}-{f.hi}"


def figures_agree(a: Figure, b: Figure) -> bool:
    """Whether two casualty figures can be counts of one event (ranges and "at least" respected)."""
    lo_a, hi_a, lo_b, hi_b = a.low, a.high, b.low, b.high
    return lo_b <= hi_a * FIGURE_RATIO + FIGURE_SLACK and lo_a <= hi_b * FIGURE_RATIO + FIGURE_SLACK


def _figures(name: str, a: Figure | None, b: Figure | None, a_pub: int | None, b_pub: int | None,
             factor: float, reasons: list[str]) -> float:
    if a is None or b is None:
        return 0.0
    if figures_agree(a, b):
        w = FIGURE_EQUAL if (a.lo == b.lo and a.hi == b.hi) else FIGURE_COMPATIBLE
        reasons.append(f"{name} {'equal' if w == FIGURE_EQUAL else 'compatible'} {_fig(a)} ~ {_fig(b)} "
                       f"({w * factor:+.1f})")
        return w * factor
    small, large = (a, b) if a.high < b.low else (b, a)
    far = large.low >= 3 * small.high and large.low - small.high >= 5
    w = FIGURE_FAR_APART if far else FIGURE_DIFFERENT
    # tolls rise as bodies are found: a later report with the larger figure is weaker evidence against
    s_pub, l_pub = (a_pub, b_pub) if small is a else (b_pub, a_pub)
    rising = s_pub is not None and l_pub is not None and l_pub > s_pub
    if rising:
        w /= 2
    reasons.append(f"{name} differ {_fig(a)} vs {_fig(b)}{' (later report higher)' if rising else ''} "
                   f"({w * factor:+.1f})")
    return w * factor


def score(a: Profile, b: Profile, *, blocked: bool = False) -> Match:
    """Compare two profiles (a report is a profile of one). ``blocked``: a recorded decision (an undone
    merge) keeps them apart."""
    if blocked:
        return _veto("kept apart by an undone merge")
    if a.articles & b.articles:
        return _veto("same article (one article's events are distinct by the extractor's decision)")
    reasons: list[str] = []
    total = 0.0

    # ------------------------------------------------------------------------- type
    if a.type == b.type:
        total += TYPE_SAME
        reasons.append(f"type {a.type} ({TYPE_SAME:+.1f})")
    elif frozenset({a.type, b.type}) in COMPATIBLE_TYPES:
        total += TYPE_COMPATIBLE
        reasons.append(f"types {a.type}/{b.type} compatible ({TYPE_COMPATIBLE:+.1f})")
    else:
        return _veto(f"types {a.type} and {b.type}")

    # ------------------------------------------------------------------------- date
    da, db = a.date, b.date
    if da is not None and db is not None:
        gap = da.gap(db)
        day = da.width == 1 and db.width == 1 and not (da.inferred or db.inferred)
        if gap > MAX_GAP_DAYS or (day and gap > MAX_GAP_DAYS_EXACT):
            return _veto(f"dates {gap} days apart ({_day(da.lo)} and {_day(db.lo)})")
        if gap == 0:
            if day:
                w, what = SAME_DAY, f"same day {_day(da.lo)}"
            elif da.inferred or db.inferred:
                w, what = OVERLAP_INFERRED, "dates overlap (one from its publication day)"
            else:
                wide = max(da.width, db.width)
                w = OVERLAP_WEEK if wide <= 8 else OVERLAP_MONTH if wide <= 31 else OVERLAP_WIDE
                what = f"dates overlap ({wide} days)"
        elif gap == 1:
            w, what = (ADJACENT_DAY if day else ADJACENT_COARSE), "adjacent days"
        else:
            w, what = TWO_DAYS, "dates 2 days apart"
        total += w
        reasons.append(f"{what} ({w:+.1f})")

    # ------------------------------------------------------------------------- place
    if a.country and b.country and a.country != b.country:
        return _veto(f"countries {a.country} and {b.country}")
    pa, pb = a.place, b.place
    w, what = 0.0, ""
    shared = a.geonameids & b.geonameids
    if shared:
        w, what = SAME_PLACE, "same place " + next(
            (p.name for p in (pa, pb) if p is not None and p.geonameid in shared and p.name), str(min(shared)))
    elif pa is not None and pb is not None:
        if pa.point and pb.point:
            d = km(pa, pb)
            if d <= 3:
                w = NEAR_3KM
            elif d <= 25:
                w = NEAR_25KM
            elif d <= 75:
                w = NEAR_75KM
            else:
                w = FAR
            what = f"{pa.name} and {pb.name} {d:.0f} km apart"
        elif pa.admin1 and pb.admin1:
            w = SAME_ADMIN1 if pa.admin1 == pb.admin1 else OTHER_ADMIN1
            what = f"{'same' if w > 0 else 'different'} admin1 {pa.admin1}" + ("" if w > 0 else f"/{pb.admin1}")
        elif a.country and a.country == b.country:
            w, what = SAME_COUNTRY, f"same country {a.country}"
    elif a.country and a.country == b.country:
        w, what = SAME_COUNTRY, f"same country {a.country}"
    if what:
        total += w
        reasons.append(f"{what} ({w:+.1f})")

    # ------------------------------------------------------------------------- who
    if a.verbal and b.verbal:
        roles = (("actor", a.actors, b.actors, a.actor_codes, b.actor_codes),
                 ("recipient", a.recipients, b.recipients, a.recipient_codes, b.recipient_codes))
        for role, xa, xb, ca, cb in roles:
            common = xa.keys() & xb.keys()
            if common:
                total += VERBAL_ROLE_SHARED
                reasons.append(f"same {role} {min(common)} ({VERBAL_ROLE_SHARED:+.1f})")
            elif ca.keys() & cb.keys():  # a state and its ministry speak for one side
                total += VERBAL_ROLE_CODE
                reasons.append(f"{role}s of one side {min(ca.keys() & cb.keys())} ({VERBAL_ROLE_CODE:+.1f})")
            elif xa and xb:
                total += VERBAL_ROLE_CONFLICT
                reasons.append(f"different {role}s {min(xa)} / {min(xb)} ({VERBAL_ROLE_CONFLICT:+.1f})")
    else:
        parties_a = a.actors.keys() | a.recipients.keys()
        parties_b = b.actors.keys() | b.recipients.keys()
        common = parties_a & parties_b
        if common:
            w = SHARED_PARTIES if len(common) > 1 else SHARED_PARTY
            total += w
            reasons.append(f"shared {', '.join(sorted(common)[:3])} ({w:+.1f})")
        elif parties_a and parties_b and (a.actor_codes.keys() | a.recipient_codes.keys()).isdisjoint(
                b.actor_codes.keys() | b.recipient_codes.keys()):
            total += PARTY_CONFLICT
            reasons.append(f"no party in common ({PARTY_CONFLICT:+.1f})")
    ga, gb = a.generic_recipients.keys(), b.generic_recipients.keys()
    if ga & gb:
        total += GENERIC_SHARED
        reasons.append(f"both against {min(ga & gb)} ({GENERIC_SHARED:+.1f})")
    elif ga and gb:
        total += GENERIC_CONFLICT
        reasons.append(f"against {min(ga)} / {min(gb)} ({GENERIC_CONFLICT:+.1f})")

    # ------------------------------------------------------------------------- casualties
    total += _figures("killed", a.killed, b.killed, a.last_published, b.last_published, 1.0, reasons)
    total += _figures("wounded", a.wounded, b.wounded, a.last_published, b.last_published, WOUNDED_FACTOR,
                      reasons)

    # ------------------------------------------------------------------------- mode
    ma, mb = a.modes.keys(), b.modes.keys()
    if ma & mb:
        total += MODE_SHARED
        reasons.append(f"mode {min(ma & mb)} ({MODE_SHARED:+.1f})")
    elif any(frozenset({x, y}) in MODE_CONFLICTS for x in ma for y in mb):
        total += MODE_CONFLICT
        reasons.append(f"modes {'/'.join(sorted(ma))} vs {'/'.join(sorted(mb))} ({MODE_CONFLICT:+.1f})")

    # ------------------------------------------------------------------------- words
    c = cosine(a.words, a.words_norm, b.words, b.words_norm)
    if a.words_norm and b.words_norm:
        w = max(WORDS_MIN, min(WORDS_MAX, WORDS_WEIGHT * (c - WORDS_BASE)))
        total += w
        reasons.append(f"wording {c:.2f} ({w:+.1f})")

    p = 1.0 / (1.0 + math.exp(-(total - BIAS)))
    return Match(round(p, 4), round(total, 3), reasons)


def among(m: Match, alternatives: int) -> Match:
    """The match re-weighed for the number of clusters it competes with: with ``alternatives`` plausible
    clusters (same or compatible type, country and dates within reach, no veto), the prior odds that
    this one is the happening are that many times lower, so ``ln(alternatives)`` comes off the evidence.
    In a quiet province "same day, same province" is strong evidence; where a dozen such events happen
    each day it is not (the u-probability of record linkage)."""
    if alternatives <= 1 or m.veto is not None:
        return m
    w = -math.log(alternatives)
    total = m.evidence + w
    p = 1.0 / (1.0 + math.exp(-(total - BIAS)))
    return Match(round(p, 4), round(total, 3), [*m.reasons, f"{alternatives} plausible clusters ({w:+.1f})"])
