"""The stages in order: article -> nlp -> actors, places, dates, counts -> events, quotes, commitments -> Document.

    article ─▶ nlp ─▶ resolve actors ─▶ geoparse ─▶ dates, counts ─▶ code events ─▶ quotes, commitments ─▶ Document

``Pipeline`` holds the resources every stage needs (language model, actor knowledge base, gazetteer, trigger
lexicon), loaded once; ``Pipeline.process(article)`` is a pure function of the article.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable, Iterator

from hoopoe import __version__
from hoopoe.errors import BadDate, EmptyInput, TooLarge
from hoopoe.extractors.commitments import CommitmentFinder
from hoopoe.extractors.counts import find_casualties
from hoopoe.extractors.crosswalk import Crosswalk
from hoopoe.extractors.dates import find_dates, normalize_date, parse_published
from hoopoe.extractors.events import (
    ActorMention,
    ArticleView,
    CasualtySpan,
    DateSpan,
    EventCoder,
    to_event,
)
from hoopoe.extractors.quotes import QuoteFinder
from hoopoe.geo.recognize import CAPITAL_AFTER
from hoopoe.ingest import article_id
from hoopoe.records import Article, ArticleMeta, Document, Entity, Place
from hoopoe.resolve.actors import ActorKB
from hoopoe.resolve.named import find_claimants, find_named_attackers, find_speakers
from hoopoe.resolve.unlisted import HeadTable, covered_spans, find_unlisted

log = logging.getLogger(__name__)

#: the largest article the pipeline codes, in characters (about 150,000 words); larger inputs are refused
#: with a clear error rather than held in memory by every stage. Calibrated on long-form reports (the longest
#: news feature in our test material is under 100,000 characters).
MAX_CHARS = 1_000_000


#: "police in Karachi": the words between a generic actor and the place that localises it
_FOREIGN_OFTEN = frozenset({None, "military", "air-force", "navy", "special-forces", "peacekeepers", "mercenaries",
                            "aid-workers", "journalists", "embassy", "prisoners-of-war", "hostages", "refugees",
                            "security-forces", "border-guards", "national-guard", "intelligence"})
_FACILITIES = frozenset({"station", "stations", "checkpoint", "checkpoints", "post", "posts", "base", "bases",
                         "headquarters", "compound", "office", "offices", "barracks", "academy", "building",
                         "convoy", "vehicle", "patrol", "camp", "camps"})
_PLACED = re.compile(r"[ \t]+(?:in|from|of)[ \t]+(?:the[ \t]+)?")


@dataclass(slots=True)
class Settings:
    keep_hypothetical: bool = False
    model: str | None = None
    actor_files: tuple[str, ...] = ()
    trigger_files: tuple[str, ...] = ()
    gazetteer: str | None = None
    nlp_pos: bool = False  # let the event coder read the trained tagger's POS (see hoopoe.nlp.pipeline)


class Pipeline:
    """All stages, their resources loaded once. Thread-compatible: ``process`` keeps no state."""

    def __init__(self, settings: Settings | None = None) -> None:
        from hoopoe.extractors.lexicon import Lexicon
        from hoopoe.geo import Gazetteer, Geocoder
        from hoopoe.nlp.pipeline import load_nlp, model_version, unused_by_extractors

        self.settings = settings or Settings()
        s = self.settings
        self.nlp = load_nlp(s.model)
        self._nlp_skip = unused_by_extractors(self.nlp, pos=s.nlp_pos)
        self.kb = ActorKB.load(extra_paths=list(s.actor_files) or None)
        self.org_heads = HeadTable.load()
        self.geocoder = Geocoder(Gazetteer.open(s.gazetteer)) if s.gazetteer else Geocoder.default()
        self.coder = EventCoder(Lexicon.load(s.trigger_files), keep_hypothetical=s.keep_hypothetical)
        self.quotes = QuoteFinder(self.coder.cues)
        self.commitments = CommitmentFinder()
        self.crosswalk = Crosswalk(plover=self.coder.plover)
        self.versions = {
            "hoopoe": __version__,
            "nlp": model_version(self.nlp),
            "actors": f"{self.kb.version}+{self.org_heads.version}",
            "geocoder": self.geocoder.version,
            "events": f"{self.coder.version}+{self.coder.lexicon.version}",
            "crosswalk": self.crosswalk.version,
        }

    # ---------------------------------------------------------------------------------------------------
    def process(self, article: Article) -> Document:
        text = article.text or ""
        if not text.strip():
            raise EmptyInput(f"article {article.id or article.origin or ''!s} has no text".replace("  ", " "))
        if len(text) > MAX_CHARS:
            raise TooLarge(f"article {article.id or article.origin} has {len(text):,} characters; the limit is {MAX_CHARS:,}")
        aid = article.id or article_id(text, article.url)
        published = article.published
        doc = self.nlp(text, disable=self._nlp_skip)

        dateline = find_dateline(text)
        all_matches = self.kb.find(text)
        # organisations no list holds, by the shape of their name ("the Homeland Union")
        # a state's demonym or a generic word may be part of such a name ("the Latvian Farmers Union")
        unlisted = find_unlisted(text, self.kb, covered_spans(all_matches), self.org_heads)
        # people the report names as the attackers ("the attacker, identified as ..."): the attacker context
        # wins over a person the knowledge base's role patterns found there ("X, a former soldier,")
        named = find_named_attackers(text, self.kb, covered_spans([m for m in all_matches if m.actor.kind != "person"])
                                     + [(u.start, u.end) for u in unlisted])
        named += find_claimants(text, self.kb, covered_spans(all_matches) + [(u.start, u.end) for u in unlisted + named])
        named += find_speakers(text, self.kb, covered_spans(all_matches) + [(u.start, u.end) for u in unlisted + named])
        if named:
            all_matches = [m for m in all_matches if not (m.via == "role-pattern" and any(
                m.start < n.end and n.start < m.end for n in named))]
            unlisted += named
        known = all_matches
        if unlisted:
            inside = [(u.start, u.end) for u in unlisted]
            kept = [m for m in all_matches if not any(s <= m.start and m.end <= e for s, e in inside)]
            all_matches = sorted(kept + unlisted, key=lambda m: (m.start, m.end))
            known = kept
        matches = [m for m in all_matches if not (dateline and m.start < dateline[1])]
        actors = [ActorMention(m.start, m.end, m.text, self.kb.entity(m), m.via, m.actor.kind, org=self._org(m.actor))
                  for m in matches]
        # an unlisted organisation's name may hold the only place the text gives ('the Medan Police')
        places = self.geocoder.geoparse(text, exclude=actor_exclusions(known, text))
        actors = self._localised_generics(text, actors, places)
        dates = [DateSpan(d.start, d.end, d.info) for d in find_dates(text, published)]
        casualties = []
        for sent in doc.sents:
            for c in find_casualties(sent.text):
                casualties.append(CasualtySpan(sent.start_char + c.start, sent.start_char + c.end, c.kind, c.count))

        view = ArticleView(text=text, doc=doc, published=published, actors=actors, places=places, dates=dates,
                           article_id=aid, casualties=casualties, dateline=dateline,
                           renormalize_date=lambda t, p, tense: normalize_date(t, p, tense=tense))
        cands, _frames = self.coder.code(view)
        events = []
        for c in cands:
            ev = to_event(c, aid)
            self.crosswalk.apply(ev, ev.evidence.text if ev.evidence else "")
            if published and ev.modality == "asserted" and ev.date.end and _years_before(ev.date.end, published) >= 1:
                ev.modality = "historical"
            events.append(ev)
        quotes = self.quotes.find(text, doc, actors)
        commitments = self.commitments.find(view, cands, events)
        entities = self.kb.entities(matches)
        meta = ArticleMeta(id=aid, title=article.title, url=article.url, source=article.source,
                           published=published.isoformat() if published else None, language=article.language)
        return Document(article=meta, events=events, entities=entities, places=places, quotes=quotes,
                        commitments=commitments, pipeline=dict(self.versions))

    __call__ = process

    @staticmethod
    def places_in(text: str) -> list[Place]:
        """Toponyms of a text as the pipeline resolves them (actor names such as "Islamic State Khorasan
        Province" or "Pakistani Air Force" are not places), without coding events."""
        from hoopoe.geo import Geocoder

        kb = ActorKB.load()
        return Geocoder.default().geoparse(text, exclude=actor_exclusions(kb.find(text)))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Document]:
        for a in articles:
            yield self.process(a)

    def _localised_generics(self, text: str, actors: list[ActorMention], places: list) -> list[ActorMention]:
        """'Rebel leaders in Mali', 'police in Karachi', 'students in Dhaka': a generic actor placed in a country
        by the phrase right after it is that country's ("no country unless the text gives one": here it does)."""
        starts = {}
        for pl in places:
            if pl.country:
                for s, _e in pl.mentions:
                    starts[s] = pl.country
        def generic_key(a: ActorMention) -> str | None:
            kb_id = (a.entity.identifier_id or "").removeprefix("hoopoe:")
            key = kb_id[len("generic."):] if a.via == "generic" and kb_id.startswith("generic.") else None
            # soldiers in a country are often foreign ("troops in Mali"): only civil and local words are placed
            return key if key not in _FOREIGN_OFTEN else None

        out = list(actors)
        for n, a in enumerate(actors):
            # "a police station in Mogadishu": the place is the facility's, the target stays as written
            facility = a.text.rsplit(None, 1)[-1].lower() in _FACILITIES
            m = _PLACED.match(text, a.end) if generic_key(a) and not facility else None
            country = starts.get(m.end()) if m else None
            state = self._state(country) if country else None
            if state is None:
                continue
            # "Rebel leaders in Mali": the first of two generic words is who they are
            k = n - 1 if n > 0 and generic_key(actors[n - 1]) and not text[actors[n - 1].end:a.start].strip() else n
            b = actors[k]
            try:
                composed = self.kb.get(f"{state.id}-{generic_key(b)}")
            except KeyError:
                continue
            out[k] = ActorMention(b.start, b.end, b.text, self.kb.entity(composed), "composed", composed.kind, org=b.org)
        return out

    def _state(self, code: str):
        try:
            actor = self.kb.get(code.lower())
        except KeyError:
            return None
        return actor if actor.kind == "state" else None

    def _org(self, actor) -> Entity | None:
        """The organisation a person speaks for, as an entity (None for non-people)."""
        if actor.kind != "person" or not actor.member_of:
            return None
        org = self.kb.get(actor.member_of)
        return self.kb.entity(org) if org is not None else None


_PLACE_LIKE_KINDS = frozenset({"state", "country"})


def actor_exclusions(matches, text: str = "") -> list[tuple[int, int]]:
    """Spans of actor mentions that must not be read as toponyms: every actor except a country named as such
    or a capital (those are places too: "inside Afghanistan", "in Kabul"), and a demonym that names a capital
    ("in the Afghan capital")."""
    return [(m.start, m.end) for m in matches
            if not (m.actor.kind in _PLACE_LIKE_KINDS and m.via in ("name", "alias", "capital"))
            and not (m.actor.kind in _PLACE_LIKE_KINDS and CAPITAL_AFTER.match(text, m.end))]



_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.])(?:,\s*(?:[A-Z][\w.]*\s?){1,3})?"   # KABUL / DOHA, Qatar
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"  # , Oct 9
    r"(?:\s*\([A-Za-z .&-]{2,30}\))?\s*[-–—]+\s+")                                   # (Reuters) -


def find_dateline(text: str) -> tuple[int, int] | None:
    """The span of a wire-style dateline opening the article ("KABUL, Oct 9 (Reuters) - "), or None.
    The dateline says where the story was filed: never the event's place, never an actor."""
    m = _DATELINE.match(text[:120])
    return (m.start("place"), m.end()) if m else None


def _years_before(day: str, published: date) -> float:
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return 0.0
    return (published - d).days / 365.25


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The process-wide pipeline with shipped defaults, created on first use."""
    return Pipeline()


def extract(text: str, published: str | date | None = None, *, id: str | None = None, title: str | None = None,
            url: str | None = None, source: str | None = None, pipeline: Pipeline | None = None) -> Document:
    """Code one article: ``hoopoe.extract(text, published="2021-10-11") -> Document``."""
    if isinstance(published, str):
        published = parse_published(published)
    elif published is not None and not isinstance(published, date):
        raise BadDate(f"published must be a date or 'YYYY-MM-DD', not {published!r}")
    article = Article(text=text, id=id, title=title, url=url, source=source, published=published)
    return (pipeline or default_pipeline()).process(article)
