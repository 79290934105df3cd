"""RSS, Atom and RDF feeds, read with feedparser: one article per entry, the feed's title as the outlet.

Entries are numbered from 1 in their source name (``feed.xml#3``). An entry with neither content nor summary is
reported and skipped; a feed with no entries at all is an error.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from ..decoding import Decoded, shows_text
from ..errors import InputError
from ..model import Article, Problem
from . import fields
from .html import fragment_text, root_name

FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
# The text is already decoded: this header makes feedparser trust that over the file's own encoding declaration.
_UTF8 = {"content-type": "application/xml; charset=utf-8"}
# RSS 2.0's <author> is "email (Name)"; feedparser splits it wrongly when the domain's last label is long.
_EMAIL_AND_NAME = re.compile(r"^\s*[^\s@]+@[^\s(]+\s*\((?P<name>[^)]+)\)\s*$")  # [^\s(]: linear on "a@b((((…"
# A numeric reference to no character (a surrogate, NUL, past U+10FFFF) makes feedparser raise, losing the feed:
# such a reference reads as U+FFFD, as browsers read it.
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def sniff(text: str, name: str) -> bool:
    return root_name(text) in FEED_ROOTS


def read(source: str, decoded: Decoded) -> Iterator[Article | Problem]:
    markup = _NUMERIC_REFERENCE.sub(_character_or_replacement, decoded.text)
    try:
        parsed = feedparser.parse(io.BytesIO(markup.encode("utf-8")), response_headers=_UTF8)
    except ValueError as error:  # feedparser's lenient fallback parser has failed on broken markup this way
        raise InputError(source, f"not a readable feed ({error})") from None
    if not parsed.entries:
        if parsed.bozo:
            raise InputError(source, f"not a readable feed ({parsed.get('bozo_exception')})")
        raise InputError(source, "feed with no entries")
    if parsed.bozo:
        reason = parsed.get("bozo_exception")
        yield Problem(source, f"not well-formed XML ({reason}); read the entries feedparser recovered", "warning")
    outlet = fields.text_or_none(_plain(parsed.feed.get("title_detail")))
    language = fields.text_or_none(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry(entry, f"{source}#{number}", outlet, language, decoded)


def _character_or_replacement(reference: re.Match[str]) -> str:
    hexadecimal, decimal = reference.groups()
    digits = (hexadecimal or decimal).lstrip("0")
    # More than 8 digits is past U+10FFFF in either base, and int() refuses thousands of them.
    code = int(digits or "0", 16 if hexadecimal else 10) if len(digits) <= 8 else -1
    return reference.group() if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "&#xFFFD;"


def _entry(entry: Any, where: str, outlet: str | None, language: str | None, decoded: Decoded) -> Article | Problem:
    contents = entry.get("content") or []
    body = _plain(contents[0] if contents else entry.get("summary_detail"))
    if not shows_text(body):
        return Problem(where, "feed entry with no content or summary; skipped")
    # dict.get, because feedparser's own get answers a missing "updated" with "published" (and a warning).
    stated_published, stated_updated = dict.get(entry, "published"), dict.get(entry, "updated")
    # Atom entries often carry only <updated>; that is then the best publication time there is.
    published = stated_published or stated_updated
    updated = stated_updated if stated_published else None
    warnings: list[str] = []
    return fields.article(
        body,
        where,
        "feed",
        decoded,
        title=_plain(entry.get("title_detail")),
        authors=_authors(entry),
        outlet=outlet,
        url=fields.text_or_none(entry.get("link")),
        published=fields.timestamp(published, "published", warnings),
        updated=fields.timestamp(updated, "updated", warnings),
        language=language,
        warnings=warnings,
    )


def _plain(detail: Any) -> str:
    """Text of a feedparser text construct, which may be HTML or plain text."""
    if not detail or not isinstance(detail.get("value"), str):
        return ""
    if "html" in (detail.get("type") or ""):
        return fragment_text(detail["value"])
    return fields.paragraphs_text(detail["value"])


def _authors(entry: Any) -> list[str]:
    email_and_name = _EMAIL_AND_NAME.match(entry.get("author") or "")
    if email_and_name:
        return fields.authors(email_and_name.group("name"))
    names = [a.get("name") for a in entry.get("authors") or [] if "@" not in (a.get("name") or "@")]
    return fields.authors(names)
