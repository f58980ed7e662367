"""hoopoe_doc_entities: one name, one type, throughout a document."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from hoopoe.nlp.consistency import consistent_entities
from hoopoe.nlp.pipeline import MODEL_DIR, load_nlp

NLP = spacy.blank("en")


def doc_with(text: str, ents: list[tuple[str, str, int]]) -> Doc:
    """ents: (surface, label, which occurrence of the surface, 0-based)"""
    doc = NLP(text)
    for i, t in enumerate(doc):
        t.is_sent_start = i == 0 or doc[i - 1].text == "."
    spans = []
    for surface, label, nth in ents:
        starts = [i for i in range(len(doc)) if doc[i : i + len(surface.split())].text == surface]
        i = starts[nth]
        spans.append(Span(doc, i, i + len(surface.split()), label=label))
    doc.set_ents(spans)
    return doc


def ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_other_mentions_of_a_typed_name_are_marked():
    doc = doc_with("The AHAC met in Montreal . Later the AHAC voted and AHAC rules changed .", [("AHAC", "ORG", 0)])
    assert ents(consistent_entities(doc)) == [("AHAC", "ORG"), ("AHAC", "ORG"), ("AHAC", "ORG")]


def test_the_surname_of_a_person_named_in_full_is_the_person():
    doc = doc_with("Antonin Dvorak wrote it . Dvorak left for America .", [("Antonin Dvorak", "PER", 0)])
    assert ents(consistent_entities(doc)) == [("Antonin Dvorak", "PER"), ("Dvorak", "PER")]


def test_a_strict_majority_retypes_the_odd_mention_and_a_tie_does_not():
    doc = doc_with("Dvorak came . Dvorak went . Dvorak stayed .", [("Dvorak", "PER", 0), ("Dvorak", "PER", 1), ("Dvorak", "ORG", 2)])
    assert [lab for _, lab in ents(consistent_entities(doc))] == ["PER", "PER", "PER"]
    tie = doc_with("Jordan came . Jordan went .", [("Jordan", "PER", 0), ("Jordan", "LOC", 1)])
    assert [lab for _, lab in ents(consistent_entities(tie))] == ["PER", "LOC"]


def test_no_mark_inside_a_longer_name_on_a_stop_word_or_lower_case():
    doc = doc_with("Montreal is cold . The Montreal Hockey Club won . montreal fans cheered .", [("Montreal", "LOC", 0)])
    assert ents(consistent_entities(doc)) == [("Montreal", "LOC")]
    we = doc_with("We said so . We left .", [("We", "ORG", 0)])
    assert ents(consistent_entities(we)) == [("We", "ORG")]


def test_the_shipped_pipeline_runs_it_after_the_ner():
    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip("no trained pipeline installed")
    names = load_nlp().pipe_names
    assert names.index("hoopoe_doc_entities") == names.index("ner") + 1
    doc = load_nlp()("Suhail Shaheen spoke in Doha on Saturday. Shaheen said the Taliban would not cooperate.")
    assert ("Shaheen", "PER") in [(e.text, e.label_) for e in doc.ents]


def test_an_acronym_defined_after_a_name_takes_its_type_everywhere():
    doc = doc_with("The Amateur Hockey Association of Canada ( AHAC ) was founded . The AHAC grew .",
                   [("Amateur Hockey Association of Canada", "ORG", 0)])
    assert ents(consistent_entities(doc)) == [("Amateur Hockey Association of Canada", "ORG"), ("AHAC", "ORG"), ("AHAC", "ORG")]
    wrong = doc_with("The Amateur Hockey Association of Canada ( NHL ) was founded .", [("Amateur Hockey Association of Canada", "ORG", 0)])
    assert ents(consistent_entities(wrong)) == [("Amateur Hockey Association of Canada", "ORG")]
