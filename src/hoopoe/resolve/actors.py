"""The actor knowledge base and actor resolution: "ISIS-K", "Daesh" and "Islamic State Khorasan Province" are
one actor.

>>> kb = ActorKB.load()
>>> [(m.text, m.actor.id, m.via) for m in kb.find("Taliban spokesman Suhail Shaheen told the AP.")]
[('Taliban', 'taliban', 'name'), ('Suhail Shaheen', 'suhail-shaheen', 'name'), ('AP', 'ap', 'alias')]

The knowledge base is YAML under ``resources/actors/kb/`` plus the user's files (``HOOPOE_ACTORS``, a list
of files or folders separated by ``os.pathsep``, and ``extra_paths``). Matching (see :mod:`actor_text`) is
token based, case aware, longest match first and non-overlapping. Beside the names in the files it composes
country + institution ("Pakistani Air Force"), reads people from role patterns ("Taliban spokesman Suhail
Shaheen", "Zabihullah Mujahid, a Taliban spokesman") and resolves later surnames ("Shaheen said") to them.
Every match says how it matched (``via``) so the event coder can decide what to trust: "Kabul" as a
``capital`` is a place as often as it is the government.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from hoopoe.errors import ResourceError
from hoopoe.records import Entity
from hoopoe.resolve.actor_data import (
    SPECIAL_CODES,
    Composition,
    Institution,
    RawActor,
    RoleRules,
    read_actor_file,
    read_ambiguous,
    read_composition,
    read_roles,
)
from hoopoe.resolve.actor_text import APOS, BREAK, JOIN, Token, TokenTrie, is_acronym, tokenize

log = logging.getLogger(__name__)

__all__ = ["Actor", "ActorMatch", "ActorKB", "VIAS", "ENV_VAR"]

ENV_VAR = "HOOPOE_ACTORS"
KB_NAME = "actors.kb.v1"
#: How a mention matched, strongest first: ties between equally long matches go to the earlier one.
VIAS: tuple[str, ...] = ("name", "alias", "demonym", "capital", "composed", "role-pattern", "surname", "generic")
_VIA_RANK = {v: i for i, v in enumerate(VIAS)}
#: Longest name a role pattern reads (tokens). "Abdul Ghani Baradar", "Shah Mahmood Qureshi" need 3; 4 leaves
#: room for "Mohammad Hasan Akhund Baradar"-like names without running into the next clause.
MAX_NAME_TOKENS = 4
#: Kinds of actor that can be the organisation of a role pattern (anything but people).
_ORG_KINDS = frozenset({
    "state", "government", "military", "police", "armed_group", "party", "igo", "ngo", "agency", "media",
    "generic", "ethnic_group", "religious_group",
})
_DETERMINERS = frozenset({"a", "an", "the"})
_OF_FOR = frozenset({"of", "for", "at"})
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Mullah", "Sheikh", "Gen", "General"})


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the knowledge base (or one composed or read from a role pattern for a document)."""

    id: str
    name: str
    kind: str
    sector: str | None = None
    code: str | None = None  # PLOVER country: ISO alpha-3 or IGO UNO EUR NGO ISM IMG MNC
    country: str | None = None  # ISO alpha-3 home country where there is one
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    qid: str | None = None
    member_of: str | None = None  # id of the organisation a person speaks for (or an affiliate's parent)
    role: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMatch:
    start: int
    end: int
    text: str
    actor: Actor
    via: str
    role: str | None = None  # the role the text gives ("spokesman") when a role pattern matched


@dataclass(frozen=True, slots=True)
class _Surface:
    actor_id: str
    via: str


@dataclass(slots=True)
class _Hit:
    """A match under construction: token span, candidate actors (several only for ambiguous aliases)."""

    i: int
    j: int
    actors: list[Actor]
    via: str
    role: str | None = None


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _plural(demonym: str) -> str | None:
    """Regular plural of a demonym used as a noun: Afghan -> Afghans, Pakistani -> Pakistanis."""
    return demonym + "s" if demonym[-1:] in ("n", "i") and " " not in demonym else None


def _data_root() -> Path:
    return Path(str(resources.files("hoopoe") / "resources" / "actors"))


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(x for x in path.iterdir() if x.suffix in (".yaml", ".yml")))
        elif path.exists():
            out.append(path)
        else:
            raise ResourceError(f"actor file {path} does not exist (from {ENV_VAR} or extra_paths)")
    return out


class ActorKB:
    """The actor knowledge base: actors by id, a token trie of their names, and the rules that compose
    institutions and read role patterns. Build it once with :meth:`load` and reuse it for every article."""

    def __init__(self, actors: Sequence[Actor], composition: Composition, roles: RoleRules,
                 ambiguous: dict[str, tuple[str, ...]] | None = None, *, version: str = KB_NAME,
                 not_actors: Iterable[str] = ()) -> None:
        self.version = version
        self._actors: dict[str, Actor] = {}
        for actor in actors:
            if actor.id in self._actors:
                log.info("actor %r redefined: the later definition wins", actor.id)
            self._actors[actor.id] = actor
        self.composition = composition
        self.roles = roles
        self.ambiguous: dict[str, tuple[str, ...]] = dict(ambiguous or {})
        for alias, ids in list(self.ambiguous.items()):  # "Dominican" declared: "Dominicans" too
            plural = _plural(alias)
            if plural:
                self.ambiguous.setdefault(plural, ids)
        #: keyed like the matched text in _name_hits: tokens joined by spaces ("People's" -> "People s")
        self._ambiguous_folded = {" ".join(TokenTrie.split(alias)[0]).casefold(): ids
                                  for alias, ids in self.ambiguous.items()}
        self._institutions = {inst.key: inst for inst in composition.institutions}
        self._names: TokenTrie[_Surface] = TokenTrie()
        #: surface form -> actor ids that claim it, for the integrity check and ambiguity handling
        self.surfaces: dict[str, list[str]] = {}
        for actor in self._actors.values():
            for text, via in self._surface_forms(actor):
                ids = self.surfaces.get(text, [])
                if actor.id in ids:
                    continue
                try:
                    self._names.add(text, _Surface(actor.id, via))
                except ValueError as exc:
                    if via != "name":  # a canonical name may carry punctuation; an alias must match
                        raise ResourceError(f"actor {actor.id!r}: alias {exc}") from None
                    continue
                self.surfaces[text] = ids + [actor.id]
        self._inst_trie: TokenTrie[Institution] = TokenTrie()
        for inst in composition.institutions:
            for w in inst.words:
                self._inst_trie.add(w, inst)
        self._member_trie: TokenTrie[str] = self._word_trie(composition.member_words)
        self._group_trie: TokenTrie[str] = self._word_trie(composition.group_words)
        self._leader_trie: TokenTrie[str] = self._word_trie(composition.leader_words)
        self._role_trie: TokenTrie[tuple[str, str | None]] = TokenTrie()
        for role in roles.roles:
            for w in role.words:
                self._role_trie.add(w, (role.role, role.sector))
        #: "deputy", "former": one may precede a role word ("deputy foreign minister"), matched in role_at
        self._prefix_trie: TokenTrie[str] = self._word_trie(roles.prefixes + roles.former)
        self._former = {f.casefold() for f in roles.former}
        #: phrases that contain an actor's name but are no actor ("Niger Delta", "South China Sea"): where one
        #: is at least as long as the best mention starting at the same token, no mention is read there
        self.not_actors: tuple[str, ...] = tuple(not_actors)
        self._not_actors: TokenTrie[str] = TokenTrie()
        for phrase in self.not_actors:
            try:
                self._not_actors.add(phrase, phrase)
            except ValueError as exc:
                raise ResourceError(f"not_actors phrase {exc}") from None
        for alias, ids in self.ambiguous.items():
            missing = [i for i in ids if i not in self._actors]
            if missing:
                raise ResourceError(f"ambiguous alias {alias!r} names unknown actors {missing}")

    # ----------------------------------------------------------------------------------------------
    # loading

    @classmethod
    def load(cls, extra_paths: Iterable[str | os.PathLike[str]] | None = None) -> "ActorKB":
        """Shipped YAML + the files in ``$HOOPOE_ACTORS`` + ``extra_paths``, validated."""
        root = _data_root()
        shipped = sorted((root / "kb").glob("*.yaml"))
        env = os.environ.get(ENV_VAR, "")
        user = _expand([p for p in env.split(os.pathsep) if p]) + _expand(extra_paths or [])
        raws: list[RawActor] = []
        digest = hashlib.sha256()
        rule_files = [root / "composition.yaml", root / "roles.yaml", root / "ambiguous.yaml"]
        for path in shipped + rule_files + user:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        shipped_ids: set[str] = set()
        for path in shipped:
            for raw in read_actor_file(path):
                if raw.fields["id"] in shipped_ids:
                    raise ResourceError(f"{raw.path}: actors[{raw.index}]: id {raw.fields['id']!r} is used twice")
                shipped_ids.add(raw.fields["id"])
                raws.append(raw)
        for path in user:
            raws.extend(read_actor_file(path))
        actors = cls._build(raws)
        ambiguous, not_actors = read_ambiguous(root / "ambiguous.yaml")
        return cls(actors, read_composition(root / "composition.yaml"), read_roles(root / "roles.yaml"),
                   ambiguous, version=f"{KB_NAME}+{digest.hexdigest()[:12]}", not_actors=not_actors)

    @staticmethod
    def _build(raws: list[RawActor]) -> list[Actor]:
        final: dict[str, RawActor] = {}
        for raw in raws:  # user files come last: an id they redefine replaces the shipped entry
            final[raw.fields["id"]] = raw
        codes = {r.fields["code"] for r in final.values() if r.fields["kind"] == "state" and r.fields.get("code")}
        valid_codes = codes | set(SPECIAL_CODES)
        actors = []
        for raw in final.values():
            f = raw.fields
            where = f"{raw.path}: actors[{raw.index}] (id {f['id']!r})"
            for key in ("code", "country"):
                if f.get(key) and f[key] not in valid_codes - (set(SPECIAL_CODES) if key == "country" else set()):
                    raise ResourceError(f"{where}: {key} {f[key]!r} is not a state's ISO alpha-3 code"
                                        + ("" if key == "country" else f" or one of {', '.join(SPECIAL_CODES)}"))
            member_of = f.get("member_of")
            if member_of and member_of not in final:
                raise ResourceError(f"{where}: member_of {member_of!r} is not the id of any actor")
            code = f.get("code")
            country = f.get("country") or (code if code in codes else None)
            actors.append(Actor(
                id=f["id"], name=f["name"].strip(), kind=f["kind"], sector=f.get("sector"), code=code,
                country=country, aliases=f["aliases"], demonyms=f["demonyms"], capitals=f["capitals"],
                qid=f.get("qid"), member_of=member_of, role=f.get("role"),
            ))
        return actors

    @staticmethod
    def _word_trie(words: Iterable[str]) -> TokenTrie[str]:
        trie: TokenTrie[str] = TokenTrie()
        for w in words:
            trie.add(w, w)
        return trie

    @staticmethod
    def _surface_forms(actor: Actor) -> list[tuple[str, str]]:
        forms = [(actor.name, "name")] + [(a, "alias") for a in actor.aliases]
        for d in actor.demonyms:
            forms.append((d, "demonym"))
            plural = _plural(d)
            if plural:
                forms.append((plural, "demonym"))
        forms += [(c, "capital") for c in actor.capitals]
        return forms

    def role_at(self, toks: list[Token], i: int) -> tuple[int, tuple[str, str | None]] | None:
        """The longest role starting at token ``i``, with an optional prefix ("acting interior minister"):
        (end token index, (role, sector)) or None."""
        best = self._role_trie.longest(toks, i)
        role = (best[0], best[1][0]) if best else None
        prefix = self._prefix_trie.longest(toks, i)
        if prefix is not None and prefix[0] < len(toks) and toks[prefix[0]].gap == JOIN:
            after = self._role_trie.longest(toks, prefix[0])
            if after is not None and (role is None or after[0] > role[0]):
                name, sector = after[1][0]
                role = (after[0], (f"{prefix[1][0]} {name}", sector))
        return role

    # ----------------------------------------------------------------------------------------------
    # access

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self):
        return iter(self._actors.values())

    def get(self, actor_id: str) -> Actor:
        """An actor by id, including composed ids ("pak-air-force", "generic.police")."""
        actor = self._actors.get(actor_id)
        if actor is not None:
            return actor
        if actor_id.startswith("generic.") and actor_id[8:] in self._institutions:
            return self._generic(self._institutions[actor_id[8:]])
        for key, inst in self._institutions.items():
            state = self._actors.get(actor_id[: -len(key) - 1]) if actor_id.endswith("-" + key) else None
            if state is not None and state.kind == "state":
                return self._composed(state, inst)
        raise KeyError(f"no actor with id {actor_id!r}")

    def lookup(self, name: str) -> Actor | None:
        """The actor a whole name stands for (exact alias resolution with the case rules), else None."""
        toks = tokenize(name)
        if not toks:
            return None
        hit = self._best_at(toks, 0)
        if hit is None or hit.j != len(toks) or self._blocked(toks, 0, hit) is not None:
            return None
        return hit.actors[0]

    # ----------------------------------------------------------------------------------------------
    # composed and generic actors

    def _composed(self, state: Actor, inst: Institution) -> Actor:
        actor_id = f"{state.id}-{inst.key}"
        known = self._actors.get(actor_id)
        if known is not None:
            return known
        return Actor(id=actor_id, name=inst.name.format(state=state.name), kind=inst.kind, sector=inst.sector,
                     code=state.code, country=state.country, member_of=None)

    def _generic(self, inst: Institution) -> Actor:
        return Actor(id=f"generic.{inst.key}", name=inst.alone or inst.key, kind=inst.alone_kind,
                     sector=inst.sector)

    # ----------------------------------------------------------------------------------------------
    # matching

    def _name_hits(self, toks: list[Token], i: int) -> list[_Hit]:
        hits = []
        for j, surfaces in self._names.walk(toks, i):
            best_via = min(_VIA_RANK[s.via] for s in surfaces)
            ids = list(dict.fromkeys(s.actor_id for s in surfaces))  # "ISIS-K" and "ISIS K" are one key
            text = " ".join(t.text for t in toks[i:j])
            order = self._ambiguity_order(text, ids)
            hits.append(_Hit(i, j, [self._actors[a] for a in order], VIAS[best_via]))
        return hits

    def _ambiguity_order(self, text: str, ids: list[str]) -> list[str]:
        """Candidates of an ambiguous surface, the declared default first."""
        if len(ids) == 1:
            return ids
        declared = self._ambiguous_folded.get(text.casefold(), ())
        return [d for d in declared if d in ids] + [i for i in ids if i not in declared]

    def _after_head(self, toks: list[Token], j: int) -> int | None:
        """Index of the first token after a head and its optional possessive ('s), if joined to it."""
        if j < len(toks) and toks[j].gap == APOS and toks[j].fold == "s":
            j += 1
        if j < len(toks) and toks[j].gap == JOIN:
            return j
        return None

    def _extend(self, toks: list[Token], head: _Hit) -> _Hit | None:
        """The longest composed mention that starts with ``head``, if any."""
        actor = head.actors[0]
        k = self._after_head(toks, head.j)
        if k is None:
            return None
        if actor.kind == "state":
            hit = self._inst_trie.longest(toks, k)
            # a capital composes only with government words: "the Kabul government", not "Kabul police"
            if hit and (head.via != "capital" or hit[1][0].sector == "GOV"):
                j, insts = hit
                return _Hit(head.i, j, [self._composed(actor, insts[0])], "composed")
        if actor.kind == "person" and actor.member_of:
            org = self._actors.get(actor.member_of)
            hit = self._leader_trie.longest(toks, k)
            if hit and org is not None and org.kind == "state":
                leader = self._institutions[self.composition.leader_institution]
                return _Hit(head.i, hit[0], [self._composed(org, leader)], "composed")
        if actor.kind in self.composition.member_kinds and k == head.j:
            hit = self._member_trie.longest(toks, k)
            if hit:
                return _Hit(head.i, hit[0], head.actors, "composed")
        if actor.kind in self.composition.group_kinds and k == head.j:
            hit = self._group_trie.longest(toks, k)
            if hit:
                return _Hit(head.i, hit[0], head.actors, "composed")
        return None

    def _best_at(self, toks: list[Token], i: int) -> _Hit | None:
        """The longest mention starting at token ``i``; ties go to the stronger ``via``."""
        candidates = []
        for hit in self._name_hits(toks, i):
            candidates.append(hit)
            extended = self._extend(toks, hit)
            if extended is not None:
                candidates.append(extended)
        generic = self._inst_trie.longest(toks, i)
        if generic is not None:
            j, insts = generic
            if insts[0].alone is not None:
                candidates.append(_Hit(i, j, [self._generic(insts[0])], "generic"))
        if not candidates:
            return None
        return max(candidates, key=lambda h: (h.j, -_VIA_RANK[h.via]))

    def find(self, text: str) -> list[ActorMatch]:
        """All actor mentions in a text, sorted by start, non-overlapping, longest first."""
        toks = tokenize(text)
        hits: list[_Hit] = []
        names, insts, not_actors = self._names, self._inst_trie, self._not_actors
        i = 0
        while i < len(toks):
            f = toks[i].fold
            if not (names.starts_with(f) or insts.starts_with(f) or not_actors.starts_with(f)):
                i += 1  # nothing known begins here
                continue
            hit = self._best_at(toks, i)
            blocked = self._blocked(toks, i, hit)
            if blocked is not None:
                i = blocked
                continue
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.j
        hits = _RolePass(self, toks, hits).run()
        self._coordinated_demonyms(toks, hits)
        self._disambiguate(hits)
        return [ActorMatch(toks[h.i].start, toks[h.j - 1].end, text[toks[h.i].start:toks[h.j - 1].end],
                           h.actors[0], h.via, h.role) for h in hits]

    def _blocked(self, toks: list[Token], i: int, hit: _Hit | None) -> int | None:
        """End of a ``not_actors`` phrase starting at token ``i`` at least as long as ``hit``, else None."""
        phrase = self._not_actors.longest(toks, i)
        if phrase is None or (hit is not None and hit.j > phrase[0]):
            return None
        return phrase[0]

    def _coordinated_demonyms(self, toks: list[Token], hits: list[_Hit]) -> None:
        """'the Indian and Pakistani prime ministers', 'Israeli and Jordanian intelligence officials': a bare
        demonym coordinated with a composed mention shares its institution."""
        for n in range(len(hits) - 2, -1, -1):
            a, b = hits[n], hits[n + 1]
            if a.via != "demonym" or b.via != "composed" or a.actors[0].kind != "state" or b.j - b.i < 2:
                continue
            between = [t.fold for t in toks[a.j:b.i]]
            if between not in (["and"], ["or"], [","]):
                continue
            key = next((k for k in self._institutions if b.actors[0].id.endswith("-" + k)
                        and b.actors[0].id[: -len(k) - 1] in self._actors), None)
            if key is None:
                continue
            a.actors = [self._composed(a.actors[0], self._institutions[key])]
            a.via = "composed"

    @staticmethod
    def _disambiguate(hits: list[_Hit]) -> None:
        """An ambiguous alias ("Daesh") goes to the candidate the document mentions most otherwise, else to
        the declared default."""
        counts = Counter(h.actors[0].id for h in hits if len(h.actors) == 1)
        for h in hits:
            if len(h.actors) > 1:
                best = max(range(len(h.actors)), key=lambda k: (counts[h.actors[k].id], -k))
                h.actors = [h.actors[best]]

    # ----------------------------------------------------------------------------------------------
    # records

    def entity(self, item: Actor | ActorMatch) -> Entity:
        """The Entity record of an actor or match; ``mentions`` is left for the caller to fill."""
        actor = item.actor if isinstance(item, ActorMatch) else item
        text = item.text if isinstance(item, ActorMatch) else actor.name
        member_of = None
        if actor.member_of:
            try:
                member_of = self.get(actor.member_of).name
            except KeyError:
                member_of = actor.member_of
        return Entity(
            entity_text=text,
            identifier_id=actor.qid or f"hoopoe:{actor.id}",
            identifier_text=actor.name,
            code=actor.code,
            sector=actor.sector,
            member_of=member_of,
            kb_id=actor.id,
            kind=actor.kind,
        )

    def entities(self, matches: Iterable[ActorMatch]) -> list[Entity]:
        """One Entity per distinct actor, in order of first mention, with all its mention offsets."""
        out: dict[str, Entity] = {}
        for m in sorted(matches, key=lambda m: (m.start, m.end)):
            ent = out.get(m.actor.id)
            if ent is None:
                ent = out[m.actor.id] = self.entity(m)
            ent.mentions.append((m.start, m.end))
        return list(out.values())


class _RolePass:
    """People from role patterns within one document, and their later surnames.

    * ORG ['s] ROLE NAME: "Taliban spokesman Suhail Shaheen", "U.S. Secretary of State Antony Blinken",
      "Pakistan's foreign minister Shah Mahmood Qureshi"; without ORG: "President Biden".
    * NAME, [a|an|the] [ORG['s]] ROLE [of|for [the] ORG]: "Zabihullah Mujahid, a Taliban spokesman",
      "Ned Price, spokesman for the State Department".
    """

    def __init__(self, kb: ActorKB, toks: list[Token], hits: list[_Hit]) -> None:
        self.kb = kb
        self.toks = toks
        self.hits = hits
        self.by_token: dict[int, _Hit] = {}
        for h in hits:
            for k in range(h.i, h.j):
                self.by_token[k] = h
        self.people: dict[str, Actor] = {}  # name -> person, for this document

    def run(self) -> list[_Hit]:
        toks = self.toks
        i = 0
        while i < len(toks):
            if i in self.by_token:
                i = self.by_token[i].j
                continue
            found = self.kb.role_at(toks, i)
            if found is None:
                i += 1
                continue
            j, (role, sector) = found
            org = self._org_before(i)
            done = self._name_after(j, role, sector, org) or self._name_before(i, j, role, sector, org)
            i = j if not done else max(j, done)
        self._surnames()
        return sorted(self.hits, key=lambda h: h.i)

    # --- pieces

    def _org_before(self, i: int) -> _Hit | None:
        """The organisation right before a role word ("Taliban spokesman", "Pakistan's foreign minister")."""
        if i == 0 or self.toks[i].gap != JOIN:
            return None
        k = i - 1
        if self.toks[k].fold == "s" and self.toks[k].gap == APOS:
            k -= 1
        h = self.by_token.get(k)
        if h is not None and h.j == k + 1 and h.actors[0].kind in _ORG_KINDS:
            return h
        return None

    def _org_after(self, j: int) -> _Hit | None:
        """ "spokesman for the Taliban": the organisation after of/for/at [the]."""
        toks = self.toks
        if j >= len(toks) or toks[j].gap != JOIN or toks[j].fold not in _OF_FOR:
            return None
        k = j + 1
        if k < len(toks) and toks[k].fold == "the" and toks[k].gap == JOIN:
            k += 1
        h = self.by_token.get(k)
        if h is not None and h.i == k and toks[k].gap == JOIN and h.actors[0].kind in _ORG_KINDS:
            return h
        return None

    def _is_name_token(self, tok: Token) -> bool:
        text = tok.text
        if text in self.kb.roles.not_names:
            return False
        if tok.fold in self.kb.roles.particles:
            return True
        return text[:1].isupper() and not (len(text) > 1 and is_acronym(text)) and text.replace("-", "").isalpha()

    def _name_span(self, k: int, *, forward: bool) -> tuple[int, int] | None:
        """Token span [a, b) of a person's name starting (forward) or ending (backward) at token k."""
        toks = self.toks
        n = len(toks)
        span = []
        pos = k
        while 0 <= pos < n and len(span) < MAX_NAME_TOKENS:
            tok = toks[pos]
            if pos in self.by_token or not self._is_name_token(tok):
                break
            if span and (toks[max(pos, span[-1])].gap == BREAK):
                break
            if span and toks[max(pos, span[-1])].gap == APOS and len(toks[min(pos, span[-1])].text) > 1:
                break
            span.append(pos)
            pos = pos + 1 if forward else pos - 1
        if not forward:
            span.reverse()
        if not span:
            return None
        places = self.kb.roles.place_nouns
        after = span[-1] + 1
        if any(toks[p].fold in places for p in span) or (
                after < n and toks[after].gap == JOIN and toks[after].fold in places):
            return None  # "Sultan Ahmed Mosque", "Ambassador Hotel": a place or unit, not a person
        particles = self.kb.roles.particles
        while span and toks[span[0]].fold in particles:  # a name starts and ends with a capitalised word
            span.pop(0)
        while span and toks[span[-1]].fold in particles:
            span.pop()
        if not span:
            return None
        return span[0], span[-1] + 1

    def _name_after(self, j: int, role: str, sector: str | None, org: _Hit | None) -> int | None:
        toks = self.toks
        if j >= len(toks):
            return None
        tok = toks[j]
        comma = tok.gap == BREAK and tok.gap_text.strip() == ","
        if tok.gap != JOIN and not comma:
            return None
        known = self.by_token.get(j)
        if known is not None:
            if known.i == j and known.actors[0].kind == "person" and not comma:
                known.role = known.role or role
                return known.j
            return None
        span = self._name_span(j, forward=True)
        if span is None:
            return None
        a, b = span
        if comma and (b - a < 2 or b < len(toks) and toks[b].gap_text.strip() not in (",", ".")):
            return None
        org = org or self._org_after(b)
        self._add_person(a, b, role, sector, org)
        return b

    def _name_before(self, i: int, j: int, role: str, sector: str | None, org: _Hit | None) -> int | None:
        """NAME, [a|an|the] [ORG['s]] ROLE [of|for ORG]: the role at tokens [i, j)."""
        toks = self.toks
        k = org.i if org is not None else i
        if k > 0 and toks[k - 1].fold in _DETERMINERS and toks[k].gap == JOIN:
            k -= 1
        if k == 0 or toks[k].gap_text.strip() != ",":
            return None
        org = org or self._org_after(j)
        known = self.by_token.get(k - 1)
        if known is not None:
            if known.j == k and known.actors[0].kind == "person":
                known.role = known.role or role
                return j
            return None
        span = self._name_span(k - 1, forward=False)
        if span is None or span[1] - span[0] < 2:
            return None
        self._add_person(span[0], span[1], role, sector, org)
        return j

    def _add_person(self, a: int, b: int, role: str, sector: str | None, org_hit: _Hit | None) -> None:
        name = " ".join(t.text for t in self.toks[a:b])
        if self.toks[a].text in _HONORIFICS and b - a > 1:
            a += 1
            name = " ".join(t.text for t in self.toks[a:b])
        person = self.people.get(name) or self.kb.lookup(name)
        if person is None or person.kind != "person":
            org = org_hit.actors[0] if org_hit is not None else None
            if role.split(" ")[0].casefold() in self.kb._former:
                person_sector = "ELI"
            elif org is None:
                person_sector = sector
            elif org.kind == "state":
                person_sector = sector or "GOV"
            else:
                person_sector = org.sector
            person = Actor(id=f"person:{slugify(name)}", name=name, kind="person", sector=person_sector,
                           code=org.code if org else None, country=org.country if org else None,
                           member_of=org.id if org else None, role=role)
            via = "role-pattern"
        else:
            via = "name"
        self.people.setdefault(name, person)
        hit = _Hit(a, b, [person], via, role)
        self.hits.append(hit)
        for k in range(a, b):
            self.by_token[k] = hit

    def _surnames(self) -> None:
        """Later single-word mentions of a person's surname ("Shaheen said") are that person."""
        first_seen: dict[str, tuple[int, Actor]] = {}
        for h in sorted(self.hits, key=lambda h: h.i):
            actor = h.actors[0]
            if actor.kind != "person" or h.j - h.i < 2:
                continue
            surname = actor.name.split()[-1]
            if surname not in first_seen:
                first_seen[surname] = (h.j, actor)
        if not first_seen:
            return
        toks = self.toks
        for k, tok in enumerate(toks):
            seen = first_seen.get(tok.text)
            if seen is None or k < seen[0] or k in self.by_token:
                continue
            if k + 1 < len(toks) and toks[k + 1].gap == JOIN and self._is_name_token(toks[k + 1]) \
                    and toks[k + 1].fold not in self.kb.roles.particles and toks[k + 1].text[:1].isupper():
                continue  # "Shaheen Ahmad" is someone else
            hit = _Hit(k, k + 1, [seen[1]], "surname")
            self.hits.append(hit)
            self.by_token[k] = hit

