"""The canonical event of a cluster: one record for one happening, every report kept as evidence.

- **type, mode, context**: the type most reports give; modes and contexts of all reports, most cited first.
- **date**: the date most reports agree with, the most precise of those (:func:`~hoopoe.dedup.features.
  best_interval`); ``date_span`` covers every report's date.
- **place**: the most precise place reported in the country most reports name; ties go to the place
  more reports name. ``places`` lists every place the reports give, most precise first.
- **actors, recipients, claims**: the union over reports, one entry per identity, most cited first.
- **killed, wounded**: :func:`estimate`: best estimate, range and how the estimate was chosen.
- **first_reported**: the earliest publication date among the reports, with its article.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

from hoopoe.dedup.features import PlaceKey, Profile, Report, entity_key
from hoopoe.records import Count, DateInfo, Entity, Evidence, Place


@dataclass(slots=True)
class Estimate:
    """A casualty estimate over several reports. ``max`` is ``None`` when only lower bounds are known."""

    best: int | None
    min: int | None
    max: int | None
    reports: int  # reports that give a figure
    basis: str  # how ``best`` was chosen, in words


@dataclass(slots=True)
class ReportRecord:
    """One report of the happening: which article said what, citing whom."""

    article_id: str
    event_id: str
    seq: int
    source: str | None = None  # the outlet that published the article
    title: str | None = None
    url: str | None = None
    published: str | None = None
    evidence: Evidence | None = None
    reported_by: list[str] = field(default_factory=list)  # sources the article cites
    type: str = ""
    date: DateInfo = field(default_factory=DateInfo)
    place: str | None = None
    killed: Count | None = None
    wounded: Count | None = None
    joined_by: str | None = None  # the merge that brought this report into the cluster; None: founder


@dataclass(slots=True)
class CanonicalEvent:
    id: str
    event: str
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    date: DateInfo = field(default_factory=DateInfo)
    date_span: DateInfo = field(default_factory=DateInfo)
    event_loc: Place | None = None
    places: list[Place] = field(default_factory=list)  # every place the reports give, most precise first
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    claimed_by: list[Entity] = field(default_factory=list)
    killed: Estimate | None = None
    wounded: Estimate | None = None
    first_reported: str | None = None
    first_article: str | None = None
    sources: list[str] = field(default_factory=list)  # outlets, earliest first
    cited: list[str] = field(default_factory=list)  # sources the reports cite
    n_reports: int = 0
    n_articles: int = 0
    reports: list[ReportRecord] = field(default_factory=list)
    created_at: str | None = None
    updated_at: str | None = None


def _point(c: Count) -> int | None:
    """One number for a figure: the exact figure, a range's middle, a lower or upper bound itself."""
    if c.min is not None and c.max is not None:
        return c.min if c.min == c.max else (c.min + c.max) // 2
    return c.min if c.min is not None else c.max


def estimate(counts: list[Count | None]) -> Estimate | None:
    """Best estimate and range of a casualty figure over reports.

    ``best`` is the lower median of the reports' figures (ACLED's convention of the conservative figure
    among sources), raised to the largest "at least" bound any report gives (a figure below a reported
    minimum is not an estimate). ``min``/``max`` are the smallest and largest figure any report gives
    ("at least 46" counts as 46); ``max`` is ``None`` when every report gives only a lower bound.
    """
    given = [c for c in counts if c is not None and (c.min is not None or c.max is not None)]
    if not given:
        return None
    points = [p for p in (_point(c) for c in given) if p is not None]
    best = statistics.median_low(points)
    floors = [c.min for c in given if c.min is not None and c.max is None]
    basis = f"lower median of {len(points)} report{'s' if len(points) != 1 else ''}"
    if floors and max(floors) > best:
        best = max(floors)
        basis += f", raised to the reported minimum of {best}"
    lows = [c.min if c.min is not None else c.max for c in given]
    highs = [c.max if c.max is not None else c.min for c in given]
    lo = min(x for x in lows if x is not None)
    hi = max(x for x in highs if x is not None)
    open_ended = all(c.max is None for c in given)
    return Estimate(best=best, min=lo, max=None if open_ended else hi, reports=len(given), basis=basis)


def _union(groups: list[list[Entity]]) -> list[Entity]:
    counts: Counter[str] = Counter()
    first: dict[str, Entity] = {}
    for ents in groups:
        for e in ents:
            k = entity_key(e)
            if not k:
                continue
            counts[k] += 1
            first.setdefault(k, replace(e, mentions=[]))
    return [first[k] for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], list(first).index(kv[0])))]


def _ranked(values: list[str]) -> list[str]:
    counts = Counter(values)
    order = list(dict.fromkeys(values))
    return sorted(order, key=lambda v: (-counts[v], order.index(v)))


def summarize(cluster_id: str, profile: Profile, *, joined_by: dict | None = None,
              created_at: str | None = None, updated_at: str | None = None) -> CanonicalEvent:
    """The canonical event of a cluster from its members' reports."""
    reports: list[Report] = sorted(profile.members, key=lambda r: (r.meta.published or "", r.key))
    evs = [r.event for r in reports]
    joined_by = joined_by or {}

    date = DateInfo()
    if profile.date is not None and not profile.date.inferred:
        for r in reports:
            if r.interval == profile.date:
                date = replace(r.event.date)
                break
    span = DateInfo()
    if profile.span is not None:
        start, end = profile.span.iso()
        span = DateInfo(start, end, "day" if start == end else "range")

    place = None
    if profile.place is not None:
        for r in reports:
            if r.place == profile.place and r.event.event_loc is not None:
                place = replace(r.event.event_loc, mentions=[])
                break

    places: dict[PlaceKey, Place] = {}
    for r in reports:
        if r.place is not None and r.event.event_loc is not None and r.place not in places:
            places[r.place] = replace(r.event.event_loc, mentions=[])
    ranked = sorted(places, key=lambda k: (k.rank, -profile.places[k], k.name or ""))

    published = [r.meta.published for r in reports if r.meta.published]
    first = reports[0] if published else None
    return CanonicalEvent(
        id=cluster_id,
        event=profile.type,
        mode=_ranked([m for e in evs for m in e.mode]),
        context=_ranked([c for e in evs for c in e.context]),
        date=date,
        date_span=span,
        event_loc=place,
        places=[places[k] for k in ranked],
        actor=_union([e.actor for e in evs]),
        recipient=_union([e.recipient for e in evs]),
        claimed_by=_union([e.claimed_by for e in evs]),
        killed=estimate([e.killed for e in evs]),
        wounded=estimate([e.wounded for e in evs]),
        first_reported=first.meta.published if first else None,
        first_article=first.meta.id if first else None,
        sources=list(dict.fromkeys(r.meta.source for r in reports if r.meta.source)),
        cited=_ranked([s for e in evs for s in e.reported_by]),
        n_reports=len(reports),
        n_articles=len({r.article_id for r in reports}),
        reports=[ReportRecord(
            article_id=r.article_id, event_id=r.event_id, seq=r.key[1], source=r.meta.source, title=r.meta.title,
            url=r.meta.url, published=r.meta.published, evidence=r.event.evidence,
            reported_by=list(r.event.reported_by), type=r.type, date=r.event.date,
            place=(r.event.event_loc.name or r.event.event_loc.text) if r.event.event_loc else None,
            killed=r.event.killed, wounded=r.event.wounded, joined_by=joined_by.get(r.key)) for r in reports],
        created_at=created_at,
        updated_at=updated_at,
    )
