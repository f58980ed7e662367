"""A weak place that is only a part of a longer landscape or landmark name ("Epping Forest") is not a toponym
unless the rest of the text places it there; a strong place stays one ("Kabul River")."""

from __future__ import annotations

import pytest
from geo_helpers import places


@pytest.mark.parametrize("text, part", [
    ("A fire broke out in Epping Forest.", "Epping"),
    ("Police closed Walton Green after the fire.", "Walton"),
    ("Hikers were rescued on Walton Hill near Madrid.", "Walton"),
])
def test_weak_part_of_a_longer_name_is_not_a_place(geocoder, text, part):
    assert part not in places(geocoder, text)
    found = {text[m.start:m.end]: m for m in geocoder.recognizer.find(text)}
    assert found[part].part  # recognised, marked, and left unresolved


@pytest.mark.parametrize("text, part, want", [
    # the name also stands alone in the text
    ("The ferry docked at Lunenburg Harbour. Lunenburg is a fishing town.", "Lunenburg", ("Lunenburg", "CAN")),
    # another place of the text is in its country
    ("Boats sheltered in Lunenburg Harbour, Nova Scotia.", "Lunenburg", ("Lunenburg", "CAN")),
    # a strong place is a place even inside a longer name
    ("Snow fell on Kabul River villages.", "Kabul", ("Kabul", "AFG")),
])
def test_part_of_a_longer_name_placed_by_the_text(geocoder, text, part, want):
    assert places(geocoder, text)[part] == want


@pytest.mark.parametrize("text, place", [
    ("Ships waited off Tartus March 3 as talks began in Geneva.", "Tartus"),
    ("Rain fell on Steubenville Tuesday.", "Steubenville"),
])
def test_day_and_month_names_do_not_continue_a_name(geocoder, text, place):
    assert place in places(geocoder, text)
