"""The ACLED-style export (ACLED's columns, hoopoe's values mapped) and DataFrames."""

from __future__ import annotations

import csv
import io
import json

import pytest

from hoopoe.errors import HoopoeError
from hoopoe.export import ACLED_COLUMN_NAMES, COLUMN_NAMES, acled_row, to_dataframe, write_events
from hoopoe.export.acled import inter_code
from hoopoe.records import ArticleMeta, Count, DateInfo, Document, Entity, Event, Evidence, Place, from_dict

ACLED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
         "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
         "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
         "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
         "tags", "timestamp"]


@pytest.fixture()
def rows(fixtures_dir) -> list[tuple[ArticleMeta, Event]]:
    data = json.loads((fixtures_dir / "ingest" / "documents.json").read_text(encoding="utf-8"))
    docs = [from_dict(Document, d) for d in data["documents"]]
    return [(d.article, e) for d in docs for e in d.events]


def test_columns_are_acleds_own():
    assert list(ACLED_COLUMN_NAMES) == ACLED


def test_acled_csv(rows):
    buf = io.StringIO()
    assert write_events(rows, "acled", buf) == 2  # the ACCUSE and the COERCE without ACLED type are left out
    got = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(got[0]) == ACLED
    attack, protest = got
    assert attack["event_id_cnty"] == "MLI-sahel-2023-0314-01:e1"
    assert (attack["event_date"], attack["year"], attack["time_precision"]) == ("2023-03-13", "2023", "1")
    assert (attack["disorder_type"], attack["event_type"], attack["sub_event_type"]) == (
        "Political violence", "Violence against civilians", "Attack")
    assert (attack["actor1"], attack["inter1"], attack["actor2"], attack["inter2"]) == ("Gunmen", "2", "Civilians", "7")
    assert attack["interaction"] == "27" and attack["civilian_targeting"] == "Civilian targeting"
    assert (attack["iso"], attack["country"], attack["admin1"], attack["location"]) == ("466", "Mali", "Ménaka", "Ménaka")
    assert (float(attack["latitude"]), float(attack["longitude"]), attack["geo_precision"]) == (15.91823, 2.40222, "2")
    assert attack["fatalities"] == "12" and attack["source"] == "Sahel Monitor; local officials"
    assert attack["notes"].startswith("Gunmen on motorbikes attacked") and attack["region"] == ""
    assert attack["tags"] == "plover=ASSAULT; mode=firearms" and int(attack["timestamp"]) > 1_600_000_000
    assert (protest["disorder_type"], protest["inter1"], protest["inter2"], protest["interaction"]) == (
        "Demonstrations", "6", "0", "60")
    assert protest["fatalities"] == "0" and protest["civilian_targeting"] == ""


def ev(**kw) -> Event:
    base = {"id": "a:e1", "event": "ASSAULT", "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
            "date": DateInfo("2024-05-02", "2024-05-02", "day"),
            "event_loc": Place("Gao", name="Gao", lat=16.27, lon=-0.04, country="MLI", admin1="Gao", precision=1),
            "evidence": Evidence("Soldiers clashed with rebels.", 0, 29)}
    base.update(kw)
    return Event(**base)


ARMY = Entity("soldiers", identifier_text="Military of Mali", code="MLI", sector="MIL")
REBELS = Entity("rebels", identifier_text="CSP-PSD", sector="REB")
FRENCH = Entity("French troops", identifier_text="Military of France", code="FRA", sector="MIL")
UN = Entity("peacekeepers", identifier_text="MINUSMA", code="UNO", sector="MIL")
GANG = Entity("gunmen", sector="UAF")
CROWD = Entity("protesters", sector="CVL")


@pytest.mark.parametrize("entity,event,acting,code", [
    (ARMY, ev(), True, 1),
    (FRENCH, ev(), True, 8),  # state forces outside their own country
    (UN, ev(), True, 8),
    (REBELS, ev(), True, 2),
    (GANG, ev(), True, 3),
    (CROWD, ev(event="PROTEST"), True, 6),
    (CROWD, ev(event="PROTEST", mode=["riot"]), True, 5),
    (CROWD, ev(), False, 7),
    (Entity("someone"), ev(), True, None),  # no sector: unknown, never guessed
])
def test_inter_codes(entity, event, acting, code):
    assert inter_code(entity, event, acting=acting, country="MLI") == code


def test_battle_sides_and_sole_actor():
    row = acled_row(ArticleMeta(id="a"), ev(actor=[ARMY, REBELS, FRENCH]), timestamp=7)
    assert (row["actor1"], row["actor2"], row["assoc_actor_2"]) == ("Military of Mali", "CSP-PSD", "Military of France")
    assert (row["inter1"], row["inter2"], row["interaction"], row["timestamp"]) == (1, 2, 12, 7)
    sole = acled_row(ArticleMeta(id="a"), ev(actor=[REBELS]), timestamp=7)
    assert (sole["actor2"], sole["inter2"], sole["interaction"]) == (None, 0, 20)
    unknown = acled_row(ArticleMeta(id="a"), ev(actor=[Entity("someone")], recipient=[CROWD]), timestamp=7)
    assert (unknown["inter1"], unknown["inter2"], unknown["interaction"]) == (None, 7, None)


@pytest.mark.parametrize("killed,fatalities", [
    (None, 0), (Count(46, None, "at least 46"), 46), (Count(10, 20, "10 to 20"), 10), (Count(None, 10, "up to 10"), 10),
])
def test_fatalities_take_the_lower_figure(killed, fatalities):
    assert acled_row(ArticleMeta(id="a"), ev(killed=killed))["fatalities"] == fatalities


@pytest.mark.parametrize("date,published,expected", [
    (DateInfo("2024-05-02", "2024-05-02", "day"), None, ("2024-05-02", 1, "")),
    (DateInfo("2024-04-29", "2024-05-05", "week"), None, ("2024-04-29", 2, "")),
    (DateInfo("2024-05-01", "2024-05-04", "range"), None, ("2024-05-01", 2, "")),
    (DateInfo("2024-05-01", "2024-05-31", "month"), None, ("2024-05-01", 3, "")),
    (DateInfo(), "2024-05-09", ("2024-05-09", 3, "date=published")),
    (DateInfo(), None, (None, None, "")),
])
def test_dates_and_their_precision(date, published, expected):
    row = acled_row(ArticleMeta(id="a", published=published), ev(date=date))
    assert (row["event_date"], row["time_precision"]) == expected[:2]
    assert (expected[2] in row["tags"]) if expected[2] else ("date=" not in row["tags"])


@pytest.mark.parametrize("modality", ["negated", "future", "hypothetical", "historical"])
def test_events_that_did_not_happen_now_are_not_acled_events(modality):
    assert acled_row(ArticleMeta(id="a"), ev(modality=modality)) is None
    assert acled_row(ArticleMeta(id="a"), ev(acled=None)) is None


def test_dataframes(rows):
    pd = pytest.importorskip("pandas")
    df = to_dataframe(rows)
    assert list(df.columns) == list(COLUMN_NAMES) and len(df) == 4
    assert str(df["killed_min"].dtype) == "Int64" and df["killed_min"].iloc[0] == 12
    assert pd.isna(df["killed_min"].iloc[1]) and str(df["lat"].dtype) == "float64"
    assert df.groupby("event").size().to_dict() == {"ACCUSE": 1, "ASSAULT": 1, "COERCE": 1, "PROTEST": 1}
    acled = to_dataframe(iter(rows), columns="acled")
    assert list(acled.columns) == ACLED and len(acled) == 2 and acled["fatalities"].sum() == 12
    assert len(to_dataframe([])) == 0
    with pytest.raises(HoopoeError, match="unknown column layout 'gdelt'"):
        to_dataframe(rows, columns="gdelt")


def test_store_dataframe(store_url, fixtures_dir):
    pytest.importorskip("pandas")
    from datetime import date

    from hoopoe.records import Article
    from hoopoe.store import EventFilter, open_store

    data = json.loads((fixtures_dir / "ingest" / "documents.json").read_text(encoding="utf-8"))
    with open_store(store_url) as store:
        for d in data["documents"]:
            doc = from_dict(Document, d)
            store.add(doc, Article(text=data["texts"][doc.article.id], id=doc.article.id,
                                   published=date.fromisoformat(doc.article.published)), "h")
        df = store.dataframe(EventFilter(country="MLI"))
        assert list(df["event_id"]) == ["sahel-2023-0314-01:e1", "bamako-protest:e1", "bamako-protest:e2"]
        assert list(store.dataframe(columns="acled")["event_type"]) == ["Violence against civilians", "Protests"]


def test_dataframe_without_pandas(rows, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(HoopoeError, match=r"pip install 'hoopoe\[parquet\]'"):
        to_dataframe(rows)


def test_events_command_exports_acled(tmp_path, fixtures_dir):
    import os
    import subprocess
    import sys
    from datetime import date
    from pathlib import Path

    from hoopoe.records import Article
    from hoopoe.store import open_store

    data = json.loads((fixtures_dir / "ingest" / "documents.json").read_text(encoding="utf-8"))
    db = tmp_path / "s.db"
    with open_store(db) as store:
        for d in data["documents"]:
            doc = from_dict(Document, d)
            store.add(doc, Article(text=data["texts"][doc.article.id], id=doc.article.id,
                                   published=date.fromisoformat(doc.article.published)), "h")
    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(src), os.environ.get("PYTHONPATH")) if p)}
    out = tmp_path / "acled.csv"
    r = subprocess.run([sys.executable, "-c", "from hoopoe.cli import main; main()", "events", "--db", str(db),
                        "--format", "acled", "--event", "ASSAULT", "-o", str(out)],
                       env=env, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert "wrote 1 events" in r.stderr
    got = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [g["event_type"] for g in got] == ["Violence against civilians"]
