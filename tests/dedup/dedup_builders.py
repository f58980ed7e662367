"""Hand-made reports for dedup tests: events built field by field (no pipeline), and documents to store."""

from __future__ import annotations

from datetime import date

from hoopoe.dedup.features import Profile, Report
from hoopoe.ingest import content_hash
from hoopoe.records import (
    Article,
    ArticleMeta,
    Count,
    DateInfo,
    Document,
    Entity,
    Event,
    Evidence,
    Place,
)

PLACES = {
    # name: (geonameid, lat, lon, admin1, country, precision, feature)
    "Mogadishu": (53654, 2.03711, 45.34375, "Banaadir", "SOM", 1, "city"),
    "Sarmin": (163345, 35.9031, 36.7249, "Idlib", "SYR", 1, "city"),
    "Saraqib": (163405, 35.8645, 36.8067, "Idlib", "SYR", 2, "city"),
    "Idlib province": (169388, 35.83, 36.63, "Idlib", "SYR", 3, "admin1"),
    "Kukawa": (2334535, 12.9236, 13.5658, "Borno", "NGA", 1, "city"),
    "Gwoza": (2339937, 11.0863, 13.6915, "Borno", "NGA", 2, "city"),
    "Nairobi": (184745, -1.28333, 36.81667, "Nairobi Area", "KEN", 1, "city"),
    "Kabul": (1138958, 34.52813, 69.17233, "Kabul", "AFG", 1, "city"),
}

ENTITIES = {
    "al-Shabaab": Entity("al-Shabaab", "hoopoe:al-shabaab", "al-Shabaab", "SOM", "REB", kb_id="al-shabaab",
                         kind="armed_group"),
    "Boko Haram": Entity("Boko Haram", "hoopoe:boko-haram", "Boko Haram", "NGA", "REB", kb_id="boko-haram",
                         kind="armed_group"),
    "Russia": Entity("Russia", "Q159", "Russia", "RUS", "GOV", kb_id="rus", kind="state"),
    "Iran": Entity("Iran", "Q794", "Iran", "IRN", "GOV", kb_id="irn", kind="state"),
    "Israel": Entity("Israel", "Q801", "Israel", "ISR", "GOV", kb_id="isr", kind="state"),
    "United States": Entity("United States", "Q30", "United States", "USA", "GOV", kb_id="usa", kind="state"),
    "HTS": Entity("Hayat Tahrir al-Sham", "hoopoe:hts", "Hayat Tahrir al-Sham", "SYR", "REB", kb_id="hts",
                  kind="armed_group"),
    "Syrian army": Entity("Syrian army", "hoopoe:syr-army", "Syrian Arab Army", "SYR", "MIL", kb_id="syr-army",
                          kind="military"),
    "civilians": Entity("people", "hoopoe:generic.civilians", "Civilians", None, "CVL",
                        kb_id="generic.civilians", kind="civilians"),
    "soldiers": Entity("soldiers", "hoopoe:generic.military", "Military", None, "MIL", kb_id="generic.military",
                       kind="generic"),
    "protesters": Entity("protesters", "hoopoe:generic.protesters", "Protesters", None, "CVL",
                         kb_id="generic.protesters", kind="civilians"),
}


def place(name: str) -> Place:
    gid, lat, lon, admin1, country, precision, feature = PLACES[name]
    return Place(text=name, name=name, geonameid=gid, lat=lat, lon=lon, feature=feature, admin1=admin1,
                 country=country, precision=precision)


def count(lo: int | None, hi: int | None = -1) -> Count:
    """count(12) exact, count(12, None) "at least 12", count(None, 60) "nearly 60"."""
    return Count(lo, lo if hi == -1 else hi, None)


def event(eid: str, type: str = "ASSAULT", *, day: str | None = None, days: tuple[str, str] | None = None,
          where: str | None = None, actor: tuple[str, ...] = (), recipient: tuple[str, ...] = (),
          killed: Count | None = None, wounded: Count | None = None, mode: tuple[str, ...] = (),
          text: str = "", trigger: str = "", modality: str = "asserted") -> Event:
    if day:
        d = DateInfo(day, day, "day", "on Friday")
    elif days:
        d = DateInfo(days[0], days[1], "week", "last week")
    else:
        d = DateInfo()
    return Event(id=eid, event=type, mode=list(mode), actor=[ENTITIES[a] for a in actor],
                 recipient=[ENTITIES[r] for r in recipient], date=d, event_loc=place(where) if where else None,
                 killed=killed, wounded=wounded, modality=modality, event_text=trigger,
                 evidence=Evidence(text, 0, len(text)) if text else None)


def meta(article_id: str, published: str = "2023-03-04", source: str | None = "Outlet") -> ArticleMeta:
    return ArticleMeta(id=article_id, title=article_id, source=source, published=published)


def report(article_id: str, published: str = "2023-03-04", seq: int = 0, **kw) -> Report:
    return Report.of(meta(article_id, published), seq, event(f"{article_id}:e{seq}", **kw))


def profile(*reports: Report) -> Profile:
    return Profile.of(list(reports))


def document(article_id: str, published: str, *events: Event, source: str = "Outlet") -> tuple[Document, Article]:
    """A stored-ready document and its article (the text is the events' evidence)."""
    text = " ".join(e.evidence.text if e.evidence else e.id for e in events) or article_id
    doc = Document(article=meta(article_id, published, source), events=list(events))
    art = Article(text=text, id=article_id, title=article_id, source=source, published=date.fromisoformat(published))
    return doc, art


def add(store, article_id: str, published: str, *events: Event, source: str = "Outlet") -> None:
    doc, art = document(article_id, published, *events, source=source)
    store.add(doc, art, content_hash(art))


# a happening reported three ways, and a look-alike a week later
MOG_1 = {"type": "ASSAULT", "day": "2023-03-03", "where": "Mogadishu", "recipient": ("civilians",), "killed": count(12, None),
             "mode": ("explosives",), "text": "A car bomb exploded outside a police station in Mogadishu on Friday, "
                                        "killing at least 12 people."}
MOG_2 = {"type": "ASSAULT", "day": "2023-03-03", "where": "Mogadishu", "actor": ("al-Shabaab",), "killed": count(15),
             "mode": ("explosives",), "text": "Al-Shabaab claimed the car bombing at a police station in Mogadishu on "
                                        "Friday that killed 15 people."}
MOG_3 = {"type": "ASSAULT", "days": ("2023-02-27", "2023-03-05"), "where": "Mogadishu", "actor": ("al-Shabaab",),
             "killed": count(14), "mode": ("explosives",),
             "text": "Al-Shabaab militants bombed a police station in Mogadishu last week, killing 14 people."}
MOG_NEXT_WEEK = {"type": "ASSAULT", "day": "2023-03-10", "where": "Mogadishu", "recipient": ("civilians",),
                     "killed": count(8, None), "mode": ("explosives",),
                     "text": "A car bomb exploded at a crowded market in Mogadishu on Friday, killing at least 8 people."}
