"""Paths in, documents out: files, folders (recursive), .zip, .gz, .tar(.gz|.bz2|.xz) and stdin.

A Document is one unit a reader parses: a file, an archive member, or stdin. Containers are recognised by
their magic bytes, not their names. Every document is read under a size cap (after decompression), which
also stops zip bombs; a container that breaks half-way yields what it held before the break, then a Problem.

For a distributed ingest, ``partitions`` groups the same documents into pieces another process can open by
itself: files by their path, long JSON Lines and WARC files cut at record boundaries, archive members and stdin
by their bytes.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import os
import re
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO, cast

from warcio.archiveiterator import ArchiveIterator

from .errors import InputError
from .model import Problem

HEAD_BYTES = 64 * 1024
_ENCRYPTED = 0x1  # the zip general-purpose flag bit of an encrypted member
MAX_NESTING = 3
# What the standard library raises on damaged archives: zipfile alone raises ValueError (a negative seek) and
# NotImplementedError (a compression method a flipped bit made up) besides BadZipFile.
_CORRUPT = (
    EOFError, OSError, ValueError, NotImplementedError, zlib.error, lzma.LZMAError, tarfile.TarError,
    zipfile.BadZipFile,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    opener: Callable[[], AbstractContextManager[BinaryIO]]
    max_bytes: int
    path: str | None = None  # the file on disk when the document is one read straight from it
    first_record: int = 1  # a slice of a WARC file numbers its records from here, as a whole read does

    def read(self) -> bytes:
        """The whole content, or InputError when it is over the cap or its compression is broken."""
        try:
            with self.opener() as stream:
                data = stream.read(self.max_bytes + 1)
        except _CORRUPT as error:
            raise InputError(self.name, f"truncated or corrupt compressed data ({error})") from None
        if len(data) > self.max_bytes:
            raise InputError(self.name, f"over the size limit of {_megabytes(self.max_bytes)} (set --max-file-size)")
        return data

    def head(self) -> bytes:
        try:
            with self.opener() as stream:
                return stream.read(HEAD_BYTES)
        except _CORRUPT as error:
            raise InputError(self.name, f"truncated or corrupt compressed data ({error})") from None


def documents(paths: list[str | tuple[str, bytes]], max_bytes: int) -> Iterator[Document | Problem]:
    """Every document under ``paths`` in a stable order; ``-`` is standard input, a (name, content) pair a file
    that came without a path (an upload), read like one."""
    for path in paths:
        if isinstance(path, tuple):
            yield from _bytes(path[0], path[1], max_bytes, depth=0)
        elif path == "-":
            yield from _stdin(max_bytes)
        elif os.path.isdir(path):
            yield from _folder(Path(path), max_bytes)
        elif os.path.exists(path):
            yield from _file(Path(path), max_bytes)
        else:
            yield Problem(path, "no such file or folder")


def _stdin(max_bytes: int) -> Iterator[Document | Problem]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Problem("<stdin>", f"over the size limit of {_megabytes(max_bytes)} (set --max-file-size)")
        return
    yield from _bytes("<stdin>", data, max_bytes, depth=0)


def _folder(folder: Path, max_bytes: int) -> Iterator[Document | Problem]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield from _file(Path(root) / name, max_bytes)


def _file(path: Path, max_bytes: int) -> Iterator[Document | Problem]:
    name = str(path)
    try:
        with open(path, "rb") as stream:
            magic = stream.read(512)
    except OSError as error:
        yield Problem(name, f"cannot open: {error.strerror or error}")
        return
    kind = _container(magic)
    open_file = cast(Callable[[], BinaryIO], partial(open, path, "rb"))
    if kind is None:
        yield Document(name, open_file, max_bytes, path=name)
    elif kind == "zip":
        yield from _zip(name, open_file, max_bytes, depth=0)
    else:
        yield from _compressed(name, kind, open_file, max_bytes, depth=0, path=name)


def _bytes(name: str, data: bytes, max_bytes: int, depth: int) -> Iterator[Document | Problem]:
    def opener() -> BinaryIO:
        return io.BytesIO(data)

    kind = _container(data[:512])
    if kind is None:
        yield _plain(name, opener, max_bytes)
    elif depth >= MAX_NESTING:
        yield Problem(name, f"archives nested more than {MAX_NESTING} deep")
    elif kind == "zip":
        yield from _zip(name, opener, max_bytes, depth)
    else:
        yield from _compressed(name, kind, opener, max_bytes, depth)


def _plain(name: str, opener: Callable[[], BinaryIO], max_bytes: int) -> Document:
    return Document(name, opener, max_bytes)


def _container(magic: bytes) -> str | None:
    if magic.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if magic.startswith(b"\x1f\x8b"):
        return "gz"
    if magic.startswith(b"BZh"):
        return "bz2"
    if magic.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if magic[257:262] == b"ustar":
        return "tar"
    return None


# Each is entered as a context manager by _compressed's opener.
_DECOMPRESSORS: dict[str, Callable[[BinaryIO], BinaryIO]] = {
    "gz": lambda raw: cast(BinaryIO, gzip.GzipFile(fileobj=raw)),
    "bz2": lambda raw: cast(BinaryIO, bz2.BZ2File(raw)),
    "xz": lambda raw: cast(BinaryIO, lzma.LZMAFile(raw)),  # noqa: SIM115
    "tar": lambda raw: raw,
}


def _compressed(
    name: str, kind: str, open_raw: Callable[[], BinaryIO], max_bytes: int, depth: int, path: str | None = None
) -> Iterator[Document | Problem]:
    decompress = _DECOMPRESSORS[kind]

    @contextmanager
    def opener() -> Iterator[BinaryIO]:
        with open_raw() as raw, decompress(raw) as stream:  # GzipFile does not close the file it wraps
            yield stream

    try:
        with opener() as stream:
            head = stream.read(512)
    except _CORRUPT as error:
        yield Problem(name, f"truncated or corrupt {kind} data ({error})")
        return
    if head[257:262] == b"ustar":
        yield from _tar(name, opener, max_bytes, depth)
    elif head.startswith(b"WARC/"):
        # WARC files hold many records and are often gigabytes: the WARC reader streams them (warcio
        # reads the compression itself) and the size cap applies to each record instead.
        yield Document(name, open_raw, max_bytes, path=path)
    else:
        inner = _container(head)
        if inner is not None and depth + 1 < MAX_NESTING:
            doc = Document(name, opener, max_bytes)
            try:
                yield from _bytes(name, doc.read(), max_bytes, depth + 1)
            except InputError as error:
                yield Problem(name, error.message)
        else:
            yield Document(name, opener, max_bytes)


def _tar(
    name: str, opener: Callable[[], AbstractContextManager[BinaryIO]], max_bytes: int, depth: int
) -> Iterator[Document | Problem]:
    try:
        with opener() as raw, tarfile.open(fileobj=raw, mode="r|") as archive:
            for member in archive:
                if not member.isfile() or _hidden(member.name):
                    continue
                member_name = f"{name}!{member.name}"
                if member.size > max_bytes:
                    yield Problem(member_name, f"over the size limit of {_megabytes(max_bytes)} (set --max-file-size)")
                    continue
                extracted = archive.extractfile(member)
                data = extracted.read() if extracted else b""
                yield from _bytes(member_name, data, max_bytes, depth + 1)
    except _CORRUPT as error:
        yield Problem(name, f"truncated or corrupt tar archive ({error}); members before the break were read")


def _zip(name: str, open_raw: Callable[[], BinaryIO], max_bytes: int, depth: int) -> Iterator[Document | Problem]:
    try:
        with open_raw() as raw, zipfile.ZipFile(raw) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if info.is_dir() or _hidden(info.filename):
                    continue
                member_name = f"{name}!{info.filename}"
                if info.file_size > max_bytes:
                    yield Problem(member_name, f"over the size limit of {_megabytes(max_bytes)} (set --max-file-size)")
                    continue
                if info.flag_bits & _ENCRYPTED:
                    yield Problem(member_name, "encrypted zip member (it needs a password); skipped")
                    continue
                try:
                    with archive.open(info) as stream:
                        data = stream.read(max_bytes + 1)  # the declared size can lie: cap what is inflated
                except _CORRUPT as error:
                    yield Problem(member_name, f"corrupt zip member ({error})")
                    continue
                if len(data) > max_bytes:
                    yield Problem(member_name, f"inflates past the size limit of {_megabytes(max_bytes)} (zip bomb?)")
                    continue
                yield from _bytes(member_name, data, max_bytes, depth + 1)
    except _CORRUPT as error:
        yield Problem(name, f"corrupt zip archive ({error})")


def _hidden(member: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in member.split("/"))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


# Partitions: the documents of an input in groups another process reads by itself (a Dask ingest). A file goes
# by its path, so workers must see the same paths (one machine, or a shared mount); a long JSON Lines or WARC file
# goes as slices cut where a line or record starts; an archive member or stdin can only be read as a stream, so
# its bytes are read here and go with it. Every piece is read by the same readers, and names its articles as a
# whole read does.

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
