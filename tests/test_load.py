"""The server under load: readers over real HTTP while `dateline ingest` writes into the same SQLite file, and a small
run of benchmarks/load.py. Outcomes only (every answer a 200, nothing refused, nothing locked); never timings."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import httpx
import pytest

from browser_support import serve
from conftest import ROOT, SEED, SHARED, write
from dateline import Corpus

NEWSCLUSTER = SHARED / "corpora" / "newscluster.jsonl"
READERS = 8
INGESTED = 16  # articles the ingest adds while the readers read: four batches of four, four commits


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not NEWSCLUSTER.exists() or not SEED.exists():
        pytest.skip(f"{SHARED} is absent: the seed and the corpora live beside the checkout")
    path = str(tmp_path_factory.mktemp("load") / "load.db")
    with Corpus.open(path) as corpus:
        assert corpus.ingest([str(SEED)]).stored == 1
    return path


def read_until(stop: threading.Event, base: str, paths: list[str], answers: Counter[str], seen: list[int]) -> None:
    """One reader: asks its way round the paths until told to stop, counting each answer's status or failure."""
    with httpx.Client(base_url=base, timeout=60) as http:
        for path in itertools.cycle(paths):
            if stop.is_set():
                return
            try:
                response = http.get(path)
            except httpx.TransportError as error:
                answers[f"failed: {error!r}"] += 1
                continue
            answers[str(response.status_code) if response.status_code < 400 else response.text] += 1
            if path == "/api/stats" and response.status_code == 200:
                seen.append(response.json()["articles"])


def test_eight_readers_during_an_ingest(db: str, tmp_path: Path) -> None:
    lines = NEWSCLUSTER.read_text(encoding="utf-8").splitlines()[:INGESTED]
    incoming = write(tmp_path / "incoming.jsonl", "".join(line + "\n" for line in lines))
    with Corpus.open(db) as corpus:
        seed_id = corpus.articles(limit=1)[0].id
        putin = corpus.entities(name="Putin", limit=1)[0].id
    paths = ["/api/stats", "/api/articles?q=Putin", f"/api/articles/{seed_id}", f"/api/entities/{putin}",
             "/api/events?actor=RUS", "/api/dyads?a=RUS&b=UKR", "/api/timeline?by=month", "/api/network",
             "/api/quotes?about=security", "/api/articles?outlet=news"]  # fmt: skip
    answers: Counter[str] = Counter()
    seen: list[int] = []
    stop = threading.Event()
    env = {**os.environ, "DATELINE_BATCH_SIZE": "4", "DATELINE_N_PROCESS": "1"}
    with serve(db) as base:
        readers = [threading.Thread(target=read_until, args=(stop, base, paths, answers, seen)) for _ in range(READERS)]
        for reader in readers:
            reader.start()
        try:
            ingest = subprocess.run(
                [sys.executable, "-m", "dateline.cli", "ingest", "--db", db, str(incoming)],
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
        finally:
            stop.set()
            for reader in readers:
                reader.join(timeout=120)
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    assert "locked" not in ingest.stdout + ingest.stderr
    assert set(answers) == {"200"}, answers.most_common(5)
    assert answers["200"] >= READERS * len(paths), answers  # every reader went round at least once during the ingest
    assert min(seen) < max(seen), seen  # the readers saw batches land while they read
    with Corpus.open(db) as corpus:
        assert corpus.stats().articles == 1 + INGESTED


def test_a_small_load_run_gets_no_5xx_and_no_failures(db: str) -> None:
    script = str(ROOT / "benchmarks" / "load.py")
    bounded = ["--levels", "8,32", "--requests", "160", "--seconds", "120", "--json"]
    run = subprocess.run([sys.executable, script, "--db", db, *bounded], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    levels = json.loads(run.stdout)
    assert [level["clients"] for level in levels] == [8, 32]
    for level in levels:
        assert level["requests"] == 160 and level["server_errors"] == 0 and level["failures"] == 0, level
