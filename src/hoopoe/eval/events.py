"""Score event extraction against hand-annotated gold files (the format of shared/gold/).

A gold file lists the article's actors (id and aliases), places (with coordinates), ``required_events`` (what
an analyst would code), ``optional_events`` (acceptable extra output), quotes and commitments. A predicted
event matches a gold event when its PLOVER type is one the gold allows and at least one of its anchor fields
(actor, recipient, place, date) agrees; matching is one-to-one, best agreement first.

- recall: required events found / required events
- precision: predicted events matched to a required or optional event / predicted events
- field accuracy: over the fields the gold specifies for the found required events (also per field)
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

from hoopoe.records import Document, to_dict

ANCHORS = ("actor1", "actor2", "place", "date")


def _norm(s: Any) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(s).lower()).strip()


def _names(ref: Any) -> set[str]:
    """Every name a predicted entity or place (or a list of them) offers."""
    if ref is None:
        return set()
    if isinstance(ref, str):
        return {_norm(ref)}
    if isinstance(ref, list):
        out: set[str] = set()
        for r in ref:
            out |= _names(r)
        return out
    if isinstance(ref, dict):
        keys = ("entity_text", "identifier_text", "identifier_id", "kb_id", "name", "text", "member_of")
        return {_norm(ref[k]) for k in keys if isinstance(ref.get(k), str) and ref.get(k)}
    return set()


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _day(s: Any) -> date | None:
    try:
        return date.fromisoformat(str(s)[:10])
    except (TypeError, ValueError):
        return None


def _list(x: Any) -> list:
    return [] if x is None else x if isinstance(x, list) else [x]


@dataclass
class GoldArticle:
    data: dict
    path: Path
    actor_names: dict[str, set[str]] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "GoldArticle":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        g = cls(data, Path(path))
        for a in data.get("actors", []):
            g.actor_names[a["id"]] = {_norm(a["id"])} | {_norm(x) for x in a.get("aliases", [])}
        for p in data.get("places", []):
            g.places[_norm(p["name"])] = p
        return g

    def article_path(self, override: Path | None = None) -> Path:
        if override:
            return override
        rel = self.data["article"]["file"]
        for base in (self.path.parent, self.path.parent.parent):
            if (base / rel).is_file():
                return base / rel
        raise FileNotFoundError(f"the article {rel!r} of {self.path} was not found; pass --article")

    # -- field checks ------------------------------------------------------------------------------------
    def actor_ok(self, ids: Sequence[str], pred: Any) -> bool:
        names = _names(pred)
        return any(names & self.actor_names.get(i, {_norm(i)}) for i in ids)

    def place_ok(self, want: dict, pred: Any) -> bool:
        if not isinstance(pred, dict):
            return False
        gold = self.places.get(_norm(want["name"]), {})
        if pred.get("lat") is not None and pred.get("lon") is not None and "lat" in gold:
            return _haversine((pred["lat"], pred["lon"]), (gold["lat"], gold["lon"])) <= want.get("max_km", 50)
        names = _names(pred) | {_norm(pred.get("admin1") or "")}
        return _norm(want["name"]) in names and pred.get("country") in (None, want.get("country"))

    @staticmethod
    def date_ok(want: dict, pred: Any) -> bool:
        pred = pred or {}
        s, e = _day(pred.get("start")), _day(pred.get("end") or pred.get("start"))
        lo, hi = _day(want["start"]), _day(want["end"])
        return None not in (s, e, lo, hi) and lo <= s <= hi and lo <= e <= hi  # type: ignore[operator]

    def checks(self, ge: dict, pe: dict) -> list[tuple[str, bool]]:
        out: list[tuple[str, bool]] = []
        if "mode_any" in ge:
            modes = [_norm(m) for m in _list(pe.get("mode"))]
            out.append(("mode", any(_norm(x) in m or m in _norm(x) for x in ge["mode_any"] for m in modes)))
        for role, fld in (("actor1", "actor"), ("actor2", "recipient")):
            ids = _list(ge.get(role)) + _list(ge.get(role + "_any"))
            if ids:
                out.append((role, self.actor_ok(ids, pe.get(fld))))
        if "place" in ge:
            out.append(("place", self.place_ok(ge["place"], pe.get("event_loc"))))
        if "date" in ge:
            out.append(("date", self.date_ok(ge["date"], pe.get("date"))))
        for k in ("killed", "wounded"):
            if k in ge:
                c = pe.get(k) or {}
                out.append((k, isinstance(c, dict) and c.get("min") in ge[k]["min_any"]))
        if "claimed_by" in ge:
            out.append(("claimed_by", self.actor_ok([ge["claimed_by"]], pe.get("claimed_by"))))
        if "reported_by_any" in ge:
            got = _names(pe.get("reported_by"))
            out.append(("reported_by", any(_norm(x) in got for x in ge["reported_by_any"])))
        if "speaker" in ge:
            out.append(("speaker", self.actor_ok([ge["speaker"]], pe.get("speaker"))))
        if "modality_any" in ge:
            out.append(("modality", _norm(pe.get("modality") or "") in {_norm(x) for x in ge["modality_any"]}))
        return out

    def agreement(self, ge: dict, pe: dict) -> int:
        types = {t.upper() for t in _list(ge.get("type")) + _list(ge.get("type_any"))}
        if str(pe.get("event", "")).upper() not in types:
            return -1
        checks = self.checks(ge, pe)
        anchors = [ok for name, ok in checks if name in ANCHORS]
        if anchors and not any(anchors):
            return -1
        return sum(ok for _, ok in checks)


def _assign(gold: GoldArticle, gold_events: Sequence[dict], preds: Sequence[dict]) -> dict[int, int]:
    scored = sorted(((gold.agreement(ge, pe), gi, pi) for gi, ge in enumerate(gold_events)
                     for pi, pe in enumerate(preds)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for s, gi, pi in scored:
        if s < 0 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[gi] = pi
    return out


def score_document(gold: GoldArticle, doc: Document | dict) -> dict:
    """Figures for one article: recall, precision, f1, field accuracy (overall and per field), quotes,
    commitments, and one line per required event."""
    pred = to_dict(doc) if isinstance(doc, Document) else doc
    events = pred.get("events", [])
    req, opt = gold.data.get("required_events", []), gold.data.get("optional_events", [])
    m_req = _assign(gold, req, events)
    rest = [i for i in range(len(events)) if i not in m_req.values()]
    m_opt = _assign(gold, opt, [events[i] for i in rest])
    per_field: dict[str, list[int]] = {}
    lines = []
    for gi, ge in enumerate(req):
        if gi in m_req:
            checks = gold.checks(ge, events[m_req[gi]])
            for name, ok in checks:
                per_field.setdefault(name, [0, 0])
                per_field[name][0] += ok
                per_field[name][1] += 1
            bad = [n for n, ok in checks if not ok]
            lines.append({"id": ge["id"], "found": True, "fields_ok": sum(ok for _, ok in checks),
                          "fields": len(checks), "wrong": bad})
        else:
            for name, _ in gold.checks(ge, {}):
                per_field.setdefault(name, [0, 0])
                per_field[name][1] += 1
            lines.append({"id": ge["id"], "found": False})
    found = len(m_req)
    matched = found + len(m_opt)
    recall = found / len(req) if req else 1.0
    precision = matched / len(events) if events else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    f_ok = sum(v[0] for v in per_field.values())
    f_all = sum(v[1] for v in per_field.values())
    quotes = pred.get("quotes", [])
    q_ok = sum(any(_norm(q["contains"]) in _norm(p.get("text", "")) and gold.actor_ok([q["speaker"]], p.get("speaker"))
                   for p in quotes) for q in gold.data.get("quotes", []))
    commits = pred.get("commitments", [])
    c_ok = sum(any(_norm(c["contains"]) in _norm(json.dumps(p)) and gold.actor_ok([c["actor"]], p.get("actor"))
                   for p in commits) for c in gold.data.get("commitments", []))
    return {
        "article": gold.data["article"].get("file"),
        "required": len(req), "found": found, "predicted": len(events), "spurious": len(events) - matched,
        "recall": round(recall, 3), "precision": round(precision, 3), "f1": round(f1, 3),
        "fields": round(f_ok / f_all, 3) if f_all else 0.0,
        "per_field": {k: round(v[0] / v[1], 3) for k, v in sorted(per_field.items())},
        "quotes": [q_ok, len(gold.data.get("quotes", []))],
        "commitments": [c_ok, len(gold.data.get("commitments", []))],
        "events": lines,
    }


def evaluate_files(gold_paths: Iterable[Path], article: Path | None = None, pipeline=None) -> dict:
    """Run the pipeline on each gold file's article and score it; totals are micro-averaged."""
    from hoopoe.extractors.dates import parse_published
    from hoopoe.ingest import read_article
    from hoopoe.pipeline import default_pipeline

    pipe = pipeline or default_pipeline()
    reports = []
    for gp in gold_paths:
        gold = GoldArticle.load(gp)
        art = read_article(gold.article_path(article))
        art.published = parse_published(gold.data["article"]["published"]) if gold.data["article"].get("published") else art.published
        reports.append(score_document(gold, pipe.process(art)))
    req = sum(r["required"] for r in reports)
    found = sum(r["found"] for r in reports)
    pred = sum(r["predicted"] for r in reports)
    spur = sum(r["spurious"] for r in reports)
    recall = found / req if req else 1.0
    precision = (pred - spur) / pred if pred else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fields: dict[str, list[float]] = {}
    for r in reports:
        for k, v in r["per_field"].items():
            fields.setdefault(k, []).append(v)
    total_fields = [r["fields"] for r in reports]
    return {
        "articles": len(reports), "recall": round(recall, 3), "precision": round(precision, 3), "f1": round(f1, 3),
        "fields": round(sum(total_fields) / len(total_fields), 3) if total_fields else 0.0,
        "per_field": {k: round(sum(v) / len(v), 3) for k, v in sorted(fields.items())},
        "quotes": [sum(r["quotes"][0] for r in reports), sum(r["quotes"][1] for r in reports)],
        "commitments": [sum(r["commitments"][0] for r in reports), sum(r["commitments"][1] for r in reports)],
        "spurious": spur, "predicted": pred, "reports": reports,
    }


def format_report(report: dict) -> str:
    out = []
    for r in report["reports"]:
        out.append(f"== {r['article']}")
        for line in r["events"]:
            if line["found"]:
                wrong = f"  wrong: {', '.join(line['wrong'])}" if line["wrong"] else ""
                out.append(f"  found   {line['id']:34s} fields {line['fields_ok']}/{line['fields']}{wrong}")
            else:
                out.append(f"  MISSED  {line['id']}")
        out.append(f"  predicted {r['predicted']}, spurious {r['spurious']}; quotes {r['quotes'][0]}/{r['quotes'][1]}, "
                   f"commitments {r['commitments'][0]}/{r['commitments'][1]}")
    pf = " ".join(f"{k}={v}" for k, v in report["per_field"].items())
    out.append(f"events R={report['recall']} P={report['precision']} F1={report['f1']} fields={report['fields']} "
               f"quotes={report['quotes'][0]}/{report['quotes'][1]} commitments={report['commitments'][0]}/{report['commitments'][1]}")
    out.append(f"per field: {pf}")
    return "\n".join(out)
