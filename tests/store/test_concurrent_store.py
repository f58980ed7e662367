"""Processes adding the same documents to one store at the same moment: each article ends up stored
once and whole; of two versions of an article, one is kept entirely, never a mix."""

from __future__ import annotations

import copy
import json
import multiprocessing
import random
import time
from pathlib import Path

from hoopoe.ingest import content_hash
from hoopoe.records import Article, Document, from_dict, to_dict
from hoopoe.store import open_store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "documents.json"
ARTICLES = 60
PROCESSES = 4


def versions() -> dict[str, list[tuple[Document, Article]]]:
    """``ARTICLES`` articles built from the fixture documents; every tenth in two versions (the second
    with changed text and one event)."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    base = [from_dict(Document, d) for d in data["documents"]]
    out: dict[str, list[tuple[Document, Article]]] = {}
    for k in range(ARTICLES):
        src = base[k % len(base)]
        doc = copy.deepcopy(src)
        aid = f"art-{k:03d}"
        doc.article.id = aid
        for n, ev in enumerate(doc.events):
            ev.id = f"{aid}:e{n}"
        art = Article(text=data["texts"][src.article.id], id=aid, title=doc.article.title)
        out[aid] = [(doc, art)]
        if k % 10 == 0:
            doc2, art2 = copy.deepcopy(doc), copy.deepcopy(art)
            art2.text += "\n\nA correction was issued."
            doc2.events = doc2.events[:1]
            out[aid].append((doc2, art2))
    return out


def add_all(url: str, worker: int, start_at: float) -> dict[str, bool]:
    """One process: add every article (its version ``worker % 2``) in a shuffled order."""
    docs = versions()
    order = sorted(docs)
    random.Random(worker).shuffle(order)
    results = {}
    with open_store(url) as store:
        time.sleep(max(0.0, start_at - time.time()))
        for aid in order:
            vs = docs[aid]
            doc, art = vs[worker % len(vs)]
            results[aid] = store.add(doc, art, content_hash(art))
    return results


def test_processes_adding_the_same_documents_at_once(store_url):
    ctx = multiprocessing.get_context("spawn")
    start_at = time.time() + 4  # after every process has started and opened the store
    with ctx.Pool(PROCESSES) as pool:
        results = pool.starmap(add_all, [(store_url, w, start_at) for w in range(PROCESSES)])
    docs = versions()
    with open_store(store_url) as store:
        assert store.stats()["articles"] == ARTICLES
        for aid, vs in docs.items():
            stored = store.document(aid)
            if len(vs) == 1:
                assert sum(r[aid] for r in results) == 1  # one process stored it, the others found it stored
                assert to_dict(stored) == to_dict(vs[0][0])
            else:  # the version committed last is kept whole, with its own content hash
                match = [i for i, (d, _) in enumerate(vs) if to_dict(d) == to_dict(stored)]
                assert len(match) == 1
                assert store.has_article(aid, content_hash(vs[match[0]][1]))
        n_events = sum(len(store.document(a).events) for a in docs)
        assert store.stats()["events"] == n_events
