"""Readable terminal tables of documents and stored events (rich)."""

from __future__ import annotations

from typing import Iterable, Sequence

from rich.console import Console
from rich.table import Table

from hoopoe.records import ArticleMeta, Document, Event


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
    table = Table(title=title, show_lines=False, expand=True)
    for col, kw in (("type", {"style": "bold"}), ("date", {}), ("actor", {}), ("recipient", {}), ("where", {}),
                    ("killed", {"justify": "right"}), ("wounded", {"justify": "right"}), ("claimed / source", {}),
                    ("modality", {}), ("evidence", {"ratio": 3})):
        table.add_column(col, overflow="fold", **kw)
    for _meta, ev in rows:
        src = "; ".join(x for x in [_names(ev.claimed_by) if ev.claimed_by else "", ", ".join(ev.reported_by)] if x)
        mode = f" {'/'.join(ev.mode)}" if ev.mode else ""
        table.add_row(ev.event + mode, _date(ev.date), _names(ev.actor), _names(ev.recipient), _place(ev.event_loc),
                      _count(ev.killed), _count(ev.wounded), src or "-", ev.modality,
                      (ev.evidence.text if ev.evidence else ev.event_text)[:220])
    return table


def print_documents(docs: Iterable[Document], console: Console | None = None) -> None:
    console = console or Console()
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
    (console or Console()).print(event_table(rows, title=f"{len(rows)} events"))
