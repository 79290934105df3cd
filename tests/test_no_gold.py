"""No text from the gold evaluation data in the repository's code, data or tests.

The gold files in ../shared/eval belong to their publishers and annotators: examples in comments, docstrings, data
files and tests are invented, never taken from them. This test fails when any run of eight words of a gold text
appears in a file under src/ or tests/, and names the file and line (never the words themselves).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
RUN = 8  # words in a row
FIELDS = ("text", "title", "description")
SUFFIXES = {".py", ".tsv", ".txt", ".json", ".jsonl", ".md"}
SKIPPED = (ROOT / "src" / "dateline" / "web" / "static" / "vendor",)  # third-party files, with their own licences
_WORD = re.compile(r"[A-Za-z']+")


def _runs(words: list[str]) -> Iterator[tuple[int, str]]:
    for i in range(len(words) - RUN + 1):
        yield i, " ".join(words[i : i + RUN])


def _gold_runs(folder: Path) -> dict[str, str]:
    """Every run of eight words of every gold text, lower case, and the record it comes from ("file id")."""
    runs: dict[str, str] = {}
    for path in sorted(folder.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                record = json.loads(line)
                where = f"{path.relative_to(folder)} record {record.get('id') or f'on line {number}'}"
                for field in FIELDS:
                    value = record.get(field)
                    if isinstance(value, str):
                        for _, run in _runs(_WORD.findall(value.lower())):
                            runs.setdefault(run, where)
    return runs


def _ours() -> Iterator[Path]:
    for top in ("src", "tests"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and not any(path.is_relative_to(s) for s in SKIPPED):
                yield path


def _words_with_lines(text: str) -> tuple[list[str], list[int]]:
    """The file's words, lower case, and the line each is on: runs may go on across a line break."""
    words: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(text.split("\n"), 1):
        found = _WORD.findall(line.lower())
        words.extend(found)
        lines.extend([number] * len(found))
    return words, lines


def test_no_gold_text_is_quoted_in_src_or_tests() -> None:
    if not EVAL.is_dir():
        pytest.skip(f"{EVAL} is absent: the gold data lives in ../shared beside the checkout")
    gold = _gold_runs(EVAL)
    assert gold, f"no gold texts read from {EVAL}"
    found: list[str] = []
    for path in _ours():
        words, lines = _words_with_lines(path.read_text(encoding="utf-8", errors="replace"))
        seen: set[int] = set()
        for i, run in _runs(words):
            if run in gold and lines[i] not in seen:
                seen.add(lines[i])
                found.append(f"{path.relative_to(ROOT)}:{lines[i]}: eight words in a row from {gold[run]}")
    assert not found, "gold text in the repository (write an invented example instead):\n" + "\n".join(found)
