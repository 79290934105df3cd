"""A reader, a stage and an export format added from a package outside dateline, found through its entry points
as an installed package's are, and run by the real `dateline` command (worker processes included)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline import export
from dateline.config import Settings, check
from dateline.errors import DatelineError
from dateline.pipeline import stage

DATELINE = str(Path(sys.executable).with_name("dateline"))

# An invented wire format: a header line, then stories apart by a line of %%, each "HEADLINE: ..." then its text.
PLUGIN = """
from dataclasses import dataclass

from dateline.export import Exporter
from dateline.model import Article
from dateline.pipeline import Stage
from dateline.plugins import hookimpl
from dateline.readers import Reader

MAGIC = "ACME-WIRE 1"


def sniff(text, name):
    return text.startswith(MAGIC + "\\n")


def read(source, decoded):
    stories = decoded.text[len(MAGIC) + 1:].split("\\n%%\\n")
    for n, story in enumerate(stories, 1):
        head, _, body = story.strip().partition("\\n\\n")
        yield Article(text=body, source=f"{source}:{n}", format="acme", title=head.removeprefix("HEADLINE: "))


@dataclass(frozen=True)
class CapitalsSettings:
    min_letters: int = 4  # words in capitals at least this long are counted


def capitals(reading, settings):
    words = [t.text for t in reading.doc if t.is_upper and t.is_alpha and len(t) >= settings.min_letters]
    reading.found.notes.append(f"capitals: {len(words)} ({', '.join(words)})")
    return words


def write_pairs(rows, out):
    count = 0
    for row in rows:
        source, target = (actor.code if actor else "" for actor in (row.event.source, row.event.target))
        out.write(f"{row.event.code}|{source}|{target}\\n")
        count += 1
    return count


@hookimpl
def dateline_readers():
    return [Reader("acme", sniff, read, description="the ACME wire format")]


@hookimpl
def dateline_stages():
    return [Stage("capitals", capitals, settings=CapitalsSettings, after="entities", description="words in capitals")]


@hookimpl
def dateline_exporters():
    return [Exporter("pairs", write_pairs, "code|source|target")]
"""

WIRE = """ACME-WIRE 1
HEADLINE: Ministers meet in Vienna

The foreign minister of Austria met the foreign minister of Hungary in Vienna on Tuesday to discuss the NATO summit
and the EU budget. Austria's government accused Hungary's government of blocking the talks, officials said.
%%
HEADLINE: Port reopens

Workers at the port of Rotterdam returned on Monday after a strike over pay, the union said.
"""


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that holds the package acme_news and its distribution metadata, as pip would install them."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "acme_news").mkdir()
    (folder / "acme_news" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    info = folder / "acme_news-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-news\nVersion: 1.0\n", encoding="utf-8")
    groups = ("readers", "stages", "exporters")
    entry_points = "".join(f"[dateline.{group}]\nacme = acme_news\n\n" for group in groups)
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return folder


def _dateline(args: list[str], site: Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(site), **env}
    return subprocess.run([DATELINE, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)


def test_a_packages_reader_stage_and_exporter_run_beside_dateline_s_own(plugin_path: Path, tmp_path: Path) -> None:
    (tmp_path / "wire.acme").write_text(WIRE, encoding="utf-8")
    db = str(tmp_path / "d.db")

    listed = _dateline(["components"], plugin_path, tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("│") for line in listed.stdout.splitlines() if "acme-news" in line]
    assert {(row[1].strip(), row[2].strip()) for row in rows} == {
        ("readers", "acme"),
        ("stages", "capitals"),
        ("exporters", "pairs"),
    }

    ingested = _dateline(["ingest", "wire.acme", "--db", db, "--quiet", "--processes", "2"], plugin_path, tmp_path)
    assert ingested.returncode == 0, ingested.stderr + ingested.stdout

    shown = _dateline(["articles", "--db", db, "--format", "json"], plugin_path, tmp_path)
    articles = json.loads(shown.stdout)
    assert sorted(a["title"] for a in articles) == ["Ministers meet in Vienna", "Port reopens"]
    assert {a["format"] for a in articles} == {"acme"}

    vienna = next(a["id"] for a in articles if a["title"].startswith("Ministers"))
    assert _notes(vienna, db, plugin_path, tmp_path) == ["capitals: 1 (NATO)"]

    pairs = _dateline(["export", "events", "--db", db, "--format", "pairs"], plugin_path, tmp_path)
    flat = _dateline(["export", "events", "--db", db, "--format", "csv"], plugin_path, tmp_path)
    assert pairs.returncode == 0 and flat.returncode == 0, pairs.stderr + flat.stderr
    expected = [
        f"{r['code']}|{r['source_code'] or ''}|{r['target_code'] or ''}"
        for r in csv.DictReader(io.StringIO(flat.stdout))
    ]
    assert expected and sorted(pairs.stdout.splitlines()) == sorted(expected)


def test_a_stage_s_settings_come_from_the_environment(plugin_path: Path, tmp_path: Path) -> None:
    (tmp_path / "wire.acme").write_text(WIRE, encoding="utf-8")
    db = str(tmp_path / "d.db")
    env = {"DATELINE_CAPITALS__MIN_LETTERS": "2"}
    assert (
        _dateline(
            ["ingest", "wire.acme", "--db", db, "--quiet", "--processes", "1"], plugin_path, tmp_path, **env
        ).returncode
        == 0
    )
    articles = json.loads(_dateline(["articles", "--db", db, "--format", "json"], plugin_path, tmp_path).stdout)
    vienna = next(a["id"] for a in articles if a["title"].startswith("Ministers"))
    assert _notes(vienna, db, plugin_path, tmp_path) == ["capitals: 2 (NATO, EU)"]

    listed = json.loads(_dateline(["settings", "--format", "json"], plugin_path, tmp_path, **env).stdout)
    setting = next(s for s in listed if s["component"] == "capitals")
    assert (setting["name"], setting["value"], setting["default"], setting["origin"]) == (
        "min_letters",
        2,
        4,
        "acme-news",
    )

    typo = _dateline(["ingest", "wire.acme", "--db", db], plugin_path, tmp_path, DATELINE_CAPITAL__MIN_LETTERS="3")
    assert typo.returncode == 1 and "no component named 'capital'" in typo.stderr
    bad = _dateline(["ingest", "wire.acme", "--db", db], plugin_path, tmp_path, DATELINE_CAPITALS__MIN_LETTERS="three")
    assert bad.returncode == 1 and "DATELINE_CAPITALS__MIN_LETTERS='three': not a whole number" in bad.stderr


def _notes(article_id: str, db: str, site: Path, cwd: Path) -> list[str]:
    shown = json.loads(_dateline(["show", article_id, "--db", db, "-a", "--format", "json"], site, cwd).stdout)
    return [note for note in shown["annotations"]["notes"] if note.startswith("capitals")]


def test_without_plugins_the_built_in_components_are_all_there() -> None:
    assert [s.name for s in stage.ordered()] == [
        "layout", "entities", "quotes", "times", "places", "events", "summary"
    ]  # fmt: skip
    assert list(export.exporters()) == ["gdelt", "parquet", "csv", "jsonl"]
    with pytest.raises(DatelineError, match="unknown export format 'pairs'"):
        export.write([], "pairs", io.StringIO())
    with pytest.raises(DatelineError, match="no component named 'capitals'"):
        check(Settings(components={"capitals": {"min_letters": 3}}))
