"""hoopoe: news about conflict and politics in, structured, sourced, geocoded PLOVER events out.

>>> import hoopoe
>>> doc = hoopoe.extract("On Friday, a suicide bomber killed 12 people in Kabul.", published="2021-10-11")
>>> doc.events[0].event
'ASSAULT'
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["__version__", "extract", "Pipeline", "Document", "Article"]


def __getattr__(name: str):  # lazy: importing hoopoe loads no model and no gazetteer
    if name in ("Pipeline", "extract"):
        from hoopoe import pipeline

        return getattr(pipeline, name)
    if name in ("Document", "Article"):
        from hoopoe import records

        return getattr(records, name)
    raise AttributeError(f"module 'hoopoe' has no attribute {name!r}")
