"""The CAMEO -> PLOVER 2.0 crosswalk: resources/crosswalk/cameo.yaml, its loader and the script that builds it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from hoopoe.errors import HoopoeError, ResourceError
from hoopoe.extractors.crosswalk import (
    CAMEO_FILE,
    CameoEntry,
    cameo_to_plover,
    load_cameo_table,
)

ROOT = Path(__file__).resolve().parents[2]
PLOVER = yaml.safe_load((ROOT / "src" / "hoopoe" / "resources" / "plover" / "plover.yaml").read_text(encoding="utf-8"))

# PLOVER manual draft 2.0, table 7.1 (CAMEO cue category -> PLOVER category), written out independently of the
# build script. 08 is split: 081-083 CONCEDE, 084-087 RETREAT.
TABLE_7_1 = {"01": None, "02": None, "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
             "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
             "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}


def _script():
    spec = importlib.util.spec_from_file_location("build_cameo_crosswalk", ROOT / "scripts" / "build_cameo_crosswalk.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _category_7_1(code: str) -> str | None:
    if code[:2] == "08":
        return "CONCEDE" if len(code) == 2 or code[2] in "0123" else "RETREAT"
    return TABLE_7_1[code[:2]]


@pytest.fixture(scope="module")
def table() -> dict[str, CameoEntry]:
    return load_cameo_table()


def test_every_root_is_present_and_follows_table_7_1(table):
    roots = {c: e for c, e in table.items() if len(c) == 2}
    assert set(roots) == {f"{i:02d}" for i in range(1, 21)}
    for code, entry in roots.items():
        assert entry.event == _category_7_1(code), code
    assert table["01"].dropped and table["02"].dropped
    assert table["19"].event == "ASSAULT" and table["20"].event == "ASSAULT"


def test_codes_are_well_formed_and_hierarchical(table):
    for code, entry in table.items():
        assert re.fullmatch(r"\d{2,4}", code) and entry.code == code
        assert entry.name.strip(), code
        assert code[:2] in table, f"{code}: root missing"
        if len(code) == 4:
            assert code[:3] in table, f"{code}: parent {code[:3]} missing"
    assert len([c for c in table if len(c) > 2]) == 256  # the official table's 257 rows, 175 listed twice


def test_all_events_modes_and_contexts_are_plover_2_0(table):
    contexts = set(PLOVER["contexts"])
    for code, e in table.items():
        if e.dropped:
            assert not e.mode and not e.context
            continue
        assert e.event in PLOVER["types"], code
        assert set(e.mode) <= set(PLOVER["types"][e.event]["modes"]), (code, e.mode)
        assert len(set(e.mode)) == len(e.mode)
        assert set(e.context) <= contexts, (code, e.context)


def test_departures_from_table_7_1_are_explained(table):
    """A code coded otherwise than its cue category (table 7.1) carries a note saying why."""
    departures = {c: e.event for c, e in table.items() if e.event != _category_7_1(c)}
    assert departures == {"035": "CONCEDE", "0351": "CONCEDE", "0352": "CONCEDE", "0353": "CONCEDE",
                          "0354": "CONCEDE", "0355": "CONCEDE", "0356": "CONCEDE", "055": "CONCEDE",
                          "116": "SANCTION", "1712": "ASSAULT", "175": "ASSAULT", "191": "COERCE", "192": "COERCE"}
    for code in departures:
        assert table[code].notes, code


@pytest.mark.parametrize("code, event, modes, context", [
    ("036", "AGREE", (), "diplomatic"),                # future meetings are AGREE (manual 3.2.1)
    ("042", "CONSULT", ("visit",), None),
    ("041", "CONSULT", ("phone",), None),
    ("044", "CONSULT", ("third-party",), None),
    ("057", "SUPPORT", (), "diplomatic"),               # signing agreements is SUPPORT (3.3)
    ("055", "CONCEDE", (), None),                       # apologies are CONCEDE (3.3.2)
    ("073", "AID", (), "human_security"),               # 'humanitarian' is not a 2.0 context
    ("0841", "RETREAT", ("release",), None),
    ("0863", "RETREAT", ("access",), "human_security"),
    ("0871", "RETREAT", ("ceasefire",), "military"),
    ("0813", "CONCEDE", (), None),                      # lifting a curfew is CONCEDE (3.4)
    ("092", "ACCUSE", ("investigate",), "human_rights"),
    ("114", "ACCUSE", ("disapprove",), "diplomatic"),   # diplomatic protests (3.9.2)
    ("1124", "ACCUSE", ("allege",), "legal"),
    ("116", "SANCTION", ("convict",), "legal"),         # convictions (table 3.8)
    ("1053", "REQUEST", ("yield",), None),
    ("125", "REJECT", ("meet",), "diplomatic"),
    ("1384", "THREATEN", ("violence",), "military"),
    ("1322", "THREATEN", ("restrict",), None),          # 'ban' is not a 2.0 mode
    ("145", "PROTEST", ("riot",), None),
    ("1431", "PROTEST", ("strike", "boycott"), None),
    ("154", "MOBILIZE", ("troops",), "military"),
    ("163", "SANCTION", ("discontinue",), "economic"),  # international sanctions (3.13.3)
    ("1663", "SANCTION", ("expel",), None),
    ("173", "COERCE", ("arrest",), None),
    ("174", "COERCE", ("deport",), None),               # deportations of individuals (3.13.2)
    ("1722", "COERCE", ("restrict",), None),
    ("1712", "ASSAULT", ("destroy",), None),
    ("1821", "ASSAULT", ("sexual",), None),
    ("1831", "ASSAULT", ("suicide-attack", "explosives"), None),
    ("1833", "ASSAULT", ("explosives",), None),
    ("186", "ASSAULT", ("targeted",), None),            # 'assassinate' is not a 2.0 mode
    ("193", "ASSAULT", ("firearms",), "military"),
    ("194", "ASSAULT", ("heavy-weapons",), "military"),
    ("195", "ASSAULT", ("aerial",), "military"),
    ("196", "ASSAULT", (), "legal"),
    ("202", "ASSAULT", ("targeted",), "religion_ethnicity"),
    ("2042", "ASSAULT", ("unconventional",), "cbrn"),   # table 7.1 note 1
])
def test_spot_checks_against_the_manual(code, event, modes, context):
    e = cameo_to_plover(code)
    assert e is not None and e.code == code
    assert e.event == event and e.mode == modes
    if context:
        assert context in e.context


def test_unconventional_only_on_weapons_of_mass_destruction(table):
    assert {c for c, e in table.items() if "unconventional" in e.mode} == {"204", "2041", "2042"}


def test_lookup_falls_back_to_the_nearest_listed_parent():
    assert cameo_to_plover("1951").code == "195"       # a later CAMEO addition
    assert cameo_to_plover("155").code == "15"
    assert cameo_to_plover(" 190 ").code == "190"
    assert cameo_to_plover("010") is None               # 01 and 02 are dropped
    assert cameo_to_plover("0243") is None
    assert cameo_to_plover("02") is None


@pytest.mark.parametrize("bad", ["21", "00", "1", "19511", "abc", "", "1 9"])
def test_lookup_rejects_what_is_not_a_code(bad):
    with pytest.raises(HoopoeError) as err:
        cameo_to_plover(bad)
    assert err.value.reason == "bad-cameo-code"
    assert repr(bad) in str(err.value)


def test_lookup_rejects_integers():
    """190 as an int is refused: 030 and 30 would be indistinguishable."""
    with pytest.raises(HoopoeError):
        cameo_to_plover(30)  # type: ignore[arg-type]


def test_a_broken_table_is_a_resource_error(tmp_path):
    bad = tmp_path / "cameo.yaml"
    bad.write_text("version: x\n")
    with pytest.raises(ResourceError, match="cameo.yaml"):
        load_cameo_table(bad)
    with pytest.raises(ResourceError):
        load_cameo_table(tmp_path / "missing.yaml")


def test_notes_record_every_change_from_the_official_row(table):
    """Each entry keeps the official row; an entry whose values differ from it says why."""
    for code, e in table.items():
        if len(code) == 2 or e.official == "not listed":
            continue
        ev, mode, ctx = (p.strip() for p in (e.official.split(",") + ["", ""])[:3])
        same = (ev == e.event and ([mode] if mode else []) == list(e.mode)
                and [c.strip() for c in ctx.split(";") if c.strip()] == list(e.context))
        assert same or e.notes, code


# -- the build script -----------------------------------------------------------------------------------------

SMALL_TABLE = """\
# a table in the official format
03: AGREE
030: AGREE,  , diplomatic # Express intent to cooperate
0333: AGREE,  , humanitarian # Express intent to provide humanitarian aid
08: RETREAT
084: RETREAT,   ,  # Return, release
085: RETREAT, ease,   economic # Ease economic sanctions, boycott, embargo
18: ASSAULT
180: ASSAULT, ,    # Use unconventional violence
185: ASSAULT, assassinate,    # Attempt to assassinate
175: ASSAULT, pro_autocracy , military # Use violent repression
175: ASSAULT, pro_autocracy , military # Use tactics of violent repression
"""


def test_script_cleans_a_table_in_the_official_format():
    mod = _script()
    doc = mod.build(SMALL_TABLE, PLOVER)
    codes = doc["codes"]
    assert codes["0333"]["context"] == ["human_security"] and codes["0333"]["notes"]
    assert codes["085"]["mode"] == [] and "ease" in codes["085"]["notes"][0]
    assert codes["185"]["mode"] == ["targeted"]
    assert codes["175"]["mode"] == [] and codes["175"]["context"] == ["military", "pro_autocracy"]
    assert codes["175"]["name"] == "Use tactics of violent repression"
    assert codes["03"]["event"] == "AGREE" and codes["01"]["event"] is None
    assert list(codes)[:3] == ["01", "02", "03"]


@pytest.mark.parametrize("row, message", [
    ("031: AGREE, visit, diplomatic # Agree to something", "mode 'visit'"),
    ("031: FIGHT, , military # Fight", "not a PLOVER 2.0 type"),
    ("031: AGREE, , happiness # Express joy", "contexts ['happiness']"),
    ("this is not a row", "not a CAMEO row"),
])
def test_script_refuses_values_it_has_no_rule_for(row, message):
    mod = _script()
    with pytest.raises(mod.BuildError, match=re.escape(message)):
        mod.build(SMALL_TABLE + row + "\n", PLOVER)


@pytest.mark.shared
def test_every_official_code_is_in_the_table(shared_dir, table):
    text = (shared_dir / "data" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    official = set(re.findall(r"^(\d{2,4}):", text, flags=re.MULTILINE))
    assert len(official) == 18 + 256  # 18 root headings (08 twice, 01 and 02 absent) and 256 distinct codes
    assert official <= set(table)


@pytest.mark.shared
def test_the_shipped_table_is_what_the_script_builds(shared_dir):
    mod = _script()
    text = (shared_dir / "data" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    assert mod.render(mod.build(text, PLOVER)) == CAMEO_FILE.read_text(encoding="utf-8"), \
        "cameo.yaml is out of date: run scripts/build_cameo_crosswalk.py"
