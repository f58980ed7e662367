"""hoopoe's news tokenizer rules and sentence segmenter, table-driven. They run on the blank pipeline, so
the rules are tested without the trained model (the trained pipeline applies the same rules)."""

from __future__ import annotations

import pytest

from hoopoe.nlp.pipeline import load_nlp, model_version


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("blank", kb_entities=False)


# text, tokens that must appear whole
WHOLE = [
    ("ISIS-K claimed the attack.", ["ISIS-K"]),
    ("He was a member of al-Qaeda.", ["al-Qaeda"]),
    ("Fighting reached Mazar-i-Sharif on Saturday.", ["Mazar-i-Sharif"]),
    ("al-Shabaab fighters attacked a base.", ["al-Shabaab"]),
    ("Osama Bin Laden was killed in Abbottabad.", ["Bin", "Laden"]),
    ("The U.S. and the U.N. said so.", ["U.S.", "U.N."]),
    ("Gen. Kenneth McKenzie spoke.", ["Gen.", "Kenneth", "McKenzie"]),
    ("Lt. Col. John Smith said.", ["Lt.", "Col."]),
    ("The U.S.-led coalition struck Raqqa.", ["U.S.-led"]),
    ("Tehrik-i-Taliban Pakistan and Jaish-e-Mohammed were named.", ["Tehrik-i-Taliban", "Jaish-e-Mohammed"]),
    ("ISIS-K/Daesh fighters", ["ISIS-K", "/", "Daesh"]),
]


@pytest.mark.parametrize("text,whole", WHOLE)
def test_names_stay_whole(nlp, text, whole):
    toks = [t.text for t in nlp(text)]
    for w in whole:
        assert w in toks, (w, toks)


def test_hyphenated_words_are_not_split(nlp):
    assert [t.text for t in nlp("state-run media")] == ["state-run", "media"]


# text, expected sentences
SENTENCES = [
    ("KABUL, Oct 9 (Reuters) - Taliban fighters seized the town. They said so.",
     ["KABUL, Oct 9 (Reuters) -", "Taliban fighters seized the town.", "They said so."]),
    ("BEIRUT — Hezbollah fired rockets, the army said.", ["BEIRUT —", "Hezbollah fired rockets, the army said."]),
    ("He met Lt. Col. John Smith of the U.S. Army in Kabul. The U.N. said al-Qaeda was active.",
     ["He met Lt. Col. John Smith of the U.S. Army in Kabul.", "The U.N. said al-Qaeda was active."]),
    ("George W. Bush criticized Hugo Chavez on Monday.", ["George W. Bush criticized Hugo Chavez on Monday."]),
    ("George H. W. Bush met Gorbachev. He said so.", ["George H. W. Bush met Gorbachev.", "He said so."]),
    ("They chose Plan B. It rained.", ["They chose Plan B.", "It rained."]),
    ("Gen. Austin and Sen. Reed spoke in Washington. Both left.",
     ["Gen. Austin and Sen. Reed spoke in Washington.", "Both left."]),
    ('"We will fight," he said. "They will lose."', ['"We will fight," he said.', '"They will lose."']),
    ('The attack ended. "There are no casualties left," he said.',
     ["The attack ended.", '"There are no casualties left," he said.']),
    ('He said: "We won." Then he left.', ['He said: "We won."', "Then he left."]),
    ("Troops entered Kunduz. Photo: Reuters", ["Troops entered Kunduz.", "Photo: Reuters"]),
    ("Afghan soldiers patrol in Helmand. Image: U.S. Army. The war ended in 2021.",
     ["Afghan soldiers patrol in Helmand.", "Image: U.S. Army.", "The war ended in 2021."]),
    ("Taliban take Kabul\n\nThe Taliban entered the capital on Sunday.",
     ["Taliban take Kabul", "The Taliban entered the capital on Sunday."]),
    ("The blast hit the U.S. embassy. No one was hurt.", ["The blast hit the U.S. embassy.", "No one was hurt."]),
    ("Police in Quetta (Reuters) said 12 were hurt.", ["Police in Quetta (Reuters) said 12 were hurt."]),
    ("John Smith - who led the team - resigned.", ["John Smith - who led the team - resigned."]),
    ("Kabul (AP) - Gunmen attacked a school.", ["Kabul (AP) -", "Gunmen attacked a school."]),
    ("Evansville, Indiana, United States - An exhibit opened.", ["Evansville, Indiana, United States -", "An exhibit opened."]),
]


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_sentences(nlp, text, expected):
    assert [s.text.strip() for s in nlp(text).sents if s.text.strip()] == expected


def test_blank_pipeline_version(nlp):
    assert model_version(nlp) == "nlp.blank-en.v1"


def test_shipped_pipeline_tokenizes_like_the_rules(nlp):
    from hoopoe.nlp.pipeline import MODEL_DIR

    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip("no trained pipeline in resources/model")
    trained = load_nlp()
    text = ("KABUL, Oct 9 (Reuters) - Lt. Col. Smith of the U.S.-led coalition met ISIS-K and al-Qaeda envoys in "
            "Mazar-i-Sharif. He didn't say. \"We won,\" state-run media said (AP).")
    assert [t.text for t in trained.make_doc(text)] == [t.text for t in nlp.make_doc(text)]
    assert [s.text for s in trained(text).sents] == [s.text for s in nlp(text).sents]


def test_glued_sentence_end_is_split():
    """Scraped text drops the space after a period ("the capital.Saraya Qasioun claimed ..."): spaCy's own infix
    rule splits it, and only the hyphen rule is taken out of spaCy's infixes."""
    from hoopoe.nlp.pipeline import load_nlp

    doc = load_nlp()("Twin bombs hit the capital.Saraya Qasioun claimed responsibility. ISIS-K, al-Qaeda and a,b were named.")
    assert [s.text for s in doc.sents][:2] == ["Twin bombs hit the capital.", "Saraya Qasioun claimed responsibility."]
    words = [t.text for t in doc]
    assert "ISIS-K" in words and "al-Qaeda" in words and words[-7:-3] == ["and", "a", ",", "b"]
