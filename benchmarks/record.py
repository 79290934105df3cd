"""Where benchmark figures go: one JSON file per benchmark in benchmarks/results/, with how, when and on what machine
they were taken, and how busy the machine was with other work meanwhile.

    with Measured("throughput") as run:
        ...  # the benchmark
        run.figures.update(...)
    # benchmarks/results/throughput.json now holds the command, commit, date, machine, load and figures

The docs (docs/*.md, README.md) are generated from these files by cog (benchmarks/report.py); no figure is typed.

Load: the 1-minute load average when the run began, and the CPU that other processes used during the run: all the
machine's busy time (/proc/stat) less this process's and its finished children's (getrusage), in cores. A run during
which other work used more than a quarter of a core on average is marked as taken under load.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BUSY_OTHERS = 0.25  # cores used by other work, on average, above which a run counts as taken under load


def _busy_seconds() -> float | None:
    """Seconds of CPU time every process of the machine has used since boot (None off Linux)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _changed() -> bool:
    """Whether the code measured differs from the commit: src/ or benchmarks/ changed, what benchmarks write aside
    (results/, audits/, and the confidence weights calibrate.py fits)."""
    lines = _git("status", "--porcelain", "--untracked-files=no", "src", "benchmarks").splitlines()
    paths = [line.split(maxsplit=1)[-1] for line in lines]  # "XY path", the first line's X stripped with the output
    written = ("benchmarks/results/", "benchmarks/audits/", "src/dateline/data/confidence.tsv")
    return any(not path.startswith(written) for path in paths)


def machine() -> dict[str, Any]:
    memory = 0.0
    cpu = platform.processor()
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) / 1024 / 1024
        cpu = next(
            (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
             if line.startswith("model name")), cpu)  # fmt: skip
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


class Measured:
    """One run of a benchmark: collects its figures, then writes them with the run's circumstances."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.figures: dict[str, Any] = {}

    def __enter__(self) -> Measured:
        self._started = time.time()
        self._clock = time.perf_counter()
        self._busy = _busy_seconds()
        self._own = _own_seconds()
        self._load = os.getloadavg()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is not None:
            return  # a failed run writes nothing
        elapsed = time.perf_counter() - self._clock
        busy = _busy_seconds()
        others = None
        if busy is not None and self._busy is not None and elapsed > 0:
            others = max(0.0, (busy - self._busy - (_own_seconds() - self._own)) / elapsed)
        record = {
            "benchmark": self.name,
            "command": " ".join([".venv/bin/python", os.path.relpath(sys.argv[0], ROOT), *sys.argv[1:]]),
            "commit": _git("rev-parse", "--short=12", "HEAD"),
            "uncommitted_changes": _changed(),
            "date": datetime.fromtimestamp(self._started, UTC).isoformat(timespec="seconds"),
            "seconds": round(elapsed, 1),
            "machine": machine(),
            "load": {
                "average_1min_at_start": round(self._load[0], 2),
                "other_work_cores": None if others is None else round(others, 2),
                "under_load": others is not None and others > BUSY_OTHERS,
            },
            "figures": self.figures,
        }
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{self.name}.json"
        path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfigures written to {path.relative_to(ROOT)}")


def load(name: str) -> dict[str, Any]:
    """A benchmark's last recorded run."""
    path = RESULTS / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except FileNotFoundError:
        raise SystemExit(f"{path} is missing: run the benchmark that writes it first") from None
