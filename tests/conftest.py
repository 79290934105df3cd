from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline import Corpus

# One spaCy process per test ingest: forking workers for a handful of articles costs more than it saves.
# test_pipeline.py runs the multi-process path on purpose.
os.environ.setdefault("DATELINE_N_PROCESS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_7a99d152a7262305.txt"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpora and gold data live beside the checkout")
    return SHARED


@pytest.fixture
def seed(shared: Path) -> Path:
    return SEED


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    with Corpus.open(str(tmp_path / "test.db")) as opened:
        yield opened


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
