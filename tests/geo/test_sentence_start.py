"""An ordinary English word that starts a sentence is capitalised because it starts the sentence: it is a
toponym only on strong evidence (a country, first-level region, capital or large city by its main name, or
a following ", <country or region>")."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from geo_helpers import assert_not_a_place, places

from hoopoe.geo.recognize import Lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, word, kept", [
    # ordinary words that are also the names of small towns somewhere: not places here
    ("Bright sunshine returned to Lisbon on Sunday.", "Bright", {"Lisbon": ("Lisbon", "PRT")}),
    ("Battle lines were drawn in Mosul.", "Battle", {"Mosul": ("Mosul", "IRQ")}),
    ("Comfort food sales rose.", "Comfort", {}),
    ("Snow fell overnight. Crane operators stopped work in Rotterdam.", "Crane",
     {"Rotterdam": ("Rotterdam", "NLD")}),
])
def test_ordinary_word_at_sentence_start_is_not_a_place(geocoder, text, word, kept):
    assert_not_a_place(geocoder, text, word, kept)


@pytest.mark.parametrize("text, word, want", [
    ("Cork was flooded again on Friday.", "Cork", ("Cork", "IRL")),  # a large city by its main name
    ("Comfort, Texas, lost power overnight.", "Comfort", ("Comfort", "USA")),  # ", <region>" follows
    ("Storms hit Bright overnight.", "Bright", ("Bright", "USA")),  # not at a sentence's start
])
def test_ordinary_word_with_evidence_stays_a_place(geocoder, text, word, want):
    assert places(geocoder, text)[word] == want


def test_the_word_list_is_loaded_and_holds_words_not_names():
    words = Lexicon.load().ordinary_words
    assert len(words) > 5000
    assert {"twin", "green", "reading", "battle"} <= words
    assert not {"london", "paris", "kabul", "baghdad"} & words


@pytest.mark.shared
def test_the_shipped_word_list_is_what_the_script_builds(shared_dir):
    spec = importlib.util.spec_from_file_location("build_common_words", ROOT / "scripts" / "build_common_words.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    shipped = ROOT / "src" / "hoopoe" / "resources" / "geo" / "common_words.txt"
    assert mod.render(shared_dir) == shipped.read_text(encoding="utf-8"), \
        "common_words.txt is out of date: run scripts/build_common_words.py"
