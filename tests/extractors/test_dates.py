"""Date normalisation: table-driven cases from news phrasing, false positives, the seed article."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hoopoe.errors import BadDate
from hoopoe.extractors.dates import DateMention, find_dates, normalize_date, parse_published
from hoopoe.records import DateInfo

MON = date(2021, 10, 11)  # a Monday
SAT = date(2021, 10, 16)

# (expression, published, tense, start, end, precision)
CASES = [
    ("On Friday", MON, "past", "2021-10-08", "2021-10-08", "day"),
    ("on Saturday", MON, "past", "2021-10-09", "2021-10-09", "day"),
    ("on Monday", MON, "past", "2021-10-11", "2021-10-11", "day"),
    ("on Friday", MON, "future", "2021-10-15", "2021-10-15", "day"),
    ("on Monday", MON, "future", "2021-10-18", "2021-10-18", "day"),
    ("Tuesday night", MON, "past", "2021-10-05", "2021-10-05", "day"),
    ("Sunday morning", MON, "past", "2021-10-10", "2021-10-10", "day"),
    ("last Friday", MON, "future", "2021-10-08", "2021-10-08", "day"),
    ("last Monday", MON, "past", "2021-10-04", "2021-10-04", "day"),
    ("next Friday", MON, "past", "2021-10-15", "2021-10-15", "day"),
    ("this coming Wednesday", MON, "past", "2021-10-13", "2021-10-13", "day"),
    ("today", MON, "past", "2021-10-11", "2021-10-11", "day"),
    ("tonight", MON, "past", "2021-10-11", "2021-10-11", "day"),
    ("this morning", MON, "past", "2021-10-11", "2021-10-11", "day"),
    ("yesterday", MON, "past", "2021-10-10", "2021-10-10", "day"),
    ("yesterday afternoon", MON, "past", "2021-10-10", "2021-10-10", "day"),
    ("last night", MON, "past", "2021-10-10", "2021-10-10", "day"),
    ("the day before yesterday", MON, "past", "2021-10-09", "2021-10-09", "day"),
    ("tomorrow", MON, "past", "2021-10-12", "2021-10-12", "day"),
    ("two days ago", MON, "past", "2021-10-09", "2021-10-09", "day"),
    ("a week ago", MON, "past", "2021-10-01", "2021-10-06", "week"),
    ("two weeks ago", MON, "past", "2021-09-24", "2021-09-29", "week"),
    ("three months ago", MON, "past", "2021-07-01", "2021-07-31", "month"),
    ("a year ago", MON, "past", "2020-01-01", "2020-12-31", "year"),
    ("last week", MON, "past", "2021-10-04", "2021-10-10", "week"),
    ("this week", MON, "past", "2021-10-11", "2021-10-17", "week"),
    ("next week", MON, "future", "2021-10-18", "2021-10-24", "week"),
    ("last month", MON, "past", "2021-09-01", "2021-09-30", "month"),
    ("next month", MON, "future", "2021-11-01", "2021-11-30", "month"),
    ("last month", date(2021, 1, 15), "past", "2020-12-01", "2020-12-31", "month"),
    ("last year", MON, "past", "2020-01-01", "2020-12-31", "year"),
    ("this year", MON, "past", "2021-01-01", "2021-12-31", "year"),
    ("next year", MON, "past", "2022-01-01", "2022-12-31", "year"),
    ("earlier this year", MON, "past", "2021-01-01", "2021-10-11", "range"),
    ("earlier this month", MON, "past", "2021-10-01", "2021-10-11", "range"),
    ("later this year", MON, "past", "2021-10-11", "2021-12-31", "range"),
    ("over the weekend", MON, "past", "2021-10-09", "2021-10-10", "range"),
    ("over the weekend", SAT, "past", "2021-10-16", "2021-10-17", "range"),
    ("next weekend", MON, "past", "2021-10-16", "2021-10-17", "range"),
    ("in the past week", MON, "past", "2021-10-04", "2021-10-11", "range"),
    ("over the last 24 hours", MON, "past", "2021-10-10", "2021-10-11", "range"),
    ("in late August", MON, "past", "2021-08-21", "2021-08-31", "month"),
    ("in early August", MON, "past", "2021-08-01", "2021-08-10", "month"),
    ("mid-September", MON, "past", "2021-09-11", "2021-09-20", "month"),
    ("in August", MON, "past", "2021-08-01", "2021-08-31", "month"),
    ("in October", MON, "past", "2021-10-01", "2021-10-31", "month"),
    ("in December", MON, "past", "2020-12-01", "2020-12-31", "month"),
    ("in December", MON, "future", "2021-12-01", "2021-12-31", "month"),
    ("last March", MON, "past", "2021-03-01", "2021-03-31", "month"),
    ("in May", MON, "past", "2021-05-01", "2021-05-31", "month"),
    ("February of 2020", MON, "past", "2020-02-01", "2020-02-29", "month"),
    ("in February 2020", None, "past", "2020-02-01", "2020-02-29", "month"),
    ("Sept. 2019", None, "past", "2019-09-01", "2019-09-30", "month"),
    ("Feb. 24", MON, "past", "2021-02-24", "2021-02-24", "day"),
    ("24 February", MON, "past", "2021-02-24", "2021-02-24", "day"),
    ("Dec. 24", MON, "past", "2020-12-24", "2020-12-24", "day"),
    ("Dec. 24", MON, "future", "2021-12-24", "2021-12-24", "day"),
    ("Oct. 14", MON, "past", "2021-10-14", "2021-10-14", "day"),
    ("on Oct. 3", MON, "past", "2021-10-03", "2021-10-03", "day"),
    ("the 3rd of October", MON, "past", "2021-10-03", "2021-10-03", "day"),
    ("October 8, 2021", None, "past", "2021-10-08", "2021-10-08", "day"),
    ("October 8th, 2021", None, "past", "2021-10-08", "2021-10-08", "day"),
    ("Friday, Oct. 8, 2021", None, "past", "2021-10-08", "2021-10-08", "day"),
    ("8 Oct 2021", None, "past", "2021-10-08", "2021-10-08", "day"),
    ("8 October, 2021", None, "past", "2021-10-08", "2021-10-08", "day"),
    ("2021-10-08", None, "past", "2021-10-08", "2021-10-08", "day"),
    ("10/8/2021", None, "past", "2021-10-08", "2021-10-08", "day"),
    ("24/2/2021", None, "past", "2021-02-24", "2021-02-24", "day"),
    ("10/8/21", None, "past", "2021-10-08", "2021-10-08", "day"),
    ("Feb. 29, 2020", None, "past", "2020-02-29", "2020-02-29", "day"),
    ("in 2019", None, "past", "2019-01-01", "2019-12-31", "year"),
    ("by 2025", None, "past", "2025-01-01", "2025-12-31", "year"),
    ("since 2014", MON, "past", "2014-01-01", "2021-10-11", "range"),
    ("since March", MON, "past", "2021-03-01", "2021-10-11", "range"),
    ("since Friday", MON, "past", "2021-10-08", "2021-10-11", "range"),
    ("since October 2019", MON, "past", "2019-10-01", "2021-10-11", "range"),
    ("between 2015 and 2018", None, "past", "2015-01-01", "2018-12-31", "range"),
    ("from 2001 to 2021", None, "past", "2001-01-01", "2021-12-31", "range"),
    ("from March to May", MON, "past", "2021-03-01", "2021-05-31", "range"),
    ("from March to May 2020", MON, "past", "2020-03-01", "2020-05-31", "range"),
    ("from November to February", MON, "past", "2020-11-01", "2021-02-28", "range"),
    ("between Jan. 3 and Feb. 5, 2020", None, "past", "2020-01-03", "2020-02-05", "range"),
    ("2015-2018", None, "past", "2015-01-01", "2018-12-31", "range"),
    ("2015–18", None, "past", "2015-01-01", "2018-12-31", "range"),
    ("the 1990s", None, "past", "1990-01-01", "1999-12-31", "range"),
    ("the late 1980s", None, "past", "1986-01-01", "1989-12-31", "range"),
    ("the '90s", MON, "past", "1990-01-01", "1999-12-31", "range"),
    ("early 2020", None, "past", "2020-01-01", "2020-04-30", "range"),
    ("mid-2020", None, "past", "2020-05-01", "2020-08-31", "range"),
    ("late 2020", None, "past", "2020-09-01", "2020-12-31", "range"),
    ("in late August 2021", None, "past", "2021-08-21", "2021-08-31", "month"),
    ("the end of March 2019", None, "past", "2019-03-21", "2019-03-31", "month"),
]


@pytest.mark.parametrize("expr,pub,tense,start,end,precision", CASES)
def test_normalize_date(expr, pub, tense, start, end, precision):
    info = normalize_date(expr, pub, tense=tense)
    assert (info.start, info.end, info.precision) == (start, end, precision)
    assert info.text == expr


@pytest.mark.parametrize("expr", [
    "on Friday", "yesterday", "a week ago", "last month", "in late August", "Feb. 24", "since Friday",
    "next week", "over the weekend",
])
def test_relative_without_publication_date_is_unknown_but_keeps_text(expr):
    assert normalize_date(expr, None) == DateInfo(None, None, "unknown", expr)


def test_since_without_publication_date_is_open_ended():
    assert normalize_date("since 2014", None) == DateInfo("2014-01-01", None, "range", "since 2014")


@pytest.mark.parametrize("expr", [
    "February 30", "Feb. 30, 2021", "year 20211", "in 20211", "31/31/2021", "2021-13-01", "April 31, 2020",
    "Feb. 29, 2021", "blah", "",
])
def test_impossible_dates_are_unknown_not_errors(expr):
    info = normalize_date(expr, MON)
    assert info.precision == "unknown" and info.start is None and info.end is None
    assert info.text == expr


# Sentences that hold no date at all
NO_DATES = [
    "Theresa May said the talks would go on.",
    "May the best team win.",
    "Protesters will march on the capital.",
    "Thousands joined the March for Our Lives rally.",
    "The Sunday Times reported the claim.",
    "Police said 2014 people were detained.",
    "A total of 2019 ballots were spoiled.",
    "He served 20 years in prison.",
    "The bomb weighed 2000 kg.",
    "Unemployment rose to 12.5% in the region.",
    "The convoy of 1500 vehicles moved north.",
    "Jan Egeland of the Norwegian Refugee Council spoke.",
    "The Sun published photographs.",
    "Good Friday services were held.",
    "He carried a 9mm pistol and 300 rounds.",
]


@pytest.mark.parametrize("sentence", NO_DATES)
def test_no_false_positives(sentence):
    assert find_dates(sentence, MON) == []


# (sentence, the text of every date found, in order)
IN_CONTEXT = [
    ("Gunmen attacked worshippers during Friday prayers in Kano.", ["during Friday"]),
    ("In May, militants overran the base.", ["In May"]),
    ("The ceasefire, agreed in March, collapsed on Sunday.", ["in March", "on Sunday"]),
    ("The talks, which began on Oct. 3, resumed yesterday.", ["on Oct. 3", "yesterday"]),
    ("Since 2014, the fighting has steadily increased.", ["Since 2014"]),
    ("A week ago, ISIS-K also bombed a mosque in Kabul.", ["A week ago"]),
    ("The 2019 election was disputed; by 2020 it was over.", ["2020"]),  # "by" is a cue, not part of the span
    ("He was arrested on 24 February and released two days ago.", ["on 24 February", "two days ago"]),
    ("The group, active since the 1990s, claimed Tuesday's attack.", ["since the 1990s", "Tuesday"]),
    ("On Friday, Oct. 8, 2021, a bomb exploded.", ["On Friday, Oct. 8, 2021"]),
    ("Officials said late Tuesday night that 14 people were hurt.", ["Tuesday night"]),
    ("Between 2015 and 2018 more than 300 soldiers died.", ["Between 2015 and 2018"]),
]


@pytest.mark.parametrize("sentence,texts", IN_CONTEXT)
def test_find_dates_in_context(sentence, texts):
    found = find_dates(sentence, MON)
    assert [m.text for m in found] == texts
    for m in found:
        assert sentence[m.start:m.end] == m.text == m.info.text
        assert isinstance(m, DateMention)


def test_friday_prayers_is_the_last_friday():
    (m,) = find_dates("A suicide bomber struck during Friday prayers.", MON)
    assert (m.info.start, m.info.precision) == ("2021-10-08", "day")


def test_offsets_are_into_the_given_text_and_sorted():
    text = "Prefix. " * 3 + "On Friday, rebels attacked; on Saturday they withdrew. In 2019 they had too."
    found = find_dates(text, MON)
    assert [text[m.start:m.end] for m in found] == ["On Friday", "on Saturday", "In 2019"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("sentence,start", [
    ("The Taliban will meet US envoys on Friday.", "2021-10-15"),
    ("Talks are due to resume on Wednesday in Doha.", "2021-10-13"),
    ("The Taliban met US envoys on Friday.", "2021-10-08"),
])
def test_auto_tense_uses_the_verb(sentence, start):
    (m,) = find_dates(sentence, MON, tense="auto")
    assert m.info.start == start


def test_bad_tense_is_rejected():
    with pytest.raises(ValueError, match="tense"):
        find_dates("on Friday", MON, tense="present")


@pytest.mark.parametrize("value,expected", [
    ("2021-10-11", date(2021, 10, 11)),
    (" 2021-10-11 ", date(2021, 10, 11)),
    ("2021-10-11T08:00:00Z", date(2021, 10, 11)),
    ("2021-10-11T08:00:00+04:30", date(2021, 10, 11)),
    ("Mon, 11 Oct 2021 08:00:00 GMT", date(2021, 10, 11)),
    ("Mon, 11 Oct 2021 08:00:00 +0000", date(2021, 10, 11)),
    ("11 October 2021", date(2021, 10, 11)),
    ("October 11, 2021", date(2021, 10, 11)),
    ("2021/10/11", date(2021, 10, 11)),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["", "yesterday", "2021-02-30", "11/10/2021x", "1700-01-01", "2500-01-01", "20211-01-01"])
def test_parse_published_rejects_with_a_helpful_message(value):
    with pytest.raises(BadDate) as err:
        parse_published(value)
    assert repr(value) in str(err.value) and "YYYY-MM-DD" in str(err.value)
    assert err.value.reason == "bad-date"


@pytest.mark.shared
def test_seed_article_dates_match_gold(shared_dir):
    """Dev floor: the seed article's dated gold events are all found, within the gold ranges."""
    gold = json.loads((shared_dir / "gold" / "kunduz-2021-10.json").read_text())
    text = (shared_dir / "corpus" / "kunduz-2021-10.txt").read_text()
    pub = parse_published(gold["article"]["published"])
    found = [m.info for m in find_dates(text, pub)]
    wanted = [e["date"] for e in gold["required_events"] + gold["optional_events"] if e.get("date")]
    hits = sum(
        any(f.start and w["start"] <= f.start <= f.end <= w["end"] for f in found) for w in wanted
    )
    assert hits == len(wanted) == 6
