"""CLI commands of dedup: thin wrappers over :mod:`hoopoe.dedup` (registered by hoopoe.cli).

``hoopoe dedup``, ``hoopoe clusters``, ``hoopoe merges``, ``hoopoe unmerge ID``, ``hoopoe eval dedup``.
Failures raise :class:`~hoopoe.errors.HoopoeError`, which ``hoopoe.cli.main`` prints as one line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from hoopoe.errors import HoopoeError, MissingFile

#: The labelled corpus in a source checkout (tests/ is not installed with the package).
DEFAULT_CORPUS = Path("tests") / "fixtures" / "dedup" / "corpus.jsonl"
_CORPUS_HELP = f"Labelled JSONL corpus (default: {DEFAULT_CORPUS} in a source checkout)."


def _store(db: str | None):
    from hoopoe.store import open_store

    if db and "://" not in db and db != ":memory:" and not Path(db).exists():
        raise MissingFile(f"{db}: no such database file")
    return open_store(db)


def _estimate(e) -> str:
    if e is None:
        return "-"
    rng = "" if e.min == e.max == e.best else f" ({e.min}-{e.max if e.max is not None else '?'})"
    return f"{e.best}{rng}"


def _default_corpus() -> Path:
    here = Path(__file__).resolve().parents[3] / DEFAULT_CORPUS
    for p in (DEFAULT_CORPUS, here):
        if p.is_file():
            return p
    raise MissingFile(f"no dedup corpus at {DEFAULT_CORPUS}: give one with --corpus FILE (JSONL lines with "
                      "id, text, published, source and the gold cluster label)")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command("dedup")
    def dedup(
        db: str | None = typer.Option(None, help="Store URL or file (default hoopoe.db)."),
        threshold: float | None = typer.Option(None, help="Merge score needed, 0..1 (default 0.5)."),
        reset: bool = typer.Option(False, "--reset", help="Forget every cluster and merge first (undone merges "
                                                          "stay and still keep their reports apart)."),
    ) -> None:
        """Cluster the stored events not yet clustered into canonical events; print a summary."""
        from hoopoe.dedup import cluster_store, reset_clusters
        from hoopoe.dedup.scoring import THRESHOLD

        with _store(db) as store:
            if reset:
                reset_clusters(store)
            summary = cluster_store(store, threshold=THRESHOLD if threshold is None else threshold)
        typer.echo(str(summary))

    @app.command("clusters")
    def clusters(
        db: str | None = typer.Option(None, help="Store URL or file (default hoopoe.db)."),
        id: str | None = typer.Option(None, "--id", help="One canonical event, with all its reports."),
        since: str | None = typer.Option(None, help="Happenings on or after YYYY-MM-DD."),
        until: str | None = typer.Option(None, help="Happenings on or before YYYY-MM-DD."),
        country: str | None = typer.Option(None, help="ISO alpha-3 code or country name."),
        event: str | None = typer.Option(None, help="PLOVER event type, e.g. ASSAULT."),
        min_reports: int | None = typer.Option(None, "--min-reports", help="Only events with this many reports."),
        limit: int | None = typer.Option(None, help="At most this many events."),
        format: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
    ) -> None:
        """List canonical events (one per happening) with their report counts."""
        from hoopoe.dedup import ClusterFilter, canonical_events
        from hoopoe.extractors.dates import parse_published
        from hoopoe.records import EVENT_TYPES, to_dict

        if format not in ("table", "jsonl"):
            raise HoopoeError(f"unknown format {format!r}; valid: table, jsonl")
        if event and event.upper() not in EVENT_TYPES:
            raise HoopoeError(f"unknown event type {event!r}; valid: {', '.join(EVENT_TYPES)}")
        f = ClusterFilter(id=id, since=parse_published(since) if since else None,
                          until=parse_published(until) if until else None, country=country,
                          event=event.upper() if event else None, min_reports=min_reports, limit=limit)
        with _store(db) as store:
            events = list(canonical_events(store, f))
        if id and not events:
            raise HoopoeError(f"no canonical event {id!r}: `hoopoe clusters` lists them")
        if format == "jsonl":
            for ev in events:
                typer.echo(json.dumps(to_dict(ev), ensure_ascii=False))
            return
        from rich.table import Table

        from hoopoe.report import _date, _names, _place, make_console

        console = make_console()
        table = Table(title=f"{len(events)} canonical events", show_lines=True)
        for col in ("id", "event", "date", "where", "actor -> recipient", "killed", "wounded", "reports",
                    "first reported"):
            table.add_column(col, overflow="fold")
        for ev in events:
            table.add_row(ev.id, ev.event, _date(ev.date) if ev.date.start else _date(ev.date_span),
                          _place(ev.event_loc), f"{_names(ev.actor)} -> {_names(ev.recipient)}",
                          _estimate(ev.killed), _estimate(ev.wounded),
                          f"{ev.n_reports} ({', '.join(ev.sources[:3]) or '-'})", ev.first_reported or "-")
        console.print(table)
        if id:
            for ev in events:
                for r in ev.reports:
                    joined = f" [joined by {r.joined_by}]" if r.joined_by else " [founded the cluster]"
                    cited = f" (citing {', '.join(r.reported_by)})" if r.reported_by else ""
                    console.print(f"- {r.published or '?'} {r.source or r.article_id}{cited}{joined}: "
                                  f"{r.evidence.text if r.evidence else ''}", markup=False, highlight=False)
                for name, est in (("killed", ev.killed), ("wounded", ev.wounded)):
                    if est:
                        console.print(f"{name}: {_estimate(est)}: {est.basis}", markup=False, highlight=False)

    @app.command("merges")
    def merges(
        db: str | None = typer.Option(None, help="Store URL or file (default hoopoe.db)."),
        event: str | None = typer.Option(None, "--event", help="Only merges touching this canonical event "
                                                                    "(cluster id), event id or article id."),
        format: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
    ) -> None:
        """List the merge history: when, which reports or clusters, score and reasons; undone ones marked."""
        from hoopoe.dedup import list_merges
        from hoopoe.records import to_dict

        if format not in ("table", "jsonl"):
            raise HoopoeError(f"unknown format {format!r}; valid: table, jsonl")
        with _store(db) as store:
            found = list_merges(store, event)
        if format == "jsonl":
            for m in found:
                typer.echo(json.dumps(to_dict(m), ensure_ascii=False))
            return
        from rich.markup import escape
        from rich.table import Table

        from hoopoe.report import make_console

        table = Table(title=f"{len(found)} merges", show_lines=True)
        for col in ("id", "when", "into", "moved", "score", "reasons", "status"):
            table.add_column(col, overflow="fold")
        for m in found:
            moved = (f"cluster {m.source}: " if m.source else "") + ", ".join(f"{a}#{s}" for a, s, _ in m.moved[:4])
            if len(m.moved) > 4:
                moved += f" +{len(m.moved) - 4}"
            status = f"undone {m.undone_at}" + (f": {m.undo_note}" if m.undo_note else "") if m.undone else "active"
            table.add_row(m.id, m.merged_at, m.into, escape(moved), f"{m.score:.2f}", escape("; ".join(m.reasons)),
                          escape(status))
        make_console().print(table)

    @app.command("unmerge")
    def unmerge(
        merge_id: str = typer.Argument(..., help="The merge to undo (id from `hoopoe merges`, or a unique prefix)."),
        db: str | None = typer.Option(None, help="Store URL or file (default hoopoe.db)."),
        note: str | None = typer.Option(None, help="Why (kept in the merge history)."),
    ) -> None:
        """Undo one merge: its reports leave the cluster and are never merged back automatically."""
        from hoopoe.dedup import undo_merge

        with _store(db) as store:
            m, made = undo_merge(store, merge_id, note)
        if made:
            typer.echo(f"undid merge {m.id}: {len(m.moved)} report(s) split from {m.into} into {', '.join(made)}; "
                       "they will not be merged back automatically")
        else:
            typer.echo(f"undid merge {m.id}: nothing to separate (its reports are gone or already apart); "
                       "recorded")

    @eval_app.command("dedup")
    def eval_dedup(
        corpus: Path | None = typer.Option(None, "--corpus", help=_CORPUS_HELP),  # noqa: B008
        threshold: float | None = typer.Option(None, help="Merge score needed, 0..1 (default 0.5)."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    ) -> None:
        """Score dedup on a labelled corpus: pairwise and B-cubed P/R/F1, with a same-type/country/day baseline."""
        from hoopoe.eval.dedup import evaluate_corpus, format_report

        report = evaluate_corpus(corpus or _default_corpus(), threshold=threshold)
        if as_json:
            json.dump(report, sys.stdout)
            sys.stdout.write("\n")
        else:
            typer.echo(format_report(report))
