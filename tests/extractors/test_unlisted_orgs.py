"""Organisations no list holds, recognised by the shape of their name (hoopoe.resolve.unlisted)."""

from __future__ import annotations

import pytest

from hoopoe.resolve.actors import ActorKB
from hoopoe.resolve.unlisted import HeadTable, covered_spans, find_unlisted


@pytest.fixture(scope="module")
def kb():
    return ActorKB.load()


def found(kb, text):
    covered = covered_spans(kb.find(text))
    return [(m.text, m.actor.sector, m.actor.code) for m in find_unlisted(text, kb, covered)]


@pytest.mark.parametrize("text,name,sector", [
    ("The Homeland Union began collecting signatures.", "Homeland Union", "PTY"),
    ("Members of the Association of African Jurists visited the prison.", "Association of African Jurists", "SOC"),
    ("The Ceasefire Violations Committee (CFVC) has completed its inquiry.", "Ceasefire Violations Committee (CFVC)", "SOC"),
    ("Fighters of the Sinjar Resistance Units clashed with the army.", "Sinjar Resistance Units", None),
    ("The Latvian Farmers Union called a strike.", "Latvian Farmers Union", "PTY"),
])
def test_names_and_sectors(kb, text, name, sector):
    got = found(kb, text)
    if sector is None:  # "Units" is not a head noun: nothing proposed rather than a guess
        assert not [g for g in got if g[0] == name]
        return
    assert (name, sector) in [(g[0], g[1]) for g in got], got


def test_state_in_the_name_gives_the_code(kb):
    got = dict((g[0], g[2]) for g in found(kb, "The Latvian Farmers Union called a strike on Friday."))
    assert got["Latvian Farmers Union"] == "LVA"


@pytest.mark.parametrize("text", [
    "On Monday the Taliban met United Nations envoys.",       # known actors are not re-proposed
    "In March the army withdrew.",                            # months and openers are not names
    "Police said the Kabul Party was a wedding.",             # "Party" with a place: still a name, but...
])
def test_known_actors_and_plain_words(kb, text):
    got = [g[0] for g in found(kb, text)]
    assert "United Nations" not in got and "Taliban" not in got and "March" not in " ".join(got)


def test_user_extension(tmp_path, kb):
    extra = tmp_path / "heads.yaml"
    extra.write_text("version: mine\nheads:\n  REB: [Units]\n")
    heads = HeadTable.load(extra)
    text = "Fighters of the Sinjar Resistance Units clashed with the army."
    got = find_unlisted(text, kb, covered_spans(kb.find(text)), heads)
    assert [(m.text, m.actor.sector) for m in got] == [("Sinjar Resistance Units", "REB")]
    assert "mine" in heads.version
