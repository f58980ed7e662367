"""The dedup commands end to end, in process: ingest dedups by default, dedup, clusters, merges, unmerge, eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture()
def corpus(tmp_path, fixtures_dir) -> tuple[Path, Path]:
    """The Mogadishu and Nairobi reports of the dedup corpus, in two JSONL batches."""
    lines = (fixtures_dir / "dedup" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    first = [x for x in lines if json.loads(x)["cluster"] in ("mog-police", "nbo-protest-a")]
    later = [x for x in lines if json.loads(x)["cluster"] in ("mog-market", "nbo-protest-b")]
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("\n".join(first) + "\n", encoding="utf-8")
    b.write_text("\n".join(later) + "\n", encoding="utf-8")
    return a, b


def canonical(run, db) -> list[dict]:
    r = run("clusters", "--db", db, "--format", "jsonl")
    assert r.code == 0
    return [json.loads(x) for x in r.out.splitlines()]


def test_ingest_dedups_by_default_and_incrementally(run, corpus, tmp_path):
    a, b = corpus
    db = tmp_path / "news.db"
    r = run("ingest", a, "--db", db, "--quiet")
    assert r.code == 0 and "dedup: " in r.err and "canonical events" in r.err
    r = run("ingest", b, "--db", db, "--quiet")
    assert r.code == 0 and "dedup: " in r.err
    events = canonical(run, db)
    mog = {frozenset(r["article_id"] for r in e["reports"]) for e in events
           if e["reports"][0]["article_id"].startswith("mog")}
    assert mog == {frozenset({"mog-police-1", "mog-police-2", "mog-police-3", "mog-police-4"}),
                   frozenset({"mog-market-1", "mog-market-2", "mog-market-3"})}
    protests = [e for e in events if e["event"] == "PROTEST"]
    assert sorted(e["n_reports"] for e in protests) == [2, 3]


def test_no_dedup_then_dedup(run, corpus, tmp_path):
    a, _ = corpus
    db = tmp_path / "news.db"
    r = run("ingest", a, "--db", db, "--quiet", "--no-dedup")
    assert r.code == 0 and "dedup:" not in r.err
    assert canonical(run, db) == []
    r = run("dedup", "--db", db)
    assert r.code == 0 and r.out.startswith("dedup: ") and "new reports" in r.out
    r = run("dedup", "--db", db)
    assert "dedup: 0 new reports" in r.out
    r = run("dedup", "--db", db, "--reset")
    assert r.code == 0 and "dedup: 0 new reports" not in r.out


def test_clusters_merges_unmerge(run, corpus, tmp_path):
    a, _ = corpus
    db = tmp_path / "news.db"
    run("ingest", a, "--db", db, "--quiet")
    r = run("clusters", "--db", db, "--min-reports", "3")
    assert r.code == 0 and "canonical events" in r.out and "Mogadishu" in r.out and "Horn Wire" in r.out
    big = next(e for e in canonical(run, db) if e["n_reports"] == 4)
    r = run("clusters", "--db", db, "--id", big["id"])
    assert r.code == 0 and "founded the cluster" in r.out and "lower median of 4 reports" in r.out

    r = run("merges", "--db", db, "--event", big["id"])
    assert r.code == 0 and "3 merges" in r.out and "active" in r.out
    r = run("merges", "--db", db, "--format", "jsonl")
    merges = [json.loads(x) for x in r.out.splitlines()]
    target = next(m for m in merges if m["into"] == big["id"])
    assert "same place Mogadishu (+2.0)" in target["reasons"] and target["score"] >= 0.5

    r = run("unmerge", target["id"], "--db", db, "--note", "checked by hand")
    assert r.code == 0 and "undid merge" in r.out and "will not be merged back" in r.out
    after = next(e for e in canonical(run, db) if e["id"] == big["id"])
    assert after["n_reports"] == 3
    r = run("merges", "--db", db, "--format", "jsonl")
    undone = [m for m in map(json.loads, r.out.splitlines()) if m["undone_at"]]
    assert [m["id"] for m in undone] == [target["id"]] and undone[0]["undo_note"] == "checked by hand"
    assert run("merges", "--db", db).out.count("undone") == 1

    r = run("unmerge", target["id"], "--db", db)
    assert r.code == 1 and "already undone" in r.errors[0]
    r = run("unmerge", "zzz", "--db", db)
    assert r.code == 1 and len(r.errors) == 1 and "no merge" in r.errors[0]


def test_errors_are_one_line(run, tmp_path):
    r = run("dedup", "--db", tmp_path / "missing.db")
    assert r.code == 1 and "no such database file" in r.errors[0]
    r = run("clusters", "--db", tmp_path / "missing.db")
    assert r.code == 1 and len(r.errors) == 1
    r = run("clusters", "--format", "xml", "--db", tmp_path / "missing.db")
    assert r.code == 1 and "unknown format" in r.errors[0]
    r = run("eval", "dedup", "--corpus", tmp_path / "none.jsonl")
    assert r.code == 1 and "no such corpus file" in r.errors[0]


def test_eval_dedup_json(run, corpus):
    a, _ = corpus
    r = run("eval", "dedup", "--corpus", a, "--json")
    assert r.code == 0
    report = json.loads(r.out)
    assert report["items"] == 7 and report["gold_clusters"] == 2
    assert set(report["dedup"]) >= {"pairwise", "bcubed", "clusters"}
    assert report["baseline"]["rule"] == "same type + country + day"
    r = run("eval", "dedup", "--corpus", a)
    assert r.code == 0 and "B3 F1" in r.out and "baseline" in r.out
