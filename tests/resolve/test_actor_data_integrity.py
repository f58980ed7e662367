"""Integrity of the shipped actor knowledge base (resources/actors/)."""

from __future__ import annotations

import re

from hoopoe.resolve.actor_data import KINDS, SECTORS, SPECIAL_CODES
from hoopoe.resolve.actors import ActorKB


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
        if len(ids) > 1:
            if set(ids) != declared.get(surface.casefold()):
                undeclared[surface] = ids
    assert undeclared == {}


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
