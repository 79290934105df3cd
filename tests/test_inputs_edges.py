"""Inputs that are not ordinary files or ordinary archives (issue 12, items 3, 4, 6, 7): names that are not UTF-8,
FIFOs and sockets, zips cut short, folders that cannot be read or are links, members whose path climbs out with
``..``. Each gives the articles it holds and one line naming what was left out; none stops or hangs the run."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import write
from dateline import Corpus, Settings
from dateline.model import Problem
from test_inputs import articles, problems, seed_text
from test_reader_seed import read_path

# Ingests the paths given and prints what it found as one JSON object: run as a process of its own where reading
# could hang (a test that hangs would stop the whole suite) or needs fewer privileges than the tests have.
READ_SCRIPT = """
import json, sys
from dateline import Corpus, Settings
with Corpus.open(sys.argv[1], Settings(extract=False)) as corpus:
    report = corpus.ingest(sys.argv[2:])
    print(json.dumps({"stored": report.stored, "problems": [[p.source, p.message, p.severity] for p in report.problems],
                      "sources": sorted(a.source for a in corpus.articles(limit=None))}))
"""
HANG_TIMEOUT_S = 120  # reading these inputs takes a few seconds; only a hang takes this long


def ingest_in_subprocess(database: Path, *paths: Path, unprivileged: bool = False) -> dict:
    command = [sys.executable, "-c", READ_SCRIPT, str(database), *map(str, paths)]
    if unprivileged and os.geteuid() == 0:
        # root reads any folder whatever its mode: without these capabilities it obeys the mode as users do
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv, which can drop the capability to read any folder")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=HANG_TIMEOUT_S, check=True)
    return json.loads(result.stdout)


def ingest(tmp_path: Path, *paths: Path) -> tuple[list[Problem], list[str], int]:
    with Corpus.open(str(tmp_path / "db.sqlite"), Settings(extract=False)) as corpus:
        report = corpus.ingest([str(p) for p in paths])
        return report.problems, sorted(a.source for a in corpus.articles(limit=None)), report.stored


def tar_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


# Item 3: a name that is not UTF-8 reaches Python as lone surrogates (os.fsdecode), which SQLite refuses.


def test_names_that_are_not_utf8_are_stored_under_a_readable_name(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / os.fsdecode(b"caf\xe9 talks.txt"), seed_text(1))
    tar_member = os.fsdecode(b"r\xe9sum\xe9.txt")  # written as its bytes, as a Latin-1 system names files
    write(folder / "bundle.tar", tar_of({tar_member: seed_text(2).encode(), "plain.txt": seed_text(3).encode()}))
    found, sources, stored = ingest(tmp_path, folder)
    assert found == [] and stored == 3
    assert sources == [
        f"{folder}/bundle.tar!plain.txt",
        f"{folder}/bundle.tar!r\\xe9sum\\xe9.txt",
        f"{folder}/caf\\xe9 talks.txt",
    ]


def test_a_missing_path_that_is_not_utf8_is_named_readably(tmp_path: Path) -> None:
    missing = tmp_path / os.fsdecode(b"gone\xff.txt")
    [problem] = read_path(missing)
    assert problem == Problem(f"{tmp_path}/gone\\xff.txt", "no such file or folder")


# Item 4: open() of a FIFO waits for a writer, forever, before any time limit applies.

FIFO_REFUSED = "a FIFO (named pipe), not a regular file: skipped (to read a pipe, send it to standard input and give -)"


def test_a_fifo_or_socket_in_a_folder_is_skipped_with_one_problem(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", seed_text(1))
    os.mkfifo(folder / "b.pipe")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(folder / "c.sock"))
        write(folder / "d.txt", seed_text(2))
        found = ingest_in_subprocess(tmp_path / "db.sqlite", folder)
    assert found["stored"] == 2
    assert found["problems"] == [
        [f"{folder}/b.pipe", FIFO_REFUSED, "error"],
        [f"{folder}/c.sock", "a socket, not a regular file: skipped", "error"],
    ]


def test_a_fifo_given_as_a_path_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "news.pipe"
    os.mkfifo(fifo)
    found = ingest_in_subprocess(tmp_path / "db.sqlite", fifo, tmp_path / "missing.txt")
    assert [p[:2] for p in found["problems"]] == [
        [str(fifo), FIFO_REFUSED],
        [str(tmp_path / "missing.txt"), "no such file or folder"],
    ]


# Item 6: zipfile reads the central directory at the end of a zip, which a cut-short zip does not have.


def zip_of(count: int, compression: int = zipfile.ZIP_DEFLATED, stream: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(_Unseekable(buffer) if stream else buffer, "w", compression) as archive:
        for n in range(count):
            archive.writestr(f"{n:02}.txt", seed_text(n) + f"Filler {n} " * 300)
    return buffer.getvalue()


class _Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in: it writes each member's sizes and CRC after its data."""

    def __init__(self, buffer: io.BytesIO) -> None:
        self.buffer = buffer

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        return self.buffer.write(data)


@pytest.mark.parametrize(
    ("compression", "stream"),
    [(zipfile.ZIP_DEFLATED, False), (zipfile.ZIP_STORED, False), (zipfile.ZIP_DEFLATED, True)],
    ids=["deflated", "stored", "deflated-sizes-after-data"],
)
def test_a_truncated_zip_keeps_the_members_before_the_break(tmp_path: Path, compression: int, stream: bool) -> None:
    data = zip_of(10, compression, stream)
    cut = data.find(b"PK\x03\x04", len(data) // 2) + 40  # inside the sixth member or so
    kept = data[:cut].count(b"PK\x03\x04") - 1
    path = write(tmp_path / "cut.zip", data[:cut])
    items = read_path(path)
    assert [a.source for a in articles(items)] == [f"{path}!{n:02}.txt" for n in range(kept)]
    assert articles(items)[0].text.startswith("Talks round 0 resumed on Monday.")
    [problem] = problems(items)
    assert problem.source == str(path)
    assert problem.message.startswith("truncated or corrupt zip archive (")
    assert problem.message.endswith(f"); {kept} members before the break at byte {cut - 40} were read")


def test_a_zip_cut_inside_its_central_directory_keeps_every_member(tmp_path: Path) -> None:
    data = zip_of(4)
    cut = data.find(b"PK\x01\x02") + 10
    items = read_path(write(tmp_path / "cut.zip", data[:cut]))
    assert len(articles(items)) == 4
    [problem] = problems(items)
    assert problem.message.endswith(f"4 members before the break at byte {cut - 10} were read")


def test_a_truncated_zip_member_with_a_wrong_crc_is_named(tmp_path: Path) -> None:
    data = bytearray(zip_of(3, zipfile.ZIP_STORED))
    data[data.find(b"Talks round 1")] ^= 0x20  # "talks round 1": the bytes no longer match the member's CRC
    cut = data.find(b"PK\x01\x02")
    path = write(tmp_path / "cut.zip", bytes(data[:cut]))
    items = read_path(path)
    assert [a.source for a in articles(items)] == [f"{path}!00.txt", f"{path}!02.txt"]
    assert [p.source for p in problems(items)] == [f"{path}!01.txt", str(path)]
    assert "CRC" in problems(items)[0].message


# Item 7: what a folder walk or an archive leaves out is named, one line each.


def test_an_unreadable_sub_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", seed_text(1))
    write(folder / "locked" / "b.txt", seed_text(2))
    (folder / "locked").chmod(0)
    try:
        found = ingest_in_subprocess(tmp_path / "db.sqlite", folder, unprivileged=True)
    finally:
        (folder / "locked").chmod(0o755)
    assert found["stored"] == 1
    assert found["problems"] == [[f"{folder}/locked", "cannot read folder: Permission denied", "error"]]


def test_a_linked_sub_folder_is_not_followed_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", seed_text(1))
    write(tmp_path / "elsewhere" / "b.txt", seed_text(2))
    (folder / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    found, sources, _ = ingest(tmp_path, folder)
    assert sources == [f"{folder}/a.txt"]
    message = "a link to a folder, not followed (give the folder itself to read it)"
    assert found == [
        Problem(f"{folder}/loop", message, "warning"),
        Problem(f"{folder}/more", message, "warning"),
    ]


@pytest.mark.parametrize("kind", ["zip", "tar"])
def test_a_member_whose_path_climbs_out_is_read_under_its_path_inside(tmp_path: Path, kind: str) -> None:
    members = {"../../escape.txt": seed_text(1).encode(), "sub/../../up.txt": seed_text(2).encode()}
    if kind == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        path = write(tmp_path / "a.zip", buffer.getvalue())
    else:
        path = write(tmp_path / "a.tar", tar_of(members))
    items = read_path(path)
    assert [a.source for a in articles(items)] == [f"{path}!escape.txt", f"{path}!sub/up.txt"]
    assert problems(items) == [
        Problem(f"{path}!../../escape.txt", "a member path with '..' in it: read as escape.txt", "warning"),
        Problem(f"{path}!sub/../../up.txt", "a member path with '..' in it: read as sub/up.txt", "warning"),
    ]


def test_links_and_fifos_in_a_tar_are_named(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        data = seed_text(1).encode()
        info = tarfile.TarInfo("a.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
        for name, kind in [("b.txt", tarfile.SYMTYPE), ("c.pipe", tarfile.FIFOTYPE), ("d", tarfile.DIRTYPE)]:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "a.txt" if kind == tarfile.SYMTYPE else ""
            archive.addfile(info)
    path = write(tmp_path / "a.tar", buffer.getvalue())
    items = read_path(path)
    assert len(articles(items)) == 1
    assert problems(items) == [
        Problem(f"{path}!b.txt", "a symbolic link in the archive, not a file: skipped", "warning"),
        Problem(f"{path}!c.pipe", "a FIFO in the archive, not a file: skipped", "warning"),
    ]


def test_a_zip_name_marked_utf8_that_is_not_is_read_under_a_readable_name(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("cafX.txt", seed_text(1))
        archive.writestr("plain.txt", seed_text(2))
    data = buffer.getvalue()
    for header, flags_at in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)]:  # the local header, then the directory's
        at = data.find(header)
        flags = int.from_bytes(data[at + flags_at : at + flags_at + 2], "little") | 0x800
        data = data[: at + flags_at] + flags.to_bytes(2, "little") + data[at + flags_at + 2 :]
    path = write(tmp_path / "names.zip", data.replace(b"cafX", b"caf\xe9"))
    items = read_path(path)
    assert [a.source for a in articles(items)] == [f"{path}!caf\\xe9.txt", f"{path}!plain.txt"]
    [problem] = problems(items)
    assert problem.source == str(path) and "2 members before the break" in problem.message


def test_a_tar_of_the_current_folder_is_read(tmp_path: Path) -> None:
    """`tar -czf news.tgz .` names every member ./something: the "." is not a hidden file."""
    path = write(
        tmp_path / "news.tar", tar_of({"./a.txt": seed_text(1).encode(), "./sub/b.txt": seed_text(2).encode()})
    )
    assert [a.source for a in articles(read_path(path))] == [f"{path}!./a.txt", f"{path}!./sub/b.txt"]
