from __future__ import annotations

import pytest

from hoopoe.geo import Geocoder


@pytest.fixture(scope="session")
def geocoder() -> Geocoder:
    """The embedded geocoder (builds the gazetteer into the cache on first use, ~12 s)."""
    return Geocoder.default()
