"""SCHEMA.md as typed records, with JSON in and out.

Every stage of the pipeline takes and returns these records; the store, the API and the exports
serialise them with :func:`to_dict` / :func:`from_dict`. Unknown is ``None`` or ``[]``, never a guess.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

Offsets = tuple[int, int]

#: PLOVER 2.0 event types, in the manual's order.
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES: tuple[str, ...] = ("asserted", "negated", "future", "hypothetical", "historical")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "range", "unknown")
PLACE_FEATURES: tuple[str, ...] = ("point", "city", "admin2", "admin1", "country", "region")
COMMITMENT_STATUSES: tuple[str, ...] = ("open", "kept", "broken", "disputed")


@dataclass(slots=True)
class Article:
    """One input article as the ingest stage hands it to the pipeline."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str = "en"
    origin: str | None = None  # file path or feed the article came from (not part of the output)


@dataclass(slots=True)
class ArticleMeta:
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str = "en"


@dataclass(slots=True)
class Entity:
    entity_text: str
    identifier_id: str | None = None  # Wikidata QID where known, else hoopoe KB id
    identifier_text: str | None = None  # canonical name
    code: str | None = None  # ISO alpha-3 or IGO/UNO/EUR/NGO/ISM/IMG/MNC
    sector: str | None = None  # PLOVER sector
    member_of: str | None = None  # canonical name of the organisation a person speaks for
    mentions: list[Offsets] = field(default_factory=list)
    kb_id: str | None = None  # hoopoe knowledge-base id (extension)
    kind: str | None = None  # person, state, armed_group, igo, ... (extension)


@dataclass(slots=True)
class Place:
    text: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # point city admin2 admin1 country region
    admin1: str | None = None
    country: str | None = None  # ISO alpha-3
    precision: int | None = None  # 1 exact, 2 near/part of region, 3 admin region or country only
    mentions: list[Offsets] = field(default_factory=list)


@dataclass(slots=True)
class DateInfo:
    start: str | None = None
    end: str | None = None
    precision: str = "unknown"
    text: str | None = None


@dataclass(slots=True)
class Count:
    min: int | None = None
    max: int | None = None
    text: str | None = None


@dataclass(slots=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    id: str
    event: str
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    date: DateInfo = field(default_factory=DateInfo)
    event_loc: Place | None = None
    killed: Count | None = None
    wounded: Count | None = None
    claimed_by: list[Entity] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    speaker: Entity | None = None
    modality: str = "asserted"
    event_text: str = ""
    evidence: Evidence | None = None
    quad_code: int | None = None
    event_scale: float | None = None
    cameo: str | None = None
    acled: dict[str, str] | None = None
    confidence: float = 0.5
    missing: Count | None = None  # extension: missing / abducted persons
    #: extension: how a perpetrator not stated as the subject was attributed: "claimed", "suspected"
    #: ("X is suspected", "blamed on X") or "affiliation" ("the attacker belonged to X"); None when stated
    attribution: str | None = None


@dataclass(slots=True)
class Quote:
    speaker: Entity | None
    text: str
    start: int
    end: int
    direct: bool = True


@dataclass(slots=True)
class Commitment:
    id: str
    actor: list[Entity] = field(default_factory=list)
    counterpart: list[Entity] = field(default_factory=list)
    text: str = ""
    made: DateInfo = field(default_factory=DateInfo)
    place: Place | None = None
    status: str = "open"
    evidence: list[str] = field(default_factory=list)
    source_text: Evidence | None = None  # extension: the sentence the commitment was read from


@dataclass(slots=True)
class Document:
    article: ArticleMeta
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    pipeline: dict[str, str] = field(default_factory=dict)  # extension: component versions


# --------------------------------------------------------------------------------------------
# JSON in and out


def to_dict(record: Any) -> Any:
    """A record (or list of records) as plain JSON-ready values, fields in declaration order."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, date):
        return record.isoformat()
    return record


T = TypeVar("T")
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(args[0], value) if len(args) == 1 else value
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_convert(inner, v) for v in value]
    if origin is tuple:
        return tuple(value)
    if tp is date and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a record from :func:`to_dict` output; unknown keys are ignored."""
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)
