"""Exports: stored or extracted events to JSONL, CSV (PLOVER columns), ACLED-style CSV, GeoJSON,
Parquet, and pandas DataFrames.

>>> from hoopoe.export import write_events, to_dataframe
>>> with open_store() as store:
...     write_events(store.events(), "csv", "events.csv")
...     write_events(store.events(), "acled", "events-acled.csv")
...     df = to_dataframe(store.events())
"""

from __future__ import annotations

from hoopoe.export.acled import ACLED_COLUMN_NAMES, ACLED_COLUMNS, acled_row
from hoopoe.export.flat import COLUMN_NAMES, COLUMNS, flat_row
from hoopoe.export.frame import to_dataframe
from hoopoe.export.writers import FORMATS, write_events

__all__ = ["write_events", "FORMATS", "COLUMNS", "COLUMN_NAMES", "flat_row", "ACLED_COLUMNS",
           "ACLED_COLUMN_NAMES", "acled_row", "to_dataframe"]
