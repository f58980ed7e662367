"""The knowledge-base entity layer: typing rules, table-driven, on the blank pipeline (KB layer alone)."""

from __future__ import annotations

import pytest

from hoopoe.eval.nlp import parse_marked, score_spans
from hoopoe.nlp.entities import _name_like, kb_label
from hoopoe.nlp.pipeline import load_nlp


@pytest.mark.parametrize(
    "kind,via,label",
    [("person", "name", "PER"), ("person", "alias", "PER"), ("state", "name", "LOC"), ("state", "capital", "LOC"),
     ("state", "demonym", None), ("armed_group", "alias", "ORG"), ("igo", "name", "ORG"),
     ("military", "composed", None), ("ethnic_group", "name", None), ("generic", "generic", None)],
)
def test_kb_label(kind, via, label):
    assert kb_label(kind, via) == label


@pytest.mark.parametrize(
    "surface,ok",
    [("Islamic State of Iraq and the Levant", True), ("al-Qaeda", True), ("ISIS-K", True),
     ("Indian troops", False), ("Saudi-led coalition", False), ("Taliban government", False),
     ("U.S. Central Command", True)],
)
def test_name_like(surface, ok):
    assert _name_like(surface) is ok


@pytest.fixture(scope="module")
def kb_nlp():
    return load_nlp("blank")


# sentence with the names the KB layer must type (marked up); other names may be missed by the KB alone
KNOWN = [
    "[Taliban|ORG] spokesman [Zabihullah Mujahid|PER] spoke in [Kabul|LOC].",
    "[ISIS-K|ORG] claimed an attack in [Kunduz|LOC], the [U.N.|ORG] said.",
    "[Helmand|LOC], [Panjshir|LOC] and [Doha|LOC] were named.",
    "[Iran|LOC]'s [Revolutionary Guards|ORG] seized a tanker.",
    "Mullah [Mohammad Hassan Akhund|PER] leads the government.",
    "[Hezbollah|ORG] fighters and [Hamas|ORG] militants were seen.",
]


@pytest.mark.parametrize("marked", KNOWN)
def test_known_names_are_typed(kb_nlp, marked):
    text, gold = parse_marked(marked)
    doc = kb_nlp(text)
    got = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    assert set(gold) <= got, (set(gold) - got, got)


def test_descriptions_are_not_names(kb_nlp):
    doc = kb_nlp("Indian troops and the Saudi-led coalition fought Afghan forces.")
    assert [e.text for e in doc.ents] == []


def test_parse_marked_and_score():
    text, spans = parse_marked("[Taliban|ORG] fighters entered [Kunduz|LOC].")
    assert text == "Taliban fighters entered Kunduz."
    assert spans == [(0, 7, "ORG"), (25, 31, "LOC")]
    r = score_spans([spans], [[(0, 7, "ORG"), (25, 31, "PER")]])
    assert (r["tp"], r["fp"], r["fn"]) == (1, 1, 1)
    assert r["per_type"]["LOC"]["r"] == 0.0 and r["per_type"]["ORG"]["f"] == 1.0
    with pytest.raises(ValueError):
        parse_marked("[Taliban|ORG fighters")


def test_event_coding_skips_components_nobody_reads(kb_nlp):
    from hoopoe.nlp.pipeline import unused_by_extractors

    assert unused_by_extractors(kb_nlp) == ["hoopoe_kb_entities"]
