"""Readers: one module per format, chosen by sniffing the content (the file name only breaks ties).

Every text reader has ``sniff(text, name) -> bool`` and ``read(source, decoded) -> Iterator[Article | Problem]``;
WARC archives are streamed by ``warc.read(document)``. A reader raises InputError when a whole input is
unusable and yields a Problem for one bad line or record, so the rest of the input still counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

from ..decoding import decode
from ..errors import InputError
from ..inputs import Document
from ..model import Article, Problem
from . import csvfile, feed, html, jsonl, seed, text, warc

TEXT_READERS: list[ModuleType] = [seed, jsonl, feed, html, csvfile, text]


def read(document: Document) -> Iterator[Article | Problem]:
    """Articles and problems from one document; never raises for bad input."""
    try:
        if warc.sniff(document.head()):
            yield from warc.read(document)
            return
        decoded = decode(document.read(), document.name)
        reader = next(r for r in TEXT_READERS if r.sniff(decoded.text, document.name))
        yield from reader.read(document.name, decoded)
    except InputError as error:
        yield Problem(error.source, error.message)
