"""Pairwise and B-cubed scores on hand-computed clusterings, and the corpus loader's errors."""

from __future__ import annotations

import pytest

from hoopoe.errors import BadRecord, MissingFile
from hoopoe.eval.dedup import bcubed, load_corpus, pairwise

GOLD = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Z"}


def test_perfect():
    assert pairwise(GOLD, GOLD) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert bcubed(GOLD, GOLD) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_one_split_and_one_false_merge():
    pred = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "3"}
    # gold pairs: ab ac bc; predicted pairs: ab cd -> tp 1 (ab), fp 1 (cd), fn 2 (ac bc)
    assert pairwise(pred, GOLD) == {"precision": 0.5, "recall": 0.3333, "f1": 0.4}
    # B-cubed per item (precision, recall): a (1, 2/3) b (1, 2/3) c (1/2, 1/3) d (1/2, 1) e (1, 1)
    p = (1 + 1 + 0.5 + 0.5 + 1) / 5
    r = (2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5
    f = 2 * p * r / (p + r)
    assert bcubed(pred, GOLD) == {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def test_all_singletons_and_all_in_one():
    single = {k: k for k in GOLD}
    assert pairwise(single, GOLD) == {"precision": 1.0, "recall": 0.0, "f1": 0.0}
    assert bcubed(single, GOLD)["precision"] == 1.0
    assert bcubed(single, GOLD)["recall"] == pytest.approx((1 / 3 * 3 + 1 + 1) / 5, abs=1e-4)
    one = {k: "all" for k in GOLD}
    assert pairwise(one, GOLD) == {"precision": 0.3, "recall": 1.0, "f1": 0.4615}  # 3 of 10 pairs right
    assert bcubed(one, GOLD)["recall"] == 1.0
    assert bcubed(one, GOLD)["precision"] == pytest.approx((3 / 5 * 3 + 1 / 5 + 1 / 5) / 5, abs=1e-4)


def test_corpus_errors(tmp_path):
    with pytest.raises(MissingFile):
        load_corpus(tmp_path / "none.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x", "published": "2023-01-01", "cluster": "c"}\n{"id": "b", "text": "y"}\n')
    with pytest.raises(BadRecord, match=r"bad.jsonl:2: missing published, cluster"):
        load_corpus(bad)
    bad.write_text('{"id": "a", "text": "x", "published": "01/02/2023", "cluster": "c"}\n')
    with pytest.raises(BadRecord, match="is not YYYY-MM-DD"):
        load_corpus(bad)
    bad.write_text('{"id": "a", "text": "x", "published": "2023-01-02", "cluster": "c"}\n' * 2)
    with pytest.raises(BadRecord, match="duplicate id"):
        load_corpus(bad)
    bad.write_text("not json\n")
    with pytest.raises(BadRecord, match="not JSON"):
        load_corpus(bad)
