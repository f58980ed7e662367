"""Every endpoint over real HTTP against a running ``hoopoe serve``, checked against the store read
directly (``Store.events``) and against the response models; bad parameters give the one error shape."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

from hoopoe.api import models as m
from hoopoe.store import EventFilter, open_store

from .conftest import API_KEY, start_server, stop_server


def stored_events(server, **filters):
    with open_store(server.db) as store:
        return list(store.events(EventFilter(**filters)))


def kunduz_item(server) -> dict:
    page = server.json("/api/events", q="Kunduz", event="ASSAULT", dedup="false")
    items = [it for it in page["items"] if it["place"] and it["place"]["name"] == "Kunduz"]
    assert items, page
    return items[0]


# ---------------------------------------------------------------------------------------------- events

def test_events_every_report_matches_the_store(server):
    page = server.json("/api/events", dedup="false", limit=500)
    stored = stored_events(server)
    assert page["total"] == len(stored) and page["total_exact"] is True
    assert {it["id"] for it in page["items"]} == {ev.id for _, ev in stored}
    m.EventPage.model_validate(page)
    by_id = {ev.id: (meta, ev) for meta, ev in stored}
    for it in page["items"]:
        meta, ev = by_id[it["id"]]
        assert it["event"] == ev.event and it["article"]["id"] == meta.id
        assert it["evidence"]["text"] == ev.evidence.text


def test_dedup_shows_each_happening_once(server):
    every = server.json("/api/events", dedup="false", limit=500)
    once = server.json("/api/events", limit=500)
    assert once["total"] < every["total"]
    clusters = {}
    for it in every["items"]:
        if it["cluster"]:
            clusters.setdefault(it["cluster"]["id"], []).append(it["id"])
    multi = {cid: ids for cid, ids in clusters.items() if len(ids) > 1}
    assert multi, "the two Kunduz reports should be one happening"
    shown = [it for it in once["items"] if it["cluster"] and it["cluster"]["id"] in multi]
    assert len(shown) == len(multi)
    assert all(it["cluster"]["reports"] >= 2 for it in shown)
    assert once["total"] == every["total"] - sum(len(ids) - 1 for ids in multi.values())


@pytest.mark.parametrize("params, check", [
    ({"event": "ASSAULT"}, lambda it: it["event"] == "ASSAULT"),
    ({"event": ["ASSAULT", "COERCE"]}, lambda it: it["event"] in ("ASSAULT", "COERCE")),
    ({"event": "assault,coerce"}, lambda it: it["event"] in ("ASSAULT", "COERCE")),
    ({"country": "AFG"}, lambda it: it["place"]["country"] == "AFG"),
    ({"country": "Afghanistan"}, lambda it: it["place"]["country"] == "AFG"),
    ({"admin1": "Kunduz"}, lambda it: it["place"]["admin1"] == "Kunduz"),
    ({"mode": "suicide-attack"}, lambda it: "suicide-attack" in it["mode"]),
    ({"modality": "asserted"}, lambda it: it["modality"] == "asserted"),
    ({"actor": "isis-k"}, lambda it: any(e.get("kb_id") == "isis-k" for e in it["actor"] + it["claimed_by"] + it["recipient"])),
    ({"actor": "Taliban"}, lambda it: any("Taliban" in (e.get("identifier_text") or "") + e["entity_text"]
                                          for e in it["actor"] + it["recipient"] + it["claimed_by"] + ([it["speaker"]] if it.get("speaker") else []))),
    ({"q": "mosque"}, lambda it: "mosque" in (it["evidence"]["text"] + (it["article"]["title"] or "")).lower()),
    ({"bbox": "60,29,75,39"}, lambda it: 60 <= it["place"]["lon"] <= 75 and 29 <= it["place"]["lat"] <= 39),
    ({"min_precision": 1}, lambda it: it["place"]["precision"] == 1),
    ({"since": "2023-01-01", "until": "2023-12-31"},
     lambda it: (it["date"]["end"] or it["date"]["start"] or it["article"]["published"]) >= "2023-01-01"
     and (it["date"]["start"] or it["date"]["end"] or it["article"]["published"]) <= "2023-12-31"),
])
def test_event_filters(server, params, check):
    page = server.json("/api/events", dedup="false", limit=500, **params)
    assert page["items"], f"no events for {params}: the samples should have some"
    for it in page["items"]:
        assert check(it), (params, it["id"], it["event"], it["place"])
    assert page["total"] == len(page["items"])
    if not {"actor", "q"} & set(params):  # the others can be checked exactly on the full list
        everything = server.json("/api/events", dedup="false", limit=500)["items"]
        assert {it["id"] for it in page["items"]} == {it["id"] for it in everything if check_safe(check, it)}


def check_safe(check, it) -> bool:
    try:
        return bool(check(it))
    except (TypeError, KeyError):  # an event without a place does not match a place filter
        return False


def test_filters_agree_with_the_store(server):
    for flt in ({"event": "ASSAULT"}, {"country": "PAK"}, {"actor": "taliban"},
                {"since": "2022-11-01", "until": "2023-03-31"}):
        page = server.json("/api/events", dedup="false", limit=500, **flt)
        stored = stored_events(server, **{k: (v if k not in ("since", "until") else __import__("datetime").date.fromisoformat(v))
                                          for k, v in flt.items()})
        assert {it["id"] for it in page["items"]} == {ev.id for _, ev in stored}, flt


def test_pagination_and_sort(server):
    full = server.json("/api/events", dedup="false", limit=500)["items"]
    pages = [server.json("/api/events", dedup="false", limit=4, offset=o)["items"] for o in range(0, len(full), 4)]
    assert [it["id"] for p in pages for it in p] == [it["id"] for it in full]
    oldest = server.json("/api/events", dedup="false", limit=500, sort="date")["items"]
    assert [it["id"] for it in oldest] == [it["id"] for it in reversed(full)]

    def when(it):
        return it["date"]["start"] or it["date"]["end"] or it["article"]["published"]
    days = [when(it) for it in full]
    assert days == sorted(days, reverse=True)
    assert server.json("/api/events", limit=5, offset=10_000)["items"] == []


def test_one_event_with_its_reports_and_evidence(server):
    item = kunduz_item(server)
    detail = server.json(f"/api/events/{item['id']}")
    m.EventDetail.model_validate(detail)
    text = detail["article"]["text"]
    ev = detail["event"]["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"]
    assert "Kunduz" in ev["text"]
    reports = detail["reports"]
    assert reports[0]["event_id"] == item["id"]
    assert len(reports) >= 2 and len({r["article"]["id"] for r in reports}) >= 2
    assert all(r["evidence"] and "Kunduz" in r["evidence"]["text"] for r in reports)
    canon = detail["canonical"]
    assert canon["event"] == "ASSAULT" and canon["n_reports"] >= 2
    assert canon["killed"]["best"] >= 46


def test_unknown_event_is_404(server):
    r = server.get("/api/events/ev-does-not-exist")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found" and "ev-does-not-exist" in r.json()["error"]["message"]


# ---------------------------------------------------------------------------------------------- actors, places, network

def test_actors_list_search_and_detail(server):
    page = server.json("/api/actors", limit=200)
    m.ActorPage.model_validate(page)
    keys = {a["key"]: a for a in page["items"]}
    assert "taliban" in keys and keys["taliban"]["kind"] == "armed_group"
    counts = [a["events"] for a in page["items"]]
    assert counts == sorted(counts, reverse=True)
    found = server.json("/api/actors", search="khorasan")["items"]
    assert [a["key"] for a in found] == ["isis-k"]
    detail = server.json("/api/actors/isis-k")
    m.ActorDetail.model_validate(detail)
    assert detail["actor"]["name"] == "Islamic State Khorasan Province"
    assert detail["events"] and all(
        any(e.get("kb_id") == "isis-k" for e in it["actor"] + it["recipient"] + it["claimed_by"] + ([it["speaker"]] if it.get("speaker") else []))
        for it in detail["events"])
    cps = {c["key"]: c for c in detail["counterparts"]}
    assert cps and all(c["conflict"] + c["cooperation"] <= c["events"] for c in cps.values())
    assert any(c["conflict"] > 0 for c in cps.values())
    assert server.get("/api/actors/nobody-at-all").status_code == 404


def test_places(server):
    page = server.json("/api/places", limit=100)
    m.PlacePage.model_validate(page)
    names = {p["name"]: p for p in page["items"]}
    assert "Kunduz" in names
    k = names["Kunduz"]
    assert abs(k["lat"] - 36.73) < 0.1 and abs(k["lon"] - 68.86) < 0.1 and k["country"] == "AFG"
    assert server.json("/api/places", country="SYR")["items"] and all(
        p["country"] == "SYR" for p in server.json("/api/places", country="SYR")["items"])
    assert [p["name"] for p in server.json("/api/places", search="kund")["items"]] == ["Kunduz"]


def test_network(server):
    net = server.json("/api/network")
    m.Network.model_validate(net)
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert all(e["source"] != e["target"] for e in net["edges"])
    assert any(e["conflict"] > 0 and e["weight"] < 0 for e in net["edges"])
    pairs = {(e["source"], e["target"]) for e in net["edges"]}
    assert len(pairs) == len(net["edges"])  # one undirected edge per pair
    small = server.json("/api/network", event="ASSAULT", limit=2)
    assert len(small["nodes"]) <= 2


def test_timeseries_adds_up(server):
    for by in ("event", "quad", "none"):
        ts = server.json("/api/timeseries", by=by, dedup="false")
        m.TimeSeries.model_validate(ts)
        total = sum(p["events"] for s in ts["series"] for p in s["points"])
        assert total == server.json("/api/events", dedup="false", limit=1)["total"]
    weeks = server.json("/api/timeseries", interval="week", by="none", dedup="false")["series"][0]["points"]
    import datetime as dt
    assert all(dt.date.fromisoformat(p["date"]).weekday() == 0 for p in weeks)
    months = server.json("/api/timeseries", interval="month", event="ASSAULT")["series"]
    assert [s["key"] for s in months] == ["ASSAULT"] and all(p["date"].endswith("-01") for p in months[0]["points"])
    killed = sum(p["killed"] for p in months[0]["points"])
    assert killed >= 46


def test_commitments(server):
    page = server.json("/api/commitments")
    m.CommitmentPage.model_validate(page)
    assert page["items"] and page["total"] == len(page["items"])
    c = page["items"][0]
    assert c["source_text"]["text"] and c["article"]["id"]
    actor = c["actor"][0]["identifier_text"]
    assert server.json("/api/commitments", actor=actor)["total"] >= 1
    assert server.json("/api/commitments", actor="Nobody In Particular")["total"] == 0
    assert server.json("/api/commitments", status="broken")["items"] == [] or all(
        x["status"] == "broken" for x in server.json("/api/commitments", status="broken")["items"])


def test_stats(server):
    st = server.json("/api/stats")
    m.Stats.model_validate(st)
    with open_store(server.db) as store:
        counts = store.stats()
    assert st["events"] == counts["events"] and st["articles"] == counts["articles"]
    assert sum(st["types"].values()) == st["events"] and st["clusters"] >= 1
    assert st["first_date"] <= st["last_date"]


# ---------------------------------------------------------------------------------------------- exports

def test_exports_of_the_current_filter(server):
    total = server.json("/api/events", event="ASSAULT", dedup="false")["total"]
    r = server.get("/api/export", format="csv", event="ASSAULT", dedup="false")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total and {row["event"] for row in rows} == {"ASSAULT"}
    r = server.get("/api/export", format="jsonl", country="AFG", dedup="false")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert lines and all(x["event_loc"]["country"] == "AFG" for x in lines)
    assert len(lines) == server.json("/api/events", country="AFG", dedup="false")["total"]
    r = server.get("/api/export", format="geojson", event="ASSAULT", dedup="false")
    gj = r.json()
    assert gj["type"] == "FeatureCollection" and gj["features"]
    assert all(f["geometry"]["type"] == "Point" and f["properties"]["event"] == "ASSAULT" for f in gj["features"])


# ---------------------------------------------------------------------------------------------- errors

BAD_REQUESTS = [
    ("/api/events", {"limit": 0}, "limit"),
    ("/api/events", {"limit": 501}, "limit"),
    ("/api/events", {"offset": -1}, "offset"),
    ("/api/events", {"since": "yesterday"}, "since"),
    ("/api/events", {"since": "2021-13-45"}, "since"),
    ("/api/events", {"since": "2021-10-10", "until": "2021-10-01"}, "since"),
    ("/api/events", {"event": "BOMBING"}, "event"),
    ("/api/events", {"country": "Atlantis"}, "country"),
    ("/api/events", {"bbox": "1,2,3"}, "bbox"),
    ("/api/events", {"bbox": "0,0,200,10"}, "bbox"),
    ("/api/events", {"bbox": "0,50,10,40"}, "bbox"),
    ("/api/events", {"min_precision": 7}, "min_precision"),
    ("/api/events", {"modality": "maybe"}, "modality"),
    ("/api/events", {"mode": "x'; DROP TABLE events; --"}, "mode"),
    ("/api/events", {"sort": "sideways"}, "sort"),
    ("/api/events", {"dedup": "perhaps"}, "dedup"),
    ("/api/events", {"q": "x" * 500}, "q"),
    ("/api/timeseries", {"interval": "year"}, "interval"),
    ("/api/timeseries", {"by": "colour"}, "by"),
    ("/api/export", {"format": "xml"}, "format"),
    ("/api/network", {"min_events": 0}, "min_events"),
    ("/api/commitments", {"status": "forgotten"}, "status"),
]


@pytest.mark.parametrize("path, params, name", BAD_REQUESTS)
def test_bad_parameters_are_422_in_the_error_shape(server, path, params, name):
    r = server.get(path, **params)
    assert r.status_code == 422, r.text
    body = r.json()
    assert_error_shape(body, 422)
    assert body["error"]["code"] == "invalid_parameter"
    assert name in body["error"]["message"] or any(d.get("parameter") == name for d in body["error"]["details"])


def assert_error_shape(body: dict, status: int) -> None:
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status and isinstance(err["code"], str) and err["code"]
    assert isinstance(err["message"], str) and err["message"] and "\n" not in err["message"]
    assert "Traceback" not in err["message"]
    assert isinstance(err["details"], list)
    m.ErrorResponse.model_validate(body)


def test_every_error_has_the_one_shape(server):
    cases = [
        (httpx.get, "/api/nothing-here", {}, 404),
        (httpx.get, "/api/events/ev-missing", {}, 404),
        (httpx.get, "/api/actors/nobody-at-all", {}, 404),
        (httpx.delete, "/api/events", {}, 405),
        (httpx.post, "/api/events", {}, 405),
        (httpx.post, "/api/ingest", {"json": {"articles": []}, "headers": {"X-API-Key": API_KEY}}, 422),
        (httpx.post, "/api/ingest", {"content": b"not json", "headers": {"X-API-Key": API_KEY,
                                                                           "Content-Type": "application/json"}}, 422),
        (httpx.post, "/api/ingest", {"json": {"articles": [{"text": "x"}]}}, 401),
        (httpx.post, "/api/ingest", {"json": {"articles": [{"text": "x"}]}, "headers": {"X-API-Key": "wrong"}}, 401),
    ] + [(httpx.get, path, {"params": params}, 422) for path, params, _ in BAD_REQUESTS]
    for method, path, kwargs, status in cases:
        r = method(server.url + path, timeout=30, **kwargs)
        assert r.status_code == status, (path, kwargs, r.status_code, r.text[:300])
        assert r.headers["content-type"].startswith("application/json"), path
        assert_error_shape(r.json(), status)


# ---------------------------------------------------------------------------------------------- ingest and security

def test_ingest_with_the_api_key(server):
    article = {"id": "api-ingest-test", "title": "Clashes in Kandahar", "published": "2024-06-02",
               "text": "Taliban fighters clashed with National Resistance Front fighters in Kandahar on Saturday, "
                       "killing at least 12 people, officials said."}
    before = server.json("/api/stats")["articles"]
    r = httpx.post(server.url + "/api/ingest", json={"articles": [article, {"html": "<html></html>"}]},
                   headers={"X-API-Key": API_KEY}, timeout=120)
    assert r.status_code == 200, r.text
    res = r.json()
    m.IngestResult.model_validate(res)
    assert res["read"] == 1 and res["stored"] == 1 and res["events"] >= 1
    assert sum(res["skipped"].values()) == 1 and res["skip_details"][0]["origin"] == "request#2"
    assert server.json("/api/stats")["articles"] == before + 1
    found = server.json("/api/events", q="Kandahar", since="2024-06-01")["items"]
    assert any(it["article"]["id"] == "api-ingest-test" for it in found)
    again = httpx.post(server.url + "/api/ingest", json={"articles": [article]}, headers={"X-API-Key": API_KEY},
                       timeout=120).json()
    assert again["stored"] == 0 and again["unchanged"] == 1


def test_read_only_by_default(readonly_server):
    r = httpx.post(readonly_server.url + "/api/ingest", json={"articles": [{"text": "Troops clashed."}]},
                   headers={"X-API-Key": "anything"}, timeout=30)
    assert r.status_code == 403
    assert_error_shape(r.json(), 403)
    assert r.json()["error"]["code"] == "ingest_disabled"
    log = readonly_server.log.read_text()
    assert "127.0.0.1" in log and "read-only" in log


def test_security_headers_and_local_docs(server):
    r = server.get("/api/stats")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    spec = server.json("/openapi.json")
    for path in ("/api/events", "/api/events/{event_id}", "/api/actors", "/api/actors/{key}", "/api/places",
                 "/api/network", "/api/timeseries", "/api/commitments", "/api/stats", "/api/export", "/api/ingest"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "country", "admin1", "event", "mode", "modality", "actor", "q", "bbox",
            "min_precision", "dedup", "limit", "offset"} <= params
    docs = server.get("/docs")
    assert docs.status_code == 200 and "http" not in docs.text.split("<body>")[1].split("SwaggerUIBundle")[0]
    assert "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert server.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_serve_refuses_a_missing_store(tmp_path, run):
    res = run("serve", "--db", str(tmp_path / "none.db"))
    assert res.code == 2 and "no store at" in res.err


def test_serve_on_all_interfaces_only_when_asked(sample_documents, tmp_path):
    from .conftest import fill_store

    db = f"sqlite:///{tmp_path / 'h.db'}"
    fill_store(db, sample_documents[:1])
    srv = start_server(db, tmp_path, host="0.0.0.0")
    try:
        assert "0.0.0.0" in srv.log.read_text()
        assert srv.json("/api/stats")["articles"] == 1
    finally:
        stop_server(srv)
