"""Readers: one module per format, chosen by sniffing the content (the file name only breaks ties).

Every text reader has ``sniff(text, name) -> bool`` and ``read(source, decoded) -> Iterator[Article | Problem]``;
WARC archives are streamed by ``warc.read(document)``. A reader raises InputError when a whole input is
unusable and yields a Problem for one bad line or record, so the rest of the input still counts. A reader that
takes longer than the time limit to produce its next article gives up on the document with a Problem.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from types import ModuleType

from ..config import Settings
from ..decoding import decode
from ..errors import InputError
from ..inputs import Document
from ..model import Article, Problem
from . import csvfile, feed, html, jsonl, seed, text, timelimit, warc

TEXT_READERS: list[ModuleType] = [seed, jsonl, feed, html, csvfile, text]


def read(document: Document, max_seconds: float = Settings().max_read_seconds) -> Iterator[Article | Problem]:
    """Articles and problems from one document; never raises for bad input, and never spends more than
    ``max_seconds`` on one article (or problem) of it."""
    items = _read(document)
    done = 0
    while True:
        try:
            with timelimit.limit(max_seconds):
                item = next(items, None)
        except timelimit.Overtime:
            items.close()
            message = f"no article after {max_seconds:g} s of reading, gave up on it; {done} read before"
            yield Problem(document.name, f"{message} (set DATELINE_MAX_READ_SECONDS)")
            return
        if item is None:
            return
        done += isinstance(item, Article)
        yield item


def _read(document: Document) -> Generator[Article | Problem, None, None]:
    try:
        if warc.sniff(document.head()):
            yield from warc.read(document)
            return
        decoded = decode(document.read(), document.name)
        reader = next(r for r in TEXT_READERS if r.sniff(decoded.text, document.name))
        yield from reader.read(document.name, decoded)
    except InputError as error:
        yield Problem(error.source, error.message)
