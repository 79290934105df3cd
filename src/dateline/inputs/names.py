"""Names as valid text, whatever bytes they were made of; an archive member's name (archive!path), and which
members are hidden files."""

from __future__ import annotations

import re

from ..model import Problem

_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")  # lone surrogates, and NUL, which PostgreSQL refuses in text


def readable(name: str) -> str:
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


def name_in_archive(archive: str, path: str) -> tuple[str, Problem | None]:
    """The name a member's articles and problems go by (archive!path), and a warning when its path climbs with
    '..'. Members are never written to disk, so none can escape; one that climbs is read as its path without the
    '..' parts, so that its name does not point at a file outside the archive."""
    path = readable(path)
    parts = path.split("/")
    if ".." not in parts:
        return f"{archive}!{path}", None
    inside = "/".join(part for part in parts if part not in ("", ".", ".."))
    warning = Problem(f"{archive}!{path}", f"a member path with '..' in it: read as {inside}", "warning")
    return f"{archive}!{inside}", warning


def hidden(member: str) -> bool:
    """A dot file or a macOS resource fork; the "." and ".." of a path are not hidden files."""
    return any((part.startswith(".") and part not in (".", "..")) or part == "__MACOSX" for part in member.split("/"))
