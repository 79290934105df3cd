"""JSON and JSON Lines in the news-please layout, and the close variants scrapers write.

A file holding one JSON value (an object, or a list of objects) is read whole; otherwise each line is one
record. A bad line or a record without text is reported by its line number and the rest are read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from ..decoding import Decoded
from ..errors import InputError
from ..inputs import JSON_LINES_SUFFIXES
from ..model import Article, Problem
from . import fields

TEXT_KEYS = ("maintext", "text", "body", "content", "article", "articleBody")
TITLE_KEYS = ("title", "headline")
AUTHOR_KEYS = ("authors", "author", "byline")
PUBLISHED_KEYS = ("date_publish", "published", "date", "datePublished", "publish_date", "pubDate", "published_at")
UPDATED_KEYS = ("date_modify", "modified", "updated", "dateModified", "updated_at")
URL_KEYS = ("url", "link", "source_url")
OUTLET_KEYS = ("outlet", "source", "publisher", "site_name", "sitename", "source_domain")
LANGUAGE_KEYS = ("language", "lang")
# The one ValueError json raises that is not a JSONDecodeError: Python refuses to read longer integers.
_TOO_LONG_A_NUMBER = f"a number with more than {sys.get_int_max_str_digits()} digits, which Python does not read"


def sniff(text: str, name: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def read(source: str, decoded: Decoded) -> Iterator[Article | Problem]:
    text = decoded.text
    if source.lower().endswith(JSON_LINES_SUFFIXES):
        yield from _lines(text, source, decoded)
        return
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    except ValueError:
        raise InputError(source, _TOO_LONG_A_NUMBER) from None
    except RecursionError:
        raise InputError(source, "JSON nested too deeply") from None
    if isinstance(whole, list):
        for index, record in enumerate(whole):
            yield from _record(record, f"{source}[{index}]", decoded)
    elif isinstance(whole, dict):
        yield from _record(whole, source, decoded)
    else:
        yield from _lines(text, source, decoded)


def _lines(text: str, source: str, decoded: Decoded) -> Iterator[Article | Problem]:
    for number, line in enumerate(_each_line(text), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(where, f"malformed JSON line ({error.msg} at column {error.colno}); skipped")
            continue
        except ValueError:
            yield Problem(where, f"{_TOO_LONG_A_NUMBER}; skipped")
            continue
        except RecursionError:
            yield Problem(where, "JSON nested too deeply; skipped")
            continue
        yield from _record(record, where, decoded)


def _each_line(text: str) -> Iterator[str]:
    """Lines one at a time: a 50 MB file is not copied into a list of lines first."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end]
        start = end + 1


def _record(record: Any, where: str, decoded: Decoded) -> Iterator[Article | Problem]:
    if not isinstance(record, dict):
        yield Problem(where, f"expected a JSON object, found {type(record).__name__}; skipped")
        return
    body = _first(record, TEXT_KEYS)
    if not isinstance(body, str) or not body.strip():
        yield Problem(where, f"no text (looked for {', '.join(TEXT_KEYS[:3])}); skipped")
        return
    warnings: list[str] = []
    try:
        yield fields.article(
            body,
            where,
            "json",
            decoded,
            title=fields.text_or_none(_first(record, TITLE_KEYS)),
            authors=fields.authors(_first(record, AUTHOR_KEYS)),
            outlet=fields.text_or_none(_first(record, OUTLET_KEYS)),
            url=fields.text_or_none(_first(record, URL_KEYS)),
            published=fields.timestamp(_first(record, PUBLISHED_KEYS), "published", warnings),
            updated=fields.timestamp(_first(record, UPDATED_KEYS), "updated", warnings),
            language=fields.text_or_none(_first(record, LANGUAGE_KEYS)),
            warnings=warnings,
        )
    except InputError as error:
        yield Problem(error.source, error.message)


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None
