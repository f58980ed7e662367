"""The store over any DB-API connection; the SQL it runs is all in :mod:`hoopoe.store.schema`."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from hoopoe import __version__
from hoopoe.errors import StoreError
from hoopoe.records import (
    Article,
    ArticleMeta,
    Commitment,
    Document,
    Entity,
    Event,
    Place,
    Quote,
    from_dict,
)
from hoopoe.store import schema as q

log = logging.getLogger(__name__)

ACTOR_ROLES = ("actor", "recipient", "claimed_by", "speaker")

#: Rows fetched per round trip when streaming events: large enough to amortise the round trip,
#: small enough (a few MB of JSON) to keep memory flat on big stores.
FETCH_ROWS = 500

#: Ids per query when looking up stored content hashes (under SQLite's default limit of 999
#: parameters on old builds).
HASH_BATCH = 500


@dataclass(slots=True)
class EventFilter:
    """Which events :meth:`Store.events` returns; every field that is set must match.

    ``since``/``until``: the event's dates overlap ``[since, until]`` (the article's publication
    date stands in for an undated event). ``country``: ISO alpha-3 code or country name of the
    event's place. ``event``: PLOVER type. ``actor``: an entity in any role (``role`` narrows it to
    one of ``actor``, ``recipient``, ``claimed_by``, ``speaker``) whose text, canonical name,
    knowledge-base id or Wikidata id equals it, case-insensitively.
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    event: str | None = None
    actor: str | None = None
    role: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Dialect:
    """What differs between engines: the parameter style, how a write transaction starts, how
    concurrent schema set-ups are serialised, and how a large result is streamed."""

    name: str
    paramstyle: str = "qmark"  # "qmark" (?) or "format" (%s)
    begin: str | None = "BEGIN"  # None: the driver opens transactions itself
    #: Run first in the schema set-up transaction so that processes opening a new store at the
    #: same moment create it once (PostgreSQL's CREATE ... IF NOT EXISTS is not safe in parallel).
    schema_lock: str | None = None
    #: ``connection -> cursor`` for streaming results (a server-side cursor); ``None``: a plain cursor.
    stream_cursor: Callable[[Any], Any] | None = field(default=None, compare=False)
    #: Indexes only this engine can declare, created after the portable ones.
    indexes: tuple[str, ...] = ()
    #: How "newest first, undated last" is written so that this engine reads it from an index.
    newest_first: str = "DESC"

    def sql(self, text: str) -> str:
        return text.replace("?", "%s") if self.paramstyle == "format" else text


#: What a transaction's work returns to have it rolled back without an error.
ROLLBACK = object()


#: Field names by record class, for :func:`_json` (filled on first use of each class).
_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(obj: Any) -> Any:
    """``json.dumps`` hook: a record as a dict of its fields in declaration order, a date as ISO text
    (what :func:`hoopoe.records.to_dict` gives, without walking the plain values in Python)."""
    names = _FIELDS.get(type(obj))
    if names is None:
        if isinstance(obj, date):
            return obj.isoformat()
        if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
            raise TypeError(f"cannot store a {type(obj).__name__} as JSON")
        names = _FIELDS[type(obj)] = tuple(f.name for f in dataclasses.fields(obj))
    return {n: getattr(obj, n) for n in names}


_ENCODER = json.JSONEncoder(default=_plain, ensure_ascii=False, separators=(",", ":"))


def paged(sql: str, params: list, limit: int | None, offset: int) -> tuple[str, list]:
    """The query with LIMIT/OFFSET added when a page is asked for (negative values are a StoreError)."""
    if limit is None and not offset:
        return sql, params
    if (limit is not None and limit < 0) or offset < 0:
        raise StoreError(f"limit and offset must be 0 or more, got {limit} and {offset}")
    return sql + q.LIMIT_OFFSET, params + [q.NO_LIMIT if limit is None else limit, offset]


def _json(value: Any) -> str:
    """The record as compact JSON, equal to ``json.dumps(to_dict(value))`` with the same options."""
    return _ENCODER.encode(value)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


class Store:
    """Documents and the articles they came from, in one SQL database (see :func:`open_store`).

    Each :meth:`add` is one transaction. Records go in as :func:`hoopoe.records.to_dict` JSON
    (plus columns for filtering) and come out through :func:`hoopoe.records.from_dict`, so what
    comes out equals what went in.
    """

    def __init__(self, connection: Any, dialect: Dialect, *, location: str = "",
                 country_codes: Callable[[str], str | None] | None = None, url: str | None = None) -> None:
        self._conn = connection
        self._dialect = dialect
        self.location = location
        #: What :func:`hoopoe.store.open_store` opens this store with again (in a worker process);
        #: ``None`` for a store only this connection can see (in-memory SQLite).
        self.url = url
        self._country_codes = country_codes
        self._init_schema()

    # ------------------------------------------------------------------ plumbing

    def _exec(self, cur: Any, sql: str, params: tuple | list = ()) -> Any:
        cur.execute(self._dialect.sql(sql), tuple(params))
        return cur

    def _exec_many(self, cur: Any, sql: str, rows: list[tuple]) -> None:
        """One statement over many rows (one round trip where the driver can: psycopg pipelines)."""
        if rows:
            cur.executemany(self._dialect.sql(sql), rows)

    def _query(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        cur = self._conn.cursor()
        try:
            return self._exec(cur, sql, params).fetchall()
        except Exception as e:  # driver errors: one clear message
            raise StoreError(f"{self.location}: query failed: {e}") from e
        finally:
            cur.close()

    def _stream(self, sql: str, params: tuple | list = ()) -> Iterator[tuple]:
        """Rows of a query, fetched :data:`FETCH_ROWS` at a time (a server-side cursor where the engine has one)."""
        stream = self._dialect.stream_cursor
        cur = stream(self._conn) if stream else self._conn.cursor()
        try:
            try:
                self._exec(cur, sql, params)
            except Exception as e:
                raise StoreError(f"{self.location}: query failed: {e}") from e
            while rows := cur.fetchmany(FETCH_ROWS):
                yield from rows
        finally:
            cur.close()

    @property
    def dialect(self) -> Dialect:
        return self._dialect

    def _transaction(self, work: Callable[[Any], Any]) -> Any:
        """Run ``work(cursor)`` in one transaction: committed when it returns, rolled back when it
        raises or returns ``ROLLBACK``; returns what ``work`` returned."""
        cur = self._conn.cursor()
        try:
            if self._dialect.begin:
                cur.execute(self._dialect.begin)
            result = work(cur)
            if result is ROLLBACK:
                self._conn.rollback()
            else:
                self._conn.commit()
            return result
        except Exception as e:
            self._conn.rollback()
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"{self.location}: write failed, nothing changed: {e}") from e
        finally:
            cur.close()

    def _init_schema(self) -> None:
        def work(cur: Any) -> None:
            if self._dialect.schema_lock:
                self._exec(cur, self._dialect.schema_lock)
            for stmt in q.CREATE:
                self._exec(cur, stmt)
            rows = self._exec(cur, q.SELECT_VERSION).fetchall()
            if not rows:
                self._exec(cur, q.INSERT_VERSION, (q.SCHEMA_VERSION,))
            else:
                version = rows[0][0]
                if version > q.SCHEMA_VERSION or version not in q.MIGRATIONS and version != q.SCHEMA_VERSION:
                    raise StoreError(f"{self.location}: store schema version {version}, this hoopoe "
                                     f"{__version__} reads version {q.SCHEMA_VERSION}: use a new store")
                while version < q.SCHEMA_VERSION:
                    for stmt in q.MIGRATIONS[version]:
                        self._exec(cur, stmt)
                    version += 1
                    self._exec(cur, q.UPDATE_VERSION, (version,))
                    log.info("%s: store upgraded to schema version %d", self.location, version)
            for stmt in q.CREATE_LATE + self._dialect.indexes:
                self._exec(cur, stmt)
        self._transaction(work)

    # ------------------------------------------------------------------ writing

    def has_article(self, article_id: str, content_hash: str) -> bool:
        """Whether this article is stored with this content hash."""
        rows = self._query(q.SELECT_HASH, (article_id,))
        return bool(rows) and rows[0][0] == content_hash

    def stored_hashes(self, article_ids: list[str]) -> dict[str, str]:
        """``{article id: content hash}`` for those of ``article_ids`` that are stored (one query per
        :data:`HASH_BATCH` ids): what a batch run checks before coding anything."""
        out: dict[str, str] = {}
        ids = list(dict.fromkeys(a for a in article_ids if a))
        for i in range(0, len(ids), HASH_BATCH):
            chunk = ids[i:i + HASH_BATCH]
            sql = q.SELECT_HASHES.format(ids=", ".join("?" * len(chunk)))
            out.update({aid: h for aid, h in self._query(sql, chunk)})
        return out

    def add(self, doc: Document, article: Article, content_hash: str) -> bool:
        """Store a document and its article in one transaction; ``False`` when the same id and hash
        are already stored (nothing changes), ``True`` when stored (replacing the article's records
        when its content changed).

        Safe under concurrency: the article row is written first, with an upsert that leaves an
        identical row alone, so the transaction holds that row's lock before it touches the
        article's records. Two processes storing the same article at once store it once; of two
        different versions, the one committed last is kept whole.
        """
        aid = doc.article.id
        if not aid:
            raise StoreError("cannot store a document without an article id")
        if getattr(article, "id", None) not in (None, aid):
            raise StoreError(f"document is for article {aid!r} but the article given is {article.id!r}")
        meta = doc.article
        pipeline_version = doc.pipeline.get("hoopoe") or doc.pipeline.get("version") if doc.pipeline else None

        def work(cur: Any) -> Any:
            self._exec(cur, q.UPSERT_ARTICLE, (
                aid, meta.title, meta.url, meta.source, meta.published, meta.language, article.text,
                content_hash, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                pipeline_version, json.dumps(doc.pipeline, sort_keys=True) if doc.pipeline else None))
            if cur.rowcount == 0:  # stored already with this content hash
                return ROLLBACK
            self._detach_from_clusters(cur, aid)
            for table in q.CHILD_TABLES:
                self._exec(cur, q.DELETE_CHILDREN[table], (aid,))
            events: list[tuple] = []
            actors: list[tuple] = []
            for seq, ev in enumerate(doc.events):
                self._event_rows(aid, seq, ev, events, actors, meta.published)
            self._exec_many(cur, q.INSERT_EVENT, events)
            self._exec_many(cur, q.INSERT_EVENT_ACTOR, actors)
            self._exec_many(cur, q.INSERT_ENTITY, [(
                aid, seq, ent.entity_text, ent.identifier_id, ent.identifier_text, ent.kb_id, ent.code,
                ent.sector, ent.kind, _json(ent.mentions), _json(ent)) for seq, ent in enumerate(doc.entities)])
            self._exec_many(cur, q.INSERT_PLACE, [(
                aid, seq, pl.text, pl.name, pl.geonameid, pl.lat, pl.lon, pl.feature, pl.admin1, pl.country,
                pl.precision, _json(pl.mentions), _json(pl)) for seq, pl in enumerate(doc.places)])
            self._exec_many(cur, q.INSERT_QUOTE, [(
                aid, seq, qu.speaker.entity_text if qu.speaker else None,
                (qu.speaker.identifier_id or qu.speaker.kb_id) if qu.speaker else None, qu.text, qu.start, qu.end,
                int(qu.direct), _json(qu)) for seq, qu in enumerate(doc.quotes)])
            self._exec_many(cur, q.INSERT_COMMITMENT, [(
                aid, seq, cm.id, cm.text, cm.status, cm.made.start, cm.made.end,
                cm.source_text.start if cm.source_text else None, cm.source_text.end if cm.source_text else None,
                _json(cm)) for seq, cm in enumerate(doc.commitments)])

        if self._transaction(work) is ROLLBACK:
            return False
        log.debug("stored article %s: %d events", aid, len(doc.events))
        return True

    def _detach_from_clusters(self, cur: Any, aid: str) -> None:
        """Dedup hook: the article's events leave their clusters (flagged stale for the next dedup run,
        dropped when left empty), so replacing an article leaves no dangling cluster member."""
        cluster_ids = [r[0] for r in self._exec(cur, q.SELECT_ARTICLE_CLUSTERS, (aid,)).fetchall()]
        for cid in cluster_ids:
            self._exec(cur, q.MARK_CLUSTER_STALE, (cid,))
        self._exec(cur, q.DELETE_ARTICLE_MEMBERS, (aid,))
        for cid in cluster_ids:
            self._exec(cur, q.DELETE_CLUSTER_IF_EMPTY, (cid,))

    @staticmethod
    def _event_rows(aid: str, seq: int, ev: Event, events: list[tuple], actors: list[tuple],
                    published: str | None) -> None:
        """Append the event's row and its participants' rows. The effective dates (the event's own,
        else the publication date) are columns of their own for fast date filters."""
        loc, k, w, evid = ev.event_loc, ev.killed, ev.wounded, ev.evidence
        events.append((
            aid, seq, ev.id, ev.event, ev.date.start, ev.date.end, ev.date.precision,
            (loc.name or loc.text) if loc else None, loc.geonameid if loc else None,
            loc.lat if loc else None, loc.lon if loc else None, loc.admin1 if loc else None,
            loc.country if loc else None, loc.precision if loc else None, ev.modality,
            k.min if k else None, k.max if k else None, w.min if w else None, w.max if w else None,
            ev.quad_code, ev.event_scale, ev.cameo, ev.confidence,
            evid.start if evid else None, evid.end if evid else None, _json(ev),
            ev.date.start or ev.date.end or published, ev.date.end or ev.date.start or published))
        roles: list[tuple[str, list[Entity]]] = [
            ("actor", ev.actor), ("recipient", ev.recipient), ("claimed_by", ev.claimed_by),
            ("speaker", [ev.speaker] if ev.speaker else [])]
        for role, ents in roles:
            for i, ent in enumerate(ents):
                actors.append((aid, seq, ev.id, role, i, ent.entity_text, ent.identifier_id, ent.identifier_text,
                               ent.kb_id, ent.code, ent.sector))

    # ------------------------------------------------------------------ reading

    @staticmethod
    def _meta(row: tuple) -> ArticleMeta:
        return ArticleMeta(id=row[0], title=row[1], url=row[2], source=row[3], published=row[4],
                           language=row[5] or "en")

    def country_code(self, value: str) -> str:
        """The ISO alpha-3 code for a code or a country name (a StoreError names an unknown one)."""
        return self._country(value)

    def _country(self, value: str) -> str:
        v = value.strip()
        if len(v) == 3 and v.isalpha() and (v.isupper() or self._country_codes is None):
            return v.upper()
        code = self._country_codes(v) if self._country_codes else None
        if code is None and len(v) == 3 and v.isalpha():
            return v.upper()
        if code is None:
            raise StoreError(f"unknown country {value!r}: give an ISO 3166-1 alpha-3 code (AFG) or a country name")
        return code

    def events(self, f: EventFilter | None = None) -> Iterator[tuple[ArticleMeta, Event]]:
        """Stored events with their article's metadata, oldest first, filtered by ``f``."""
        f = f or EventFilter()
        where: list[str] = []
        params: list[Any] = []
        if f.since:
            where.append(q.WHERE_SINCE)
            params.append(_iso(f.since) if isinstance(f.since, date) else str(f.since))
        if f.until:
            where.append(q.WHERE_UNTIL)
            params.append(_iso(f.until) if isinstance(f.until, date) else str(f.until))
        if f.country:
            where.append(q.WHERE_COUNTRY)
            params.append(self._country(f.country))
        if f.event:
            where.append(q.WHERE_EVENT)
            params.append(f.event.strip().upper())
        if f.actor:
            if f.role and f.role not in ACTOR_ROLES:
                raise StoreError(f"unknown actor role {f.role!r}: use one of {', '.join(ACTOR_ROLES)}")
            where.append(q.WHERE_ACTOR_IN_ROLE if f.role else q.WHERE_ACTOR)
            params += [f.actor.strip().lower()] * 4 + ([f.role] if f.role else [])
        sql = q.SELECT_EVENTS + (" WHERE " + " AND ".join(where) if where else "") + q.ORDER_EVENTS
        sql, params = paged(sql, params, f.limit, f.offset)
        metas: dict[str, ArticleMeta] = {}
        for row in self._stream(sql, params):
            meta = metas.get(row[0]) or metas.setdefault(row[0], self._meta(row))
            yield meta, from_dict(Event, json.loads(row[6]))

    def document(self, article_id: str) -> Document | None:
        """The stored document of one article, or ``None``."""
        rows = self._query(q.SELECT_ARTICLE, (article_id,))
        if not rows:
            return None
        row = rows[0]

        def records(table: str, cls: type) -> list:
            return [from_dict(cls, json.loads(r[0])) for r in self._query(q.SELECT_RECORDS[table], (article_id,))]

        return Document(article=self._meta(row), events=records("events", Event),
                        entities=records("entities", Entity), places=records("places", Place),
                        quotes=records("quotes", Quote), commitments=records("commitments", Commitment),
                        pipeline=json.loads(row[6]) if row[6] else {})

    def documents(self) -> Iterator[Document]:
        """Every stored document, by article id."""
        for (aid,) in self._query(q.SELECT_ARTICLE_IDS):
            doc = self.document(aid)
            if doc is not None:
                yield doc

    def stats(self) -> dict[str, int]:
        """Row counts: articles, events, entities, places, quotes, commitments."""
        return {t: int(self._query(sql)[0][0]) for t, sql in q.COUNT.items()}

    def dataframe(self, f: EventFilter | None = None, *, columns: str = "plover"):
        """The events :meth:`events` returns as a pandas DataFrame (see :func:`hoopoe.export.to_dataframe`)."""
        from hoopoe.export.frame import to_dataframe

        return to_dataframe(self.events(f), columns=columns)

    # ------------------------------------------------------------------ life cycle

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.location!r}, {self._dialect.name})"
