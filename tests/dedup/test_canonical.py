"""The canonical event: casualty estimates, date, place, actors, first report, every report kept."""

from __future__ import annotations

import pytest
from dedup_builders import MOG_1, MOG_2, MOG_3, count, report

from hoopoe.dedup.canonical import estimate, summarize
from hoopoe.dedup.features import Profile
from hoopoe.records import Count


@pytest.mark.parametrize("counts, best, lo, hi, raised", [
    # "at least 46" and "100": the lower median is 46, no lower bound above it
    ([count(46, None), count(100)], 46, 46, 100, False),
    # "at least 12", 15, 14: lower median 14
    ([count(12, None), count(15), count(14)], 14, 12, 15, False),
    # 12 early, "at least 46" later: the lower median 12 is below a reported minimum: raised to 46
    ([count(12), count(46, None)], 46, 12, 46, True),
    # only lower bounds: no upper end
    ([count(30, None), count(51, None), count(24, None)], 51, 24, None, True),
    # a range counts as its middle; "nearly 60" as 59
    ([count(10, 20), count(None, 59), count(18)], 18, 10, 59, False),
    ([count(7)], 7, 7, 7, False),
])
def test_estimate(counts, best, lo, hi, raised):
    e = estimate(counts + [None])
    assert (e.best, e.min, e.max) == (best, lo, hi)
    assert e.reports == len(counts)
    assert ("raised to the reported minimum" in e.basis) is raised
    assert e.basis.startswith("lower median of")


def test_no_figures_no_estimate():
    assert estimate([None, Count()]) is None


def test_summary_of_three_reports():
    reports = [report("m3", "2023-03-09", **MOG_3), report("m2", "2023-03-04", **MOG_2),
               report("m1", "2023-03-03", **{**MOG_1, "wounded": count(20)})]
    reports[1].meta.source = "Global Newsline"
    reports[2].meta.source = "Horn Wire"
    canon = summarize("c1", Profile.of(reports), joined_by={("m2", 0): "mA", ("m3", 0): "mB"})
    assert canon.id == "c1" and canon.event == "ASSAULT" and canon.n_reports == 3 and canon.n_articles == 3
    # the day two reports give, not the week of the third; the span covers the week
    assert (canon.date.start, canon.date.precision) == ("2023-03-03", "day")
    assert (canon.date_span.start, canon.date_span.end) == ("2023-02-27", "2023-03-05")
    assert canon.event_loc.name == "Mogadishu" and canon.event_loc.mentions == []
    assert [e.identifier_text for e in canon.actor] == ["al-Shabaab"]
    assert [e.identifier_text for e in canon.recipient] == ["Civilians"]
    assert (canon.killed.best, canon.killed.min, canon.killed.max) == (14, 12, 15)
    assert (canon.wounded.best, canon.wounded.reports) == (20, 1)
    assert canon.first_reported == "2023-03-03" and canon.first_article == "m1"
    assert canon.sources[:2] == ["Horn Wire", "Global Newsline"]
    assert [r.article_id for r in canon.reports] == ["m1", "m2", "m3"]  # earliest first
    assert [r.joined_by for r in canon.reports] == [None, "mA", "mB"]
    assert canon.reports[1].evidence.text.startswith("Al-Shabaab claimed")
    assert canon.mode == ["explosives"]


def test_the_most_precise_place_wins():
    province = report("p", "2023-10-05", day="2023-10-05", where="Idlib province")
    town = report("t", "2023-10-06", day="2023-10-05", where="Sarmin")
    canon = summarize("c", Profile.of([province, town]))
    assert canon.event_loc.name == "Sarmin"
    assert [p.name for p in canon.places] == ["Sarmin", "Idlib province"]
