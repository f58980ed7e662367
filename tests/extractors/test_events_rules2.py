"""Coder rules added for full PLOVER coverage (issue #4), table-driven on sentences written for these tests:
obligations in reported speech, announced and conditional actions, violent pledges, speech-act nouns as
objects, names that contain trigger words, attribution of perpetrators, group members, unlisted
organisations, demonym capitals and long phrase gaps."""

from __future__ import annotations

import pytest




def names(entities):
    return [e.identifier_text for e in entities]


@pytest.mark.parametrize("text,actor,recipient", [
    ("Russia said on Tuesday that Sudan must return the helicopter it seized.", "Russia", "Sudan"),
    ("The European Union said Belarus should release all political prisoners.", "European Union", "Belarus"),
    ("Kenya insisted that Somalia has to withdraw its complaint, a spokesman said.", "Kenya", "Somalia"),
])
def test_obligation_in_reported_speech_is_request(coded, text, actor, recipient):
    ev = [e for e in coded(text) if e.event == "REQUEST"]
    assert ev, [(e.event, e.event_text) for e in coded(text)]
    assert actor in names(ev[0].actor) and recipient in names(ev[0].recipient)


@pytest.mark.parametrize("text", [
    "The Nigerian government must act now.",  # an opinion, nobody said it to anyone
    "The Indian government said it must act quickly.",  # an obligation on oneself
])
def test_obligation_without_someone_asked_is_not_an_event(coded, text):
    assert not [e for e in coded(text) if e.event == "REQUEST"]


@pytest.mark.parametrize("text,event,mode", [
    ("Turkey said it would launch airstrikes against the PKK.", "THREATEN", "violence"),
    ("Greek farmers said they would blockade the main highway from Monday.", "THREATEN", "restrict"),
    ("Rebels in Mali vowed to fight the army until the end.", "THREATEN", "violence"),
    ("Nigeria announced that it will withdraw its troops from Chad unless a ceasefire is agreed.", "THREATEN", "relations"),
    ("Israel said it would withdraw its forces from the town next month.", "CONCEDE", None),
    ("Japan will provide food aid to refugees in Sudan, the ministry said.", "AGREE", None),
])
def test_announced_and_conditional_actions(coded, text, event, mode):
    evs = coded(text)
    assert evs and evs[0].event == event, [(e.event, e.event_text) for e in evs]
    if mode:
        assert mode in evs[0].mode


def test_pledge_to_prevent_stays_a_pledge(coded):
    evs = coded("The Taliban pledged to prevent attacks on the United States from Afghan soil.")
    assert evs[0].event == "AGREE"


def test_speech_act_noun_as_object_is_not_its_own_event(coded):
    evs = coded("Turkey rejected the European Union's proposal on Monday.")
    assert [e.event for e in evs] == ["REJECT"]


def test_trigger_word_inside_a_capitalised_name(coded):
    evs = coded("The Ceasefire Violations Committee met the Liberian Peace Council in Monrovia.")
    assert "RETREAT" not in [e.event for e in evs]


@pytest.mark.parametrize("text,group,attribution", [
    ("Gunmen attacked a village in Papua. The West Papua National Liberation Army is suspected to be behind the attack.",
     "West Papua National Liberation Army", "suspected"),
    ("A bomb exploded in a market in Jolo. The attack was blamed on Abu Sayyaf.", "Abu Sayyaf", "suspected"),
    ("A suicide bomber blew himself up outside a police station in Peshawar. The bomber belonged to the Pakistani Taliban.",
     "Tehrik-i-Taliban Pakistan", "affiliation"),
])
def test_attributed_perpetrator(coded, text, group, attribution):
    ev = [e for e in coded(text) if e.event == "ASSAULT"][0]
    assert group in names(ev.actor), names(ev.actor)
    assert ev.attribution == attribution
    assert not ev.claimed_by  # a suspicion is not a claim


def test_stated_perpetrator_is_not_replaced(coded):
    text = "Army troops shelled a village in Idlib. Activists said rebels were blamed for earlier attacks."
    ev = [e for e in coded(text) if e.event == "ASSAULT"][0]
    assert ev.attribution is None


def test_group_member_attacker_stands_for_the_group(coded):
    ev = [e for e in coded("Three Boko Haram suicide bombers attacked a market in Maiduguri.") if e.event == "ASSAULT"][0]
    assert names(ev.actor) == ["Boko Haram"]


def test_state_demonym_attacker_is_not_the_state(coded):
    ev = [e for e in coded("A Pakistani suicide bomber attacked a market in Kabul.") if e.event == "ASSAULT"][0]
    assert "Pakistan" not in names(ev.actor)


def test_unlisted_organisation_is_a_named_actor(coded):
    evs = coded("The Homeland Union accused the Lithuanian Parliament of cowardice on Friday.")
    ev = evs[0]
    assert ev.event == "ACCUSE" and ev.actor[0].identifier_text == "Homeland Union"
    assert ev.actor[0].sector == "PTY" and ev.actor[0].kind == "organisation"
    assert ev.actor[0].identifier_id.startswith("hoopoe:unlisted:")


def test_demonym_capital_is_the_capital(coded):
    ev = [e for e in coded("A car bomb exploded outside a school in the Somali capital on Friday.")
          if e.event == "ASSAULT"][0]
    assert ev.event_loc is not None and ev.event_loc.name == "Mogadishu" and ev.event_loc.country == "SOM"


def test_long_gap_phrase(coded):
    evs = coded("The Sri Lankan army has been holding thousands of Tamil civilian refugees as human shields.")
    assert evs and evs[0].event == "COERCE"


def test_actor_inside_a_phrase_gap(coded):
    evs = coded("Nigeria summoned Niger's ambassador on Tuesday to complain about the raids.")
    assert evs[0].event == "ACCUSE" and "disapprove" in evs[0].mode
