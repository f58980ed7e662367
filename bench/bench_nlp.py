"""Speed of hoopoe's language pipeline: load time and tokens/s with one and with two processes.

    OMP_NUM_THREADS=1 python bench/bench_nlp.py [--model PATH] [--repeat 3] [--no-kb] [--batch-sizes 32,128]

Text: the GUM test documents and the EWT test documents from ../shared/data/nlp when present, else the sample
articles bundled with hoopoe, repeated --repeat times. Each worker process loads the pipeline itself (as an
ingest worker does) and returns only token counts, so pickling Docs is not measured. Load time is measured
in a fresh process: ``load_nlp()`` alone, after imports, and cold (interpreter start and imports included).

Throughput is measured at each batch size (documents per ``nlp.pipe`` batch), in the same run, so that the
figures compare: the parser and the NER decode a batch's sentences together, and larger batches amortise
their per-step overhead (measured in session 6: 7,340 tokens/s at 32 documents, 8,336 at 128, 8,389 at 256 on
one process). The last line gives each component's share of the time on one process.

Figures are printed, never asserted. A shared machine's speed varies by 20-30 % from one hour to the next:
compare figures from one run, not across runs. To tell a slow model from a slow hour, the run also measures the
machine before and after: single-thread matrix products of the shapes the encoders multiply (thinc's gemm),
in GFLOP/s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HOOPOE_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT / "src"))  # this checkout's hoopoe, also in the spawned workers


def texts(repeat: int) -> tuple[list[str], str]:
    data = SHARED / "data" / "nlp"
    if (data / "UD_English-GUM-ccby").is_dir():
        from hoopoe.nlp import corpora as C

        docs = [t for t, _ in C.gum_raw_documents(data, "test")]
        docs += ["".join(w + (" " if sp else "") for s in d.sentences for w, sp in zip(s.words, s.spaces))
                 for d in C.read_conllu(data / C.EWT_DIR / "en_ewt-ud-test.conllu")]
        what = "GUM test + EWT test documents"
    else:
        from hoopoe.demo import SAMPLES

        docs = [json.loads(line)["text"] for line in Path(SAMPLES).read_text(encoding="utf-8").splitlines() if line.strip()]
        what = "bundled sample articles"
    return docs * repeat, what


_NLP = None


def _init(model: str | None, kb: bool) -> None:
    global _NLP
    from hoopoe.nlp.pipeline import load_nlp

    _NLP = load_nlp(model, kb_entities=kb)
    _NLP("Warm up the pipeline in Kabul.")


def _count(job: tuple[list[str], int]) -> int:
    batch, batch_size = job
    return sum(len(doc) for doc in _NLP.pipe(batch, batch_size=batch_size))


def run(texts_: list[str], processes: int, model: str | None, kb: bool,
        batch_sizes: list[int]) -> dict[int, tuple[int, float]]:
    """{batch size: (tokens, seconds)} with ``processes`` workers, the same workers for every batch size."""
    chunks = [texts_[i::processes * 4] for i in range(processes * 4)]
    ctx = mp.get_context("spawn")
    out = {}
    with ctx.Pool(processes, initializer=_init, initargs=(model, kb)) as pool:
        pool.map(_noop, range(processes * 2))  # every worker has loaded the model
        for size in batch_sizes:
            t0 = time.perf_counter()
            tokens = sum(pool.map(_count, [(c, size) for c in chunks]))
            out[size] = (tokens, time.perf_counter() - t0)
    return out


def shares(texts_: list[str], model: str | None, kb: bool) -> dict[str, float]:
    """Each component's share of the time, one document at a time, in this process, after a first pass that
    warms the caches (the gazetteer's, as in a long-running worker)."""
    from hoopoe.nlp.pipeline import load_nlp

    nlp = load_nlp(model, kb_entities=kb)
    for _ in nlp.pipe(texts_):
        pass
    docs = [nlp.make_doc(t) for t in texts_]
    took = {}
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        docs = [proc(d) for d in docs]
        took[name] = time.perf_counter() - t0
    total = sum(took.values())
    return {name: round(t / total, 3) for name, t in took.items()}


def _noop(_: int) -> None:
    time.sleep(0.2)


def load_times(model: str | None) -> dict:
    code = (
        "import time; t0=time.perf_counter(); from hoopoe.nlp.pipeline import load_nlp; t1=time.perf_counter(); "
        f"nlp=load_nlp({model!r}); t2=time.perf_counter(); "
        "print(round(t2-t1,3), round(t2-t0,3), nlp.pipe_names)"
    )
    t0 = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout.split(" ", 2)
    cold = time.perf_counter() - t0
    return {"load_s": float(out[0]), "import_and_load_s": float(out[1]), "cold_process_s": round(cold, 3),
            "pipeline": out[2].strip()}


def machine_gflops(seconds: float = 1.0) -> float:
    """Single-thread float32 GFLOP/s of thinc's gemm on (1024 x 384) @ (384 x 384), the shape of an encoder layer
    over a batch of tokens: best of three timings of about ``seconds`` / 3 each."""
    import numpy as np
    from thinc.api import NumpyOps

    ops = NumpyOps()
    rng = np.random.default_rng(0)
    a = rng.standard_normal((1024, 384), dtype="float32")
    b = rng.standard_normal((384, 384), dtype="float32")
    ops.gemm(a, b)
    flop = 2 * 1024 * 384 * 384
    best = 0.0
    for _ in range(3):
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds / 3:
            ops.gemm(a, b)
            n += 1
        best = max(best, n * flop / (time.perf_counter() - t0) / 1e9)
    return round(best, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=None, help="pipeline folder (default: the shipped one)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-kb", action="store_true", help="leave out the knowledge-base entity layer")
    ap.add_argument("--batch-sizes", default="32,128", help="documents per nlp.pipe batch, comma-separated")
    args = ap.parse_args()
    sizes = [int(x) for x in args.batch_sizes.split(",") if x.strip()]
    docs, what = texts(args.repeat)
    print(f"text: {what}, {len(docs)} documents")
    print("load:", load_times(args.model))
    print(f"machine before: {machine_gflops()} GFLOP/s (one thread, thinc gemm)")
    kb = not args.no_kb
    for procs in (1, 2):
        for size, (tokens, took) in run(docs, procs, args.model, kb, sizes).items():
            print(f"{procs} process{'es' if procs > 1 else ''}, batches of {size}: {tokens} tokens in {took:.1f} s"
                  f" = {tokens / took:,.0f} tokens/s ({'with' if kb else 'without'} the KB entity layer)")
    print(f"machine after: {machine_gflops()} GFLOP/s")
    print("time shares, one document at a time:", shares(docs[: len(docs) // max(1, args.repeat)], args.model, kb))


if __name__ == "__main__":
    main()
