"""The quality gate's rules (benchmarks/gate.py): a drop of more than 0.01 fails, a figure without a floor fails, and
a floor lowered in git without a reason in the commit message is found."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import gate


def test_a_figure_may_sit_up_to_a_hundredth_below_its_floor() -> None:
    rows = gate.verdicts({"a": 0.80, "b": 0.80, "c": 0.80}, {"a": 0.85, "b": 0.7905, "c": 0.7899})
    assert [verdict for *_, verdict in rows] == ["ok", "ok", "DROPPED"]


def test_a_figure_without_a_floor_fails() -> None:
    [(_, _, floor, verdict)] = gate.verdicts({}, {"new": 0.9})
    assert floor is None and verdict == "NO FLOOR"


def _commit(repo: Path, floors: dict[str, float], message: str) -> None:
    path = repo / "benchmarks" / "floors.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"gold": {}, "floors": floors}))
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.email", "gate@example.org"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.name", "Gate Test"], cwd=tmp_path, check=True)
    _commit(tmp_path, {"quotes/f1": 0.80, "times/f1": 0.70}, "Pin the floors")
    _commit(tmp_path, {"quotes/f1": 0.82, "times/f1": 0.70}, "Quotes: a better cue table")
    return tmp_path


def test_raised_floors_need_no_reason(repo: Path) -> None:
    assert gate.lowered_without_reason(repo) == []


def test_a_floor_lowered_silently_is_found(repo: Path) -> None:
    _commit(repo, {"quotes/f1": 0.78, "times/f1": 0.70}, "Quotes: simpler rules")
    [problem] = gate.lowered_without_reason(repo)
    assert problem.endswith("quotes/f1 0.820 -> 0.780")


def test_a_dropped_floor_is_found(repo: Path) -> None:
    _commit(repo, {"quotes/f1": 0.82}, "Times: measured elsewhere now")
    [problem] = gate.lowered_without_reason(repo)
    assert problem.endswith("times/f1 0.700 -> gone")


def test_a_floor_lowered_with_its_reason_passes(repo: Path) -> None:
    _commit(
        repo,
        {"quotes/f1": 0.78, "times/f1": 0.70},
        "Quotes: simpler rules\n\nFloor lowered: quotes/f1: the old rules fitted one outlet's style",
    )
    assert gate.lowered_without_reason(repo) == []
