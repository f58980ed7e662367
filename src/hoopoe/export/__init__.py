"""Exports: stored or extracted events to JSONL, CSV, GeoJSON and Parquet.

>>> from hoopoe.export import write_events
>>> with open_store() as store:
...     write_events(store.events(), "csv", "events.csv")
"""

from __future__ import annotations

from hoopoe.export.flat import COLUMN_NAMES, COLUMNS, flat_row
from hoopoe.export.writers import FORMATS, write_events

__all__ = ["write_events", "FORMATS", "COLUMNS", "COLUMN_NAMES", "flat_row"]
