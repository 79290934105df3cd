"""CSV and TSV exports: a header row naming the columns, then one article per row.

The header must name a text column; the other columns are found by the same names the JSON reader uses, in any
case. Rows are named by the line they start on (``export.csv:12``). A bad row is reported and skipped, and
reading resumes on the line after its start, so one stray quote costs one row instead of the rest of the file.
A one-line row whose quote marks are out of place is read as a lenient reader reads it, with a warning.
"""

from __future__ import annotations

import csv
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from itertools import islice

from ..decoding import Decoded, shows_text
from ..errors import InputError
from ..model import Article, Problem
from . import fields, jsonl

DELIMITERS = (",", "\t", ";")
# The default limit (128 KiB a field) is shorter than some articles.
csv.field_size_limit(256 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class Layout:
    delimiter: str
    header: list[str]  # as written in the file
    text_column: int

    @property
    def keys(self) -> list[str]:
        return [name.strip().lower() for name in self.header]


def sniff(text: str, name: str) -> bool:
    layout = layout_of(text)
    if layout is None:
        return False
    # Prose can start "Text, photos and video": a real header is followed by rows as wide as itself.
    rows = _rows(text.split("\n"), layout.delimiter, len(layout.header))
    first_row = next((row.cells for row in rows if row.cells), None)
    return first_row is None or len(first_row) == len(layout.header)


def layout_of(text: str) -> Layout | None:
    """The delimiter and columns of the header line, if it has a delimiter and names a text column."""
    first_line = text.split("\n", 1)[0]
    best: Layout | None = None
    for delimiter in DELIMITERS:
        if delimiter not in first_line:
            continue
        header = next(csv.reader([first_line], delimiter=delimiter))
        keys = [name.strip().lower() for name in header]
        text_column = next((keys.index(k.lower()) for k in jsonl.TEXT_KEYS if k.lower() in keys), None)
        if text_column is not None and (best is None or len(header) > len(best.header)):
            best = Layout(delimiter, header, text_column)
    return best


def read(source: str, decoded: Decoded) -> Iterator[Article | Problem]:
    layout = layout_of(decoded.text)
    if layout is None:
        raise InputError(source, f"no header row naming a text column ({', '.join(jsonl.TEXT_KEYS[:3])} ...)")
    width = len(layout.header)
    rows = 0
    for row in _rows(decoded.text.split("\n"), layout.delimiter, width):
        where = f"{source}:{row.line}"
        rows += bool(row.cells or row.error)
        if row.error:
            yield Problem(where, f"{row.error}; skipped")
        elif row.cells and len(row.cells) != width:
            yield Problem(where, f"expected {width} fields, found {len(row.cells)}; skipped")
        elif row.cells:
            yield _article(row, layout, where, decoded)
    if rows == 0:
        raise InputError(source, "CSV file with a header row and no rows")


@dataclass(frozen=True, slots=True)
class _Row:
    line: int  # the line number it starts on
    cells: list[str]  # none for a blank line or a bad row
    error: str | None = None  # why the row is skipped
    quoting: str | None = None  # what a strict CSV reader finds wrong with its quote marks


def _rows(lines: list[str], delimiter: str, width: int) -> Iterator[_Row]:
    """Each row after the header, or where csv cannot parse one, why."""
    start: int | None = 1
    while start is not None:
        start = yield from _rows_from(lines, start, delimiter, width)


def _rows_from(lines: list[str], start: int, delimiter: str, width: int) -> Generator[_Row, None, int | None]:
    """Rows from line index ``start`` on, until the end (returns None) or a bad row (returns where to start again).

    A row spanning several lines has most likely swallowed the rows after it through an unbalanced quote when it
    is of the wrong width or its quote marks are out of place: parsing starts again on the line after its first.
    Blank lines come as empty rows.
    """
    reader = csv.reader((line + "\n" for line in islice(lines, start, None)), delimiter=delimiter)
    while True:
        first = start + reader.line_num  # index of the row's first line; its line number is one more
        try:
            cells = next(reader)
        except StopIteration:
            return None
        except csv.Error as error:
            yield _Row(first + 1, [], error=f"malformed row ({error})")
            return first + 1
        end = start + reader.line_num
        quoting = _quoting(lines[first:end], delimiter)
        if end - first > 1 and quoting is not None:
            yield _Row(first + 1, [], error=f"unbalanced quote marks ({quoting})")
            return first + 1
        yield _Row(first + 1, cells, quoting=quoting)
        if cells and len(cells) != width and end - first > 1:
            return first + 1


def _quoting(lines: list[str], delimiter: str) -> str | None:
    """What a strict CSV reader finds wrong with the quote marks of the row on ``lines``: the lenient one drops
    quote marks after a closing one and lets an unclosed one run to the end of the file."""
    if not any('"' in line for line in lines):
        return None
    try:
        next(csv.reader((line + "\n" for line in lines), delimiter=delimiter, strict=True), None)
    except csv.Error as error:
        return str(error)
    return None


def _article(row: _Row, layout: Layout, where: str, decoded: Decoded) -> Article | Problem:
    body = row.cells[layout.text_column]
    if not shows_text(body):
        return Problem(where, f"no text in column {layout.header[layout.text_column].strip()!r}; skipped")
    record = dict(zip(layout.keys, row.cells, strict=True))
    warnings: list[str] = []
    if row.quoting is not None:
        warnings.append(f"unbalanced quote marks ({row.quoting}); read leniently, the text may differ from the file")
    return fields.article(
        body,
        where,
        "csv",
        decoded,
        title=_cell(record, jsonl.TITLE_KEYS),
        authors=fields.authors(_cell(record, jsonl.AUTHOR_KEYS)),
        outlet=_cell(record, jsonl.OUTLET_KEYS),
        url=_cell(record, jsonl.URL_KEYS),
        published=fields.timestamp(_cell(record, jsonl.PUBLISHED_KEYS), "published", warnings),
        updated=fields.timestamp(_cell(record, jsonl.UPDATED_KEYS), "updated", warnings),
        language=_cell(record, jsonl.LANGUAGE_KEYS),
        warnings=warnings,
    )


def _cell(record: dict[str, str], names: tuple[str, ...]) -> str | None:
    """The first non-empty cell among the columns ``names`` (compared in lower case)."""
    for name in names:
        value = fields.text_or_none(record.get(name.lower()))
        if value is not None:
            return value
    return None
