"""Trigger lexicon integrity: every shipped entry loads and is valid for its PLOVER type; inflection tables;
user lexicons through HOOPOE_TRIGGERS; bad user entries raise ResourceError naming the file and the entry."""

from __future__ import annotations

import pytest
import yaml

from hoopoe.errors import ResourceError
from hoopoe.extractors.cues import CUES_FILE, load_cues
from hoopoe.extractors.lexicon import (ARGS, ENTRY_KEYS, IRREGULAR_FILE, TRIGGERS_FILE, Lexicon, inflect,
                                    irregular_past_forms, load_plover, pluralize)
from hoopoe.records import EVENT_TYPES


@pytest.fixture()
def no_user_lexicon(monkeypatch):
    monkeypatch.delenv("HOOPOE_TRIGGERS", raising=False)


def shipped_entries():
    data = yaml.safe_load(TRIGGERS_FILE.read_text(encoding="utf-8"))
    return [(event, entry) for event, entries in data.items() if event != "version" for entry in entries]


def test_every_shipped_entry_loads(no_user_lexicon):
    lex = Lexicon.load()
    assert lex.size == len(shipped_entries())
    assert lex.version == "triggers.v1"


@pytest.mark.parametrize("event,entry", shipped_entries(), ids=lambda x: str(x)[:50])
def test_shipped_entry_is_valid(event, entry):
    plover = load_plover()
    assert event in EVENT_TYPES
    assert set(entry) <= ENTRY_KEYS
    assert sum(k in entry for k in ("verb", "noun", "phrase")) == 1
    assert set(entry.get("mode", ())) <= plover.valid_modes(event)
    assert set(entry.get("context", ())) <= plover.contexts
    assert entry.get("args", "transitive") in ARGS
    for key in ("negated", "negated_only"):
        assert entry.get(key) in (None, *EVENT_TYPES)
    text = str(entry.get("verb") or entry.get("noun") or entry.get("phrase"))
    assert text == text.strip() and text.lower() == text or "VERB:" in text or "NOUN:" in text


def test_every_type_has_triggers():
    assert {event for event, _ in shipped_entries()} == set(EVENT_TYPES)


def test_no_duplicate_entries():
    keys = [(event, kind, str(entry[kind]).lower()) for event, entry in shipped_entries()
            for kind in ("verb", "noun", "phrase") if kind in entry]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes


def test_irregular_table_has_four_forms_per_verb():
    verbs = yaml.safe_load(IRREGULAR_FILE.read_text(encoding="utf-8"))["verbs"]
    assert all(len(forms) == 4 and all(isinstance(f, str) for f in forms) for forms in verbs.values())
    assert {"blew", "blown", "shot", "fought", "met"} <= irregular_past_forms()
    assert "beat" not in irregular_past_forms()  # past equal to the lemma is not evidence of a verb


def test_cues_load_and_are_lower_case():
    cues = load_cues()
    raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    for name, value in raw.items():
        if isinstance(value, list):
            # the YAML boolean trap: unquoted no/on/off would load as False/True
            assert all(isinstance(v, str) for v in value), name
    assert "no" in cues.negation and "on" in cues.recipient_preps and "off" in cues.locative


@pytest.mark.parametrize("lemma,forms", [
    ("bomb", ["bomb", "bombs", "bombed", "bombed", "bombing"]),
    ("stab", ["stab", "stabs", "stabbed", "stabbed", "stabbing"]),
    ("commit", ["commit", "commits", "committed", "committed", "committing"]),
    ("kidnap", ["kidnap", "kidnaps", "kidnapped", "kidnapped", "kidnapping"]),
    ("attack", ["attack", "attacks", "attacked", "attacked", "attacking"]),
    ("visit", ["visit", "visits", "visited", "visited", "visiting"]),
    ("deny", ["deny", "denies", "denied", "denied", "denying"]),
    ("deploy", ["deploy", "deploys", "deployed", "deployed", "deploying"]),
    ("seize", ["seize", "seizes", "seized", "seized", "seizing"]),
    ("flee", ["flee", "flees", "fled", "fled", "fleeing"]),
    ("blow", ["blow", "blows", "blew", "blown", "blowing"]),
    ("crash", ["crash", "crashes", "crashed", "crashed", "crashing"]),
])
def test_inflect(lemma, forms):
    assert inflect(lemma) == forms


@pytest.mark.parametrize("noun,forms", [
    ("attack", ["attack", "attacks"]), ("embargo", ["embargo", "embargos"]), ("ally", ["ally", "allies"]),
    ("air strike", ["air strike", "air strikes"]), ("crash", ["crash", "crashes"]),
])
def test_pluralize(noun, forms):
    assert pluralize(noun) == forms


def test_user_lexicon_adds_a_verb_without_code(tmp_path, monkeypatch):
    from hoopoe.extractors.events import EventCoder
    from hoopoe.pipeline import default_pipeline, extract

    user = tmp_path / "mine.yaml"
    user.write_text("version: mine.v1\nASSAULT:\n  - {verb: pummel, mode: [beat]}\n", encoding="utf-8")
    monkeypatch.setenv("HOOPOE_TRIGGERS", str(user))
    lex = Lexicon.load()
    assert lex.version == "triggers.v1+mine.v1"
    assert any(m.trigger.key == "verb: pummel" for m in lex.match(["police", "pummeled", "them"]))

    pipe = default_pipeline()
    real = pipe.coder
    try:
        pipe.coder = EventCoder(lex)
        doc = extract("Taliban fighters pummeled the protesters in Kabul.", published="2021-10-11", pipeline=pipe)
    finally:
        pipe.coder = real
    (ev,) = doc.events
    assert ev.event == "ASSAULT" and ev.mode == ["beat"] and ev.event_text == "pummeled"


@pytest.mark.parametrize("body,needle", [
    ("ASSAULT:\n  - {verb: pummel, mode: [voting]}\n", "modes ['voting'] are not ASSAULT modes"),
    ("ASSAULT:\n  - {verb: pummel, colour: red}\n", "unknown keys ['colour']"),
    ("ASSAULT:\n  - {verb: pummel, noun: pummelling}\n", "exactly one of verb, noun, phrase"),
    ("ASSAULT:\n  - {verb: pummel, args: sideways}\n", "args 'sideways'"),
    ("ASSAULT:\n  - {verb: pummel, negated: SULK}\n", "negated 'SULK' is not a PLOVER type"),
    ("ASSAULT:\n  - {phrase: \"* pummel\"}\n", "cannot start with *"),
    ("ASSAULT:\n  - pummel\n", "must be a mapping"),
    ("BRAWL:\n  - {verb: pummel}\n", "unknown PLOVER type 'BRAWL'"),
])
def test_bad_user_entry_names_file_and_entry(tmp_path, monkeypatch, body, needle):
    user = tmp_path / "broken.yaml"
    user.write_text(body, encoding="utf-8")
    monkeypatch.setenv("HOOPOE_TRIGGERS", str(user))
    with pytest.raises(ResourceError) as exc:
        Lexicon.load()
    msg = str(exc.value)
    assert "broken.yaml" in msg and needle in msg
    if "pummel" in body and "BRAWL" not in body:
        assert "pummel" in msg  # the entry itself is quoted


def test_missing_and_invalid_user_files(tmp_path, monkeypatch):
    monkeypatch.setenv("HOOPOE_TRIGGERS", str(tmp_path / "absent.yaml"))
    with pytest.raises(ResourceError, match="absent.yaml.*does not exist"):
        Lexicon.load()
    bad = tmp_path / "bad.yaml"
    bad.write_text("ASSAULT: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("HOOPOE_TRIGGERS", str(bad))
    with pytest.raises(ResourceError, match="bad.yaml.*not valid YAML"):
        Lexicon.load()
