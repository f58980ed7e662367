"""People no list holds, recognised where the text quotes them by name (hoopoe.resolve.named.find_speakers), and
groups no list holds that claim an attack (find_claimants). Sentences written for these tests."""

from __future__ import annotations

import pytest

from hoopoe.pipeline import default_pipeline, extract
from hoopoe.resolve.actors import ActorKB
from hoopoe.resolve.named import find_claimants, find_speakers


@pytest.fixture(scope="module")
def kb():
    return ActorKB.load()


@pytest.mark.parametrize("text,name,member_of", [
    ('"The city is starving," said Amina Diallo, the UN resident coordinator in Mali.', "Amina Diallo", "un"),
    ('"We will not leave," Omar Haidari told Reuters by telephone.', "Omar Haidari", None),
    ("Rashid Khan, a spokesman for the Afghan Taliban, said the talks had failed.", "Rashid Khan", "taliban"),
])
def test_quoted_people_are_found(kb, text, name, member_of):
    found = find_speakers(text, kb, [])
    assert [m.text for m in found] == [name]
    assert found[0].actor.kind == "person" and found[0].actor.member_of == member_of


@pytest.mark.parametrize("text", [
    '"The city is starving," said the UN coordinator.',
    "The Ministry of Defence told reporters that the convoy had arrived.",
    '"We will not leave," Joe Biden said.',  # listed: the knowledge base has him
])
def test_no_speaker_is_made_up(kb, text):
    assert find_speakers(text, kb, []) == []


def test_quote_has_the_unlisted_speaker():
    doc = extract('"What is happening in the city is a crime," said Amina Diallo, the UN resident coordinator in Mali.',
                  published="2025-01-10", pipeline=default_pipeline())
    assert [q.speaker.identifier_text for q in doc.quotes] == ["Amina Diallo"]
    assert doc.quotes[0].speaker.member_of == "United Nations"


def test_claimant_pattern(kb):
    found = find_claimants("A bomb hit a bus in Quetta. Jaish al-Adl claimed responsibility.", kb, [])
    assert [m.text for m in found] in ([], ["Jaish al-Adl"])  # listed groups are found by the KB instead
    found = find_claimants("A bomb hit a bus in Quetta.Saraya Qasioun claimed responsibility.", kb, [])
    assert [m.text for m in found] == ["Saraya Qasioun"] and found[0].actor.kind == "armed_group"
