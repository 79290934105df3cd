"""Bytes to text: byte-order marks, UTF-16, UTF-8, then the Windows and Latin-1 code pages news archives use.

Binary content is refused with a message naming what it looks like, instead of being stored as mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from .errors import InputError

_SIGNATURES = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UNSEEN = ("Cc", "Cf")  # Unicode categories of control and format characters


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool  # not UTF-8/UTF-16: read with a Windows or Latin-1 code page


def decode(data: bytes, source: str) -> Decoded:
    """Text of ``data`` with line ends as \\n, NFC-normalised; InputError for empty or binary input."""
    if not data.strip():
        raise InputError(source, "empty file")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(source, f"binary file ({what}), not text")
    text, encoding = _decode(data, source)
    if len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 100):
        raise InputError(source, "binary file (control bytes throughout), not text")
    text = line_ends(text).replace("\x00", "")
    if not shows_text(text):
        raise InputError(source, "empty file" if not text.strip() else "empty file (only invisible characters)")
    return Decoded(unicodedata.normalize("NFC", text), encoding, encoding in ("cp1252", "latin-1"))


def line_ends(text: str) -> str:
    """``text`` with each line end (\\r\\n, \\r) as \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def shows_text(text: str) -> bool:
    """Whether ``text`` has a character that shows: white space, controls and format characters (zero-width
    spaces and joiners, byte-order marks, direction marks) alone make an empty text."""
    return any(not char.isspace() and unicodedata.category(char) not in _UNSEEN for char in text)


def _decode(data: bytes, source: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if b"\x00" in data[:4096]:
        raise InputError(source, "binary file (NUL bytes), not text")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None
