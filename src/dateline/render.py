"""Records to output: plain dicts for json/jsonl/csv (the contract scripts build on), Rich tables for people.

The json form of a record holds its id and every field; dates are ISO 8601 strings, spans {"start", "end"}.
"""

from __future__ import annotations

import csv
import dataclasses
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
from .model import Annotations, Article, SearchHit, Span

Format = Literal["table", "json", "jsonl", "csv"]
Column = tuple[str, Callable[[Any], Any]]
NO_WRAP = {"id", "story", "published", "first published", "article", "kind", "country", "articles", "mentions"}
MIN_WIDTH = {"name": 16, "speaker": 14, "quote": 28, "title": 20, "title · snippet": 30, "outlets": 16}
KIND_STYLES = {"PERSON": "bold cyan", "ORG": "bold magenta", "GPE": "bold green", "LOC": "green", "NORP": "yellow",
               "FAC": "blue", "EVENT": "blue", "PRON": "cyan", "NOM": "cyan"}  # fmt: skip


def to_dict(record: Any) -> Any:
    """A JSON-ready form of a record; an Article's text comes last so the metadata reads first."""
    if isinstance(record, SearchHit):
        return {**to_dict(record.article), "score": record.score, "snippet": record.snippet,
                "highlights": to_dict(record.highlights)}  # fmt: skip
    if isinstance(record, Span):
        return {"start": record.start, "end": record.end}
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        fields = {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
        if isinstance(record, Article):
            ident, text = fields.pop("id"), fields.pop("text")
            fields = {"id": ident, **fields, "text": text}
        return fields
    if isinstance(record, date):
        return dates.to_iso(record)
    if isinstance(record, dict):
        return {str(k): to_dict(v) for k, v in record.items()}
    if isinstance(record, list | tuple):
        return [to_dict(v) for v in record]
    return record


def emit(records: Sequence[Any], fmt: Format, columns: Sequence[Column], console: Console, title: str = "") -> None:
    """Print ``records`` in ``fmt``; ``columns`` say what the table shows."""
    if fmt == "json":
        _write(json.dumps([to_dict(r) for r in records], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        _write("".join(json.dumps(to_dict(r), ensure_ascii=False) + "\n" for r in records))
    elif fmt == "csv":
        _write(to_csv(to_dict(r) for r in records))
    else:
        table = Table(title=title or None, title_justify="left", expand=False, show_lines=False)
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
    text = Text(snippet, style="dim")
    for span in spans:
        text.stylize("bold yellow not dim", span.start, span.end)
    return text


def legend() -> Text:
    parts: list[Text | str] = [Text("marks: ", style="dim")]
    for kind in ("PERSON", "ORG", "GPE", "NORP"):
        parts += [Text(kind.lower(), style=KIND_STYLES[kind]), " "]
    parts += [Text("quote", style="italic"), Text(" ⟨speaker · cue⟩", style="dim magenta"), " ",
              Text("time", style="underline"), Text(" [value]", style="dim yellow"), " ",
              Text("he", style=KIND_STYLES["PRON"]), Text("→resolved", style="dim cyan")]  # fmt: skip
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
            labels.append((quote.end, Text(f" ⟨{who}{cue}⟩", style="dim magenta")))
        for mention in found.mentions:
            styles.append((mention.start, mention.end, KIND_STYLES.get(mention.kind, "bold")))
            if mention.kind in ("PRON", "NOM") and mention.entity_id in names:
                labels.append((mention.end, Text(f"→{names[mention.entity_id]}", style="dim cyan")))
        for time in found.times:
            styles.append((time.start, time.end, "underline"))
            labels.append((time.end, Text(f" [{time.value}]", style="dim yellow")))
    return [_paragraph(article.text, p, styles, labels) for p in article.paragraphs]


def _paragraph(text: str, span: Span, styles: list[tuple[int, int, str]], labels: list[tuple[int, Text]]) -> Text:
    body = Text(text[span.start : span.end])
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


def _cell(value: Any) -> Text | str:
    if isinstance(value, Text):
        return value
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
