"""Partitions: the documents of an input in groups another process reads by itself (a Dask ingest). A file goes
by its path, so workers must see the same paths (one machine, or a shared mount); a long JSON Lines or WARC file
goes as slices cut where a line or record starts; an archive member or stdin can only be read as a stream, so
its bytes are read here and go with it. Every piece is read by the same readers, and names its articles as a
whole read does."""

from __future__ import annotations

import codecs
import io
import os
import re
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from typing import BinaryIO, cast

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputError
from ..model import Problem
from .document import Document
from .paths import documents

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson", ".jl")  # files the JSON reader reads line by line, whatever they hold
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")


def partitions(
    paths: list[str | tuple[str, bytes]], max_bytes: int, target_bytes: int
) -> Iterator[list[Document | Problem]]:
    """The documents of ``documents(paths)`` in the same order, in groups of about ``target_bytes``, each piece
    one another process can open; the problems met on the way in their place."""
    group: list[Document | Problem] = []
    size = 0
    for document in documents(paths, max_bytes):
        for piece, piece_size in _pieces(document, target_bytes):
            group.append(piece)
            size += piece_size
            if size >= target_bytes:
                yield group
                group, size = [], 0
    if group:
        yield group


def _pieces(document: Document | Problem, target_bytes: int) -> Iterator[tuple[Document | Problem, int]]:
    if isinstance(document, Problem):
        yield document, 0
    elif document.path is None:
        yield _carried(document)
    else:
        yield from _slices(document, document.path, target_bytes)


def _carried(document: Document) -> tuple[Document | Problem, int]:
    """A document that has no path of its own (an archive member, stdin), with its bytes."""
    try:
        document.head()  # the check a reader makes first, so a broken member reports what it would locally
        data = document.read()
    except InputError as error:
        return Problem(error.source, error.message), 0
    opener = cast(Callable[[], BinaryIO], partial(io.BytesIO, data))
    return Document(document.name, opener, document.max_bytes), len(data)


def _slices(document: Document, path: str, target_bytes: int) -> Iterator[tuple[Document, int]]:
    """A file as it is, or in slices of about ``target_bytes`` when it is a long JSON Lines or WARC file."""
    try:
        size = os.path.getsize(path)
        head = document.head()
    except (OSError, InputError):
        yield document, 0  # the reader meets the same error and reports it
        return
    # A file document with a gzip head is a WARC: other compressed files are opened through a decompressor.
    warc = head.startswith((b"WARC/", b"\x1f\x8b"))
    cuts = [(0, 1)]
    if size > target_bytes and warc:
        cuts = _record_starts(path, target_bytes)
    elif size > target_bytes and path.lower().endswith(JSON_LINES_SUFFIXES) and size <= document.max_bytes:
        cuts = _line_starts(path, target_bytes)
    if len(cuts) == 1:
        yield document, size
        return
    ends = [start for start, _ in cuts[1:]] + [size]
    for (start, first), end in zip(cuts, ends, strict=True):
        if warc:
            opener = cast(Callable[[], BinaryIO], partial(_Window, path, start, end))
            yield Document(document.name, opener, document.max_bytes, first_record=first), end - start
        else:
            opener = cast(Callable[[], BinaryIO], partial(_lines_from, path, start, end, first))
            yield Document(document.name, opener, document.max_bytes), end - start


def _record_starts(path: str, target_bytes: int) -> list[tuple[int, int]]:
    """(offset, record number) of a WARC record about every ``target_bytes``; a damaged archive is cut only
    before the damage, and the reader reports the break as it does in a whole read."""
    cuts = [(0, 1)]
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for number, _ in enumerate(records, start=1):
                offset = records.get_record_offset()
                if offset - cuts[-1][0] >= target_bytes and _record_at(path, offset):
                    cuts.append((offset, number))
        except Exception:  # warcio fails on damaged bytes with many types; what was listed before still holds
            pass
    return cuts


def _record_at(path: str, offset: int) -> bool:
    """Whether a WARC record starts at ``offset``: a gzipped WARC can only be cut between gzip members."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        head = stream.read(512)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 5)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _line_starts(path: str, target_bytes: int) -> list[tuple[int, int]]:
    """(offset, line number) of a line about every ``target_bytes``, each where a JSON object starts; none when a
    slice might not decode, or be recognised, as the whole file is (not UTF-8, control bytes, bare CRs)."""
    with open(path, "rb") as stream:
        data = stream.read()
    body = data.removeprefix(codecs.BOM_UTF8)
    cuts = [(0, 1)]
    if body.lstrip()[:1] not in (b"{", b"[") or _CONTROL_BYTES.search(body):
        return cuts
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return cuts
    line, start = 1, 0
    while (start := data.find(b"\n", start) + 1) > 0:
        line += 1
        if start - cuts[-1][0] >= target_bytes and data.startswith(b"{", start):
            cuts.append((start, line))
    return cuts


def _lines_from(path: str, start: int, end: int, first_line: int) -> BinaryIO:
    """Lines ``start`` to ``end`` of a JSON Lines file. The lines before them come as empty lines, which the reader
    counts and passes over, so each record keeps its line number in its name (news.jsonl:1234)."""
    with _Window(path, start, end) as window:
        return io.BytesIO(b"\n" * (first_line - 1) + window.read())


class _Window:
    """Bytes ``start`` to ``end`` of a file, read as a stream of their own."""

    def __init__(self, path: str, start: int, end: int) -> None:
        self.stream = open(path, "rb")  # noqa: SIM115 - closed on __exit__, like the file it stands for
        self.stream.seek(start)
        self.left = end - start

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(self.left if size < 0 else min(size, self.left))
        self.left -= len(data)
        return data

    def __enter__(self) -> _Window:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()
