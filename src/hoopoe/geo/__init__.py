"""Geocoding: the gazetteer (embedded default or full GeoNames), toponym recognition and resolution.

>>> from hoopoe.geo import Geocoder
>>> geo = Geocoder.default()
>>> [p.name for p in geo.geoparse("A bomb exploded in Kunduz, a city in northeastern Afghanistan.")]
['Kunduz', 'Afghanistan']
"""

from __future__ import annotations

from hoopoe.geo.gazetteer import Candidate, GazEntry, Gazetteer, fold, haversine_km

__all__ = ["Candidate", "GazEntry", "Gazetteer", "Geocoder", "fold", "haversine_km",
           "build_embedded_gazetteer", "build_geonames_gazetteer"]


def __getattr__(name: str):  # lazy: importing hoopoe.geo builds and loads nothing
    if name == "Geocoder":
        from hoopoe.geo.geocoder import Geocoder

        return Geocoder
    if name in ("build_embedded_gazetteer", "build_geonames_gazetteer"):
        from hoopoe.geo import build

        return getattr(build, name)
    raise AttributeError(f"module 'hoopoe.geo' has no attribute {name!r}")
