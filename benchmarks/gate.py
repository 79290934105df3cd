"""The quality gate: every headline figure on the check halves of ../shared/eval must hold its pinned floor.

    .venv/bin/python benchmarks/gate.py                          # what CI runs (make test); exit 1 on a drop
    .venv/bin/python benchmarks/gate.py --raise                  # pin floors up to today's figures (never down)
    .venv/bin/python benchmarks/gate.py --lower KEY --reason WHY # lower one floor to today's figure, explicitly

The floors live in benchmarks/floors.json with the SHA-256 of every gold file they were measured on. The gate runs the
evaluations of benchmarks/quality.py on the check halves only (benchmarks/halves.py; textacy is not run) and fails
when a figure is more than 0.01 below its floor, when a headline figure has no floor, or when the gold files are not
the ones the floors were pinned on. Floors only move up: --raise never lowers one, and the gate also reads
floors.json's history in git and fails when a commit lowered or dropped a floor without a line
"Floor lowered: KEY: reason" in its message (--lower prints the line to put there). Trafilatura's eval gate was the
model for this.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "benchmarks" / "floors.json"
GOLD = [
    "eval/quotes/polnear_dev.jsonl",
    "eval/time/timebank_dev.jsonl",
    "eval/events/plover_dev.jsonl",
    "eval/events/petrarch_unittests.jsonl",
    "eval/5w1h/dev.jsonl",
    "reference/cameo/PETR.Validate.actors.txt",
    "reference/cameo/PETR.Validate.agents.txt",
    "reference/cameo/PETR.Validate.verbs.txt",
]
TOLERANCE = 0.01
LOWERED = "Floor lowered: "


def gold_hashes(shared: Path = SHARED) -> dict[str, str]:
    return {name: hashlib.sha256((shared / name).read_bytes()).hexdigest() for name in GOLD}


def verdicts(floors: dict[str, float], figures: dict[str, float]) -> list[tuple[str, float, float | None, str]]:
    """(figure, value, floor, verdict) for every figure measured: "ok", "DROPPED" or "NO FLOOR"."""
    rows = []
    for key, value in figures.items():
        floor = floors.get(key)
        if floor is None:
            rows.append((key, value, None, "NO FLOOR"))
        else:
            rows.append((key, value, floor, "ok" if value >= floor - TOLERANCE else "DROPPED"))
    return rows


def lowered_without_reason(root: Path = ROOT, path: str = "benchmarks/floors.json") -> list[str]:
    """Commits that lowered or dropped a floor in ``path`` without saying so: "commit: key a -> b"."""
    log = _git(root, "log", "--format=%H", "--follow", "--", path)
    if log is None:
        return []  # not a git checkout: nothing to read
    problems = []
    for commit in log.split():
        after = _floors_at(root, commit, path)
        before = _floors_at(root, f"{commit}^", path)
        message = _git(root, "log", "-1", "--format=%B", commit) or ""
        said = {line[len(LOWERED) :].split(":")[0].strip() for line in message.splitlines() if line.startswith(LOWERED)}
        for key, old in before.items():
            new = after.get(key)
            if (new is None or new < old) and key not in said:
                problems.append(f"{commit[:12]}: {key} {old:.3f} -> {'gone' if new is None else f'{new:.3f}'}")
    return problems


def _floors_at(root: Path, revision: str, path: str) -> dict[str, float]:
    text = _git(root, "show", f"{revision}:{path}")
    return json.loads(text)["floors"] if text else {}


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def check_figures() -> dict[str, float]:
    """Today's headline figures on the check halves, keyed "section/figure"."""
    import quality
    from dateline import Settings
    from dateline.pipeline import nlp
    from halves import CHECK

    model = nlp.load(Settings.from_env().model)
    measured = quality.measure(model, (CHECK,), peer=False)[CHECK]
    return {f"{section}/{key}": measured[section][key] for section, key, _ in quality.HEADLINE}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--raise", dest="raise_", action="store_true", help="raise floors to today's figures")
    action.add_argument("--lower", metavar="KEY", help="lower this floor to today's figure (needs --reason)")
    parser.add_argument("--reason", help="why a floor is lowered: goes into the commit message")
    args = parser.parse_args()
    if args.lower and not args.reason:
        parser.error("--lower needs --reason: a floor comes down only for a reason the commit message gives")
    missing = [name for name in GOLD if not (SHARED / name).exists()]
    if missing:
        print(f"quality gate skipped: {SHARED / missing[0]} is absent (the gold data lives in ../shared)")
        return
    pinned: dict[str, Any] = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {"floors": {}}
    floors: dict[str, float] = pinned["floors"]
    figures = check_figures()
    if args.raise_ or args.lower:
        write(floors, figures, args.lower)
        if args.lower:
            print(f"commit with this line in the message:\n{LOWERED}{args.lower}: {args.reason}")
        return
    failed = report(floors, figures)
    if pinned.get("gold") != gold_hashes():
        print("the gold files differ from those the floors were pinned on: measure, then pin again with --raise")
        failed = True
    for problem in lowered_without_reason():
        print(f"floor lowered without '{LOWERED}KEY: reason' in the commit message: {problem}")
        failed = True
    if failed:
        sys.exit("quality gate FAILED")
    print("quality gate passed")


def report(floors: dict[str, float], figures: dict[str, float]) -> bool:
    print(f"{'figure (check half)':<52}{'value':>8}{'floor':>8}")
    failed = False
    for key, value, floor, verdict in verdicts(floors, figures):
        shown = "" if floor is None else f"{floor:.3f}"
        print(f"{key:<52}{value:>8.3f}{shown:>8}  {verdict}")
        failed |= verdict != "ok"
    return failed


def write(floors: dict[str, float], figures: dict[str, float], lower: str | None) -> None:
    if lower is not None and lower not in figures:
        sys.exit(f"no figure {lower!r}: choose one of {', '.join(figures)}")
    new = dict(floors)
    for key, value in figures.items():
        value = round(value, 3)
        if key == lower or key not in new or value > new[key]:
            new[key] = value
    FLOORS.write_text(json.dumps({"gold": gold_hashes(), "floors": new}, indent=1) + "\n", encoding="utf-8")
    for key in figures:
        if new[key] != floors.get(key):
            print(f"{key}: {floors.get(key)} -> {new[key]}")
    print(f"floors written to {FLOORS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
