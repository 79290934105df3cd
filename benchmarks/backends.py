"""SQLite against PostgreSQL, side by side in one run: ingest rate and query latency on the same articles.

    .venv/bin/python benchmarks/backends.py [--extract-articles 100] [--repeats 20] [--postgres URL]

1. Ingest without extraction (--no-extract: read, deduplicate, store, index) of bbc.jsonl (2,225 articles) into a
   fresh SQLite file and a fresh PostgreSQL database: articles/s.
2. Ingest with every extractor of the first --extract-articles BBC articles, the same way (the spaCy model is loaded
   before either run, so neither pays for it).
3. Query latency, the median of --repeats runs of each query through the Python API: full-text searches and
   article lookups on the BBC databases, event listings and a dyad on the extracted ones.
PostgreSQL is a throw-away local server (tests/pg_support.py, with fsync on) unless --postgres names a server whose
user may create databases. Every ratio is PostgreSQL's figure over SQLite's. Writes benchmarks/results/backends.json.
Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from dateline import Corpus, Settings
from dateline.pipeline import nlp
from record import Measured

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpora" / "bbc.jsonl"
sys.path.insert(0, str(ROOT / "tests"))

import pg_support  # noqa: E402  (the tests' throw-away server)

SEARCHES = ["economy", "oil prices", '"chief executive"', "film OR music", "elect*", "market NOT stock"]


@contextmanager
def postgres_server(url: str | None) -> Iterator[Callable[[], str]]:
    """A function that makes a new database and returns its URL."""
    if url:
        admin = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")

        def database() -> str:
            name = f"bench_{uuid.uuid4().hex[:10]}"
            with admin.connect() as connection:
                connection.exec_driver_sql(f"CREATE DATABASE {name}")
            return str(sa.make_url(url).set(database=name).render_as_string(hide_password=False))

        yield database
        admin.dispose()
        return
    cluster = pg_support.Cluster(durable=True)
    try:
        yield cluster.database
    finally:
        cluster.stop()


def ingest(database: str, paths: list[str], settings: Settings) -> tuple[float, int]:
    with Corpus.open(database, settings) as corpus:
        started = time.perf_counter()
        report = corpus.ingest(paths)
        return report.read / (time.perf_counter() - started), report.stored


def server_version(url: str) -> str:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        version = str(connection.exec_driver_sql("SHOW server_version").scalar())
    engine.dispose()
    return version


def median_ms(action: Callable[[], Any], repeats: int) -> float:
    action()  # warm: connection made, pages cached
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def queries(corpus: Corpus, extracted: Corpus) -> dict[str, Callable[[], Any]]:
    some = corpus.articles(limit=50)[-1].id
    found: dict[str, Callable[[], Any]] = {f"search {q}": (lambda q=q: corpus.search(q)) for q in SEARCHES}
    found["article by id"] = lambda: corpus.article(some)
    found["articles, newest 20"] = lambda: corpus.articles()
    read = extracted.articles(limit=1)[0].id
    found["article with annotations"] = lambda: extracted.annotations(read)
    found["events, newest 20"] = lambda: extracted.events()
    found["events --source GBR"] = lambda: extracted.events(source="GBR", limit=None)
    found["events --code 0*"] = lambda: extracted.events(code="0*", limit=None)
    found["quotes --about"] = lambda: extracted.quotes(about="government OR minister")
    found["dyad GBR USA by month"] = lambda: extracted.dyad("GBR", "USA", by="month")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--extract-articles", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--postgres", help="postgresql://USER@HOST/DB on a server where USER may create databases")
    args = parser.parse_args()
    lines = BBC.read_text(encoding="utf-8").splitlines()
    plain, extracting = Settings.from_env(extract=False), Settings.from_env(extract=True)
    nlp.load(extracting.model)  # loaded once, before both runs; worker processes inherit it
    with (
        Measured("backends") as run,
        tempfile.TemporaryDirectory() as tmp,
        postgres_server(args.postgres) as new_postgres,
    ):
        folder = Path(tmp)
        sample = folder / "sample.jsonl"
        sample.write_text("\n".join(lines[: args.extract_articles]) + "\n", encoding="utf-8")
        databases = {"sqlite": (str(folder / "bbc.db"), str(folder / "read.db"))}
        databases["postgresql"] = (new_postgres(), new_postgres())
        rates: dict[str, dict[str, float]] = {}
        for backend, (bbc, read) in databases.items():
            plain_rate, stored = ingest(bbc, [str(BBC)], plain)
            extract_rate, _ = ingest(read, [str(sample)], extracting)
            rates[backend] = {"plain": plain_rate, "extract": extract_rate}
            print(f"{backend}: {stored:,} BBC articles stored", file=sys.stderr)
        latency: dict[str, dict[str, float]] = {}
        for backend, (bbc, read) in databases.items():
            with Corpus.open(bbc) as corpus, Corpus.open(read) as extracted:
                latency[backend] = {
                    name: median_ms(action, args.repeats) for name, action in queries(corpus, extracted).items()
                }
        run.figures.update(
            articles=len(lines), extract_articles=args.extract_articles, repeats=args.repeats, ingest=rates,
            latency_ms=latency, postgres_version=server_version(databases["postgresql"][0]),
        )  # fmt: skip
    print(f"\nIngest, articles/s ({len(lines):,} BBC articles; {args.extract_articles} with extraction)")
    print(f"{'':34} {'SQLite':>10} {'PostgreSQL':>12} {'ratio':>7}")
    for key, label in (("plain", "--no-extract"), ("extract", "with extraction")):
        lite, pg = rates["sqlite"][key], rates["postgresql"][key]
        print(f"{label:34} {lite:10.1f} {pg:12.1f} {pg / lite:7.2f}")
    print(f"\nQuery latency, median ms of {args.repeats} runs")
    print(f"{'':34} {'SQLite':>10} {'PostgreSQL':>12} {'ratio':>7}")
    for name, lite in latency["sqlite"].items():
        pg = latency["postgresql"][name]
        print(f"{name:34} {lite:10.2f} {pg:12.2f} {pg / lite:7.2f}")


if __name__ == "__main__":
    main()
