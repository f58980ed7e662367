"""The store over any DB-API connection; the SQL it runs is all in :mod:`hoopoe.store.schema`."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from hoopoe import __version__
from hoopoe.errors import StoreError
from hoopoe.records import (
    Article, ArticleMeta, Commitment, Document, Entity, Event, Place, Quote, from_dict, to_dict,
)
from hoopoe.store import schema as q

log = logging.getLogger(__name__)

ACTOR_ROLES = ("actor", "recipient", "claimed_by", "speaker")

#: Rows fetched per round trip when streaming events: large enough to amortise the round trip,
#: small enough (a few MB of JSON) to keep memory flat on big stores.
FETCH_ROWS = 500


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
    """What differs between engines: the parameter style and how a transaction starts."""

    name: str
    paramstyle: str = "qmark"  # "qmark" (?) or "format" (%s)
    begin: str | None = "BEGIN"  # None: the driver opens transactions itself

    def sql(self, text: str) -> str:
        return text.replace("?", "%s") if self.paramstyle == "format" else text


def _json(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, separators=(",", ":"))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


class Store:
    """Documents and the articles they came from, in one SQL database (see :func:`open_store`).

    Each :meth:`add` is one transaction. Records go in as :func:`hoopoe.records.to_dict` JSON
    (plus columns for filtering) and come out through :func:`hoopoe.records.from_dict`, so what
    comes out equals what went in.
    """

    def __init__(self, connection: Any, dialect: Dialect, *, location: str = "",
                 country_codes: Callable[[str], str | None] | None = None) -> None:
        self._conn = connection
        self._dialect = dialect
        self.location = location
        self._country_codes = country_codes
        self._init_schema()

    # ------------------------------------------------------------------ plumbing

    def _exec(self, cur: Any, sql: str, params: tuple | list = ()) -> Any:
        cur.execute(self._dialect.sql(sql), tuple(params))
        return cur

    def _query(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        cur = self._conn.cursor()
        try:
            return self._exec(cur, sql, params).fetchall()
        except Exception as e:  # driver errors: one clear message
            raise StoreError(f"{self.location}: query failed: {e}") from e
        finally:
            cur.close()

    def _stream(self, sql: str, params: tuple | list = ()) -> Iterator[tuple]:
        """Rows of a query, fetched :data:`FETCH_ROWS` at a time."""
        cur = self._conn.cursor()
        try:
            try:
                self._exec(cur, sql, params)
            except Exception as e:
                raise StoreError(f"{self.location}: query failed: {e}") from e
            while rows := cur.fetchmany(FETCH_ROWS):
                yield from rows
        finally:
            cur.close()

    def _transaction(self, work: Callable[[Any], None]) -> None:
        cur = self._conn.cursor()
        try:
            if self._dialect.begin:
                cur.execute(self._dialect.begin)
            work(cur)
            self._conn.commit()
        except Exception as e:
            self._conn.rollback()
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"{self.location}: write failed, nothing changed: {e}") from e
        finally:
            cur.close()

    def _init_schema(self) -> None:
        def work(cur: Any) -> None:
            for stmt in q.CREATE:
                self._exec(cur, stmt)
            rows = self._exec(cur, q.SELECT_VERSION).fetchall()
            if not rows:
                self._exec(cur, q.INSERT_VERSION, (q.SCHEMA_VERSION,))
            elif rows[0][0] != q.SCHEMA_VERSION:
                raise StoreError(f"{self.location}: store schema version {rows[0][0]}, this hoopoe "
                                 f"{__version__} reads version {q.SCHEMA_VERSION}: use a new store")
        self._transaction(work)

    # ------------------------------------------------------------------ writing

    def has_article(self, article_id: str, content_hash: str) -> bool:
        """Whether this article is stored with this content hash."""
        rows = self._query(q.SELECT_HASH, (article_id,))
        return bool(rows) and rows[0][0] == content_hash

    def add(self, doc: Document, article: Article, content_hash: str) -> bool:
        """Store a document and its article in one transaction; ``False`` when the same id and hash
        are already stored (nothing changes), ``True`` when stored (replacing the article's records
        when its content changed)."""
        aid = doc.article.id
        if not aid:
            raise StoreError("cannot store a document without an article id")
        if getattr(article, "id", None) not in (None, aid):
            raise StoreError(f"document is for article {aid!r} but the article given is {article.id!r}")
        if self.has_article(aid, content_hash):
            return False
        meta = doc.article
        pipeline_version = doc.pipeline.get("hoopoe") or doc.pipeline.get("version") if doc.pipeline else None

        def work(cur: Any) -> None:
            self._detach_from_clusters(cur, aid)
            for table in q.CHILD_TABLES:
                self._exec(cur, q.DELETE_CHILDREN[table], (aid,))
            self._exec(cur, q.DELETE_ARTICLE, (aid,))
            self._exec(cur, q.INSERT_ARTICLE, (
                aid, meta.title, meta.url, meta.source, meta.published, meta.language, article.text,
                content_hash, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                pipeline_version, json.dumps(doc.pipeline, sort_keys=True) if doc.pipeline else None))
            for seq, ev in enumerate(doc.events):
                self._insert_event(cur, aid, seq, ev)
            for seq, ent in enumerate(doc.entities):
                self._exec(cur, q.INSERT_ENTITY, (
                    aid, seq, ent.entity_text, ent.identifier_id, ent.identifier_text, ent.kb_id, ent.code,
                    ent.sector, ent.kind, json.dumps(to_dict(ent.mentions)), _json(ent)))
            for seq, pl in enumerate(doc.places):
                self._exec(cur, q.INSERT_PLACE, (
                    aid, seq, pl.text, pl.name, pl.geonameid, pl.lat, pl.lon, pl.feature, pl.admin1, pl.country,
                    pl.precision, json.dumps(to_dict(pl.mentions)), _json(pl)))
            for seq, qu in enumerate(doc.quotes):
                sp = qu.speaker
                self._exec(cur, q.INSERT_QUOTE, (
                    aid, seq, sp.entity_text if sp else None,
                    (sp.identifier_id or sp.kb_id) if sp else None, qu.text, qu.start, qu.end,
                    int(qu.direct), _json(qu)))
            for seq, cm in enumerate(doc.commitments):
                src = cm.source_text
                self._exec(cur, q.INSERT_COMMITMENT, (
                    aid, seq, cm.id, cm.text, cm.status, cm.made.start, cm.made.end,
                    src.start if src else None, src.end if src else None, _json(cm)))

        self._transaction(work)
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

    def _insert_event(self, cur: Any, aid: str, seq: int, ev: Event) -> None:
        loc, k, w, evid = ev.event_loc, ev.killed, ev.wounded, ev.evidence
        self._exec(cur, q.INSERT_EVENT, (
            aid, seq, ev.id, ev.event, ev.date.start, ev.date.end, ev.date.precision,
            (loc.name or loc.text) if loc else None, loc.geonameid if loc else None,
            loc.lat if loc else None, loc.lon if loc else None, loc.admin1 if loc else None,
            loc.country if loc else None, loc.precision if loc else None, ev.modality,
            k.min if k else None, k.max if k else None, w.min if w else None, w.max if w else None,
            ev.quad_code, ev.event_scale, ev.cameo, ev.confidence,
            evid.start if evid else None, evid.end if evid else None, _json(ev)))
        roles: list[tuple[str, list[Entity]]] = [
            ("actor", ev.actor), ("recipient", ev.recipient), ("claimed_by", ev.claimed_by),
            ("speaker", [ev.speaker] if ev.speaker else [])]
        for role, ents in roles:
            for i, ent in enumerate(ents):
                self._exec(cur, q.INSERT_EVENT_ACTOR, (
                    aid, seq, ev.id, role, i, ent.entity_text, ent.identifier_id, ent.identifier_text,
                    ent.kb_id, ent.code, ent.sector))

    # ------------------------------------------------------------------ reading

    @staticmethod
    def _meta(row: tuple) -> ArticleMeta:
        return ArticleMeta(id=row[0], title=row[1], url=row[2], source=row[3], published=row[4],
                           language=row[5] or "en")

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
        if f.limit is not None or f.offset:
            if (f.limit is not None and f.limit < 0) or f.offset < 0:
                raise StoreError(f"limit and offset must be 0 or more, got {f.limit} and {f.offset}")
            sql += q.LIMIT_OFFSET
            params += [q.NO_LIMIT if f.limit is None else f.limit, f.offset]
        metas: dict[str, ArticleMeta] = {}
        cur = self._conn.cursor()
        try:
            try:
                self._exec(cur, sql, params)
            except Exception as e:
                raise StoreError(f"{self.location}: query failed: {e}") from e
            while rows := cur.fetchmany(FETCH_ROWS):
                for row in rows:
                    meta = metas.get(row[0]) or metas.setdefault(row[0], self._meta(row))
                    yield meta, from_dict(Event, json.loads(row[6]))
        finally:
            cur.close()

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
