"""CLI commands of the geocoder: thin wrappers over the library (registered by hoopoe.cli)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from hoopoe.errors import HoopoeError


class Format(str, Enum):
    json = "json"
    table = "table"


def _fail(exc: Exception) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1)


def register(app: typer.Typer, eval_app: typer.Typer, gazetteer_app: typer.Typer) -> None:
    @app.command("places")
    def places(article: Path, format: Format = typer.Option(Format.table, "--format")) -> None:
        """Every toponym in ARTICLE (text, HTML, feed or JSONL: the first article) with offsets and resolution."""
        from hoopoe.ingest import read_article
        from hoopoe.pipeline import Pipeline
        from hoopoe.records import to_dict

        try:
            text = read_article(article).text
            found = Pipeline.places_in(text)
        except (OSError, UnicodeDecodeError, HoopoeError) as exc:
            _fail(exc)
        if format is Format.json:
            typer.echo(json.dumps([to_dict(p) for p in found], ensure_ascii=False, indent=1))
            return
        from rich.table import Table

        table = Table("text", "name", "feature", "admin1", "country", "geonameid", "lat", "lon", "prec", "mentions")
        for p in found:
            table.add_row(p.text, p.name or "", p.feature or "", p.admin1 or "", p.country or "", str(p.geonameid),
                          f"{p.lat:.4f}", f"{p.lon:.4f}", str(p.precision), " ".join(f"{s}-{e}" for s, e in p.mentions))
        from hoopoe.report import make_console

        make_console().print(table)

    @eval_app.command("geo")
    def eval_geo(corpus: Path = typer.Option(..., "--corpus"), gold_spans: bool = typer.Option(False, "--gold-spans"),
                 as_json: bool = typer.Option(False, "--json"), limit: int = typer.Option(None, "--limit")) -> None:
        """Score the geocoder on an LGL/TR-News XML corpus."""
        from hoopoe.eval.geo import evaluate
        from hoopoe.geo import Geocoder

        try:
            scores = evaluate(Geocoder.default(), corpus, gold_spans=gold_spans, limit=limit)
        except HoopoeError as exc:
            _fail(exc)
        if as_json:
            typer.echo(json.dumps(scores))
        else:
            for k, v in scores.items():
                typer.echo(f"{k:>14}  {v}")

    @gazetteer_app.command("build")
    def gazetteer_build(geonames: Path = typer.Option(None, "--geonames", help="GeoNames dump (allCountries.zip, AF.txt)"),
                        alternate_names: Path = typer.Option(None, "--alternate-names"),
                        out: Path = typer.Option(None, "--out")) -> None:
        """Build the embedded gazetteer into the cache, or one from a GeoNames dump."""
        from hoopoe.geo.build import build_embedded_gazetteer, build_geonames_gazetteer
        from hoopoe.geo.gazetteer import default_cache_dir, embedded_path

        try:
            if geonames:
                path = build_geonames_gazetteer(geonames, out or default_cache_dir() / "gazetteer-geonames-v1.sqlite",
                                                alternate_names=alternate_names)
            else:
                path = build_embedded_gazetteer(out or embedded_path())
        except (OSError, HoopoeError) as exc:
            _fail(exc)
        typer.echo(str(path))
