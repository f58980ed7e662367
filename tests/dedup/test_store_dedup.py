"""Dedup over a real (SQLite) store: incremental runs, merge history, unmerge round trips, re-ingest."""

from __future__ import annotations

import copy

import pytest
from dedup_builders import (
    MOG_1,
    MOG_2,
    MOG_3,
    MOG_NEXT_WEEK,
    add,
    count,
    document,
    event,
)

from hoopoe.dedup import (
    ClusterFilter,
    canonical_events,
    cluster_store,
    dedup_stats,
    list_merges,
    reset_clusters,
    undo_merge,
)
from hoopoe.dedup.api import DedupError
from hoopoe.errors import StoreError
from hoopoe.ingest import content_hash


def clusters(store) -> set[frozenset[str]]:
    return {frozenset(r.article_id for r in ev.reports) for ev in canonical_events(store)}


def fill(store) -> None:
    add(store, "m1", "2023-03-03", event("m1:e0", **MOG_1), source="Horn Wire")
    add(store, "m2", "2023-03-04", event("m2:e0", **MOG_2), source="Global Newsline")
    add(store, "n1", "2023-03-10", event("n1:e0", **MOG_NEXT_WEEK), source="Horn Wire")


def test_cluster_store_groups_reports_and_keeps_every_one(store):
    fill(store)
    s = cluster_store(store)
    assert (s.reports, s.joined, s.founded, s.clusters, s.multi, s.clustered) == (3, 1, 2, 2, 1, 3)
    assert clusters(store) == {frozenset({"m1", "m2"}), frozenset({"n1"})}
    (big,) = canonical_events(store, ClusterFilter(min_reports=2))
    assert big.event == "ASSAULT" and big.date.start == "2023-03-03" and big.event_loc.country == "SOM"
    assert big.first_reported == "2023-03-03" and big.sources == ["Horn Wire", "Global Newsline"]
    assert (big.killed.best, big.killed.min, big.killed.max) == (12, 12, 15)  # lower median of 12+ and 15
    assert [r.evidence.text[:10] for r in big.reports] == ["A car bomb", "Al-Shabaab"]
    # a second run has nothing new and changes nothing
    again = cluster_store(store)
    assert (again.reports, again.clusters) == (0, 2)
    assert clusters(store) == {frozenset({"m1", "m2"}), frozenset({"n1"})}


def test_filters(store):
    fill(store)
    cluster_store(store)
    assert len(list(canonical_events(store, ClusterFilter(since="2023-03-05")))) == 1
    assert len(list(canonical_events(store, ClusterFilter(until="2023-03-05")))) == 1
    assert len(list(canonical_events(store, ClusterFilter(country="Somalia")))) == 2
    assert list(canonical_events(store, ClusterFilter(country="AFG"))) == []
    assert list(canonical_events(store, ClusterFilter(event="protest"))) == []
    assert len(list(canonical_events(store, ClusterFilter(limit=1)))) == 1
    first = next(canonical_events(store))
    assert [e.id for e in canonical_events(store, ClusterFilter(id=first.id))] == [first.id]
    with pytest.raises(StoreError):
        list(canonical_events(store, ClusterFilter(limit=-1)))


def test_incremental_joining_without_reclustering(store):
    fill(store)
    cluster_store(store)
    (big,) = canonical_events(store, ClusterFilter(min_reports=2))
    add(store, "m3", "2023-03-09", event("m3:e0", **MOG_3))
    add(store, "far", "2023-09-01", event("far:e0", **{**MOG_1, "day": "2023-09-01"}))
    s = cluster_store(store)
    assert (s.reports, s.joined, s.founded) == (2, 1, 1)
    # the stored clusters of the new reports' dates were read, not September's new one nor everything
    assert s.loaded == 2
    grown = next(canonical_events(store, ClusterFilter(id=big.id)))
    assert grown.n_reports == 3 and grown.created_at == big.created_at
    assert {r.article_id for r in grown.reports} == {"m1", "m2", "m3"}


def test_merge_history_and_unmerge_round_trip(store):
    fill(store)
    cluster_store(store)
    (m,) = list_merges(store)
    assert m.moved == [("m2", 0, "m2:e0")] and m.source is None and m.score >= 0.5
    assert any(r.startswith("same day 2023-03-03") for r in m.reasons)
    assert list_merges(store, "m2:e0") == [m] and list_merges(store, m.into) == [m]
    assert list_merges(store, "n1") == []

    undone, made = undo_merge(store, m.id[:6], note="two different police stations")
    assert undone.id == m.id and len(made) == 1
    assert clusters(store) == {frozenset({"m1"}), frozenset({"m2"}), frozenset({"n1"})}
    (after,) = list_merges(store)
    assert after.undone and after.undo_note == "two different police stations"
    assert after.kept == [("m1", 0, "m1:e0")] and after.split_cluster == made[0]
    assert dedup_stats(store)["undone"] == 1
    (split,) = canonical_events(store, ClusterFilter(id=made[0]))
    assert [r.joined_by for r in split.reports] == [None]

    # a later run, even with a report that matches both, never puts m1 and m2 back together
    add(store, "m3", "2023-03-05", event("m3:e0", **{**MOG_2, "text": "Another outlet on the Mogadishu bombing."}))
    cluster_store(store)
    together = [c for c in clusters(store) if {"m1", "m2"} <= c]
    assert together == []
    assert frozenset({"n1"}) in clusters(store)

    with pytest.raises(StoreError, match="already undone"):
        undo_merge(store, m.id)
    with pytest.raises(StoreError, match="no merge"):
        undo_merge(store, "nope")


def test_unmerging_a_cluster_merge_restores_the_old_cluster_id(store):
    a = {"type": "ASSAULT", "day": "2023-03-03", "where": "Mogadishu", "killed": count(12, None), "mode": ("explosives",)}
    b = {"type": "ASSAULT", "days": ("2023-02-27", "2023-03-05"), "actor": ("al-Shabaab",), "killed": count(15),
             "mode": ("explosives",)}
    c = {"type": "ASSAULT", "day": "2023-03-03", "where": "Mogadishu", "actor": ("al-Shabaab",), "killed": count(15),
             "mode": ("explosives",)}
    add(store, "a", "2023-03-03", event("a:e0", **a))
    add(store, "b", "2023-03-09", event("b:e0", **b))
    cluster_store(store)
    b_cluster = next(ev.id for ev in canonical_events(store) if ev.reports[0].article_id == "b")
    add(store, "c", "2023-03-04", event("c:e0", **c))
    cluster_store(store)
    assert clusters(store) == {frozenset({"a", "b", "c"})}
    merge = next(m for m in list_merges(store) if m.source)
    assert merge.source == b_cluster
    _, made = undo_merge(store, merge.id)
    assert made == [b_cluster]
    assert clusters(store) == {frozenset({"a", "c"}), frozenset({"b"})}


def test_reingesting_a_changed_article_leaves_no_dangling_member(store):
    fill(store)
    cluster_store(store)
    (big,) = canonical_events(store, ClusterFilter(min_reports=2))
    doc, art = document("m2", "2023-03-04", event("m2:e9", type="PROTEST", day="2023-03-04", where="Mogadishu",
                                                     text="Hundreds protested in Mogadishu on Saturday."))
    art.text += " Updated."
    assert store.add(doc, art, content_hash(art))
    # the old event left its cluster at once; the cluster awaits a refresh
    stale = next(canonical_events(store, ClusterFilter(id=big.id)))
    assert stale.n_reports == 2  # summary not yet rewritten...
    assert dedup_stats(store)["reports"] == 2  # ...but its member row is gone
    s = cluster_store(store)
    assert s.refreshed == 1 and s.reports == 1
    assert next(canonical_events(store, ClusterFilter(id=big.id))).n_reports == 1
    assert clusters(store) == {frozenset({"m1"}), frozenset({"m2"}), frozenset({"n1"})}
    # an article whose only event was alone in its cluster: the cluster goes with it
    doc, art = document("n1", "2023-03-10")
    art.text = "Nothing happened."
    store.add(doc, art, content_hash(art))
    assert frozenset({"n1"}) not in clusters(store)
    assert dedup_stats(store)["clusters"] == 2


def test_undoing_a_merge_whose_report_is_gone(store):
    fill(store)
    cluster_store(store)
    (m,) = list_merges(store)
    doc, art = document("m2", "2023-03-04")
    art.text = "Retracted."
    store.add(doc, art, content_hash(art))
    _undone, made = undo_merge(store, m.id)
    assert made == [] and list_merges(store)[0].undo_note.startswith("nothing to separate")


def test_reset_keeps_what_undone_merges_keep_apart(store):
    fill(store)
    cluster_store(store)
    (m,) = list_merges(store)
    undo_merge(store, m.id)
    reset_clusters(store)
    assert dedup_stats(store) == {"clusters": 0, "reports": 0, "multi": 0, "merges": 0, "undone": 1}
    cluster_store(store)
    assert clusters(store) == {frozenset({"m1"}), frozenset({"m2"}), frozenset({"n1"})}


def test_only_asserted_events_are_clustered_by_default(store):
    add(store, "f", "2023-03-03", event("f:e0", **{**MOG_1, "modality": "future"}))
    assert cluster_store(store).reports == 0
    assert cluster_store(store, modalities=("asserted", "future")).reports == 1


def test_bad_threshold(store):
    with pytest.raises(DedupError):
        cluster_store(store, threshold=1.5)


def test_store_round_trip_unchanged_by_dedup(store):
    fill(store)
    before = {d.article.id: copy.deepcopy(d) for d in store.documents()}
    cluster_store(store)
    assert {d.article.id: d for d in store.documents()} == before
    assert store.stats()["events"] == 3


def test_public_names_resolve():
    from hoopoe import dedup

    for name in dedup.__all__:
        assert getattr(dedup, name) is not None
    assert callable(dedup.score) and callable(dedup.cluster_store)
    with pytest.raises(AttributeError):
        dedup.no_such_name  # noqa: B018
