"""Crashes (issue 7): `dateline ingest` killed with SIGKILL at several moments, a full disk, a read-only database.
Each leaves an SQLite file that passes integrity_check, holds every article it stored whole (each with all of the
annotations a clean ingest gives it, or not at all), and keeps its full-text index in step with the articles; a
rerun stores the rest, each article exactly once.

Reproduce: ``.venv/bin/pytest -q tests/test_crashes.py``.
"""

from __future__ import annotations

import ctypes
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import SHARED
from dateline import Corpus
from dateline.config import Settings
from dateline.errors import DatabaseError

DATELINE = str(Path(sys.executable).with_name("dateline"))
BATCH = 10
# Every table that holds rows of one article: after a crash each article has all of its rows, or is not there.
PER_ARTICLE = ["article_authors", "signatures", "lsh_bands", "processing", "mentions", "quotes", "times", "places"]
PER_ARTICLE += ["events", "summaries"]
Snapshot = dict[str, Counter[str]]  # article id -> rows per table


def corpus_files() -> list[str]:
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpora live beside the checkout")
    return [str(path) for path in sorted((SHARED / "corpora" / "seedfmt" / "newscluster").glob("*.txt"))[:60]]


def ingest(db: Path, files: list[str], *options: str, **popen: object) -> subprocess.Popen[bytes]:
    """`dateline ingest` with extraction, one spaCy process, a store transaction every BATCH articles."""
    env = {**os.environ, "DATELINE_BATCH_SIZE": str(BATCH), "DATELINE_N_PROCESS": "1"}
    command = [DATELINE, "ingest", *files, "--db", str(db), "--quiet", *options]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)  # type: ignore[call-overload]


def finished(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=600)
    return process.returncode, stderr.decode()


def snapshot(db: Path) -> Snapshot:
    """Rows per article in every per-article table, after checking the file and its full-text indexes."""
    with closing(sqlite3.connect(db)) as connection:  # closed, so that the last one out removes the WAL files
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for index in ("articles_fts", "quotes_fts"):  # rank 1: the index checked against its content table too
            connection.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
        ids = dict(connection.execute("SELECT pk, id FROM articles"))
        rows: Snapshot = {article: Counter() for article in ids.values()}
        for table in PER_ARTICLE:
            for pk, count in connection.execute(f"SELECT article_pk, count(*) FROM {table} GROUP BY article_pk"):
                rows[ids[pk]][table] = count
    return rows


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """What an ingest that nobody interrupts stores."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    code, stderr = finished(ingest(db, corpus_files()))
    assert code == 0, stderr
    rows = snapshot(db)
    assert len(rows) == len(corpus_files()) and sum(r["mentions"] for r in rows.values()) > 0
    return rows


def stored(db: Path) -> int:
    """Articles committed so far, read beside the running ingest (WAL lets a reader in while it writes)."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def writing(db: Path) -> bool:
    """Whether the ingest holds the write lock now, inside its store transaction."""
    connection = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        return "locked" in str(error)
    finally:
        connection.close()


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes], pause: float = 0.01) -> None:
    while not condition():
        assert process.poll() is None, "the ingest ended before the moment to kill it came"
        time.sleep(pause)


def early(db: Path, process: subprocess.Popen[bytes]) -> None:
    time.sleep(0.5)  # still loading: the database is being created and migrated, or not yet opened


def mid_batch(db: Path, process: subprocess.Popen[bytes]) -> None:
    wait_for(lambda: stored(db) >= BATCH, process)  # a batch is stored: the next one is being read and parsed


def in_store_transaction(db: Path, process: subprocess.Popen[bytes]) -> None:
    wait_for(lambda: stored(db) >= BATCH, process)
    wait_for(lambda: writing(db), process, pause=0.001)


@pytest.mark.parametrize("moment", [early, mid_batch, in_store_transaction], ids=lambda moment: moment.__name__)
def test_an_ingest_killed_at_any_moment_loses_nothing_and_stores_nothing_twice(
    moment: Callable[[Path, subprocess.Popen[bytes]], None], clean: Snapshot, tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    process = ingest(db, corpus_files(), start_new_session=True)
    moment(db, process)
    os.killpg(process.pid, signal.SIGKILL)
    assert finished(process)[0] == -signal.SIGKILL
    if db.exists():  # whatever was committed before the kill is whole
        for article, rows in snapshot(db).items():
            assert rows == clean[article], f"article {article} stored in part"
    code, stderr = finished(ingest(db, corpus_files()))
    assert code == 0, stderr
    assert snapshot(db) == clean  # every article once, each with everything a clean ingest gives it


def seed_articles(db: Path, count: int) -> Snapshot:
    """An earlier ingest whose articles must survive what comes next; what it stored."""
    code, stderr = finished(ingest(db, corpus_files()[:count]))
    assert code == 0, stderr
    return snapshot(db)


def assert_kept(db: Path, before: Snapshot, clean: Snapshot) -> None:
    """Everything stored before is there as it was; anything stored since is whole."""
    after = snapshot(db)
    assert {article: after.get(article) for article in before} == before
    for article, rows in after.items():
        assert rows == clean[article], f"article {article} stored in part"


def test_a_full_disk_stops_the_ingest_with_an_error_naming_the_database(tmp_path: Path, clean: Snapshot) -> None:
    db = tmp_path / "full.db"
    before = seed_articles(db, BATCH)
    with Corpus.open(str(db), Settings.from_env(extract=False)) as corpus:
        with corpus.store.engine.connect() as connection:
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
        corpus.store.engine.dispose()  # new connections, each allowed only a few pages more than the file has now
        sa.event.listen(corpus.store.engine, "connect", lambda c, _: c.execute(f"PRAGMA max_page_count = {pages + 8}"))
        with pytest.raises(DatabaseError, match=re.escape(f"{db}: cannot store (database or disk is full)")):
            corpus.ingest(corpus_files()[BATCH:])
    assert_kept(db, before, clean)


def test_a_file_size_limit_stops_the_cli_with_a_clear_error(tmp_path: Path) -> None:
    """The disk filling up under the command line: writes past a size limit fail, as on a full disk. Without
    extraction, whose language model unpacks itself into a temporary file that the limit would stop first."""
    db = tmp_path / "full.db"
    before = seed_articles(db, BATCH)
    limit = 64 * 1024  # the write-ahead log outgrows it in the first batch

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # Python ignores SIGXFSZ: writes fail instead

    code, stderr = finished(ingest(db, corpus_files()[BATCH:], "--no-extract", preexec_fn=small_disk))
    assert code == 1
    assert f"error: sqlite:///{db}: cannot store (" in " ".join(stderr.split()), stderr
    assert "Traceback" not in stderr
    assert snapshot(db) == before


def without_permission_override() -> None:
    """Make file permissions bind the child, even as root: drop the capabilities that let root write anyway."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, from the bounding set
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop root's permission override")


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Makes paths read-only for the test, and writable again after it so that pytest can clean up."""
    made: list[Path] = []

    def make(path: Path) -> None:
        path.chmod(0o555 if path.is_dir() else 0o444)
        made.append(path)

    yield make
    for path in made:
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_is_an_error_naming_it_and_stays_as_it_was(
    what: str, tmp_path: Path, read_only: Callable[[Path], None], clean: Snapshot
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "stored.db"
    before = seed_articles(db, BATCH)
    read_only(db if what == "file" else folder)
    try:
        process = ingest(db, corpus_files()[BATCH:], preexec_fn=without_permission_override)
    except subprocess.SubprocessError as error:
        pytest.skip(f"root's permission override cannot be dropped here ({error})")
    code, stderr = finished(process)
    assert code == 1
    message = " ".join(stderr.split())
    assert message.startswith("error: ") and f"{db}: " in message and "readonly database" in message, stderr
    assert "Traceback" not in stderr
    assert_kept(db, before, clean)


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``, as /proc lists them."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != pid and parent_and_state(int(entry.name))[0] == pid:
            found.add(int(entry.name))
    return found


def parent_and_state(pid: int) -> tuple[int | None, str | None]:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # gone
        return None, None
    state, parent = stat.rpartition(")")[2].split()[:2]  # the name before it may hold spaces and brackets
    return int(parent), state


def running(pid: int) -> bool:
    return parent_and_state(pid)[1] not in (None, "Z")  # a zombie is dead, waiting for its new parent to reap it


def workers_of(process: subprocess.Popen[bytes], count: int) -> set[int]:
    """The processes the ingest has started, once there are ``count`` of them."""
    while len(found := children(process.pid)) < count:
        assert process.poll() is None, "the ingest ended before its workers started"
        time.sleep(0.05)
    return found


def test_the_spacy_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    """kill -9 of an ingest with worker processes left its workers running, ~300 MB each (issue 12, item 14)."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to find the workers")
    process = ingest(tmp_path / "x.db", corpus_files(), "--processes", "2")
    workers: set[int] = set()
    try:
        workers = workers_of(process, 2)
        process.kill()
        assert process.wait(timeout=60) == -signal.SIGKILL  # not communicate(): a live worker holds its pipes open
        deadline = time.monotonic() + 60  # a worker that outlives its parent stays for good: only that takes this long
        while any(map(running, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if running(pid)], "workers outlived the ingest"
    finally:
        process.kill()
        for pid in workers:
            if running(pid):
                os.kill(pid, signal.SIGKILL)  # started by this test's ingest: not to be left behind
