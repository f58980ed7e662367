"""Geoparsing evaluation on corpora in the LGL / TR-News XML format.

Scores (Gritta et al.): ``acc161`` share of gold toponyms resolved within 161 km, ``exact`` share resolved
to the gold GeoNames id, ``mean_km`` / ``median_km`` error distance, over ``n`` gold toponyms. Gold toponyms
without a gazetteer tag (no coordinates) are excluded from ``n`` and counted in ``excluded``. With gold
spans the geocoder resolves the given spans; without them it reads raw text and a gold toponym that it
does not find counts as wrong (error 20,039 km, half the earth's circumference), and toponym recognition
is scored by exact span match (``recognition_p/r/f``, over all gold toponyms, tagged or not).
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from hoopoe.errors import InputError, MissingFile
from hoopoe.geo.gazetteer import haversine_km

#: Error counted for a gold toponym that got no resolution (half the earth's circumference).
MISS_KM = 20_039.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    docid: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def read_corpus(path: str | Path, limit: int | None = None) -> list[GoldArticle]:
    path = Path(path)
    if not path.is_file():
        raise MissingFile(f"geo corpus not found: {path}")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{path} is not LGL/TR-News XML: {exc}") from exc
    out = []
    for art in root.iter("article"):
        tops = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            lat = lon = gid = None
            if g is not None and g.findtext("lat") and g.findtext("lon"):
                lat, lon = float(g.findtext("lat")), float(g.findtext("lon"))
                gid = int(g.get("geonameid")) if (g.get("geonameid") or "").isdigit() else None
            tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "",
                                    gid, lat, lon))
        out.append(GoldArticle(art.get("docid") or "", art.findtext("text") or "", tuple(tops)))
        if limit and len(out) >= limit:
            break
    return out


def evaluate(geocoder, corpus: str | Path, *, gold_spans: bool = True, limit: int | None = None,
             demonyms: bool = True, names: bool = True, articles: slice | None = None) -> dict:
    """Score ``geocoder`` (a :class:`hoopoe.geo.Geocoder`) on an LGL-format corpus.

    ``demonyms`` and ``names`` follow LGL's annotation, which tags demonyms and places inside names of
    organisations as toponyms (see :meth:`hoopoe.geo.recognize.ToponymRecognizer.find`). ``articles``
    scores a slice of the corpus (e.g. ``slice(0, 294)``, its first half). From raw text the mentions are
    found and resolved as :meth:`hoopoe.geo.Geocoder.geoparse` does (:meth:`~hoopoe.geo.Geocoder.resolve_text`)."""
    errors: list[float] = []
    exact = 0
    excluded = 0
    tp = n_pred = n_gold = 0
    arts = read_corpus(corpus, limit)
    for art in arts[articles] if articles is not None else arts:
        if gold_spans:
            mentions = geocoder.recognizer.find(art.text, spans=[(t.start, t.end) for t in art.toponyms],
                                                demonyms=True)
            resolved = dict(zip([(m.start, m.end) for m in mentions], geocoder.resolve_mentions(mentions)))
        else:
            mentions, entries = geocoder.resolve_text(art.text, demonyms=demonyms, names=names)
            resolved = dict(zip([(m.start, m.end) for m in mentions], entries))
            gold = {(t.start, t.end) for t in art.toponyms}
            n_gold += len(gold)
            n_pred += len(resolved)
            tp += len(gold & set(resolved))
        for t in art.toponyms:
            if t.lat is None:
                excluded += 1
                continue
            e = resolved.get((t.start, t.end))
            if e is None:
                errors.append(MISS_KM)
                continue
            errors.append(haversine_km(t.lat, t.lon, e.lat, e.lon))
            exact += int(e.geonameid is not None and e.geonameid == t.geonameid)
    n = len(errors)
    out = {
        "n": n, "excluded": excluded,
        "acc161": round(sum(d <= 161 for d in errors) / n, 4) if n else 0.0,
        "exact": round(exact / n, 4) if n else 0.0,
        "mean_km": round(statistics.fmean(errors), 1) if n else 0.0,
        "median_km": round(statistics.median(errors), 1) if n else 0.0,
        "gold_spans": gold_spans,
    }
    if not gold_spans:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out.update(recognition_p=round(p, 4), recognition_r=round(r, 4),
                   recognition_f=round(2 * p * r / (p + r), 4) if p + r else 0.0)
    return out
