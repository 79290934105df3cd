"""Dates at the edges of what Python can name: years before 1000 come in from real readers and go back out through
every listing; bounds at year 1 and year 9999 are answered, never a traceback or a 500. Real SQLite files through
the Corpus API, the REST API over the real app, and the real CLI."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import write
from dateline import Corpus, Settings
from dateline.cli import app as cli
from dateline.dates import from_iso, parse_bound, to_iso
from dateline.errors import DateError
from dateline.store.events import all_periods, period_bounds, period_of
from dateline.web import create_app

# Invented records: a chronicle entry dated in the year 999, a day-only one in the year 42, and a modern one.
RECORDS = [
    {"title": "Bridge agreed", "text": "The town council agreed on Tuesday to build a stone bridge over the river.",
     "published": "0999-02-21T10:00:00Z", "outlet": "Old Chronicle"},
    {"title": "Harbour opened", "text": "The new harbour opened to ships from the south on a windy morning.",
     "published": "0042-06-01", "outlet": "Old Chronicle"},
    {"title": "Market moved", "text": "The weekly market moved to the square beside the station this spring.",
     "published": "2023-04-05T08:30:00Z", "outlet": "Town Post"},
]  # fmt: skip


def ingest(folder: Path, records: list[dict[str, str]] = RECORDS) -> str:
    path = str(folder / "edges.db")
    lines = "".join(json.dumps(record) + "\n" for record in records)
    with Corpus.open(path, Settings.from_env(extract=False)) as corpus:
        report = corpus.ingest([str(write(folder / "in" / "records.jsonl", lines))])
    assert report.stored == len(records), report.problems
    return path


@pytest.fixture
def db(tmp_path: Path) -> str:
    return ingest(tmp_path)


@pytest.fixture
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as opened:
        yield opened


@pytest.fixture
def modern(tmp_path: Path) -> str:
    """Only the article of this century: what the bounds below do, apart from the early years above."""
    return ingest(tmp_path, RECORDS[2:])


@pytest.fixture
def modern_client(modern: str) -> Iterator[TestClient]:
    with TestClient(create_app(modern)) as opened:
        yield opened


def stored_published(db: str) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT published FROM articles ORDER BY published")]


def test_the_stored_form_has_four_digit_years() -> None:
    assert to_iso(datetime(999, 2, 21, 10, tzinfo=UTC)) == "0999-02-21T10:00:00Z"
    assert from_iso("0999-02-21T10:00:00Z") == datetime(999, 2, 21, 10, tzinfo=UTC)
    with pytest.raises(DateError, match="'999-02-21T10:00:00Z'"):
        from_iso("999-02-21T10:00:00Z")


def test_years_before_1000_are_stored_zero_padded_and_read_back(db: str) -> None:
    assert stored_published(db) == ["0042-06-01", "0999-02-21T10:00:00Z", "2023-04-05T08:30:00Z"]
    with Corpus.open(db) as corpus:
        listed = corpus.articles()
        assert [a.published for a in listed] == [
            datetime(2023, 4, 5, 8, 30, tzinfo=UTC),
            datetime(999, 2, 21, 10, 0, tzinfo=UTC),
            date(42, 6, 1),
        ]
        stats = corpus.stats()
        assert (stats.first_published, stats.last_published) == (
            date(42, 6, 1),
            datetime(2023, 4, 5, 8, 30, tzinfo=UTC),
        )
        assert [a.title for a in corpus.articles(until="1000-01-01")] == ["Bridge agreed", "Harbour opened"]
        assert corpus.timeline(by="year", since="0998-01-01", until="1000-12-31")[1].period == "0999"


def test_years_before_1000_go_out_through_every_listing(client: TestClient) -> None:
    articles = client.get("/api/articles").json()["items"]
    assert [a["published"] for a in articles] == ["2023-04-05T08:30:00Z", "0999-02-21T10:00:00Z", "0042-06-01"]
    assert client.get("/api/stats").json()["first_published"] == "0042-06-01"
    points = client.get("/api/timeline", params={"by": "year", "since": "0999-01-01", "until": "0999-12-31"}).json()
    assert points["points"] == [
        {"period": "0999", "start": "0999-01-01", "end": "0999-12-31", "articles": 1, "events": 0,
         "goldstein": None, "quad_classes": {"1": 0, "2": 0, "3": 0, "4": 0}}
    ]  # fmt: skip


def test_an_upload_dated_before_1000_is_listed(tmp_path: Path) -> None:
    settings = Settings.from_env(api_token="t0ken", extract=False)
    with TestClient(create_app(str(tmp_path / "upload.db"), settings)) as writer:
        sent = writer.post("/api/articles", json={"articles": RECORDS[:1]}, headers={"Authorization": "Bearer t0ken"})
        assert sent.status_code == 200 and sent.json()["stored"] == 1, sent.text
        [listed] = writer.get("/api/articles").json()["items"]
        assert listed["published"] == "0999-02-21T10:00:00Z"
        assert writer.get("/api/stats").json()["last_published"] == "0999-02-21T10:00:00Z"


def test_a_stored_date_that_cannot_be_read_breaks_no_listing(db: str) -> None:
    """A value that is not a stored date (as versions before this fix wrote years before 1000: '999-02-21T…')
    reads as no date, with a warning naming it; every listing still answers."""
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE articles SET published = '999-02-21T10:00:00Z' WHERE title = 'Bridge agreed'")
    with Corpus.open(db) as corpus:
        [bridge] = [a for a in corpus.articles() if a.title == "Bridge agreed"]
        assert bridge.published is None
        assert "published: the stored value '999-02-21T10:00:00Z' is not a date or time" in bridge.warnings[-1]
        assert corpus.article(bridge.id).published is None
        assert corpus.stats().articles == 3
        assert len(corpus.timeline(by="year")) > 0
    with TestClient(create_app(db)) as client:
        for url in ("/api/articles", "/api/stats", "/api/timeline?by=year", "/api/stories?min_articles=1"):
            assert client.get(url).status_code == 200, url


def test_cli_lists_and_counts_years_before_1000(db: str) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["articles", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert "0999-02-21" in listed.output and "0042-06-01" in listed.output
    stats = runner.invoke(cli, ["stats", "--db", db])
    assert stats.exit_code == 0, stats.output
    assert "0042-06-01 … 2023-04-05" in stats.output


# --- bounds at year 1 and year 9999 (item 15) ---


def test_the_last_day_there_is_bounds_nothing() -> None:
    """No day follows 9999-12-31: a range that runs to it has no end, and every stored date is in it."""
    assert parse_bound("9999-12-31", end=True) is None
    assert parse_bound("9999-12-30", end=True) == "9999-12-31"
    assert parse_bound("0001-01-01", end=False) == "0001-01-01"


def test_periods_at_the_ends_of_the_calendar() -> None:
    assert period_of("0001-01-01", "week") == "0001-W01"
    assert period_of("0999-02-21", "year") == "0999"
    assert all_periods("0998", "1000", "year") == ["0998", "0999", "1000"]
    assert all_periods("9999-12-30", "9999-12-31", "day") == ["9999-12-30", "9999-12-31"]
    assert all_periods("9999-W51", "9999-W52", "week") == ["9999-W51", "9999-W52"]
    assert period_bounds("9999-W52") == (date(9999, 12, 27), date(9999, 12, 31))
    assert period_bounds("9999-12") == (date(9999, 12, 1), date(9999, 12, 31))


ENDPOINTS = [("/api/articles", {}), ("/api/quotes", {}), ("/api/events", {}), ("/api/dyads", {"a": "RUS", "b": "USA"}),
             ("/api/network", {}), ("/api/timeline", {"by": "year"})]  # fmt: skip


@pytest.mark.parametrize(("url", "params"), ENDPOINTS)
@pytest.mark.parametrize("bounds", [{"until": "9999-12-31"}, {"since": "0001-01-01"}, {"since": "9999-12-31"},
                                    {"until": "0001-01-01"}])  # fmt: skip
def test_bounds_at_the_ends_of_the_calendar_are_answered(
    modern_client: TestClient, url: str, params: dict[str, str], bounds: dict[str, str]
) -> None:
    answer = modern_client.get(url, params={**params, **bounds})
    assert answer.status_code in (200, 400), answer.text
    if answer.status_code == 400:  # a range too long for the period asked: said so, naming what to change
        assert "since/until" in answer.json()["error"]


def test_until_the_last_day_lists_everything(modern_client: TestClient) -> None:
    client = modern_client
    assert len(client.get("/api/articles", params={"until": "9999-12-31"}).json()["items"]) == 1
    assert len(client.get("/api/articles", params={"since": "0001-01-01"}).json()["items"]) == 1
    weeks = client.get("/api/timeline", params={"since": "0001-01-01", "until": "0001-02-01"}).json()["points"]
    assert weeks[0] == {"period": "0001-W01", "start": "0001-01-01", "end": "0001-01-07", "articles": 0,
                        "events": 0, "goldstein": None, "quad_classes": {"1": 0, "2": 0, "3": 0, "4": 0}}  # fmt: skip


def test_cli_until_the_last_day(modern: str) -> None:
    result = CliRunner().invoke(cli, ["articles", "--db", modern, "--until", "9999-12-31", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert [a["title"] for a in json.loads(result.stdout)] == ["Market moved"]


def test_an_article_dated_on_the_last_day_is_counted(tmp_path: Path) -> None:
    last = {"title": "Far off", "text": "A letter for the far future was sealed in the wall of the library.",
            "published": "9999-12-31"}  # fmt: skip
    db = ingest(tmp_path, [last])
    with Corpus.open(db) as corpus:
        [point] = corpus.timeline(by="week")
        assert (point.period, point.end, point.articles) == ("9999-W52", "9999-12-31", 1)
        days = corpus.timeline(by="day", since="9999-12-30", until="9999-12-31")
        assert [(p.period, p.articles) for p in days] == [("9999-12-30", 0), ("9999-12-31", 1)]
        assert [a.title for a in corpus.articles(since="9999-12-31", until="9999-12-31")] == ["Far off"]
