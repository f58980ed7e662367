"""Document coherence: when other places of a text resolve confidently, a weak candidate (an alternate name,
or a small town) in a country no other place is in, far from them, loses; with no better candidate the
name stays unresolved."""

from __future__ import annotations

import pytest
from geo_helpers import assert_not_a_place, places


@pytest.mark.parametrize("text, dropped, kept", [
    # Arbin, a suburb of Damascus, is not in the gazetteer; Arbin, France is a weak far-away namesake
    ("Gunmen attacked Arbin south of Damascus on Monday.", "Arbin", {"Damascus": ("Damascus", "SYR")}),
    # "Arab" as a place is a small town in Alabama
    ("Two Arab workers were hurt in Haifa on Sunday.", "Arab", {"Haifa": ("Haifa", "ISR")}),
])
def test_weak_far_away_candidate_loses(geocoder, text, dropped, kept):
    assert_not_a_place(geocoder, text, dropped, kept)


@pytest.mark.parametrize("text, name, want", [
    # a small town in the country the other places are in
    ("Clashes were reported in Sangin, Helmand.", "Sangin", ("Sangīn", "AFG")),
    # a small town in another country than the confident place, but another name of the text has a
    # namesake near it (Peru, Indiana): the text can be read around it
    ("Fans in Peru and Wabash celebrated the win.", "Wabash", ("Wabash", "USA")),
    # a strong place abroad is not weak
    ("Officials in Baghdad spoke to Paris by phone.", "Paris", ("Paris", "FRA")),
    # with no confident place in the text there is nothing to cohere with
    ("Storms hit Arbin overnight.", "Arbin", ("Arbin", "FRA")),
])
def test_coherent_or_strong_candidates_stay(geocoder, text, name, want):
    assert places(geocoder, text)[name] == want


def test_places_inside_names_do_not_anchor_a_text(geocoder):
    # "Jordan" inside a school's name is no evidence that the text is about the country Jordan
    text = "Teachers at the Jordan School of Music thanked donors in Wabash."
    assert places(geocoder, text)["Wabash"] == ("Wabash", "USA")


def test_confident_and_weak():
    from hoopoe.geo import Geocoder

    geo = Geocoder.default()
    baghdad = geo.gaz.lookup("Baghdad")[0].entry
    assert geo._confident(baghdad, "Baghdad") and not geo._weak(baghdad, "Baghdad")
    arab = geo.gaz.lookup("Arab")[0].entry
    assert geo._weak(arab, "Arab") and not geo._confident(arab, "Arab")


def test_places_inside_names_inform_the_others(geocoder):
    # "Texas" in an agency's name is not where anything happened, but it says which Paris is meant
    text = "A spokesman for the Texas Department of Public Safety said the crash near Paris killed two."
    got = places(geocoder, text)
    assert "Texas" not in got and got["Paris"] == ("Paris", "USA")
    assert places(geocoder, text, names=True)["Texas"] == ("Texas", "USA")


def test_spelling_variant_of_a_large_city_holds_against_a_far_capital():
    """A transliteration matched as an alternate name ("Mazar-i-Sharif" for Mazār-e Sharīf) is not a weak
    resolution: a story filed in Washington about northern Afghanistan keeps both places."""
    from hoopoe.pipeline import default_pipeline, extract

    doc = extract("Officials in Washington said Taliban fighters entered Mazar-i-Sharif on Saturday.",
                  published="2021-08-15", pipeline=default_pipeline())
    assert {p.country for p in doc.places} == {"USA", "AFG"}


def test_hyphenated_names_with_particles_are_one_toponym():
    from hoopoe.pipeline import default_pipeline, extract

    doc = extract("Gangs torched a police station in Port-au-Prince on Monday.", published="2024-03-05",
                  pipeline=default_pipeline())
    assert [p.country for p in doc.places] == ["HTI"]
