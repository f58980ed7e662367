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
SCHEMA_VERSION = 1

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
    wounded_max, quad_code, event_scale, cameo, confidence, evidence_start, evidence_end, record)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
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
#: be around the time it was reported).
EVENT_FROM = "COALESCE(e.date_start, e.date_end, a.published)"
EVENT_TO = "COALESCE(e.date_end, e.date_start, a.published)"

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
