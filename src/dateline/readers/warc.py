"""WARC archives (Common Crawl News): one article per HTML response, streamed with warcio.

WARC files are large, so they are read record by record and the size cap applies to each page. Requests,
metadata, warcinfo and non-HTML or non-2xx responses are not articles and are passed over quietly. Records are
numbered from 1 in their source name (``news.warc.gz#7``). A truncated or corrupt archive yields the articles
before the break, then one Problem.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..decoding import decode
from ..errors import InputError
from ..inputs import Document
from ..model import Article, Problem
from . import html

MAGIC = b"WARC/"
_DRAIN_BYTES = 1024 * 1024


class _Counted:
    """A stream that counts what is read from it, to tell a clean end of the archive from bytes left unparsed."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count


class _Broken(Exception):
    """The archive stops making sense after ``records`` whole records."""

    def __init__(self, records: int) -> None:
        super().__init__(records)
        self.records = records


def sniff(head: bytes) -> bool:
    if head.startswith(MAGIC):
        return True
    if not head.startswith(b"\x1f\x8b"):
        return False
    try:
        # A decompressor object, unlike gzip.decompress, gives what it can of a head cut mid-stream.
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, len(MAGIC)).startswith(MAGIC)
    except zlib.error:
        return False


def read(document: Document) -> Iterator[Article | Problem]:
    try:
        with document.opener() as raw:
            yield from _records(document, _Counted(raw))
    except _Broken as broken:
        message = f"truncated or corrupt WARC after {broken.records} records; records before the break were read"
        yield Problem(document.name, message)
    except OSError as error:
        yield Problem(document.name, f"cannot read WARC ({error})")


def _records(document: Document, raw: _Counted) -> Iterator[Article | Problem]:
    records = ArchiveIterator(raw)
    number = document.first_record - 1  # a slice of an archive goes on with the whole's numbering
    while (taken := _next(records, number, document.max_bytes)) is not None:
        number += 1
        url, body = taken
        if body is not None:
            yield _page(body, f"{document.name}#{number}", url, document.max_bytes)
    # warcio ends quietly on a cut gzip member: whatever it read past the last whole record was left unparsed.
    if raw.count > records.offset:
        raise _Broken(number)


def _next(records: ArchiveIterator, done: int, cap: int) -> tuple[str | None, bytes | None] | None:
    """The next record's target URI and, for an HTML page, up to ``cap + 1`` bytes of its body; None at the end."""
    try:
        record = next(records, None)
        if record is None:
            return None
        body = record.content_stream().read(cap + 1) if _is_html_page(record) else None
        whole = _complete(record)
    except Exception:  # warcio fails on damaged bytes with many types, AttributeError and ValueError among them
        raise _Broken(done) from None
    if not whole:
        raise _Broken(done)  # a cut page is not the article: report the break instead
    return record.rec_headers.get_header("WARC-Target-URI"), body


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    return status.startswith("2") and "html" in content_type.lower()


def _complete(record: Any) -> bool:
    """Whether the record is whole: typed, with a length, and all the bytes it promised.

    warcio hands over a record cut short, or one whose header was cut off, without complaint.
    """
    declared = record.rec_headers.get_header("Content-Length") or ""
    if record.rec_type is None or not declared.strip().isdigit():
        return False
    while record.raw_stream.read(_DRAIN_BYTES):
        pass
    return getattr(record.raw_stream, "limit", 0) == 0


def _page(body: bytes, where: str, url: str | None, cap: int) -> Article | Problem:
    named = f"{where} ({url})"
    if len(body) > cap:
        return Problem(named, f"page over the size limit of {cap / 2**20:g} MB (set --max-file-size); skipped")
    try:
        decoded = decode(body, where)
        return html.from_html(decoded.text, where, url, decoded, format="warc")
    except InputError as error:
        return Problem(named, f"{error.message}; skipped")
