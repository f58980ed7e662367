"""GUM person/place/organisation mentions reduced to name spans (the gold of the GUM NER figures)."""

from __future__ import annotations

from hoopoe.nlp.corpora import Sentence, _is_title, gum_sentence_iob

ADJ = frozenset({"French", "Israeli"})


def sent(tokens: list[tuple[str, str, str, str]]) -> Sentence:
    """tokens: (word, UPOS, XPOS, Entity value of MISC or "")"""
    words = [t[0] for t in tokens]
    return Sentence(sent_id="t", words=words, spaces=[True] * len(words), upos=[t[1] for t in tokens],
                    xpos=[t[2] for t in tokens], misc=[f"Entity={t[3]}" if t[3] else "_" for t in tokens])


def test_title_before_a_name_is_not_part_of_it():
    s = sent([("NASA", "PROPN", "NNP", "(1-person-new-x-cf1-1-coref-Charles_Bolden(2-organization-new-x-cf1-1-coref-NASA)"),
              ("Administrator", "PROPN", "NNP", ""), ("Charles", "PROPN", "NNP", ""), ("Bolden", "PROPN", "NNP", "1)"),
              ("spoke", "VERB", "VBD", "")])
    assert gum_sentence_iob(s, ADJ) == ["B-ORG", "", "B-PER", "I-PER", "O"]
    # without the reduction the whole mention was the person's name
    assert gum_sentence_iob(s) == ["B-PER", "I-PER", "I-PER", "I-PER", "O"]


def test_a_role_phrase_is_no_name_but_its_place_is():
    s = sent([("the", "DET", "DT", ""), ("Governor", "PROPN", "NNP", "(3-person-new-x-cf1-1-coref-Bob_McDonnell"),
              ("of", "ADP", "IN", ""), ("Virginia", "PROPN", "NNP", "(4-place-new-x-cf1-1-coref-Virginia)3)")])
    assert gum_sentence_iob(s, ADJ) == ["O", "", "O", "B-LOC"]


def test_a_lone_title_is_left_unannotated_and_a_surname_that_is_a_noun_kept():
    gov = sent([("Governor", "PROPN", "NNP", "(5-person-giv-x-cf1-1-coref)"), ("said", "VERB", "VBD", "")])
    assert gum_sentence_iob(gov, ADJ) == ["", "O"]
    holder = sent([("Eric", "PROPN", "NNP", "(6-person-new-x-cf1-1-coref"), ("Holder", "PROPN", "NNP", "6)")])
    assert gum_sentence_iob(holder, ADJ) == ["B-PER", "I-PER"]
    mr = sent([("Mr.", "PROPN", "NNP", "(7-person-new-x-cf1-1-coref"), ("Roberts", "PROPN", "NNP", "7)")])
    assert gum_sentence_iob(mr, ADJ) == ["", "B-PER"]


def test_groups_are_not_names_of_people():
    s = sent([("Republicans", "PROPN", "NNPS", "(8-person-new-x-cf1-1-coref)"), ("and", "CCONJ", "CC", ""),
              ("the", "DET", "DT", "(9-person-new-x-cf1-1-coref"), ("French", "PROPN", "NNP", "9)")])
    assert gum_sentence_iob(s, ADJ) == ["O", "O", "O", "O"]
    # a single proper noun not known as an adjective stays a name
    s2 = sent([("Dvořák", "PROPN", "NNP", "(10-person-new-x-cf1-1-coref)")])
    assert gum_sentence_iob(s2, ADJ) == ["B-PER"]


def test_titles_are_a_closed_class_hyphen_parts_included():
    assert _is_title("Secretary-General") and _is_title("Gen.") and _is_title("President")
    assert not _is_title("Udvar-Hazy") and not _is_title("-") and not _is_title("Holder")
