"""Writers for each export format; :func:`write_events` picks one."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from hoopoe.errors import HoopoeError
from hoopoe.export.flat import COLUMN_NAMES, COLUMNS, flat_row
from hoopoe.records import ArticleMeta, Event, to_dict

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("jsonl", "csv", "geojson", "parquet", "acled")

Rows = Iterable[tuple[ArticleMeta, Event]]
Out = IO[str] | IO[bytes] | str | os.PathLike

#: Events per Parquet row group: bounds memory on large exports (a batch of flat rows is a few MB).
PARQUET_BATCH_ROWS = 10_000


@contextlib.contextmanager
def _text_out(out: Out, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A text stream for ``out``: a path is opened (UTF-8), a binary stream is wrapped, a text
    stream is used as it is. Nothing the caller opened is closed."""
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
    elif isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        yield out  # type: ignore[misc]
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline=newline)  # type: ignore[arg-type]
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


def write_jsonl(rows: Rows, out: Out) -> int:
    """One JSON object per line: the event's SCHEMA.md fields and ``article`` (its metadata)."""
    n = 0
    with _text_out(out) as fh:
        for meta, ev in rows:
            fh.write(json.dumps({**to_dict(ev), "article": to_dict(meta)}, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(rows: Rows, out: Out) -> int:
    """The flat columns (:data:`hoopoe.export.flat.COLUMNS`), a header row, lists joined with ``; ``."""
    n = 0
    with _text_out(out, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMN_NAMES)
        for meta, ev in rows:
            writer.writerow(["" if v is None else v for v in flat_row(meta, ev).values()])
            n += 1
    return n


def write_geojson(rows: Rows, out: Out) -> int:
    """A FeatureCollection: a Point per event with coordinates, the flat columns as properties.

    Events without coordinates are left out; their number is logged and written as the foreign
    member ``events_without_coordinates``. Returns the number of features written.
    """
    n = left_out = 0
    with _text_out(out) as fh:
        fh.write('{"type": "FeatureCollection", "features": [')
        for meta, ev in rows:
            loc = ev.event_loc
            if loc is None or loc.lat is None or loc.lon is None:
                left_out += 1
                continue
            feature = {"type": "Feature", "id": ev.id,
                       "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                       "properties": flat_row(meta, ev)}
            fh.write(("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write(f'\n], "events_without_coordinates": {left_out}}}\n')
    if left_out:
        log.info("geojson: %d events without coordinates left out, %d written", left_out, n)
    return n


def write_parquet(rows: Rows, out: Out) -> int:
    """The flat columns as a typed Parquet table (pyarrow; ``pip install 'hoopoe[parquet]'``)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise HoopoeError("parquet export needs pyarrow, which is not installed: "
                          "pip install 'hoopoe[parquet]' (or choose jsonl, csv or geojson)",
                          reason="missing-dependency") from None
    if isinstance(out, io.TextIOBase):
        raise HoopoeError("parquet is binary: give a file path or a binary stream, not a text stream",
                          reason="bad-output")
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(name, types[t]) for name, t in COLUMNS])
    sink = str(out) if isinstance(out, (str, os.PathLike)) else out
    n = 0
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for meta, ev in rows:
            batch.append(flat_row(meta, ev))
            if len(batch) >= PARQUET_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def write_acled(rows: Rows, out: Out, *, timestamp: int | None = None) -> int:
    """ACLED-style CSV: ACLED's columns (:data:`hoopoe.export.acled.ACLED_COLUMNS`), one row per
    asserted event with an ACLED type; the others are left out and their number logged. Returns the
    number of rows written. ``timestamp``: the ``timestamp`` column (default: now)."""
    from hoopoe.export.acled import ACLED_COLUMN_NAMES, acled_row

    stamp = int(time.time()) if timestamp is None else timestamp
    n = left_out = 0
    with _text_out(out, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(ACLED_COLUMN_NAMES)
        for meta, ev in rows:
            row = acled_row(meta, ev, timestamp=stamp)
            if row is None:
                left_out += 1
                continue
            writer.writerow(["" if v is None else v for v in row.values()])
            n += 1
    if left_out:
        log.info("acled: %d events without an ACLED type or not asserted left out, %d written", left_out, n)
    return n


WRITERS: dict[str, Callable[[Rows, Out], int]] = {
    "jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "parquet": write_parquet,
    "acled": write_acled,
}


def write_events(rows: Rows, fmt: str, out: Out) -> int:
    """Write events with their article metadata in one of :data:`FORMATS` to a path or stream;
    returns the number of events (for geojson: features) written."""
    key = (fmt or "").strip().lower()
    if key not in WRITERS:
        raise HoopoeError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}", reason="bad-format")
    if isinstance(out, (str, os.PathLike)) and not Path(out).parent.is_dir():
        raise HoopoeError(f"cannot write {str(out)!r}: folder {str(Path(out).parent)!r} does not exist",
                          reason="bad-output")
    return WRITERS[key](rows, out)
