"""The dashboard in a real (headless) browser against the real server: map, timeline, network, table, filters,
the event view with its evidence highlighted, honest place precision, and article markup shown as text."""

from __future__ import annotations

import json
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SCREENSHOT_COPY = Path("/tmp/hoopoe-dashboard.png")
OVERVIEW_COPY = Path("/tmp/hoopoe-dashboard-overview.png")


def api(base_url: str, path: str, **params) -> dict:
    query = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{base_url}{path}{'?' + query if query else ''}", timeout=20) as r:
        return json.loads(r.read())


def rows(page) -> list[dict]:
    return page.eval_on_selector_all("[data-testid=event-row]", """rows => rows.map(r => ({
        id: r.dataset.eventId, event: r.dataset.event, text: r.innerText}))""")


def map_events(page) -> list[dict]:
    return page.eval_on_selector_all("#map [data-testid=map-event]", """els => els.map(e => ({
        id: e.dataset.eventId, event: e.dataset.event, place: e.dataset.place, precision: e.dataset.precision,
        dash: e.getAttribute('stroke-dasharray'), tag: e.tagName}))""")


def kunduz_event_id(base_url: str) -> str:
    page = api(base_url, "/api/events", q="Kunduz", event="ASSAULT", limit=50)
    ids = [it["id"] for it in page["items"] if it["place"] and it["place"]["name"] == "Kunduz"]
    assert ids, f"no Kunduz ASSAULT in the test database: {page}"
    return ids[0]


def test_dashboard_map_timeline_network_filters_and_evidence(dashboard, tmp_path):
    page = dashboard.page
    dashboard.open()

    # the map shows the Kunduz bombing as an exact point, among the other located events
    drawn = map_events(page)
    kunduz = [m for m in drawn if m["place"] == "Kunduz"]
    assert kunduz and all(m["precision"] == "1" for m in kunduz), drawn
    assert page.locator("#map [data-testid=map-event][data-place=Kunduz]").first.is_visible()
    # the timeline has bars, the network has actors and links (Kunduz: ISKP against Shia Muslims = conflict)
    assert page.locator("[data-testid=timeline-bar]").count() >= 3
    assert int(page.get_attribute("#network", "data-nodes")) >= 2
    assert int(page.get_attribute("#network", "data-edges")) >= 1
    assert page.locator("#network canvas").count() >= 1
    assert page.locator("[data-testid=network-edge][data-tone=conflict]").count() >= 1
    all_rows = rows(page)
    assert len(all_rows) >= 10
    page.screenshot(path=str(tmp_path / "hoopoe-dashboard-overview.png"))
    shutil.copyfile(tmp_path / "hoopoe-dashboard-overview.png", OVERVIEW_COPY)
    print(f"dashboard screenshot: {tmp_path / 'hoopoe-dashboard-overview.png'} (copy: {OVERVIEW_COPY})")
    assert f"{api(dashboard.base_url, '/api/stats')['articles']} articles" in page.inner_text("#stats")

    # filter by type: PROTEST only (the Kabul protest), then ASSAULT only
    page.select_option("#f-event", ["PROTEST"])
    page.wait_for_function("() => location.hash.includes('event=PROTEST')")
    dashboard.wait_ready()
    protest_rows = rows(page)
    assert protest_rows and {r["event"] for r in protest_rows} == {"PROTEST"}
    assert {m["event"] for m in map_events(page)} == {"PROTEST"}
    page.select_option("#f-event", ["ASSAULT"])
    page.wait_for_function("() => location.hash.includes('event=ASSAULT')")
    dashboard.wait_ready()
    assault_rows = rows(page)
    assert {r["event"] for r in assault_rows} == {"ASSAULT"}
    assert len(assault_rows) < len(all_rows)
    assert any(m["place"] == "Kunduz" for m in map_events(page))

    # filter by date: October 2021 leaves the Kunduz articles only; the bombing is one row for its two reports
    page.fill("#f-since", "2021-10-01")
    page.fill("#f-until", "2021-10-31")
    page.wait_for_function("() => location.hash.includes('since=2021-10-01')"
                           " && location.hash.includes('until=2021-10-31')")
    dashboard.wait_ready()
    october = rows(page)
    assert october and all(r["text"].startswith("2021-10-") for r in october), october
    assert {m["place"] for m in map_events(page)} == {"Kunduz"}
    assert len(map_events(page)) == 1
    assert page.locator("[data-testid=timeline-bar]").count() >= 1
    assert page.locator("[data-testid=timeline-bar]").count() < 10
    kunduz_id = kunduz_event_id(dashboard.base_url)
    assert kunduz_id in {r["id"] for r in october}

    # open it: the record, every report of the happening, the article with the evidence sentence highlighted
    detail = api(dashboard.base_url, f"/api/events/{urllib.parse.quote(kunduz_id)}")
    evidence = detail["event"]["evidence"]
    sentence = detail["article"]["text"][evidence["start"]:evidence["end"]]
    assert "Kunduz" in sentence and len(detail["reports"]) >= 2
    page.click(f"[data-testid=event-row][data-event-id='{kunduz_id}'] [data-testid=open-event]")
    page.wait_for_selector("#event-view[data-state=ready]")
    dashboard.wait_ready()
    mark = page.locator("#event-view mark.evidence")
    assert mark.count() == 1
    assert mark.text_content() == sentence
    assert mark.is_visible()
    article = page.locator("#ev-article").text_content()
    assert article == detail["article"]["text"]  # the whole text, the evidence in its place
    assert page.locator("[data-testid=event-report]").count() == len(detail["reports"])
    assert "Kunduz" in page.inner_text("#ev-title")
    assert "exact place" in page.inner_text("[data-testid=event-precision]")
    assert "open=" in page.evaluate("location.hash")

    shot = tmp_path / "hoopoe-dashboard.png"
    page.screenshot(path=str(shot))
    shutil.copyfile(shot, SCREENSHOT_COPY)
    print(f"dashboard screenshot: {shot} (copy: {SCREENSHOT_COPY})")
    assert shot.stat().st_size > 10_000

    # Escape closes the view and the filters stay
    page.keyboard.press("Escape")
    page.wait_for_selector("#event-view", state="hidden")
    assert "open=" not in page.evaluate("location.hash")
    dashboard.assert_clean()


def test_event_view_from_a_bookmark_and_the_keyboard(dashboard):
    page = dashboard.page
    event_id = kunduz_event_id(dashboard.base_url)
    dashboard.open(f"#open={urllib.parse.quote(event_id)}")
    page.wait_for_selector("#event-view[data-state=ready]")
    assert page.get_attribute("#event-view", "data-event-id") == event_id
    assert "Kunduz" in page.inner_text("#event-view mark.evidence")
    page.click("#ev-close")
    page.wait_for_selector("#event-view", state="hidden")

    # the table is usable from the keyboard: focus a row's button, Enter opens the event
    page.locator("[data-testid=event-row] [data-testid=open-event]").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#event-view[data-state=ready]")
    assert page.locator("#event-view mark.evidence").count() == 1
    dashboard.assert_clean()


def test_timeline_brush_and_network_set_the_filters(dashboard):
    page = dashboard.page
    dashboard.open()
    # drag across the left half of the timeline: the date filter becomes that span
    box = page.locator("[data-testid=timeline-svg]").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 40, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=8)
    page.mouse.up()
    page.wait_for_function("() => location.hash.includes('since=') && location.hash.includes('until=')")
    dashboard.wait_ready()
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    assert since and until and since < until
    assert all(since <= r["text"][:10] <= until for r in rows(page))

    # an actor in the network's list of links filters the dashboard to that actor's events
    page.click("[data-testid=reset]")
    page.wait_for_function("() => !location.hash.includes('since=')")
    dashboard.wait_ready()
    page.click(".network-list summary")
    link = page.locator("[data-testid=network-edge] button", has_text="Islamic State Khorasan Province").first
    link.click()
    page.wait_for_function("() => location.hash.includes('actor=')")
    dashboard.wait_ready()
    actor_rows = rows(page)
    assert actor_rows and all("Islamic State Khorasan Province" in r["text"] for r in actor_rows), actor_rows
    assert page.input_value("#f-actor")

    # typing in the actor box suggests actors from /api/actors
    page.fill("#f-actor", "Taliba")
    page.wait_for_function("() => document.querySelectorAll('#actor-options option').length > 0")
    suggestions = page.eval_on_selector_all("#actor-options option", "os => os.map(o => o.value)")
    assert "Taliban" in suggestions, suggestions
    dashboard.assert_clean()


def test_place_precision_is_drawn_honestly(dashboard):
    """Precision 1 is a solid point; 2 a dashed approximate marker; 3 (region or country only) a dashed area."""
    page = dashboard.page
    dashboard.open("#dedup=false")
    drawn = map_events(page)
    by_precision = {p: [m for m in drawn if m["precision"] == p] for p in ("1", "2", "3")}
    assert all(by_precision.values()), f"the sample data should have every precision: {drawn}"
    assert all(not m["dash"] for m in by_precision["1"])
    assert all(m["dash"] for m in by_precision["2"] + by_precision["3"])
    # an event known only to its province (the Balochistan attack) is drawn as an area
    region = page.locator("#map [data-testid=map-event][data-precision='3']").first
    point = page.locator("#map [data-testid=map-event][data-precision='1']").first
    assert any("(region only)" in r["text"] for r in rows(page) if region.get_attribute("data-place") in r["text"])
    # an area is never drawn smaller than an exact point's smallest marker, at any zoom
    assert region.bounding_box()["width"] >= 30 <= region.bounding_box()["height"]
    assert float(region.get_attribute("fill-opacity")) < float(point.get_attribute("fill-opacity"))
    dashboard.assert_clean()


def test_article_markup_is_shown_as_text_never_run(dashboard):
    """An article whose title, source and text carry <img onerror> and <script> shows them as text."""
    page = dashboard.page
    dashboard.open("#q=checkpoint")
    hostile = rows(page)
    assert len(hostile) == 1, hostile
    assert '<img src=x onerror="window.__hoopoe_pwned=1">' in hostile[0]["text"]
    assert "<script>window.__hoopoe_pwned=2</script>" in hostile[0]["text"]
    page.click("[data-testid=event-row] [data-testid=open-event]")
    page.wait_for_selector("#event-view[data-state=ready]")
    dashboard.wait_ready()
    article = page.inner_text("#ev-article")
    assert '<img src=x onerror="window.__hoopoe_pwned=3">' in article
    assert "<script>window.__hoopoe_pwned=4</script>" in article
    assert "<img" in page.inner_text("#event-view mark.evidence")
    assert "<script>" in page.inner_text("#ev-article-meta") + page.inner_text("#ev-reports")
    # nothing was parsed as markup: no image or script element anywhere in the page's content, nothing ran
    assert page.locator("body img").count() == 0
    assert page.locator("#event-view script, main script").count() == 0
    assert page.evaluate("window.__hoopoe_pwned === undefined")
    dashboard.assert_clean()


def test_no_request_leaves_the_machine(dashboard):
    """Every script, style, map outline and API call comes from the server itself."""
    page = dashboard.page
    seen: list[str] = []
    page.on("request", lambda req: seen.append(req.url))
    dashboard.open()
    assert any("/static/vendor/world-atlas/" in u for u in seen)
    assert any("/api/events" in u for u in seen)
    assert all(urllib.parse.urlsplit(u).hostname == "127.0.0.1" for u in seen if not u.startswith("data:")), seen
    dashboard.assert_clean()
