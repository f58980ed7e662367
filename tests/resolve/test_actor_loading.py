"""Loading user actor files and the errors that name the file, the entry and the bad value."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hoopoe.errors import ResourceError
from hoopoe.resolve.actors import ENV_VAR, ActorKB


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


USER_FILE = """
defaults:
  kind: armed_group
  sector: REB
actors:
- id: katiba-macina
  name: Katiba Macina
  code: MLI
  member_of: jnim
  aliases: [Macina Liberation Front, FLM]
- id: taliban
  name: Taliban
  code: AFG
  sector: GOV
  aliases: [Islamic Emirate]
"""


def test_extra_paths_add_and_override(tmp_path: Path) -> None:
    kb = ActorKB.load(extra_paths=[write(tmp_path / "sahel.yaml", USER_FILE)])
    found = kb.find("Katiba Macina, also called the FLM, attacked Taliban positions.")
    assert [(m.text, m.actor.id) for m in found] == [
        ("Katiba Macina", "katiba-macina"), ("FLM", "katiba-macina"), ("Taliban", "taliban")]
    assert kb.get("katiba-macina").member_of == "jnim" and kb.get("katiba-macina").country == "MLI"
    assert kb.get("taliban").sector == "GOV"  # the user's definition replaces the shipped one
    assert kb.version != ActorKB.load().version


def test_environment_variable_with_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    write(folder / "a.yaml", "actors:\n- {id: x-front, name: Example Front, kind: armed_group, sector: REB}\n")
    other = write(tmp_path / "b.yml", "actors:\n- {id: y-party, name: Example Party, kind: party, sector: PTY}\n")
    monkeypatch.setenv(ENV_VAR, os.pathsep.join([str(folder), str(other)]))
    kb = ActorKB.load()
    assert kb.lookup("Example Front").id == "x-front" and kb.lookup("Example Party").sector == "PTY"


BAD = [
    ("actors:\n- {id: a, name: A, kind: warlord}\n", ["bad.yaml", "actors[0]", "'a'", "warlord", "armed_group"]),
    ("actors:\n- {id: a, name: A, kind: party, sector: XYZ}\n", ["actors[0]", "XYZ", "PLOVER"]),
    ("actors:\n- {id: a, name: A, kind: party, code: ZZZ}\n", ["actors[0]", "ZZZ", "IMG"]),
    ("actors:\n- {id: a, name: A, kind: party, code: usa}\n", ["actors[0]", "'usa'"]),
    ("actors:\n- {id: a, name: A, kind: person, member_of: nobody}\n", ["actors[0]", "nobody"]),
    ("actors:\n- {id: a, name: A, kind: party, qid: 42418}\n", ["actors[0]", "42418", "Q42418"]),
    ("actors:\n- {id: Bad Id, name: A, kind: party}\n", ["actors[0]", "Bad Id"]),
    ("actors:\n- {id: a, kind: party}\n", ["actors[0]", "'name'"]),
    ("actors:\n- {id: a, name: A, kind: party, alias: [B]}\n", ["actors[0]", "alias"]),
    ("actors:\n- {id: a, name: A, kind: party, aliases: [\"B (C)\"]}\n", ["'a'", "B (C)"]),
    ("actors: {id: a}\n", ["bad.yaml", "'actors' list"]),
    ("actors: [\n", ["bad.yaml", "YAML"]),
]


@pytest.mark.parametrize("text,needles", BAD, ids=[b[1][-1] for b in BAD])
def test_validation_errors_name_file_entry_value(tmp_path: Path, text: str, needles: list[str]) -> None:
    with pytest.raises(ResourceError) as err:
        ActorKB.load(extra_paths=[write(tmp_path / "bad.yaml", text)])
    for needle in needles:
        assert needle in str(err.value)
    assert err.value.reason == "resource"


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="nope.yaml"):
        ActorKB.load(extra_paths=[tmp_path / "nope.yaml"])


def test_not_actors_section_is_validated(tmp_path: Path) -> None:
    from hoopoe.resolve.actor_data import read_ambiguous

    good = write(tmp_path / "amb.yaml", "ambiguous: []\nnot_actors:\n- {phrases: [Niger delta], note: river}\n")
    assert read_ambiguous(good) == ({}, ("Niger delta",))
    bad = write(tmp_path / "bad.yaml", "not_actors:\n- {phrase: [Niger delta]}\n")
    with pytest.raises(ResourceError, match=r"bad.yaml: not_actors\[0\]"):
        read_ambiguous(bad)
    kb = ActorKB.load()
    with pytest.raises(ResourceError, match="not_actors phrase"):
        ActorKB(list(kb), kb.composition, kb.roles, not_actors=["Niger (delta)"])


def test_shipped_files_are_parsed_with_libyaml_when_available() -> None:
    """The C parser is what keeps loading the world's actors at about a fifth of a second (bench/bench_actors.py);
    PyYAML built without libyaml falls back to the pure-Python parser (about four times slower)."""
    import yaml

    from hoopoe.resolve import actor_data

    expected = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    assert actor_data._LOADER is expected
