"""A zip read by the header before each member's data, for a zip whose central directory is lost or broken (most
often a download cut short)."""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from typing import BinaryIO, cast

ENCRYPTED = 0x1  # the zip general-purpose flag bits: an encrypted member,
_SIZES_AFTER_DATA = 0x8  # one whose CRC and sizes follow its data (written as a stream),
_UTF8_NAME = 0x800  # one whose name is UTF-8 (else code page 437)
# The header before each zip member's data: signature, version, flags, method, time, date, CRC-32, compressed and
# uncompressed sizes, lengths of the name and the extra field that follow it.
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"


def local_members(raw: BinaryIO, max_bytes: int) -> Iterator[tuple[zipfile.ZipInfo, Callable[[], bytes]]]:
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
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & ENCRYPTED:
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
