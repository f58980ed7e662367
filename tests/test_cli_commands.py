"""The ``hoopoe`` command end to end, in process (the pipeline loads once per test session): bad inputs give
one ``hoopoe: error:`` line and a non-zero exit, never a traceback; ingest is idempotent; events export."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

PUB = "2021-10-11"


@pytest.fixture()
def articles(tmp_path, fixtures_dir) -> Path:
    dst = tmp_path / "articles"
    shutil.copytree(fixtures_dir / "articles", dst)
    return dst


# ---------------------------------------------------------------------------------------------------------
# extract: bad inputs


def bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp / "undecodable.txt").write_bytes(b"Police arrested three men \x81\x8d\x8f\x90\x9d in Kabul.")
    return {
        "empty": (tmp / "empty.txt", "empty"),
        "binary": (tmp / "binary.txt", "binary"),
        "undecodable": (tmp / "undecodable.txt", "UTF-8"),
        "missing": (tmp / "missing.txt", "no such file"),
    }


@pytest.mark.parametrize("kind", ["empty", "binary", "undecodable", "missing"])
def test_extract_bad_file(run, tmp_path, kind):
    path, needle = bad_inputs(tmp_path)[kind]
    r = run("extract", path, "--published", PUB)
    assert r.code != 0
    assert len(r.errors) == 1 and needle in r.errors[0] and path.name in r.errors[0]
    assert r.out == ""


def test_extract_html_without_text(run, articles):
    r = run("extract", articles / "empty-page.html", "--published", PUB)
    assert r.code != 0
    assert len(r.errors) == 1 and "no main text" in r.errors[0]
    assert r.out == ""


@pytest.mark.parametrize("bad", ["2021-02-30", "next tuesday"])
def test_extract_bad_published_date(run, articles, bad):
    r = run("extract", articles / "herat-attack.txt", "--published", bad)
    assert r.code != 0
    assert r.errors and bad in r.errors[0]
    assert len(r.err.strip().splitlines()) == 1
    assert r.out == ""


def test_extract_unknown_format(run, articles):
    r = run("extract", articles / "herat-attack.txt", "--format", "xml")
    assert r.code == 2 and "unknown format 'xml'" in r.errors[0]


def test_extract_jsonl_keeps_good_lines_and_reports_bad_ones(run, articles):
    r = run("extract", articles / "mixed.jsonl", "--format", "jsonl")
    assert r.code == 0
    docs = [json.loads(line) for line in r.out.splitlines()]
    assert [d["article"]["id"] for d in docs] == ["ok-1", "ok-2"]
    assert [e["event"] for d in docs for e in d["events"]] == ["COERCE", "ASSAULT"]
    skipped = [line for line in r.err.splitlines() if line.startswith("hoopoe: skipped")]
    assert len(skipped) == 2
    assert "mixed.jsonl:2" in skipped[0] and "not JSON" in skipped[0]
    assert "mixed.jsonl:3" in skipped[1] and "no 'text'" in skipped[1]


# ---------------------------------------------------------------------------------------------------------
# extract: good inputs


def test_extract_json(run, articles):
    r = run("extract", articles / "herat-attack.txt", "--published", PUB)
    assert r.code == 0 and r.errors == []
    doc = json.loads(r.out)
    assert doc["article"]["title"] == "Taliban attack checkpoint in Herat"
    kinds = [e["event"] for e in doc["events"]]
    assert kinds == ["ASSAULT", "COERCE"]
    attack = doc["events"][0]
    assert attack["actor"][0]["identifier_text"] == "Taliban"
    assert attack["date"]["start"] == "2021-10-10" and attack["killed"]["min"] == 4
    assert doc["events"][1]["reported_by"] == ["Tolo News"]


def test_extract_table(run, articles):
    r = run("extract", articles / "herat-attack.txt", "--published", PUB, "--format", "table")
    assert r.code == 0
    assert "ASSAULT" in r.out and "COERCE" in r.out and "Taliban" in r.out
    assert "Taliban attack checkpoint in Herat" in r.out  # the article title heads the table


# ---------------------------------------------------------------------------------------------------------
# ingest and events


def test_ingest_twice_stores_nothing_new(run, articles, tmp_path):
    db = tmp_path / "news.db"
    folder = tmp_path / "good"
    folder.mkdir()
    for name in ("herat-attack.txt", "doha-talks.txt"):
        shutil.copy(articles / name, folder / name)
    first = run("ingest", folder, "--db", db, "--published", PUB, "--quiet")
    assert first.code == 0
    assert "read 2, stored 2, unchanged 0" in first.err
    second = run("ingest", folder, "--db", db, "--published", PUB, "--quiet")
    assert second.code == 0
    assert "read 2, stored 0, unchanged 2, events 0" in second.err
    assert "store: 2 articles" in second.err


def test_ingest_skips_a_bad_file_among_good_ones(run, articles, tmp_path):
    (articles / "binary.txt").write_bytes(bytes(range(256)) * 8)
    db = tmp_path / "news.db"
    r = run("ingest", articles, "--db", db, "--published", PUB, "--quiet")
    assert r.code == 0
    # 2 text files + 2 good JSONL records stored; the binary file, the empty page and 2 bad records skipped
    assert "read 4, stored 4" in r.err
    assert "skipped 4 (2 bad-record, 1 binary, 1 no-text)" in r.err
    assert "binary.txt" in r.err and "store: 4 articles" in r.err


def test_ingest_missing_path(run, tmp_path):
    r = run("ingest", tmp_path / "nowhere", "--db", tmp_path / "x.db", "--quiet")
    assert r.code == 2 and "no such file or folder" in r.errors[0]


@pytest.fixture()
def store(run, articles, tmp_path) -> Path:
    db = tmp_path / "events.db"
    r = run("ingest", articles, "--db", db, "--published", PUB, "--quiet")
    assert r.code == 0
    return db


def test_events_csv_with_filter(run, store):
    r = run("events", "--db", store, "--format", "csv", "--event", "ASSAULT")
    assert r.code == 0
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert rows and {row["event"] for row in rows} == {"ASSAULT"}
    assert {row["actor"] for row in rows} == {"Taliban"}
    assert all(row["country"] == "AFG" for row in rows)


def test_events_geojson(run, store):
    r = run("events", "--db", store, "--format", "geojson", "--country", "AFG")
    assert r.code == 0
    fc = json.loads(r.out)
    assert fc["type"] == "FeatureCollection" and fc["features"]
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 60 < lon < 75 and 29 < lat < 39  # Afghanistan
        assert f["properties"]["country"] == "AFG"


def test_events_jsonl_date_and_actor_filters(run, store):
    everything = run("events", "--db", store, "--format", "jsonl")
    all_rows = [json.loads(line) for line in everything.out.splitlines()]
    assert len(all_rows) >= 4
    since = run("events", "--db", store, "--format", "jsonl", "--since", "2021-10-11")
    rows = [json.loads(line) for line in since.out.splitlines()]
    # an undated event counts on its article's publication date (documented in store.EventFilter)
    assert rows and all((row["date"]["end"] or PUB) >= "2021-10-11" for row in rows)
    assert "2021-10-10" not in {row["date"]["end"] for row in rows}  # "on Sunday" is filtered out
    assert len(rows) < len(all_rows)
    taliban = run("events", "--db", store, "--format", "jsonl", "--actor", "Taliban")
    rows = [json.loads(line) for line in taliban.out.splitlines()]
    assert rows and all(any(a["identifier_text"] == "Taliban" for a in row["actor"] + row["recipient"])
                        for row in rows)


@pytest.mark.parametrize("args,needle", [
    (["--format", "xml"], "unknown format 'xml'"),
    (["--event", "BRAWL"], "unknown event type 'BRAWL'"),
    (["--since", "2021-13-01"], "2021-13-01"),
])
def test_events_bad_options(run, store, args, needle):
    r = run("events", "--db", store, *args)
    assert r.code != 0 and needle in r.errors[0]


def test_events_missing_database(run, tmp_path):
    r = run("events", "--db", tmp_path / "absent.db")
    assert r.code == 2 and "no such database file" in r.errors[0]


# ---------------------------------------------------------------------------------------------------------
# demo


def test_demo(run, tmp_path):
    import sqlite3

    db = tmp_path / "demo.db"
    r = run("demo", "--db", db)
    assert r.code == 0
    assert "7 sample articles" in r.out and "events" in r.out
    assert "canonical events" in r.out  # the two Kunduz reports are deduplicated as ingest does
    with sqlite3.connect(db) as con:
        (n,) = con.execute("select count(*) from events").fetchone()
    assert n >= 10
    assert "Jalalabad" in r.out or "Jalālābād" in r.out
    assert "Kunduz" in r.out  # the samples' own Kunduz reports (not the seed article: tests/test_samples.py)
