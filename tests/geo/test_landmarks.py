"""A landmark named after its town ("Notre Dame de Nice") is in that town, not a namesake abroad."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,place,country", [
    ("Three people were killed in a knife attack at Notre Dame de Nice on Thursday.", "Nice", "FRA"),
    ("Pilgrims gathered at Notre Dame de Paris on Sunday.", "Paris", "FRA"),
])
def test_landmark_of_a_town(geocoder, text, place, country):
    places = geocoder.geoparse(text)
    assert [(p.name, p.country) for p in places] == [(place, country)]


def test_two_places_joined_by_in_stay_when_they_agree(geocoder):
    places = geocoder.geoparse("Protesters marched in Kabul, in Afghanistan, on Friday.")
    assert {p.country for p in places} == {"AFG"} and len(places) == 2
