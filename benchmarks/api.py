"""REST API latency over a 100,000-article database, beside the same search straight on SQLite FTS5.

    .venv/bin/python benchmarks/api.py [--articles 100000] [--rounds 40] [--cache DIR]

1. The real corpora in ../shared (the seed article, BBC, Google News, NewsCluster and NewsCluster's seed-format
   copies: about 2,800 articles) are ingested with the full reading pipeline into DIR/corpora.db, once.
2. That database is copied and multiplied by SQL to --articles articles (DIR/api-100000.db, built once and reused
   while present: delete it to rebuild). Copy k of an article gets fresh ids (article, story, quotes, events, event
   groups, times, places) and a fresh publication day in 2015-2024 (the undated BBC articles get one too); the
   event dates its sentences gave move with it, and an event dated by an undated article's publication takes the
   new day, as ingest would have. Every annotation (mentions, quotes, times, places, events, summaries, authors) is
   copied onto the copy, and the full-text indexes are filled for the copies. Entities stay shared, as the same
   people recur through a real corpus; near-duplicate signatures are not copied (nothing here reads them).
3. Each endpoint is asked --rounds times through the ASGI app (Starlette's TestClient over httpx: the real routing,
   validation, SQL and JSON, no network), cycling through a spread of queries; p50 and p95 in milliseconds. The
   search queries also run straight on SQLite FTS5 (the best 20 by bm25, with their snippets), for the ratio.
Figures only, nothing asserted; timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from record import Measured

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = SHARED / "corpora"
SOURCES = [SHARED / "seed", *(CORPORA / name for name in ("bbc.jsonl", "googlenews.jsonl", "newscluster.jsonl"))]
FIRST_DAY, DAYS = date(2015, 1, 1), 3652  # copies are published over 2015-2024

# What a user types, and the same search in FTS5's own syntax for the raw baseline
SEARCHES = {
    "government": '"government"',
    "election": '"election"',
    "oil prices": '"oil" AND "prices"',
    '"interest rates"': '"interest rates"',
    "Putin": '"Putin"',
    "football": '"football"',
    "music award": '"music" AND "award"',
    "china": '"china"',
    "police investigation": '"police" AND "investigation"',
    "market*": '"market"*',
    "Trump OR Obama": '"Trump" OR "Obama"',
    "security council": '"security" AND "council"',
}
DYADS = [("RUS", "USA"), ("USA", "CHN"), ("GBR", "USA"), ("USA", "PRK"), ("RUS", "UKR"), ("IGO", "GBR")]
RAW_FTS = (
    "SELECT rowid, bm25(articles_fts, 4.0, 1.0) AS rank, snippet(articles_fts, 1, char(2), char(3), '…', 24) "
    "FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20"
)
ID_COLUMNS = {"quotes": ["id"], "times": ["id"], "places": ["id"], "events": ["id", "group_id", "quote_id"],
              "summaries": ["event_id"]}  # fmt: skip


def base_database(cache: Path) -> Path:
    path = cache / "corpora.db"
    if path.exists():
        return path
    from dateline import Corpus

    sources = [str(p) for p in SOURCES] + sorted(str(p) for p in (CORPORA / "seedfmt").rglob("*.txt"))
    started = time.perf_counter()
    building = cache / "corpora.building.db"
    with Corpus.open(str(building)) as corpus:
        report = corpus.ingest(sources)
    building.rename(path)
    print(f"ingested the corpora: {report.stored:,} articles in {time.perf_counter() - started:,.0f} s", flush=True)
    return path


def multiplied(base: Path, cache: Path, articles: int) -> Path:
    path = cache / f"api-{articles}.db"
    if path.exists():
        return path
    started = time.perf_counter()
    building = cache / f"api-{articles}.building.db"
    for leftover in cache.glob(f"{building.name}*"):  # a broken build's WAL would be read into the fresh copy
        leftover.unlink()
    shutil.copy(base, building)
    with closing(sqlite3.connect(building)) as db, db:
        _multiply(db, articles)
    building.rename(path)
    print(f"built {path.name}: {articles:,} articles in {time.perf_counter() - started:,.0f} s", flush=True)
    return path


def _multiply(db: sqlite3.Connection, target: int) -> None:
    rows = db.execute("SELECT pk, published FROM articles ORDER BY pk").fetchall()
    stride = rows[-1][0]
    rng = random.Random(7)
    plan = []
    for index in range(target - len(rows)):
        copy, (pk, published) = index // len(rows) + 1, rows[index % len(rows)]
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        shift = (day - date.fromisoformat(published[:10])).days if published else None
        new = day.isoformat() + (published[10:] if published else "")
        plan.append((copy, pk, pk + copy * stride, f"z{copy:03x}", shift, new))  # hex ids never start with z
    db.execute("CREATE TEMP TABLE copy_of (k, old_pk, new_pk, prefix, shift, published)")
    db.executemany("INSERT INTO copy_of VALUES (?, ?, ?, ?, ?, ?)", plan)
    db.execute("CREATE INDEX temp.copy_of_old ON copy_of (old_pk)")
    last_quote = db.execute("SELECT coalesce(max(pk), 0) FROM quotes").fetchone()[0]
    db.execute(
        "INSERT INTO articles (pk, id, story_id, title, outlet, url, published, updated, date_line, language, "
        "format, source, authors, paragraphs, warnings, text, ingested_at) "
        "SELECT c.new_pk, c.prefix || substr(a.id, 5), c.prefix || substr(a.story_id, 5), a.title, a.outlet, a.url, "
        "c.published, NULL, NULL, a.language, a.format, a.source, a.authors, a.paragraphs, a.warnings, a.text, "
        "a.ingested_at FROM copy_of c JOIN articles a ON a.pk = c.old_pk"
    )
    for table in ("article_authors", "processing", "mentions", "quotes", "times", "places", "events", "summaries"):
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if not (r[1] == "pk" and r[5])]
        values = [_copied(table, column) for column in columns]
        db.execute(
            f"INSERT INTO {table} ({', '.join(map(_quoted, columns))}) SELECT {', '.join(values)} "
            f"FROM copy_of c JOIN {table} t ON t.article_pk = c.old_pk"
        )
    db.execute(
        f"INSERT INTO articles_fts (rowid, title, text) SELECT pk, coalesce(title, ''), text FROM articles "
        f"WHERE pk > {stride}"
    )
    db.execute(f"INSERT INTO quotes_fts (rowid, text) SELECT pk, text FROM quotes WHERE pk > {last_quote}")


def _copied(table: str, column: str) -> str:
    """The SQL for a column of a copied row: ids get the copy's prefix, dates move with the article."""
    if column == "article_pk":
        return "c.new_pk"
    if column in ID_COLUMNS.get(table, []):
        return f"CASE WHEN t.{column} IS NULL THEN NULL ELSE c.prefix || substr(t.{column}, 5) END"
    if table == "events" and column == "date":
        return ("CASE WHEN t.date = '' THEN substr(c.published, 1, 10) WHEN length(t.date) = 10 AND c.shift IS NOT "
                "NULL THEN date(t.date, c.shift || ' days') ELSE t.date END")  # fmt: skip
    if table == "events" and column in ("date_source", "date_precision"):
        filled = "'published'" if column == "date_source" else "'day'"
        return f"CASE WHEN t.date = '' THEN {filled} ELSE t.{column} END"
    return f"t.{_quoted(column)}"


def _quoted(column: str) -> str:
    return f'"{column}"'


def timed(call: Callable[[], object], rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each call: on a shared machine the wall clock also counts the time other
    processes held the cores, the process's CPU time does not."""
    call()  # warm the page cache and the statement cache
    wall, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def cycling(calls: list[Callable[[], object]]) -> Callable[[], object]:
    state = {"next": 0}

    def call() -> object:
        state["next"] += 1
        return calls[state["next"] % len(calls)]()

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "dateline-api-bench")
    args = parser.parse_args()
    if not CORPORA.is_dir():
        sys.exit(f"{CORPORA} is missing: the benchmark reads the shared corpora beside the checkout")
    args.cache.mkdir(parents=True, exist_ok=True)
    path = multiplied(base_database(args.cache), args.cache, args.articles)
    with Measured("api") as run:
        run.figures.update(measure(path, args.rounds))


def measure(path: Path, rounds: int) -> dict[str, object]:

    from fastapi.testclient import TestClient

    from dateline.web import create_app

    client = TestClient(create_app(str(path)))

    def get(url: str) -> Callable[[], object]:
        def call() -> object:
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code} {response.text[:300]}")
            return response.json()

        return call

    stats = client.get("/api/stats").json()
    print(f"database: {stats['articles']:,} articles, {path.stat().st_size / 1e6:,.0f} MB ({path})")
    rng = random.Random(11)
    article_ids = [item["id"] for item in client.get("/api/articles?limit=500&offset=20000").json()["items"]]
    entity_ids = [item["id"] for item in client.get("/api/entities?limit=60").json()["items"]]
    people = [item["id"] for item in client.get("/api/entities?kind=PERSON&limit=20").json()["items"]]
    cases: dict[str, list[str]] = {
        "search": [f"/api/articles?q={quote(q)}" for q in SEARCHES],
        "article": [f"/api/articles/{i}" for i in rng.sample(article_ids, 40)],
        "entity (actor page)": [f"/api/entities/{i}" for i in entity_ids[:20] + people],
        "dyad": [f"/api/dyads?a={a}&b={b}&by={by}" for a, b in DYADS for by in ("week", "month")],
        "events": ["/api/events", "/api/events?actor=USA", "/api/events?code=11*", "/api/events?dyad=RUS,USA",
                   "/api/events?plover=ACCUSE&since=2020-01-01", f"/api/events?entity_id={people[0]}",
                   "/api/events?quad_class=4&offset=200"],
        "timeline": ["/api/timeline?by=week", "/api/timeline?by=month&actor=USA",
                     "/api/timeline?by=day&since=2020-01-01", "/api/timeline?by=month&plover=ACCUSE",
                     "/api/timeline?by=week&q=election"],
        "network": ["/api/network", "/api/network?by=entity", "/api/network?actor=USA", "/api/network?plover=ACCUSE",
                    "/api/network?by=entity&since=2020-01-01&until=2020-12-31"],
        "articles listing": ["/api/articles", "/api/articles?outlet=BBC&offset=1000", "/api/articles?since=2019-06-01",
                             "/api/articles?author=Holland"],
        "entities listing": ["/api/entities", "/api/entities?kind=PERSON", "/api/entities?q=minister",
                             "/api/entities?country=RUS&offset=20"],
        "quotes listing": ["/api/quotes", "/api/quotes?speaker=Trump", "/api/quotes?about=economy",
                           f"/api/quotes?entity_id={people[0]}", "/api/quotes?cue=belief&since=2021-01-01"],
        "stories": ["/api/stories", "/api/stories?min_articles=5&offset=40"],
        "stats": ["/api/stats"],
    }  # fmt: skip
    raw = sqlite3.connect(path, check_same_thread=False)
    raw_fts = cycling([lambda e=e: raw.execute(RAW_FTS, (e,)).fetchall() for e in SEARCHES.values()])
    results = {"raw FTS5 (same searches)": timed(raw_fts, rounds)}
    for name, urls in cases.items():
        results[name] = timed(cycling([get(url) for url in urls]), rounds)

    print(f"\n{'endpoint':<28}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'cpu p50':>9}{'cpu p95':>9}")
    for name, (wall, cpu) in results.items():
        figures = (statistics.median(wall), _p95(wall), max(wall), statistics.median(cpu), _p95(cpu))
        print(f"{name:<28}" + "".join(f"{figure:>9.1f}" for figure in figures))
    (search, search_cpu), (fts, fts_cpu) = results["search"], results["raw FTS5 (same searches)"]
    ratio, ratio_cpu = _p50_ratio(search, fts), _p50_ratio(search_cpu, fts_cpu)
    print(f"\n{rounds} requests each. search / raw FTS5 at p50: {ratio:.2f}x wall, {ratio_cpu:.2f}x cpu "
          "(target <= 2x); search p95 target < 50 ms; any page < 300 ms")  # fmt: skip
    return {
        "articles": stats["articles"],
        "database_mb": path.stat().st_size / 1e6,
        "rounds": rounds,
        "endpoints": {name: {"p50_ms": statistics.median(wall), "p95_ms": _p95(wall), "max_ms": max(wall),
                             "cpu_p50_ms": statistics.median(cpu), "cpu_p95_ms": _p95(cpu)}
                      for name, (wall, cpu) in results.items()},
        "search_over_fts": ratio,
        "search_over_fts_cpu": ratio_cpu,
    }  # fmt: skip


def _p95(took: list[float]) -> float:
    return statistics.quantiles(took, n=20)[-1]


def _p50_ratio(first: list[float], second: list[float]) -> float:
    return statistics.median(first) / statistics.median(second)


if __name__ == "__main__":
    main()
