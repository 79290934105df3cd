"""Paths in: files, folders (recursive, in a stable order) and stdin; what is left out on the way (a FIFO, a folder
that cannot be listed, a link to a folder) is named by a Problem."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO, cast

from ..model import Problem
from .archives import container, from_bytes, from_compressed, from_zip
from .document import Document, megabytes
from .names import readable


def documents(paths: list[str | tuple[str, bytes]], max_bytes: int) -> Iterator[Document | Problem]:
    """Every document under ``paths`` in a stable order; ``-`` is standard input, a (name, content) pair a file
    that came without a path (an upload), read like one."""
    for path in paths:
        if isinstance(path, tuple):
            yield from from_bytes(readable(path[0]), path[1], max_bytes, depth=0)
        elif path == "-":
            yield from _stdin(max_bytes)
        elif os.path.isdir(path):
            yield from _folder(Path(path), max_bytes)
        elif os.path.exists(path):
            yield from _file(Path(path), max_bytes)
        else:
            yield Problem(readable(path), "no such file or folder")


def _stdin(max_bytes: int) -> Iterator[Document | Problem]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Problem("<stdin>", f"over the size limit of {megabytes(max_bytes)} (set --max-file-size)")
        return
    yield from from_bytes("<stdin>", data, max_bytes, depth=0)


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
                link = readable(os.path.join(root, name))
                yield Problem(link, "a link to a folder, not followed (give the folder itself to read it)", "warning")
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[Problem]:
    for error in errors:
        yield Problem(readable(str(error.filename)), f"cannot read folder: {error.strerror or error}")
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
    name = readable(str(path))
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
    kind = container(magic)
    open_file = cast(Callable[[], BinaryIO], partial(open, path, "rb"))
    if kind is None:
        yield Document(name, open_file, max_bytes, path=str(path))
    elif kind == "zip":
        yield from from_zip(name, open_file, max_bytes, depth=0)
    else:
        yield from from_compressed(name, kind, open_file, max_bytes, depth=0, path=str(path))
