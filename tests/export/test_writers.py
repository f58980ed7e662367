"""Every export format written and parsed back."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from hoopoe.errors import HoopoeError
from hoopoe.export import COLUMN_NAMES, FORMATS, flat_row, write_events
from hoopoe.records import ArticleMeta, Document, Event, from_dict


@pytest.fixture()
def rows(fixtures_dir) -> list[tuple[ArticleMeta, Event]]:
    data = json.loads((fixtures_dir / "ingest" / "documents.json").read_text(encoding="utf-8"))
    docs = [from_dict(Document, d) for d in data["documents"]]
    return [(d.article, e) for d in docs for e in d.events]


def test_formats():
    assert FORMATS == ("jsonl", "csv", "geojson", "parquet", "acled")


def test_jsonl_round_trip(rows, tmp_path):
    path = tmp_path / "events.jsonl"
    assert write_events(rows, "jsonl", path) == 4
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    for line, (meta, ev) in zip(lines, rows):
        obj = json.loads(line)
        assert from_dict(Event, obj) == ev
        assert from_dict(ArticleMeta, obj["article"]) == meta


def test_csv_flat_columns(rows, tmp_path):
    path = tmp_path / "events.csv"
    assert write_events(iter(rows), "CSV", str(path)) == 4
    with path.open(newline="", encoding="utf-8") as fh:
        got = list(csv.DictReader(fh))
    assert list(got[0]) == list(COLUMN_NAMES)
    for required in ("event_id", "article_id", "published", "source", "url", "date_start", "date_end",
                     "date_precision", "event", "mode", "context", "actor", "actor_code", "actor_sector",
                     "recipient", "recipient_code", "recipient_sector", "place", "geonameid", "lat", "lon",
                     "admin1", "country", "geo_precision", "killed_min", "killed_max", "killed_text",
                     "wounded_min", "claimed_by", "reported_by", "speaker", "modality", "quad_code",
                     "event_scale", "cameo", "acled_event_type", "acled_sub_event_type", "event_text",
                     "evidence", "confidence"):
        assert required in got[0]
    attack, accuse, protest, coerce = got
    assert attack["event"] == "ASSAULT" and attack["killed_min"] == "12" and attack["killed_max"] == ""
    assert attack["killed_text"] == "at least 12" and attack["place"] == "Ménaka"
    assert float(attack["lat"]) == pytest.approx(15.91823) and attack["geonameid"] == "2454533"
    assert attack["acled_event_type"] == "Violence against civilians" and attack["reported_by"] == "local officials"
    assert accuse["speaker"] == "Menaka regional government" and accuse["place"] == "" and accuse["date_start"] == ""
    assert accuse["recipient_id"] == "Q56276455" and accuse["recipient_code"] == "IMG"
    assert coerce["mode"] == "crowd-control; arrest"
    assert protest["evidence"].startswith("Several hundred people marched in Bamako")


def test_csv_list_columns_keep_positions():
    from hoopoe.records import Entity

    ev = Event(id="e", event="ASSAULT", actor=[Entity("army", code="NGA", sector="MIL"), Entity("Boko Haram", sector="REB")])
    row = flat_row(ArticleMeta(id="a"), ev)
    assert (row["actor"], row["actor_code"], row["actor_sector"]) == ("army; Boko Haram", "NGA; ", "MIL; REB")
    assert row["recipient"] is None and row["killed_min"] is None


def test_geojson_features_and_left_out_events(rows, tmp_path, caplog):
    path = tmp_path / "events.geojson"
    with caplog.at_level("INFO", logger="hoopoe.export"):
        assert write_events(rows, "geojson", path) == 3
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["events_without_coordinates"] == 1
    feats = data["features"]
    assert [f["id"] for f in feats] == ["sahel-2023-0314-01:e1", "bamako-protest:e1", "bamako-protest:e2"]
    assert feats[0]["geometry"] == {"type": "Point", "coordinates": [2.40222, 15.91823]}  # lon, lat
    assert feats[0]["properties"]["killed_min"] == 12 and feats[0]["properties"]["killed_max"] is None
    assert list(feats[0]["properties"]) == list(COLUMN_NAMES)
    assert "1 events without coordinates" in caplog.text


def test_geojson_with_no_rows_is_valid(tmp_path):
    buf = io.StringIO()
    assert write_events([], "geojson", buf) == 0
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": [], "events_without_coordinates": 0}


def test_parquet_typed_columns(rows, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert write_events(rows, "parquet", path) == 4
    table = pq.read_table(path)
    assert table.column_names == list(COLUMN_NAMES) and table.num_rows == 4
    assert str(table.schema.field("killed_min").type) == "int64"
    assert str(table.schema.field("lat").type) == "double"
    data = table.to_pylist()
    assert data[0]["killed_min"] == 12 and data[1]["lat"] is None and data[3]["mode"] == "crowd-control; arrest"


def test_parquet_empty_and_to_binary_stream(rows):
    pq = pytest.importorskip("pyarrow.parquet")
    buf = io.BytesIO()
    assert write_events([], "parquet", buf) == 0
    assert pq.read_table(io.BytesIO(buf.getvalue())).num_rows == 0
    buf = io.BytesIO()
    assert write_events(rows, "parquet", buf) == 4
    assert pq.read_table(io.BytesIO(buf.getvalue())).column("event").to_pylist() == [
        "ASSAULT", "ACCUSE", "PROTEST", "COERCE"]


def test_parquet_without_pyarrow_is_a_clear_error(rows, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(HoopoeError, match=r"pip install 'hoopoe\[parquet\]'") as info:
        write_events(rows, "parquet", tmp_path / "x.parquet")
    assert info.value.reason == "missing-dependency"


def test_text_formats_to_binary_and_text_streams(rows):
    raw = io.BytesIO()
    assert write_events(rows, "jsonl", raw) == 4
    assert len(raw.getvalue().decode("utf-8").splitlines()) == 4
    assert not raw.closed  # the caller's stream stays open
    text = io.StringIO()
    assert write_events(rows, "csv", text) == 4
    assert text.getvalue().startswith("event_id,article_id,")


def test_unknown_format_names_the_valid_ones(rows):
    with pytest.raises(HoopoeError, match="unknown export format 'xlsx': use one of jsonl, csv, geojson, parquet, acled"):
        write_events(rows, "xlsx", io.StringIO())


def test_missing_output_folder(rows, tmp_path):
    with pytest.raises(HoopoeError, match="does not exist"):
        write_events(rows, "csv", tmp_path / "nope" / "x.csv")


def test_store_events_export(tmp_path, fixtures_dir):
    """The store's rows go straight into an export."""
    from datetime import date

    from hoopoe.records import Article
    from hoopoe.store import EventFilter, open_store

    data = json.loads((fixtures_dir / "ingest" / "documents.json").read_text(encoding="utf-8"))
    with open_store(tmp_path / "s.db") as store:
        for d in data["documents"]:
            doc = from_dict(Document, d)
            store.add(doc, Article(text=data["texts"][doc.article.id], id=doc.article.id,
                                   published=date.fromisoformat(doc.article.published)), "h")
        buf = io.StringIO()
        assert write_events(store.events(EventFilter(country="MLI")), "csv", buf) == 3
    assert [r["event_id"] for r in csv.DictReader(io.StringIO(buf.getvalue()))] == [
        "sahel-2023-0314-01:e1", "bamako-protest:e1", "bamako-protest:e2"]
