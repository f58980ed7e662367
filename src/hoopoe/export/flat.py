"""One event and its article as a flat row of PLOVER columns (CSV, GeoJSON properties, Parquet)."""

from __future__ import annotations

from typing import Any

from hoopoe.records import ArticleMeta, Count, Entity, Event

#: Separator of list values inside one cell.
LIST_SEP = "; "

#: The flat columns in order, each with its type: "str", "int" or "float".
COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "str"), ("article_id", "str"), ("published", "str"), ("source", "str"), ("url", "str"),
    ("title", "str"),
    ("date_start", "str"), ("date_end", "str"), ("date_precision", "str"), ("date_text", "str"),
    ("event", "str"), ("mode", "str"), ("context", "str"),
    ("actor", "str"), ("actor_id", "str"), ("actor_code", "str"), ("actor_sector", "str"),
    ("recipient", "str"), ("recipient_id", "str"), ("recipient_code", "str"), ("recipient_sector", "str"),
    ("place", "str"), ("geonameid", "int"), ("lat", "float"), ("lon", "float"), ("admin1", "str"),
    ("country", "str"), ("geo_precision", "int"),
    ("killed_min", "int"), ("killed_max", "int"), ("killed_text", "str"),
    ("wounded_min", "int"), ("wounded_max", "int"), ("wounded_text", "str"),
    ("missing_min", "int"), ("missing_max", "int"), ("missing_text", "str"),
    ("claimed_by", "str"), ("reported_by", "str"), ("speaker", "str"), ("modality", "str"),
    ("quad_code", "int"), ("event_scale", "float"), ("cameo", "str"),
    ("acled_event_type", "str"), ("acled_sub_event_type", "str"),
    ("event_text", "str"), ("evidence", "str"), ("evidence_start", "int"), ("evidence_end", "int"),
    ("confidence", "float"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in COLUMNS)


def _name(e: Entity) -> str:
    return e.identifier_text or e.entity_text or ""


def _join(values: list[str | None]) -> str | None:
    """List values joined with ``; ``, position kept (an entity without a code gives an empty slot);
    ``None`` when every value is empty."""
    if not any(values):
        return None
    return LIST_SEP.join(v or "" for v in values)


def _entities(prefix: str, ents: list[Entity]) -> dict[str, Any]:
    return {prefix: _join([_name(e) for e in ents]),
            f"{prefix}_id": _join([e.identifier_id or e.kb_id for e in ents]),
            f"{prefix}_code": _join([e.code for e in ents]),
            f"{prefix}_sector": _join([e.sector for e in ents])}


def _count(prefix: str, c: Count | None) -> dict[str, Any]:
    return {f"{prefix}_min": c.min if c else None, f"{prefix}_max": c.max if c else None,
            f"{prefix}_text": c.text if c else None}


def flat_row(meta: ArticleMeta, ev: Event) -> dict[str, Any]:
    """The event as ``{column: value}`` in :data:`COLUMNS` order; unknown values are ``None``."""
    loc, acled, evid = ev.event_loc, ev.acled or {}, ev.evidence
    row: dict[str, Any] = {
        "event_id": ev.id, "article_id": meta.id, "published": meta.published, "source": meta.source,
        "url": meta.url, "title": meta.title,
        "date_start": ev.date.start, "date_end": ev.date.end, "date_precision": ev.date.precision,
        "date_text": ev.date.text,
        "event": ev.event, "mode": _join(list(ev.mode)), "context": _join(list(ev.context)),
        **_entities("actor", ev.actor), **_entities("recipient", ev.recipient),
        "place": (loc.name or loc.text) if loc else None, "geonameid": loc.geonameid if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "admin1": loc.admin1 if loc else None, "country": loc.country if loc else None,
        "geo_precision": loc.precision if loc else None,
        **_count("killed", ev.killed), **_count("wounded", ev.wounded), **_count("missing", ev.missing),
        "claimed_by": _join([_name(e) for e in ev.claimed_by]), "reported_by": _join(list(ev.reported_by)),
        "speaker": _name(ev.speaker) if ev.speaker else None, "modality": ev.modality,
        "quad_code": ev.quad_code, "event_scale": ev.event_scale, "cameo": ev.cameo,
        "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
        "event_text": ev.event_text or None, "evidence": evid.text if evid else None,
        "evidence_start": evid.start if evid else None, "evidence_end": evid.end if evid else None,
        "confidence": ev.confidence,
    }
    return {name: row[name] for name in COLUMN_NAMES}
