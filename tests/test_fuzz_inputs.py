"""Fuzzing the container layer (issue 7, bad input): zip, gz, bz2, xz and tar archives of real-looking articles,
nested, cut short, bit-flipped, bombed past the size cap and with hostile member names. Each gives the articles of
the members that survive and problems naming the archive (or member) for the rest; never an exception or a hang.

Reproduce: ``.venv/bin/pytest -q tests/test_fuzz_inputs.py``.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
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
        data = _tar(members)
        return COMPRESSIONS[kind[4:]](data) if "." in kind else data
    return COMPRESSIONS[kind](members[0][1])


def _zip(members: list[tuple[str, bytes]], compression: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # two members of one name: on purpose, archives have them
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def container_input(folder: Path) -> Callable[[Maker], tuple[str, bytes]]:
    """Archives whole or damaged, read from bytes (an upload) or from a file on disk, which take different paths."""

    def make_input(make: Maker) -> tuple[str, bytes]:
        data = make.sometimes_damaged(container(make), percent=50)
        return str(folder / "archive.bin") if make.chance(50) else "upload.bin", data

    return make_input


def test_every_archive_gives_its_members_articles_or_problems_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tally = run_fuzz(capsys, "containers", container_input(Path(folder)), REQUIRED_INPUTS)
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
