"""Load on `dateline serve`: many clients at once over real HTTP, at 8, 32 and 64 concurrent clients.

    .venv/bin/python benchmarks/load.py [--db PATH] [--levels 8,32,64] [--requests 2000] [--seconds 30] [--json]

1. Without --db, NewsCluster's 383 articles (../shared/corpora/newscluster.jsonl) are ingested with the full reading
   pipeline into build/load/newscluster.db, once; delete it to rebuild.
2. `dateline serve` is started on 127.0.0.1 and a free port over the database, as a user would start it.
3. At each level, that many clients (httpx, async, one connection each) ask in turn from a mix of what the web app
   asks: searches, an article's page, an actor's page, events, a dyad, a timeline, the network. A level ends after
   --requests answers or --seconds, whichever comes first.
Printed: requests/s, p50 and p95 latency in milliseconds, the count of 5xx answers and of failed connections (both
must be 0: the exit status is 1 otherwise). Figures only; timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "newscluster.jsonl"
CACHE = ROOT / "build" / "load" / "newscluster.db"
SEARCHES = ["government", '"prime minister"', "oil OR gas", "elect*", "police NOT football", "Russia", "talks"]


@dataclass(frozen=True, slots=True)
class Level:
    clients: int
    requests: int
    seconds: float
    per_second: float
    p50_ms: float
    p95_ms: float
    server_errors: int  # answers with a 5xx status
    failures: int  # requests that got no answer at all (refused, reset, timed out)


def cached_database() -> Path:
    """The NewsCluster database, ingested on first use."""
    if CACHE.exists():
        return CACHE
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is missing: give --db, or put the shared corpora beside the checkout")
    from dateline import Corpus

    CACHE.parent.mkdir(parents=True, exist_ok=True)
    building = CACHE.with_suffix(".building.db")
    building.unlink(missing_ok=True)
    print(f"ingesting {CORPUS} into {CACHE} (once)", file=sys.stderr)
    with Corpus.open(str(building)) as corpus:
        corpus.ingest([str(CORPUS)])
    building.rename(CACHE)
    return CACHE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[str], str]:
    """`dateline serve` on 127.0.0.1, read-only; returns it once it answers, with its base URL."""
    port = free_port()
    env = {**os.environ, "DATELINE_API_TOKEN": ""}
    command = [sys.executable, "-m", "dateline.cli", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            httpx.get(f"{base}/api/stats", timeout=5).raise_for_status()
            return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"dateline serve did not answer on {base}: {server.communicate()[1][-2000:]}")


def request_mix(base: str) -> list[str]:
    """Paths the web app asks for, with ids and actor codes taken from the database being served."""
    articles = httpx.get(f"{base}/api/articles", params={"limit": 10}).json()["items"]
    entities = httpx.get(f"{base}/api/entities", params={"limit": 10}).json()["items"]
    edges = httpx.get(f"{base}/api/network", params={"max_edges": 5}).json()["edges"]
    mix = [f"/api/articles?q={query}" for query in SEARCHES]
    mix += [f"/api/articles/{a['id']}" for a in articles]
    mix += [f"/api/entities/{e['id']}" for e in entities]
    mix += [f"/api/events?actor={e['source']}" for e in edges] + ["/api/events"]
    mix += [f"/api/dyads?a={e['source']}&b={e['target']}" for e in edges]
    mix += ["/api/timeline?by=month", "/api/timeline?by=week", "/api/network", "/api/quotes", "/api/stats"]
    return mix


async def run_level(base: str, mix: list[str], clients: int, requests: int, seconds: float) -> Level:
    latencies: list[float] = []
    statuses: list[int] = []
    failures = issued = 0
    paths = itertools.cycle(mix)
    deadline = time.monotonic() + seconds

    async def client() -> None:
        nonlocal failures, issued
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while issued < requests and time.monotonic() < deadline:
                issued += 1  # counted before the request goes out, so the level stops at exactly --requests
                started = time.perf_counter()
                try:
                    response = await http.get(next(paths))
                except httpx.TransportError:
                    failures += 1
                    continue
                latencies.append(time.perf_counter() - started)
                statuses.append(response.status_code)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99 or [0.0] * 99
    return Level(
        clients=clients,
        requests=len(statuses),
        seconds=round(elapsed, 2),
        per_second=round(len(statuses) / elapsed, 1),
        p50_ms=round(cuts[49] * 1000, 1),
        p95_ms=round(cuts[94] * 1000, 1),
        server_errors=sum(status >= 500 for status in statuses),
        failures=failures,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="an existing dateline database (default: NewsCluster, cached)")
    parser.add_argument("--levels", default="8,32,64", help="concurrent clients, comma-separated")
    parser.add_argument("--requests", type=int, default=2000, help="answers per level, at most")
    parser.add_argument("--seconds", type=float, default=30.0, help="seconds per level, at most")
    parser.add_argument("--json", action="store_true", help="print the levels as one JSON list")
    args = parser.parse_args()
    db = args.db or cached_database()
    server, base = start_server(db)
    try:
        mix = request_mix(base)
        levels = [
            asyncio.run(run_level(base, mix, int(clients), args.requests, args.seconds))
            for clients in args.levels.split(",")
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.json:
        print(json.dumps([asdict(level) for level in levels]))
    else:
        print(f"dateline serve over {db} ({len(mix)} kinds of request)")
        print(f"{'clients':>8} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'5xx':>5} {'failed':>7}")
        for level in levels:
            print(f"{level.clients:>8} {level.requests:>9} {level.per_second:>8} {level.p50_ms:>8} "
                  f"{level.p95_ms:>8} {level.server_errors:>5} {level.failures:>7}")  # fmt: skip
    if any(level.server_errors or level.failures for level in levels):
        sys.exit(1)


if __name__ == "__main__":
    main()
