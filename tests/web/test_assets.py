"""The dashboard's files, without a browser: everything it loads ships with the package, every vendored package
carries its licence, and no script builds HTML from strings."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import hoopoe

WEB = Path(hoopoe.__file__).resolve().parent / "web"
ROOT = Path(__file__).resolve().parents[2]


def _static(url: str) -> Path:
    assert url.startswith("/static/"), f"{url}: the dashboard loads only its own files under /static/"
    return WEB / url[len("/static/"):]


def test_index_loads_only_packaged_files():
    html = (WEB / "index.html").read_text(encoding="utf-8")
    urls = re.findall(r'(?:src|href)="([^"#]+)"', html)
    assets = [u for u in urls if not u.startswith(("/api/", "data:"))]
    assert len(assets) >= 5
    for url in assets:
        assert _static(url).is_file(), f"{url} is referenced by index.html but not in {WEB}"
    assert "connect-src 'self'" in html and "script-src 'self'" in html


def test_modules_import_only_packaged_files():
    for js in (WEB / "js").glob("*.js"):
        for target in re.findall(r'from "([^"]+)"', js.read_text(encoding="utf-8")):
            assert target.startswith("./") and (js.parent / target).is_file(), f"{js.name}: import {target}"
        for url in re.findall(r'fetch\("([^"]+)"', js.read_text(encoding="utf-8")):
            assert _static(url).is_file(), f"{js.name} fetches {url}, which is not packaged"


def test_no_script_builds_html_from_strings():
    """Article and record content is inserted as text; these APIs would parse it as markup."""
    banned = re.compile(r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|createContextualFragment"
                        r"|\beval\(|new Function\(")
    scripts = sorted((WEB / "js").glob("*.js"))
    assert len(scripts) >= 5
    for js in scripts:
        text = js.read_text(encoding="utf-8")
        assert not banned.search(text), f"{js.name}: {banned.search(text).group(0)}"
        # Leaflet tooltips and popups take strings as HTML: ours are given DOM nodes
        assert not re.search(r"bind(Tooltip|Popup)\(\s*[`'\"]", text), js.name


def test_vendored_packages_carry_their_licences_and_are_listed():
    readme = (WEB / "vendor" / "README.md").read_text(encoding="utf-8")
    folders = [p for p in (WEB / "vendor").iterdir() if p.is_dir()]
    assert {p.name for p in folders} == {"leaflet", "cytoscape", "topojson-client", "world-atlas"}
    for folder in folders:
        assert (folder / "LICENSE").is_file(), f"{folder.name} has no LICENSE"
        version = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
        assert f"[{folder.name}]" in readme and f"| {version} |" in readme, f"{folder.name} {version} not in README"
    size = sum(f.stat().st_size for f in (WEB / "vendor").rglob("*") if f.is_file())
    assert size < 3_000_000, f"vendored files are {size} bytes: keep the package small"


def test_country_code_table():
    codes = json.loads((WEB / "data" / "iso-numeric.json").read_text(encoding="utf-8"))
    assert codes["004"] == "AFG" and codes["760"] == "SYR" and codes["586"] == "PAK"
    assert all(re.fullmatch(r"\d{3}", k) and re.fullmatch(r"[A-Z]{3}", v) for k, v in codes.items())


def test_wheel_carries_the_dashboard():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "web/**/*" in project["tool"]["setuptools"]["package-data"]["hoopoe"]
