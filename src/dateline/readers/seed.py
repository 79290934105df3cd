"""The plain-text layout the project started from.

date 2022-02-21 Headline
>> Author One and Author Two, Outlet          (or ">> Outlet")
Published: 21 Feb 2022 10:24 PM BdST Updated: 21 Feb 2022 10:24 PM BdST   (optional; may be a bare date)
one paragraph per line ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..decoding import Decoded
from ..errors import InputError
from ..model import Article, Problem
from . import fields

_DATE_LINE = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
_PUBLISHED = re.compile(r"^\s*Published:\s*(?P<published>.*?)\s*(?:Updated:\s*(?P<updated>.*?)\s*)?$", re.I)


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
    title = match.group(2)
    body_start = 1
    authors: list[str] = []
    outlet = None
    if len(lines) > body_start and lines[body_start].startswith(">>"):
        authors, outlet = byline(lines[body_start][2:])
        body_start += 1
    published = updated = None
    if len(lines) > body_start and (header := _PUBLISHED.match(lines[body_start])):
        published = fields.timestamp(header.group("published"), "published", warnings)
        updated = fields.timestamp(header.group("updated"), "updated", warnings)
        body_start += 1
    body = "\n".join(lines[body_start:])
    if not body.strip():
        raise InputError(source, "no article text after the header lines")
    yield fields.article(
        body,
        source,
        "seed",
        decoded,
        title=title,
        authors=authors,
        outlet=outlet,
        published=published or date_line,
        updated=updated,
        date_line=date_line,
        warnings=warnings,
    )


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
