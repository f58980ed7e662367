"""The match score on hand-computed examples: each contribution, the vetoes, and the logistic."""

from __future__ import annotations

import math

import pytest
from dedup_builders import MOG_1, MOG_2, MOG_3, MOG_NEXT_WEEK, count, profile, report

from hoopoe.dedup import scoring as S
from hoopoe.dedup.features import Figure, Interval, cosine, norm, stem, tokens
from hoopoe.dedup.scoring import figures_agree, score


def logistic(evidence: float) -> float:
    return 1.0 / (1.0 + math.exp(-(evidence - S.BIAS)))


def no_text(kw: dict) -> dict:
    return {k: v for k, v in kw.items() if k != "text"}


def test_same_day_same_town_compatible_figures():
    a = profile(report("a1", "2023-03-03", **no_text(MOG_1)))
    b = profile(report("a2", "2023-03-04", **no_text(MOG_2)))
    m = score(a, b)
    # type +0.5, same day +2.0, same place +2.0, "at least 12" and 15 agree +0.6, both explosive +0.5
    assert m.evidence == pytest.approx(0.5 + 2.0 + 2.0 + 0.6 + 0.5)
    assert m.score == pytest.approx(logistic(5.6), abs=1e-4)
    assert m.merge and m.veto is None
    assert "same day 2023-03-03 (+2.0)" in m.reasons
    assert "same place Mogadishu (+2.0)" in m.reasons
    assert "killed compatible 12+ ~ 15 (+0.6)" in m.reasons


def test_last_week_against_friday_overlaps_weakly():
    a = profile(report("a1", "2023-03-03", **no_text(MOG_1)))
    c = profile(report("a3", "2023-03-09", **no_text(MOG_3)))
    m = score(a, c)
    # type +0.5, overlapping dates within a week +1.0, same place +2.0, 12+ ~ 14 +0.6, explosive +0.5
    assert m.evidence == pytest.approx(4.6)
    assert "dates overlap (7 days) (+1.0)" in m.reasons
    assert score(c, a).evidence == pytest.approx(m.evidence)  # symmetric


@pytest.mark.parametrize("day_a, day_b, expected", [
    ("2023-03-03", "2023-03-04", S.ADJACENT_DAY),  # either side of midnight
    ("2023-03-03", "2023-03-05", None),  # two exact days apart: another event
    ("2023-03-03", "2023-03-10", None),  # the bombing a week later
])
def test_exact_days(day_a, day_b, expected):
    a = profile(report("a1", type="PROTEST", day=day_a))
    b = profile(report("a2", type="PROTEST", day=day_b))
    m = score(a, b)
    if expected is None:
        assert m.veto and "days apart" in m.veto and m.score == 0 and not m.merge
    else:
        assert m.evidence == pytest.approx(S.TYPE_SAME + expected)


def test_coarse_dates_two_days_apart_count_against_three_veto():
    week = profile(report("a1", type="PROTEST", days=("2023-02-27", "2023-03-05")))
    assert score(week, profile(report("a2", type="PROTEST", day="2023-03-07"))).evidence == pytest.approx(
        S.TYPE_SAME + S.TWO_DAYS)
    assert score(week, profile(report("a3", type="PROTEST", day="2023-03-08"))).veto


def test_undated_events_are_dated_by_publication_weakly():
    a = profile(report("a1", "2023-03-04", type="PROTEST"))  # no date: 03-02..03-04 inferred
    b = profile(report("a2", "2023-03-04", type="PROTEST", day="2023-03-03"))
    assert a.date == Interval(a.date.lo, a.date.hi, inferred=True) and a.date.width == 3
    assert score(a, b).evidence == pytest.approx(S.TYPE_SAME + S.OVERLAP_INFERRED)


def test_vetoes():
    mog = profile(report("a1", **no_text(MOG_1)))
    kabul = profile(report("a2", **{**no_text(MOG_1), "where": "Kabul"}))
    assert score(mog, kabul).veto == "countries SOM and AFG"
    protest = profile(report("a3", type="PROTEST", day="2023-03-03", where="Mogadishu"))
    assert score(mog, protest).veto == "types ASSAULT and PROTEST"
    same_article = profile(report("a1", seq=1, **no_text(MOG_2)))
    assert "same article" in score(mog, same_article).veto
    assert score(mog, profile(report("a4", **no_text(MOG_2))), blocked=True).veto == "kept apart by an undone merge"
    assert score(mog, profile(report("a5", **no_text(MOG_NEXT_WEEK)))).veto.startswith("dates 7 days apart")


def test_compatible_types_cost_but_do_not_veto():
    a = profile(report("a1", type="ASSAULT", day="2023-03-03"))
    b = profile(report("a2", type="COERCE", day="2023-03-03"))
    assert score(a, b).evidence == pytest.approx(S.TYPE_COMPATIBLE + S.SAME_DAY)


@pytest.mark.parametrize("x, y, expected", [
    ("Sarmin", "Saraqib", S.NEAR_25KM),  # about 8 km apart
    ("Kukawa", "Gwoza", S.FAR),  # about 200 km apart in one state
    ("Idlib province", "Sarmin", S.SAME_ADMIN1),  # a province and a town in it
    ("Sarmin", "Sarmin", S.SAME_PLACE),
])
def test_place_tiers(x, y, expected):
    a = profile(report("a1", day="2023-10-05", where=x))
    b = profile(report("a2", day="2023-10-05", where=y))
    assert score(a, b).evidence == pytest.approx(S.TYPE_SAME + S.SAME_DAY + expected)


@pytest.mark.parametrize("a, b, agree", [
    (Figure(12, 12), Figure(15, 15), True),  # 15 <= 12 * 1.3 + 2
    (Figure(5, 5), Figure(9, 9), False),  # 9 > 5 * 1.3 + 2
    (Figure(46, None), Figure(100, 100), True),  # "at least 46" and 100
    (Figure(None, 59), Figure(32, None), True),  # "nearly 60" and "at least 32"
    (Figure(3, 3), Figure(40, 40), False),
    (Figure(10, 20), Figure(25, 25), True),  # a range reaches it
])
def test_figures_agree(a, b, agree):
    assert figures_agree(a, b) is agree
    assert figures_agree(b, a) is agree


def test_far_apart_figures_and_rising_tolls():
    early = profile(report("a1", "2023-06-18", day="2023-06-18", killed=count(7)))
    late = profile(report("a2", "2023-06-19", day="2023-06-18", killed=count(47, None)))
    # 47 >= 3 * 7 and 40 apart: far apart, but the later report has the larger figure: halved
    assert score(early, late).evidence == pytest.approx(S.TYPE_SAME + S.SAME_DAY + S.FIGURE_FAR_APART / 2)
    late_low = profile(report("a3", "2023-06-20", day="2023-06-18", killed=count(7)))
    early_high = profile(report("a4", "2023-06-18", day="2023-06-18", killed=count(47, None)))
    assert score(late_low, early_high).evidence == pytest.approx(S.TYPE_SAME + S.SAME_DAY + S.FIGURE_FAR_APART)


def test_modes_conflict_air_against_ground():
    air = profile(report("a1", day="2023-10-05", mode=("aerial",)))
    clash = profile(report("a2", day="2023-10-05", trigger="clashed"))  # no mode: the trigger says ground
    assert clash.modes.keys() == {"ground"}
    assert score(air, clash).evidence == pytest.approx(S.TYPE_SAME + S.SAME_DAY + S.MODE_CONFLICT)
    warplanes = profile(report("a3", day="2023-10-05", trigger="struck",
                               text="Warplanes struck a market on Thursday."))
    assert "air" in warplanes.modes


def test_parties_shared_and_conflicting():
    a = profile(report("a1", day="2023-10-05", actor=("HTS",), recipient=("Syrian army",)))
    b = profile(report("a2", day="2023-10-05", actor=("Syrian army",), recipient=("HTS",)))  # roles swapped
    assert score(a, b).evidence == pytest.approx(S.TYPE_SAME + S.SAME_DAY + S.SHARED_PARTIES)
    c = profile(report("a3", day="2023-10-05", actor=("Russia",)))
    assert score(a, c).evidence == pytest.approx(S.TYPE_SAME + S.SAME_DAY + S.PARTY_CONFLICT)
    civ = profile(report("a4", day="2023-10-05", recipient=("civilians",)))
    sol = profile(report("a5", day="2023-10-05", recipient=("soldiers",)))
    assert score(civ, sol).evidence == pytest.approx(S.TYPE_SAME + S.SAME_DAY + S.GENERIC_CONFLICT)


def test_statements_need_the_same_speaker_and_target():
    israel = profile(report("a1", type="ACCUSE", day="2023-08-14", actor=("Iran",), recipient=("Israel",)))
    israel2 = profile(report("a2", type="ACCUSE", day="2023-08-14", actor=("Iran",), recipient=("Israel",)))
    usa = profile(report("a3", type="ACCUSE", day="2023-08-14", actor=("Iran",), recipient=("United States",)))
    base = S.TYPE_SAME + S.SAME_DAY + S.VERBAL_ROLE_SHARED
    assert score(israel, israel2).evidence == pytest.approx(base + S.VERBAL_ROLE_SHARED)
    m = score(israel, usa)
    assert m.evidence == pytest.approx(base + S.VERBAL_ROLE_CONFLICT) and not m.merge


def test_wording():
    assert stem("bombings") == stem("bombing") == stem("bombed") == "bomb"
    assert tokens("The car bomb killed 12 people in Mogadishu on Friday") == {"car": 1, "bomb": 1, "mogadishu": 1}
    a = profile(report("a1", day="2023-03-03", text="A car bomb hit the market."))
    b = profile(report("a2", day="2023-03-03", text="The market was hit by a car bomb."))
    c = cosine(a.words, a.words_norm, b.words, b.words_norm)
    assert c == pytest.approx(1.0)  # {car, bomb, hit, market} both
    w = min(S.WORDS_MAX, S.WORDS_WEIGHT * (c - S.WORDS_BASE))
    assert score(a, b).evidence == pytest.approx(S.TYPE_SAME + S.SAME_DAY + w)
    assert norm(tokens("")) == 0.0


def test_names_are_not_counted_as_wording():
    r = report("a1", day="2023-03-03", where="Mogadishu", actor=("al-Shabaab",),
               text="Al-Shabaab fighters stormed a hotel in Mogadishu.")
    assert set(r.words) == {"fighter", "storm", "hotel"}
