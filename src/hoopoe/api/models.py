"""The API's response shapes (pydantic, at the edge only: the library works on dataclasses).

They document the API in OpenAPI and are checked against real responses by the tests; routes return
the plain JSON the read functions build, so a page of events is not validated twice.
"""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status code.")
    code: str = Field(description="A stable machine-readable code: invalid_parameter, not_found, unauthorized, ...")
    message: str = Field(description="One readable line saying what was wrong and what is valid.")
    details: list[dict[str, Any]] = Field(default_factory=list, description="Per-parameter problems, when any.")


class ErrorResponse(BaseModel):
    """Every error the API returns has this shape."""

    error: ErrorBody


class EntityOut(_Open):
    entity_text: str
    identifier_id: Optional[str] = None
    identifier_text: Optional[str] = None
    code: Optional[str] = None
    sector: Optional[str] = None
    kind: Optional[str] = None
    kb_id: Optional[str] = None


class DateOut(_Open):
    start: Optional[str] = None
    end: Optional[str] = None
    precision: str = "unknown"
    text: Optional[str] = None


class PlaceOut(_Open):
    text: Optional[str] = None
    name: Optional[str] = None
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    feature: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    precision: Optional[int] = Field(None, description="1 exact place, 2 near / part of a region, 3 admin region or country only")


class CountOut(_Open):
    min: Optional[int] = None
    max: Optional[int] = None
    text: Optional[str] = None


class EvidenceOut(BaseModel):
    text: str
    start: int = Field(description="Character offset of the evidence sentence in the article text.")
    end: int


class ArticleOut(_Open):
    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = None


class ArticleText(ArticleOut):
    text: str = Field(description="The article as plain text; evidence offsets point into it.")


class ClusterRef(BaseModel):
    id: str
    reports: int
    articles: int


class EventItem(_Open):
    id: str
    article_id: str
    event: str = Field(description="PLOVER 2.0 event type")
    mode: list[str] = []
    context: list[str] = []
    modality: str
    date: DateOut
    place: Optional[PlaceOut] = None
    actor: list[EntityOut] = []
    recipient: list[EntityOut] = []
    claimed_by: list[EntityOut] = []
    killed: Optional[CountOut] = None
    wounded: Optional[CountOut] = None
    reported_by: list[str] = []
    quad_code: Optional[int] = None
    event_scale: Optional[float] = None
    cameo: Optional[str] = None
    acled: Optional[dict[str, str]] = None
    confidence: Optional[float] = None
    evidence: Optional[EvidenceOut] = None
    article: ArticleOut
    cluster: Optional[ClusterRef] = Field(None, description="The happening this report belongs to, when deduplicated.")


class EventPage(BaseModel):
    total: int = Field(description="Matching events, counted exactly up to a cap (see total_exact).")
    total_exact: bool
    limit: int
    offset: int
    items: list[EventItem]


class ReportOut(_Open):
    event_id: Optional[str] = None
    article: ArticleOut
    evidence: Optional[EvidenceOut] = None
    reported_by: list[str] = []


class EventDetail(BaseModel):
    event: EventItem
    article: ArticleText
    reports: list[ReportOut] = Field(description="Every report of the same happening; this one first.")
    canonical: Optional[dict[str, Any]] = Field(None, description="The merged record of the happening.")


class ActorOut(_Open):
    key: str = Field(description="Knowledge-base id, else Wikidata id, else the lower-cased name: use it as `actor=`.")
    name: Optional[str] = None
    identifier_id: Optional[str] = None
    code: Optional[str] = None
    sector: Optional[str] = None
    kind: Optional[str] = None
    events: int


class ActorPage(BaseModel):
    total: int
    total_exact: bool = True
    limit: int
    offset: int
    items: list[ActorOut]


class Counterpart(BaseModel):
    key: str
    name: Optional[str] = None
    events: int
    cooperation: int
    conflict: int


class ActorDetail(BaseModel):
    actor: ActorOut
    events: list[EventItem]
    events_total_exact: bool = True
    counterparts: list[Counterpart]


class PlaceItem(_Open):
    name: Optional[str] = None
    geonameid: int
    lat: Optional[float] = None
    lon: Optional[float] = None
    feature: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    precision: Optional[int] = None
    events: int


class PlacePage(BaseModel):
    total: int
    total_exact: bool = True
    limit: int
    offset: int
    items: list[PlaceItem]


class NetworkNode(_Open):
    id: str
    name: Optional[str] = None
    code: Optional[str] = None
    sector: Optional[str] = None
    kind: Optional[str] = None
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    weight: float = Field(description="Sum of the events' PLOVER scores: negative is hostile.")


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class SeriesPoint(BaseModel):
    date: str
    events: int
    killed: int


class Series(BaseModel):
    key: str
    points: list[SeriesPoint]


class TimeSeries(BaseModel):
    interval: str
    by: str
    series: list[Series]


class CommitmentOut(_Open):
    id: str
    actor: list[EntityOut] = []
    counterpart: list[EntityOut] = []
    text: str = ""
    made: DateOut
    status: str
    evidence: list[str] = Field(default_factory=list, description="Ids of the events that bear on the commitment.")
    source_text: Optional[EvidenceOut] = None
    article: ArticleOut


class CommitmentPage(BaseModel):
    total: int
    total_exact: bool = True
    limit: int
    offset: int
    items: list[CommitmentOut]


class Stats(BaseModel):
    articles: int
    events: int
    clusters: int
    quotes: int
    commitments: int
    first_date: Optional[str] = None
    last_date: Optional[str] = None
    types: dict[str, int]
    countries: dict[str, int]
    modalities: dict[str, int]
    version: str


class IngestArticle(BaseModel):
    """One article to code: its plain text (or its HTML page as ``html``) and optional metadata."""

    model_config = ConfigDict(extra="forbid")
    text: Optional[str] = None
    html: Optional[str] = None
    id: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = Field(None, description="YYYY-MM-DD")


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[IngestArticle] = Field(min_length=1, max_length=1000)
    dedup: bool = True


class IngestResult(BaseModel):
    read: int
    stored: int
    unchanged: int
    events: int
    skipped: dict[str, int]
    skip_details: list[dict[str, Any]]
    dedup: Optional[str] = None
