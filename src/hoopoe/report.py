"""Readable terminal tables of documents and stored events (rich)."""

from __future__ import annotations

from typing import Iterable, Sequence

from rich.console import Console
from rich.table import Table

from hoopoe.records import ArticleMeta, Document, Event


#: width of tables written to a file or pipe (a terminal uses its own width)
PIPE_WIDTH = 160


def make_console(stderr: bool = False) -> Console:
    """A console that keeps tables readable when output goes to a file or a pipe."""
    probe = Console(stderr=stderr)
    return probe if probe.is_terminal else Console(stderr=stderr, width=PIPE_WIDTH)


def _names(entities) -> str:
    return ", ".join(e.identifier_text or e.entity_text for e in entities) or "-"


def _count(c) -> str:
    return (c.text or str(c.min)) if c else "-"


def _place(p) -> str:
    if not p:
        return "-"
    extra = f" [{p.country}]" if p.country and p.feature != "country" else ""
    return f"{p.name or p.text}{extra} (p{p.precision})" if p.precision else f"{p.name or p.text}{extra}"


def _date(d) -> str:
    if not d or not d.start:
        return d.text or "-" if d else "-"
    return d.start if d.start == d.end else f"{d.start}..{d.end}"


def event_table(rows: Sequence[tuple[ArticleMeta | None, Event]], title: str | None = None) -> Table:
    """One row per event: what, when, who to whom, where, casualties, claim and sources, modality."""
    table = Table(title=title, show_lines=True, expand=False)
    table.add_column("event", style="bold", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("actor -> recipient", max_width=42)
    table.add_column("where", max_width=24)
    table.add_column("killed / wounded", max_width=24)
    table.add_column("claimed by / according to", max_width=30)
    for _meta, ev in rows:
        src = "; ".join(x for x in [_names(ev.claimed_by) if ev.claimed_by else "", ", ".join(ev.reported_by)] if x)
        mode = f"\n{'/'.join(ev.mode)}" if ev.mode else ""
        modality = "" if ev.modality == "asserted" else f"\n({ev.modality})"
        cas = "" if not (ev.killed or ev.wounded) else f"{_count(ev.killed)} / {_count(ev.wounded)}"
        table.add_row(ev.event + mode + modality, _date(ev.date), f"{_names(ev.actor)} -> {_names(ev.recipient)}",
                      _place(ev.event_loc), cas or "-", src or "-")
    return table


def print_documents(docs: Iterable[Document], console: Console | None = None) -> None:
    console = console or make_console()
    for d in docs:
        a = d.article
        console.print(event_table([(a, e) for e in d.events], title=f"{a.title or a.id} ({a.published or 'undated'})"))
        for q in d.quotes:
            who = q.speaker.identifier_text or q.speaker.entity_text if q.speaker else "?"
            console.print(f"  [italic]{'quote' if q.direct else 'reported'}[/italic] {who}: {q.text[:160]}")
        for c in d.commitments:
            console.print(f"  [bold]commitment[/bold] {_names(c.actor)} -> {_names(c.counterpart)}: {c.text[:120]} "
                          f"({c.status}; evidence {len(c.evidence)})")


def print_event_rows(rows: Sequence[tuple[ArticleMeta, Event]], console: Console | None = None) -> None:
    (console or make_console()).print(event_table(rows, title=f"{len(rows)} events"))
