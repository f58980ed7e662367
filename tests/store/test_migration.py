"""A store written by an older hoopoe is upgraded in place when opened, in one transaction."""

from __future__ import annotations

from datetime import date

from hoopoe.store import EventFilter, open_store
from hoopoe.store import schema as q


def _downgrade_to_v1(store) -> None:
    """Make the store look like one written by schema version 1 (no effective-date columns)."""
    def work(cur):
        for stmt in q.CREATE_LATE:
            name = stmt.split(" ON ")[0].split()[-1]
            store._exec(cur, f"DROP INDEX IF EXISTS {name}")
        store._exec(cur, "ALTER TABLE events DROP COLUMN event_from")
        store._exec(cur, "ALTER TABLE events DROP COLUMN event_to")
        store._exec(cur, "UPDATE schema_version SET version = 1")
    store._transaction(work)


def test_version_1_store_is_upgraded_on_open(store_url, filled):
    expected = {ev.id: (ev.date.start or ev.date.end or meta.published, ev.date.end or ev.date.start or meta.published)
                for meta, ev in filled.events()}
    assert expected
    _downgrade_to_v1(filled)
    filled.close()
    with open_store(store_url) as store:
        assert store._query(q.SELECT_VERSION) == [(q.SCHEMA_VERSION,)]
        got = {r[0]: (r[1], r[2]) for r in store._query("SELECT id, event_from, event_to FROM events")}
        assert got == expected
        # the date filters use the new columns: every event is found by a window around its dates
        for eid, (lo, hi) in expected.items():
            found = {ev.id for _, ev in store.events(EventFilter(since=date.fromisoformat(lo), until=date.fromisoformat(hi)))}
            assert eid in found
    with open_store(store_url) as store:  # opening again changes nothing
        assert store._query(q.SELECT_VERSION) == [(q.SCHEMA_VERSION,)]
