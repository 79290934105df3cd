"""The Dask ingest: speed against a single-process ingest, what the store writer can absorb, and memory.

    .venv/bin/python benchmarks/dask_ingest.py [--articles 1000] [--memory-articles 100000]

1. Throughput: the first --articles BBC articles, ingested by `dateline ingest` into fresh SQLite files with every
   reading stage, once in one process (--processes 1), once with the local worker pool (--processes 2), and once
   with `--dask local:2`: articles/s (wall clock of the command, start-up included) and the Dask/single ratio.
2. The store writer's absorbable rate: the articles and annotations of run 1, read back and written again into a
   fresh SQLite file in batches, so annotation costs nothing: articles/s this process can store.
3. A projection to N workers from the measured per-worker rate and the writer's rate.
4. Memory: synthetic corpora (new mixes of BBC sentences, as benchmarks/ingest.py writes them) of a tenth of
   --memory-articles and of all of them, ingested with `--dask local:2 --no-extract` (reading, partitioning,
   shipping and storing; full spaCy over 100,000 articles would take hours here): peak RSS of the main process and
   of the largest worker, sampled every 0.2 s. The peak RSS of a worker with the spaCy model comes from run 1.
Figures only; nothing is asserted. The load average is printed beside each run; benchmarks/results/dask_ingest.json
keeps every figure with the machine's load over the whole run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from dateline import Corpus, Settings
from dateline.ingest import storing
from dateline.store import Store
from ingest import BBC, synthetic_corpus
from record import Measured

DATELINE = Path(sys.executable).with_name("dateline")
PROJECTED_WORKERS = (1, 2, 4, 8, 16, 32, 64)


@dataclass
class Run:
    seconds: float
    main_mb: float
    worker_mb: float
    load: float  # the 1-minute load average when the run ended: other engineers share these 2 cores

    def rate(self, articles: int) -> float:
        return articles / self.seconds


def ingest(paths: list[Path], db: Path, *options: str) -> Run:
    """`dateline ingest` in a child process, with the peak RSS of it and of its largest child (a worker)."""
    command = [str(DATELINE), "ingest", "-q", "--db", str(db), *options, *map(str, paths)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks = {"main": 0, "worker": 0}

    def sample() -> None:
        main = psutil.Process(child.pid)
        while child.poll() is None:
            try:
                peaks["main"] = max(peaks["main"], main.memory_info().rss)
                for worker in main.children(recursive=True):
                    peaks["worker"] = max(peaks["worker"], worker.memory_info().rss)
            except psutil.Error:
                pass  # a process that ended between the listing and the reading
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, stderr = child.communicate()
    sampler.join()
    if child.returncode not in (0, 1):  # 1: some inputs could not be read, which the figures allow
        sys.exit(f"{' '.join(command)} failed:\n{stderr}")
    seconds = time.perf_counter() - started
    return Run(seconds, peaks["main"] / 2**20, peaks["worker"] / 2**20, os.getloadavg()[0])


def absorbable_rate(source: Path, folder: Path) -> tuple[float, int]:
    """Articles/s the store writes when what was found in them is already known: run 1's articles and annotations
    read back, then written into a fresh SQLite file in batches of the usual size."""
    settings = Settings()
    with Corpus.open(str(source)) as corpus:
        pending = [
            (article, corpus.store.annotations(article))
            for batch in corpus.store.stored_articles(settings.batch_size)
            for article in batch
        ]
    store = Store.open(str(folder / "absorb.db"))
    try:
        started = time.perf_counter()
        for start in range(0, len(pending), settings.batch_size):
            storing.write(store, pending[start : start + settings.batch_size], settings)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    return len(pending) / seconds, len(pending)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="BBC articles for the throughput runs")
    parser.add_argument("--memory-articles", type=int, default=100_000)
    args = parser.parse_args()
    if not BBC.exists():
        sys.exit(f"{BBC} is missing: the benchmark reads the shared corpora beside the checkout")

    with Measured("dask_ingest") as measured, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bbc = folder / "bbc.jsonl"
        with BBC.open(encoding="utf-8") as lines, bbc.open("w", encoding="utf-8") as out:
            out.writelines(line for _, line in zip(range(args.articles), lines, strict=False))
        n = sum(1 for _ in bbc.open(encoding="utf-8"))
        print(f"throughput: {n:,} BBC articles, every reading stage, fresh SQLite files; load average at start "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
        single = ingest([bbc], folder / "single.db", "--processes", "1")
        pool = ingest([bbc], folder / "pool.db", "--processes", "2")
        dask = ingest([bbc], folder / "dask.db", "--dask", "local:2")
        for name, run in (("1 process", single), ("local pool, 2 processes", pool), ("--dask local:2", dask)):
            print(f"  {name:<26}{run.rate(n):>7.1f} articles/s  {run.seconds:>6.0f} s  main {run.main_mb:>5.0f} MB  "
                  f"largest worker {run.worker_mb:>5.0f} MB  load {run.load:.1f}")  # fmt: skip
        print(f"  --dask local:2 / 1 process: {dask.rate(n) / single.rate(n):.2f}x (target >= 1.7x)")

        absorbable, written = absorbable_rate(folder / "single.db", folder)
        print(f"store writer, SQLite, annotation free: {absorbable:,.0f} articles/s ({written:,} articles with "
              "their annotations, batches of 500)")  # fmt: skip
        per_worker = single.rate(n)
        print(
            f"projection: a worker reads {per_worker:.1f} articles/s (one process, this machine); the writer "
            f"absorbs {absorbable:,.0f}/s, so it keeps up with about {absorbable / per_worker:,.0f} workers"
        )
        for workers in PROJECTED_WORKERS:
            projected = min(workers * per_worker, absorbable)
            bound = "writer-bound" if workers * per_worker > absorbable else "worker-bound"
            print(f"  {workers:>3} workers: {projected:>8,.0f} articles/s  ({bound})")

        paths = synthetic_corpus(folder, args.memory_articles)
        small = paths[: max(1, len(paths) // 10)]
        print(f"memory: synthetic articles, --dask local:2 --no-extract (no spaCy), load {os.getloadavg()[0]:.1f}")
        memory = []
        for count, files in ((args.memory_articles // 10, small), (args.memory_articles, paths)):
            run = ingest(files, folder / f"memory-{count}.db", "--dask", "local:2", "--no-extract")
            print(f"  {count:>8,} articles: {run.rate(count):>6,.0f} articles/s  peak RSS main {run.main_mb:>5.0f} MB"
                  f"  largest worker {run.worker_mb:>5.0f} MB  load {run.load:.1f}")  # fmt: skip
            memory.append({"articles": count, "articles_per_s": run.rate(count), "main_mb": run.main_mb,
                           "worker_mb": run.worker_mb, "load": run.load})  # fmt: skip
        runs = {"1 process": single, "local pool, 2 processes": pool, "--dask local:2": dask}
        measured.figures.update(
            articles=n,
            runs={name: {"articles_per_s": r.rate(n), "main_mb": r.main_mb, "worker_mb": r.worker_mb, "load": r.load}
                  for name, r in runs.items()},
            dask_over_single=dask.rate(n) / single.rate(n),
            writer_articles_per_s=absorbable,
            writer_articles=written,
            projection={workers: min(workers * per_worker, absorbable) for workers in PROJECTED_WORKERS},
            memory=memory,
        )  # fmt: skip


if __name__ == "__main__":
    main()
