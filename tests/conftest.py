from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import pg_support
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


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg_support.Cluster]:
    """A throw-away PostgreSQL 15 server for the whole run, started by the first test that needs it."""
    if not pg_support.available():
        pytest.skip(f"PostgreSQL 15 is not installed ({pg_support.BIN}): `make test` installs it")
    cluster = pg_support.Cluster()
    yield cluster
    cluster.stop()


def new_database(request: pytest.FixtureRequest, folder: Path) -> str:
    """A new, empty database on the backend ``request.param`` names: an SQLite file in ``folder``, or a database on
    the test PostgreSQL server."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres").database())
    return str(folder / "test.db")


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL (or path) of a new, empty database, once on each backend."""
    return new_database(request, tmp_path)


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
