"""Events through the store and the CLI, on SQLite and PostgreSQL: the JSON contract, groups across articles, dyads,
charts, exports."""

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import BACKENDS, SEED, new_database, write
from dateline import Corpus
from dateline.cli import app
from dateline.export.gdelt import GDELT_COLUMNS

runner = CliRunner()

OTHER_REPORT = (
    "date 2022-02-21 Lavrov ready to meet Blinken\n>> Meridian Wire\nPublished: 21 Feb 2022 06:00 PM GMT\n"
    "Russian Foreign Minister Sergey V Lavrov said on Monday that he was still willing to meet Antony Blinken, "
    "the US secretary of state, on Thursday in Geneva.\n"
)


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed article and another report of its meeting, read and stored once on each backend."""
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: the seed article lives in ../shared")
    folder = tmp_path_factory.mktemp("events")
    write(folder / "in" / "other.txt", OTHER_REPORT)
    database = new_database(request, folder)
    with Corpus.open(database) as corpus:
        report = corpus.ingest([str(SEED), str(folder / "in")])
        assert report.stored == 2
    return database


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_json_contract(db: str) -> None:
    found = json.loads(run("events", "--db", db, "-f", "json", "--limit", "0"))
    assert found
    event = found[0]
    for key in ("id", "article_id", "code", "root", "quad_class", "goldstein", "plover", "source", "target", "date",
                "date_precision", "place", "evidence", "quote_id", "confidence"):  # fmt: skip
        assert key in event
    assert set(event["source"]) >= {"code", "entity_id", "name", "start", "end"}
    assert set(event["evidence"]) >= {"start", "end", "text"}
    assert all(e["root"] == e["code"][:2] and -10 <= e["goldstein"] <= 10 for e in found)


def test_one_event_reported_twice_is_one_group(db: str) -> None:
    meetings = json.loads(run("events", "--db", db, "--source", "RUS", "--code", "036", "-f", "json", "-n", "0"))
    to_blinken = [e for e in meetings if e["target"] and (e["target"]["code"] or "").startswith("USA")]
    assert len({e["article_id"] for e in to_blinken}) == 2, to_blinken
    assert len({e["group_id"] for e in to_blinken}) == 1
    assert all(e["num_articles"] == 2 and e["num_sources"] == 2 for e in to_blinken)


def test_filters(db: str) -> None:
    accusations = json.loads(run("events", "--db", db, "--code", "11*", "-f", "json", "-n", "0"))
    assert accusations and all(e["code"].startswith("11") for e in accusations)
    nothing = json.loads(run("events", "--db", db, "--since", "2030-01-01", "-f", "json"))
    assert nothing == []


def test_dyad_table_and_chart(db: str, tmp_path: Path) -> None:
    chart = tmp_path / "dyad.png"
    points = json.loads(run("dyad", "RUS", "USA", "--db", db, "--by", "day", "-f", "json", "--chart", str(chart)))
    assert points and sum(p["events"] for p in points) >= 2
    assert all(p["forward"] + p["backward"] == p["events"] for p in points)
    assert chart.read_bytes().startswith(b"\x89PNG")
    bad = runner.invoke(app, ["dyad", "RUS", "USA", "--db", db, "--by", "fortnight"])
    assert bad.exit_code == 1 and "choose day, week, month or year" in bad.output


def test_exports(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    run("export", "events", "--db", db, "-f", "gdelt", "-o", str(out))
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(len(row) == len(GDELT_COLUMNS) == 61 for row in rows)
    first = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert first["SQLDATE"].startswith("2022") and first["EventRootCode"] == first["EventCode"][:2]
    table = list(csv.DictReader(io.StringIO(run("export", "events", "--db", db, "-f", "csv"))))
    assert len(table) == len(rows) and table[0]["evidence_text"]
    import pyarrow.parquet as pq

    run("export", "events", "--db", db, "-f", "parquet", "-o", str(tmp_path / "events.parquet"))
    assert pq.read_table(tmp_path / "events.parquet").num_rows == len(rows)
    to_stdout = runner.invoke(app, ["export", "events", "--db", db, "-f", "parquet"])
    assert to_stdout.exit_code == 1 and "give --output FILE" in to_stdout.output
