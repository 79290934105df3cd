"""Readers: one module per format, chosen by sniffing the content (the file name only breaks ties).

Readers are registered components (dateline.plugins; dateline's own in builtin.py). A ``Reader`` reads decoded
text: ``sniff(text, name) -> bool`` and ``read(source, decoded) -> Iterator[Article | Problem]``; an
``ArchiveReader`` streams a container of records from its bytes (WARC): ``sniff(head) -> bool`` and
``read(document)``. Archive readers are tried first, on the document's first bytes; then the text readers in
registration order (a user's before dateline's), the fallbacks last. A reader raises InputError when a whole input
is unusable and yields a Problem for one bad line or record, so the rest of the input still counts. A reader that
takes longer than the time limit to produce its next article gives up on the document with a Problem.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass

from ..config import Settings
from ..decoding import Decoded, decode
from ..errors import DatelineError, InputError
from ..inputs import Document
from ..model import Article, Problem
from ..plugins import registered
from . import timelimit


@dataclass(frozen=True, slots=True)
class Reader:
    """A text format: whether a decoded text is in it, and its articles. A ``fallback`` takes whatever no other
    reader claims (plain text), so it is tried last."""

    name: str
    sniff: Callable[[str, str], bool]  # (text, name) -> is it this format?
    read: Callable[[str, Decoded], Iterator[Article | Problem]]  # (source, decoded) -> articles and problems
    fallback: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class ArchiveReader:
    """A container format read from bytes, record by record (WARC)."""

    name: str
    sniff: Callable[[bytes], bool]  # the document's first bytes -> is it this format?
    read: Callable[[Document], Iterator[Article | Problem]]
    description: str = ""


def registered_readers() -> tuple[list[ArchiveReader], list[Reader]]:
    """The archive readers and the text readers, in the order they are tried."""
    archives: list[ArchiveReader] = []
    texts: list[Reader] = []
    for r in registered("readers"):
        if isinstance(r.component, ArchiveReader):
            archives.append(r.component)
        elif isinstance(r.component, Reader):
            texts.append(r.component)
        else:
            raise DatelineError(f"{r.origin}: dateline_readers() gave {r.component!r}, not a Reader or ArchiveReader")
    return archives, sorted(texts, key=lambda reader: reader.fallback)


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
    archives, texts = registered_readers()
    try:
        if archive := next((r for r in archives if r.sniff(document.head())), None):
            yield from archive.read(document)
            return
        decoded = decode(document.read(), document.name)
        reader = next((r for r in texts if r.sniff(decoded.text, document.name)), None)
        if reader is None:
            raise InputError(document.name, f"no reader takes it (tried {', '.join(r.name for r in texts)})")
        yield from reader.read(document.name, decoded)
    except InputError as error:
        yield Problem(error.source, error.message)
