"""Paths in, documents out: files, folders (recursive), .zip, .gz, .tar(.gz|.bz2|.xz) and stdin.

A Document is one unit a reader parses: a file, an archive member, or stdin. Containers are recognised by
their magic bytes, not their names. Every document is read under a size cap (after decompression), which
also stops zip bombs; a container that breaks half-way yields what it held before the break, then a Problem.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
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

from .errors import InputError
from .model import Problem

HEAD_BYTES = 64 * 1024
MAX_NESTING = 3
_CORRUPT = (EOFError, OSError, zlib.error, lzma.LZMAError, tarfile.TarError, zipfile.BadZipFile)


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    opener: Callable[[], AbstractContextManager[BinaryIO]]
    max_bytes: int

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


def documents(paths: list[str], max_bytes: int) -> Iterator[Document | Problem]:
    """Every document under ``paths`` in a stable order; ``-`` is standard input."""
    for path in paths:
        if path == "-":
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
        yield _plain(name, open_file, max_bytes)
    elif kind == "zip":
        yield from _zip(name, open_file, max_bytes, depth=0)
    else:
        yield from _compressed(name, kind, open_file, max_bytes, depth=0)


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
    name: str, kind: str, open_raw: Callable[[], BinaryIO], max_bytes: int, depth: int
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
        yield Document(name, open_raw, max_bytes)
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
