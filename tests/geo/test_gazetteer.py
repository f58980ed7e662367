from __future__ import annotations

import pytest
import yaml

from hoopoe.errors import MissingFile, ResourceError
from hoopoe.geo import Gazetteer, build_geonames_gazetteer, fold
from hoopoe.geo.build import RESOURCES, resource_text

KINDS = {"city", "admin1", "admin2", "country", "region", "continent"}


@pytest.mark.parametrize("raw, key", [("Kunduz", "kunduz"), ("São Paulo", "sao paulo"), ("U.S.", "us"),
                                      ("Winston-Salem", "winston salem"), ("  New   York ", "new york")])
def test_fold(raw, key):
    assert fold(raw) == key


def test_resources_integrity():
    curated = yaml.safe_load(resource_text("curated.yaml"))
    for iso3, names in curated["country_aliases"].items():
        assert len(iso3) == 3 and iso3.isupper() and names and all(isinstance(n, str) for n in names)
    assert all(len(v) == 3 and isinstance(k, str) for k, v in curated["demonyms"].items())
    for r in curated["regions"]:
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180 and r["name"]
    a1 = {line.split("\t")[0] for line in resource_text("admin1CodesASCII.txt").splitlines()}
    a2 = {line.split("\t")[0] for line in resource_text("admin2Codes.txt").splitlines()}
    assert len(a1) > 3800 and len(a2) > 44000
    for code in list(curated["admin_aliases"]) + list(curated["ap_abbreviations"]):
        assert code in a1 or code in a2, code
    lex = yaml.safe_load(resource_text("lexicon.yaml"))
    for name, words in lex.items():
        items = list(words) if isinstance(words, dict) else words
        assert all(isinstance(w, str) and w for w in items), name
        assert len(items) == len(set(items)), f"duplicates in {name}"
    assert all(set(k) <= KINDS for k in lex["designators"].values())
    assert (RESOURCES / "README.md").read_text().count("GeoNames") >= 2


def test_embedded_lookup(geocoder):
    gaz = geocoder.gaz
    kunduz = {e.geonameid: e for e in gaz.candidates("KUNDUZ")}
    assert kunduz[1135689].kind == "city" and kunduz[1135689].country == "AFG"
    assert kunduz[1135690].kind == "admin1" and kunduz[1135690].admin1_code == "AF.24"
    assert gaz.candidates("Panjshir Valley")[0].admin1_code == "AF.42"
    assert gaz.candidates("Britain")[0].country == "GBR"
    assert gaz.candidates("W.Va.")[0].admin1_code == "US.WV"
    assert gaz.candidates("Laurel County")[0].kind == "admin2"
    assert gaz.by_code("country", "USA").name == "United States"
    assert gaz.demonym("Afghans") == "AFG" and gaz.demonym("Kabul") is None


class _CountingConnection:
    """A gazetteer's SQLite connection that counts the queries sent to it."""

    def __init__(self, conn) -> None:
        self.conn, self.queries = conn, 0

    def execute(self, *args):
        self.queries += 1
        return self.conn.execute(*args)


def test_lookups_are_memoised_and_the_memo_is_bounded(geocoder, monkeypatch):
    import hoopoe.geo.gazetteer as gazetteer_module

    gaz = Gazetteer.open(geocoder.gaz.path)  # its own instance: the memo is per instance
    counting = gaz._conn = _CountingConnection(gaz._conn)
    try:
        first = gaz.candidates("Alexandria")
        asked = counting.queries
        for _ in range(100):
            assert gaz.candidates("Alexandria") == first and gaz.candidates("ALEXANDRIA") == first
        assert counting.queries == asked  # answered from the memo, not from SQLite
        monkeypatch.setattr(gazetteer_module, "CACHE_LIMIT", 5)
        for name in ["Kabul", "Kunduz", "Herat", "Balkh", "Ghazni", "Khost", "Paktia", "Zabul", "Afghan", "Pakistani"]:
            gaz.candidates(name)
            gaz.demonym(name)
            assert len(gaz._cache) <= 5 and len(gaz._demonyms) <= 5
        # answers stay right after the memo started over
        assert gaz.candidates("Kunduz")[0].country == "AFG" and gaz.demonym("Pakistani") == "PAK"
    finally:
        counting.conn.close()


def test_open_missing_file_is_resource_error(tmp_path):
    with pytest.raises(ResourceError, match="not found"):
        Gazetteer.open(tmp_path / "nope.sqlite")


DUMP = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 a1 a2 a3 a4 pop elev dem tz date
    (1135689, "Kunduz", "Kunduz", "Kondoz,Qunduz", 36.72896, 68.857, "P", "PPLA", "AF", "", "24", "", "", "",
     161902),
    (1135690, "Kunduz", "Kunduz", "Velayat-e Kondoz", 36.75, 68.75, "A", "ADM1", "AF", "", "24", "", "", "",
     1000000),
    (1149361, "Afghanistan", "Afghanistan", "Afganistan", 33.0, 66.0, "A", "PCLI", "AF", "", "00", "", "", "",
     37172386),
    (1138958, "Kabul", "Kabul", "Kabol", 34.52813, 69.17233, "P", "PPLC", "AF", "", "13", "", "", "", 4434550),
    (1135000, "Some Mountain", "Some Mountain", "", 35.0, 69.0, "T", "MT", "AF", "", "", "", "", "", 0),
]


def test_build_geonames_gazetteer_from_tiny_dump(tmp_path, geocoder):
    dump = tmp_path / "AF.txt"
    dump.write_text("".join("\t".join(map(str, row)) + "\t\t0\tAsia/Kabul\t2020-01-01\n" for row in DUMP))
    out = build_geonames_gazetteer(dump, tmp_path / "g.sqlite")
    gaz = Gazetteer.open(out)
    assert gaz.backend == "geonames" and len(gaz) == 4  # the mountain (class T) is left out
    assert {e.kind for e in gaz.candidates("Qunduz")} == {"city"}
    assert gaz.candidates("Kunduz")[0].admin1 == "Kunduz"
    assert gaz.candidates("Afghanistan")[0].kind == "country"
    from hoopoe.geo import Geocoder

    place = Geocoder(gaz).resolve("Kunduz")
    assert place.geonameid == 1135689 and place.precision == 1


def test_build_geonames_rejects_missing_and_bad_files(tmp_path):
    with pytest.raises(MissingFile):
        build_geonames_gazetteer(tmp_path / "absent.txt", tmp_path / "g.sqlite")
    bad = tmp_path / "bad.txt"
    bad.write_text("not\ta\tdump\n")
    with pytest.raises(ResourceError, match="bad.txt:1"):
        build_geonames_gazetteer(bad, tmp_path / "g.sqlite")
