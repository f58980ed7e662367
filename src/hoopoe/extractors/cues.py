"""Closed word classes and cue phrases (``resources/lexicons/cues.yaml``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

CUES_FILE = Path(__file__).resolve().parents[1] / "resources" / "lexicons" / "cues.yaml"


@dataclass(frozen=True, slots=True)
class Cues:
    version: str
    negation: frozenset[str]
    future: frozenset[str]
    hypothetical: frozenset[str]
    adverbs: frozenset[str]
    be: frozenset[str]
    determiners: frozenset[str]
    verb_preceders: frozenset[str]
    light_verbs: frozenset[str]
    anaphoric_determiners: frozenset[str]
    locative: frozenset[str]
    recipient_preps: frozenset[str]
    agent_preps: frozenset[str]
    pair_preps: frozenset[str]
    speech_verbs: frozenset[str]
    source_cues: tuple[tuple[str, ...], ...]
    claim_nouns: frozenset[str]
    claim_verbs: frozenset[str]
    #: attack nouns a claim verb takes as its object ("X claimed the bombing": a claim, not a second attack)
    claimed_objects: frozenset[str]
    pronouns: dict
    clause_openers: frozenset[str]
    target_nouns: frozenset[str]
    aspect_verbs: frozenset[str]
    gerund_preps: frozenset[str]
    setting_transfer: frozenset[str]
    setting_temporal: frozenset[str]
    metonym_verbs: frozenset[str]
    modifier_heads: frozenset[str]
    #: kind -> token patterns with "actor" where the group stands ("actor is suspected", "blamed on actor")
    attribution: dict
    #: word in an attacker's description -> ASSAULT modes it implies ("a suicide bomber attacked ...")
    actor_modes: dict
    #: objects that make "mobilized X" a non-military mobilisation ("mobilized pressure groups", "mobilized
    #: funds"): no MOBILIZE (manual 3.14); supporters mobilised are a protest
    civil_mobilization: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    kwargs = {}
    for name in Cues.__dataclass_fields__:
        value = data[name]
        if name == "version" or name == "pronouns":
            kwargs[name] = value
        elif name == "attribution":
            kwargs[name] = {kind: tuple(tuple(p.lower().split()) for p in pats) for kind, pats in value.items()}
        elif name == "actor_modes":
            kwargs[name] = {str(k).lower(): tuple(v) for k, v in value.items()}
        elif name == "source_cues":
            kwargs[name] = tuple(tuple(v.split()) for v in value)
        else:
            kwargs[name] = frozenset(str(v).lower() for v in value)
    return Cues(**kwargs)
