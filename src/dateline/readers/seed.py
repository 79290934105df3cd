"""The plain-text layout the project started from.

date 2022-02-21 Headline
>> Author One and Author Two, Outlet          (or ">> Outlet")
Published: 21 Feb 2022 10:24 PM BdST Updated: 21 Feb 2022 10:24 PM BdST   (optional; may be a bare date)
one paragraph per line ...

The byline and the Published line may come in either order. A second one of either, and a byline without its
'>>' (a short line right before the Published line), are read with a warning, never taken for the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from ..decoding import Decoded
from ..errors import InputError
from ..model import Article, Problem
from . import fields

_DATE_LINE = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
# Split on, not matched around: a lazy value between optional runs of spaces is quadratic in a long run of them.
_TIME_LABEL = re.compile(r"\b(published|updated):", re.I)
MAX_BYLINE_CHARS = 200


@dataclass(slots=True)
class _Header:
    """The lines between the date line and the body: a byline and the times, in either order."""

    byline: str | None = None
    times: dict[str, str] = field(default_factory=dict)  # "published", "updated" -> as written
    lines: int = 1  # lines it takes, the date line included: the body starts at this index


def sniff(text: str, name: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    return bool(re.match(r"^date\s+\d{4}-\d{2}-\d{2}\b", first))


def read(source: str, decoded: Decoded) -> Iterator[Article | Problem]:
    lines = decoded.text.strip().split("\n")
    warnings: list[str] = []
    match = _DATE_LINE.match(lines[0])
    if not match:
        raise InputError(source, "first line is not 'date YYYY-MM-DD headline'")
    date_line = _date_line(match.group(1), warnings)
    header = _header(lines, warnings)
    authors, outlet = byline(header.byline or "")
    body = fields.paragraphs_text("\n".join(lines[header.lines :]))
    if not body:
        raise InputError(source, "no article text after the header lines")
    yield fields.article(
        body,
        source,
        "seed",
        decoded,
        title=match.group(2),
        authors=authors,
        outlet=outlet,
        published=fields.timestamp(header.times.get("published"), "published", warnings) or date_line,
        updated=fields.timestamp(header.times.get("updated"), "updated", warnings),
        date_line=date_line,
        warnings=warnings,
    )


def _header(lines: list[str], warnings: list[str]) -> _Header:
    """The '>>' byline and the 'Published:' line after the date line, in either order, blank lines between them
    skipped; a second one of either is warned about and left out, never taken for the body."""
    header = _Header()
    if _unmarked_byline(lines):
        header.byline, header.lines = lines[1], 2
        warnings.append("header: the line before 'Published:' has no '>>'; read it as the byline")
    for line in (line.strip() for line in lines[header.lines :]):
        if line.startswith(">>"):
            if header.byline is None:
                header.byline = line[2:]
            else:
                warnings.append(f"header: another '>>' line ({line!r}); kept the first")
        elif _is_times(line):
            for label, value in _times(line):
                if label in header.times:
                    warnings.append(f"header: another {label} time ({value!r}); kept the first")
                else:
                    header.times[label] = value
        elif line:
            break
        header.lines += 1
    return header


def _unmarked_byline(lines: list[str]) -> bool:
    """A short line that is not a header line, between the date line and a 'Published:' line: a byline whose
    '>>' was left out."""
    if len(lines) < 3 or not _is_times(lines[2].strip()):
        return False
    line = lines[1].strip()
    return bool(line) and len(line) <= MAX_BYLINE_CHARS and not line.startswith(">>") and not _is_times(line)


def _is_times(line: str) -> bool:
    return line[:10].lower().startswith(("published:", "updated:"))


def _times(line: str) -> Iterator[tuple[str, str]]:
    """('published', '21 Feb 2022 10:24 PM BdST') and ('updated', ...) from one times line."""
    parts = _TIME_LABEL.split(line)  # text before the first label, then label and value in turn
    for label, value in zip(parts[1::2], parts[2::2], strict=True):
        yield label.lower(), value.strip()


def byline(text: str) -> tuple[list[str], str | None]:
    """'A, B and C, Outlet' -> (['A', 'B', 'C'], 'Outlet'); 'Outlet' -> ([], 'Outlet')."""
    text = " ".join(text.split())
    if not text:
        return [], None
    if "," not in text:
        return [], text
    names, outlet = text.rsplit(",", 1)
    return fields.authors(names), outlet.strip() or None


def _date_line(value: str, warnings: list[str]) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        warnings.append(f"date line: {value!r} is not a YYYY-MM-DD date; stored without it")
        return None
