"""The in-memory clusterer: one happening's reports join, look-alikes stay apart, blocking, constraints."""

from __future__ import annotations

from dedup_builders import MOG_1, MOG_2, MOG_3, MOG_NEXT_WEEK, count, report

from hoopoe.dedup.cluster import Clusterer, Constraints
from hoopoe.dedup.features import Profile


def ids():
    n = iter(range(1000))
    return lambda prefix: f"{prefix}{next(n)}"


def groups(cl: Clusterer) -> set[frozenset[str]]:
    return {frozenset(r.article_id for r in c.profile.members) for c in cl.clusters.values()}


def test_reports_of_one_bombing_join_and_the_next_weeks_stays_apart():
    cl = Clusterer(id_factory=ids())
    cl.add_all([report("m1", "2023-03-03", **MOG_1), report("m2", "2023-03-04", **MOG_2),
                report("m3", "2023-03-09", **MOG_3), report("n1", "2023-03-10", **MOG_NEXT_WEEK),
                report("n2", "2023-03-11", **{**MOG_NEXT_WEEK, "killed": count(10, None)})])
    assert groups(cl) == {frozenset({"m1", "m2", "m3"}), frozenset({"n1", "n2"})}
    assert cl.stats.founded == 2 and cl.stats.joined == 3
    joined = [d for d in cl.decisions if d.source is None]
    assert len(joined) == 3 and all(d.score >= 0.5 and d.reasons for d in joined)


def test_airstrike_and_ground_clash_same_day_same_province_stay_apart():
    air = {"day": "2023-10-05", "where": "Sarmin", "actor": ("Russia",), "recipient": ("civilians",), "killed": count(9),
               "mode": ("aerial",), "text": "Russian warplanes carried out airstrikes on a market in Sarmin."}
    clash = {"day": "2023-10-05", "where": "Saraqib", "actor": ("HTS", "Syrian army"), "recipient": ("soldiers",),
                 "killed": count(5), "trigger": "clashed",
                 "text": "Hayat Tahrir al-Sham fighters clashed with Syrian army troops near Saraqib."}
    cl = Clusterer(id_factory=ids())
    cl.add_all([report("air1", "2023-10-05", **air), report("clash1", "2023-10-05", **clash),
                report("air2", "2023-10-06", **{**air, "killed": count(11, None)}),
                report("clash2", "2023-10-06", **{**clash, "actor": ("HTS",)})])
    assert groups(cl) == {frozenset({"air1", "air2"}), frozenset({"clash1", "clash2"})}


def test_protests_in_one_capital_on_different_days_stay_apart():
    p = {"type": "PROTEST", "where": "Nairobi", "actor": ("protesters",), "mode": ("demo",),
             "text": "Opposition supporters protested in Nairobi against the cost of living."}
    cl = Clusterer(id_factory=ids())
    cl.add_all([report("mon1", "2023-03-20", day="2023-03-20", **p), report("mon2", "2023-03-21", day="2023-03-20", **p),
                report("mon3", "2023-03-27", day="2023-03-27", **p)])
    assert groups(cl) == {frozenset({"mon1", "mon2"}), frozenset({"mon3"})}


def test_two_attacks_one_day_in_one_state_far_apart_stay_apart():
    kukawa = {"day": "2023-06-18", "where": "Kukawa", "actor": ("Boko Haram",), "killed": count(46, None),
                  "text": "Boko Haram fighters attacked the village of Kukawa, killing at least 46 people."}
    gwoza = {"day": "2023-06-18", "where": "Gwoza", "actor": ("Boko Haram",), "killed": count(7),
                 "text": "In a separate attack, Boko Haram fighters killed seven farmers near Gwoza."}
    cl = Clusterer(id_factory=ids())
    cl.add_all([report("k1", "2023-06-18", **kukawa), report("g1", "2023-06-18", **gwoza),
                report("k2", "2023-06-19", **{**kukawa, "killed": count(100)}),
                report("g2", "2023-06-19", **gwoza)])
    assert groups(cl) == {frozenset({"k1", "k2"}), frozenset({"g1", "g2"})}


def test_blocking_reads_only_the_country_and_weeks_within_reach():
    cl = Clusterer(id_factory=ids())
    cl.add_all([report(f"k{i}", "2023-04-06", day="2023-04-06", where="Kabul", text=f"blast number {i}")
                for i in range(3)] + [report("far", "2023-09-01", **{**MOG_1, "day": "2023-09-01"})])
    cl.stats.comparisons = 0
    probe = report("new", "2023-03-04", **MOG_2)
    assert not cl.candidates(Profile.of(probe))  # Kabul is another country, September is out of reach
    cl.add(probe)
    assert cl.stats.comparisons == 0
    unknown_country = report("nc", "2023-04-07", day="2023-04-06", text="blast number 1")
    assert unknown_country.place is None
    found = cl.candidates(Profile.of(unknown_country))  # no country: every country's clusters of that week
    assert {r.article_id for c in found for r in cl.clusters[c].profile.members} == {"k0", "k1", "k2"}


def test_incremental_joining_keeps_the_stored_cluster():
    first = Clusterer(id_factory=ids())
    first.add_all([report("m1", "2023-03-03", **MOG_1), report("m2", "2023-03-04", **MOG_2)])
    (cid,) = first.clusters
    later = Clusterer(id_factory=ids())
    later.load(cid, [r for c in first.clusters.values() for r in c.profile.members])
    later.add_all([report("m3", "2023-03-09", **MOG_3)])
    assert later.of_report[("m3", 0)] == cid and len(later.clusters) == 1
    assert later.decisions[0].into == cid and later.decisions[0].source is None


def test_constraints_keep_a_pair_apart():
    a, b = report("m1", "2023-03-03", **MOG_1), report("m2", "2023-03-04", **MOG_2)
    cl = Clusterer(id_factory=ids(), constraints=Constraints([(a.ref, b.ref)]))
    cl.add_all([a, b])
    assert groups(cl) == {frozenset({"m1"}), frozenset({"m2"})}
    assert len(cl.constraints) == 1


def test_consolidation_merges_clusters_a_later_report_bridges():
    a = {"type": "ASSAULT", "day": "2023-03-03", "where": "Mogadishu", "killed": count(12, None), "mode": ("explosives",)}
    b = {"type": "ASSAULT", "days": ("2023-02-27", "2023-03-05"), "actor": ("al-Shabaab",), "killed": count(15),
             "mode": ("explosives",)}  # a week and no place: too little to join a alone (evidence 2.6)
    c = {"type": "ASSAULT", "day": "2023-03-03", "where": "Mogadishu", "actor": ("al-Shabaab",), "killed": count(15),
             "mode": ("explosives",)}
    cl = Clusterer(id_factory=ids())
    cl.add(report("a", "2023-03-03", **a))
    cl.add(report("b", "2023-03-09", **b))
    assert groups(cl) == {frozenset({"a"}), frozenset({"b"})}
    cl.add_all([report("c", "2023-03-04", **c)])  # joins a; a+c now names al-Shabaab and matches b
    assert groups(cl) == {frozenset({"a", "b", "c"})}
    merge = [d for d in cl.decisions if d.source is not None]
    assert len(merge) == 1 and [r.article_id for r in merge[0].moved] == ["b"]
    assert merge[0].source in cl.removed and cl.stats.merged == 1


def test_same_article_events_never_merge():
    cl = Clusterer(id_factory=ids())
    cl.add_all([report("a", "2023-03-03", seq=0, **MOG_1), report("a", "2023-03-03", seq=1, **MOG_2)])
    assert len(cl.clusters) == 2
