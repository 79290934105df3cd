"""The CLI through Typer's runner: thin shells over Corpus, with the json/jsonl/csv contract scripts rely on."""

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write
from dateline.cli import app

runner = CliRunner()
ARTICLE_FIELDS = ["id", "source", "format", "title", "authors", "outlet", "url", "published", "updated", "date_line",
                  "language", "paragraphs", "warnings", "story_id", "text"]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path, seed: Path) -> str:
    path = str(tmp_path / "cli.db")
    write(tmp_path / "in" / "extra.jsonl", json.dumps({"text": "Rain fell on Lisbon.", "title": "Rain"}) + "\n")
    result = runner.invoke(app, ["ingest", str(seed), str(tmp_path / "in"), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_prints_a_summary_and_names_failures(tmp_path: Path, seed: Path) -> None:
    write(tmp_path / "bad" / "empty.txt", "")
    write(tmp_path / "bad" / "lines.jsonl", '{"text": "ok"}\n{oops\n')
    result = runner.invoke(app, ["ingest", str(seed), str(tmp_path / "bad"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1  # some inputs failed; the rest were stored
    out = " ".join(result.output.split())
    assert "read 2 articles" in out and "stored 2" in out and "failed 2" in out
    assert f"error: {tmp_path / 'bad' / 'empty.txt'}: empty file" in out
    assert f"error: {tmp_path / 'bad' / 'lines.jsonl'}:2: malformed JSON line" in out
    again = runner.invoke(app, ["ingest", str(seed), "--db", str(tmp_path / "x.db")])
    assert "duplicates 1" in " ".join(again.output.split())


def test_search_json_holds_every_field(db: str) -> None:
    [hit] = json.loads(run("search", "Minsk agreements", "--db", db, "--format", "json"))
    assert list(hit) == [*ARTICLE_FIELDS[:-1], "text", "score", "snippet", "highlights"]
    assert hit["published"] == "2022-02-21T16:24:00Z"
    assert hit["authors"] == ["Valerie Hopkins", "Anton Troianovski"]
    assert [hit["snippet"][h["start"] : h["end"]] for h in hit["highlights"]] == ["Minsk", "agreements"]
    assert hit["paragraphs"][0] == {"start": 0, "end": 190}


def test_listing_formats(db: str) -> None:
    listed = json.loads(run("articles", "--db", db, "-f", "json"))
    assert listed[0]["title"].startswith("Putin says")
    assert list(listed[0]) == ARTICLE_FIELDS
    lines = run("articles", "--db", db, "-f", "jsonl", "--limit", "1").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == listed[0]["id"]
    rows = list(csv.DictReader(io.StringIO(run("articles", "--db", db, "-f", "csv"))))
    assert rows[0]["authors"] == "Valerie Hopkins; Anton Troianovski" and len(rows) == 2
    table = run("articles", "--db", db, "--outlet", "new york")
    assert listed[0]["id"] in table and "Rain" not in table


def test_show_and_stats(db: str) -> None:
    [article] = json.loads(run("search", "Putin", "--db", db, "-f", "json"))
    shown = json.loads(run("show", article["id"][:8], "--db", db, "--format", "json"))
    assert shown["id"] == article["id"] and shown["text"].startswith("President Vladimir Putin")
    text = run("show", article["id"], "--db", db)
    assert "Valerie Hopkins, Anton Troianovski · The New York Times · 2022-02-21T16:24:00Z" in text
    assert "“For us, this is task No. 1,” Putin said" in text
    stats = json.loads(run("stats", "--db", db, "-f", "json"))
    assert stats["articles"] == 2 and stats["by_format"] == {"json": 1, "seed": 1}
    assert "schema" in run("stats", "--db", db)


def test_errors_are_one_clear_line(tmp_path: Path, db: str) -> None:
    missing = runner.invoke(app, ["show", "ffffffff", "--db", db])
    assert missing.exit_code == 1 and "error: no article with id 'ffffffff'" in missing.output
    assert "Traceback" not in missing.output
    bad_date = runner.invoke(app, ["articles", "--since", "yesterday-ish", "--db", db])
    assert bad_date.exit_code == 1 and "cannot read date 'yesterday-ish'" in bad_date.output
    bad_db = runner.invoke(app, ["stats", "--db", str(tmp_path / "nowhere" / "x.db")])
    assert bad_db.exit_code == 1 and "does not exist" in bad_db.output
