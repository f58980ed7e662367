"""The bundled sample articles are our own writing: none repeats a sentence of the seed article."""

from __future__ import annotations

import json
import re

import pytest

from hoopoe.demo import SAMPLES


def sentences(text: str) -> set[str]:
    return {s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.strip()) > 40}


def test_samples_are_well_formed():
    records = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 7
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert r["text"].strip() and r["title"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"])


@pytest.mark.shared
def test_samples_do_not_copy_the_seed_article(shared_dir):
    seed = sentences((shared_dir / "corpus" / "kunduz-2021-10.txt").read_text(encoding="utf-8"))
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert not sentences(rec["text"]) & seed, rec["id"]
