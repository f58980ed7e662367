"""The ``hoopoe`` command: a thin layer over the library. Every failure is one line on stderr and a
non-zero exit; no tracebacks for users (``HOOPOE_DEBUG=1`` shows them)."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from hoopoe.errors import HoopoeError, MissingFile

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="hoopoe: news about conflict and politics in, sourced and geocoded PLOVER events out.")
eval_app = typer.Typer(no_args_is_help=True, help="Score hoopoe against gold data.")
gazetteer_app = typer.Typer(no_args_is_help=True, help="Build and inspect the gazetteer.")
app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_app, name="gazetteer")

log = logging.getLogger("hoopoe")


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"hoopoe: error: {message}", err=True)
    raise typer.Exit(code)


def _published(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    from hoopoe.extractors.dates import parse_published

    return parse_published(value)


@app.command()
def extract(
    article: Path = typer.Argument(..., help="A text or HTML file, a JSONL corpus, or an RSS/Atom feed file."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD for inputs that carry none."),
    format: str = typer.Option("json", "--format", "-f", help="json, jsonl or table."),
) -> None:
    """Code the events of an article (or of every article in a corpus or feed) and print them."""
    from hoopoe.ingest import Skip, read_articles
    from hoopoe.pipeline import default_pipeline
    from hoopoe.records import to_dict

    if format not in ("json", "jsonl", "table"):
        fail(f"unknown format {format!r}; valid: json, jsonl, table", 2)
    if not article.exists():
        fail(f"{article}: no such file", 2)
    items = list(read_articles([article], published=_published(published)))
    articles = [a for a in items if not isinstance(a, Skip)]
    skips = [s for s in items if isinstance(s, Skip)]
    if not articles:
        if len(skips) == 1:
            fail(skips[0].message if skips[0].origin in skips[0].message else f"{skips[0].origin}: {skips[0].message}")
        for s in skips:
            typer.echo(f"hoopoe: skipped {s.origin}: {s.message} ({s.reason})", err=True)
        fail(f"{article}: no article could be read")
    for s in skips:
        typer.echo(f"hoopoe: skipped {s.origin}: {s.message} ({s.reason})", err=True)
    pipe = default_pipeline()
    docs = []
    for a in articles:
        try:
            docs.append(pipe.process(a))
        except HoopoeError as exc:
            typer.echo(f"hoopoe: skipped {a.id or a.origin}: {exc} ({exc.reason})", err=True)
    if not docs:
        fail("no article could be coded")
    if format == "json":
        data = [to_dict(d) for d in docs]
        typer.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    elif format == "jsonl":
        for d in docs:
            typer.echo(json.dumps(to_dict(d), ensure_ascii=False))
    else:
        from hoopoe.report import print_documents

        print_documents(docs)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files, folders, JSONL corpora, RSS/Atom feed files."),
    db: Optional[str] = typer.Option(None, help="sqlite:///file.db, postgresql://..., or a file path (default hoopoe.db)."),
    published: Optional[str] = typer.Option(None, help="Publication date for inputs that carry none."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    workers: int = typer.Option(1, "--workers", "-w", help="Worker processes (1: code in this process)."),
    engine: str = typer.Option("local", help="local (worker processes on this machine) or ray."),
    address: Optional[str] = typer.Option(None, help="Ray cluster address (--engine ray; default: a local Ray)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="Write Parquet shards to this folder instead of a store."),
    dedup: bool = typer.Option(True, "--dedup/--no-dedup", help="Cluster new events with the stored ones into "
                                                                "canonical events after ingest (default on)."),
) -> None:
    """Code every article and store the records; articles stored already with the same content are
    skipped before coding, so a second run (or a run after an interruption) does only what is left."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from hoopoe.engine import ENGINES
    from hoopoe.engine import ingest as run

    missing = [str(p) for p in paths if not p.exists()]
    if missing and len(missing) == len(paths):
        fail(f"no such file or folder: {', '.join(missing)}", 2)
    if engine not in ENGINES:
        fail(f"unknown engine {engine!r}; valid: {', '.join(ENGINES)}", 2)
    if workers < 1:
        fail(f"--workers must be 1 or more, got {workers}", 2)
    if db and out_dir:
        fail("give --db or --out-dir, not both", 2)
    if address and engine != "ray":
        fail("--address is for the Ray engine: add --engine ray", 2)
    pub = _published(published)
    console = Console(stderr=True)
    opts = dict(db=db, out_dir=out_dir, engine=engine, workers=workers, address=address, published=pub)
    if quiet or not sys.stderr.isatty():
        summary = run(paths, **opts)
    else:
        with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as progress:
            task = progress.add_task("ingest", total=None)
            summary = run(paths, **opts, progress=lambda n: progress.update(task, completed=n))
    console.print(f"{summary}")
    for s in summary.skip_details[:20]:
        console.print(f"  skipped {s.origin}: {s.message} ({s.reason})")
    if len(summary.skip_details) > 20:
        console.print(f"  ... and {len(summary.skip_details) - 20} more skips")
    if out_dir is not None:
        console.print(f"shards: {out_dir}")
    else:
        from hoopoe.store import open_store

        dedup_result: object = None
        with open_store(db) as store:
            if dedup:
                from hoopoe.dedup import cluster_store

                try:
                    dedup_result = cluster_store(store)
                except HoopoeError as exc:
                    dedup_result = exc
            stats = store.stats()
        console.print(f"store: {stats.get('articles', 0)} articles, {stats.get('events', 0)} events")
        if isinstance(dedup_result, HoopoeError):
            # the articles are stored; clustering is incremental, so the next run (or `hoopoe dedup`) catches up
            console.print(f"hoopoe: warning: dedup deferred (run `hoopoe dedup`): {dedup_result}", soft_wrap=True)
        elif dedup_result is not None:
            console.print(str(dedup_result), soft_wrap=True)
    if summary.read == 0 and summary.skipped_total:
        raise typer.Exit(1)


@app.command()
def events(
    db: Optional[str] = typer.Option(None, help="Store URL or file (default hoopoe.db)."),
    since: Optional[str] = typer.Option(None, help="Events on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, help="Events on or before YYYY-MM-DD."),
    country: Optional[str] = typer.Option(None, help="ISO alpha-3 code or country name."),
    event: Optional[str] = typer.Option(None, help="PLOVER event type, e.g. ASSAULT."),
    actor: Optional[str] = typer.Option(None, help="Actor name or alias."),
    limit: Optional[int] = typer.Option(None, help="At most this many events."),
    format: str = typer.Option("jsonl", "--format", "-f",
                               help="jsonl, csv (PLOVER columns), acled (ACLED's columns), geojson, parquet or table."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Export stored events, filtered."""
    from hoopoe.export import FORMATS, write_events
    from hoopoe.records import EVENT_TYPES
    from hoopoe.store import EventFilter, open_store

    if format not in FORMATS + ("table",):
        fail(f"unknown format {format!r}; valid: {', '.join(FORMATS + ('table',))}", 2)
    if event and event.upper() not in EVENT_TYPES:
        fail(f"unknown event type {event!r}; valid: {', '.join(EVENT_TYPES)}", 2)
    if format == "parquet" and output is None:
        fail("parquet needs --output FILE", 2)
    if db and "://" not in db and not Path(db).exists():
        fail(f"{db}: no such database file", 2)
    f = EventFilter(since=_published(since), until=_published(until), country=country,
                    event=event.upper() if event else None, actor=actor, limit=limit)
    with open_store(db) as store:
        rows = list(store.events(f))
    if format == "table":
        from hoopoe.report import print_event_rows

        print_event_rows(rows)
        return
    if output:
        n = write_events(rows, format, output)
        typer.echo(f"wrote {n} events to {output}", err=True)
    else:
        write_events(rows, format, sys.stdout)


@app.command()
def demo(
    db: Path = typer.Option(Path("hoopoe-demo.db"), help="The SQLite file to create (replaced if it exists)."),
) -> None:
    """Code the sample articles shipped with hoopoe into a fresh SQLite file and show the events."""
    from hoopoe.demo import run_demo

    run_demo(db)


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, help="sqlite:///file.db, postgresql://..., or a file path (default hoopoe.db)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (default: this machine only; 0.0.0.0 for all)."),
    port: int = typer.Option(8321, help="TCP port."),
    log_level: str = typer.Option("warning", help="uvicorn log level: critical, error, warning, info, debug."),
) -> None:
    """Serve the JSON API under /api/ and the dashboard at / over a store. Read-only unless the
    environment holds HOOPOE_API_KEY, which enables POST /api/ingest for requests that send it."""
    from hoopoe.store import DEFAULT_PATH, open_store

    if not 0 < port < 65536:
        fail(f"--port must be 1..65535, got {port}", 2)
    if log_level not in ("critical", "error", "warning", "info", "debug"):
        fail(f"unknown log level {log_level!r}; valid: critical, error, warning, info, debug", 2)
    url = db or DEFAULT_PATH
    if "://" not in url or url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):] if url.startswith("sqlite:///") else url)
        if not path.is_file():
            fail(f"no store at {path}: create one with `hoopoe ingest FILES --db {path}` or `hoopoe demo`", 2)
    with open_store(url) as store:  # a clear error now rather than on the first request
        stats = store.stats()
    try:
        import uvicorn

        from hoopoe.api import create_app
    except ImportError as e:  # pragma: no cover - fastapi and uvicorn are dependencies
        fail(f"the server needs fastapi and uvicorn: {e}")
    api_key = os.environ.get("HOOPOE_API_KEY") or None
    application = create_app(url, api_key=api_key)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"hoopoe: serving {stats.get('events', 0)} events from {url} at http://{shown}:{port}/ "
               f"(API docs at /docs; ingest {'enabled with the API key' if api_key else 'disabled: read-only'})",
               err=True)
    try:
        uvicorn.run(application, host=host, port=port, log_level=log_level, access_log=log_level in ("info", "debug"))
    except OSError as e:
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}")


@eval_app.command("events")
def eval_events(
    gold: list[Path] = typer.Option(..., "--gold", help="Gold file(s) in the format of shared/gold/."),
    article: Optional[Path] = typer.Option(None, help="The article file (default: the gold's article.file)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Score event extraction against hand-annotated gold files."""
    from hoopoe.eval.events import evaluate_files, format_report

    report = evaluate_files(gold, article)
    typer.echo(json.dumps(report, indent=None) if as_json else format_report(report))


def _shared_file(option: Optional[Path], relative: str, what: str) -> Path:
    """The file a user named, else the project's shared data beside the working folder (development)."""
    if option is not None:
        if not option.is_file():
            raise MissingFile(f"{what} not found: {option}")
        return option
    roots = [Path(os.environ["HOOPOE_SHARED"])] if os.environ.get("HOOPOE_SHARED") else []
    roots += [Path("shared"), Path("../shared")]
    for root in roots:
        if (root / relative).is_file():
            return root / relative
    raise MissingFile(f"{what} not found: pass its path (it is {relative} in the project's shared data, "
                      "or set HOOPOE_SHARED to that folder)")


@eval_app.command("plover")
def eval_plover(
    gsr: Optional[Path] = typer.Option(None, "--gsr", help="PLOVER_GSR_CAMEO.txt (default: shared data)."),
    split: str = typer.Option("all", help="all, dev (sentences rules were revised on) or test (held out)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    rows: bool = typer.Option(False, "--rows", help="With --json: include every sentence's outcome."),
) -> None:
    """Event typing and actor roles on the PLOVER gold-standard sentences (per type P/R/F1, confusion)."""
    from hoopoe.eval.plover import SPLITS, evaluate, format_report

    if split not in SPLITS:
        raise typer.BadParameter(f"--split must be one of {', '.join(SPLITS)}")
    report = evaluate(_shared_file(gsr, "data/plover/PLOVER_GSR_CAMEO.txt", "PLOVER GSR file"), split=split)
    if not rows:
        report.pop("rows", None)
    typer.echo(json.dumps(report) if as_json else format_report(report))


@eval_app.command("incidents")
def eval_incidents(
    data: Optional[Path] = typer.Option(None, "--data", help="Incident rows JSONL (default: shared data/dev)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    rows: bool = typer.Option(False, "--rows", help="With --json: include every description's outcome."),
) -> None:
    """Killed, wounded, country, perpetrator and PLOVER type on incident descriptions with editors' values."""
    from hoopoe.eval.incidents import evaluate, format_report

    report = evaluate(_shared_file(data, "data/dev/wikipedia_incident_lists_rows.jsonl", "incident rows"))
    if not rows:
        report.pop("details", None)
    typer.echo(json.dumps(report) if as_json else format_report(report))


@eval_app.command("nlp")
def eval_nlp(
    model: Optional[Path] = typer.Option(None, "--model", help="A trained spaCy pipeline folder (default: the shipped one)."),
    data: Optional[Path] = typer.Option(None, "--data", help="The NLP corpora folder (default: shared data/nlp)."),
    news: Optional[Path] = typer.Option(None, "--news", help="Marked-up news sentences (default: tests/fixtures/nlp/news_entities.txt when present)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """POS, UAS/LAS, sentence F and entity P/R/F per type on the held-out test splits."""
    from hoopoe.eval.nlp import evaluate, format_report

    folder = _shared_file(data / "SOURCES.md" if data else None, "data/nlp/SOURCES.md", "NLP corpora (SOURCES.md)").parent
    if model is not None and not (model / "config.cfg").is_file():
        fail(f"{model}: not a spaCy pipeline folder (no config.cfg)", 2)
    if news is None and Path("tests/fixtures/nlp/news_entities.txt").is_file():
        news = Path("tests/fixtures/nlp/news_entities.txt")
    if news is not None and not news.is_file():
        fail(f"{news}: no such file", 2)
    report = evaluate(folder, model=str(model) if model else None, news=news)
    typer.echo(json.dumps(report) if as_json else format_report(report))


def _register_optional() -> None:
    """Commands whose modules are optional parts of the package register themselves here."""
    from hoopoe.dedup.cli import register as register_dedup

    register_dedup(app, eval_app)
    try:
        from hoopoe.geo.cli import register as register_geo
    except ImportError:  # pragma: no cover - the geo subpackage ships with hoopoe
        return
    register_geo(app, eval_app, gazetteer_app)


_register_optional()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="hoopoe: %(levelname)s: %(message)s")
    for noisy in ("trafilatura", "htmldate", "courlan", "justext"):  # their warnings repeat our own skip reasons
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        app()
    except HoopoeError as exc:
        if os.environ.get("HOOPOE_DEBUG"):
            raise
        typer.echo(f"hoopoe: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("hoopoe: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
