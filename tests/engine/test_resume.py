"""Kill -9 in the middle of ``hoopoe ingest``, run it again: every article is stored exactly once,
with exactly the records an uninterrupted run stores; the second run codes only what was left."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from ingest_corpus import CORPUS_SIZE, contents, hoopoe_cmd, hoopoe_env, run_hoopoe

from hoopoe.errors import StoreError
from hoopoe.store import open_store

#: Kill once at least this many articles are stored (the rest of the corpus takes far longer than
#: one polling interval, so the run is always caught in the middle).
KILL_AFTER = 20


def stored_count(url: str) -> int:
    try:
        with open_store(url) as store:
            return store.stats()["articles"]
    except StoreError:  # the first process has not created the tables yet
        return 0


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def kill_mid_run(url: str, corpus: Path, *extra: str) -> tuple[int, list[int]]:
    """Start an ingest, SIGKILL it once :data:`KILL_AFTER` articles are stored; return how many were
    stored at that moment and the killed process's children (its workers)."""
    proc = subprocess.Popen(hoopoe_cmd(str(corpus), "--db", url, "-q", *extra), env=hoopoe_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    try:
        while stored_count(url) < KILL_AFTER:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
            assert time.monotonic() < deadline, "ingest stored nothing in 240 s"
            time.sleep(0.01)
        workers = children(proc.pid) if Path("/proc").is_dir() else []
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    return stored_count(url), workers


def summary_counts(stderr: str) -> dict[str, int]:
    text = " ".join(stderr.split())
    m = re.search(r"read (\d+), stored (\d+), unchanged (\d+), events (\d+), skipped (\d+)", text)
    assert m, stderr
    return dict(zip(("read", "stored", "unchanged", "events", "skipped"), map(int, m.groups())))


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_ingest_resumes_and_stores_every_article_once(store_url, corpus, reference, workers):
    extra = ("--workers", str(workers)) if workers > 1 else ()
    at_kill, worker_pids = kill_mid_run(store_url, corpus, *extra)
    assert KILL_AFTER <= at_kill < CORPUS_SIZE
    if workers > 1:  # orphaned workers notice that their parent is gone and exit
        deadline = time.monotonic() + 20
        while any(alive(p) for p in worker_pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in worker_pids if alive(p)]
        at_kill = stored_count(store_url)  # a worker may have stored a last article on its way out

    again = run_hoopoe(str(corpus), "--db", store_url, "-q", *extra)
    assert again.returncode == 0, again.stderr
    counts = summary_counts(again.stderr)
    assert counts["read"] == CORPUS_SIZE and counts["skipped"] == 0
    assert counts["unchanged"] == at_kill  # what the first run stored is not coded again
    assert counts["stored"] == CORPUS_SIZE - at_kill

    assert contents(store_url) == reference  # each article once, whole, with no duplicate records
    with open_store(store_url) as store:
        events = store.stats()["events"]
        assert events == sum(len(v) for v in reference.values())
        assert store._query("SELECT COUNT(*) FROM (SELECT DISTINCT id FROM events) d")[0][0] == events

    third = run_hoopoe(str(corpus), "--db", store_url, "-q", *extra)
    assert summary_counts(third.stderr)["unchanged"] == CORPUS_SIZE
