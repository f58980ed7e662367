"""The commitments ledger: pledges with their counterpart, and the later events that test them."""

from __future__ import annotations

import pytest

from hoopoe.pipeline import default_pipeline, extract

AGREEMENT = ("Under the agreement between the United States and the Taliban signed in Doha in February 2020, "
             "the Taliban pledged to prevent terrorist groups from operating in Afghanistan.")


@pytest.fixture(scope="module")
def pipe():
    return default_pipeline()


def doc(pipe, text):
    return extract(text, published="2021-10-11", pipeline=pipe)


def names(entities):
    return [e.identifier_text for e in entities]


def test_pledge_counterpart_comes_from_the_agreement(pipe):
    (cm,) = doc(pipe, AGREEMENT).commitments
    assert names(cm.actor) == ["Taliban"]
    assert names(cm.counterpart) == ["United States"]
    assert cm.text == "prevent terrorist groups from operating in Afghanistan"
    assert cm.made.start == "2020-02-01" and cm.made.precision == "month"
    assert cm.status == "open" and cm.evidence == []
    assert cm.id.startswith("cm-")


def test_later_attack_by_armed_group_disputes_a_prevention_pledge(pipe):
    d = doc(pipe, AGREEMENT + " On Friday, Islamic State Khorasan Province bombed a mosque in Kunduz, "
                              "killing at least 46 people.")
    (cm,) = d.commitments
    attack = next(e for e in d.events if e.event == "ASSAULT")
    assert cm.status == "disputed"
    assert cm.evidence == [attack.id]


def test_attack_in_another_country_does_not_test_the_pledge(pipe):
    d = doc(pipe, AGREEMENT + " On Friday, al-Shabaab bombed a hotel in Mogadishu.")
    (cm,) = d.commitments
    assert any(e.event == "ASSAULT" for e in d.events)
    assert cm.status == "open" and cm.evidence == []


def test_request_to_honour_the_pledge_is_evidence_but_not_a_dispute(pipe):
    d = doc(pipe, AGREEMENT + " U.S. leaders were pressing the Taliban to honor their commitment.")
    (cm,) = d.commitments
    request = next(e for e in d.events if e.event == "REQUEST")
    assert cm.evidence == [request.id]
    assert cm.status == "open"


@pytest.mark.parametrize("text,actor,content", [
    ("The Taliban promised to protect the rights of women.", "Taliban", "protect the rights of women"),
    ("Hamas vowed to continue the struggle.", "Hamas", "continue the struggle"),
    ("During talks in Doha, the Taliban agreed to release prisoners.", "Taliban", "release prisoners"),
])
def test_pledges_without_agreement_are_open(pipe, text, actor, content):
    (cm,) = doc(pipe, text).commitments
    assert names(cm.actor) == [actor]
    assert cm.counterpart == []
    assert cm.text == content
    assert cm.status == "open"
    assert cm.source_text is not None and cm.source_text.text == text


def test_no_commitment_without_a_commissive(pipe):
    assert doc(pipe, "The Taliban attacked a police checkpoint in Kandahar.").commitments == []
