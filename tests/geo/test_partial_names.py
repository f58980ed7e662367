"""A capitalised word after a place does not always continue its name: a day or a month dates the sentence."""

from __future__ import annotations

import pytest


def places(geo, text):
    return {p.text: (p.name, p.country) for p in geo.geoparse(text)}


@pytest.mark.parametrize("text, place", [
    ("Ships waited off Tartus March 3 as talks began in Geneva.", "Tartus"),
    ("Rain fell on Steubenville Tuesday.", "Steubenville"),
])
def test_day_and_month_names_do_not_continue_a_name(geocoder, text, place):
    assert place in places(geocoder, text)
