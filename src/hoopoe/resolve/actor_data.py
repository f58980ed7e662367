"""Loading and validating the actor knowledge base's YAML files.

Three kinds of file live under ``resources/actors/``:

* ``kb/*.yaml`` (and user files): ``{defaults: {...}, actors: [{id, name, kind, ...}, ...]}``;
* ``composition.yaml``: institution words and generic actor nouns that compose with a country
  ("Pakistani" + "Air Force"), words that extend an organisation ("Taliban fighters") or a population group
  ("Shia mosque");
* ``roles.yaml``: role words of people ("spokesman", "foreign minister") and the words a name is made of;
* ``ambiguous.yaml``: aliases that deliberately name several actors, default first, and phrases that contain
  an actor's name but are not that actor ("Niger Delta", "South China Sea").

Every error names the file, the entry and the bad value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hoopoe.errors import ResourceError

KINDS: tuple[str, ...] = (
    "state", "government", "military", "police", "armed_group", "party", "igo", "ngo", "agency", "media",
    "person", "ethnic_group", "religious_group", "civilians", "generic",
)
#: PLOVER 2.0 sector codes (manual table 5.2), plus NGO and IGO used as sectors for organisations.
SECTORS: tuple[str, ...] = (
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
    "NGO", "IGO",
)
#: PLOVER's international non-state "country" codes (manual table 5.1).
SPECIAL_CODES: tuple[str, ...] = ("IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC")

ACTOR_KEYS = frozenset({
    "id", "name", "kind", "sector", "code", "country", "aliases", "demonyms", "capitals", "qid", "member_of",
    "role", "note",
})
_ID_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
_QID_RE = re.compile(r"^Q[1-9]\d*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class RawActor:
    """One validated actor entry as read from a file (codes checked later, when all files are read)."""

    fields: dict[str, Any]
    path: str
    index: int


#: libyaml's parser when PyYAML was built with it (about ten times faster on the shipped files), else PyYAML's.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)
    except FileNotFoundError:
        raise ResourceError(f"actor file {path} does not exist") from None
    except yaml.YAMLError as exc:
        raise ResourceError(f"actor file {path} is not valid YAML: {exc}") from None


def _where(path: Path | str, index: int, entry: Any) -> str:
    ident = entry.get("id") if isinstance(entry, dict) else None
    return f"{path}: actors[{index}]" + (f" (id {ident!r})" if ident else "")


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ResourceError(f"{where}: {key} must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def read_actor_file(path: Path) -> list[RawActor]:
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ResourceError(f"actor file {path}: expected a mapping with an 'actors' list")
    unknown_top = set(data) - {"defaults", "actors"}
    if unknown_top:
        raise ResourceError(f"actor file {path}: unknown top-level keys {sorted(unknown_top)}; valid: defaults, actors")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict) or set(defaults) - ACTOR_KEYS:
        raise ResourceError(f"actor file {path}: bad defaults {defaults!r}; valid keys: {sorted(ACTOR_KEYS)}")
    out = []
    for index, entry in enumerate(data["actors"]):
        where = _where(path, index, entry)
        if not isinstance(entry, dict):
            raise ResourceError(f"{where}: an actor must be a mapping, got {entry!r}")
        fields = {**defaults, **entry}
        unknown = set(fields) - ACTOR_KEYS
        if unknown:
            raise ResourceError(f"{where}: unknown keys {sorted(unknown)}; valid keys: {sorted(ACTOR_KEYS)}")
        for key in ("id", "name", "kind"):
            if not isinstance(fields.get(key), str) or not fields[key].strip():
                raise ResourceError(f"{where}: '{key}' is required and must be a string, got {fields.get(key)!r}")
        if not _ID_RE.match(fields["id"]):
            raise ResourceError(f"{where}: id {fields['id']!r} must be a lower-case slug like 'isis-k' or 'usa'")
        if fields["kind"] not in KINDS:
            raise ResourceError(f"{where}: kind {fields['kind']!r} is not one of {', '.join(KINDS)}")
        sector = fields.get("sector")
        if sector is not None and sector not in SECTORS:
            raise ResourceError(f"{where}: sector {sector!r} is not a PLOVER sector ({', '.join(SECTORS)})")
        qid = fields.get("qid")
        if qid is not None and not (isinstance(qid, str) and _QID_RE.match(qid)):
            raise ResourceError(f"{where}: qid {qid!r} is not a Wikidata id like 'Q42418'")
        for key in ("code", "country"):
            value = fields.get(key)
            if value is not None and not (isinstance(value, str) and _ISO3_RE.match(value)):
                raise ResourceError(f"{where}: {key} {value!r} must be three upper-case letters")
        for key in ("member_of", "role"):
            value = fields.get(key)
            if value is not None and not isinstance(value, str):
                raise ResourceError(f"{where}: {key} must be a string, got {value!r}")
        for key in ("aliases", "demonyms", "capitals"):
            fields[key] = _strings(fields.get(key), where, key)
        out.append(RawActor(fields, str(path), index))
    return out


@dataclass(frozen=True, slots=True)
class Institution:
    """A head noun that composes with a country ("Air Force") and may stand alone as a generic actor."""

    key: str
    words: tuple[str, ...]
    name: str  # composed name, with {state}
    kind: str
    sector: str
    alone: str | None  # canonical name when the words stand alone ("Police"), None if they never do
    alone_kind: str


@dataclass(frozen=True, slots=True)
class Composition:
    institutions: tuple[Institution, ...]
    member_words: tuple[str, ...]  # "fighters", "officials": extend an organisation's mention
    member_kinds: tuple[str, ...]  # kinds of actor they extend
    group_words: tuple[str, ...]  # "mosque", "community", "Muslims": extend a population group's mention
    group_kinds: tuple[str, ...]
    leader_words: tuple[str, ...]  # "administration": a head of government's name + this = the government
    leader_institution: str  # key of the institution those name ("government")


def read_composition(path: Path) -> Composition:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping")
    insts = []
    seen: set[str] = set()
    for index, entry in enumerate(data.get("institutions") or []):
        where = f"{path}: institutions[{index}]"
        if not isinstance(entry, dict):
            raise ResourceError(f"{where}: expected a mapping, got {entry!r}")
        unknown = set(entry) - {"key", "words", "name", "kind", "sector", "alone", "alone_kind"}
        if unknown:
            raise ResourceError(f"{where}: unknown keys {sorted(unknown)}")
        key = entry.get("key")
        if not isinstance(key, str) or not _ID_RE.match(key) or key in seen:
            raise ResourceError(f"{where}: key {key!r} must be a unique lower-case slug")
        seen.add(key)
        if entry.get("kind") not in KINDS:
            raise ResourceError(f"{where}: kind {entry.get('kind')!r} is not one of {', '.join(KINDS)}")
        if entry.get("sector") not in SECTORS:
            raise ResourceError(f"{where}: sector {entry.get('sector')!r} is not a PLOVER sector")
        name = entry.get("name")
        if not isinstance(name, str) or "{state}" not in name:
            raise ResourceError(f"{where}: name {name!r} must be a string containing '{{state}}'")
        alone_kind = entry.get("alone_kind", "generic")
        if alone_kind not in KINDS:
            raise ResourceError(f"{where}: alone_kind {alone_kind!r} is not one of {', '.join(KINDS)}")
        insts.append(Institution(key, _strings(entry.get("words"), where, "words"), name, entry["kind"],
                                 entry["sector"], entry.get("alone"), alone_kind))
    leader = data.get("leader_institution", "government")
    if leader not in seen:
        raise ResourceError(f"{path}: leader_institution {leader!r} is not an institution key")

    def kinds(key: str) -> tuple[str, ...]:
        values = _strings(data.get(key), str(path), key)
        bad = [k for k in values if k not in KINDS]
        if bad:
            raise ResourceError(f"{path}: {key} has unknown kinds {bad}; valid: {', '.join(KINDS)}")
        return values

    return Composition(
        tuple(insts), _strings(data.get("member_words"), str(path), "member_words"), kinds("member_kinds"),
        _strings(data.get("group_words"), str(path), "group_words"), kinds("group_kinds"),
        _strings(data.get("leader_words"), str(path), "leader_words"), leader,
    )


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    words: tuple[str, ...]
    sector: str | None  # None: the person takes the sector of the organisation they speak for


@dataclass(frozen=True, slots=True)
class RoleRules:
    roles: tuple[Role, ...]
    prefixes: tuple[str, ...]  # "deputy", "acting": kept in the role text
    former: tuple[str, ...]  # "former", "ex": the person gets the ELI sector
    particles: frozenset[str]  # lower-case words inside names: al, bin, ibn, van
    not_names: frozenset[str]  # capitalised words that never start or make a name: The, On, Monday
    place_nouns: frozenset[str]  # lower-case nouns that make a titled name a place or unit: mosque, hotel


def read_roles(path: Path) -> RoleRules:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping")
    roles = []
    for index, entry in enumerate(data.get("roles") or []):
        where = f"{path}: roles[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("role"), str):
            raise ResourceError(f"{where}: expected a mapping with a 'role', got {entry!r}")
        unknown = set(entry) - {"role", "words", "sector"}
        if unknown:
            raise ResourceError(f"{where}: unknown keys {sorted(unknown)}")
        sector = entry.get("sector")
        if sector is not None and sector not in SECTORS:
            raise ResourceError(f"{where}: sector {sector!r} is not a PLOVER sector")
        roles.append(Role(entry["role"], _strings(entry.get("words"), where, "words") or (entry["role"],), sector))
    return RoleRules(
        tuple(roles),
        _strings(data.get("prefixes"), str(path), "prefixes"),
        _strings(data.get("former"), str(path), "former"),
        frozenset(_strings(data.get("name_particles"), str(path), "name_particles")),
        frozenset(_strings(data.get("not_names"), str(path), "not_names")),
        frozenset(w.casefold() for w in _strings(data.get("place_nouns"), str(path), "place_nouns")),
    )


def read_ambiguous(path: Path) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Ambiguous aliases (alias -> actor ids, default first) and the ``not_actors`` phrases."""
    data = read_yaml(path)
    if data is not None and not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping with 'ambiguous' and 'not_actors' lists")
    out: dict[str, tuple[str, ...]] = {}
    for index, entry in enumerate((data or {}).get("ambiguous") or []):
        where = f"{path}: ambiguous[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("alias"), str):
            raise ResourceError(f"{where}: expected a mapping with an 'alias', got {entry!r}")
        ids = _strings(entry.get("actors"), where, "actors")
        if len(ids) < 2:
            raise ResourceError(f"{where}: an ambiguous alias names at least two actors, got {ids!r}")
        out[entry["alias"]] = ids
    phrases: list[str] = []
    for index, entry in enumerate((data or {}).get("not_actors") or []):
        where = f"{path}: not_actors[{index}]"
        if not isinstance(entry, dict) or set(entry) - {"phrases", "note"}:
            raise ResourceError(f"{where}: expected a mapping with 'phrases' and an optional 'note', got {entry!r}")
        phrases.extend(_strings(entry.get("phrases"), where, "phrases"))
    return out, tuple(phrases)
