"""Who did what to whom: events, dyads over time, and events exported for other tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from .. import export, render
from ..model import Event, EventActor
from .app import (
    CameoCode,
    Db,
    Fmt,
    Limit,
    MinConfidence,
    Since,
    SourceActor,
    TargetActor,
    Until,
    app,
    console,
    errors,
    limit_or_none,
    open_corpus,
)

EVENT_COLUMNS: list[render.Column] = [
    ("date", lambda e: e.date if e.date_source == "text" else f"{e.date}*"),
    ("source", lambda e: _actor_cell(e.source)),
    ("event", lambda e: f"{e.code} {e.plover}" + (f" ({e.mode})" if e.mode != "asserted" else "")),
    ("target", lambda e: _actor_cell(e.target)),
    ("goldstein", lambda e: f"{e.goldstein:+.1f}"),
    ("reports", lambda e: e.num_articles),
    ("sure", lambda e: f"{e.confidence:.2f}"),
    ("evidence", lambda e: _evidence_cell(e)),
]


def _evidence_cell(event: Event, width: int = 90) -> Text:
    """The sentence around the trigger, the trigger in bold; the whole sentence is in the json."""
    evidence = event.evidence
    text = evidence.text
    start, end = evidence.trigger_start - evidence.start, evidence.trigger_end - evidence.start
    left = max(0, min(start - width // 3, len(text) - width))
    right = min(len(text), left + width)
    cell = render.plain(("…" if left else "") + text[left:right] + ("…" if right < len(text) else ""))
    offset = 1 if left else 0
    cell.stylize("bold", start - left + offset, end - left + offset)
    return cell


def _actor_cell(actor: EventActor | None) -> str:
    if actor is None:
        return ""
    return f"{actor.code or '?'} {actor.name or ''}".strip()


@app.command()
def events(
    db: Db = None,
    source: SourceActor = None,
    target: TargetActor = None,
    code: CameoCode = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER category: ACCUSE, AGREE, …")] = None,
    since: Since = None,
    until: Until = None,
    min_confidence: MinConfidence = None,
    limit: Limit = 20,
    fmt: Fmt = "table",
) -> None:
    """Who did what to whom: events coded in CAMEO and PLOVER, with the sentence each came from.

    In the table, a date marked * is the publication day (the sentence gave none); "sure" is the share of such events
    found fully right by hand, and events less sure than --min-confidence are not listed."""
    with open_corpus(db) as corpus:
        found = corpus.events(source=source, target=target, code=code, plover=plover, since=since, until=until,
                              min_confidence=min_confidence, limit=limit_or_none(limit))  # fmt: skip
    render.emit(found, fmt, EVENT_COLUMNS, console)


DYAD_COLUMNS: list[render.Column] = [
    ("period", lambda p: p.period),
    ("events", lambda p: p.events),
    ("→", lambda p: p.forward),
    ("←", lambda p: p.backward),
    ("goldstein", lambda p: "" if p.goldstein is None else f"{p.goldstein:+.2f}"),
    ("verbal coop", lambda p: p.quad[0]),
    ("material coop", lambda p: p.quad[1]),
    ("verbal conflict", lambda p: p.quad[2]),
    ("material conflict", lambda p: p.quad[3]),
]


@app.command()
def dyad(
    first: Annotated[str, typer.Argument(help="An actor code prefix (RUS, USAGOV) or name.")],
    second: Annotated[str, typer.Argument(help="The other actor.")],
    db: Db = None,
    by: Annotated[str, typer.Option(help="day, week, month or year.")] = "week",
    since: Since = None,
    until: Until = None,
    chart: Annotated[Path | None, typer.Option(help="Also draw the series as a PNG chart to this file.")] = None,
    min_confidence: MinConfidence = None,
    fmt: Fmt = "table",
) -> None:
    """Cooperation and conflict between two actors over time: events either way, mean Goldstein, QuadClass mix."""
    with open_corpus(db) as corpus:  # a chart that cannot be drawn (no matplotlib) is one error line too
        points = corpus.dyad(first, second, by=by, since=since, until=until, min_confidence=min_confidence)
        render.emit(points, fmt, DYAD_COLUMNS, console, title=f"{first.upper()} – {second.upper()}, by {by}")
        if chart is not None:
            from ..chart import dyad_png

            dyad_png(points, first.upper(), second.upper(), by, chart)
            errors.print(render.plain(f"chart written to {chart}"))


@app.command("export")
def export_events(
    what: Annotated[str, typer.Argument(help="What to export: events.")],
    db: Db = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="gdelt (GDELT 2.0 event table), parquet, csv, jsonl, or a format a package registers "
            "(`dateline components` lists them).",
        ),
    ] = "gdelt",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).")
    ] = None,
    source: SourceActor = None,
    target: TargetActor = None,
    code: CameoCode = None,
    since: Since = None,
    until: Until = None,
    min_confidence: MinConfidence = None,
) -> None:
    """Export events for other tools; `gdelt` writes GDELT 2.0's 61 event columns, tab-separated."""
    if what != "events":
        errors.print(render.error_line(f"cannot export {what!r}: only events for now"))
        raise typer.Exit(1)
    with open_corpus(db) as corpus:
        out = output if output is not None else sys.stdout
        rows = corpus.export_rows(
            source=source, target=target, code=code, since=since, until=until, min_confidence=min_confidence
        )
        count = export.write(rows, fmt, out)
    errors.print(render.plain(f"{count:,} events written" + (f" to {output}" if output else "")))
