"""Helpers shared by the geoparsing tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations


def places(geo, text: str, **kw) -> dict[str, tuple[str, str]]:
    """toponym as written -> (resolved name, country) for every place the geocoder finds in ``text``."""
    return {p.text: (p.name, p.country) for p in geo.geoparse(text, **kw)}


def assert_not_a_place(geo, text: str, word: str, kept: dict[str, tuple[str, str]]) -> None:
    """``word`` is not found as a place in ``text``, and the places in ``kept`` still resolve as given."""
    got = places(geo, text)
    assert word not in got
    for name, want in kept.items():
        assert got[name] == want
