"""Read-side queries for analysts: filtered pages of events, one event with every report of its
happening, actors and their counterparts, places, the actor network, time series, commitments and
summary counts. The HTTP API (:mod:`hoopoe.api`) is a thin layer over these functions.

Every query here is portable SQL (SQLite and PostgreSQL) over the tables of :mod:`hoopoe.store.schema`,
built from one :class:`EventQuery` so that every view of the data applies the same filters. Event
dates are the effective dates stored with each event (``event_from``/``event_to``: the event's own
dates, else its article's publication date), which are indexed.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from hoopoe.errors import StoreError
from hoopoe.records import ArticleMeta, Event, from_dict
from hoopoe.store import schema as q
from hoopoe.store.sql import Store, paged

#: Totals are counted exactly up to this many matches; beyond it a page says "more than".
#: (Counting every match of a broad filter over millions of events would cost more than the page.)
COUNT_CAP = 1_000

MODALITIES = ("asserted", "negated", "future", "hypothetical", "historical")
#: PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
COOPERATION_QUADS = (1, 2)
CONFLICT_QUADS = (3, 4)
INTERVALS = ("day", "week", "month")
SERIES_BY = ("none", "event", "quad")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

_MODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

#: The identity of an entity in ``event_actors``: its knowledge-base id, else its Wikidata id, else its
#: lower-cased canonical name or text. The same expression keys actor lists, counterparts and the network.
ACTOR_KEY = "COALESCE({p}.kb_id, {p}.identifier_id, LOWER(COALESCE({p}.identifier_text, {p}.entity_text)))"
ACTOR_NAME = "COALESCE({p}.identifier_text, {p}.entity_text)"
#: Entities that take part (claims and speakers are kept apart).
PARTICIPANT_ROLES = ("actor", "recipient")

_EVENTS_FROM = "FROM events e JOIN articles a ON a.id = e.article_id"
_MEMBERSHIP = """LEFT JOIN cluster_members m ON m.article_id = e.article_id AND m.event_seq = e.seq
    LEFT JOIN clusters c ON c.id = m.cluster_id"""
#: One report per happening: an event in no cluster, or the first member (by article id, then
#: position) of its cluster.
_REPRESENTATIVE = """NOT EXISTS (SELECT 1 FROM cluster_members m1 JOIN cluster_members m2 ON m2.cluster_id = m1.cluster_id
    WHERE m1.article_id = e.article_id AND m1.event_seq = e.seq
    AND (m2.article_id < m1.article_id OR (m2.article_id = m1.article_id AND m2.event_seq < m1.event_seq)))"""
_EVIDENCE_TEXT = "SUBSTR(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)"
#: The events an entity takes part in, found from the entity's indexes (text, name, KB id, Wikidata id)
#: rather than checked event by event: a rare actor does not make a page scan the whole store.
_ACTOR_MATCH_KEY = """(e.article_id, e.seq) IN (SELECT ea.article_id, ea.event_seq FROM event_actors ea
    WHERE LOWER(ea.entity_text) = ? OR LOWER(ea.identifier_text) = ? OR LOWER(ea.kb_id) = ?
    OR LOWER(ea.identifier_id) = ?)"""


class BadQuery(StoreError):
    """A filter value that cannot be used (names the value and what would be valid)."""

    reason = "bad-parameter"


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its wildcards escaped (with ``ESCAPE '\\'``)."""
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass(slots=True)
class EventQuery:
    """Which events a view covers; every field that is set must match.

    ``since``/``until``: the event's dates overlap ``[since, until]``. ``country``: ISO alpha-3 code or
    country name. ``admin1``: the first-level division's name as stored. ``event``: PLOVER types (any).
    ``mode``: a PLOVER mode the event has. ``actor``: an entity in any role whose text, canonical name,
    knowledge-base id or Wikidata id equals it (case-insensitive). ``text``: words in the evidence
    sentence or the article's title. ``bbox``: ``(min_lon, min_lat, max_lon, max_lat)``; a box whose
    min_lon > max_lon crosses the antimeridian. ``min_precision``: keep places whose precision code is
    at most this (1 exact place, 2 near, 3 admin region or country). ``dedup``: one report per happening.
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    event: tuple[str, ...] = ()
    mode: str | None = None
    modality: str | None = None
    actor: str | None = None
    text: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_precision: int | None = None
    dedup: bool = True

    def where(self, store: Store, *, spatial_index: bool = True) -> tuple[list[str], list[Any]]:
        """SQL conditions (over ``events e`` joined to ``articles a``) and their parameters.
        ``spatial_index=False`` keeps the engine off the lat/lon index (see :func:`event_page`)."""
        where: list[str] = []
        params: list[Any] = []
        if self.since and self.until and self.since > self.until:
            raise BadQuery(f"since {self.since} is after until {self.until}")
        if self.since:
            where.append(q.WHERE_SINCE)
            params.append(self.since.isoformat())
        if self.until:
            where.append(q.WHERE_UNTIL)
            params.append(self.until.isoformat())
        if self.country:
            where.append(q.WHERE_COUNTRY)
            try:
                params.append(store.country_code(self.country))
            except StoreError as e:
                raise BadQuery(str(e)) from None
        if self.admin1:
            where.append("e.admin1 = ?")
            params.append(self.admin1.strip())
        if self.event:
            types = [t.strip().upper() for t in self.event if t.strip()]
            where.append(f"e.type IN ({', '.join('?' * len(types))})")
            params += types
        if self.mode:
            if not _MODE.match(self.mode):
                raise BadQuery(f"bad mode {self.mode!r}: a PLOVER mode is a lower-case slug like 'suicide-attack'")
            # The record is compact JSON with ``mode`` right before ``context``: the value is in the list.
            where.append('e.record LIKE ?')
            params.append(f'%"mode":[%"{self.mode}"%],"context":%')
        if self.modality:
            if self.modality not in MODALITIES:
                raise BadQuery(f"unknown modality {self.modality!r}: use one of {', '.join(MODALITIES)}")
            where.append("e.modality = ?")
            params.append(self.modality)
        if self.actor:
            where.append(_ACTOR_MATCH_KEY)
            params += [self.actor.strip().lower()] * 4
        if self.text and self.text.strip():
            pattern = _like(self.text.strip())
            where.append(f"(LOWER({_EVIDENCE_TEXT}) LIKE ? ESCAPE '\\' OR LOWER(a.title) LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            if min_lat > max_lat:
                raise BadQuery(f"bad bbox: min_lat {min_lat} is above max_lat {max_lat}")
            where.append(("e.lat" if spatial_index else "+e.lat") + " BETWEEN ? AND ?")
            params += [min_lat, max_lat]
            lon = "e.lon" if spatial_index else "+e.lon"
            if min_lon <= max_lon:
                where.append(f"{lon} BETWEEN ? AND ?")
                params += [min_lon, max_lon]
            else:  # across the antimeridian
                where.append(f"({lon} >= ? OR {lon} <= ?)")
                params += [min_lon, max_lon]
        if self.min_precision is not None:
            where.append("e.geo_precision <= ?")
            params.append(self.min_precision)
        if self.dedup:
            where.append(_REPRESENTATIVE)
        return where, params


def _where_sql(where: list[str]) -> str:
    return (" WHERE " + " AND ".join(where)) if where else ""


# ---------------------------------------------------------------------------------------------- items

def _entity(d: dict) -> dict:
    """An entity for the API: without its mention offsets (the evidence span stands for them)."""
    return {k: v for k, v in d.items() if k != "mentions"}


def event_item(meta: dict, record: dict, cluster: dict | None) -> dict:
    """An event as the API lists it: the record's fields, its place as ``place``, its article and cluster."""
    loc = record.get("event_loc")
    return {
        "id": record["id"],
        "article_id": meta["id"],
        "event": record["event"],
        "mode": record.get("mode") or [],
        "context": record.get("context") or [],
        "modality": record.get("modality", "asserted"),
        "date": record.get("date") or {},
        "place": {k: v for k, v in loc.items() if k != "mentions"} if loc else None,
        "actor": [_entity(x) for x in record.get("actor") or []],
        "recipient": [_entity(x) for x in record.get("recipient") or []],
        "claimed_by": [_entity(x) for x in record.get("claimed_by") or []],
        "speaker": _entity(record["speaker"]) if record.get("speaker") else None,
        "attribution": record.get("attribution"),
        "killed": record.get("killed"),
        "wounded": record.get("wounded"),
        "missing": record.get("missing"),
        "reported_by": record.get("reported_by") or [],
        "quad_code": record.get("quad_code"),
        "event_scale": record.get("event_scale"),
        "cameo": record.get("cameo"),
        "acled": record.get("acled"),
        "confidence": record.get("confidence"),
        "event_text": record.get("event_text") or "",
        "evidence": record.get("evidence"),
        "article": meta,
        "cluster": cluster,
    }


def _meta(row: tuple) -> dict:
    return {"id": row[0], "title": row[1], "url": row[2], "source": row[3], "published": row[4],
            "language": row[5] or "en"}


_ITEM_COLUMNS = f"{q.ARTICLE_META_COLUMNS}, e.record, m.cluster_id, c.reports, c.articles"


def _item(row: tuple) -> dict:
    cluster = {"id": row[7], "reports": row[8], "articles": row[9]} if row[7] else None
    return event_item(_meta(row), json.loads(row[6]), cluster)


# ---------------------------------------------------------------------------------------------- events

@dataclass(slots=True)
class Page:
    total: int
    total_exact: bool
    limit: int
    offset: int
    items: list[dict]


def event_page(store: Store, query: EventQuery, *, limit: int = 50, offset: int = 0, newest_first: bool = True) -> Page:
    """One page of events, by date (newest first by default, undated events last; oldest first puts them
    first), with the number of matches (exact up to :data:`COUNT_CAP`)."""
    where, params = query.where(store)
    total, exact = count_events(store, query, where=(where, params))
    if query.bbox and not exact:
        # A box with many events: read newest first on the date index and stop at the page, rather than
        # collect every event in the box from the lat/lon index and sort them (which is what a box with
        # few events, counted exactly just now, is best served by).
        where, params = query.where(store, spatial_index=False)
    # Newest first: undated events (no event date, no publication date) last; oldest first: the reverse
    # of that order (undated first). Written so that each engine reads it from an index, not a sort.
    if newest_first:
        order = f" ORDER BY e.event_from {store.dialect.newest_first}, e.article_id DESC, e.seq DESC"
    else:
        oldest = "ASC NULLS FIRST" if store.dialect.newest_first != "DESC" else "ASC"
        order = f" ORDER BY e.event_from {oldest}, e.article_id, e.seq"
    # The page's keys first (from the events alone, unless a text search reads the article), then the
    # records of those rows only: articles are large rows, read for the page and not for every match.
    source = _EVENTS_FROM if query.text else "FROM events e"
    keys, page_params = paged(f"SELECT e.article_id, e.seq {source}{_where_sql(where)}{order}", list(params),
                              limit, offset)
    sql = (f"SELECT {_ITEM_COLUMNS} FROM ({keys}) k JOIN events e ON e.article_id = k.article_id AND e.seq = k.seq"
           f" JOIN articles a ON a.id = e.article_id {_MEMBERSHIP}{order}")
    items = [_item(r) for r in store._query(sql, page_params)]
    return Page(total=total, total_exact=exact, limit=limit, offset=offset, items=items)


def count_events(store: Store, query: EventQuery, *, cap: int | None = None,
                 where: tuple[list[str], list[Any]] | None = None) -> tuple[int, bool]:
    """``(matches, exact)``: the number of matching events, counted up to ``cap`` (default
    :data:`COUNT_CAP`; then not exact)."""
    cap = COUNT_CAP if cap is None else cap
    clauses, params = where or query.where(store)
    source = _EVENTS_FROM if query.text else "FROM events e"  # only text search reads the article
    sql = f"SELECT COUNT(*) FROM (SELECT 1 {source}{_where_sql(clauses)} LIMIT ?) t"
    n = int(store._query(sql, list(params) + [cap + 1])[0][0])
    return (cap, False) if n > cap else (n, True)


def iter_events(store: Store, query: EventQuery, *, limit: int | None = None) -> Iterator[tuple[ArticleMeta, Event]]:
    """Every matching event with its article's metadata, oldest first (for exports), streamed."""
    where, params = query.where(store)
    sql = (f"SELECT {q.ARTICLE_META_COLUMNS}, e.record {_EVENTS_FROM}{_where_sql(where)}"
           " ORDER BY CASE WHEN e.event_from IS NULL THEN 1 ELSE 0 END, e.event_from, e.article_id, e.seq")
    sql, params = paged(sql, list(params), limit, 0)
    metas: dict[str, ArticleMeta] = {}
    for row in store._stream(sql, params):
        meta = metas.get(row[0]) or metas.setdefault(
            row[0], ArticleMeta(id=row[0], title=row[1], url=row[2], source=row[3], published=row[4],
                                language=row[5] or "en"))
        yield meta, from_dict(Event, json.loads(row[6]))


def event_detail(store: Store, event_id: str) -> dict | None:
    """One event with its article's text and every report of the same happening (``None``: no such event).

    ``reports``: each report's article, evidence sentence (with offsets into that article's text),
    cited sources, counts, date and place; the event itself first. ``canonical``: the merged record
    of the happening when the event is in a cluster.
    """
    rows = store._query(f"SELECT {_ITEM_COLUMNS}, a.text {_EVENTS_FROM} {_MEMBERSHIP} WHERE e.id = ? "
                        "ORDER BY e.article_id, e.seq", (event_id,))
    if not rows:
        return None
    row = rows[0]
    item = _item(row)
    article = {**item["article"], "text": row[10]}
    own = {"event_id": item["id"], "article": item["article"], "evidence": item["evidence"],
           "reported_by": item["reported_by"], "killed": item["killed"], "wounded": item["wounded"],
           "date": item["date"], "place": item["place"]}
    reports = [own]
    canonical = None
    if item["cluster"]:
        found = store._query("SELECT record FROM clusters WHERE id = ?", (item["cluster"]["id"],))
        if found:
            canonical = json.loads(found[0][0])
            for rep in canonical.pop("reports", []):
                if rep.get("event_id") == item["id"]:
                    continue
                loc = rep.get("place")
                reports.append({
                    "event_id": rep.get("event_id"),
                    "article": {"id": rep.get("article_id"), "title": rep.get("title"), "url": rep.get("url"),
                                "source": rep.get("source"), "published": rep.get("published")},
                    "evidence": rep.get("evidence"), "reported_by": rep.get("reported_by") or [],
                    "killed": rep.get("killed"), "wounded": rep.get("wounded"), "date": rep.get("date"),
                    "place": loc if isinstance(loc, dict) or loc is None else {"name": loc}})
            for key in ("actor", "recipient", "claimed_by"):
                canonical[key] = [_entity(x) for x in canonical.get(key) or []]
            if canonical.get("event_loc"):
                canonical["place"] = {k: v for k, v in canonical.pop("event_loc").items() if k != "mentions"}
            canonical["places"] = [{k: v for k, v in p.items() if k != "mentions"}
                                   for p in canonical.get("places") or []]
    return {"event": item, "article": article, "reports": reports, "canonical": canonical}


# ---------------------------------------------------------------------------------------------- actors

#: The events and articles an ``event_actors ea`` row belongs to (the filters are over ``e`` and ``a``).
_ACTOR_EVENTS = (" JOIN events e ON e.article_id = ea.article_id AND e.seq = ea.event_seq"
                 " JOIN articles a ON a.id = e.article_id")


def actors(store: Store, query: EventQuery | None = None, *, search: str | None = None, limit: int = 50,
           offset: int = 0) -> Page:
    """Actors taking part in the matching events (as actor or recipient), most events first."""
    query = query or EventQuery(dedup=False)
    where, params = query.where(store)
    key, name = ACTOR_KEY.format(p="ea"), ACTOR_NAME.format(p="ea")
    where = [f"ea.role IN ({', '.join('?' * len(PARTICIPANT_ROLES))})"] + where
    params = list(PARTICIPANT_ROLES) + params
    if search and search.strip():
        where.append("(LOWER(ea.entity_text) LIKE ? ESCAPE '\\' OR LOWER(ea.identifier_text) LIKE ? ESCAPE '\\')")
        params += [_like(search.strip())] * 2
    base = f"FROM event_actors ea{_ACTOR_EVENTS}{_where_sql(where)}"
    sql = (f"SELECT {key} AS k, MAX({name}), MAX(ea.identifier_id), MAX(ea.code), MAX(ea.sector), COUNT(*) AS n "
           f"{base} GROUP BY {key} ORDER BY n DESC, k")
    sql, page_params = paged(sql, params, limit, offset)
    rows = store._query(sql, page_params)
    total = int(store._query(f"SELECT COUNT(DISTINCT {key}) {base}", params)[0][0])
    kinds = _kinds(store, [r[0] for r in rows])
    items = [{"key": r[0], "name": r[1], "identifier_id": r[2], "code": r[3], "sector": r[4],
              "kind": kinds.get(r[0]), "events": int(r[5])} for r in rows]
    return Page(total=total, total_exact=True, limit=limit, offset=offset, items=items)


def _kinds(store: Store, keys: list[str]) -> dict[str, str]:
    """The entity kind (person, state, armed_group, ...) of knowledge-base actors, by key."""
    if not keys:
        return {}
    marks = ", ".join("?" * len(keys))
    rows = store._query(f"SELECT kb_id, MAX(kind) FROM entities WHERE kb_id IN ({marks}) GROUP BY kb_id", keys)
    return {r[0]: r[1] for r in rows if r[1]}


def _key_match(prefix: str) -> str:
    return (f"(LOWER({prefix}.kb_id) = ? OR LOWER({prefix}.identifier_id) = ? OR "
            f"LOWER({prefix}.identifier_text) = ? OR LOWER({prefix}.entity_text) = ?)")


def actor_detail(store: Store, key: str, *, query: EventQuery | None = None, limit: int = 50) -> dict | None:
    """One actor (by key, knowledge-base id, Wikidata id or name): its identity, its latest events, and
    the actors it acted on or was acted on by, with cooperation and conflict counts."""
    k = key.strip().lower()
    if not k:
        return None
    ident = store._query(
        f"SELECT {ACTOR_KEY.format(p='ea')}, {ACTOR_NAME.format(p='ea')}, ea.identifier_id, ea.code, ea.sector "
        f"FROM event_actors ea WHERE {_key_match('ea')} LIMIT 1", [k] * 4)
    if not ident:
        return None
    akey, name, qid, code, sector = ident[0]
    query = query or EventQuery(dedup=False)
    page = event_page(store, replace(query, actor=key), limit=limit)
    where, params = query.where(store)
    other_key, other_name = ACTOR_KEY.format(p="o"), ACTOR_NAME.format(p="o")
    coop = ", ".join(str(x) for x in COOPERATION_QUADS)
    conf = ", ".join(str(x) for x in CONFLICT_QUADS)
    sql = (f"SELECT {other_key} AS k, MAX({other_name}), COUNT(*) AS n, "
           f"SUM(CASE WHEN e.quad_code IN ({coop}) THEN 1 ELSE 0 END), "
           f"SUM(CASE WHEN e.quad_code IN ({conf}) THEN 1 ELSE 0 END) "
           "FROM event_actors ea JOIN event_actors o ON o.article_id = ea.article_id AND o.event_seq = ea.event_seq "
           "AND o.role IN ('actor', 'recipient') AND (o.role <> ea.role OR o.seq <> ea.seq) "
           "JOIN events e ON e.article_id = ea.article_id AND e.seq = ea.event_seq "
           "JOIN articles a ON a.id = e.article_id "
           f"WHERE ea.role IN ('actor', 'recipient') AND {_key_match('ea')} AND {other_key} <> ?"
           + "".join(f" AND {w}" for w in where)
           + " GROUP BY k ORDER BY n DESC, k LIMIT 50")
    rows = store._query(sql, [k] * 4 + [akey] + params)
    counterparts = [{"key": r[0], "name": r[1], "events": int(r[2]), "cooperation": int(r[3] or 0),
                     "conflict": int(r[4] or 0)} for r in rows]
    actor = {"key": akey, "name": name, "identifier_id": qid, "code": code, "sector": sector,
             "kind": _kinds(store, [akey]).get(akey), "events": page.total}
    return {"actor": actor, "events": page.items, "events_total_exact": page.total_exact,
            "counterparts": counterparts}


# ---------------------------------------------------------------------------------------------- places

def places(store: Store, query: EventQuery | None = None, *, search: str | None = None, limit: int = 100,
           offset: int = 0) -> Page:
    """Places of the matching events, most events first."""
    query = query or EventQuery(dedup=False)
    where, params = query.where(store)
    where = ["e.geonameid IS NOT NULL"] + where
    if search and search.strip():
        where.append("LOWER(e.place) LIKE ? ESCAPE '\\'")
        params = params + [_like(search.strip())]
    base = f"{_EVENTS_FROM}{_where_sql(where)}"
    sql = (f"SELECT e.geonameid, MAX(e.place), MAX(e.lat), MAX(e.lon), MAX(e.admin1), MAX(e.country), "
           f"MIN(e.geo_precision), COUNT(*) AS n {base} GROUP BY e.geonameid ORDER BY n DESC, e.geonameid")
    sql, page_params = paged(sql, list(params), limit, offset)
    rows = store._query(sql, page_params)
    total = int(store._query(f"SELECT COUNT(DISTINCT e.geonameid) {base}", params)[0][0])
    features = {}
    ids = [r[0] for r in rows]
    if ids:
        marks = ", ".join("?" * len(ids))
        features = {r[0]: r[1] for r in store._query(
            f"SELECT geonameid, MAX(feature) FROM places WHERE geonameid IN ({marks}) GROUP BY geonameid", ids)}
    items = [{"name": r[1], "geonameid": int(r[0]), "lat": r[2], "lon": r[3], "feature": features.get(r[0]),
              "admin1": r[4], "country": r[5], "precision": r[6], "events": int(r[7])} for r in rows]
    return Page(total=total, total_exact=True, limit=limit, offset=offset, items=items)


# ---------------------------------------------------------------------------------------------- network

def network(store: Store, query: EventQuery | None = None, *, min_events: int = 1, max_nodes: int = 200) -> dict:
    """The actor network of the matching events: an edge joins an event's actor to its recipient (or
    two actors of one event, e.g. both sides of a clash), weighted by the number of events, the
    cooperative and conflictual ones (PLOVER quad class) and the sum of their PLOVER scores
    (negative: hostile). The ``max_nodes`` busiest actors are kept, with the edges among them."""
    query = query or EventQuery(dedup=False)
    where, params = query.where(store)
    x_key, y_key = ACTOR_KEY.format(p="x"), ACTOR_KEY.format(p="y")
    coop = ", ".join(str(v) for v in COOPERATION_QUADS)
    conf = ", ".join(str(v) for v in CONFLICT_QUADS)
    sql = (f"SELECT {x_key} AS s, {y_key} AS t, MAX({ACTOR_NAME.format(p='x')}), MAX({ACTOR_NAME.format(p='y')}), "
           "MAX(x.code), MAX(y.code), MAX(x.sector), MAX(y.sector), COUNT(*), "
           f"SUM(CASE WHEN e.quad_code IN ({coop}) THEN 1 ELSE 0 END), "
           f"SUM(CASE WHEN e.quad_code IN ({conf}) THEN 1 ELSE 0 END), SUM(COALESCE(e.event_scale, 0)) "
           "FROM event_actors x JOIN event_actors y ON y.article_id = x.article_id AND y.event_seq = x.event_seq "
           "AND (y.role = 'recipient' OR (y.role = 'actor' AND y.seq > x.seq)) "
           "JOIN events e ON e.article_id = x.article_id AND e.seq = x.event_seq "
           "JOIN articles a ON a.id = e.article_id "
           f"WHERE x.role = 'actor'{''.join(f' AND {w}' for w in where)} "
           f"GROUP BY {x_key}, {y_key}")
    edges: dict[tuple[str, str], dict] = {}
    nodes: dict[str, dict] = {}
    for s, t, sname, tname, scode, tcode, ssec, tsec, n, nco, ncf, scale in store._query(sql, params):
        if not s or not t or s == t:
            continue
        a, b = (s, t) if s < t else (t, s)  # undirected: one edge per pair
        edge = edges.setdefault((a, b), {"source": a, "target": b, "events": 0, "cooperation": 0, "conflict": 0,
                                          "weight": 0.0})
        edge["events"] += int(n)
        edge["cooperation"] += int(nco or 0)
        edge["conflict"] += int(ncf or 0)
        edge["weight"] = round(edge["weight"] + float(scale or 0), 3)
        for key, name, code, sector in ((s, sname, scode, ssec), (t, tname, tcode, tsec)):
            node = nodes.setdefault(key, {"id": key, "name": name, "code": code, "sector": sector, "kind": None,
                                          "events": 0})
            node["events"] += int(n)
    kept_edges = [e for e in edges.values() if e["events"] >= min_events]
    busy = Counter()
    for e in kept_edges:
        busy[e["source"]] += e["events"]
        busy[e["target"]] += e["events"]
    keep = {k for k, _ in busy.most_common(max_nodes)}
    kept_edges = [e for e in kept_edges if e["source"] in keep and e["target"] in keep]
    kinds = _kinds(store, sorted(keep))
    out_nodes = []
    for k in sorted(keep, key=lambda k: (-busy[k], k)):
        node = nodes[k]
        node["kind"] = kinds.get(k)
        out_nodes.append(node)
    kept_edges.sort(key=lambda e: (-e["events"], e["source"], e["target"]))
    return {"nodes": out_nodes, "edges": kept_edges}


# ---------------------------------------------------------------------------------------------- time series

def _bucket(day: str, interval: str) -> str:
    if interval == "day":
        return day
    if interval == "month":
        return day[:7] + "-01"
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()  # the Monday of its ISO week


def timeseries(store: Store, query: EventQuery | None = None, *, interval: str = "day", by: str = "event") -> dict:
    """Events and people killed per day, week (starting Monday) or month, by PLOVER type, by quad class
    or in total. Events are counted on their effective start date."""
    if interval not in INTERVALS:
        raise BadQuery(f"unknown interval {interval!r}: use one of {', '.join(INTERVALS)}")
    if by not in SERIES_BY:
        raise BadQuery(f"unknown series {by!r}: use one of {', '.join(SERIES_BY)}")
    query = query or EventQuery()
    where, params = query.where(store)
    key = {"none": "'all'", "event": "e.type", "quad": "e.quad_code"}[by]
    where = ["e.event_from IS NOT NULL"] + where
    group = "SUBSTR(e.event_from, 1, 10)" + ("" if by == "none" else f", {key}")
    sql = (f"SELECT SUBSTR(e.event_from, 1, 10), {key}, COUNT(*), SUM(COALESCE(e.killed_min, 0)) "
           f"{_EVENTS_FROM}{_where_sql(where)} GROUP BY {group}")
    series: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for day, k, n, killed in store._query(sql, params):
        if not day or len(day) < 10:
            continue
        name = QUAD_NAMES.get(k, str(k)) if by == "quad" else str(k)
        cell = series[name][_bucket(day, interval)]
        cell[0] += int(n)
        cell[1] += int(killed or 0)
    out = [{"key": name, "points": [{"date": d, "events": v[0], "killed": v[1]} for d, v in sorted(points.items())]}
           for name, points in series.items()]
    out.sort(key=lambda s: (-sum(p["events"] for p in s["points"]), s["key"]))
    return {"interval": interval, "by": by, "series": out}


# ---------------------------------------------------------------------------------------------- commitments

COMMITMENT_STATUSES = ("open", "kept", "broken", "disputed")


def commitments(store: Store, *, actor: str | None = None, status: str | None = None, limit: int = 50,
                offset: int = 0) -> Page:
    """Commitments (pledges, agreements' obligations) with their evidence, newest article first."""
    where: list[str] = []
    params: list[Any] = []
    if status:
        where.append("c.status = ?")
        params.append(status)
    if actor and actor.strip():
        where.append("LOWER(c.record) LIKE ? ESCAPE '\\'")  # a prefilter; the exact check is below
        params.append(_like(actor.strip()))
    sql = (f"SELECT {q.ARTICLE_META_COLUMNS}, c.record FROM commitments c JOIN articles a ON a.id = c.article_id"
           f"{_where_sql(where)} ORDER BY a.published DESC, c.article_id, c.seq")
    wanted = actor.strip().lower() if actor else None
    items = []
    for row in store._query(sql, params):
        rec = json.loads(row[6])
        if wanted:
            names = {str(v).lower() for role in ("actor", "counterpart") for ent in rec.get(role) or []
                     for v in (ent.get("entity_text"), ent.get("identifier_text"), ent.get("kb_id"),
                               ent.get("identifier_id")) if v}
            if wanted not in names:
                continue
        items.append({**{k: v for k, v in rec.items() if k not in ("actor", "counterpart", "place")},
                      "actor": [_entity(x) for x in rec.get("actor") or []],
                      "counterpart": [_entity(x) for x in rec.get("counterpart") or []],
                      "place": {k: v for k, v in rec["place"].items() if k != "mentions"} if rec.get("place") else None,
                      "article": _meta(row)})
    return Page(total=len(items), total_exact=True, limit=limit, offset=offset, items=items[offset:offset + limit])


# ---------------------------------------------------------------------------------------------- summary

def stats(store: Store) -> dict:
    """What the store holds: counts, the date range of events, and events by type, country and modality."""
    counts = store.stats()
    clusters = int(store._query("SELECT COUNT(*) FROM clusters")[0][0])
    lo, hi = store._query("SELECT MIN(event_from), MAX(event_to) FROM events")[0]

    def group(column: str) -> dict[str, int]:
        rows = store._query(f"SELECT {column}, COUNT(*) FROM events GROUP BY {column} ORDER BY COUNT(*) DESC")
        return {str(k): int(n) for k, n in rows if k is not None}

    return {"articles": counts["articles"], "events": counts["events"], "clusters": clusters,
            "quotes": counts["quotes"], "commitments": counts["commitments"],
            "first_date": lo, "last_date": hi, "types": group("type"), "countries": group("country"),
            "modalities": group("modality")}
