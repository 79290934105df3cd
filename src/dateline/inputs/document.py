"""Document: one unit a reader parses (a file, an archive member, stdin, a slice of a long file), read under a size
cap."""

from __future__ import annotations

import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import InputError

HEAD_BYTES = 64 * 1024
# What the standard library raises on damaged archives: zipfile alone raises ValueError (a negative seek) and
# NotImplementedError (a compression method a flipped bit made up) besides BadZipFile.
CORRUPT = (
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
        except CORRUPT as error:
            raise InputError(self.name, f"truncated or corrupt compressed data ({error})") from None
        if len(data) > self.max_bytes:
            raise InputError(self.name, f"over the size limit of {megabytes(self.max_bytes)} (set --max-file-size)")
        return data

    def head(self) -> bytes:
        try:
            with self.opener() as stream:
                return stream.read(HEAD_BYTES)
        except CORRUPT as error:
            raise InputError(self.name, f"truncated or corrupt compressed data ({error})") from None


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
