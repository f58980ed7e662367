"""The HTTP API and the dashboard: ``create_app(db)`` builds the FastAPI app, ``hoopoe serve`` runs it.

- JSON under ``/api/``: events (filtered, paginated, deduplicated by default), one event with every
  report of its happening, actors, places, the actor network, time series, commitments, summary
  counts, exports of the current filter; OpenAPI at ``/openapi.json``, docs at ``/docs`` (assets
  shipped with the package: nothing is fetched from the internet).
- The dashboard at ``/`` (static files from :mod:`hoopoe.web`).
- Read-only by default. ``POST /api/ingest`` exists only when the server is given an API key
  (``HOOPOE_API_KEY``) and requires it in the ``X-API-Key`` header.
- Every error has one JSON shape: ``{"error": {"status", "code", "message", "details"}}``.

Routes are thin: the queries are :mod:`hoopoe.store.read`.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import os
import re
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from fastapi import Depends, FastAPI, Header, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from hoopoe import __version__
from hoopoe.api import models as m
from hoopoe.errors import HoopoeError, StoreError
from hoopoe.records import EVENT_TYPES
from hoopoe.store import open_store
from hoopoe.store import read as r
from hoopoe.store.sql import Store

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
DOCS_DIR = Path(__file__).resolve().parent / "docs_assets"

#: Largest page of events, actors, places or commitments one request may ask for.
MAX_PAGE = 500
#: Most events one export request writes (a larger export is a job for ``hoopoe events``).
MAX_EXPORT = 1_000_000
EXPORT_FORMATS = ("csv", "geojson", "jsonl")
EXPORT_MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
                "jsonl": "application/x-ndjson"}

#: The dashboard's Content-Security-Policy: scripts, styles, images and data from this server only;
#: nothing from the internet, no plug-ins, no framing by other sites.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'")
#: /docs runs Swagger UI's inline start-up script.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")

ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 422: "invalid_parameter", 500: "internal_error",
               503: "unavailable"}

_BBOX = re.compile(r"^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$")


class ApiError(Exception):
    """An error with its HTTP status and code, rendered in the one error shape."""

    def __init__(self, status: int, message: str, *, code: str | None = None, details: list | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or ERROR_CODES.get(status, "error")
        self.details = details or []


def error_response(status: int, code: str, message: str, details: list | None = None,
                   headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "code": code, "message": message, "details": details or []}},
                        status_code=status, headers=headers)


class Stores:
    """One store connection per server thread (SQLite and psycopg connections are not shared between
    threads), opened on first use and closed when the app shuts down."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                try:
                    store.close()
                except Exception:  # pragma: no cover - closing a broken connection
                    log.debug("closing a store failed", exc_info=True)
            self._all.clear()


def _bbox(value: Optional[str]) -> Optional[tuple[float, float, float, float]]:
    if value is None or value == "":
        return None
    if not _BBOX.match(value):
        raise ApiError(422, f"bad bbox {value!r}: give min_lon,min_lat,max_lon,max_lat in degrees",
                       details=[{"parameter": "bbox", "message": "four comma-separated numbers"}])
    box = tuple(float(x) for x in value.split(","))
    min_lon, min_lat, max_lon, max_lat = box
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ApiError(422, f"bad bbox {value!r}: longitudes must be within -180..180 and latitudes -90..90",
                       details=[{"parameter": "bbox", "message": "out of range"}])
    return box  # type: ignore[return-value]


def event_query(
    since: Annotated[Optional[date], Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[date], Query(description="Events on or before this day (YYYY-MM-DD).")] = None,
    country: Annotated[Optional[str], Query(max_length=80, description="ISO alpha-3 code (AFG) or country name.")] = None,
    admin1: Annotated[Optional[str], Query(max_length=120, description="First-level division, as stored (Kunduz).")] = None,
    event: Annotated[list[str], Query(description="PLOVER event type; repeat for several.")] = [],  # noqa: B006
    mode: Annotated[Optional[str], Query(max_length=64, description="A PLOVER mode (suicide-attack).")] = None,
    modality: Annotated[Optional[Literal["asserted", "negated", "future", "hypothetical", "historical"]],
                        Query(description="Asserted, negated, future, hypothetical or historical.")] = None,
    actor: Annotated[Optional[str], Query(max_length=200, description="Actor name, knowledge-base id or Wikidata id (any role).")] = None,
    q: Annotated[Optional[str], Query(max_length=200, description="Words in the evidence sentence or the article title.")] = None,
    bbox: Annotated[Optional[str], Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    min_precision: Annotated[Optional[int], Query(ge=1, le=3, description="Keep places of this precision code or better (1 exact, 2 near, 3 region/country).")] = None,
    dedup: Annotated[bool, Query(description="One row per happening (the first report of each cluster).")] = True,
) -> r.EventQuery:
    types = []
    for value in event:
        for t in value.split(","):
            t = t.strip().upper()
            if not t:
                continue
            if t not in EVENT_TYPES:
                raise ApiError(422, f"unknown event type {t!r}: use one of {', '.join(EVENT_TYPES)}",
                               details=[{"parameter": "event", "message": "not a PLOVER 2.0 type"}])
            types.append(t)
    if since and until and since > until:
        raise ApiError(422, f"since {since} is after until {until}",
                       details=[{"parameter": "since", "message": "after until"}])
    return r.EventQuery(since=since, until=until, country=country or None, admin1=admin1 or None,
                        event=tuple(types), mode=mode or None, modality=modality, actor=actor or None,
                        text=q or None, bbox=_bbox(bbox), min_precision=min_precision, dedup=dedup)


Filters = Annotated[r.EventQuery, Depends(event_query)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Items per page (1..{MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]


def _page(page: r.Page) -> dict:
    return {"total": page.total, "total_exact": page.total_exact, "limit": page.limit, "offset": page.offset,
            "items": page.items}


def create_app(db: str | None = None, *, api_key: str | None = None) -> FastAPI:
    """The app over the store at ``db`` (a path or URL, as :func:`hoopoe.store.open_store` takes).
    ``api_key``: enables ``POST /api/ingest`` for requests that present it."""
    stores = Stores(db)
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        stores.close()

    app = FastAPI(title="hoopoe", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Sourced, geocoded PLOVER events from news: query, explore, export.",
                  responses={422: {"model": m.ErrorResponse}, 500: {"model": m.ErrorResponse}})
    app.state.stores = stores
    ingest_lock = threading.Lock()
    pipeline_holder: dict[str, Any] = {}

    # ------------------------------------------------------------------ errors: one shape

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, str(exc), exc.details)

    @app.exception_handler(r.BadQuery)
    async def _bad_query(request: Request, exc: r.BadQuery) -> JSONResponse:
        return error_response(422, "invalid_parameter", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = []
        for err in exc.errors():
            loc = [str(x) for x in err.get("loc", ())]
            where = loc[0] if loc else "request"
            name = ".".join(loc[1:]) or where
            details.append({"parameter": name, "in": where, "message": err.get("msg", "invalid")})
        first = details[0] if details else {"parameter": "request", "message": "invalid"}
        message = f"bad parameter {first['parameter']!r}: {first['message']}"
        if len(details) > 1:
            message += f" (and {len(details) - 1} more)"
        return error_response(422, "invalid_parameter", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else ERROR_CODES.get(status, "error")
        if status == 404 and message == "Not Found":
            message = f"no such resource: {request.url.path} (the API is under /api/, see /docs)"
        if status == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return error_response(status, ERROR_CODES.get(status, "error"), message,
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(HoopoeError)
    async def _hoopoe(request: Request, exc: HoopoeError) -> JSONResponse:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        if isinstance(exc, StoreError):  # the query and the driver's words go to the log, not to the client
            return error_response(503, "store_error", "the store could not answer this request (see the server log)")
        return error_response(500, exc.reason.replace("-", "_") if exc.reason else "internal_error", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "internal_error", "the server failed to answer this request (see its log)")

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        path = request.url.path
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Content-Security-Policy", DOCS_CSP if path == "/docs" else CSP)
        if path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    # ------------------------------------------------------------------ events

    @app.get("/api/events", response_model=m.EventPage, tags=["events"])
    def list_events(filters: Filters, limit: Limit = 50, offset: Offset = 0,
                    sort: Annotated[Literal["date", "-date"], Query(description="date: oldest first; -date: newest first")] = "-date"):
        """Events matching the filters, one page at a time, newest first by default. With ``dedup`` (the
        default) each happening reported by several articles appears once, as its first report."""
        page = r.event_page(stores.get(), filters, limit=limit, offset=offset, newest_first=sort == "-date")
        return JSONResponse(_page(page))

    @app.get("/api/events/{event_id}", response_model=m.EventDetail, tags=["events"],
             responses={404: {"model": m.ErrorResponse}})
    def get_event(event_id: Annotated[str, PathParam(max_length=200)]):
        """One event with its article's text and every report of the same happening, each with its
        evidence sentence and offsets into its article."""
        found = r.event_detail(stores.get(), event_id)
        if found is None:
            raise ApiError(404, f"no event with id {event_id!r}")
        return JSONResponse(found)

    # ------------------------------------------------------------------ actors, places, network

    @app.get("/api/actors", response_model=m.ActorPage, tags=["actors"])
    def list_actors(filters: Filters, search: Annotated[Optional[str], Query(max_length=200, description="Part of a name.")] = None,
                    limit: Limit = 50, offset: Offset = 0):
        """Actors and recipients of the matching events, most events first."""
        filters.dedup = False
        return JSONResponse(_page(r.actors(stores.get(), filters, search=search, limit=limit, offset=offset)))

    @app.get("/api/actors/{key}", response_model=m.ActorDetail, tags=["actors"],
             responses={404: {"model": m.ErrorResponse}})
    def get_actor(key: str, filters: Filters, limit: Limit = 50):
        """One actor: identity, latest events, and counterparts with cooperation and conflict counts."""
        filters.dedup = False
        found = r.actor_detail(stores.get(), key, query=filters, limit=limit)
        if found is None:
            raise ApiError(404, f"no actor {key!r}: give a key from /api/actors, a knowledge-base id or a name")
        return JSONResponse(found)

    @app.get("/api/places", response_model=m.PlacePage, tags=["places"])
    def list_places(filters: Filters, search: Annotated[Optional[str], Query(max_length=200)] = None,
                    limit: Limit = 100, offset: Offset = 0):
        """Places of the matching events, most events first."""
        filters.dedup = False
        return JSONResponse(_page(r.places(stores.get(), filters, search=search, limit=limit, offset=offset)))

    @app.get("/api/network", response_model=m.Network, tags=["actors"])
    def get_network(filters: Filters,
                    min_events: Annotated[int, Query(ge=1, le=100_000, description="Hide edges with fewer events.")] = 1,
                    limit: Annotated[int, Query(ge=1, le=1000, description="Most nodes (the busiest actors).")] = 200):
        """The actor network over the matching events: edges weighted by cooperation and conflict."""
        return JSONResponse(r.network(stores.get(), filters, min_events=min_events, max_nodes=limit))

    @app.get("/api/timeseries", response_model=m.TimeSeries, tags=["events"])
    def get_timeseries(filters: Filters,
                       interval: Annotated[Literal["day", "week", "month"], Query()] = "day",
                       by: Annotated[Literal["none", "event", "quad"], Query(description="One series per PLOVER type, per quad class, or one in total.")] = "event"):
        """Events and people killed per day, week or month."""
        return JSONResponse(r.timeseries(stores.get(), filters, interval=interval, by=by))

    @app.get("/api/commitments", response_model=m.CommitmentPage, tags=["commitments"])
    def list_commitments(actor: Annotated[Optional[str], Query(max_length=200)] = None,
                         status: Annotated[Optional[Literal["open", "kept", "broken", "disputed"]], Query()] = None,
                         limit: Limit = 50, offset: Offset = 0):
        """Commitments (pledges, agreements' obligations) with the events that bear on them."""
        return JSONResponse(_page(r.commitments(stores.get(), actor=actor, status=status, limit=limit, offset=offset)))

    @app.get("/api/stats", response_model=m.Stats, tags=["store"])
    def get_stats():
        """What the store holds: counts, date range, events by type, country and modality."""
        return JSONResponse({**r.stats(stores.get()), "version": __version__})

    # ------------------------------------------------------------------ export

    @app.get("/api/export", tags=["export"], response_class=FileResponse,
             responses={200: {"content": {v: {} for v in EXPORT_MEDIA.values()}}})
    def export(filters: Filters, format: Annotated[Literal["csv", "geojson", "jsonl"], Query()] = "csv",
               limit: Annotated[int, Query(ge=1, le=MAX_EXPORT)] = MAX_EXPORT):
        """The matching events as a file: CSV (flat columns), GeoJSON (located events) or JSONL (records)."""
        from hoopoe.export import write_events

        fd, tmp = tempfile.mkstemp(prefix="hoopoe-export-", suffix="." + format)
        os.close(fd)
        try:
            write_events(r.iter_events(stores.get(), filters, limit=limit), format, tmp)
        except BaseException:
            os.unlink(tmp)
            raise
        return FileResponse(tmp, media_type=EXPORT_MEDIA[format], filename=f"hoopoe-events.{format}",
                            background=BackgroundTask(os.unlink, tmp))

    # ------------------------------------------------------------------ ingest (with an API key only)

    @app.post("/api/ingest", response_model=m.IngestResult, tags=["store"],
              responses={401: {"model": m.ErrorResponse}, 403: {"model": m.ErrorResponse}})
    def ingest(body: m.IngestRequest, x_api_key: Annotated[Optional[str], Header()] = None):
        """Code and store articles (only on a server started with ``HOOPOE_API_KEY``; send it as ``X-API-Key``)."""
        if not api_key:
            raise ApiError(403, "ingest is disabled: this server is read-only (start it with HOOPOE_API_KEY set)",
                           code="ingest_disabled")
        if not x_api_key or not hmac.compare_digest(x_api_key.encode(), api_key.encode()):
            raise ApiError(401, "a valid API key is required in the X-API-Key header")
        return JSONResponse(_ingest(body))

    def _ingest(body: m.IngestRequest) -> dict:
        from hoopoe.ingest.base import Skip
        from hoopoe.ingest.jsonl import record_to_article
        from hoopoe.ingest.reader import MAX_CHARS
        from hoopoe.ingest.runner import code_tasks, drive, resolved
        from hoopoe.pipeline import default_pipeline

        items: list = []
        for i, art in enumerate(body.articles, 1):
            origin = f"request#{i}"
            try:
                items.append(record_to_article(art.model_dump(exclude_none=True), origin, published=None,
                                               max_chars=MAX_CHARS))
            except HoopoeError as e:
                items.append(Skip.from_error(origin, e))
        with ingest_lock:  # one writer at a time; readers go on
            if "pipeline" not in pipeline_holder:
                pipeline_holder["pipeline"] = default_pipeline()
            extract = pipeline_holder["pipeline"].process
            store = stores.get()
            summary = drive(items, store, lambda tasks: resolved(code_tasks(tasks, extract, store)))
            dedup_note = None
            if body.dedup and summary.stored:
                from hoopoe.dedup import cluster_store

                try:
                    dedup_note = str(cluster_store(store))
                except HoopoeError as e:
                    dedup_note = f"dedup deferred: {e}"
        return {"read": summary.read, "stored": summary.stored, "unchanged": summary.unchanged,
                "events": summary.events, "skipped": summary.skipped,
                "skip_details": [{"origin": s.origin, "reason": s.reason, "message": s.message}
                                 for s in summary.skip_details], "dedup": dedup_note}

    # ------------------------------------------------------------------ docs and dashboard

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="hoopoe API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon.png")

    if DOCS_DIR.is_dir():
        app.mount("/docs-assets", StaticFiles(directory=DOCS_DIR), name="docs-assets")
    if WEB_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        index = WEB_DIR / "index.html"
        if not index.is_file():
            raise ApiError(404, "the dashboard's files are not installed with this hoopoe")
        return FileResponse(index, media_type="text/html; charset=utf-8")

    return app
