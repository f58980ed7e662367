"""What the clusterer compares: the features of one report and the profile of a cluster of reports.

A *report* is one stored event (an :class:`~hoopoe.records.Event` of one article). Its features are
reduced once to plain, hashable values (day numbers, place keys, actor keys, word stems), so scoring
thousands of candidate pairs costs no JSON and no date parsing. A :class:`Profile` aggregates the
features of a cluster's reports (a report alone is a profile of one), so a report is scored against a
cluster, and a cluster against a cluster, with one function (:func:`hoopoe.dedup.scoring.score`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from hoopoe.records import ArticleMeta, Entity, Event, Place

#: PLOVER types whose events are statements or relations (quad classes 1 and 3 of the PLOVER manual): who
#: said or did it to whom is what tells two of them apart, so their actors and recipients weigh more.
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT",
                          "THREATEN", "SANCTION"})

#: Mode classes: PLOVER modes (and trigger words, for events coded without a mode) grouped by how the
#: violence or action was carried out. Two reports in conflicting classes (an airstrike and a ground
#: clash) describe different happenings.
MODE_CLASSES: dict[str, str] = {
    "aerial": "air", "drone": "air",
    "explosives": "explosive", "suicide-attack": "explosive",
    "heavy-weapons": "artillery",
    "firearms": "ground", "primitive": "ground", "beat": "ground", "targeted": "ground",
    "abduct": "abduct", "crowd-control": "crowd", "arrest": "arrest", "seize": "seize",
    "demo": "demo", "riot": "riot", "strike": "strike",
}
_MANNER = frozenset({"air", "ground"})
#: Trigger words that imply a mode class when the coder gave no mode ("clashed", "warplanes struck").
TRIGGER_CLASSES: dict[str, str] = {  # (the trigger or, for aircraft, any word of the sentence)
    "clash": "ground", "clashed": "ground", "clashes": "ground", "fighting": "ground", "fought": "ground",
    "gunfight": "ground", "firefight": "ground", "ambush": "ground", "ambushed": "ground", "shot": "ground",
    "airstrike": "air", "airstrikes": "air", "warplanes": "air", "warplane": "air", "jets": "air",
    "bombed": "explosive", "missile": "artillery", "missiles": "artillery", "rockets": "artillery",
    "rocket": "artillery", "shelling": "artillery", "shelled": "artillery",
}

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)

#: Words that say nothing about *which* happening a sentence reports: function words, reporting verbs,
#: dates, and the vocabulary every conflict report shares ("killed", "people", "attack"). What is left
#: ("market", "school", "convoy", "Kukawa", "pension") is what tells two reports of one kind apart.
STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "ago", "all", "also", "am", "an", "and", "any", "are", "around", "as", "at", "be", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "during", "each", "early", "earlier", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "late", "later", "least", "less", "many", "me", "more", "most", "much", "my", "near", "nearly", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yet", "still", "already", "amid", "among", "across", "according", "announced", "added", "claimed", "confirmed", "reported", "reports", "report", "said", "says", "say", "saying", "stated", "statement", "told", "tells", "news", "agency", "media", "sources", "source", "official", "officials", "spokesman", "spokesperson", "spokeswoman", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "weekend", "weeks", "today", "yesterday", "tonight", "morning", "afternoon", "evening", "night", "day", "days", "month", "months", "year", "years", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozen", "dozens", "hundreds", "hundred", "thousands", "thousand", "several", "scores", "least", "attack", "attacks", "attacked", "attacking", "kill", "kills", "killed", "killing", "dead", "death", "deaths", "died", "die", "dying", "wound", "wounds", "wounded", "wounding", "injure", "injured", "injuring", "injuries", "people", "person", "persons", "men", "women", "others", "another", "province", "state", "region", "district", "town", "village", "city", "capital", "area", "areas", "country", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "local"])

def stem(word: str) -> str:
    """A crude English stem: enough to match "bombing"/"bombed"/"bombs" and "missiles"/"missile", not a
    morphology. Inflectional endings go, then a doubled final consonant ("stopped") and a final "e"
    ("fired", "fire" and "firing" all give "fir")."""
    w = word.lower().replace("’", "'")
    if w.endswith(("ies", "ied")) and len(w) > 5:
        w = w[:-3] + "y"
    elif w.endswith("ings") and len(w) > 6:
        w = w[:-4]
    elif w.endswith(("sses", "xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    if len(w) >= 4 and w.endswith("e"):
        w = w[:-1]
    return w


def tokens(text: str) -> Counter[str]:
    """Content-word stems of a sentence, counted."""
    out: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if len(w) < 3 or w in STOPWORDS:
            continue
        out[stem(w)] += 1
    return out


def _words(text: str | None) -> list[str]:
    return [m.group().lower() for m in _WORD.finditer(text or "")]


def cosine(a: Counter[str], na: float, b: Counter[str], nb: float) -> float:
    """Cosine of two word-count vectors whose norms are given."""
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0) for k, v in a.items()) / (na * nb)


def norm(c: Counter[str]) -> float:
    return math.sqrt(sum(v * v for v in c.values()))


# ------------------------------------------------------------------------------------------------ dates

def day_number(value: str | None) -> int | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) as a proleptic ordinal day; ``None`` when unreadable."""
    if not value:
        return None
    v = value.strip()
    try:
        return date.fromisoformat(v[:10]).toordinal()
    except ValueError:
        pass
    try:
        if len(v) == 7:
            return date(int(v[:4]), int(v[5:7]), 1).toordinal()
        if len(v) == 4:
            return date(int(v), 1, 1).toordinal()
    except ValueError:
        return None
    return None


#: When an event has no date of its own, it is taken to have happened on one of the days up to the
#: publication date (news reports what happened the day before or the same day; two days of slack).
INFERRED_DAYS_BEFORE = 2


@dataclass(frozen=True, slots=True)
class Interval:
    """Days ``lo..hi`` inclusive (ordinals) in which the event happened; ``inferred``: from the
    publication date, the event having no date of its own."""

    lo: int
    hi: int
    inferred: bool = False

    @property
    def width(self) -> int:
        return self.hi - self.lo + 1

    def gap(self, other: Interval) -> int:
        """Days between the two intervals: 0 when they overlap, 1 for adjacent days, and so on."""
        return max(0, max(self.lo, other.lo) - min(self.hi, other.hi))

    def iso(self) -> tuple[str, str]:
        return date.fromordinal(self.lo).isoformat(), date.fromordinal(self.hi).isoformat()


def event_interval(ev: Event, published: str | None) -> Interval | None:
    start, end = day_number(ev.date.start), day_number(ev.date.end)
    if start is not None or end is not None:
        lo = start if start is not None else end
        hi = end if end is not None else start
        assert lo is not None and hi is not None
        if hi < lo:
            lo, hi = hi, lo
        return Interval(lo, hi)
    pub = day_number(published)
    if pub is not None:
        return Interval(pub - INFERRED_DAYS_BEFORE, pub, inferred=True)
    return None


# ------------------------------------------------------------------------------------------------ places

#: Place features from the most to the least precise.
_FEATURE_RANK = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}


@dataclass(frozen=True, slots=True)
class PlaceKey:
    """The parts of a place that matter for matching, hashable."""

    geonameid: int | None
    name: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    precision: int | None
    feature: str | None

    @classmethod
    def of(cls, p: Place) -> PlaceKey:
        return cls(p.geonameid, p.name or p.text, p.lat, p.lon, p.admin1, p.country, p.precision, p.feature)

    @property
    def point(self) -> bool:
        """A town or a spot, with coordinates: distances between two such places mean something."""
        return (self.lat is not None and self.lon is not None and (self.precision or 3) <= 2
                and _FEATURE_RANK.get(self.feature or "city", 1) <= 2)

    @property
    def rank(self) -> tuple[int, int]:
        """Sort key, most precise first."""
        return (self.precision or 9, _FEATURE_RANK.get(self.feature or "", 6))


def km(a: PlaceKey, b: PlaceKey) -> float:
    """Great-circle distance in kilometres between two places with coordinates."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


# ------------------------------------------------------------------------------------------------ actors

def is_generic(e: Entity) -> bool:
    """An unnamed actor ("gunmen", "police", "civilians"): a hint about who, not an identity."""
    return (e.kind in ("generic", "civilians") or (e.kb_id or "").startswith("generic.")
            or (e.identifier_id or "").startswith("hoopoe:generic."))


def entity_key(e: Entity) -> str:
    """One identity per entity: knowledge-base id, else Wikidata id, else the canonical or surface name."""
    return (e.kb_id or e.identifier_id or e.identifier_text or e.entity_text or "").strip().lower()


def _codes(ents: list[Entity]) -> frozenset[str]:
    return frozenset(e.code for e in ents if e.code and not is_generic(e))


# ------------------------------------------------------------------------------------------------ reports

ReportKey = tuple[str, int]  # (article_id, event seq)
ReportRef = tuple[str, str]  # (article_id, event id): what merge decisions remember


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure as bounds: ``hi`` is ``None`` for "at least N"; ``lo`` is ``None`` for "up to N"."""

    lo: int | None
    hi: int | None

    @property
    def low(self) -> int:
        return self.lo if self.lo is not None else 0

    @property
    def high(self) -> float:
        return self.hi if self.hi is not None else math.inf


def figure(c) -> Figure | None:
    if c is None or (c.min is None and c.max is None):
        return None
    return Figure(c.min, c.max)


@dataclass(slots=True)
class Report:
    """The features of one stored event, with the event and its article kept for the canonical record."""

    key: ReportKey
    event_id: str
    meta: ArticleMeta
    event: Event
    type: str
    interval: Interval | None
    place: PlaceKey | None
    actors: frozenset[str]
    recipients: frozenset[str]
    generic_recipients: frozenset[str]
    actor_codes: frozenset[str]  # country or organisation codes (ISO alpha-3, IGO, ...) of named parties
    recipient_codes: frozenset[str]
    modes: frozenset[str]
    killed: Figure | None
    wounded: Figure | None
    words: Counter[str]
    published: int | None

    @property
    def article_id(self) -> str:
        return self.key[0]

    @property
    def ref(self) -> ReportRef:
        return (self.key[0], self.event_id)

    @property
    def specificity(self) -> int:
        """How much the report pins down (used to process the most informative reports first)."""
        s = 0
        if self.interval is not None and not self.interval.inferred:
            s += 2 if self.interval.width == 1 else 1
        if self.place is not None:
            s += 3 - min(3, (self.place.precision or 3)) + 1
        s += bool(self.actors) + bool(self.killed) + bool(self.modes)
        return s

    @classmethod
    def of(cls, meta: ArticleMeta, seq: int, ev: Event) -> Report:
        parties_a = list(ev.actor) + list(ev.claimed_by)
        parties_r = list(ev.recipient)
        modes = {MODE_CLASSES[m] for m in ev.mode if m in MODE_CLASSES}
        modes |= {TRIGGER_CLASSES[w] for w in _words(ev.event_text) if w in TRIGGER_CLASSES}
        if ev.evidence and not modes & _MANNER:
            # "warplanes struck", "soldiers were killed in clashes": the sentence says how, the trigger not
            modes |= {TRIGGER_CLASSES[w] for w in _words(ev.evidence.text) if TRIGGER_CLASSES.get(w) in _MANNER}
        text = ev.evidence.text if ev.evidence else ev.event_text
        words = tokens(text or "")
        # names are compared as actors and places; the words left say what happened and where exactly
        canonical = [e.identifier_text or "" for e in parties_a + parties_r]
        if ev.event_loc is not None:
            canonical += [ev.event_loc.text, ev.event_loc.name or "", ev.event_loc.admin1 or ""]
        surface = [w for e in parties_a + parties_r for w in (e.entity_text or "").split() if w[:1].isupper()]
        first = _words(text)[:1]  # a capitalised first word is capitalised for its position, not a name
        drop = set(tokens(" ".join(canonical))) | (set(tokens(" ".join(surface))) - set(tokens(" ".join(first))))
        words = Counter({w: n for w, n in words.items() if w not in drop})
        return cls(
            key=(meta.id, seq), event_id=ev.id, meta=meta, event=ev, type=ev.event,
            interval=event_interval(ev, meta.published),
            place=PlaceKey.of(ev.event_loc) if ev.event_loc else None,
            actors=frozenset(entity_key(e) for e in parties_a if not is_generic(e)),
            recipients=frozenset(entity_key(e) for e in parties_r if not is_generic(e)),
            generic_recipients=frozenset(entity_key(e) for e in parties_r if is_generic(e)),
            actor_codes=_codes(parties_a), recipient_codes=_codes(parties_r), modes=frozenset(modes),
            killed=figure(ev.killed), wounded=figure(ev.wounded),
            words=words, published=day_number(meta.published),
        )


# ------------------------------------------------------------------------------------------------ profiles

@dataclass(slots=True)
class Profile:
    """The aggregated features of a cluster's reports, updated as reports join.

    Consensus values (``date``, ``place``, ``type``) are chosen by support; sets (actors, modes,
    words) are unions with counts; casualty figures are an envelope."""

    members: list[Report] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)
    intervals: Counter[Interval] = field(default_factory=Counter)
    places: Counter[PlaceKey] = field(default_factory=Counter)
    geonameids: set[int] = field(default_factory=set)
    actors: Counter[str] = field(default_factory=Counter)
    recipients: Counter[str] = field(default_factory=Counter)
    generic_recipients: Counter[str] = field(default_factory=Counter)
    actor_codes: Counter[str] = field(default_factory=Counter)
    recipient_codes: Counter[str] = field(default_factory=Counter)
    modes: Counter[str] = field(default_factory=Counter)
    killed: Figure | None = None
    wounded: Figure | None = None
    words: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    refs: set[ReportRef] = field(default_factory=set)
    first_published: int | None = None
    last_published: int | None = None
    # derived, refreshed by _refresh()
    type: str = ""
    date: Interval | None = None
    span: Interval | None = None
    place: PlaceKey | None = None
    country: str | None = None
    words_norm: float = 0.0

    @classmethod
    def of(cls, reports: list[Report] | Report) -> Profile:
        p = cls()
        for r in [reports] if isinstance(reports, Report) else reports:
            p._add(r)
        p._refresh()
        return p

    def add(self, other: Profile | Report) -> None:
        """Take in a report, or every report of another profile."""
        for r in other.members if isinstance(other, Profile) else [other]:
            self._add(r)
        self._refresh()

    def _add(self, r: Report) -> None:
        self.members.append(r)
        self.types[r.type] += 1
        if r.interval is not None:
            self.intervals[r.interval] += 1
        if r.place is not None:
            self.places[r.place] += 1
            if r.place.geonameid is not None and r.place.point:
                self.geonameids.add(r.place.geonameid)
        self.actors.update(r.actors)
        self.recipients.update(r.recipients)
        self.generic_recipients.update(r.generic_recipients)
        self.actor_codes.update(r.actor_codes)
        self.recipient_codes.update(r.recipient_codes)
        self.modes.update(r.modes)
        self.killed = _envelope(self.killed, r.killed)
        self.wounded = _envelope(self.wounded, r.wounded)
        self.words.update(r.words)
        self.articles.add(r.article_id)
        self.refs.add(r.ref)
        if r.published is not None:
            self.first_published = min(self.first_published or r.published, r.published)
            self.last_published = max(self.last_published or r.published, r.published)

    def _refresh(self) -> None:
        self.type = max(self.types.items(), key=lambda kv: (kv[1], kv[0]))[0] if self.types else ""
        self.date = best_interval(self.intervals)
        if self.intervals:
            self.span = Interval(min(i.lo for i in self.intervals), max(i.hi for i in self.intervals))
        countries: Counter[str] = Counter()
        for p, n in self.places.items():
            if p.country:
                countries[p.country] += n
        self.country = max(countries.items(), key=lambda kv: (kv[1], kv[0]))[0] if countries else None
        candidates = [(p, n) for p, n in self.places.items() if self.country is None or p.country == self.country]
        self.place = min(candidates, key=lambda pn: (pn[0].rank, -pn[1], str(pn[0].geonameid)))[0] if candidates else None
        self.words_norm = norm(self.words)

    @property
    def verbal(self) -> bool:
        return self.type in VERBAL_TYPES

    @property
    def size(self) -> int:
        return len(self.members)


def _envelope(a: Figure | None, b: Figure | None) -> Figure | None:
    """The smallest figure range covering both ("at least" keeps the range open upwards)."""
    if a is None or b is None:
        return a or b
    lows = [x for x in (a.lo, b.lo) if x is not None]
    hi = None if a.hi is None or b.hi is None else max(a.hi, b.hi)
    return Figure(min(lows) if lows else None, hi)


def best_interval(intervals: Counter[Interval]) -> Interval | None:
    """The date the reports agree on: the interval overlapped by the most reports, the narrowest of
    those, dated reports before ones dated from their publication day."""
    if not intervals:
        return None
    best, best_key = None, None
    for cand in intervals:
        support = sum(n for other, n in intervals.items() if other.gap(cand) == 0)
        key = (-support, cand.inferred, cand.width, cand.lo)
        if best_key is None or key < best_key:
            best, best_key = cand, key
    return best
