"""Turning the raw fields readers find into Article fields, the same way for every format."""

from __future__ import annotations

import re
from typing import Any

from ..dates import parse_timestamp, to_iso
from ..decoding import Decoded, line_ends, shows_text
from ..errors import DateError, InputError
from ..model import Article, Timestamp, paragraph_spans

# Separators without the white space around them (each name is trimmed after): a pattern that starts with \s*
# tries every position of a long run of spaces to its end, which is quadratic.
_AUTHOR_SPLIT = re.compile(r";|,(?:\s*and(?=\s))?|(?<=\s)and(?=\s)|&", re.I)
_BY = re.compile(r"^\s*by\s+", re.I)
# Scrapers leave page furniture in bylines ("Published 9:14 A.M. ET Feb.", "More Stories Jane Doe")
_NOT_A_NAME = re.compile(r"^(?:published|updated|posted|image|photo)\b|^\W*$", re.I)
_FURNITURE = re.compile(r"^more stories\s+", re.I)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def article(text: str, source: str, format: str, decoded: Decoded | None = None, **fields: Any) -> Article:
    """An Article with ``text`` as given, short of what UTF-8 cannot hold and with line ends as \\n, and a
    paragraph for each line. Readers that take text out of markup lay it out first (``paragraphs_text``); a
    text the user wrote (a JSON or CSV field) is kept, so that offsets into it hold in the user's own copy."""
    if not shows_text(text):
        raise InputError(source, "no article text")
    text = line_ends(storable(text))
    warnings: list[str] = list(fields.pop("warnings", []))
    if decoded is not None and decoded.guessed:
        warnings.append(f"not valid UTF-8: read as {decoded.encoding}")
    fields = {name: _storable_strings(value) for name, value in fields.items()}
    title = fields.pop("title", None)
    return Article(
        text=text,
        source=source,
        format=format,
        title=" ".join(title.split()) if isinstance(title, str) and title.strip() else None,
        paragraphs=paragraph_spans(text),
        warnings=warnings,
        **fields,
    )


def storable(value: str) -> str:
    """``value`` without what UTF-8 cannot hold: JSON escapes (``\\ud800``) and character references can give
    lone surrogates, which become U+FFFD as undecodable bytes do, and NULs, which are dropped as decoding drops
    them."""
    return _UNSTORABLE.sub(lambda found: "" if found.group() == "\x00" else "\ufffd", value)


def _storable_strings(value: Any) -> Any:
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, list):
        return [_storable_strings(item) for item in value]
    return value


def paragraphs_text(raw: str) -> str:
    """One paragraph per line, inner runs of whitespace collapsed, blank lines dropped."""
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def timestamp(value: Any, field: str, warnings: list[str]) -> Timestamp | None:
    """A date field read with dates.parse_timestamp; a bad one becomes a warning, never a failure."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_timestamp(str(value))
    except DateError as error:
        if error.date_only is not None:
            warnings.append(f"{field}: {error.reason}; stored the date {to_iso(error.date_only)} without the time")
            return error.date_only
        warnings.append(f"{field}: cannot read {str(value)!r} ({error.reason}); stored without it")
        return None


def authors(value: Any) -> list[str]:
    """Author names from a list or a byline string ("A, B and C"; "By A; B")."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        for name in _AUTHOR_SPLIT.split(_BY.sub("", item)):
            name = _FURNITURE.sub("", " ".join(name.split()))
            if name and not _NOT_A_NAME.match(name) and name not in names:
                names.append(name)
    return names


def text_or_none(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None
