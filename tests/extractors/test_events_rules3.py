"""Coder rules of session 3 (issue #4), table-driven on sentences written for these tests: places named
through a head noun ("the city of X"), claims whose object is the attack, attackers that imply modes,
dates of other clauses, the modality of nouns that are objects, preparation as MOBILIZE, suppression of
protests and cyber attacks as COERCE, British spellings of regular verbs."""

from __future__ import annotations

import pytest

from hoopoe.extractors.lexicon import inflect
from hoopoe.pipeline import default_pipeline, extract

PUBLISHED = "2021-10-11"


@pytest.fixture(scope="module")
def pipe():
    return default_pipeline()


def events(pipe, text):
    return extract(text, published=PUBLISHED, pipeline=pipe).events


def summary(evs):
    return [(e.event, e.modality, e.event_text) for e in evs]


@pytest.mark.parametrize("text,place", [
    ("Gunmen stormed a police station in the southern city of Kandahar on Monday.", "Kandahar"),
    ("A car bomb exploded on the outskirts of Mogadishu, killing four people.", "Mogadishu"),
    ("Troops shelled villages in the eastern province of Kunar overnight.", "Kunar"),
])
def test_place_named_through_a_head_noun(pipe, text, place):
    evs = [e for e in events(pipe, text) if e.event == "ASSAULT"]
    assert evs and evs[0].event_loc is not None, summary(events(pipe, text))
    assert place in (evs[0].event_loc.name, evs[0].event_loc.text)


def test_claimed_attack_is_a_claim_not_a_second_attack(pipe):
    text = ("A bomb exploded at a bus station in Quetta on Sunday, killing six people. "
            "Tehrik-i-Taliban Pakistan claimed the bombing.")
    evs = events(pipe, text)
    assaults = [e for e in evs if e.event == "ASSAULT"]
    assert len(assaults) == 1, summary(evs)
    assert [c.identifier_text for c in assaults[0].claimed_by] == ["Tehrik-i-Taliban Pakistan"]


def test_suicide_bomber_implies_the_modes(pipe):
    evs = events(pipe, "A suicide bomber attacked a checkpoint in Mogadishu on Tuesday, killing five soldiers.")
    assert evs and evs[0].event == "ASSAULT"
    assert {"suicide-attack", "explosives"} <= set(evs[0].mode)
    assert evs[0].acled["sub_event_type"] == "Suicide bomb"


@pytest.mark.parametrize("text,start", [
    ("The African Union condemned the attack, the worst since the junta seized power in July.", None),
    ("Police have detained two reporters since March, their employer said.", "2021-03-01"),
])
def test_dates_of_other_clauses(pipe, text, start):
    evs = events(pipe, text)
    assert evs, text
    assert evs[0].date.start == start, (evs[0].event, evs[0].date)


@pytest.mark.parametrize("text,event,modality", [
    ("Japan will provide 30 million dollars in emergency aid to Myanmar, the ministry said.", "AGREE", "future"),
    ("The two foreign ministers will hold talks in Ankara next week.", "AGREE", "future"),
])
def test_future_giving_verbs_make_their_object_future(pipe, text, event, modality):
    evs = events(pipe, text)
    assert evs and (evs[0].event, evs[0].modality) == (event, modality), summary(evs)


def test_object_of_a_future_verb_is_not_itself_future(pipe):
    evs = events(pipe, "Officials said they will investigate the shooting at the market.")
    assert not [e for e in evs if e.modality == "future" and e.event in ("ASSAULT", "THREATEN")], summary(evs)


@pytest.mark.parametrize("text,event,mode", [
    ("The army was preparing to launch airstrikes on rebel positions near Marib.", "MOBILIZE", "troops"),
    ("Riot police prevented a rally by opposition supporters in Dhaka on Friday.", "COERCE", "restrict"),
    ("Pro-government hackers defaced dozens of opposition websites last week.", "COERCE", "cyber"),
    ("The provincial government ordered patrols by police in the old city after the clashes.", "MOBILIZE", "police"),
])
def test_preparation_suppression_and_cyber(pipe, text, event, mode):
    evs = events(pipe, text)
    assert evs and evs[0].event == event and mode in evs[0].mode, summary(evs)


def test_is_prepared_to_stays_willingness(pipe):
    evs = events(pipe, "Pakistan is prepared to negotiate with the rebels, the minister said.")
    assert evs and evs[0].event == "AGREE", summary(evs)


def test_british_spellings_of_regular_verbs():
    assert {"cancelled", "cancelling"} <= set(inflect("cancel"))
    assert {"travelled", "signalled"} <= set(inflect("travel")) | set(inflect("signal"))
    assert "expelled" in inflect("expel") and "expeled" not in inflect("expel")
