"""Event typing on our own PLOVER-typed sentences (tests/fixtures/plover/own_sentences.tsv): a floor."""

from __future__ import annotations

from collections import Counter

import pytest

from hoopoe.pipeline import default_pipeline, extract
from hoopoe.records import EVENT_TYPES

#: Measured 2026-11-26: 0.89 (73 of 82); session 4: 0.90 (74 of 82). Raise when you improve, never lower silently.
FLOOR = 0.88
#: The second set (own_sentences_2.tsv, 186 sentences written in session 4 before hoopoe was run on them: 65
#: present-day wire sentences, 89 in the style of 1990s-2000s wire copy, 32 probing sentence constructions), typed
#: by PLOVER manual 2.0. First runs 0.737 (115 of 156) and, for the last 30 written after the first rules, 0.60
#: (18 of 30); after the session's rules, which were written while looking at their misses, 0.925 (172 of 186): no
#: longer a held-out figure, a floor against regressions.
FLOOR_2 = 0.91


def _read(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def rows(fixtures_dir):
    return _read(fixtures_dir / "plover" / "own_sentences.tsv")


@pytest.fixture(scope="module")
def rows_2(fixtures_dir):
    return _read(fixtures_dir / "plover" / "own_sentences_2.tsv")


def test_sentences_are_well_formed(rows):
    assert len(rows) >= 80
    assert {gold for gold, _ in rows} == set(EVENT_TYPES)
    assert min(Counter(gold for gold, _ in rows).values()) >= 3


def _accuracy(rows):
    pipe = default_pipeline()
    wrong = []
    for gold, text in rows:
        evs = extract(text, published="2024-05-10", pipeline=pipe).events
        pred = evs[0].event if evs else "none"
        if pred != gold:
            wrong.append((gold, pred, text))
    return 1 - len(wrong) / len(rows), wrong


def test_type_accuracy_floor(rows):
    accuracy, wrong = _accuracy(rows)
    assert accuracy >= FLOOR, f"accuracy {accuracy:.3f} < {FLOOR}; wrong: {wrong}"


def test_second_set_is_well_formed(rows, rows_2):
    assert len(rows_2) >= 180 and all(len(r) == 2 for r in rows_2)
    assert {gold for gold, _ in rows_2} == set(EVENT_TYPES)
    texts = [text for _, text in rows_2]
    assert len(set(texts)) == len(texts) and not set(texts) & {text for _, text in rows}


def test_second_set_floor(rows_2):
    accuracy, wrong = _accuracy(rows_2)
    assert accuracy >= FLOOR_2, f"accuracy {accuracy:.3f} < {FLOOR_2}; wrong: {wrong}"
