"""The golden end-to-end test: the seed article against its hand annotation, with quality floors.

Floors follow trafilatura's eval gate: they are the figures we reach, pinned so a change that lowers them fails.
Raise them when the pipeline improves; never lower them silently.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hoopoe.eval.events import GoldArticle, evaluate_files, score_document

# Pinned on 2026-11-26 (hoopoe 0.1.0): R 1.0, P 0.938, fields 1.0, quotes 2/2, commitments 1/1.
FLOORS = {"recall": 1.0, "precision": 0.93, "fields": 0.95, "quotes": 2, "commitments": 1, "max_spurious": 2}


@pytest.fixture(scope="module")
def seed_report(shared_dir):
    return evaluate_files([shared_dir / "gold" / "kunduz-2021-10.json"])


@pytest.mark.shared
def test_seed_article_meets_the_floors(seed_report):
    r = seed_report
    print(f"seed article: R={r['recall']} P={r['precision']} F1={r['f1']} fields={r['fields']} "
          f"quotes={r['quotes']} commitments={r['commitments']} per_field={r['per_field']}")
    assert r["recall"] >= FLOORS["recall"]
    assert r["precision"] >= FLOORS["precision"]
    assert r["fields"] >= FLOORS["fields"]
    assert r["quotes"][0] >= FLOORS["quotes"]
    assert r["commitments"][0] >= FLOORS["commitments"]
    assert r["spurious"] <= FLOORS["max_spurious"]


@pytest.mark.shared
def test_shared_scorer_agrees(shared_dir, tmp_path):
    """The project's own scorer and shared/tools/score_article.py must agree on the seed article."""
    pred = tmp_path / "pred.json"
    out = subprocess.run([sys.executable, "-m", "hoopoe.cli", "extract", str(shared_dir / "corpus" / "kunduz-2021-10.txt"),
                          "--published", "2021-10-11", "--format", "json"], capture_output=True, text=True, check=True)
    pred.write_text(out.stdout)
    tool = subprocess.run([sys.executable, str(shared_dir / "tools" / "score_article.py"),
                           str(shared_dir / "gold" / "kunduz-2021-10.json"), str(pred), "--json"],
                          capture_output=True, text=True, check=True)
    theirs = json.loads(tool.stdout.strip().splitlines()[-1])
    ours = score_document(GoldArticle.load(shared_dir / "gold" / "kunduz-2021-10.json"), json.loads(out.stdout))
    assert theirs["recall"] == ours["recall"]
    assert theirs["precision"] == ours["precision"]
    assert abs(theirs["fields"] - ours["fields"]) < 1e-6


def test_scorer_on_a_gold_file_of_our_own(tmp_path):
    """The evaluation function itself, on a small gold file we wrote (no ../shared needed)."""
    article = tmp_path / "a.txt"
    article.write_text("On Friday, Taliban fighters attacked a police checkpoint in Ghazni, killing four officers. "
                       "The Taliban's approach is pragmatic.")
    gold = {
        "article": {"file": "a.txt", "published": "2023-05-08"},
        "actors": [{"id": "taliban", "aliases": ["Taliban"]}, {"id": "police", "aliases": ["police", "Police"]}],
        "places": [{"name": "Ghazni", "lat": 33.55, "lon": 68.42}],
        "required_events": [{"id": "ghazni", "type": "ASSAULT", "actor1": "taliban",
                             "place": {"name": "Ghazni", "max_km": 50},
                             "date": {"start": "2023-05-05", "end": "2023-05-05"}, "killed": {"min_any": [4]}}],
        "optional_events": [], "quotes": [], "commitments": [],
    }
    gp = tmp_path / "gold.json"
    gp.write_text(json.dumps(gold))
    r = evaluate_files([gp])
    assert r["recall"] == 1.0 and r["predicted"] == 1
    assert r["per_field"] == {"actor1": 1.0, "date": 1.0, "killed": 1.0, "place": 1.0}
