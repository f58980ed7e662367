"""Score hoopoe's language pipeline on the held-out test splits of the open corpora (../shared/data/nlp)
and on hoopoe's own annotated news sentences (tests/fixtures/nlp/news_entities.txt).

Figures:
- UPOS accuracy, UAS and LAS on UD English-EWT test (spaCy's scorer: punctuation is not scored), on the
  gold tokens with the parser's own sentence boundaries (the usual treebank figures), and end to end from
  the raw text with hoopoe's tokenizer and segmenter (gold words are aligned to hoopoe's tokens; a word
  hoopoe keeps whole where the treebank splits it, "al-Ani", counts against it);
- sentence P/R/F on GUM test news documents (and all GUM test genres): exact sentence spans, on the plain
  text with paragraphs separated by blank lines, as hoopoe's ``hoopoe_sentences`` segments it;
- entity P/R/F per type (PER, ORG, LOC) on EWT test (UniversalNER), GUM test (named person/place/
  organization mentions) and the wikigold articles held out from training (every fifth, see
  ``hoopoe.nlp.corpora.WIKIGOLD_TEST_EVERY``), by the statistical NER alone; a prediction on a token the
  gold leaves unannotated is not scored;
- entity P/R/F on the news sentences, statistical NER alone and with the knowledge-base layer.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.training import Example

from hoopoe.nlp import corpora as C

log = logging.getLogger(__name__)

ENTITY_SETS = ("ewt", "gum", "wikigold")
_MARK = re.compile(r"\[([^\[\]|]+)\|(PER|ORG|LOC)\]")


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


# --- hoopoe's annotated news sentences ---------------------------------------------------------------


def parse_marked(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``"[Taliban|ORG] fighters entered [Kunduz|LOC]."`` -> plain text and (start, end, label) spans."""
    text = ""
    spans = []
    pos = 0
    for m in _MARK.finditer(line):
        text += line[pos : m.start()]
        start = len(text)
        text += m.group(1)
        spans.append((start, len(text), m.group(2)))
        pos = m.end()
    text += line[pos:]
    if "[" in text or "]" in text:
        raise ValueError(f"unbalanced entity mark-up in: {line!r}")
    return text, spans


def read_marked(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The annotated sentences of a mark-up file (``#`` comments and blank lines skipped)."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(parse_marked(line))
    return out


def score_spans(gold: Iterable[list[tuple[int, int, str]]], pred: Iterable[list[tuple[int, int, str]]]) -> dict:
    """Exact-match P/R/F over character spans, overall and per label."""
    counts: dict[str, list[int]] = {lab: [0, 0, 0] for lab in C.LABELS}
    for g, p in zip(gold, pred):
        gs, ps = set(g), set(p)
        for s in ps:
            counts.setdefault(s[2], [0, 0, 0])[0 if s in gs else 1] += 1
        for s in gs - ps:
            counts.setdefault(s[2], [0, 0, 0])[2] += 1
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {**prf(*total), "per_type": {lab: prf(*c) for lab, c in counts.items()}}


def score_news(nlp: Language, path: Path, kb: bool = True) -> dict:
    """Entity scores of ``nlp`` on the marked-up news sentences; ``kb=False`` runs without the
    knowledge-base layer (statistical NER alone)."""
    items = read_marked(path)
    disable = [] if kb else [p for p in ("hoopoe_kb_entities", "hoopoe_doc_entities") if p in nlp.pipe_names]
    preds = []
    for text, _ in items:
        doc = nlp(text, disable=disable)
        preds.append([(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in C.LABELS])
    return {"sentences": len(items), **score_spans([g for _, g in items], preds)}


# --- held-out corpus splits --------------------------------------------------------------------------


def _examples(nlp: Language, docs, gold_tokens: bool = False, gold_sentences: bool = False) -> list[Example]:
    """Examples whose predicted side is hoopoe's tokenisation of the text, or the gold tokens (and, with
    ``gold_sentences``, the gold sentence boundaries, which the parser keeps)."""
    from spacy.tokens import Doc

    if gold_tokens:
        return [Example(Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d],
                            sent_starts=[bool(t.is_sent_start) for t in d] if gold_sentences else None), d)
                for d in docs]
    return [Example(nlp.make_doc(d.text), d) for d in docs]


def _syntax(ewt: list[Example], trained: list[str]) -> dict:
    from spacy.scorer import Scorer

    out = {}
    if "morphologizer" in trained:
        out["upos"] = round(Scorer.score_token_attr(ewt, "pos")["pos_acc"] or 0.0, 4)
    if "tagger" in trained:
        out["xpos"] = round(Scorer.score_token_attr(ewt, "tag")["tag_acc"] or 0.0, 4)
    if "parser" in trained:
        # labels compared case-insensitively, as spaCy's parser scorer does (the treebank's "root" is "ROOT")
        dep = Scorer.score_deps(ewt, "dep", getter=lambda t, attr: t.vocab.strings.as_string(getattr(t, attr)).lower(),
                                ignore_labels=("p", "punct"))
        out["uas"] = round(dep["dep_uas"], 4)
        out["las"] = round(dep["dep_las"], 4)
    return out


def _run(nlp: Language, examples: list[Example], enable: list[str], segmenter: bool = True) -> list[Example]:
    """Predict with the named components (and hoopoe's segmenter unless ``segmenter`` is false: the
    parser then finds the sentences) on the examples' predicted docs."""
    names = [n for n in nlp.pipe_names if n in enable or (segmenter and n == "hoopoe_sentences")]
    for eg in examples:
        doc = eg.predicted
        for name in names:
            doc = nlp.get_pipe(name)(doc)
        eg.predicted = doc
    return examples


def _entities(examples: list[Example]) -> dict:
    """Micro and per-type P/R/F as spaCy's get_ner_prf counts them (a prediction over tokens the gold
    leaves unannotated is neither right nor wrong), with the counts kept."""
    counts = {lab: [0, 0, 0] for lab in C.LABELS}
    for eg in examples:
        if not eg.y.has_annotation("ENT_IOB"):
            continue
        golds = {(e.label_, e.start, e.end) for e in eg.y.ents}
        x2y = eg.alignment.x2y
        seen = set()
        for ent in eg.x.ents:
            if ent.label_ not in counts:
                continue
            idx = x2y[ent.start : ent.end]
            if not len(idx):
                continue
            g = eg.y[idx[0] : idx[-1] + 1]
            if not all(t.ent_iob != 0 for t in g):
                continue  # gold says nothing here
            key = (ent.label_, int(idx[0]), int(idx[-1]) + 1)
            if key in golds:
                counts[ent.label_][0] += 1
                seen.add(key)
            else:
                counts[ent.label_][1] += 1
        for key in golds - seen:
            if key[0] in counts:
                counts[key[0]][2] += 1
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {**prf(*total), "per_type": {lab: prf(*c) for lab, c in counts.items()}}


def sentence_scores(nlp: Language, documents: list[tuple[str, list[tuple[int, int]]]]) -> dict:
    tp = fp = fn = 0
    seg = nlp.get_pipe("hoopoe_sentences") if "hoopoe_sentences" in nlp.pipe_names else None
    for text, gold in documents:
        doc = nlp.make_doc(text)
        if seg is not None:
            doc = seg(doc)
        pred = set()
        for s in doc.sents:
            st = s.text.strip()
            if st:
                a = s.start_char + (len(s.text) - len(s.text.lstrip()))
                pred.add((a, a + len(st)))
        g = set(gold)
        tp += len(pred & g)
        fp += len(pred - g)
        fn += len(g - pred)
    return {"documents": len(documents), **prf(tp, fp, fn)}


def evaluate(data: Path, model: str | None = None, news: Path | None = None) -> dict:
    """All figures as one dict. ``data`` is shared/data/nlp; ``model`` a pipeline path (default: the one
    hoopoe loads); ``news`` a marked-up news sentence file (default: none)."""
    from hoopoe.nlp.pipeline import load_nlp, model_version

    data = Path(data)
    missing = [p for p in (f"{C.EWT_DIR}/en_ewt-ud-test.conllu", f"{C.UNER_DIR}/en_ewt-ud-test.iob2",
                           f"{C.GUM_DIR}/en_gum-ccby-test.conllu", C.WIKIGOLD_FILE) if not (data / p).is_file()]
    if missing:
        from hoopoe.errors import MissingFile

        raise MissingFile(f"NLP test data missing under {data}: {', '.join(missing)}")
    nlp = load_nlp(model)
    trained = [n for n in nlp.pipe_names if not n.startswith("hoopoe_")]
    report: dict = {"model": model_version(nlp), "components": nlp.pipe_names}

    gold_docs = list(C.ewt_docs(nlp.vocab, data, "test"))
    syntax = [n for n in trained if n != "ner"]
    # the UD "gold tokenization" setting (CoNLL 2018 shared task, UDPipe, Stanza): gold tokens and sentences
    ewt_ud = _run(nlp, _examples(nlp, gold_docs, gold_tokens=True, gold_sentences=True), syntax, segmenter=False)
    # gold tokens, the parser's own sentence boundaries (a whole document at a time)
    ewt_gold = _run(nlp, _examples(nlp, gold_docs, gold_tokens=True), syntax, segmenter=False)
    # end to end from the raw text with hoopoe's tokenizer (names it keeps whole count against it)
    ewt = _run(nlp, _examples(nlp, gold_docs), trained)
    report["ewt_test"] = {"tokens": sum(len(d) for d in gold_docs), **_syntax(ewt_ud, trained),
                          "own_sentences": _syntax(ewt_gold, trained), "raw_text": _syntax(ewt, trained)}

    gum_news = C.gum_raw_documents(data, "test", genres=["news"])
    report["sentences"] = {"gum_news_test": sentence_scores(nlp, gum_news),
                           "gum_test_all_genres": sentence_scores(nlp, C.gum_raw_documents(data, "test"))}

    if "ner" in trained:
        from hoopoe.nlp.consistency import consistent_entities

        gum = _run(nlp, _examples(nlp, C.gum_docs(nlp.vocab, data, "test")), ["ner"])
        wg = _run(nlp, _examples(nlp, C.wikigold_docs(nlp.vocab, data, "test")), ["ner"])
        sets = {"ewt_test": ewt, "gum_test": gum, "wikigold_heldout": wg}
        ents = {name: _entities(exs) for name, exs in sets.items()}
        ents["mean_f"] = round(sum(ents[k]["f"] for k in sets) / 3, 4)
        # the same NER output after hoopoe_doc_entities (one name, one type per document; reads no list)
        for exs in sets.values():
            for eg in exs:
                eg.predicted = consistent_entities(eg.predicted)
        doc_pass = {name: _entities(exs) for name, exs in sets.items()}
        doc_pass["mean_f"] = round(sum(doc_pass[k]["f"] for k in sets) / 3, 4)
        ents["with_doc_pass"] = doc_pass
        report["entities"] = ents
    if news is not None:
        report["news"] = {"statistical": score_news(nlp, news, kb=False) if "ner" in trained else None,
                          "with_kb": score_news(nlp, news, kb=True)}
    return report


def _fmt_ents(name: str, e: dict) -> list[str]:
    lines = [f"  {name:<18} P {e['p']:.3f}  R {e['r']:.3f}  F {e['f']:.3f}"]
    for lab, s in e["per_type"].items():
        lines.append(f"    {lab:<16} P {s['p']:.3f}  R {s['r']:.3f}  F {s['f']:.3f}  (gold {s['tp'] + s['fn']})")
    return lines


def format_report(r: dict) -> str:
    lines = [f"model {r['model']}  ({', '.join(r['components'])})"]
    e = r["ewt_test"]
    if "upos" in e:
        settings = [("gold tokens and sentences", e)]
        if "own_sentences" in e:
            settings.append(("gold tokens, the parser's sentences", e["own_sentences"]))
        settings.append(("raw text, hoopoe's tokenizer and segmenter", e["raw_text"]))
        for name, f in settings:
            lines.append(f"EWT test ({e['tokens']} tokens; {name}): UPOS {f['upos']:.3f}"
                         + (f"  XPOS {f['xpos']:.3f}" if "xpos" in f else "")
                         + (f"  UAS {f['uas']:.3f}  LAS {f['las']:.3f}" if "uas" in f else ""))
    else:
        lines.append("EWT test: no tagger or parser in this pipeline")
    for k, s in r["sentences"].items():
        lines.append(f"sentences {k} ({s['documents']} docs): P {s['p']:.3f}  R {s['r']:.3f}  F {s['f']:.3f}")
    if "entities" in r:
        lines.append(f"entities, statistical NER alone (mean F over the three sets {r['entities']['mean_f']:.3f}):")
        for k in ("ewt_test", "gum_test", "wikigold_heldout"):
            lines += _fmt_ents(k, r["entities"][k])
        d = r["entities"].get("with_doc_pass")
        if d:
            lines.append(f"entities, statistical NER + hoopoe_doc_entities (one name, one type per document; no list): "
                         f"mean F {d['mean_f']:.3f}")
            for k in ("ewt_test", "gum_test", "wikigold_heldout"):
                lines += _fmt_ents(k, d[k])
    if r.get("news"):
        n = r["news"]
        if n.get("statistical"):
            lines.append(f"news sentences ({n['statistical']['sentences']}), statistical NER alone:")
            lines += _fmt_ents("news", n["statistical"])
        lines.append(f"news sentences ({n['with_kb']['sentences']}), with the knowledge-base layer:")
        lines += _fmt_ents("news", n["with_kb"])
    return "\n".join(lines)
