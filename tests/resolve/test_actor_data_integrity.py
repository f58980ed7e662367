"""Integrity of the shipped actor knowledge base (resources/actors/)."""

from __future__ import annotations

import re
from pathlib import Path

from hoopoe.resolve.actor_data import (
    KINDS,
    SECTORS,
    SPECIAL_CODES,
    read_actor_file,
    read_ambiguous,
)
from hoopoe.resolve.actor_text import tokenize
from hoopoe.resolve.actors import ActorKB, _data_root

KB_FILES = sorted((_data_root() / "kb").glob("*.yaml"))


def test_ids_unique_and_slugs(kb: ActorKB) -> None:
    ids = [a.id for a in kb]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(?:[-.][a-z0-9]+)*", i) for i in ids)


def test_every_state_of_the_world(kb: ActorKB) -> None:
    states = [a for a in kb if a.kind == "state"]
    assert len(states) >= 193  # UN members + observers + PLOVER's exceptions
    for state in states:
        assert state.code and state.code == state.country and state.id == state.code.lower()
        assert state.demonyms, f"{state.id} has no demonym"
        assert state.sector == "GOV"


def test_codes_kinds_sectors_qids(kb: ActorKB) -> None:
    state_codes = {a.code for a in kb if a.kind == "state"}
    for actor in kb:
        assert actor.kind in KINDS, actor.id
        assert actor.sector is None or actor.sector in SECTORS, actor.id
        assert actor.code is None or actor.code in state_codes | set(SPECIAL_CODES), actor.id
        assert actor.country is None or actor.country in state_codes, actor.id
        assert actor.qid is None or re.fullmatch(r"Q[1-9]\d*", actor.qid), actor.id
        if actor.kind == "person":
            assert actor.member_of and actor.role, f"person {actor.id} needs member_of and role"


def test_member_of_ids_exist(kb: ActorKB) -> None:
    for actor in kb:
        if actor.member_of:
            assert kb.get(actor.member_of).kind != "person", actor.id


def test_qids_are_not_shared(kb: ActorKB) -> None:
    qids = [a.qid for a in kb if a.qid]
    assert len(qids) == len(set(qids))


def test_every_alias_resolves_to_one_actor_or_is_declared_ambiguous(kb: ActorKB) -> None:
    declared = {alias.casefold(): set(ids) for alias, ids in kb.ambiguous.items()}
    undeclared = {}
    for surface, ids in kb.surfaces.items():
        if len(ids) > 1 and set(ids) != declared.get(surface.casefold()):
            undeclared[surface] = ids
    assert undeclared == {}


def whole_name_matches(kb: ActorKB, name: str) -> set[str]:
    """Every actor some name or alias of which matches all of ``name`` under the case rules."""
    toks = tokenize(name)
    return {s.actor_id for j, surfaces in kb._names.walk(toks, 0) if j == len(toks) for s in surfaces}


def test_no_surface_reaches_another_actor_unless_declared(kb: ActorKB) -> None:
    """Stronger than one actor per surface string: the case rules let "JeM" match "JEM" and "Nato" match
    "NATO", so every surface is matched against all names; two actors there must be a declared ambiguity."""
    declared = {alias.casefold(): set(ids) for alias, ids in kb.ambiguous.items()}
    clashes = {}
    for surface in kb.surfaces:
        ids = whole_name_matches(kb, surface)
        if len(ids) > 1 and ids != declared.get(surface.casefold()):
            clashes[surface] = sorted(ids)
    assert clashes == {}


def test_declared_ambiguities_are_real(kb: ActorKB) -> None:
    """Each actor an ambiguous alias lists does answer to it (no stale or invented declaration)."""
    declared, _ = read_ambiguous(_data_root() / "ambiguous.yaml")
    assert len(declared) >= 20
    for alias, ids in declared.items():
        assert set(ids) <= whole_name_matches(kb, alias), alias
        assert kb.lookup(alias).id == ids[0], alias  # the declared default, without context


def test_not_actor_phrases_cover_an_actor_name(kb: ActorKB) -> None:
    """A not_actors phrase exists to hide an actor name inside it, and never is an actor's whole name."""
    assert len(kb.not_actors) >= 30
    for phrase in kb.not_actors:
        toks = tokenize(phrase)
        inside = [j for i in range(len(toks)) for j, _ in kb._names.walk(toks, i)]
        assert inside, f"{phrase!r} contains no actor name"
        assert not whole_name_matches(kb, phrase), f"{phrase!r} is an actor's name"


def test_every_actor_is_typed_and_placed(kb: ActorKB) -> None:
    """Kind and sector everywhere; a PLOVER country code wherever the actor has one (population groups and
    transnational ethnic militias take the country from the text)."""
    state_codes = {a.code for a in kb if a.kind == "state"}
    without_code = {a.id for a in kb if not a.code}
    for actor in kb:
        assert actor.kind in KINDS and actor.sector in SECTORS, actor.id
        if actor.kind in ("igo",):
            assert actor.code in ("IGO", "UNO", "EUR"), actor.id
        if actor.kind == "ngo":
            assert actor.code == "NGO" or actor.code in state_codes, actor.id
        if actor.kind in ("military", "police", "government", "agency", "party", "media", "person"):
            assert actor.code, actor.id
        if actor.sector == "PRE":
            assert actor.kind == "government" and actor.code in state_codes, actor.id
    assert {a for a in without_code if kb.get(a).kind not in ("ethnic_group", "religious_group")} == {"fulani-militia"}


def test_named_institutions_agree_with_composition(kb: ActorKB) -> None:
    """An entry whose id is a composed id ("sdn-military") is that state's institution."""
    keys = {inst.key for inst in kb.composition.institutions}
    states = {a.id: a for a in kb if a.kind == "state"}
    composed = 0
    for actor in kb:
        state_id, _, key = actor.id.partition("-")
        if key in keys and state_id in states:
            composed += 1
            assert actor.code == states[state_id].code, actor.id
            assert actor.kind in ("government", "military", "police", "agency"), actor.id
    assert composed >= 80


def test_member_of_chains_end(kb: ActorKB) -> None:
    for actor in kb:
        seen = {actor.id}
        parent = actor.member_of
        while parent:
            assert parent not in seen, f"member_of cycle through {actor.id}"
            seen.add(parent)
            parent = kb.get(parent).member_of


def test_office_holders_say_when(kb: ActorKB) -> None:
    """People in state or international office carry a note with the dates of the office (offices change)."""
    missing = []
    for path in KB_FILES:
        for raw in read_actor_file(Path(path)):
            f = raw.fields
            in_office = f["kind"] == "person" and f.get("sector") in ("GOV", "MIL", "SPY", "IGO", "JUD", "LEG")
            if in_office and not re.search(r"\d{4}", f.get("note") or ""):
                missing.append(f["id"])
    assert missing == []


def test_the_world_is_covered(kb: ActorKB) -> None:
    """Non-state actors of every conflict region and the main IGOs (a floor against accidental deletions)."""
    home = [a.country or a.code for a in kb if a.kind in ("armed_group",)]
    africa = {"NGA", "MLI", "BFA", "NER", "SOM", "SDN", "SSD", "ETH", "COD", "CAF", "MOZ", "LBY", "CMR", "TCD", "BDI"}
    americas = {"COL", "MEX", "VEN", "HTI", "SLV", "PER", "ECU", "BRA"}
    asia = {"MMR", "PHL", "IDN", "THA", "IND", "PAK", "AFG", "BGD"}
    middle_east = {"SYR", "IRQ", "YEM", "LBN", "PSE", "IRN", "TUR", "EGY"}
    europe = {"RUS", "UKR", "GBR", "ESP"}
    for region, floor in ((africa, 60), (americas, 35), (asia, 60), (middle_east, 50), (europe, 8)):
        assert sum(code in region for code in home) >= floor, sorted(region)
    for igo in ("un", "un-security-council", "unhcr", "wfp", "unicef", "iaea", "icc", "icj", "nato", "eu",
                "eu-council", "eu-commission", "european-parliament", "african-union", "ecowas", "sadc", "igad",
                "asean", "arab-league", "gcc", "oic", "osce", "sco", "brics", "imf", "world-bank", "who", "icrc",
                "msf", "amnesty-international", "human-rights-watch"):
        kb.get(igo)


def test_every_name_and_alias_finds_its_actor(kb: ActorKB) -> None:
    """Each surface form, alone, resolves to (one of) the actors that claim it: nothing is shadowed."""
    wrong = {}
    for surface, ids in kb.surfaces.items():
        actor = kb.lookup(surface)
        if actor is None or actor.id not in ids:
            wrong[surface] = (ids, actor.id if actor else None)
    assert wrong == {}


def test_rule_tables(kb: ActorKB) -> None:
    keys = [inst.key for inst in kb.composition.institutions]
    assert len(keys) == len(set(keys))
    words = [w.casefold() for inst in kb.composition.institutions for w in inst.words]
    assert len(words) == len(set(words)), "an institution word belongs to one institution"
    roles = [w.casefold() for r in kb.roles.roles for w in r.words]
    assert len(roles) == len(set(roles)), "a role word belongs to one role"
    assert kb.version.startswith("actors.kb.v1+") and len(kb.version) == len("actors.kb.v1+") + 12
