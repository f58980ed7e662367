from __future__ import annotations

import pytest

from hoopoe.geo import Geocoder


def places(geo, text, **kw):
    return {p.text: p for p in geo.geoparse(text, **kw)}


def test_resolve_seed_places(geocoder):
    assert geocoder.resolve("Kunduz", context_countries=("AFG",)).geonameid == 1135689
    assert geocoder.resolve("Kabul").geonameid == 1138958
    assert geocoder.resolve("Doha").geonameid == 290030
    panjshir = geocoder.resolve("Panjshir Valley")
    assert panjshir.feature == "admin1" and panjshir.name == "Panjshir" and panjshir.precision == 3
    for name, iso3 in [("Afghanistan", "AFG"), ("Pakistan", "PAK"), ("China", "CHN"), ("United States", "USA")]:
        p = geocoder.resolve(name)
        assert (p.feature, p.country, p.precision) == ("country", iso3, 3)
    assert geocoder.resolve("Xqzzyville") is None
    assert geocoder.version == "geocode.geonames.v1"


def test_seed_article(geocoder, shared_dir):
    text = (shared_dir / "corpus" / "kunduz-2021-10.txt").read_text()
    got = {p.name: p for p in geocoder.geoparse(text)}
    assert got["Kunduz"].geonameid == 1135689 and got["Kunduz"].precision == 1
    assert got["Kabul"].geonameid == 1138958 and got["Doha"].geonameid == 290030
    assert got["Panjshir"].feature == "admin1" and got["Panjshir"].country == "AFG"
    for name in ("Afghanistan", "China", "United States"):
        assert got[name].feature == "country" and got[name].precision == 3
    for p in got.values():
        assert all(text[s:e] for s, e in p.mentions)


def test_hierarchy_and_context_choose_the_right_namesake(geocoder):
    got = places(geocoder, "A fire broke out in Alexandria, Louisiana, on Monday.")
    assert got["Alexandria"].admin1 == "Louisiana" and got["Alexandria"].country == "USA"
    got = places(geocoder, "Kunduz, a city in northeastern Afghanistan, was hit again.")
    assert got["Kunduz"].geonameid == 1135689 and got["Afghanistan"].precision == 3
    got = places(geocoder, "Voters in Atlanta and Savannah, Georgia, went to the polls.")
    assert got["Georgia"].country == "USA"
    got = places(geocoder, "Russian troops entered Georgia near Tbilisi.")
    assert got["Georgia"].country == "GEO"
    assert places(geocoder, "The UK said it would help.")["UK"].country == "GBR"


def test_designators_and_near(geocoder):
    got = places(geocoder, "Clashes in Kunduz Province left five dead near the town of Kohat.")
    assert got["Kunduz Province"].feature == "admin1"
    assert got["Kohat"].country == "PAK" and got["Kohat"].precision == 2
    assert places(geocoder, "Deputies from Laurel County responded.")["Laurel County"].feature == "admin2"


@pytest.mark.parametrize("text, not_places", [
    ("Pakistani Air Force jets struck the area.", {"Pakistani", "Force", "Air"}),
    ("Bakhtar News Agency reported the blast.", {"Bakhtar"}),
    ("He studied at the University of Kabul.", {"Kabul", "University"}),
    ("President Obama met Barack Obama's aides.", {"Obama"}),
    ("Said the minister: we are ready.", {"Said"}),
    ("Mobile phones were banned. The mobile network failed.", {"Mobile"}),
    ("We met Chiquita Henry at the Northern Alliance office on Dublin Road.", {"Henry", "Northern", "Dublin"}),
])
def test_names_that_are_not_toponyms(geocoder, text, not_places):
    assert not set(places(geocoder, text)) & not_places


def test_mobile_mid_sentence_is_the_city(geocoder):
    assert places(geocoder, "Storms hit Mobile, Alabama, overnight.")["Mobile"].admin1 == "Alabama"


def test_exclude_and_spans(geocoder):
    text = "Georgia Power said Kabul was calm."
    assert "Georgia" not in places(geocoder, text, exclude=[(0, 13)])
    got = geocoder.geoparse(text, spans=[(19, 24)])
    assert [p.name for p in got] == ["Kabul"] and got[0].mentions == [(19, 24)]


def test_demonyms_only_on_request(geocoder):
    text = "Afghan officials met in Doha."
    assert "Afghan" not in places(geocoder, text)
    assert places(geocoder, text, demonyms=True)["Afghan"].country == "AFG"


def test_one_place_per_location_with_all_mentions(geocoder):
    got = geocoder.geoparse("Kabul is tense. In Kabul, shops closed.")
    assert len(got) == 1 and got[0].mentions == [(0, 5), (19, 24)]


def test_default_is_loaded_once():
    assert Geocoder.default() is Geocoder.default()
