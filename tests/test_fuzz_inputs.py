"""Fuzzing the container layer (issue 7, bad input): zip, gz, bz2, xz and tar archives of real-looking articles,
nested, cut short, bit-flipped, bombed past the size cap and with hostile member names (some not UTF-8), and folders
holding them beside a FIFO and a file whose name is not UTF-8 (issue 12). Each gives the articles of the members that
survive and problems naming the archive (or member) for the rest; never an exception or a hang.

Reproduce: ``.venv/bin/pytest -q tests/test_fuzz_inputs.py``.
"""

from __future__ import annotations

import bz2
import gzip
import io
import itertools
import lzma
import os
import signal
import struct
import tarfile
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from dateline import readers
from dateline.inputs import documents
from dateline.model import Article, Problem
from fuzz_support import REQUIRED_INPUTS, SMALL_CAP, Maker, run_fuzz

SEED = "date 2031-03-03 Talks resume\n>> Meridian Wire\nTalks resumed on Monday in {place}.\n"
JSON_LINE = '{{"title": "Aid pledged", "text": "Donors pledged aid for {place}."}}\n'
PAGE = "<html><head><title>Flood</title></head><body><article><p>Water rose in {place}.</p></article></body></html>"
PLACES = ["Nairobi", "Geneva", "Dhaka", "Zürich", "القاهرة"]
ODD_CONTENT = [b"", b"\x00" * 64, b"PK\x03\x04", b"\x1f\x8b", b"BZh9", b"\xfd7zXZ\x00"]
MEMBER_NAMES = ["a.txt", "sub/b.jsonl", "c.html", ".hidden.txt", "__MACOSX/._a.txt", "../../escape.txt", "/abs.txt"]
KINDS = ["zip", "zip", "tar", "gz", "bz2", "xz", "tar.gz", "tar.bz2", "tar.xz"]
ZIP_COMPRESSIONS = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
COMPRESSIONS = {
    "gz": lambda data: gzip.compress(data, mtime=0),
    "bz2": bz2.compress,
    "xz": lzma.compress,
}


def member(make: Maker) -> tuple[str, bytes]:
    if make.chance(5):  # inflates far past the small cap: a zip bomb in miniature
        data = b"\x00" * (SMALL_CAP * make.random.randint(2, 200))
    elif make.chance(10):
        data = make.choice(ODD_CONTENT)
    else:
        place = make.choice(PLACES) if make.chance(70) else make.nasty()
        data = make.encode(make.choice([SEED, JSON_LINE, PAGE]).format(place=place))
    name = make.choice(MEMBER_NAMES) if make.chance(80) else f"m{make.nasty()}"
    return name.encode("utf-8", "surrogatepass").decode("utf-8", "replace"), data


def container(make: Maker, depth: int = 0) -> bytes:
    members = [member(make) for _ in range(make.random.randint(1, 4))]
    if depth < 4 and make.chance(20):  # an archive inside an archive, sometimes past the nesting limit
        members.append(("inner.bin", container(make, depth + 1)))
    kind = make.choice(KINDS)
    if kind == "zip":
        return _zip(members, make.choice(ZIP_COMPRESSIONS))
    if kind.startswith("tar"):
        data = _tar(members, "latin-1" if make.chance(20) else "utf-8")
        return COMPRESSIONS[kind[4:]](data) if "." in kind else data
    return COMPRESSIONS[kind](members[0][1])


def _zip(members: list[tuple[str, bytes]], compression: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # two members of one name: on purpose, archives have them
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar(members: list[tuple[str, bytes]], encoding: str) -> bytes:
    """A tar archive; with ``encoding`` latin-1 its member names are written in Latin-1 ("Zürich" as b"Z\xfcrich"),
    as old tools write them, which is not UTF-8."""
    buffer = io.BytesIO()
    tar_format = tarfile.PAX_FORMAT if encoding == "utf-8" else tarfile.GNU_FORMAT
    with tarfile.open(fileobj=buffer, mode="w", format=tar_format, encoding=encoding, errors="replace") as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def container_input(folder: Path) -> Callable[[Maker], tuple[str, bytes]]:
    """Archives whole or damaged, read from bytes (an upload), from a file on disk, or from a folder that also holds a
    FIFO and a file whose name is not UTF-8: each takes a different path."""
    numbers = itertools.count()

    def make_input(make: Maker) -> tuple[str, bytes]:
        data = make.sometimes_damaged(container(make), percent=50)
        if make.chance(10):
            return odd_folder(folder / f"folder-{next(numbers)}", data), b""
        return str(folder / "archive.bin") if make.chance(50) else "upload.bin", data

    return make_input


def odd_folder(path: Path, archive: bytes) -> str:
    """A folder holding the archive, a FIFO nobody writes to (opening it would block for ever) and an article whose
    file name is Latin-1 bytes."""
    path.mkdir()
    (path / "archive.bin").write_bytes(archive)
    os.mkfifo(path / "pipe")
    with open(os.fsencode(path) + b"/Z\xfcrich.txt", "wb") as odd:
        odd.write(SEED.format(place="Zurich").encode())
    return str(path)


def test_every_archive_gives_its_members_articles_or_problems_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("reading the inputs hung for 10 minutes (a FIFO opened?)")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(600)
    try:
        with tempfile.TemporaryDirectory() as folder:
            tally = run_fuzz(capsys, "containers", container_input(Path(folder)), REQUIRED_INPUTS)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert tally.inputs >= REQUIRED_INPUTS


# Archives the fuzzing broke the container layer with, kept as plain tests.


def bundle() -> bytearray:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", SEED.format(place="Nairobi"))
        archive.writestr("b.txt", SEED.format(place="Dhaka"))
    return bytearray(buffer.getvalue())


def read_all(name: str, data: bytes) -> list[Article | Problem]:
    items: list[Article | Problem] = []
    for document in documents([(name, data)], SMALL_CAP):
        items.extend([document] if isinstance(document, Problem) else readers.read(document))
    return items


def test_a_zip_whose_directory_points_before_its_start_is_reported_member_by_member() -> None:
    data = bundle()
    end = data.rfind(b"PK\x05\x06")  # the end record: the central directory's offset is at +16
    struct.pack_into("<I", data, end + 16, struct.unpack_from("<I", data, end + 16)[0] + 100)
    first, second = read_all("bundle.zip", bytes(data))
    assert first == Problem("bundle.zip!a.txt", "corrupt zip member (negative seek value -100)")
    assert isinstance(second, Problem) and second.source == "bundle.zip!b.txt"


def test_an_encrypted_zip_member_is_reported_and_the_others_are_read() -> None:
    data = bundle()
    first = data.find(b"PK\x01\x02")  # the first member's central directory entry: its flags are at +8
    struct.pack_into("<H", data, first + 8, struct.unpack_from("<H", data, first + 8)[0] | 1)
    problem, article = read_all("bundle.zip", bytes(data))
    assert problem == Problem("bundle.zip!a.txt", "encrypted zip member (it needs a password); skipped")
    assert isinstance(article, Article) and article.text == "Talks resumed on Monday in Dhaka."


def test_a_member_with_no_name_in_a_zip_cut_short_is_named_as_skipped() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", SEED.format(place="Nairobi"))
        archive.writestr("b.txt", SEED.format(place="Dhaka"))
    data = bytearray(buffer.getvalue())
    second = data.find(b"PK\x03\x04", 4)  # the second member's local header: its name's length is at +26
    struct.pack_into("<H", data, second + 26, 0)
    cut = bytes(data[: data.find(b"PK\x01\x02")])  # no central directory: members are found by their headers
    article, *problems = read_all("bundle.zip", cut)
    assert isinstance(article, Article) and article.text == "Talks resumed on Monday in Nairobi."
    assert Problem("bundle.zip", "a zip member with no name; skipped") in problems


def test_a_member_name_holding_a_nul_is_stored_with_the_nul_escaped() -> None:
    # a name that is not ASCII goes into a PAX record, which keeps a NUL that the plain header field would end at
    [article] = read_all("bundle.tar", _tar([("café\x00.txt", SEED.format(place="Dhaka").encode())], "utf-8"))
    assert isinstance(article, Article) and article.source == "bundle.tar!café\\x00.txt"
