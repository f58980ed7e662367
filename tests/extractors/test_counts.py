"""Casualty counts: table-driven news phrasing, the lexicon's integrity, and the dev-incident floor."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from hoopoe.errors import ResourceError
from hoopoe.extractors.counts import (
    KINDS, CasualtyExtractor, CasualtyMention, CountLexicon, combine, find_casualties, parse_number,
)
from hoopoe.records import Count


def _by_kind(sentence: str) -> dict[str, tuple[int | None, int | None]]:
    out: dict[str, tuple[int | None, int | None]] = {}
    for m in find_casualties(sentence):
        assert sentence[m.start:m.end] == m.text
        out.setdefault(m.kind, (m.count.min, m.count.max))
    return out


# (sentence, {kind: (min, max)}) for every kind found
CASES = [
    ("the explosion killed at least 46 people and wounded more than 140", {"killed": (46, None), "wounded": (141, None)}),
    ("In that attack, several people were killed and about a dozen wounded.", {"killed": (2, None), "wounded": (12, 12)}),
    ("Gunmen killed 6 civilians, including 2 women, in the village.", {"killed": (6, 6)}),
    ("The ambush killed three soldiers and two civilians.", {"killed": (5, 5)}),
    ("10 men were shot to death and two others became injured.", {"killed": (10, 10), "wounded": (2, 2)}),
    ("Seven people, including Hamish, were killed and four others injured.", {"killed": (7, 7), "wounded": (4, 4)}),
    ("A soldier was killed in the clash.", {"killed": (1, 1)}),
    ("Two policemen died in the blast.", {"killed": (2, 2)}),
    ("The bombing left 12 dead and 30 injured.", {"killed": (12, 12), "wounded": (30, 30)}),
    ("The death toll rose to 57 on Sunday.", {"killed": (57, 57)}),
    ("The death toll has risen to at least 80.", {"killed": (80, None)}),
    ("The attack claimed the lives of 9 people.", {"killed": (9, 9)}),
    ("A grenade exploded in the market, injuring 14.", {"wounded": (14, 14)}),
    ("No one was hurt in the explosion.", {"wounded": (0, 0)}),
    ("There were no casualties, police said.", {"killed": (0, 0), "wounded": (0, 0)}),
    ("Three people are missing after the raid.", {"missing": (3, 3)}),
    ("Gunmen abducted 20 students from a school.", {"missing": (20, 20)}),
    ("Police arrested 14 protesters outside parliament.", {"arrested": (14, 14)}),
    ("More than 3,000 people were displaced by the fighting.", {"displaced": (3001, None)}),
    ("Nearly 50 people were killed.", {"killed": (None, 49)}),
    ("Up to 20 people were injured.", {"wounded": (None, 20)}),
    ("Dozens were wounded in the stampede.", {"wounded": (24, None)}),
    ("Scores of people were injured.", {"wounded": (40, None)}),
    ("A number of civilians were killed.", {"killed": (2, None)}),
    ("Hundreds of people were arrested.", {"arrested": (200, None)}),
    ("Between 20 and 30 gunmen attacked; 20 to 30 villagers were killed.", {"killed": (20, 30)}),
    ("A gunman killed 3 people and wounded 11 others in a mass shooting.", {"killed": (3, 3), "wounded": (11, 11)}),
    ("The blast killed three Chinese citizens and their Pakistani driver.", {"killed": (4, 4)}),
    ("Six soldiers, 6 civilians and a police officer were killed.", {"killed": (13, 13)}),
    ("The attack killed 10 and 20 were injured.", {"killed": (10, 10), "wounded": (20, 20)}),
    ("One of the victims died and the other was critically injured.", {"killed": (1, 1), "wounded": (1, 1)}),
    ("6 people including 3 soldiers were killed when bombers struck.", {"killed": (6, 6)}),
    ("At least 85 people were killed and dozens of others injured.", {"killed": (85, None), "wounded": (24, None)}),
    ("Bombings left at least 25 people dead and 50 others were injured.", {"killed": (25, None), "wounded": (50, 50)}),
    ("A bomb killed at least 18 people including 8 civilians and 10 soldiers and another 27 people were wounded.",
     {"killed": (18, None), "wounded": (27, 27)}),
    ("The clashes killed some 200 fighters, officials said.", {"killed": (200, 200)}),
    ("Border guards shot dead two smugglers.", {"killed": (2, 2)}),
    ("A roadside bomb kills 35 and injures 27.", {"killed": (35, 35), "wounded": (27, 27)}),
    ("Four military personnel and 2 civilians were killed in the attack, 12 other people became injured.",
     {"killed": (6, 6), "wounded": (12, 12)}),
    ("Border Police guard was killed and 4 others were lightly to moderately injured.", {"wounded": (4, 4)}),
    ("The stabbing resulted in the death of 2 people and the wounding of 5 others.", {"killed": (2, 2), "wounded": (5, 5)}),
    ("In the 2 attacks, 40 people were killed.", {"killed": (40, 40)}),
    ("On October 24, 2018, 2 elderly victims were killed.", {"killed": (2, 2)}),
    ("Two hundred people were injured.", {"wounded": (200, 200)}),
    ("The militants executed 12 hostages.", {"killed": (12, 12)}),
    ("Both attackers were killed by police.", {"killed": (2, 2)}),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_find_casualties(sentence, expected):
    assert _by_kind(sentence) == expected


# Sentences with numbers or casualty words but no casualty count
NONE = [
    "The soldiers killed were buried on Friday.",
    "The talks lasted 3 hours.",
    "Unemployment rose to 12% last year.",
    "The government deployed 3,000 troops to the region.",
    "The attack was claimed by 2 groups.",
    "He was sentenced to 20 years in prison.",
    "About 20 gunmen attacked the village of Nogolait.",
    "A killer whale was spotted off the coast.",
    "Officials reported 140 casualties.",  # "casualties" alone is ambiguous: not assigned
    "Hospitals were treating the injured.",
    "The 2019 election was disputed.",
]


@pytest.mark.parametrize("sentence", NONE)
def test_no_false_casualties(sentence):
    assert find_casualties(sentence) == []


def test_count_text_keeps_the_qualifier():
    (killed, wounded) = find_casualties("the explosion killed at least 46 people and wounded more than 140")
    assert killed.count == Count(46, None, "at least 46")
    assert wounded.count == Count(141, None, "more than 140")
    assert killed.text == "killed at least 46 people" and killed.kind == "killed"
    (m,) = find_casualties("about a dozen were wounded")
    assert m.count == Count(12, 12, "about a dozen")
    (m,) = find_casualties("several people were killed")
    assert m.count == Count(2, None, "several")


def test_summed_groups_keep_the_whole_phrase():
    (m,) = find_casualties("The ambush killed three soldiers and two civilians.")
    assert m.count == Count(5, 5, "three soldiers and two civilians")
    assert not m.implicit


@pytest.mark.parametrize("sentence,implicit,perpetrator", [
    ("A soldier was killed.", True, False),
    ("The bomber was also killed.", True, True),
    ("He blew himself up, killing himself.", True, True),
    ("One militant was killed.", False, True),
    ("Two policemen died.", False, False),
])
def test_implicit_and_perpetrator_flags(sentence, implicit, perpetrator):
    (m,) = [x for x in find_casualties(sentence) if x.kind == "killed"]
    assert (m.count.min, m.implicit, m.perpetrator) == (m.count.max, implicit, perpetrator)


def test_combine_prefers_the_largest_statement_and_leaves_attackers_out():
    ms = [m for s in (
        "At least 62 people were killed and hundreds injured.",
        "The fighters overran positions, killing 20 soldiers.",
        "5 attackers were also killed.",
    ) for m in find_casualties(s)]
    got = combine(ms)
    assert got["killed"] == Count(62, None, "At least 62")
    assert got["wounded"] == Count(200, None, "hundreds")
    only_attackers = combine(find_casualties("The attacker was shot dead by police."))
    assert only_attackers["killed"].min == 1


def test_offsets_and_order():
    s = "Officials said 3 people were killed; police arrested 2 suspects."
    ms = find_casualties(s)
    assert [m.kind for m in ms] == ["killed", "arrested"]
    assert all(isinstance(m, CasualtyMention) and s[m.start:m.end] == m.text for m in ms)
    assert ms[0].end <= ms[1].start


def test_parse_number_is_exported_here():
    assert parse_number("a dozen") == 12 and parse_number("dozens") is None


def test_lexicon_integrity():
    lx = CountLexicon.load()
    assert set(lx.triggers) == set(KINDS)
    assert all(lx.triggers[k]["state"] and lx.triggers[k]["active"] for k in KINDS)
    assert all(v >= 1 for v in lx.vague.values())
    every = [w for k in KINDS for shape in lx.triggers[k].values() for w in shape]
    assert all(w == " ".join(w.split()).lower() for w in every)
    for kind, words in lx.qualifiers.items():
        assert len(set(words)) == len(words), f"duplicate qualifier in {kind}"
    quals = [q for qs in lx.qualifiers.values() for q in qs]
    assert len(set(quals)) == len(quals), "a qualifier may have one meaning only"
    # every vague word parses as vague, never as an exact number
    assert all(parse_number(v) is None for v in lx.vague)
    assert {k for _, kinds in lx.zero for k in kinds} <= set(KINDS)


@pytest.mark.parametrize("broken,msg", [
    ({"qualifiers": {}}, "qualifiers"),
    ("just text", "mapping"),
])
def test_broken_lexicon_names_the_problem(broken, msg, tmp_path):
    with pytest.raises(ResourceError, match=msg):
        CountLexicon.from_dict(broken)
    p = tmp_path / "counts.yaml"
    p.write_text("qualifiers: [unclosed")
    with pytest.raises(ResourceError, match="counts.yaml"):
        CountLexicon.load(p)


def test_custom_lexicon_extends_the_triggers():
    data = yaml.safe_load(CountLexicon.load.__func__.__doc__ and _shipped_yaml())
    data["triggers"]["killed"]["state"].append("martyred")
    ex = CasualtyExtractor(CountLexicon.from_dict(data))
    (m,) = ex.find("Five fighters were martyred.")
    assert (m.kind, m.count.min) == ("killed", 5)
    assert find_casualties("Five fighters were martyred.") == []


def _shipped_yaml() -> str:
    from importlib import resources

    return resources.files("hoopoe").joinpath("resources/lexicons/counts.yaml").read_text(encoding="utf-8")


_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")

#: Pinned at what the extractor reaches (2021-10: killed 0.901, wounded 0.933 on explicit rows);
#: raise it when you improve, never lower it silently. Project target: >= 0.90.
DEV_FLOOR = {"killed": 0.90, "wounded": 0.93}


def _written(c: Count | None) -> set[int | None]:
    """The numbers a Count may have been written with: "more than 140" was written 140."""
    if c is None:
        return set()
    out = {c.min, c.max}
    if c.min is not None and c.max is None:
        out.add(c.min - 1)
    if c.min is None and c.max is not None:
        out.add(c.max + 1)
    return out


@pytest.mark.shared
def test_dev_incidents_floor(shared_dir):
    """Exact match against Wikipedia editors' killed/wounded values, per incident description.

    Each description is split into sentences; the mentions are combined per kind with combine()
    (largest statement, attackers only when nothing else). Rows whose number is written in the text
    are scored against the floor; the others (implicit) are reported apart, not pinned.
    """
    rows = [json.loads(line) for line in
            (shared_dir / "data/dev/wikipedia_incident_lists_rows.jsonl").read_text().splitlines() if line]
    scores = {}
    for kind in ("killed", "wounded"):
        for explicit in (True, False):
            ok = n = 0
            for r in rows:
                gold = r["gold"]
                if gold["heuristic_checks"][f"{kind}_explicit_number_in_text"] != explicit:
                    continue
                mentions = [m for s in _SPLIT.split(r["text"]) for m in find_casualties(s)]
                got = combine(mentions).get(kind)
                n += 1
                ok += gold[kind] in (_written(got) if got else ({0} if not explicit else set()))
            scores[(kind, explicit)] = (ok, n)
    report = ", ".join(f"{k} {'explicit' if e else 'implicit'} {ok}/{n}" for (k, e), (ok, n) in scores.items())
    print(report)
    for kind, floor in DEV_FLOOR.items():
        ok, n = scores[(kind, True)]
        assert n > 150 and ok / n >= floor, report
