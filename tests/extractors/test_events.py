"""Event coding, table-driven: one group of short news sentences per rule of the coder.

Each case codes one sentence (or a short passage) with the shipped pipeline and checks the PLOVER type, the
canonical names of actor and recipient, the modality, and where the rule is about them the place, date,
casualties, claims, cited sources and speaker. The sentences are written for these tests; none comes from
the seed article.
"""

from __future__ import annotations

import unicodedata

import pytest

from hoopoe.pipeline import default_pipeline, extract
from hoopoe.records import EVENT_TYPES, Document, Event

PUBLISHED = "2021-10-11"  # a Monday: "on Friday" is 2021-10-08, "on Sunday" 2021-10-10


@pytest.fixture(scope="module")
def pipe():
    return default_pipeline()


def code(pipe, text: str, published: str | None = PUBLISHED) -> Document:
    return extract(text, published=published, pipeline=pipe)


def names(entities) -> list[str]:
    return [e.identifier_text for e in entities]


def fold(s: str | None) -> str | None:
    """'Kandahār' -> 'Kandahar': gazetteer names keep their diacritics, the tests compare without them."""
    if s is None:
        return None
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def only(doc: Document) -> Event:
    assert len(doc.events) == 1, [(e.event, e.event_text, names(e.actor)) for e in doc.events]
    return doc.events[0]


def check(ev: Event, want: dict) -> None:
    """Compare an event with the expected values; keys absent from `want` are not checked."""
    assert ev.event == want["event"]
    if "actor" in want:
        assert names(ev.actor) == want["actor"]
    if "recipient" in want:
        assert names(ev.recipient) == want["recipient"]
    assert ev.modality == want.get("modality", "asserted")
    if "mode" in want:
        assert set(want["mode"]) <= set(ev.mode), ev.mode
    if "place" in want:
        assert ev.event_loc is not None and fold(ev.event_loc.name) == want["place"]
    if "date" in want:
        assert ev.date.start == want["date"], ev.date
    if "killed" in want:
        assert ev.killed is not None and ev.killed.min == want["killed"]
    if "wounded" in want:
        assert ev.wounded is not None and ev.wounded.min == want["wounded"]
    if "claimed_by" in want:
        assert names(ev.claimed_by) == want["claimed_by"]
    if "reported_by" in want:
        assert ev.reported_by == want["reported_by"]
    if "speaker" in want:
        assert ev.speaker is not None and ev.speaker.identifier_text == want["speaker"]


def cases(*rows):
    return pytest.mark.parametrize("text,want", [pytest.param(t, w, id=t[:60]) for t, w in rows])


# ---------------------------------------------------------------------------------------------------------
# voice: active subject, passive "by" agent, reduced relative ("the mosque attacked by X")

@cases(
    ("The Taliban attacked a police checkpoint in Kandahar on Friday.",
     dict(event="ASSAULT", actor=["Taliban"], recipient=["Police"], place="Kandahar", date="2021-10-08")),
    ("A police checkpoint was attacked by the Taliban in Kandahar on Friday.",
     dict(event="ASSAULT", actor=["Taliban"], recipient=["Police"], place="Kandahar", date="2021-10-08")),
    ("The mosque attacked by Islamic State militants was in Kunduz.",
     dict(event="ASSAULT", actor=["Islamic State"], place="Kunduz")),
    ("Al-Shabaab fighters stormed a hotel in Mogadishu on Sunday.",
     dict(event="ASSAULT", actor=["al-Shabaab"], place="Mogadishu", date="2021-10-10")),
    ("Two soldiers were killed by Taliban fighters in Helmand.",
     dict(event="ASSAULT", actor=["Taliban"], place="Helmand", killed=2)),
)
def test_voice(pipe, text, want):
    check(only(code(pipe, text)), want)


# ---------------------------------------------------------------------------------------------------------
# noun triggers: premodifier actor, "on"/"against" target, "between A and B"

@cases(
    ("An ISIS-K suicide bombing on a Shia mosque in Kunduz killed at least 46 people.",
     dict(event="ASSAULT", actor=["Islamic State Khorasan Province"], mode=["suicide-attack", "explosives"],
          place="Kunduz", killed=46)),
    ("Pakistani airstrikes on Khost killed 12 civilians.",
     dict(event="ASSAULT", actor=["Pakistan"], recipient=["Civilians"], mode=["aerial"], killed=12)),
    ("Fighting between the Taliban and the National Resistance Front continued in Panjshir.",
     dict(event="ASSAULT", actor=["Taliban", "National Resistance Front of Afghanistan"], recipient=[],
          place="Panjshir")),
    ("An agreement between the United States and the Taliban was signed in Doha.",
     dict(event="AGREE", actor=["United States"], recipient=["Taliban"], place="Doha")),
)
def test_noun_triggers(pipe, text, want):
    check(only(code(pipe, text)), want)


# ---------------------------------------------------------------------------------------------------------
# light verbs and multiword triggers

@cases(
    ("Al-Shabaab carried out an attack on a hotel in Mogadishu.",
     dict(event="ASSAULT", actor=["al-Shabaab"], place="Mogadishu")),
    ("The United States conducted airstrikes on al-Shabaab positions in Somalia.",
     dict(event="ASSAULT", actor=["United States"], recipient=["al-Shabaab"], mode=["aerial"])),
    # PLOVER 3.3: signing an agreement is SUPPORT (the agreement itself, "an agreement ... signed in", is AGREE)
    ("The United States and the Taliban signed an agreement in Doha in February 2020.",
     dict(event="SUPPORT", actor=["United States", "Taliban"], place="Doha", date="2020-02-01",
          modality="historical")),
    ("Iran, Russia and China held talks in Moscow.",
     dict(event="CONSULT", actor=["Iran", "Russia", "China"], place="Moscow")),
)
def test_light_verbs(pipe, text, want):
    check(only(code(pipe, text)), want)


# ---------------------------------------------------------------------------------------------------------
# negation: cooperative verbs and nouns negated are REJECT; others keep modality "negated"

@cases(
    ("The Taliban said it would not cooperate with the United States.",
     dict(event="REJECT", actor=["Taliban"], recipient=["United States"])),
    ("Hamas refused to release the hostages.",
     dict(event="REJECT", actor=["Hamas"])),
    ("There will be no cooperation with the United States, the Taliban said.",
     dict(event="REJECT", actor=["Taliban"], recipient=["United States"])),
    ("Russia does not want European Union assistance, the Kremlin said.",
     dict(event="REJECT", actor=["Russia"])),
)
def test_negation_is_reject(pipe, text, want):
    check(only(code(pipe, text)), want)


def test_headline_no_cooperation_is_not_an_event(pipe):
    assert code(pipe, "No Cooperation").events == []


# ---------------------------------------------------------------------------------------------------------
# future: announced events keep their type; cooperative ones become AGREE (PLOVER 2.0)

@cases(
    ("The United States is expected to push the Taliban to protect the rights of women.",
     dict(event="REQUEST", actor=["United States"], recipient=["Taliban"], modality="future")),
    ("The Taliban will meet US officials next week.",
     dict(event="AGREE", actor=["Taliban", "Government of the United States"], modality="future",
          date="2021-10-18")),
    ("US officials will meet Taliban representatives in Doha next week.",
     dict(event="AGREE", actor=["Government of the United States", "Taliban"], modality="future", place="Doha")),
)
def test_future(pipe, text, want):
    check(only(code(pipe, text)), want)


# ---------------------------------------------------------------------------------------------------------
# hypothetical: modals, conditionals, ability, purpose infinitives are not events (by default)

@pytest.mark.parametrize("text", [
    "Islamic State fighters could attack Kabul.",
    "If the Taliban fail, ISIS-K would attack the capital.",
    "ISIS-K is able to attack Kabul.",
    "The Taliban sent fighters to attack Islamic State cells in Nangarhar.",
    "Officials fear that al-Shabaab might bomb the airport.",
])
def test_hypothetical_suppressed(pipe, text):
    assert code(pipe, text).events == []


def test_keep_hypothetical_setting_codes_them():
    from hoopoe.extractors.events import EventCoder

    coder = EventCoder(keep_hypothetical=True)
    pipe = default_pipeline()
    real = pipe.coder
    try:
        pipe.coder = coder
        ev = only(code(pipe, "Islamic State fighters could attack Kabul."))
    finally:
        pipe.coder = real
    assert ev.event == "ASSAULT" and ev.modality == "hypothetical"


# ---------------------------------------------------------------------------------------------------------
# content clauses and gerund complements: the embedded trigger is content, not a second event

@cases(
    ("The Taliban pledged to prevent terrorist groups from operating in Afghanistan.",
     dict(event="AGREE", actor=["Taliban"], recipient=[])),
    ("The United Nations urged the Taliban to release the detained women.",
     dict(event="REQUEST", actor=["United Nations"], recipient=["Taliban"])),
    ("The European Union called on Russia to withdraw its troops.",
     dict(event="REQUEST", actor=["European Union"])),
    ("North Korea threatened to attack South Korea.",
     dict(event="THREATEN", actor=["North Korea"], recipient=["South Korea"])),
    ("The Taliban cooperated with Qatar in evacuating foreigners.",
     dict(event="COOPERATE", actor=["Taliban"], recipient=["Qatar"])),
    ("Iran accused Israel of attacking its nuclear facilities.",
     dict(event="ACCUSE", actor=["Iran"], recipient=["Israel"], mode=["allege"])),
)
def test_content_clauses_give_one_event(pipe, text, want):
    check(only(code(pipe, text)), want)


# ---------------------------------------------------------------------------------------------------------
# anaphora and merging

def test_explosion_anaphor_merges_with_the_bombing(pipe):
    doc = code(pipe, "A suicide bomber blew himself up at a market in Jalalabad on Monday. "
                     "The explosion killed 12 people.")
    check(only(doc), dict(event="ASSAULT", mode=["suicide-attack", "explosives"], place="Jalalabad",
                          date="2021-10-11", killed=12))


def test_casualties_in_the_next_sentence_join_the_attack(pipe):
    doc = code(pipe, "Militants attacked a police station in Ghazni on Sunday. Seven policemen were killed "
                     "and three wounded.")
    check(only(doc), dict(event="ASSAULT", place="Ghazni", date="2021-10-10", killed=7, wounded=3))


def test_follow_up_casualties_join_the_latest_attack(pipe):
    doc = code(pipe, "Russian warplanes carried out airstrikes on rebel positions in Idlib on Sunday, killing seven "
                     "fighters. Rebel fighters shelled army positions near Saraqib in response. Two soldiers were "
                     "killed and five wounded.")
    assert [e.event for e in doc.events] == ["ASSAULT", "ASSAULT"]
    air, shelling = doc.events
    assert air.killed.min == 7 and air.wounded is None
    assert shelling.killed.min == 2 and shelling.wounded.min == 5
    assert fold(shelling.event_loc.name) == "Saraqib"


def test_claim_statement_venue_is_not_a_target(pipe):
    doc = code(pipe, "A suicide bomber blew himself up at a market in Jalalabad on Monday, killing 19 people. "
                     "Islamic State Khorasan Province claimed responsibility for the bombing in a statement on its "
                     "Amaq news agency.")
    ev = only(doc)
    check(ev, dict(event="ASSAULT", actor=["Islamic State Khorasan Province"], recipient=["Civilians"],
                   claimed_by=["Islamic State Khorasan Province"], killed=19, place="Jalalabad"))


def test_two_bombings_in_different_cities_stay_two(pipe):
    doc = code(pipe, "A car bomb exploded in Kabul on Monday, killing five people. "
                     "A separate bombing in Kandahar killed three soldiers.")
    assert [e.event for e in doc.events] == ["ASSAULT", "ASSAULT"]
    assert [fold(e.event_loc.name) for e in doc.events] == ["Kabul", "Kandahar"]
    assert [e.killed.min for e in doc.events] == [5, 3]


# ---------------------------------------------------------------------------------------------------------
# claims of responsibility: claimant recorded, a generic actor replaced by the claimant

@cases(
    ("Gunmen attacked a checkpoint in Herat on Sunday. The Taliban claimed responsibility for the attack.",
     dict(event="ASSAULT", actor=["Taliban"], claimed_by=["Taliban"], place="Herat", date="2021-10-10")),
    ("Gunmen attacked a checkpoint in Herat on Sunday. The attack was claimed by the Taliban.",
     dict(event="ASSAULT", actor=["Taliban"], claimed_by=["Taliban"], place="Herat")),
    ("A bomb exploded at a bus station in Quetta, killing four people. "
     "Responsibility was claimed by the Pakistani Taliban.",
     dict(event="ASSAULT", actor=["Tehrik-i-Taliban Pakistan"], claimed_by=["Tehrik-i-Taliban Pakistan"],
          place="Quetta", killed=4)),
    ("Al-Shabaab claimed responsibility for an attack on a military base in Somalia.",
     dict(event="ASSAULT", actor=["al-Shabaab"], claimed_by=["al-Shabaab"], recipient=["Military"])),
    ("Islamic State Khorasan Province claimed responsibility for the attack on a mosque in Kabul.",
     dict(event="ASSAULT", actor=["Islamic State Khorasan Province"],
          claimed_by=["Islamic State Khorasan Province"], place="Kabul")),
)
def test_claims(pipe, text, want):
    check(only(code(pipe, text)), want)


# ---------------------------------------------------------------------------------------------------------
# cited sources

@cases(
    ("Militants killed seven soldiers in Helmand, according to Tolo News.",
     dict(event="ASSAULT", actor=["Militants"], killed=7, reported_by=["Tolo News"])),
    ("Taliban fighters detained four journalists in Kabul, a witness told Reuters.",
     dict(event="COERCE", actor=["Taliban"], mode=["arrest"], place="Kabul", reported_by=["Reuters"])),
    ("Al Jazeera reported that Israeli forces arrested 20 Palestinians in Jenin.",
     dict(event="COERCE", actor=["Israel Defense Forces"], place="Jenin", reported_by=["Al Jazeera"])),
)
def test_sources(pipe, text, want):
    check(only(code(pipe, text)), want)


# ---------------------------------------------------------------------------------------------------------
# speakers of verbal events: the person speaks, the organisation acts

@cases(
    ("Taliban spokesman Zabihullah Mujahid condemned the attack.",
     dict(event="ACCUSE", actor=["Taliban"], speaker="Zabihullah Mujahid", mode=["disapprove"])),
    ("Taliban spokesman Suhail Shaheen said the group would not cooperate with the United States.",
     dict(event="REJECT", actor=["Taliban"], recipient=["United States"], speaker="Suhail Shaheen")),
)
def test_speakers(pipe, text, want):
    check(only(code(pipe, text)), want)


# ---------------------------------------------------------------------------------------------------------
# setting phrases: "During talks in Doha, ..." frames the sentence and lends it place

@cases(
    ("During talks in Doha, the Taliban agreed to release prisoners.",
     dict(event="AGREE", actor=["Taliban"], place="Doha")),
    ("During a meeting in Geneva, Russian officials accused the United States of meddling.",
     dict(event="ACCUSE", actor=["Government of Russia"], recipient=["United States"], place="Geneva")),
)
def test_setting_phrases(pipe, text, want):
    check(only(code(pipe, text)), want)


def test_condemned_attack_is_coded_without_the_condemner_as_place(pipe):
    doc = code(pipe, "Iran condemned the Israeli airstrikes.")
    by_type = {e.event: e for e in doc.events}
    assert set(by_type) == {"ACCUSE", "ASSAULT"}
    check(by_type["ACCUSE"], dict(event="ACCUSE", actor=["Iran"], recipient=["Israel"]))
    check(by_type["ASSAULT"], dict(event="ASSAULT", actor=["Israel"], mode=["aerial"]))
    assert by_type["ASSAULT"].event_loc is None  # Iran is the speaker, not where the strikes happened


def test_speech_verb_inside_a_name_is_not_speech(pipe):
    """'States' in 'United States' is not the verb 'states': no speech frame, no speaker."""
    ev = only(code(pipe, "Russian officials accused the United States of meddling."))
    assert ev.speaker is None or ev.speaker.identifier_text != "United States"
    assert names(ev.recipient) == ["United States"]


# ---------------------------------------------------------------------------------------------------------
# sentences with no event

@pytest.mark.parametrize("text", [
    "The group's approach is pragmatic.",
    "No Cooperation",
    "The Taliban have ruled Afghanistan since August.",
    "Analysts say the economy is in a deep crisis.",
    "The attack on democracy is a recurring theme of his speeches.",
])
def test_no_event(pipe, text):
    assert code(pipe, text).events == []


# ---------------------------------------------------------------------------------------------------------
# every PLOVER type, with the crosswalk filled

@cases(
    ("Thousands of people protested in Tehran against the government on Saturday.",
     dict(event="PROTEST", actor=["Civilians"], mode=["demo"], place="Tehran", date="2021-10-09")),
    ("The European Union imposed sanctions on Russia.",
     dict(event="SANCTION", actor=["European Union"], recipient=["Russia"], mode=["discontinue"])),
    ("Russia deployed thousands of soldiers near the border.",
     dict(event="MOBILIZE", actor=["Russia"], mode=["troops"])),
    ("Police arrested three suspects in Nangarhar.",
     dict(event="COERCE", actor=["Police"], mode=["arrest"], place="Nangarhar")),
    ("The United Nations delivered humanitarian aid to Afghanistan.",
     dict(event="AID", actor=["United Nations"], recipient=["Afghanistan"])),
    ("Japan donated $10 million to Afghanistan on Tuesday.",
     dict(event="AID", actor=["Japan"], recipient=["Afghanistan"], date="2021-10-05")),
    ("Israel and Hamas agreed to a ceasefire on Friday.",
     dict(event="AGREE", actor=["Israel", "Hamas"], date="2021-10-08")),
    ("Hamas declared a ceasefire in Gaza on Friday.",
     dict(event="RETREAT", actor=["Hamas"], mode=["ceasefire"])),
    ("US forces withdrew from Afghanistan in August.",
     dict(event="RETREAT", actor=["United States Armed Forces"], mode=["withdraw"], date="2021-08-01")),
    ("The government lifted the curfew in Kabul.",
     dict(event="CONCEDE", actor=["Government"], place="Kabul")),
    ("Qatar praised the Taliban for the evacuation.",
     dict(event="SUPPORT", actor=["Qatar"], recipient=["Taliban"])),
    ("Pakistan's foreign minister visited Kabul on Thursday.",
     dict(event="CONSULT", actor=["Pakistan"], mode=["visit"], date="2021-10-07")),
    ("Iran condemned the arrest of the activists.",
     dict(event="ACCUSE", actor=["Iran"], mode=["disapprove"])),
    ("North Korea warned South Korea against holding military drills.",
     dict(event="THREATEN", actor=["North Korea"], recipient=["South Korea"])),
    ("The United Nations urged Myanmar to free political prisoners.",
     dict(event="REQUEST", actor=["United Nations"], recipient=["Myanmar"])),
    ("Turkey rejected the European Union's proposal.",
     dict(event="REJECT", actor=["Turkey"])),
    ("The Taliban cooperated with Pakistan in tracking the fugitives.",
     dict(event="COOPERATE", actor=["Taliban"], recipient=["Pakistan"])),
)
def test_every_type(pipe, text, want):
    ev = only(code(pipe, text))
    check(ev, want)
    assert ev.quad_code in (1, 2, 3, 4)
    assert ev.event_scale is not None and -10 <= ev.event_scale <= 10
    assert ev.cameo and ev.cameo.isdigit()


def test_every_type_is_covered():
    """The table above codes every PLOVER type (ASSAULT is covered by the groups before it)."""
    covered = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "AID", "AGREE", "RETREAT", "CONCEDE", "SUPPORT",
               "CONSULT", "ACCUSE", "THREATEN", "REQUEST", "REJECT", "COOPERATE", "ASSAULT"}
    assert covered == set(EVENT_TYPES)


@cases(
    ("An ISIS-K suicide bombing on a Shia mosque in Kunduz killed at least 46 people.",
     dict(quad=4, cameo="18", acled=("Explosions/Remote violence", "Suicide bomb"))),
    ("Pakistani airstrikes on Khost killed 12 civilians.",
     dict(quad=4, cameo="19", acled=("Explosions/Remote violence", "Air/drone strike"))),
    ("Thousands of people protested in Tehran against the government on Saturday.",
     dict(quad=4, cameo="14", acled=("Protests", "Peaceful protest"))),
    ("Police arrested three suspects in Nangarhar.",
     dict(quad=4, cameo="17", acled=("Strategic developments", "Arrests"))),
    ("Qatar praised the Taliban for the evacuation.", dict(quad=1, cameo="05", acled=None)),
)
def test_crosswalk(pipe, text, want):
    ev = only(code(pipe, text))
    assert ev.quad_code == want["quad"]
    assert ev.cameo == want["cameo"]
    if want["acled"] is None:
        assert ev.acled is None
    else:
        assert (ev.acled["event_type"], ev.acled["sub_event_type"]) == want["acled"]


def test_evidence_and_ids(pipe):
    text = "Police arrested three suspects in Nangarhar. The Taliban attacked a checkpoint in Herat."
    doc = code(pipe, text)
    assert len(doc.events) == 2
    for ev in doc.events:
        assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
        assert ev.event_text in ev.evidence.text
        assert ev.id.startswith("ev-") and 0 < ev.confidence <= 1
    assert len({e.id for e in doc.events}) == 2
