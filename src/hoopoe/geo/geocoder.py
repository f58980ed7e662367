"""Toponym resolution: rank a name's gazetteer candidates by features that can be explained, and geoparse
whole articles into :class:`hoopoe.records.Place` records.

Score of a candidate (all weights are named constants below, set by hand from general reasoning about
news text, not fitted to an evaluation set):
  population prior (log10) + kind prior - alternate-name penalty
  + agreement with the countries and admin1 regions of the article's other places
  + containment in an explicit qualifier ("Alexandria, Louisiana"; "Kunduz, a city in ... Afghanistan")
  + proximity to the article's other places
Then document coherence: a weak resolution (an alternate name, or a town below WEAK_POPULATION) in a country
that no other place of the article is in, far from every place the article names confidently, gives way to
the best coherent candidate, or to none ("Taji north of Baghdad" is not Taiji, Japan).
"""

from __future__ import annotations

import difflib
import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hoopoe.geo.gazetteer import GazEntry, Gazetteer, fold, haversine_km
from hoopoe.geo.recognize import STREET, Lexicon, Mention, ToponymRecognizer
from hoopoe.records import Place

VERSION = "geocode.geonames.v1"

#: Score per decade of population.
W_POPULATION = 1.0
#: Priors by kind, in population decades: a bare country or state name in news means the country/state
#: far more often than a village of that name.
KIND_PRIOR = {"country": 3.0, "continent": 3.0, "admin1": 2.0, "region": 2.0, "admin2": 0.5, "city": 0.0}
#: A capital's name is usually the capital.
CAPITAL_BONUS = 1.0
#: Matched only through an alternate (often foreign-language) name.
ALT_PENALTY = 2.0
#: Same name as the candidate city it contains ("Kunduz" province vs Kunduz city): news means the city
#: unless a designator ("Kunduz Province") says otherwise.
NAMESAKE_ADMIN_PENALTY = 3.0
#: Candidate lies in a country that the article's other places are in (scaled by their share).
W_COUNTRY = 3.0
#: Candidate lies in an admin1 region that the article names or whose places it names.
W_ADMIN1 = 2.0
#: Candidate lies inside the explicit qualifier that follows it.
W_QUALIFIER = 8.0
#: Candidate lies within NEAR_KM of another place of the article.
W_NEAR = 1.0
NEAR_KM = 161.0
#: NEAR_KM in degrees of latitude (plus a margin): a cheap test that skips most distance computations.
_NEAR_DEG = NEAR_KM / 111.0 + 0.05
#: Population used for entries without one (regions), so that log10 stays finite.
MIN_POPULATION = 10
#: Coherence: a town or district below this population, or any place matched only by an alternate name, is a
#: weak resolution; a place by its main name that is a country, first-level region, capital or a town of at
#: least this population is a confident one. The recogniser's STRONG_POPULATION, a mid-sized city.
WEAK_POPULATION = 100_000
#: Coherence: a weak resolution this far from every confident place of the article (and in a country no other
#: place is in) is far away. Set by hand: farther than a neighbouring region, well beyond NEAR_KM.
FAR_KM = 2_000.0

_FEATURE = {"city": "city", "admin2": "admin2", "admin1": "admin1", "country": "country", "region": "region",
            "continent": "region"}
_PRECISION = {"city": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3, "continent": 3}


@dataclass(slots=True)
class Context:
    """What the rest of the article says about where it is."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)
    qualifier: GazEntry | None = None


class Geocoder:
    """Geoparse text and resolve names against a :class:`Gazetteer`.

    >>> geo = Geocoder(Gazetteer.open())
    >>> geo.resolve("Kunduz", context_countries=("AFG",)).geonameid
    1135689
    """

    version = VERSION

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer
        self.recognizer = ToponymRecognizer(gazetteer, lexicon)

    @classmethod
    def default(cls) -> Geocoder:
        """The embedded-gazetteer geocoder, loaded once per process."""
        return _default_geocoder()

    # ------------------------------------------------------------------------------------------------
    def rank(self, name: str, context: Context | None = None,
             kinds: frozenset[str] | None = None) -> list[tuple[float, GazEntry]]:
        """Candidates of ``name`` with their scores, best first."""
        cands = self.gaz.lookup(name)
        if kinds:
            kept = [c for c in cands if c.entry.kind in kinds]
            cands = kept or cands
        ctx = context or Context()
        key = fold(name)
        has_namesake_city = any(c.entry.kind == "city" and fold(c.entry.name) == key for c in cands)
        total = sum(ctx.countries.values()) or 1
        out = []
        for c in cands:
            e = c.entry
            s = W_POPULATION * math.log10(max(e.population, MIN_POPULATION)) + KIND_PRIOR.get(e.kind, 0.0)
            if c.alternate:
                s -= ALT_PENALTY
            if e.feature_code == "PPLC":
                s += CAPITAL_BONUS
            if e.kind in ("admin1", "admin2") and has_namesake_city and not (kinds and e.kind in kinds):
                s -= NAMESAKE_ADMIN_PENALTY
            if e.country and ctx.countries:
                s += W_COUNTRY * ctx.countries.get(e.country, 0) / total
            if e.admin1_code and ctx.admin1.get(e.admin1_code) and e.kind != "admin1":
                s += W_ADMIN1
            if ctx.qualifier is not None and _inside(e, ctx.qualifier):
                s += W_QUALIFIER
            if ctx.points and e.kind in ("city", "admin2") and any(
                abs(e.lat - la) < _NEAR_DEG and haversine_km(e.lat, e.lon, la, lo) < NEAR_KM
                for la, lo in ctx.points
            ):
                s += W_NEAR
            out.append((s, e))
        out.sort(key=lambda x: -x[0])
        return out

    def resolve(self, name: str, context_countries: Sequence[str] = (), *,
                kinds: Iterable[str] | None = None) -> Place | None:
        """The most likely place ``name`` refers to, or None when the gazetteer has no candidate."""
        ctx = Context(countries=Counter(context_countries))
        entry = self._best(name, ctx, frozenset(kinds) if kinds else None)
        return to_place(entry, name) if entry else None

    def _best(self, name: str, ctx: Context, kinds: frozenset[str] | None) -> GazEntry | None:
        if kinds == STREET:
            return None  # streets are recognised, but the gazetteer holds no streets
        ranked = self.rank(name, ctx, kinds)
        if ranked:
            return ranked[0][1]
        country = self.gaz.demonym(name)
        return self.gaz.by_code("country", country) if country else None

    # ------------------------------------------------------------------------------------------------
    def resolve_mentions(self, mentions: list[Mention], *, rounds: int = 2,
                         text: str | None = None) -> list[GazEntry | None]:
        """Resolve a document's mentions jointly: first each alone, then each in the context of the
        others' current resolutions (their countries, admin1 regions, points and qualifiers); then (given
        the ``text``) drop landmarks named after a town ("Notre Dame de Nice"), and last make the
        resolutions coherent (see :meth:`_cohere`).

        A mention's context leaves out every mention of the same name, so it depends only on the name:
        each round tallies the whole document once and derives one context per distinct name (by
        subtracting that name's own share), and ranks each (name, kinds, qualifier) once."""
        keys = [fold(m.lookup) for m in mentions]
        memo: dict[tuple, GazEntry | None] = {}
        resolved: list[GazEntry | None] = []
        for m, key in zip(mentions, keys):
            if m.demonym:
                resolved.append(self.gaz.by_code("country", m.demonym))
                continue
            mk = (key, m.kinds)
            if mk not in memo:
                memo[mk] = self._best(m.lookup, Context(), m.kinds)
            resolved.append(memo[mk])
        for _ in range(rounds):
            contexts = _contexts(keys, resolved)
            memo = {}
            new = []
            for k, m in enumerate(mentions):
                if m.demonym:
                    new.append(resolved[k])
                    continue
                qual = resolved[m.qualifier] if m.qualifier is not None else None
                mk = (keys[k], m.kinds, qual.rowid if qual is not None else None)
                if mk not in memo:
                    ctx = contexts[keys[k]]
                    if qual is not None:
                        ctx = Context(ctx.countries, ctx.admin1, ctx.points, qual)
                    memo[mk] = self._best(m.lookup, ctx, m.kinds)
                new.append(memo[mk])
            resolved = new
        if text is not None:
            resolved = _landmarks_of_places(text, mentions, resolved)
        return self._cohere(mentions, keys, resolved)

    def _main_names(self, name: str) -> frozenset[int]:
        return frozenset(c.entry.rowid for c in self.gaz.lookup(name) if not c.alternate)

    def _confident(self, e: GazEntry, name: str) -> bool:
        """A country, first-level region, continent, capital or town of WEAK_POPULATION, by its main name."""
        return e.rowid in self._main_names(name) and (
            e.kind in ("country", "admin1", "continent", "region") or e.feature_code == "PPLC"
            or e.population >= WEAK_POPULATION)

    def _weak(self, e: GazEntry, name: str) -> bool:
        """A town or district below WEAK_POPULATION, or a place matched only by an alternate name unless it is a
        country, a first-level region or a city of WEAK_POPULATION: transliterations of large places
        ("Mazar-i-Sharif", "Lashkargah") are alternate names and must hold against a far-away capital."""
        if e.kind in ("country", "admin1"):
            return False
        if e.kind in ("city", "admin2") and e.population < WEAK_POPULATION:
            return True
        if e.rowid in self._main_names(name):
            return False
        # an alternate name of a large city is strong only as a spelling of its name ("Mazar-i-Sharif" for
        # "Mazār-e Sharīf"), not as another name altogether ("Walton" for "Model Town")
        return not (e.kind == "city" and e.population >= WEAK_POPULATION and _same_spelling(name, e.name))

    def _cohere(self, mentions: list[Mention], keys: list[str],
                resolved: list[GazEntry | None]) -> list[GazEntry | None]:
        """Replace each weak resolution that is far from the document by the best-ranked candidate that is
        not, or by None. "Far from the document": other names of the document resolve confidently (anchors),
        no other name resolves in the candidate's country, no anchor lies within FAR_KM of it, and no other
        name has any candidate within NEAR_KM of it (then the document can be read around it: "Jordan
        Elementary ... Shakopee" is Jordan, Minnesota). Demonyms, places inside names ("Georgia Power") and
        given names ("his wife Nancy") place nothing confidently; demonyms still count for their country.
        A weak place that is a part of a longer name ("Parsons Green") is kept only where the document places
        it: the name also stands alone, another name lies in its country, or any candidate of another name
        within NEAR_KM."""
        anchors: list[tuple[str, GazEntry]] = []
        countries: dict[str, set[str]] = {}
        for m, key, e in zip(mentions, keys, resolved):
            if e is None:
                continue
            if e.country:
                countries.setdefault(e.country, set()).add(key)
            given_name = key in self.recognizer.lex.first_names
            if not (m.demonym or m.in_name or given_name) and self._confident(e, m.lookup):
                anchors.append((key, e))
        alone = {key for m, key in zip(mentions, keys) if not m.part}
        parts = {key for m, key in zip(mentions, keys) if m.part} - alone
        if not anchors and not parts:
            return resolved
        names = {key: m.lookup for m, key in zip(mentions, keys) if not m.demonym and m.kinds != STREET}

        def coherent(e: GazEntry, key: str) -> bool:
            if e.country and countries.get(e.country, set()) - {key}:
                return True
            if key not in parts and any(k != key and haversine_km(e.lat, e.lon, a.lat, a.lon) <= FAR_KM
                                        for k, a in anchors):
                return True
            return any(k != key and abs(c.entry.lat - e.lat) < _NEAR_DEG
                       and haversine_km(e.lat, e.lon, c.entry.lat, c.entry.lon) <= NEAR_KM
                       for k, name in names.items() for c in self.gaz.lookup(name))

        out = list(resolved)
        contexts = None
        for i, (m, key, e) in enumerate(zip(mentions, keys, resolved)):
            if e is None or m.demonym or m.kinds == STREET:
                continue
            if not (key in parts or any(k != key for k, _ in anchors)):
                continue
            if not self._weak(e, m.lookup) or coherent(e, key):
                continue
            if contexts is None:
                contexts = _contexts(keys, resolved)
            ctx = contexts[key]
            qual = resolved[m.qualifier] if m.qualifier is not None else None
            if qual is not None:
                ctx = Context(ctx.countries, ctx.admin1, ctx.points, qual)
            out[i] = next((c for _, c in self.rank(m.lookup, ctx, m.kinds)
                           if not self._weak(c, m.lookup) or coherent(c, key)), None)
        return out

    def resolve_text(self, text: str, exclude: Iterable[tuple[int, int]] = (),
                     spans: Sequence[tuple[int, int]] | None = None, *, demonyms: bool = False,
                     names: bool = False) -> tuple[list[Mention], list[GazEntry | None]]:
        """The toponym mentions of ``text`` (as :meth:`ToponymRecognizer.find` gives them) and their
        resolutions. Places inside names ("Hall County Sheriff", "Lake Lanier") are resolved with the others
        and inform them (they say which area the text is about) even when ``names`` leaves them out."""
        mentions = self.recognizer.find(text, exclude, spans, demonyms=demonyms, names=True)
        resolved = self.resolve_mentions(mentions, text=text)
        if names:
            return mentions, resolved
        kept = [k for k, m in enumerate(mentions) if not m.in_name]
        return [mentions[k] for k in kept], [resolved[k] for k in kept]

    def geoparse(self, text: str, exclude: Iterable[tuple[int, int]] = (),
                 spans: Sequence[tuple[int, int]] | None = None, *, demonyms: bool = False,
                 names: bool = False) -> list[Place]:
        """Every toponym in ``text``, resolved: one Place per distinct location, with all its mentions.

        ``exclude``: character spans (e.g. actor names already recognised) that are not toponyms.
        ``spans``: candidate toponym spans from outside (e.g. a NER model); then no search is done.
        ``demonyms``: also return the countries of demonyms ("Afghan"); off by default, since "Pakistani
        Air Force" names an actor, not a place.
        ``names``: also places inside names of organisations ("Georgia Public Service Commission"); off by
        default, since they do not say where something happened.
        """
        mentions, resolved = self.resolve_text(text, exclude, spans, demonyms=demonyms, names=names)
        places: dict[tuple, Place] = {}
        near_all: dict[tuple, bool] = {}
        for m, e in zip(mentions, resolved):
            if e is None:
                continue
            key = (e.geonameid, e.kind, e.name) if e.geonameid is None else (e.geonameid,)
            if key not in places:
                places[key] = to_place(e, m.text)
                near_all[key] = True
            places[key].mentions.append((m.start, m.end))
            near_all[key] = near_all[key] and m.near
        for key, place in places.items():
            if near_all[key] and place.precision == 1:
                place.precision = 2
        return sorted(places.values(), key=lambda p: p.mentions[0][0])


_OF = (" de ", " du ", " des ", " de la ", " of ", " in ")


def _landmarks_of_places(text: str, mentions: list, resolved: list) -> list:
    """'Notre Dame de Nice', 'Our Lady of Kibeho': a name followed by "de"/"of" and a settlement of another
    country is a landmark in that settlement, not a place of its own (Notre Dame, Indiana)."""
    out = list(resolved)
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        ea, eb = out[i], out[i + 1]
        if ea is None or eb is None or text[a.end:b.start] not in _OF:
            continue
        if eb.kind in ("city", "admin2", "point") and ea.kind in ("city", "point") and ea.country != eb.country:
            out[i] = None
    return out


def _contexts(keys: list[str], resolved: list[GazEntry | None]) -> dict[str, Context]:
    """One context per distinct name: what all the document's resolved mentions of other names say."""
    countries: Counter = Counter()
    admin1: Counter = Counter()
    own_countries: dict[str, Counter] = {}
    own_admin1: dict[str, Counter] = {}
    points: dict[tuple[float, float], set[str]] = {}
    for key, e in zip(keys, resolved):
        oc = own_countries.setdefault(key, Counter())
        oa = own_admin1.setdefault(key, Counter())
        if e is None:
            continue
        if e.country:
            countries[e.country] += 1
            oc[e.country] += 1
        if e.admin1_code:
            weight = 2 if e.kind == "admin1" else 1
            admin1[e.admin1_code] += weight
            oa[e.admin1_code] += weight
        if e.kind in ("city", "admin2"):
            points.setdefault((e.lat, e.lon), set()).add(key)
    out = {}
    for key in own_countries:
        c = countries - own_countries[key]
        a = admin1 - own_admin1[key]
        pts = [p for p, names in points.items() if names != {key}]
        out[key] = Context(c, a, pts)
    return out


def _inside(e: GazEntry, region: GazEntry) -> bool:
    if region.kind == "country":
        return e.country == region.country and e.kind != "country"
    if region.kind == "admin1":
        return e.admin1_code == region.admin1_code and e.kind != "admin1"
    if region.kind == "admin2":
        return e.admin2_code == region.admin2_code and e.kind == "city"
    return False


def to_place(e: GazEntry, text: str) -> Place:
    return Place(
        text=text, name=e.name, geonameid=e.geonameid, lat=e.lat, lon=e.lon, feature=_FEATURE.get(e.kind),
        admin1=e.admin1 if e.kind != "country" else None, country=e.country, precision=_PRECISION.get(e.kind, 3),
    )


@functools.cache
def _default_geocoder() -> Geocoder:
    return Geocoder(Gazetteer.open())


def _same_spelling(a: str, b: str) -> bool:
    """Whether two names are spellings of one name (transliteration variants), not two different names."""
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio() >= 0.75
