"""Containers and bad bytes: every one gives articles or one clear problem naming the input."""

import gzip
import io
import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import write
from dateline.model import Article, Problem
from test_reader_seed import read_path

SEED_TEXT = (
    "date 2031-03-03 Talks resume\n>> Meridian Wire\nPublished: 03 Mar 2031 09:00 AM GMT\nTalks resumed on Monday.\n"
)


def seed_text(n: int) -> str:
    return SEED_TEXT.replace("Talks resumed", f"Talks round {n} resumed")


def articles(items: list) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items: list) -> list[Problem]:
    return [i for i in items if isinstance(i, Problem)]


def test_folders_are_read_recursively_in_order_skipping_hidden_files(tmp_path: Path) -> None:
    write(tmp_path / "b" / "deep" / "2.txt", seed_text(2))
    write(tmp_path / "a.txt", seed_text(1))
    write(tmp_path / ".hidden.txt", seed_text(9))
    write(tmp_path / ".git" / "x.txt", seed_text(9))
    found = articles(read_path(tmp_path))
    assert [a.source for a in found] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "deep" / "2.txt")]


def test_zip_gz_and_tar_gz(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("one.txt", seed_text(1))
        archive.writestr("sub/two.jsonl", json.dumps({"text": "Two."}) + "\n")
        archive.writestr("__MACOSX/._one.txt", b"\x00\x05junk")
    zipped = write(tmp_path / "bundle.zip", buffer.getvalue())
    assert [a.source for a in articles(read_path(zipped))] == [f"{zipped}!one.txt", f"{zipped}!sub/two.jsonl:1"]

    gz = write(tmp_path / "story.txt.gz", gzip.compress(seed_text(3).encode()))
    [article] = read_path(gz)
    assert isinstance(article, Article) and article.text == "Talks round 3 resumed on Monday."

    tar_path = tmp_path / "many.tar.gz"
    with tarfile.open(tar_path, "w:gz") as archive:
        for n in range(3):
            data = seed_text(n).encode()
            info = tarfile.TarInfo(f"articles/{n}.txt")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    assert len(articles(read_path(tar_path))) == 3


def test_stdin_is_read_with_a_dash(tmp_path: Path) -> None:
    script = "from dateline import Corpus; c = Corpus.open(sys.argv[1]); r = c.ingest(['-']); print(r.stored)"
    result = subprocess.run(
        [sys.executable, "-c", f"import sys; {script}", str(tmp_path / "db.sqlite")],
        input=gzip.compress(seed_text(5).encode()),
        capture_output=True,
        check=True,
    )
    assert result.stdout.strip() == b"1"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"  \n\n  \t\n", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF document)"),
        (bytes(range(256)) * 40, "binary file"),
    ],
)
def test_empty_and_binary_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = write(tmp_path / "bad.txt", content)
    [problem] = read_path(path)
    assert isinstance(problem, Problem)
    assert problem.source == str(path) and message in problem.message


@pytest.mark.parametrize(
    ("encoded", "warned"),
    [
        ("utf-8-sig", False),
        ("utf-16", False),  # with a byte-order mark
        ("utf-16-le", False),  # without one
        ("cp1252", True),
        ("latin-1", True),
    ],
)
def test_encodings(tmp_path: Path, encoded: str, warned: bool) -> None:
    text = "date 2031-03-03 Café talks\n>> Le Monde Régional\nLe président a déclaré « c’est un début » lundi.\n"
    if encoded == "latin-1":
        text = text.replace("’", "'")
    path = write(tmp_path / "enc.txt", text.encode(encoded))
    [article] = read_path(path)
    assert isinstance(article, Article), article
    assert article.title == "Café talks" and article.outlet == "Le Monde Régional"
    assert "déclaré « c" in article.text
    assert bool(article.warnings) == warned
    if warned:
        assert "not valid UTF-8" in article.warnings[0]


def test_truncated_gzip_is_reported(tmp_path: Path) -> None:
    data = gzip.compress((seed_text(1) + "More text. " * 5000).encode())
    path = write(tmp_path / "cut.txt.gz", data[: len(data) // 2])
    [problem] = read_path(path)
    assert isinstance(problem, Problem) and problem.source == str(path)
    assert "truncated or corrupt" in problem.message


def test_truncated_tar_gz_keeps_the_members_before_the_break(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for n in range(40):
            data = (seed_text(n) + f"Filler {n} " * 2000).encode()
            info = tarfile.TarInfo(f"{n:02}.txt")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    data = buffer.getvalue()
    path = write(tmp_path / "cut.tar.gz", data[: len(data) * 2 // 3])
    items = read_path(path)
    assert 0 < len(articles(items)) < 40
    [problem] = problems(items)
    assert problem.source == str(path) and "members before the break were read" in problem.message


def test_zip_bomb_and_size_cap(tmp_path: Path) -> None:
    from dateline.inputs import documents
    from dateline.readers import read

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"0" * (3 * 1024 * 1024))
        archive.writestr("fine.txt", seed_text(1))
    path = write(tmp_path / "bomb.zip", buffer.getvalue())
    assert path.stat().st_size < 20_000
    items = [i for d in documents([str(path)], 1024 * 1024) for i in ([d] if isinstance(d, Problem) else read(d))]
    [problem] = problems(items)
    assert problem.source == f"{path}!bomb.txt" and "size limit of 1 MB" in problem.message
    assert len(articles(items)) == 1

    big = write(tmp_path / "big.txt", seed_text(1) + "x" * (2 * 1024 * 1024))
    [problem] = [i for d in documents([str(big)], 1024 * 1024) for i in ([d] if isinstance(d, Problem) else read(d))]
    assert isinstance(problem, Problem) and "over the size limit of 1 MB" in problem.message


def test_missing_paths_are_named(tmp_path: Path) -> None:
    [problem] = read_path(tmp_path / "nope.txt")
    assert isinstance(problem, Problem) and problem.message == "no such file or folder"
