"""Containers, recognised by their magic bytes: .zip, .gz, .bz2, .xz and .tar, nested up to MAX_NESTING deep; a
container that breaks half-way yields what it held before the break, then a Problem."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from typing import BinaryIO, cast

from ..errors import InputError
from ..model import Problem
from .document import CORRUPT, Document, megabytes
from .names import hidden, name_in_archive
from .zipheaders import ENCRYPTED, local_members

MAX_NESTING = 3


def from_bytes(name: str, data: bytes, max_bytes: int, depth: int) -> Iterator[Document | Problem]:
    def opener() -> BinaryIO:
        return io.BytesIO(data)

    kind = container(data[:512])
    if kind is None:
        yield _plain(name, opener, max_bytes)
    elif depth >= MAX_NESTING:
        yield Problem(name, f"archives nested more than {MAX_NESTING} deep")
    elif kind == "zip":
        yield from from_zip(name, opener, max_bytes, depth)
    else:
        yield from from_compressed(name, kind, opener, max_bytes, depth)


def _plain(name: str, opener: Callable[[], BinaryIO], max_bytes: int) -> Document:
    return Document(name, opener, max_bytes)


def container(magic: bytes) -> str | None:
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


# Each is entered as a context manager by from_compressed's opener.
_DECOMPRESSORS: dict[str, Callable[[BinaryIO], BinaryIO]] = {
    "gz": lambda raw: cast(BinaryIO, gzip.GzipFile(fileobj=raw)),
    "bz2": lambda raw: cast(BinaryIO, bz2.BZ2File(raw)),
    "xz": lambda raw: cast(BinaryIO, lzma.LZMAFile(raw)),  # noqa: SIM115
    "tar": lambda raw: raw,
}


def from_compressed(
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
    except CORRUPT as error:
        yield Problem(name, f"truncated or corrupt {kind} data ({error})")
        return
    if head[257:262] == b"ustar":
        yield from _tar(name, opener, max_bytes, depth)
    elif head.startswith(b"WARC/"):
        # WARC files hold many records and are often gigabytes: the WARC reader streams them (warcio
        # reads the compression itself) and the size cap applies to each record instead.
        yield Document(name, open_raw, max_bytes, path=path)
    else:
        inner = container(head)
        if inner is not None and depth + 1 < MAX_NESTING:
            doc = Document(name, opener, max_bytes)
            try:
                yield from from_bytes(name, doc.read(), max_bytes, depth + 1)
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
                if member.isdir() or hidden(member.name):
                    continue
                member_name, climbs = name_in_archive(name, member.name)
                if not member.isfile():
                    kind = _TAR_KINDS.get(member.type, "a special file")
                    yield Problem(member_name, f"{kind} in the archive, not a file: skipped", "warning")
                    continue
                if climbs:
                    yield climbs
                if member.size > max_bytes:
                    yield Problem(member_name, f"over the size limit of {megabytes(max_bytes)} (set --max-file-size)")
                    continue
                extracted = archive.extractfile(member)
                data = extracted.read() if extracted else b""
                yield from from_bytes(member_name, data, max_bytes, depth + 1)
    except CORRUPT as error:
        yield Problem(name, f"truncated or corrupt tar archive ({error}); members before the break were read")


_TAR_KINDS = {
    tarfile.SYMTYPE: "a symbolic link",
    tarfile.LNKTYPE: "a hard link",
    tarfile.FIFOTYPE: "a FIFO",
    tarfile.CHRTYPE: "a character device",
    tarfile.BLKTYPE: "a block device",
}


def from_zip(name: str, open_raw: Callable[[], BinaryIO], max_bytes: int, depth: int) -> Iterator[Document | Problem]:
    try:
        with open_raw() as raw:
            try:
                archive = zipfile.ZipFile(raw)
            except CORRUPT as error:  # zipfile lists the members from the central directory, at the end
                yield from _zip_without_directory(name, raw, max_bytes, depth, error)
                return
            with archive:
                for info in sorted(archive.infolist(), key=lambda i: i.filename):
                    yield from _zip_member(name, info, partial(_inflated, archive, info, max_bytes), max_bytes, depth)
    except CORRUPT as error:
        yield Problem(name, f"corrupt zip archive ({error})")


def _inflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> bytes:
    with archive.open(info) as stream:
        return stream.read(max_bytes + 1)  # the declared size can lie: cap what is inflated


def _zip_member(
    name: str, info: zipfile.ZipInfo, read: Callable[[], bytes], max_bytes: int, depth: int
) -> Iterator[Document | Problem]:
    """The documents of one zip member, which ``read`` gives at most ``max_bytes + 1`` bytes of."""
    if not info.filename:  # only a damaged header has none
        yield Problem(name, "a zip member with no name; skipped")
        return
    if info.is_dir() or hidden(info.filename):
        return
    member_name, climbs = name_in_archive(name, info.filename)
    if climbs:
        yield climbs
    if info.file_size > max_bytes:
        yield Problem(member_name, f"over the size limit of {megabytes(max_bytes)} (set --max-file-size)")
        return
    if info.flag_bits & ENCRYPTED:
        yield Problem(member_name, "encrypted zip member (it needs a password); skipped")
        return
    try:
        data = read()
    except CORRUPT as error:
        yield Problem(member_name, f"corrupt zip member ({error})")
        return
    if len(data) > max_bytes:
        yield Problem(member_name, f"inflates past the size limit of {megabytes(max_bytes)} (zip bomb?)")
        return
    yield from from_bytes(member_name, data, max_bytes, depth + 1)


def _zip_without_directory(
    name: str, raw: BinaryIO, max_bytes: int, depth: int, error: Exception
) -> Iterator[Document | Problem]:
    """A zip whose central directory is lost or broken, most often a download cut short: its members are found by
    the header before each one instead, in the order they were written, up to the first one cut off or damaged."""
    count = 0
    for info, read in local_members(raw, max_bytes):
        count += 1
        yield from _zip_member(name, info, read, max_bytes, depth)
    where = raw.tell()
    yield Problem(
        name, f"truncated or corrupt zip archive ({error}); {count} members before the break at byte {where} were read"
    )
