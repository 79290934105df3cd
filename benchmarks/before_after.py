"""The same ingest on two versions of the code, alternated in one run: did a change cost speed?

    .venv/bin/python benchmarks/before_after.py --before d8fd312 [--rounds 2] [--articles N]

BEFORE is checked out into a temporary git worktree; AFTER is this checkout as it stands. Each round times a whole
ingest of bbc.jsonl (as throughput.py does: read, spaCy, every stage, store, into a fresh SQLite file, with one worker
process per core) in a fresh Python process for each side, before then after, so a drift in the machine's speed
falls on both. Rates are articles parsed (stored) per second; the ratio after/before is taken per round, and its
median reported. Writes benchmarks/results/before_after.json with the machine's load. Figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from record import ROOT, Measured

SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpora" / "bbc.jsonl"

# Run in a fresh interpreter with one version's src/ first on the path: which dateline it imported, and its rate.
TIMED_INGEST = """
import json, sys, tempfile, time
import dateline
from dateline import Corpus, Settings
with tempfile.TemporaryDirectory() as folder:
    with Corpus.open(folder + "/t.db", Settings.from_env()) as corpus:
        started = time.perf_counter()
        report = corpus.ingest([sys.argv[1]])
        seconds = time.perf_counter() - started
print(json.dumps({"module": dateline.__file__, "stored": report.stored, "read": report.read, "seconds": seconds}))
"""


def timed(src: Path, corpus: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", TIMED_INGEST, str(corpus)], env=env, capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if not str(found["module"]).startswith(str(src)):
        raise SystemExit(f"imported {found['module']}, not the code under {src}")
    return {"stored": found["stored"], "read": found["read"], "per_s": found["stored"] / found["seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="a commit (the code before the change)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--articles", type=int, default=0, help="only the first N articles of bbc.jsonl (0: all)")
    args = parser.parse_args()
    before = subprocess.run(["git", "rev-parse", "--short=12", args.before], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()  # fmt: skip
    with tempfile.TemporaryDirectory() as folder, Measured("before_after") as run:
        tree = Path(folder) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), before], cwd=ROOT, check=True)
        try:
            corpus = BBC
            if args.articles:
                corpus = Path(folder) / "sample.jsonl"
                lines = BBC.read_text(encoding="utf-8").splitlines(keepends=True)[: args.articles]
                corpus.write_text("".join(lines), encoding="utf-8")
            rounds = []
            for n in range(args.rounds):
                old, new = timed(tree / "src", corpus), timed(ROOT / "src", corpus)
                rounds.append({"before": old, "after": new, "ratio": new["per_s"] / old["per_s"]})
                print(f"round {n + 1}: before {old['per_s']:.2f}/s, after {new['per_s']:.2f}/s", file=sys.stderr)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
        run.figures.update(
            before_commit=before,
            corpus=corpus.name,
            articles_read=rounds[0]["after"]["read"],
            articles_parsed=rounds[0]["after"]["stored"],
            rounds=rounds,
            median_ratio=statistics.median(r["ratio"] for r in rounds),
        )
    print(json.dumps(run.figures, indent=1))


if __name__ == "__main__":
    main()
