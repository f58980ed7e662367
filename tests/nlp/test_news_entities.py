"""Entities on hoopoe's own annotated news sentences (tests/fixtures/nlp/news_entities.txt: conflicts in South
and Central Asia and the Middle East), scored with the pipeline hoopoe loads by default."""

from __future__ import annotations

import pytest

from hoopoe.eval.nlp import read_marked, score_news
from hoopoe.nlp.pipeline import load_nlp

#: With the knowledge-base layer: measured F1 0.924 with hoopoe_en 1.0.0, 0.934 with 1.1.0, 0.916 with 1.2.0
#: (0.902 with the KB layer alone on the blank pipeline); the bar of issue #3 is 0.85. Pinned a little under
#: what it measured. 1.2.0's NER (a shallower encoder, chosen for speed at equal dev F) misses four of the 167
#: names that 1.1.0 found ("Fordow", "Friendship Bridge", "Anbar" taken as "Anbar province", "Geir Pedersen" cut
#: to "Pedersen"), adds "Clashes" (PER) and "jets" (ORG) and drops two old errors, so the floor went 0.92 -> 0.90.
FLOOR_WITH_KB = 0.90
#: The statistical NER alone on the same sentences: measured 0.686 (1.0.0), 0.716 (1.1.0), 0.676 (1.2.0).
FLOOR_STATISTICAL = 0.66


@pytest.fixture(scope="module")
def news(fixtures_dir):
    return fixtures_dir / "nlp" / "news_entities.txt"


def test_news_set_is_annotated(news):
    items = read_marked(news)
    assert len(items) >= 60
    labels = {lab for _, spans in items for _, _, lab in spans}
    assert labels == {"PER", "ORG", "LOC"}
    for text, spans in items:
        for s, e, _ in spans:
            assert text[s:e] == text[s:e].strip() and e > s


def test_news_entities_with_kb_layer(news):
    r = score_news(load_nlp(), news, kb=True)
    assert r["f"] >= FLOOR_WITH_KB, r


def test_news_entities_statistical_alone(news):
    nlp = load_nlp()
    if "ner" not in nlp.pipe_names:
        pytest.skip("no statistical NER in the loaded pipeline")
    r = score_news(nlp, news, kb=False)
    assert r["f"] >= FLOOR_STATISTICAL, r
