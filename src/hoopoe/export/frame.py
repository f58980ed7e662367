"""Events as a pandas DataFrame (``pip install 'hoopoe[parquet]'``), in the flat PLOVER columns or
ACLED's, with typed columns (nullable integers, floats, strings)."""

from __future__ import annotations

from collections.abc import Iterable

from hoopoe.errors import HoopoeError
from hoopoe.export.flat import COLUMNS, flat_row
from hoopoe.records import ArticleMeta, Event

LAYOUTS = ("plover", "acled")


def to_dataframe(rows: Iterable[tuple[ArticleMeta, Event]], *, columns: str = "plover"):
    """A DataFrame with one row per event: ``columns="plover"`` gives the flat columns of the CSV
    export (:data:`hoopoe.export.COLUMNS`), ``"acled"`` the ACLED-style columns (asserted events
    with an ACLED type only, as in the ACLED export).

    >>> from hoopoe.export import to_dataframe
    >>> df = to_dataframe(store.events(EventFilter(country="AFG")))
    >>> df.groupby("event").size()
    """
    try:
        import pandas as pd
    except ImportError:
        raise HoopoeError("a DataFrame needs pandas, which is not installed: pip install 'hoopoe[parquet]'",
                          reason="missing-dependency") from None
    if columns == "plover":
        spec, records = COLUMNS, [flat_row(m, e) for m, e in rows]
    elif columns == "acled":
        from hoopoe.export.acled import ACLED_COLUMNS, acled_row

        spec = ACLED_COLUMNS
        records = [r for r in (acled_row(m, e) for m, e in rows) if r is not None]
    else:
        raise HoopoeError(f"unknown column layout {columns!r}: use one of {', '.join(LAYOUTS)}", reason="bad-format")
    dtypes = {"int": "Int64", "float": "float64", "str": "string"}
    df = pd.DataFrame.from_records(records, columns=[name for name, _ in spec])
    return df.astype({name: dtypes[t] for name, t in spec})
