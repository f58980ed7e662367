"""Score the full pipeline on incident descriptions with editors' table values (shared/data/dev).

Each row of ``wikipedia_incident_lists_rows.jsonl`` is one incident description (a few sentences) with the
values Wikipedia editors recorded beside it: category, country, killed, wounded, perpetrator. The row's text is
coded as one article; the **incident** is read from the violent events (ASSAULT, COERCE) the pipeline reports:

- killed / wounded: the largest figure among those events (the same deaths are usually restated, not added);
  a figure matches when the editors' number is one it was written with ("more than 140" was written 140);
  rows whose number is not literally in the text (``heuristic_checks``) are scored apart as implicit, where
  "no figure" matches 0. The figures are the pipeline's, not the casualty extractor's alone.
- country: the first violent event's place, else the country the article's places name most, else the state
  of the parties (:func:`incident_country`).
- perpetrator, scored only when the perpetrator is named in the text (an alias of the same knowledge-base
  actor, or the editors' name itself, occurs): right when a violent event's actor or claimant is that actor,
  one of its affiliates, or carries the same name.
- country where the text locates it: the same, over the rows whose text names a place, demonym or state
  of the editors' country (the rest give no clue in the text).
- type: every category (explosion, bombing, armed assault, hostage taking) is PLOVER ASSAULT; the primary event
  (first violent or not, in text order) and "any event" are reported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

VIOLENT = ("ASSAULT", "COERCE")
#: PLOVER actor codes that are not states
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "AFR", "ASA", "MEA", "WST"})
CATEGORY_TO_PLOVER = {"explosion": "ASSAULT", "bombing": "ASSAULT", "assault": "ASSAULT", "hostage": "ASSAULT",
                      "armed_assault": "ASSAULT", "hostage_taking": "ASSAULT"}


def _norm(s: Any) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(s).lower()).strip()


def written_as(c: dict | None) -> set[int]:
    """The numbers a count may have been written with: "more than 140" (min 141) was written 140."""
    if not c:
        return set()
    out = {v for v in (c.get("min"), c.get("max")) if v is not None}
    if c.get("min") is not None and c.get("max") is None:
        out.add(c["min"] - 1)
    if c.get("min") is None and c.get("max") is not None:
        out.add(c["max"] + 1)
    return out


def _best(counts: list[dict]) -> dict | None:
    counts = [c for c in counts if c and (c.get("min") is not None or c.get("max") is not None)]
    if not counts:
        return None
    return max(counts, key=lambda c: (c.get("min") if c.get("min") is not None else c.get("max")))


def incident_country(doc, violent: list[dict]) -> str | None:
    """Where an incident happened, as an analyst reads a short report: the violent event's place, else the
    country the article's places name most, else the state of the parties (recipients first: attacks are
    mostly reported where their victims are), else None."""
    for e in violent:
        loc = e.get("event_loc") or {}
        if loc.get("country"):
            return loc["country"]
    weights: dict[str, int] = {}
    for p in doc.places:
        if p.country:
            weights[p.country] = weights.get(p.country, 0) + max(1, len(p.mentions))
    if weights:
        return max(weights, key=weights.get)
    for role in ("recipient", "actor"):
        for e in violent:
            for ent in e.get(role) or []:
                code = ent.get("code") or ""
                if len(code) == 3 and code.isalpha() and code not in NON_STATE_CODES:
                    return code
    for ent in doc.entities:
        if ent.kind == "state" and ent.code:
            return ent.code
    return None


def load_rows(path: Path) -> list[dict]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


class _ActorIndex:
    """Which knowledge-base actors a name denotes, and the affiliates that count as the same perpetrator."""

    def __init__(self, kb) -> None:
        self.kb = kb

    def ids(self, name: str) -> set[str]:
        out: set[str] = set()
        variants = {name, re.sub(r"\s*\([^)]*\)", "", name).strip()}
        variants |= set(re.findall(r"\(([^)]+)\)", name))
        for v in variants:
            if not v:
                continue
            actor = self.kb.lookup(v)
            if actor is not None:
                out.add(actor.id)
            for m in self.kb.find(v):
                if m.end - m.start >= len(v) * 0.6:
                    out.add(m.actor.id)
        return out

    def family(self, actor_id: str) -> set[str]:
        """The actor, the organisation it belongs to and that organisation's parents (ISIS-K -> Islamic State)."""
        out = {actor_id}
        cur = actor_id
        for _ in range(4):
            try:
                parent = self.kb.get(cur).member_of
            except KeyError:
                break
            if not parent or parent in out:
                break
            out.add(parent)
            cur = parent
        return out


def evaluate(path: Path, pipeline=None) -> dict:
    from hoopoe.pipeline import default_pipeline
    from hoopoe.records import Article, to_dict
    from hoopoe.store.countries import CountryNames

    pipe = pipeline or default_pipeline()
    kb = pipe.kb
    index = _ActorIndex(kb)
    iso3 = CountryNames()
    rows_out = []
    for row in load_rows(path):
        gold = row["gold"]
        text = row["text"]
        doc = pipe.process(Article(text=text, id=row.get("id")))
        events = sorted((to_dict(e) for e in doc.events), key=lambda e: (e["evidence"] or {}).get("start", 0))
        violent = [e for e in events if e["event"] in VIOLENT]
        out: dict[str, Any] = {"id": row.get("id"), "text": text}

        for kind in ("killed", "wounded"):
            explicit = bool(gold.get("heuristic_checks", {}).get(f"{kind}_explicit_number_in_text"))
            want = gold.get(kind)
            if want is None:
                continue
            got = _best([e.get(kind) for e in violent])
            ok = want in written_as(got) if got else (want == 0 and not explicit)
            out[kind] = {"gold": want, "pred": got, "ok": ok, "explicit": explicit}

        want_country = iso3(gold["country"]) if gold.get("country") else None
        if want_country:
            got_country = incident_country(doc, violent)
            ok = got_country == want_country
            # does the text itself locate the incident in that country (a place, a demonym, the state)?
            located = any(p.country == want_country for p in pipe.geocoder.geoparse(text, demonyms=True, names=True))
            out["country"] = {"gold": want_country, "pred": got_country, "ok": ok, "located": located}

        perp = gold.get("perpetrator")
        if perp:
            gold_ids = index.ids(perp)
            in_text = {m.actor.id for m in kb.find(text)}
            named = bool(gold_ids & in_text) or _norm(perp) in _norm(text)
            if named:
                pred_ents = [a for e in violent for a in (e["actor"] + e["claimed_by"])]
                ok = False
                for ent in pred_ents:
                    kid = ent.get("kb_id")
                    if kid and gold_ids & index.family(kid):
                        ok = True
                    names = {_norm(ent.get(k)) for k in ("entity_text", "identifier_text") if ent.get(k)}
                    if _norm(perp) in names:
                        ok = True
                out["perpetrator"] = {"gold": perp, "pred": sorted({a.get("identifier_text") or a["entity_text"]
                                                                    for a in pred_ents}), "ok": ok}

        want_type = CATEGORY_TO_PLOVER.get(_norm(gold.get("event_type_coarse") or gold.get("event_type")).replace(
            " ", "_"), "ASSAULT")
        primary = events[0]["event"] if events else "none"
        out["type"] = {"gold": want_type, "pred": primary, "all": [e["event"] for e in events]}
        rows_out.append(out)

    figures = _figures(rows_out)
    by_split = {part: _figures([r for i, r in enumerate(rows_out) if (i % 2 == 0) == (part == "dev")])
                for part in ("dev", "test")}
    return {"file": str(path), "rows": len(rows_out), "figures": figures, "by_split": by_split,
            "details": rows_out}


def _figures(rows: list[dict]) -> dict:
    keys = {"killed_explicit": ("killed", True), "wounded_explicit": ("wounded", True),
            "killed_implicit": ("killed", False), "wounded_implicit": ("wounded", False)}
    out = {}
    for key, (kind, explicit) in keys.items():
        vals = [r[kind]["ok"] for r in rows if kind in r and r[kind]["explicit"] == explicit]
        out[key] = _share(vals)
    out["country"] = _share([r["country"]["ok"] for r in rows if "country" in r])
    out["country_located"] = _share([r["country"]["ok"] for r in rows if "country" in r and r["country"]["located"]])
    out["perpetrator"] = _share([r["perpetrator"]["ok"] for r in rows if "perpetrator" in r])
    out["type_primary"] = _share([r["type"]["pred"] == r["type"]["gold"] for r in rows])
    out["type_any"] = _share([r["type"]["gold"] in r["type"]["all"] for r in rows])
    return out


def _share(vals: list[bool]) -> dict:
    n, ok = len(vals), sum(vals)
    return {"correct": ok, "n": n, "accuracy": round(ok / n, 3) if n else None}


def format_report(report: dict) -> str:
    out = [f"incidents ({report['file']}): {report['rows']} descriptions"]
    labels = {
        "killed_explicit": "killed, number in text", "wounded_explicit": "wounded, number in text",
        "killed_implicit": "killed, implicit", "wounded_implicit": "wounded, implicit",
        "country": "country", "country_located": "country, where the text locates it",
        "perpetrator": "perpetrator (named in text)",
        "type_primary": "PLOVER type, primary event", "type_any": "PLOVER type, any event",
    }
    for key, label in labels.items():
        f = report["figures"][key]
        acc = f"{f['accuracy']:.3f}" if f["accuracy"] is not None else "  n/a"
        split = "  ".join(f"{p} {v[key]['accuracy']}" for p, v in (report.get("by_split") or {}).items())
        out.append(f"  {label:36s} {acc}  ({f['correct']}/{f['n']})   {split}")
    out.append("dev = even rows (rules were revised looking at their errors), test = odd rows (held out)")
    return "\n".join(out)
