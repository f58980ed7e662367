"""Stable ids, content hashes and lenient date parsing."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hoopoe.errors import BadDate
from hoopoe.ingest import Skip, article_id, content_hash, parse_date
from hoopoe.records import Article


def test_article_id_is_stable_and_ignores_wrapping():
    a = article_id("Troops  withdrew from the town.\n")
    assert a == article_id("Troops withdrew\nfrom the town.")
    assert a.startswith("sha1:") and len(a) == 21
    assert a != article_id("Troops withdrew from the city.")


def test_article_id_prefers_the_url():
    url = "HTTPS://News.Example.com/a/1#comments"
    assert article_id("first version", url) == article_id("corrected version", "https://news.example.com/a/1")
    assert article_id("text", url) != article_id("text")
    assert article_id("text", "   ") == article_id("text")


def test_content_hash_changes_with_what_extraction_reads():
    base = Article(text="Rebels took the town.", id="x", title="T", published=date(2022, 1, 1))
    h = content_hash(base)
    assert h == content_hash(Article(text="Rebels took the town.", id="x", title="T", published=date(2022, 1, 1)))
    for changed in (Article(text="Rebels took the city.", id="x", title="T", published=date(2022, 1, 1)),
                    Article(text="Rebels took the town.", id="x", title="U", published=date(2022, 1, 1)),
                    Article(text="Rebels took the town.", id="x", title="T", published=date(2022, 1, 2)),
                    Article(text="Rebels took the town.", id="x", title="T", published=None)):
        assert content_hash(changed) != h
    # the id and where the file lay are not content
    assert content_hash(Article(text="Rebels took the town.", id="y", title="T", published=date(2022, 1, 1),
                                origin="elsewhere.txt")) == h


@pytest.mark.parametrize("value,expected", [
    (None, None),
    ("", None),
    ("2021-10-08", date(2021, 10, 8)),
    (" 2021/10/8 ", date(2021, 10, 8)),
    ("2021-10-08T23:30:00+04:30", date(2021, 10, 8)),  # the local date, not UTC
    ("2021-10-08T19:00:00Z", date(2021, 10, 8)),
    ("2021-10-08 07:15", date(2021, 10, 8)),
    ("Fri, 08 Oct 2021 14:30:00 +0430", date(2021, 10, 8)),
    ("8 Oct 2021 14:30:00 GMT", date(2021, 10, 8)),
    (date(2021, 10, 8), date(2021, 10, 8)),
    (datetime(2021, 10, 8, 23, 59), date(2021, 10, 8)),
])
def test_parse_date_accepts(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2021-02-30", "2021-13-01", "08/10/2021", "last Friday", "2021-10-08T25:00", 20211008])
def test_parse_date_rejects_with_the_value_named(value):
    with pytest.raises(BadDate) as info:
        parse_date(value)
    assert repr(value) in str(info.value) and info.value.reason == "bad-date"


def test_skip_from_error_keeps_reason():
    s = Skip.from_error("a.txt", BadDate("bad date 'x'"))
    assert (s.reason, s.message) == ("bad-date", "bad date 'x'")
    assert str(s) == "a.txt: bad-date: bad date 'x'"
