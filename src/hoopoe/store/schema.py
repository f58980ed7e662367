"""The store's schema and every SQL statement it runs, in one place.

Portable SQL: the same text runs on SQLite and PostgreSQL. Rules kept here:

- types are ``TEXT``, ``INTEGER``, ``BIGINT``, ``DOUBLE PRECISION``; dates are ISO ``TEXT``
  (``YYYY-MM-DD``, which sorts and compares as dates), booleans ``INTEGER`` 0/1, records JSON ``TEXT``;
- keys are natural and composite (``article_id``, ``seq``), never auto-increment columns;
- column names avoid reserved words (``date_precision``, ``start_offset``, not ``precision``, ``end``);
- parameters are written ``?``; a dialect rewrites them to its own style (``%s`` for psycopg);
- child rows are deleted explicitly before their article, not by ``ON DELETE CASCADE``;
- what is dialect-specific (connection pragmas, the "no limit" clause) lives in the dialect, not here.
"""

from __future__ import annotations

#: Bump when the tables change; a store with another version is refused with a clear message.
SCHEMA_VERSION = 2

CREATE: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
    """CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY,
        title TEXT, url TEXT, source TEXT, published TEXT, language TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        pipeline_version TEXT,
        pipeline TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        article_id TEXT NOT NULL REFERENCES articles (id),
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        date_start TEXT, date_end TEXT, date_precision TEXT,
        place TEXT, geonameid BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
        admin1 TEXT, country TEXT, geo_precision INTEGER,
        modality TEXT,
        killed_min INTEGER, killed_max INTEGER, wounded_min INTEGER, wounded_max INTEGER,
        quad_code INTEGER, event_scale DOUBLE PRECISION, cameo TEXT, confidence DOUBLE PRECISION,
        evidence_start INTEGER, evidence_end INTEGER,
        record TEXT NOT NULL,
        event_from TEXT, event_to TEXT,
        PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS event_actors (
        article_id TEXT NOT NULL REFERENCES articles (id),
        event_seq INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        role TEXT NOT NULL,
        seq INTEGER NOT NULL,
        entity_text TEXT, identifier_id TEXT, identifier_text TEXT, kb_id TEXT, code TEXT, sector TEXT,
        PRIMARY KEY (article_id, event_seq, role, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS entities (
        article_id TEXT NOT NULL REFERENCES articles (id),
        seq INTEGER NOT NULL,
        entity_text TEXT, identifier_id TEXT, identifier_text TEXT, kb_id TEXT, code TEXT, sector TEXT,
        kind TEXT, mentions TEXT,
        record TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS places (
        article_id TEXT NOT NULL REFERENCES articles (id),
        seq INTEGER NOT NULL,
        text TEXT, name TEXT, geonameid BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
        feature TEXT, admin1 TEXT, country TEXT, geo_precision INTEGER, mentions TEXT,
        record TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS quotes (
        article_id TEXT NOT NULL REFERENCES articles (id),
        seq INTEGER NOT NULL,
        speaker_text TEXT, speaker_id TEXT, text TEXT,
        start_offset INTEGER, end_offset INTEGER, direct INTEGER,
        record TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS commitments (
        article_id TEXT NOT NULL REFERENCES articles (id),
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        text TEXT, status TEXT, made_start TEXT, made_end TEXT,
        evidence_start INTEGER, evidence_end INTEGER,
        record TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    )""",
    "CREATE INDEX IF NOT EXISTS ix_articles_published ON articles (published)",
    "CREATE INDEX IF NOT EXISTS ix_events_type ON events (type)",
    "CREATE INDEX IF NOT EXISTS ix_events_country ON events (country)",
    "CREATE INDEX IF NOT EXISTS ix_events_date_start ON events (date_start)",
    "CREATE INDEX IF NOT EXISTS ix_events_date_end ON events (date_end)",
    "CREATE INDEX IF NOT EXISTS ix_events_id ON events (id)",
    "CREATE INDEX IF NOT EXISTS ix_actors_event ON event_actors (article_id, event_seq)",
    "CREATE INDEX IF NOT EXISTS ix_actors_text ON event_actors (LOWER(entity_text))",
    "CREATE INDEX IF NOT EXISTS ix_actors_name ON event_actors (LOWER(identifier_text))",
    "CREATE INDEX IF NOT EXISTS ix_actors_kb ON event_actors (LOWER(kb_id))",
    "CREATE INDEX IF NOT EXISTS ix_actors_qid ON event_actors (LOWER(identifier_id))",
    "CREATE INDEX IF NOT EXISTS ix_entities_kb ON entities (kb_id)",
    "CREATE INDEX IF NOT EXISTS ix_places_geonameid ON places (geonameid)",
)

#: Child tables, in the order their rows are deleted before an article is replaced.
CHILD_TABLES = ("event_actors", "events", "entities", "places", "quotes", "commitments")

SELECT_VERSION = "SELECT version FROM schema_version"
INSERT_VERSION = "INSERT INTO schema_version (version) VALUES (?)"

SELECT_HASH = "SELECT content_hash FROM articles WHERE id = ?"
DELETE_CHILDREN = {t: f"DELETE FROM {t} WHERE article_id = ?" for t in CHILD_TABLES}
DELETE_ARTICLE = "DELETE FROM articles WHERE id = ?"

INSERT_ARTICLE = """INSERT INTO articles (id, title, url, source, published, language, text, content_hash,
    ingested_at, pipeline_version, pipeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
#: The article row, written first in :meth:`Store.add`: inserted, or replaced when its content hash
#: differs; an identical row is left alone (no row changes, which ``add`` reads as "unchanged").
UPSERT_ARTICLE = INSERT_ARTICLE + """ ON CONFLICT (id) DO UPDATE SET title = excluded.title, url = excluded.url,
    source = excluded.source, published = excluded.published, language = excluded.language,
    text = excluded.text, content_hash = excluded.content_hash, ingested_at = excluded.ingested_at,
    pipeline_version = excluded.pipeline_version, pipeline = excluded.pipeline
    WHERE articles.content_hash <> excluded.content_hash"""
#: Content hashes of many articles at once (``{ids}`` becomes one ``?`` per id), for skipping
#: unchanged articles before they are coded.
SELECT_HASHES = "SELECT id, content_hash FROM articles WHERE id IN ({ids})"

# ---------------------------------------------------------------------------------------------- PostgreSQL
#: A transaction-scoped advisory lock taken before the schema is set up (the key is arbitrary and
#: fixed: "hoopoe" in ASCII).
POSTGRES_SCHEMA_LOCK = "SELECT pg_advisory_xact_lock(104111111112111101)"

INSERT_EVENT = """INSERT INTO events (article_id, seq, id, type, date_start, date_end, date_precision, place,
    geonameid, lat, lon, admin1, country, geo_precision, modality, killed_min, killed_max, wounded_min,
    wounded_max, quad_code, event_scale, cameo, confidence, evidence_start, evidence_end, record,
    event_from, event_to)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_EVENT_ACTOR = """INSERT INTO event_actors (article_id, event_seq, event_id, role, seq, entity_text,
    identifier_id, identifier_text, kb_id, code, sector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_ENTITY = """INSERT INTO entities (article_id, seq, entity_text, identifier_id, identifier_text, kb_id,
    code, sector, kind, mentions, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_PLACE = """INSERT INTO places (article_id, seq, text, name, geonameid, lat, lon, feature, admin1, country,
    geo_precision, mentions, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_QUOTE = """INSERT INTO quotes (article_id, seq, speaker_text, speaker_id, text, start_offset, end_offset,
    direct, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_COMMITMENT = """INSERT INTO commitments (article_id, seq, id, text, status, made_start, made_end,
    evidence_start, evidence_end, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""

ARTICLE_META_COLUMNS = "a.id, a.title, a.url, a.source, a.published, a.language"
SELECT_ARTICLE = f"SELECT {ARTICLE_META_COLUMNS}, a.pipeline FROM articles a WHERE a.id = ?"
SELECT_ARTICLE_IDS = "SELECT id FROM articles ORDER BY id"
SELECT_RECORDS = {t: f"SELECT record FROM {t} WHERE article_id = ? ORDER BY seq"
                  for t in ("events", "entities", "places", "quotes", "commitments")}
COUNT = {t: f"SELECT COUNT(*) FROM {t}" for t in ("articles", "events", "entities", "places", "quotes", "commitments")}

#: The event's own dates, else the article's publication date (an event with no date is taken to
#: be around the time it was reported): written into ``events.event_from``/``event_to`` when the event
#: is stored, so that date filters and the date order use an index.
EVENT_FROM = "e.event_from"
EVENT_TO = "e.event_to"
SELECT_EVENTS = f"SELECT {ARTICLE_META_COLUMNS}, e.record FROM events e JOIN articles a ON a.id = e.article_id"
#: Filter clauses, joined with AND; each takes the parameters its ``?`` marks say.
WHERE_SINCE = f"{EVENT_TO} >= ?"
WHERE_UNTIL = f"{EVENT_FROM} <= ?"
WHERE_COUNTRY = "e.country = ?"
WHERE_EVENT = "e.type = ?"
_ACTOR_MATCH = """EXISTS (SELECT 1 FROM event_actors ea WHERE ea.article_id = e.article_id
    AND ea.event_seq = e.seq AND (LOWER(ea.entity_text) = ? OR LOWER(ea.identifier_text) = ?
    OR LOWER(ea.kb_id) = ? OR LOWER(ea.identifier_id) = ?)"""
WHERE_ACTOR = _ACTOR_MATCH + ")"
WHERE_ACTOR_IN_ROLE = _ACTOR_MATCH + " AND ea.role = ?)"
#: Undated events (no event or article date) last, portably (NULL order differs between engines).
ORDER_EVENTS = (f" ORDER BY CASE WHEN {EVENT_FROM} IS NULL THEN 1 ELSE 0 END, {EVENT_FROM},"
                " e.article_id, e.seq")
LIMIT_OFFSET = " LIMIT ? OFFSET ?"
#: The limit used when only an offset is given (``LIMIT -1`` / ``LIMIT ALL`` are engine-specific).
NO_LIMIT = 2**62

# --------------------------------------------------------------------------------------------
# Deduplication (hoopoe.dedup, hoopoe.dedup.tables): clusters of reports of one happening, their
# members, and the merge history. Tables are added to existing stores by CREATE ... IF NOT EXISTS.
#
# - clusters: one canonical event per row (``record``: the CanonicalEvent as JSON) with columns for
#   filtering; ``span_start``/``span_end`` cover every member's date (the window loaded for
#   incremental runs); ``stale`` = 1 when a member's article was replaced and the summary awaits the
#   next dedup run.
# - cluster_members: which cluster each stored event (report) is in; one cluster per event.
# - cluster_merges: every automatic merge (a report joining a cluster, or two clusters merging) with
#   its score and reasons (JSON list); ``undone_at`` set when undone.
# - cluster_merge_members: the reports a merge moved (side ``moved``) and, when it is undone, the
#   reports they were separated from (side ``kept``): those pairs are never merged again automatically.

DEDUP_CREATE: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS clusters (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        date_start TEXT, date_end TEXT, date_precision TEXT,
        span_start TEXT, span_end TEXT,
        place TEXT, geonameid BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
        admin1 TEXT, country TEXT, geo_precision INTEGER,
        killed_best INTEGER, killed_min INTEGER, killed_max INTEGER,
        wounded_best INTEGER, wounded_min INTEGER, wounded_max INTEGER,
        first_published TEXT, first_article_id TEXT,
        reports INTEGER NOT NULL, articles INTEGER NOT NULL,
        stale INTEGER NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        record TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS cluster_members (
        article_id TEXT NOT NULL,
        event_seq INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        cluster_id TEXT NOT NULL REFERENCES clusters (id),
        merge_id TEXT,
        joined_at TEXT NOT NULL,
        PRIMARY KEY (article_id, event_seq),
        FOREIGN KEY (article_id, event_seq) REFERENCES events (article_id, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS cluster_merges (
        id TEXT PRIMARY KEY,
        merged_at TEXT NOT NULL,
        into_cluster TEXT NOT NULL,
        from_cluster TEXT,
        score DOUBLE PRECISION NOT NULL,
        evidence DOUBLE PRECISION,
        reasons TEXT NOT NULL,
        method TEXT NOT NULL,
        undone_at TEXT, undo_note TEXT, split_cluster TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS cluster_merge_members (
        merge_id TEXT NOT NULL REFERENCES cluster_merges (id),
        side TEXT NOT NULL,
        article_id TEXT NOT NULL,
        event_seq INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (merge_id, side, article_id, event_seq)
    )""",
    "CREATE INDEX IF NOT EXISTS ix_clusters_span_start ON clusters (span_start)",
    "CREATE INDEX IF NOT EXISTS ix_clusters_span_end ON clusters (span_end)",
    "CREATE INDEX IF NOT EXISTS ix_clusters_country ON clusters (country)",
    "CREATE INDEX IF NOT EXISTS ix_clusters_stale ON clusters (stale)",
    "CREATE INDEX IF NOT EXISTS ix_members_cluster ON cluster_members (cluster_id)",
    "CREATE INDEX IF NOT EXISTS ix_merges_into ON cluster_merges (into_cluster)",
    "CREATE INDEX IF NOT EXISTS ix_merges_from ON cluster_merges (from_cluster)",
    "CREATE INDEX IF NOT EXISTS ix_merge_members_event ON cluster_merge_members (article_id, event_id)",
)
CREATE = CREATE + DEDUP_CREATE

#: Indexes on columns a migration may have added: created after :data:`MIGRATIONS` have run.
CREATE_LATE: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS ix_events_from ON events (event_from, article_id, seq)",
    "CREATE INDEX IF NOT EXISTS ix_events_to ON events (event_to)",
    "CREATE INDEX IF NOT EXISTS ix_events_country_from ON events (country, event_from, article_id, seq)",
    "CREATE INDEX IF NOT EXISTS ix_events_type_from ON events (type, event_from, article_id, seq)",
    "CREATE INDEX IF NOT EXISTS ix_events_admin1 ON events (admin1)",
    "CREATE INDEX IF NOT EXISTS ix_events_geonameid ON events (geonameid)",
    "CREATE INDEX IF NOT EXISTS ix_events_lat_lon ON events (lat, lon)",
    "CREATE INDEX IF NOT EXISTS ix_actors_role ON event_actors (role, article_id, event_seq)",
)

#: PostgreSQL only: the newest-first order with undated events last (``DESC NULLS LAST``, the order of
#: SQLite's ``DESC``) read straight from an index (SQLite cannot declare NULLS LAST in an index).
POSTGRES_INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS ix_events_newest ON events (event_from DESC NULLS LAST, article_id DESC, seq DESC)",
    "CREATE INDEX IF NOT EXISTS ix_events_type_newest ON events (type, event_from DESC NULLS LAST, article_id DESC, seq DESC)",
    "CREATE INDEX IF NOT EXISTS ix_events_country_newest ON events (country, event_from DESC NULLS LAST, article_id DESC, seq DESC)",
)

#: Upgrades, by the version they start from: each brings a store to the next version in the same
#: transaction as the rest of the schema set-up (a store is never left half-upgraded).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # 1 -> 2: the effective event dates as columns (date filters and the date order use an index).
    1: (
        "ALTER TABLE events ADD COLUMN event_from TEXT",
        "ALTER TABLE events ADD COLUMN event_to TEXT",
        """UPDATE events SET
            event_from = COALESCE(date_start, date_end, (SELECT a.published FROM articles a WHERE a.id = events.article_id)),
            event_to = COALESCE(date_end, date_start, (SELECT a.published FROM articles a WHERE a.id = events.article_id))""",
    ),
}
UPDATE_VERSION = "UPDATE schema_version SET version = ?"

#: Before an article's events are replaced: the clusters its events are in, which are flagged stale;
#: the article's members go, and each of those clusters left empty goes. (History in cluster_merges stays.)
SELECT_ARTICLE_CLUSTERS = "SELECT DISTINCT cluster_id FROM cluster_members WHERE article_id = ?"
MARK_CLUSTER_STALE = "UPDATE clusters SET stale = 1 WHERE id = ?"
DELETE_ARTICLE_MEMBERS = "DELETE FROM cluster_members WHERE article_id = ?"
DELETE_CLUSTER_IF_EMPTY = """DELETE FROM clusters WHERE id = ?
    AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = clusters.id)"""

_REPORT_COLUMNS = f"{ARTICLE_META_COLUMNS}, e.seq, e.record"
#: Events not yet in any cluster, of the given modalities (``{marks}``: one ``?`` per modality).
SELECT_UNCLUSTERED = f"""SELECT {_REPORT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
    WHERE NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.article_id = e.article_id AND m.event_seq = e.seq)
    AND e.modality IN ({{marks}}) ORDER BY e.article_id, e.seq"""
#: Clusters whose members' dates reach into [?, ?], clusters with no date, and stale clusters, with
#: every member report.
SELECT_CLUSTERS_IN_WINDOW = f"""SELECT c.id, c.created_at, c.stale, m.merge_id, {_REPORT_COLUMNS}
    FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id
    JOIN events e ON e.article_id = m.article_id AND e.seq = m.event_seq
    JOIN articles a ON a.id = e.article_id
    WHERE (c.span_end >= ? AND c.span_start <= ?) OR c.span_start IS NULL OR c.stale = 1
    ORDER BY c.id, e.article_id, e.seq"""
SELECT_STALE_CLUSTERS = f"""SELECT c.id, c.created_at, c.stale, m.merge_id, {_REPORT_COLUMNS}
    FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id
    JOIN events e ON e.article_id = m.article_id AND e.seq = m.event_seq
    JOIN articles a ON a.id = e.article_id
    WHERE c.stale = 1 ORDER BY c.id, e.article_id, e.seq"""
SELECT_CLUSTER_REPORTS = f"""SELECT c.id, c.created_at, c.stale, m.merge_id, {_REPORT_COLUMNS}
    FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id
    JOIN events e ON e.article_id = m.article_id AND e.seq = m.event_seq
    JOIN articles a ON a.id = e.article_id
    WHERE c.id = ? ORDER BY e.article_id, e.seq"""

_CLUSTER_COLUMNS = """type, date_start, date_end, date_precision, span_start, span_end, place, geonameid,
    lat, lon, admin1, country, geo_precision, killed_best, killed_min, killed_max, wounded_best, wounded_min,
    wounded_max, first_published, first_article_id, reports, articles, stale, created_at, updated_at, record"""
INSERT_CLUSTER = f"""INSERT INTO clusters (id, {_CLUSTER_COLUMNS})
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
UPDATE_CLUSTER = """UPDATE clusters SET type = ?, date_start = ?, date_end = ?, date_precision = ?,
    span_start = ?, span_end = ?, place = ?, geonameid = ?, lat = ?, lon = ?, admin1 = ?, country = ?,
    geo_precision = ?, killed_best = ?, killed_min = ?, killed_max = ?, wounded_best = ?, wounded_min = ?,
    wounded_max = ?, first_published = ?, first_article_id = ?, reports = ?, articles = ?, stale = ?,
    created_at = ?, updated_at = ?, record = ? WHERE id = ?"""
DELETE_CLUSTER = "DELETE FROM clusters WHERE id = ?"
SELECT_CLUSTER_IDS = "SELECT id FROM clusters WHERE id = ?"
INSERT_MEMBER = """INSERT INTO cluster_members (article_id, event_seq, event_id, cluster_id, merge_id, joined_at)
    VALUES (?, ?, ?, ?, ?, ?)"""
MOVE_MEMBER = "UPDATE cluster_members SET cluster_id = ?, merge_id = ? WHERE article_id = ? AND event_seq = ?"
SELECT_MEMBER = "SELECT cluster_id, event_id FROM cluster_members WHERE article_id = ? AND event_seq = ?"
INSERT_MERGE = """INSERT INTO cluster_merges (id, merged_at, into_cluster, from_cluster, score, evidence, reasons,
    method) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_MERGE_MEMBER = """INSERT INTO cluster_merge_members (merge_id, side, article_id, event_seq, event_id)
    VALUES (?, ?, ?, ?, ?)"""
UNDO_MERGE = "UPDATE cluster_merges SET undone_at = ?, undo_note = ?, split_cluster = ? WHERE id = ?"
SELECT_MERGES = """SELECT id, merged_at, into_cluster, from_cluster, score, evidence, reasons, method, undone_at,
    undo_note, split_cluster FROM cluster_merges"""
WHERE_MERGE_ID = "id = ?"
WHERE_MERGE_ID_PREFIX = "id LIKE ?"
WHERE_MERGE_TOUCHES = """(into_cluster = ? OR from_cluster = ? OR split_cluster = ? OR id IN
    (SELECT merge_id FROM cluster_merge_members WHERE event_id = ? OR article_id = ?))"""
ORDER_MERGES = " ORDER BY merged_at, id"
SELECT_MERGE_MEMBERS = """SELECT side, article_id, event_seq, event_id FROM cluster_merge_members
    WHERE merge_id = ? ORDER BY side, article_id, event_seq"""
#: The pairs an undone merge separated: (moved report, kept report), as (article id, event id) each.
SELECT_APART = """SELECT mv.article_id, mv.event_id, kp.article_id, kp.event_id
    FROM cluster_merges g
    JOIN cluster_merge_members mv ON mv.merge_id = g.id AND mv.side = 'moved'
    JOIN cluster_merge_members kp ON kp.merge_id = g.id AND kp.side = 'kept'
    WHERE g.undone_at IS NOT NULL"""
SELECT_CLUSTER_RECORDS = "SELECT c.record FROM clusters c"
WHERE_CLUSTER_ID = "c.id = ?"
WHERE_CLUSTER_SINCE = "COALESCE(c.span_end, c.first_published) >= ?"
WHERE_CLUSTER_UNTIL = "COALESCE(c.span_start, c.first_published) <= ?"
WHERE_CLUSTER_COUNTRY = "c.country = ?"
WHERE_CLUSTER_TYPE = "c.type = ?"
WHERE_CLUSTER_MIN_REPORTS = "c.reports >= ?"
ORDER_CLUSTERS = (" ORDER BY CASE WHEN COALESCE(c.date_start, c.span_start) IS NULL THEN 1 ELSE 0 END,"
                  " COALESCE(c.date_start, c.span_start), c.id")
COUNT_DEDUP = {
    "clusters": "SELECT COUNT(*) FROM clusters",
    "reports": "SELECT COUNT(*) FROM cluster_members",
    "multi": "SELECT COUNT(*) FROM clusters WHERE reports > 1",
    "merges": "SELECT COUNT(*) FROM cluster_merges WHERE undone_at IS NULL",
    "undone": "SELECT COUNT(*) FROM cluster_merges WHERE undone_at IS NOT NULL",
}
#: Reset: every cluster and active merge goes; undone merges (and what they keep apart) stay.
DEDUP_RESET: tuple[str, ...] = (
    "DELETE FROM cluster_members",
    "DELETE FROM clusters",
    """DELETE FROM cluster_merge_members WHERE merge_id IN
        (SELECT id FROM cluster_merges WHERE undone_at IS NULL)""",
    "DELETE FROM cluster_merges WHERE undone_at IS NULL",
)
