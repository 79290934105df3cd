"""Records to output: plain dicts for json/jsonl/csv (the contract scripts build on), Rich tables for people.

The json form of a record holds its id and every field; dates are ISO 8601 strings, spans {"start", "end"}.
What people read goes through ``plain``: text from files, feeds and the command line is never read as Rich markup,
and its control characters are shown, not sent to the terminal.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import dates
from .export.records import to_dict
from .model import Annotations, Article, Problem, Span

Format = Literal["table", "json", "jsonl", "csv"]
Column = tuple[str, Callable[[Any], Any]]
NO_WRAP = {
    "id",
    "story",
    "published",
    "first published",
    "article",
    "kind",
    "country",
    "articles",
    "mentions",
    "setting",
}
MIN_WIDTH = {"name": 16, "speaker": 14, "quote": 28, "title": 20, "title · snippet": 30, "outlets": 16}
CLIP = 300  # characters of one value echoed in a one-line message: enough to know it by, never a screenful
# Each control character as its Unicode picture (ESC as ␛, a line break as ␊; C1 controls, which have none, as �),
# one character for one, so that styled spans keep their offsets. Sent raw, they could set the window title,
# clear or recolour the screen, or start a line of output that looks like one of ours.
PICTURES = (
    {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"} | dict.fromkeys(range(0x80, 0xA0), "\ufffd")
)
PICTURES_BUT_LINES = {code: picture for code, picture in PICTURES.items() if chr(code) not in "\n\t"}
KIND_STYLES = {"PERSON": "bold cyan", "ORG": "bold magenta", "GPE": "bold green", "LOC": "green", "NORP": "yellow",
               "FAC": "blue", "EVENT": "blue", "PRON": "cyan", "NOM": "cyan"}  # fmt: skip


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character shown by its picture; ``lines`` keeps line breaks and tabs (an article's
    text in its paragraphs), elsewhere they are shown too, so that no value starts a line of its own."""
    return text.translate(PICTURES_BUT_LINES if lines else PICTURES)


def plain(value: object, style: str = "", *, lines: bool = False) -> Text:
    """What a person reads of a value: never markup, control characters shown (see ``printable``)."""
    return Text(printable(str(value), lines=lines), style=style)


def clipped(text: str, limit: int = CLIP) -> str:
    """``text`` cut in the middle to about ``limit`` characters, saying how many were left out: a message keeps its
    start (what and where) and its end (why)."""
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 3
    return f"{text[:head]}…[{len(text) - head - tail:,} more characters]…{text[-tail:]}"


def problem_line(problem: Problem) -> Text:
    """One problem on one line, each value in it cut to ``CLIP``."""
    colour = "red" if problem.severity == "error" else "yellow"
    return Text.assemble(
        (f"{problem.severity}: ", colour), plain(clipped(problem.source), "bold"), ": ", plain(clipped(problem.message))
    )


def problem_text(problem: Problem) -> str:
    """One problem as a line of a file: whole, with control characters shown, so each problem is one line."""
    return f"{problem.severity}: {printable(problem.source)}: {printable(problem.message)}"


def error_line(message: str) -> Text:
    """An error as the CLI prints it: one line, the message cut to ``CLIP``."""
    return Text.assemble(("error: ", "red"), plain(clipped(message)))


def emit(records: Sequence[Any], fmt: Format, columns: Sequence[Column], console: Console, title: str = "") -> None:
    """Print ``records`` in ``fmt``; ``columns`` say what the table shows."""
    if fmt == "json":
        _write(json.dumps([to_dict(r) for r in records], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        _write("".join(json.dumps(to_dict(r), ensure_ascii=False) + "\n" for r in records))
    elif fmt == "csv":
        _write(to_csv(to_dict(r) for r in records))
    else:
        table = Table(title=plain(title) if title else None, title_justify="left", expand=False, show_lines=False)
        for header, _ in columns:
            table.add_column(header, overflow="fold", no_wrap=header in NO_WRAP, min_width=MIN_WIDTH.get(header))
        for record in records:
            table.add_row(*(_cell(getter(record)) for _, getter in columns))
        console.print(table)


def emit_one(record: Any) -> None:
    """One record as a JSON object (``show``, ``stats``)."""
    _write(json.dumps(to_dict(record), ensure_ascii=False, indent=2) + "\n")


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Flat CSV: lists of names joined with '; ', anything nested as JSON."""
    out = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        flat = {key: _flat(value) for key, value in row.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat), lineterminator="\n")
            writer.writeheader()
        writer.writerow(flat)
    return out.getvalue()


def highlighted(snippet: str, spans: list[Span]) -> Text:
    text = plain(snippet, "dim", lines=True)  # an excerpt of the text, its paragraphs kept
    for span in spans:
        text.stylize("bold yellow not dim", span.start, span.end)
    return text


def legend() -> Text:
    parts: list[Text | str] = [Text("marks: ", style="dim")]
    for kind in ("PERSON", "ORG", "GPE", "NORP"):
        parts += [Text(kind.lower(), style=KIND_STYLES[kind]), " "]
    parts += [Text("quote", style="italic"), Text(" ⟨speaker · cue⟩", style="dim magenta"), " ",
              Text("time", style="underline"), Text(" [value]", style="dim yellow"), " ",
              Text("he", style=KIND_STYLES["PRON"]), Text("→resolved", style="dim cyan"), " ",
              Text("not body ⟨caption⟩", style="dim")]  # fmt: skip
    return Text.assemble(*parts)


def paragraphs(article: Article, found: Annotations | None) -> list[Text]:
    """The article's paragraphs; with annotations, entities coloured, quotes in italics, times underlined, and
    small labels saying who speaks, whom a pronoun means and what a time resolves to."""
    styles: list[tuple[int, int, str]] = []
    labels: list[tuple[int, Text]] = []
    if found is not None:
        names = {e.id: e.name for e in found.entities}
        for quote in found.quotes:
            styles.append((quote.start, quote.end, "italic"))
            who = (quote.speaker.name or quote.speaker.text) if quote.speaker else "?"
            cue = f" · {quote.cue.text}" if quote.cue else ""
            labels.append((quote.end, plain(f" ⟨{who}{cue}⟩", "dim magenta")))
        for mention in found.mentions:
            styles.append((mention.start, mention.end, KIND_STYLES.get(mention.kind, "bold")))
            if mention.kind in ("PRON", "NOM") and mention.entity_id in names:
                labels.append((mention.end, plain(f"→{names[mention.entity_id]}", "dim cyan")))
        for time in found.times:
            styles.append((time.start, time.end, "underline"))
            labels.append((time.end, plain(f" [{time.value}]", "dim yellow")))
        for region in found.layout:  # not body: shown dimmed, with its role, and never read for quotes or events
            styles.append((region.start, region.end, "dim"))
            labels.append((region.end, plain(f" ⟨{region.role}⟩", "dim")))
    return [_paragraph(article.text, p, styles, labels) for p in article.paragraphs]


def _paragraph(text: str, span: Span, styles: list[tuple[int, int, str]], labels: list[tuple[int, Text]]) -> Text:
    body = plain(text[span.start : span.end], lines=True)
    for start, end, style in styles:
        if start < span.end and end > span.start:
            body.stylize(style, max(start, span.start) - span.start, min(end, span.end) - span.start)
    inside = sorted(
        ((pos - span.start, label) for pos, label in labels if span.start < pos <= span.end), key=lambda x: x[0]
    )
    if not inside:
        return body
    pieces = body.divide(pos for pos, _ in inside)
    out = Text()
    for index, piece in enumerate(pieces):
        out.append_text(piece)
        if index < len(inside):
            out.append_text(inside[index][1])
    return out


def short_date(value: date | None) -> str:
    return dates.to_iso(value)[:10] if value else ""  # type: ignore[index]


def _flat(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(value: Any) -> Text:
    if isinstance(value, Text):
        return value
    if value is None:
        return Text()
    if isinstance(value, list):
        return plain(", ".join(str(v) for v in value))
    return plain(value)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
