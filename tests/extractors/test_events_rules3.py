"""Coder rules of session 3 (issue #4), table-driven on sentences written for these tests: places named
through a head noun ("the city of X"), claims whose object is the attack, attackers that imply modes,
dates of other clauses, the modality of nouns that are objects, preparation as MOBILIZE, suppression of
protests and cyber attacks as COERCE, British spellings of regular verbs."""

from __future__ import annotations

import pytest

from hoopoe.extractors.lexicon import inflect



def summary(evs):
    return [(e.event, e.modality, e.event_text) for e in evs]


@pytest.mark.parametrize("text,place", [
    ("Gunmen stormed a police station in the southern city of Kandahar on Monday.", "Kandahar"),
    ("A car bomb exploded on the outskirts of Mogadishu, killing four people.", "Mogadishu"),
    ("Troops shelled villages in the eastern province of Kunar overnight.", "Kunar"),
    ("Artillery hit residential areas of Kherson city, killing two civilians.", "Kherson"),
    ("Russian drones struck parts of Odesa overnight, the governor said.", "Odesa"),
])
def test_place_named_through_a_head_noun(coded, text, place):
    evs = [e for e in coded(text) if e.event == "ASSAULT"]
    assert evs and evs[0].event_loc is not None, summary(coded(text))
    assert place in (evs[0].event_loc.name, evs[0].event_loc.text)


def test_claimed_attack_is_a_claim_not_a_second_attack(coded):
    text = ("A bomb exploded at a bus station in Quetta on Sunday, killing six people. "
            "Tehrik-i-Taliban Pakistan claimed the bombing.")
    evs = coded(text)
    assaults = [e for e in evs if e.event == "ASSAULT"]
    assert len(assaults) == 1, summary(evs)
    assert [c.identifier_text for c in assaults[0].claimed_by] == ["Tehrik-i-Taliban Pakistan"]


def test_suicide_bomber_implies_the_modes(coded):
    evs = coded("A suicide bomber attacked a checkpoint in Mogadishu on Tuesday, killing five soldiers.")
    assert evs and evs[0].event == "ASSAULT"
    assert {"suicide-attack", "explosives"} <= set(evs[0].mode)
    assert evs[0].acled["sub_event_type"] == "Suicide bomb"


@pytest.mark.parametrize("text,start", [
    ("The African Union condemned the attack, the worst since the junta seized power in July.", None),
    ("Police have detained two reporters since March, their employer said.", "2021-03-01"),
])
def test_dates_of_other_clauses(coded, text, start):
    evs = coded(text)
    assert evs, text
    assert evs[0].date.start == start, (evs[0].event, evs[0].date)


@pytest.mark.parametrize("text,event,modality", [
    ("Japan will provide 30 million dollars in emergency aid to Myanmar, the ministry said.", "AGREE", "future"),
    ("The two foreign ministers will hold talks in Ankara next week.", "AGREE", "future"),
])
def test_future_giving_verbs_make_their_object_future(coded, text, event, modality):
    evs = coded(text)
    assert evs and (evs[0].event, evs[0].modality) == (event, modality), summary(evs)


def test_object_of_a_future_verb_is_not_itself_future(coded):
    evs = coded("Officials said they will investigate the shooting at the market.")
    assert not [e for e in evs if e.modality == "future" and e.event in ("ASSAULT", "THREATEN")], summary(evs)


@pytest.mark.parametrize("text,event,mode", [
    ("The army was preparing to launch airstrikes on rebel positions near Marib.", "MOBILIZE", "troops"),
    ("Riot police prevented a rally by opposition supporters in Dhaka on Friday.", "COERCE", "restrict"),
    ("Pro-government hackers defaced dozens of opposition websites last week.", "COERCE", "cyber"),
    ("The provincial government ordered patrols by police in the old city after the clashes.", "MOBILIZE", "police"),
])
def test_preparation_suppression_and_cyber(coded, text, event, mode):
    evs = coded(text)
    assert evs and evs[0].event == event and mode in evs[0].mode, summary(evs)


def test_is_prepared_to_stays_willingness(coded):
    evs = coded("Pakistan is prepared to negotiate with the rebels, the minister said.")
    assert evs and evs[0].event == "AGREE", summary(evs)


def test_british_spellings_of_regular_verbs():
    assert {"cancelled", "cancelling"} <= set(inflect("cancel"))
    assert {"travelled", "signalled"} <= set(inflect("travel")) | set(inflect("signal"))
    assert "expelled" in inflect("expel") and "expeled" not in inflect("expel")


@pytest.mark.parametrize("text,name", [
    ("A man stabbed two people at a train station in Leeds. The attacker, identified as Omar Haddad, was "
     "arrested at the scene.", "Omar Haddad"),
    ("A suicide bomber named Karim Nasser blew himself up outside a church in Alexandria, killing nine people.",
     "Karim Nasser"),
    ("31-year-old Daniel Roth opened fire in a shopping centre in Hamburg, killing three shoppers.", "Daniel Roth"),
    ("Piotr Nowak, a former soldier, shot dead two guards at a bank in Gdansk.", "Piotr Nowak"),
])
def test_attackers_named_in_the_report(coded, text, name):
    evs = [e for e in coded(text) if e.event == "ASSAULT"]
    assert evs and name in [a.entity_text for a in evs[0].actor], summary(coded(text))
    person = [a for a in evs[0].actor if a.entity_text == name][0]
    assert person.kind == "person"


def test_a_named_victim_is_not_an_attacker(coded):
    evs = coded("Gunmen shot dead a shopkeeper in Peshawar. The victim, identified as Amir Khan, was 45.")
    assert evs and "Amir Khan" not in [a.entity_text for e in evs for a in e.actor], summary(evs)


def test_claim_after_an_attack_told_by_its_toll(coded):
    evs = coded("At least 12 people were killed when a car bomb exploded near a market in Mogadishu. "
                       "Al-Shabaab claimed responsibility.")
    assaults = [e for e in evs if e.event == "ASSAULT"]
    assert assaults and [c.identifier_text for c in assaults[0].claimed_by] == ["al-Shabaab"], summary(evs)


def test_a_place_phrase_is_not_the_subject(coded):
    evs = coded("A bomb blast at a bus stop in northern Nigeria killed four people. "
                       "The attack was blamed on Boko Haram.")
    assaults = [e for e in evs if e.event == "ASSAULT"]
    assert assaults and [a.identifier_text for a in assaults[0].actor] == ["Boko Haram"], summary(evs)


def test_named_attacker_comes_before_the_group_that_claimed_it(coded):
    text = ("A gunman shot dead three people at a cafe in Hamburg. The attacker, identified as Lukas Brenner, was "
            "arrested. The Islamic State claimed responsibility for the attack.")
    assaults = [e for e in coded(text) if e.event == "ASSAULT"]
    assert assaults and [a.entity_text for a in assaults[0].actor][:1] == ["Lukas Brenner"]
    assert [c.identifier_text for c in assaults[0].claimed_by] == ["Islamic State"]


def test_perpetrator_of_the_attacks_appositive(coded):
    text = ("Two bombs exploded in Leeds on Sunday, injuring 12 people. The perpetrator of the attacks, "
            "Martin Hale, was captured after a shootout with police.")
    assaults = [e for e in coded(text) if e.event == "ASSAULT"]
    assert assaults and "Martin Hale" in [a.entity_text for a in assaults[0].actor], \
        [(e.event, [a.entity_text for a in e.actor]) for e in coded(text)]


@pytest.mark.parametrize("text,event,mode", [
    ("Rioters set fire to shops and torched cars in the suburbs of Lyon on Saturday.", "PROTEST", "riot"),
    ("Thousands marched in Tbilisi against the foreign agents law.", "PROTEST", None),
    ("Protest leaders demanded the resignation of the mayor of Lagos.", "REQUEST", None),
    ("Germany sent 200 tonnes of medical supplies to Syria on Sunday.", "AID", None),
    ("Russia massed tens of thousands of troops near the border with Ukraine.", "MOBILIZE", "troops"),
])
def test_crowds_riots_and_wider_gaps(coded, text, event, mode):
    evs = coded(text)
    assert evs and evs[0].event == event, summary(evs)
    assert mode is None or mode in evs[0].mode


def test_a_month_name_is_not_a_march(coded):
    evs = coded("On Tuesday, 22 March 2016, two bombs exploded at the airport in Brussels.")
    assert [e.event for e in evs] == ["ASSAULT"], summary(evs)


@pytest.mark.parametrize("text,group", [
    ("A bomb exploded outside a courthouse in Derry on Friday. Police believe the New IRA was responsible for "
     "the attack.", "Irish Republican Army"),
    ("A car bomb killed four soldiers in Arish. The interior minister accused Hasm of carrying out the bombing.",
     "Hasm Movement"),
    ("Gunmen attacked a church in Makassar. The attack was carried out by an Islamic terrorist group Jamaah "
     "Ansharut Daulah.", "Jamaah Ansharut Daulah"),
    ("A grenade attack wounded eight people at a bar in Puchong. The attack was later found to be tied to the "
     "Islamic State group.", "Islamic State"),
])
def test_more_ways_of_naming_the_perpetrator(coded, text, group):
    assaults = [e for e in coded(text) if e.event == "ASSAULT"]
    assert assaults and group in [a.identifier_text for a in assaults[0].actor], summary(coded(text))


def test_claimant_is_not_the_group_in_its_apposition(coded):
    text = ("A suicide bombing killed 14 people on the metro in St Petersburg. Imam Shamil Battalion, an al-Qaeda "
            "affiliate, claimed responsibility for the attack.")
    assaults = [e for e in coded(text) if e.event == "ASSAULT"]
    assert assaults and [c.entity_text for c in assaults[0].claimed_by] == ["Imam Shamil Battalion"]


def test_triggering_a_device_is_a_bombing(coded):
    evs = coded("Six soldiers were killed when Maoist rebels triggered a powerful explosive device near "
                       "their vehicle in Chhattisgarh.")
    assert evs and evs[0].event == "ASSAULT" and "explosives" in evs[0].mode
    assert "Communist Party of India (Maoist)" in [a.identifier_text for e in evs for a in e.actor], summary(evs)


@pytest.mark.parametrize("text,source", [
    ("Gunmen killed four soldiers near Gao on Monday, the army said on Tuesday.", "army"),
    ("A convoy of 30 U.N. trucks carrying food crossed into Syria on Thursday, U.N. officials said.\n\n",
     "U.N. officials"),
])
def test_trailing_attribution_is_a_cited_source(coded, text, source):
    evs = [e for e in coded(text) if e.event in ("ASSAULT", "AID")]
    assert evs and source in evs[0].reported_by, [(e.event, e.reported_by) for e in coded(text)]


def test_speech_events_do_not_cite_their_own_speaker(coded):
    evs = coded("The Taliban will not cooperate with Washington, Shaheen said.")
    assert evs and evs[0].reported_by == []
