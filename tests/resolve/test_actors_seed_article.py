"""The seed article: every actor of its hand annotation is found with the right canonical actor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoopoe.resolve.actors import ActorKB

pytestmark = pytest.mark.shared

# gold actor id -> the knowledge-base ids that are that actor. The gold file lists "Islamic State" and "ISIS"
# among ISIS-K's names; the KB keeps the Islamic State (ISIS-K's parent, its member_of) as its own actor.
GOLD_TO_KB = {
    "isis-k": {"isis-k", "islamic-state"},
    "taliban": {"taliban"},
    "usa": {"usa", "usa-government", "usa-military"},
    "al-qaeda": {"al-qaeda"},
    "pakistan": {"pak", "pak-air-force", "pak-military"},
    "northern-alliance": {"northern-alliance"},
    "china": {"chn", "chn-government"},
    "shia-civilians": {"shia-muslims", "hazaras", "generic.civilians"},
    "uyghurs": {"uyghurs"},
    "suhail-shaheen": {"suhail-shaheen"},
    "zabihullah-mujahid": {"zabihullah-mujahid"},
    "joe-biden": {"joe-biden"},
    "afghan-government": {"afg-government"},
}


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> tuple[str, dict]:
    text = (shared_dir / "corpus" / "kunduz-2021-10.txt").read_text(encoding="utf-8")
    gold = json.loads((shared_dir / "gold" / "kunduz-2021-10.json").read_text(encoding="utf-8"))
    return text, gold


def test_every_gold_actor_found(kb: ActorKB, seed: tuple[str, dict]) -> None:
    text, gold = seed
    found = kb.find(text)
    for actor in gold["actors"]:
        assert any(m.actor.id in GOLD_TO_KB[actor["id"]] for m in found), f"gold actor {actor['id']} not found"


def test_gold_aliases_in_the_text_resolve_to_their_actor(kb: ActorKB, seed: tuple[str, dict]) -> None:
    """Every mention whose text is one of a gold actor's names resolves to that actor."""
    text, gold = seed
    found = kb.find(text)
    wrong = []
    for m in found:
        for actor in gold["actors"]:
            if m.text in actor["aliases"] and m.actor.id not in GOLD_TO_KB[actor["id"]]:
                wrong.append((m.text, m.start, m.actor.id, actor["id"]))
    assert wrong == []


def test_seed_article_specifics(kb: ActorKB, seed: tuple[str, dict]) -> None:
    text, _ = seed
    found = [(m.text, m.actor.id, m.via) for m in kb.find(text)]
    # "Daesh" goes to ISIS-K everywhere in this article, including "ISIS-K/Daesh"
    assert {a for t, a, _ in found if t.startswith("Daesh")} == {"isis-k"}
    assert ("Suhail Shaheen", "suhail-shaheen", "name") in found
    assert ("Shaheen", "suhail-shaheen", "surname") in found
    assert ("Pakistani Air Force", "pak-air-force", "composed") in found
    assert ("Biden administration", "usa-government", "composed") in found
    assert ("Shia mosque", "shia-muslims", "composed") in found
    assert ("Bakhtar News Agency", "bakhtar-news-agency", "name") in found
    people = {m.actor.id: m.role for m in kb.find(text) if m.actor.kind == "person" and m.role}
    assert people == {"suhail-shaheen": "spokesman", "joe-biden": "president", "zabihullah-mujahid": "spokesman"}
