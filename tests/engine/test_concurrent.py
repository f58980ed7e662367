"""Several ``hoopoe ingest`` processes at once over overlapping inputs into one store: nothing is lost,
nothing is stored twice, and between them they store each article exactly once."""

from __future__ import annotations

import subprocess

from ingest_corpus import CORPUS_SIZE, contents, hoopoe_cmd, hoopoe_env
from test_resume import summary_counts

from hoopoe.store import open_store

#: Overlapping slices of the corpus, one per process; together they cover it.
SLICES = [range(200), range(100, 300), range(50, 250)]


def test_concurrent_processes_over_overlapping_inputs(store_url, corpus, reference):
    lists = [[str(corpus / f"item-{i:04d}.txt") for i in part] for part in SLICES]
    procs = [subprocess.Popen(hoopoe_cmd(*files, "--db", store_url, "-q"), env=hoopoe_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for files in lists]
    results = [(p, *p.communicate(timeout=300)) for p in procs]
    counts = []
    for p, _out, err in results:
        assert p.returncode == 0, err
        counts.append(summary_counts(err))
    for c, part in zip(counts, SLICES):
        assert c["read"] == len(part) and c["skipped"] == 0
        assert c["stored"] + c["unchanged"] == len(part)
    assert sum(c["stored"] for c in counts) == CORPUS_SIZE  # each article stored by exactly one process
    assert contents(store_url) == reference
    with open_store(store_url) as store:
        assert store.stats()["articles"] == CORPUS_SIZE
        assert store.stats()["events"] == sum(len(v) for v in reference.values())
