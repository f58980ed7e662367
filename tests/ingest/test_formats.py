"""HTML pages, RSS 2.0 and Atom feeds, JSONL files: what each yields, field by field."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hoopoe.ingest import Skip, read_articles
from hoopoe.ingest.html import fragment_text
from hoopoe.records import Article


def items(path, **kw):
    return list(read_articles([path], **kw))


def test_html_page(fixtures_dir):
    (art,) = items(fixtures_dir / "ingest" / "page.html", published="2000-01-01")
    assert art.title == "Ceasefire collapses in northern province"
    assert art.source == "Horizon Daily"
    assert art.url == "https://horizon-daily.example.com/world/ceasefire-collapses"
    assert art.published == date(2022, 6, 3)  # from the page metadata, not the argument
    assert art.text.startswith("A ceasefire agreed last month")  # the repeated headline is not text
    assert "United Nations envoys called on both sides" in art.text
    for furniture in ("Most read", "cup final", "All rights reserved", "Sport"):
        assert furniture not in art.text
    assert "\n\n" in art.text  # paragraphs stay paragraphs


def test_rss2_feed(fixtures_dir):
    got = items(fixtures_dir / "ingest" / "rss2.xml", published=date(2023, 3, 20))
    arts = [a for a in got if isinstance(a, Article)]
    skips = [s for s in got if isinstance(s, Skip)]
    assert [a.title for a in arts] == ["Gunmen attack market near Menaka",
                                       "Protesters demand release of detained mayor", "Ministers meet in Niamey"]
    first, second, third = arts
    assert first.id == "sahel-monitor-2023-0314-01" and first.source == "Sahel Monitor"
    assert first.url == "https://sahel-monitor.example.org/2023/03/14/menaka-market"
    assert first.published == date(2023, 3, 14) and first.language == "en"
    # the full content wins over the shorter description; scripts are dropped
    assert first.text == ("Gunmen on motorbikes attacked a weekly market near Menaka on Monday, killing at least 12 "
                          "civilians, local officials said.\n\nA spokesman for the regional governor said the "
                          "attackers set fire to stalls before fleeing towards the border with Niger.")
    assert second.published == date(2023, 3, 15)  # the date as written (+0100), not shifted to UTC
    assert "crowd & arrested" in second.text and "<p>" not in second.text
    assert second.id.startswith("sha1:")  # no guid: derived from the link
    assert third.published == date(2023, 3, 20)  # no pubDate: the argument
    assert [(s.origin.rsplit("#", 1)[1], s.reason) for s in skips] == [("4", "bad-record")]


def test_atom_feed(fixtures_dir):
    got = items(fixtures_dir / "ingest" / "atom.xml")
    arts = [a for a in got if isinstance(a, Article)]
    assert [a.id for a in arts] == ["urn:example:caucasus-wire:2023-09-19-shelling",
                                    "urn:example:caucasus-wire:2023-09-20-talks"]
    assert all(a.source == "Caucasus Wire" for a in arts)
    assert arts[0].published == date(2023, 9, 19)  # 23:40 at +04:00 is still the 19th there
    assert arts[0].url == "https://caucasus-wire.example.net/shelling-line-of-contact"
    assert arts[0].text.endswith("Two soldiers were wounded, according to the ministry.")
    assert arts[1].published == date(2023, 9, 20)  # no published: the updated date
    assert arts[1].text.startswith("Envoys of the two governments agreed in Brussels")
    (skip,) = [s for s in got if isinstance(s, Skip)]
    assert skip.reason == "bad-date" and skip.origin.endswith("atom.xml#3") and "sometime last week" in skip.message


def test_bozo_feed_with_entries_still_yields_them(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Broken & Co</title>"
                    "<item><title>Clashes in the north</title><description>Clashes broke out between rival "
                    "militias in the north on Sunday, residents said.</description></item>"
                    "</channel>", encoding="utf-8")  # bare '&' and an unclosed <rss>
    (art,) = items(path)
    assert art.title == "Clashes in the north" and art.text.startswith("Clashes broke out")


def arts_by_title(arts, title):
    return next(a for a in arts.values() if a.title == title)


def test_jsonl_good_lines_and_one_skip_per_bad_line(fixtures_dir):
    path = fixtures_dir / "ingest" / "articles.jsonl"
    got = items(path)
    arts = {a.id: a for a in got if isinstance(a, Article)}
    skips = [(s.origin.rsplit(":", 1)[1], s.reason) for s in got if isinstance(s, Skip)]
    assert skips == [("3", "bad-record"), ("5", "bad-record"), ("7", "bad-date")]
    assert sorted(arts) == sorted(["wire-001", "wire-004", "wire-007", arts_by_title(arts, "Talks postponed").id])
    w1 = arts["wire-001"]
    assert (w1.title, w1.url, w1.source, w1.published) == (
        "Drone strike hits fuel depot", "https://wire.example.org/a/001", "Example Wire", date(2024, 2, 11))
    talks = arts_by_title(arts, "Talks postponed")
    assert talks.id.startswith("sha1:")  # no id in the record
    assert talks.published == date(2024, 2, 12) and talks.origin.endswith(":2")
    assert arts["wire-004"].text.startswith("Thousands of opposition supporters rallied")  # from 'html'


def test_jsonl_line_level_problems(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "Rebels seized the town of Ndele on Friday, aid workers said."}).encode()
    path.write_bytes(b"\n".join([
        good, b'["a list"]', b'{"text": "caf\xe9 bomb"}', b'{"text": 42}', b'{"text": "   "}',
        json.dumps({"text": "x" * 500}).encode(), good.replace(b"Ndele", b"Birao")]))
    got = items(path, max_chars=400)
    assert [getattr(i, "reason", "ok") for i in got] == [
        "ok", "bad-record", "encoding", "bad-record", "bad-record", "too-large", "ok"]
    assert [s.origin.rsplit(":", 1)[1] for s in got if isinstance(s, Skip)] == ["2", "3", "4", "5", "6"]


def test_json_array_file(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": 1, "text": "Protesters blocked the highway on Monday."},
                                {"id": 2, "title": "empty"}]), encoding="utf-8")
    got = items(path)
    assert isinstance(got[0], Article) and got[0].id == "1"
    assert isinstance(got[1], Skip) and got[1].reason == "bad-record" and got[1].origin.endswith("#2")


@pytest.mark.parametrize("html,text", [
    ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."),
    ("Line one<br>line   two", "Line one\nline two"),
    ("<div><script>var x = 1;</script>Kept</div><style>p {}</style>", "Kept"),
    ("Plain text, no markup.", "Plain text, no markup."),
    ("<ul><li>First</li><li>Second</li></ul>", "First\n\nSecond"),
    ("", ""),
])
def test_fragment_text(html, text):
    assert fragment_text(html) == text
