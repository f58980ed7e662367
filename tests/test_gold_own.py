"""Integrity of the project's own gold files (tests/fixtures/gold/*.json, in the format of shared/gold/).

Each gold file must have the structure the scorers read (shared/tools/score_article.py and hoopoe.eval.events),
refer only to actors and places it declares, use PLOVER 2.0 types, modes and contexts, keep its dates inside
the article's time line, and quote only text that its article really contains. Scores are pinned elsewhere.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

import hoopoe
from hoopoe.eval.events import GoldArticle

GOLD_DIR = Path(__file__).resolve().parent / "fixtures" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
PLOVER = yaml.safe_load((Path(hoopoe.__file__).parent / "resources" / "plover" / "plover.yaml").read_text(encoding="utf-8"))
TYPES = set(PLOVER["types"])
CONTEXTS = set(PLOVER["contexts"])

TOP_KEYS = {"article", "actors", "places", "required_events", "optional_events", "quotes", "commitments"}
EVENT_KEYS = {"id", "type", "type_any", "mode_any", "actor1", "actor1_any", "actor2", "actor2_any", "place", "date",
              "killed", "wounded", "claimed_by", "reported_by_any", "speaker", "modality_any", "context_any",
              "evidence", "note"}
MODALITIES = {"asserted", "negated", "future", "expected", "planned", "hypothetical", "historical"}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _article_text(path: Path, gold: dict) -> str:
    return (path.parent / gold["article"]["file"]).read_text(encoding="utf-8")


def _day(s: str) -> date:
    return date.fromisoformat(s)


def _ids(x) -> list[str]:
    return [] if x is None else [x] if isinstance(x, str) else list(x)


def _events(gold: dict) -> list[dict]:
    return gold["required_events"] + gold["optional_events"]


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def test_there_are_gold_files_of_our_own():
    assert len(GOLD_FILES) >= 4, "the issue asks for at least four hand-written gold articles"
    for path in GOLD_FILES:
        assert (path.parent / _load(path)["article"]["file"]).is_file(), f"{path.name}: article file missing"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_top_level_structure(path):
    gold = _load(path)
    assert TOP_KEYS <= set(gold), f"missing keys: {TOP_KEYS - set(gold)}"
    art = gold["article"]
    assert isinstance(art["file"], str) and art["file"].endswith(".txt")
    _day(art["published"])
    assert gold["required_events"], "a gold file needs at least one required event"
    for key in ("actors", "places", "required_events", "optional_events", "quotes", "commitments"):
        assert isinstance(gold[key], list), key
    ids = [a["id"] for a in gold["actors"]]
    assert len(ids) == len(set(ids)), "duplicate actor ids"
    for a in gold["actors"]:
        assert isinstance(a["aliases"], list) and a["aliases"], f"actor {a['id']} has no aliases"
        assert all(isinstance(x, str) and x.strip() for x in a["aliases"])
        if "member_of" in a:
            assert a["member_of"] in ids, f"actor {a['id']}: member_of {a['member_of']!r} is not declared"
    names = [_norm(p["name"]) for p in gold["places"]]
    assert len(names) == len(set(names)), "duplicate place names"
    for p in gold["places"]:
        assert ("lat" in p) == ("lon" in p), f"place {p['name']}: lat and lon go together"
        if "lat" in p:
            assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
    event_ids = [e["id"] for e in _events(gold)]
    assert len(event_ids) == len(set(event_ids)), "duplicate event ids"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_events_use_declared_actors_places_and_plover_codes(path):
    gold = _load(path)
    actors = {a["id"] for a in gold["actors"]}
    places = {_norm(p["name"]) for p in gold["places"]}
    published = _day(gold["article"]["published"])
    for ev in _events(gold):
        where = f"{path.name}:{ev['id']}"
        assert set(ev) <= EVENT_KEYS, f"{where}: unknown keys {set(ev) - EVENT_KEYS}"
        types = {ev["type"], *ev.get("type_any", [])}
        assert types <= TYPES, f"{where}: not PLOVER 2.0 types: {types - TYPES}"
        if "type_any" in ev:
            assert ev["type"] in ev["type_any"], f"{where}: type must be one of type_any"
        valid_modes = set().union(*(PLOVER["types"][t]["modes"] for t in types))
        assert set(ev.get("mode_any", [])) <= valid_modes, f"{where}: modes {ev['mode_any']} not valid for {types}"
        assert set(ev.get("context_any", [])) <= CONTEXTS, f"{where}: unknown contexts"
        for role in ("actor1", "actor2", "claimed_by", "speaker"):
            for i in _ids(ev.get(role)) + _ids(ev.get(role + "_any")):
                assert i in actors, f"{where}: {role} {i!r} is not a declared actor"
        if "place" in ev:
            assert _norm(ev["place"]["name"]) in places, f"{where}: place {ev['place']['name']!r} is not declared"
            assert ev["place"].get("max_km", 50) > 0
        if "date" in ev:
            start, end = _day(ev["date"]["start"]), _day(ev["date"]["end"])
            assert start <= end <= published, f"{where}: date range outside the article's time line"
        for k in ("killed", "wounded"):
            if k in ev:
                assert ev[k]["min_any"] and all(isinstance(n, int) and n >= 0 for n in ev[k]["min_any"])
        assert all(isinstance(s, str) and s for s in ev.get("reported_by_any", []))
        assert {m.lower() for m in ev.get("modality_any", [])} <= MODALITIES


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_quotes_and_commitments_refer_to_declared_actors(path):
    gold = _load(path)
    actors = {a["id"] for a in gold["actors"]}
    for q in gold["quotes"]:
        assert q["speaker"] in actors and q["contains"].strip()
    for c in gold["commitments"]:
        assert c["actor"] in actors and c["contains"].strip()
        assert c.get("counterpart") is None or c["counterpart"] in actors
        if "made" in c:
            assert _day(c["made"]["start"]) <= _day(c["made"]["end"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_evidence_occurs_in_the_article(path):
    """Every quoted string (event evidence, quote and commitment text) is verbatim in the article."""
    gold = _load(path)
    text = _article_text(path, gold)
    strings = [(f"event {e['id']}", e["evidence"]) for e in _events(gold) if "evidence" in e]
    strings += [(f"quote of {q['speaker']}", q["contains"]) for q in gold["quotes"]]
    strings += [(f"commitment of {c['actor']}", c["contains"]) for c in gold["commitments"]]
    assert len(strings) >= len(gold["required_events"])
    missing = [(what, s) for what, s in strings if s not in text]
    assert not missing, f"{path.name}: not in the article: {missing}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_event_has_evidence_and_an_anchor(path):
    """The scorers match a prediction to a gold event on an anchor (actor, recipient, place or date); a gold
    event without one would absorb any prediction of its type and hide spurious output."""
    for ev in _events(_load(path)):
        assert ev.get("evidence"), f"{ev['id']}: no evidence"
        assert any(k in ev for k in ("actor1", "actor1_any", "actor2", "actor2_any", "place", "date")), ev["id"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_project_scorer_reads_it(path):
    gold = GoldArticle.load(path)
    assert gold.article_path().is_file()
    assert gold.actor_names and all(gold.actor_names.values())
    # a document with no events scores zero recall, without errors
    from hoopoe.eval.events import score_document
    report = score_document(gold, {"events": [], "quotes": [], "commitments": []})
    assert report["recall"] == 0.0 and report["found"] == 0 and report["required"] == len(gold.data["required_events"])
