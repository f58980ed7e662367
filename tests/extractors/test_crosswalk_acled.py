"""PLOVER -> ACLED and CAMEO root rules for the cases the crosswalk review found (crowd control, vandalism,
seizures, releases, disarmament, convictions)."""

from __future__ import annotations

import pytest

from hoopoe.extractors.crosswalk import Crosswalk
from hoopoe.records import Count, Entity, Event


@pytest.fixture(scope="module")
def cw():
    return Crosswalk()


def ev(event, mode=(), killed=None, recipient=()):
    return Event(id="e", event=event, mode=list(mode), killed=Count(killed, killed) if killed else None,
                 recipient=[Entity(entity_text=r, sector=r) for r in recipient])


@pytest.mark.parametrize("event,mode,killed,acled,cameo", [
    ("ASSAULT", ["crowd-control"], None, ("Protests", "Protest with intervention"), "17"),
    ("ASSAULT", ["crowd-control"], 3, ("Protests", "Excessive force against protesters"), "17"),
    ("ASSAULT", ["suicide-attack", "explosives"], 46, ("Explosions/Remote violence", "Suicide bomb"), "18"),
    ("ASSAULT", ["destroy"], None, ("Strategic developments", "Looting/property destruction"), "17"),
    ("PROTEST", ["vandalize"], None, ("Riots", "Violent demonstration"), "14"),
    ("PROTEST", ["demo"], None, ("Protests", "Peaceful protest"), "14"),
    ("COERCE", ["seize"], None, ("Strategic developments", "Other"), "17"),
    ("COERCE", ["arrest"], None, ("Strategic developments", "Arrests"), "17"),
    ("RETREAT", ["disarm"], None, ("Strategic developments", "Change to group/activity"), "08"),
    ("RETREAT", ["release"], None, ("Strategic developments", "Other"), "08"),
    ("SANCTION", ["convict"], None, None, "11"),
    ("REQUEST", [], None, None, "10"),
])
def test_rules(cw, event, mode, killed, acled, cameo):
    e = ev(event, mode, killed)
    got = cw.acled(e)
    assert (got["event_type"], got["sub_event_type"]) == acled if acled else got is None
    assert cw.cameo(e) == cameo


@pytest.mark.parametrize("text,actor_sector,acled", [
    ("captured", "REB", ("Battles", "Non-state actor overtakes territory")),
    ("seized control of", "UAF", ("Battles", "Non-state actor overtakes territory")),
    ("recaptured", "MIL", ("Battles", "Government regains territory")),
    ("attacked", "REB", ("Violence against civilians", "Attack")),
])
def test_territory_taken_by_force(cw, text, actor_sector, acled):
    e = Event(id="e", event="ASSAULT", event_text=text, actor=[Entity(entity_text="x", sector=actor_sector)])
    got = cw.acled(e)
    assert (got["event_type"], got["sub_event_type"]) == acled


def test_territory_end_to_end():
    from hoopoe.pipeline import default_pipeline, extract

    evs = extract("M23 rebels captured the town of Rubaya in North Kivu on Tuesday.", published="2024-05-01",
                  pipeline=default_pipeline()).events
    assert evs and evs[0].acled == {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"}


def test_taking_control_inside_a_claim():
    from hoopoe.pipeline import default_pipeline, extract

    evs = extract("The RSF said on Sunday they had taken full control of Nyala, the army's last base in the area.",
                  published="2025-10-27", pipeline=default_pipeline()).events
    assert evs and evs[0].event == "ASSAULT"
    assert evs[0].acled == {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"}
