"""Score deduplication on a labelled corpus of news reports (tests/fixtures/dedup/corpus.jsonl).

Each corpus line is one short article: ``id``, ``text``, ``published`` (YYYY-MM-DD), ``source`` (the
outlet), ``cluster`` (the gold label: lines with one label report one happening) and optionally ``event``
(the PLOVER type of the happening) and ``title``. The articles run through the real pipeline into an
in-memory store, then :func:`hoopoe.dedup.cluster_store`; each article's *main event* (its first
asserted event of the gold type) is the item scored. An article whose main event the extractor missed is
a cluster of its own (a miss costs recall, as it should).

- pairwise: precision = pairs placed together that belong together / pairs placed together; recall =
  / pairs that belong together (no pairs placed together: precision 1).
- B-cubed (Bagga & Baldwin 1998): per item, precision = share of its predicted cluster in its gold
  cluster, recall = share of its gold cluster in its predicted cluster; averaged over items.
- baseline: the naive rule "same type, same country, same day" over the same extracted events.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from hoopoe.errors import BadRecord, MissingFile
from hoopoe.records import Article, Document, Event

REQUIRED = ("id", "text", "published", "cluster")


@dataclass(slots=True)
class CorpusItem:
    id: str
    text: str
    published: str
    cluster: str
    source: str | None = None
    event: str | None = None
    title: str | None = None


def load_corpus(path: str | Path) -> list[CorpusItem]:
    """Read a dedup corpus; a bad line is an error naming the line."""
    p = Path(path)
    if not p.is_file():
        raise MissingFile(f"{p}: no such corpus file")
    items: list[CorpusItem] = []
    seen: set[str] = set()
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            raise BadRecord(f"{p}:{n}: not JSON: {e}") from e
        missing = [k for k in REQUIRED if not isinstance(d.get(k), str) or not d.get(k)]
        if missing:
            raise BadRecord(f"{p}:{n}: missing {', '.join(missing)} (each line needs {', '.join(REQUIRED)})")
        if d["id"] in seen:
            raise BadRecord(f"{p}:{n}: duplicate id {d['id']!r}")
        try:
            date.fromisoformat(d["published"])
        except ValueError as e:
            raise BadRecord(f"{p}:{n}: published {d['published']!r} is not YYYY-MM-DD") from e
        seen.add(d["id"])
        items.append(CorpusItem(id=d["id"], text=d["text"], published=d["published"], cluster=d["cluster"],
                                source=d.get("source"), event=d.get("event"), title=d.get("title")))
    if not items:
        raise BadRecord(f"{p}: empty corpus")
    return items


# ------------------------------------------------------------------------------------------------ metrics

def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _groups(labels: dict[str, str]) -> dict[str, set[str]]:
    g: dict[str, set[str]] = defaultdict(set)
    for item, label in labels.items():
        g[label].add(item)
    return g


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering (item -> label) against gold (item -> label),
    counted per cluster rather than per pair, so it scales to large sets."""
    def pairs(sizes: Iterable[int]) -> int:
        return sum(n * (n - 1) // 2 for n in sizes)

    both = pairs(Counter((pred[i], gold[i]) for i in gold).values())
    placed = pairs(Counter(pred[i] for i in gold).values())
    true = pairs(Counter(gold.values()).values())
    return _prf(both / placed if placed else 1.0, both / true if true else 1.0)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1, averaged over items."""
    pg, gg = _groups(pred), _groups(gold)
    p = r = 0.0
    for item in gold:
        mine, truth = pg[pred[item]], gg[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    n = len(gold)
    return _prf(p / n, r / n)


# ------------------------------------------------------------------------------------------------ running

def main_event(doc: Document, event_type: str | None) -> tuple[int, Event] | None:
    """The article's first asserted event of the gold type (of any type when none is given)."""
    for seq, ev in enumerate(doc.events):
        if ev.modality == "asserted" and (event_type is None or ev.event == event_type):
            return seq, ev
    return None


def baseline_label(ev: Event, published: str) -> str:
    """The naive rule: same PLOVER type, same country, same day (the event's first day, else publication)."""
    country = ev.event_loc.country if ev.event_loc and ev.event_loc.country else "?"
    return f"{ev.event}|{country}|{(ev.date.start or published)[:10]}"


def evaluate_corpus(path: str | Path, *, pipeline=None, threshold: float | None = None) -> dict[str, Any]:
    """Run the corpus through extraction, a store and dedup; score dedup and the baseline."""
    from hoopoe.dedup import canonical_events, cluster_store
    from hoopoe.dedup.scoring import THRESHOLD
    from hoopoe.ingest import content_hash
    from hoopoe.pipeline import default_pipeline
    from hoopoe.store import open_store

    items = load_corpus(path)
    pipe = pipeline or default_pipeline()
    gold = {it.id: it.cluster for it in items}
    mains: dict[str, tuple[int, Event] | None] = {}
    with open_store(":memory:") as store:
        for it in items:
            art = Article(text=it.text, id=it.id, title=it.title, source=it.source,
                          published=date.fromisoformat(it.published))
            doc = pipe.process(art)
            store.add(doc, art, content_hash(art))
            mains[it.id] = main_event(doc, it.event)
        summary = cluster_store(store, threshold=threshold or THRESHOLD)
        where = {(r.article_id, r.seq): ev.id for ev in canonical_events(store) for r in ev.reports}
    pred: dict[str, str] = {}
    base: dict[str, str] = {}
    missing: list[str] = []
    for it in items:
        m = mains[it.id]
        if m is None or (it.id, m[0]) not in where:
            missing.append(it.id)
            pred[it.id] = base[it.id] = f"missing:{it.id}"
            continue
        pred[it.id] = where[(it.id, m[0])]
        base[it.id] = baseline_label(m[1], it.published)
    false_merges = [(a, b) for a, b in combinations(sorted(gold), 2)
                    if pred[a] == pred[b] and gold[a] != gold[b]]
    missed = [(a, b) for a, b in combinations(sorted(gold), 2) if pred[a] != pred[b] and gold[a] == gold[b]]
    return {
        "corpus": str(path),
        "items": len(items),
        "gold_clusters": len(set(gold.values())),
        "missing_events": missing,
        "dedup": {"pairwise": pairwise(pred, gold), "bcubed": bcubed(pred, gold),
                  "clusters": len(set(pred.values())), "seconds": round(summary.seconds, 3)},
        "baseline": {"rule": "same type + country + day", "pairwise": pairwise(base, gold),
                     "bcubed": bcubed(base, gold), "clusters": len(set(base.values()))},
        "false_merges": false_merges,
        "missed_merges": missed,
    }


def format_report(report: dict[str, Any]) -> str:
    """The figures as a small table."""
    lines = [f"corpus {report['corpus']}: {report['items']} reports, {report['gold_clusters']} happenings",
             f"{'':10} {'clusters':>8} {'pair P':>7} {'pair R':>7} {'pair F1':>7} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7}"]
    for name in ("dedup", "baseline"):
        r = report[name]
        pw, b3 = r["pairwise"], r["bcubed"]
        lines.append(f"{name:10} {r['clusters']:>8} {pw['precision']:>7.3f} {pw['recall']:>7.3f} {pw['f1']:>7.3f} "
                     f"{b3['precision']:>7.3f} {b3['recall']:>7.3f} {b3['f1']:>7.3f}")
    if report["missing_events"]:
        lines.append(f"no event extracted for: {', '.join(report['missing_events'])}")
    for key, label in (("false_merges", "merged but distinct"), ("missed_merges", "one happening, kept apart")):
        pairs = report[key]
        if pairs:
            shown = ", ".join(f"{a}~{b}" for a, b in pairs[:10])
            lines.append(f"{label} ({len(pairs)}): {shown}{' ...' if len(pairs) > 10 else ''}")
    return "\n".join(lines)
