"""``hoopoe ingest`` with engine options, as a user runs it: bad options and unreachable stores are
one ``hoopoe: error:`` line, never a traceback; Parquet shards from the command line."""

from __future__ import annotations

import sys

import pytest
from ingest_corpus import run_hoopoe, write_corpus
from test_resume import summary_counts

from hoopoe.engine import ingest
from hoopoe.errors import HoopoeError


@pytest.mark.parametrize("args,needle,code", [
    (["--engine", "spark"], "unknown engine 'spark'; valid: local, ray", 2),
    (["--workers", "0"], "--workers must be 1 or more", 2),
    (["--db", "x.db", "--out-dir", "shards"], "give --db or --out-dir, not both", 2),
    (["--db", "postgresql://me:pw@127.0.0.1:1/hoopoe"], "cannot connect to PostgreSQL at postgresql://me:***@", 1),
    (["--address", "10.0.0.1:6379"], "--address is for the Ray engine", 2),
    (["--engine", "ray", "--address", "127.0.0.1:1"], "cannot reach the Ray cluster at 127.0.0.1:1", 1),
])
def test_bad_options_are_one_line(tmp_path, args, needle, code):
    folder = write_corpus(tmp_path / "in", range(2))
    r = run_hoopoe(str(folder), *args, "-q")
    assert r.returncode == code, r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("hoopoe: error:")]
    assert len(errors) == 1 and needle in errors[0], r.stderr
    assert "Traceback" not in r.stderr


def test_out_dir_from_the_command_line(tmp_path):
    pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    folder = write_corpus(tmp_path / "in", range(12))
    r = run_hoopoe(str(folder), "--out-dir", str(tmp_path / "shards"), "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert summary_counts(r.stderr)["stored"] == 12 and "shards:" in r.stderr
    assert len(list((tmp_path / "shards" / "articles").glob("*.parquet"))) == 1


def test_ray_missing_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(HoopoeError, match=r"pip install 'hoopoe\[ray\]'"):
        ingest([write_corpus(tmp_path / "in", range(1))], db=str(tmp_path / "s.db"), engine="ray")
