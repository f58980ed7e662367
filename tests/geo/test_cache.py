"""Gazetteer.open() on the default cache: concurrent first builds and damaged cache files.

The embedded build is replaced by a tiny GeoNames dump build (same writer, same schema), so these run in
well under a second per process."""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3

import pytest

from hoopoe.errors import ResourceError
from hoopoe.geo import Gazetteer, build_geonames_gazetteer
from hoopoe.geo import build as build_mod
from hoopoe.geo.gazetteer import embedded_path

DUMP_LINES = [
    "1138958\tKabul\tKabul\tKabol\t34.52813\t69.17233\tP\tPPLC\tAF\t\t13\t\t\t\t4434550\t\t0\tAsia/Kabul\t2020-01-01",
    "1135689\tKunduz\tKunduz\tKondoz\t36.72896\t68.857\tP\tPPLA\tAF\t\t24\t\t\t\t161902\t\t0\tAsia/Kabul\t2020-01-01",
]


@pytest.fixture()
def tiny_default(tmp_path, monkeypatch):
    """$HOOPOE_CACHE in tmp_path, and an embedded build that writes a two-town gazetteer (counting builds)."""
    dump = tmp_path / "AF.txt"
    dump.write_text("\n".join(DUMP_LINES) + "\n")
    monkeypatch.setenv("HOOPOE_CACHE", str(tmp_path / "cache"))
    builds = tmp_path / "builds.log"

    def fake_build(out_path, **_kw):
        with builds.open("a") as f:
            f.write("build\n")
        return build_geonames_gazetteer(dump, out_path)

    monkeypatch.setattr(build_mod, "build_embedded_gazetteer", fake_build)
    return builds


def _open_and_count(queue) -> None:
    try:
        gaz = Gazetteer.open()
        queue.put(len(gaz.candidates("Kabul")))
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(repr(exc))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_two_processes_building_the_default_at_once(tiny_default):
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_open_and_count, args=(queue,)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert results == [1, 1]
    path = embedded_path()
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert path.is_file() and leftovers == []  # no temporary files left beside the cache file
    assert len(Gazetteer.open(path)) == 2


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_damaged_default_cache_is_rebuilt_with_a_warning(tiny_default, caplog, damage):
    first = Gazetteer.open()
    first.close()
    path = embedded_path()
    data = path.read_bytes()
    path.write_bytes({"garbage": b"not a database at all" * 100, "truncated": data[: len(data) // 2],
                      "empty": b""}[damage])
    with caplog.at_level(logging.WARNING, logger="hoopoe.geo.gazetteer"):
        gaz = Gazetteer.open()
    assert [e.geonameid for e in gaz.candidates("Kunduz")] == [1135689]
    assert any("rebuilding" in r.getMessage() for r in caplog.records)
    assert tiny_default.read_text().count("build") == 2


def test_damaged_explicit_file_raises(tmp_path):
    bad = tmp_path / "g.sqlite"
    bad.write_bytes(b"x" * 4096)
    with pytest.raises(ResourceError, match="not a hoopoe gazetteer"):
        Gazetteer.open(bad)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).executescript("CREATE TABLE meta (key TEXT, value TEXT); CREATE TABLE entries (x);"
                                         "CREATE TABLE names (key TEXT); INSERT INTO meta VALUES ('schema', '0');")
    with pytest.raises(ResourceError, match="schema"):
        Gazetteer.open(other)


def test_failed_build_leaves_no_temporary_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("not\ta\tdump\n")
    with pytest.raises(ResourceError):
        build_geonames_gazetteer(bad, tmp_path / "out" / "g.sqlite")
    assert list((tmp_path / "out").iterdir()) == []
