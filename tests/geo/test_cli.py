from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from hoopoe.geo.cli import register


def make_app() -> typer.Typer:
    app, ev, gz = typer.Typer(), typer.Typer(), typer.Typer()
    register(app, ev, gz)
    app.add_typer(ev, name="eval")
    app.add_typer(gz, name="gazetteer")
    return app


def test_places_json(tmp_path, geocoder):
    art = tmp_path / "a.txt"
    art.write_text("A bomb exploded in Kabul, Afghanistan.")
    res = CliRunner().invoke(make_app(), ["places", str(art), "--format", "json"])
    assert res.exit_code == 0, res.output
    got = {p["text"]: p for p in json.loads(res.output)}
    assert got["Kabul"]["geonameid"] == 1138958 and got["Afghanistan"]["precision"] == 3


def test_errors_exit_nonzero_with_one_line(tmp_path):
    res = CliRunner().invoke(make_app(), ["eval", "geo", "--corpus", str(tmp_path / "none.xml")])
    assert res.exit_code == 1 and "geo corpus not found" in res.output
    res = CliRunner().invoke(make_app(), ["gazetteer", "build", "--geonames", str(tmp_path / "none.txt")])
    assert res.exit_code == 1 and "not found" in res.output
