"""Paths in, documents out: files, folders (recursive), .zip, .gz, .tar(.gz|.bz2|.xz) and stdin.

A Document is one unit a reader parses: a file, an archive member, or stdin. Containers are recognised by
their magic bytes, not their names. Every document is read under a size cap (after decompression), which
also stops zip bombs; a container that breaks half-way yields what it held before the break, then a Problem.
Whatever is left out on the way (a FIFO, a folder that cannot be listed, a link to a folder, a member that is not a
file) is named by a Problem; names become valid text where they come in, whatever bytes they were made of.

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
import stat
import struct
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
_ENCRYPTED = 0x1  # the zip general-purpose flag bits: an encrypted member,
_SIZES_AFTER_DATA = 0x8  # one whose CRC and sizes follow its data (written as a stream),
_UTF8_NAME = 0x800  # one whose name is UTF-8 (else code page 437)
# The header before each zip member's data: signature, version, flags, method, time, date, CRC-32, compressed and
# uncompressed sizes, lengths of the name and the extra field that follow it.
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
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
            yield from _bytes(_readable(path[0]), path[1], max_bytes, depth=0)
        elif path == "-":
            yield from _stdin(max_bytes)
        elif os.path.isdir(path):
            yield from _folder(Path(path), max_bytes)
        elif os.path.exists(path):
            yield from _file(Path(path), max_bytes)
        else:
            yield Problem(_readable(path), "no such file or folder")


_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")  # lone surrogates, and NUL, which PostgreSQL refuses in text


def _readable(name: str) -> str:
    """``name`` as valid text. A file or member name that is not UTF-8 comes from Python with its undecodable bytes
    as lone surrogates (os.fsdecode), which no UTF-8 encoder takes, SQLite's included: each becomes a visible escape
    (caf\\xe9.txt), as does a NUL (an archive member's name may hold one), which PostgreSQL takes in no text. Files
    are opened by the path as it came; only the name that articles and problems carry changes."""
    return _UNSTORABLE.sub(_escaped, name)


def _escaped(character: re.Match[str]) -> str:
    code = ord(character.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code == 0 else f"\\u{code:04x}"


def _stdin(max_bytes: int) -> Iterator[Document | Problem]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Problem("<stdin>", f"over the size limit of {_megabytes(max_bytes)} (set --max-file-size)")
        return
    yield from _bytes("<stdin>", data, max_bytes, depth=0)


def _folder(folder: Path, max_bytes: int) -> Iterator[Document | Problem]:
    unlisted: list[OSError] = []  # os.walk passes over a folder it cannot list, after telling onerror
    for root, dirs, files in os.walk(folder, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield from _file(Path(root) / name, max_bytes)
        # os.walk lists links to folders but does not go into them: they can loop, or lead out of the folder given
        for name in dirs:
            if os.path.islink(os.path.join(root, name)):
                link = _readable(os.path.join(root, name))
                yield Problem(link, "a link to a folder, not followed (give the folder itself to read it)", "warning")
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[Problem]:
    for error in errors:
        yield Problem(_readable(str(error.filename)), f"cannot read folder: {error.strerror or error}")
    errors.clear()


# Files that are not regular ones are not opened: open() of a FIFO waits for a writer, maybe forever, before any
# time limit can apply; a device can be endless; a socket cannot be opened at all.
_NOT_REGULAR = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _not_regular(mode: int) -> str:
    hint = " (to read a pipe, send it to standard input and give -)" if stat.S_ISFIFO(mode) else ""
    return f"{_NOT_REGULAR.get(stat.S_IFMT(mode), 'a special file')}, not a regular file: skipped{hint}"


def _file(path: Path, max_bytes: int) -> Iterator[Document | Problem]:
    name = _readable(str(path))
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            yield Problem(name, _not_regular(mode))
            return
        with open(path, "rb") as stream:
            magic = stream.read(512)
    except OSError as error:
        yield Problem(name, f"cannot open: {error.strerror or error}")
        return
    kind = _container(magic)
    open_file = cast(Callable[[], BinaryIO], partial(open, path, "rb"))
    if kind is None:
        yield Document(name, open_file, max_bytes, path=str(path))
    elif kind == "zip":
        yield from _zip(name, open_file, max_bytes, depth=0)
    else:
        yield from _compressed(name, kind, open_file, max_bytes, depth=0, path=str(path))


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
                if member.isdir() or _hidden(member.name):
                    continue
                member_name, climbs = _member_name(name, member.name)
                if not member.isfile():
                    kind = _TAR_KINDS.get(member.type, "a special file")
                    yield Problem(member_name, f"{kind} in the archive, not a file: skipped", "warning")
                    continue
                if climbs:
                    yield climbs
                if member.size > max_bytes:
                    yield Problem(member_name, f"over the size limit of {_megabytes(max_bytes)} (set --max-file-size)")
                    continue
                extracted = archive.extractfile(member)
                data = extracted.read() if extracted else b""
                yield from _bytes(member_name, data, max_bytes, depth + 1)
    except _CORRUPT as error:
        yield Problem(name, f"truncated or corrupt tar archive ({error}); members before the break were read")


_TAR_KINDS = {
    tarfile.SYMTYPE: "a symbolic link",
    tarfile.LNKTYPE: "a hard link",
    tarfile.FIFOTYPE: "a FIFO",
    tarfile.CHRTYPE: "a character device",
    tarfile.BLKTYPE: "a block device",
}


def _zip(name: str, open_raw: Callable[[], BinaryIO], max_bytes: int, depth: int) -> Iterator[Document | Problem]:
    try:
        with open_raw() as raw:
            try:
                archive = zipfile.ZipFile(raw)
            except _CORRUPT as error:  # zipfile lists the members from the central directory, at the end
                yield from _zip_without_directory(name, raw, max_bytes, depth, error)
                return
            with archive:
                for info in sorted(archive.infolist(), key=lambda i: i.filename):
                    yield from _zip_member(name, info, partial(_inflated, archive, info, max_bytes), max_bytes, depth)
    except _CORRUPT as error:
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
    if info.is_dir() or _hidden(info.filename):
        return
    member_name, climbs = _member_name(name, info.filename)
    if climbs:
        yield climbs
    if info.file_size > max_bytes:
        yield Problem(member_name, f"over the size limit of {_megabytes(max_bytes)} (set --max-file-size)")
        return
    if info.flag_bits & _ENCRYPTED:
        yield Problem(member_name, "encrypted zip member (it needs a password); skipped")
        return
    try:
        data = read()
    except _CORRUPT as error:
        yield Problem(member_name, f"corrupt zip member ({error})")
        return
    if len(data) > max_bytes:
        yield Problem(member_name, f"inflates past the size limit of {_megabytes(max_bytes)} (zip bomb?)")
        return
    yield from _bytes(member_name, data, max_bytes, depth + 1)


def _zip_without_directory(
    name: str, raw: BinaryIO, max_bytes: int, depth: int, error: Exception
) -> Iterator[Document | Problem]:
    """A zip whose central directory is lost or broken, most often a download cut short: its members are found by
    the header before each one instead, in the order they were written, up to the first one cut off or damaged."""
    count = 0
    for info, read in _local_members(raw, max_bytes):
        count += 1
        yield from _zip_member(name, info, read, max_bytes, depth)
    where = raw.tell()
    yield Problem(
        name, f"truncated or corrupt zip archive ({error}); {count} members before the break at byte {where} were read"
    )


def _local_members(raw: BinaryIO, max_bytes: int) -> Iterator[tuple[zipfile.ZipInfo, Callable[[], bytes]]]:
    """Each whole member of a zip, found by its local header, and how to read it (at most ``max_bytes + 1`` bytes).
    The stream is left where the members end: at the central directory, or where the zip breaks."""
    end = raw.seek(0, os.SEEK_END)
    start = raw.seek(0)
    while len(header := raw.read(_LOCAL_HEADER.size)) == _LOCAL_HEADER.size and header.startswith(_LOCAL_SIGNATURE):
        _, _, flags, method, _, _, crc, compressed, size, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        name_and_extra = raw.read(name_length + extra_length)
        if len(name_and_extra) < name_length + extra_length:
            break
        filename = name_and_extra[:name_length].decode("utf-8" if flags & _UTF8_NAME else "cp437", "surrogateescape")
        zip64 = _zip64_sizes(name_and_extra[name_length:])
        if zip64 is not None:  # sizes too large for the header's own fields (0xFFFFFFFF there)
            size = zip64[0] if size == 0xFFFFFFFF else size
            compressed = zip64[1] if compressed == 0xFFFFFFFF else compressed
        info = zipfile.ZipInfo(filename)
        info.flag_bits, info.compress_type, info.CRC = flags, method, crc
        info.compress_size, info.file_size = compressed, size
        data_start = raw.tell()
        if flags & _SIZES_AFTER_DATA:
            if not _sizes_after_data(raw, info, end - data_start, zip64 is not None, max_bytes):
                break
            next_header = raw.tell()
        elif data_start + compressed <= end:
            next_header = data_start + compressed
        else:
            break
        yield info, partial(_local_data, raw, data_start, info, max_bytes)
        start = raw.seek(next_header)
    raw.seek(start)


def _zip64_sizes(extra: bytes) -> tuple[int, int] | None:
    """The (uncompressed, compressed) sizes in a local header's zip64 extra field, when it has one."""
    while len(extra) >= 4:
        kind, length = struct.unpack_from("<HH", extra)
        if kind == 0x0001 and length >= 16:
            return cast(tuple[int, int], struct.unpack_from("<QQ", extra, 4))
        extra = extra[4 + length :]
    return None


_DESCRIPTOR_SIGNATURE = b"PK\x07\x08"  # optional, before the CRC-32 and the compressed and uncompressed sizes
_DESCRIPTOR = struct.Struct("<3L")
_DESCRIPTOR64 = struct.Struct("<LQQ")


def _sizes_after_data(raw: BinaryIO, info: zipfile.ZipInfo, span: int, zip64: bool, max_bytes: int) -> bool:
    """Whether the CRC and sizes of a member written as a stream could be read from the data descriptor after its
    data, into ``info``, leaving ``raw`` after the descriptor. Only a deflate stream shows where that data ends,
    and only by inflating it whole: one that inflates past ``max_bytes`` hides the members after it."""
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & _ENCRYPTED:
        return False
    data_start = raw.tell()
    try:
        _, compressed = _inflate(raw, span, max_bytes)
    except (EOFError, zlib.error):
        return False
    if compressed is None:
        return False
    raw.seek(data_start + compressed)
    if raw.read(len(_DESCRIPTOR_SIGNATURE)) != _DESCRIPTOR_SIGNATURE:
        raw.seek(data_start + compressed)
    descriptor = _DESCRIPTOR64 if zip64 else _DESCRIPTOR
    fields = raw.read(descriptor.size)
    if len(fields) < descriptor.size:
        return False
    info.CRC, info.compress_size, info.file_size = descriptor.unpack(fields)
    return True


def _local_data(raw: BinaryIO, start: int, info: zipfile.ZipInfo, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of a member found by its local header, checked against its CRC when whole."""
    raw.seek(start)
    if info.compress_type == zipfile.ZIP_STORED:
        data = raw.read(min(info.compress_size, max_bytes + 1))
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        data, _ = _inflate(raw, info.compress_size, max_bytes)
    else:
        raise NotImplementedError(f"compression method {info.compress_type} is read only from a whole zip")
    if len(data) <= max_bytes and zlib.crc32(data) != info.CRC:
        raise zipfile.BadZipFile("Bad CRC-32")
    return data


def _inflate(raw: BinaryIO, span: int, max_bytes: int) -> tuple[bytes, int | None]:
    """The raw deflate stream that starts where ``raw`` stands, within ``span`` bytes: what it inflates to, up to
    ``max_bytes + 1`` bytes, and its compressed length, None when it inflates past ``max_bytes`` before its end.
    EOFError when the span ends before the stream does."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    data = bytearray()
    spanned = 0
    while not inflater.eof:
        if len(data) > max_bytes:
            return bytes(data), None
        chunk = raw.read(min(64 * 1024, span - spanned))
        if not chunk:
            raise EOFError("the compressed data ends early")
        spanned += len(chunk)
        data += inflater.decompress(chunk, max_bytes + 1 - len(data))  # all of chunk, unless it fills the cap
    return bytes(data), spanned - len(inflater.unused_data)


def _member_name(archive: str, path: str) -> tuple[str, Problem | None]:
    """The name a member's articles and problems go by (archive!path), and a warning when its path climbs with
    '..'. Members are never written to disk, so none can escape; one that climbs is read as its path without the
    '..' parts, so that its name does not point at a file outside the archive."""
    path = _readable(path)
    parts = path.split("/")
    if ".." not in parts:
        return f"{archive}!{path}", None
    inside = "/".join(part for part in parts if part not in ("", ".", ".."))
    warning = Problem(f"{archive}!{path}", f"a member path with '..' in it: read as {inside}", "warning")
    return f"{archive}!{inside}", warning


def _hidden(member: str) -> bool:
    """A dot file or a macOS resource fork; the "." and ".." of a path are not hidden files."""
    return any((part.startswith(".") and part not in (".", "..")) or part == "__MACOSX" for part in member.split("/"))


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
