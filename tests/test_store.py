"""The store, through the Python API and the CLI, on a real SQLite file and a real PostgreSQL database: every test
that takes ``corpus`` or ``database`` runs once on each backend."""

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from typer.testing import CliRunner

from conftest import write
from dateline import Article, Corpus
from dateline.cli import app
from dateline.config import Settings
from dateline.errors import DatabaseError, DatelineError, NotFound
from dateline.store.schema import FTS_TABLE, QUOTES_FTS_TABLE, metadata

WIRE = (
    "Foreign ministers from five countries met in Lisbon on Monday to revive stalled talks on fishing rights "
    "in the North Atlantic, officials said.\n"
    "The meeting, the first in two years, ended with an agreement to set up a joint commission that will "
    "report by the end of March on quotas for cod and haddock.\n"
    "“This is a first step, not a solution,” said Ana Ruiz, Portugal’s foreign minister, who chaired the talks.\n"
    "Norway and Iceland had accused the European Union of ignoring scientific advice on stock levels, a charge "
    "the bloc’s envoy denied.\n"
    "Fishing communities along the coast have staged protests for months, blocking ports and demanding "
    "compensation for lost income."
)


RAIN = (
    "Heavy rain fell across the northern coast on Sunday, closing roads and schools in three districts. "
    "Forecasters said more storms would arrive before the weekend. Local talks about fishing quotas were "
    "postponed, and the regional council opened shelters for families whose homes were flooded."
)


@pytest.fixture
def corpus(database: str) -> Iterator[Corpus]:
    with Corpus.open(database) as opened:
        yield opened


def seed(title: str, outlet: str, body: str, published: str = "03 Mar 2031 09:00 AM GMT", authors: str = "") -> str:
    byline = f"{authors}, {outlet}" if authors else outlet
    return f"date 2031-03-03 {title}\n>> {byline}\nPublished: {published}\n{body}\n"


def test_ingest_is_idempotent(tmp_path: Path, corpus: Corpus) -> None:
    write(tmp_path / "in" / "a.txt", seed("Lisbon talks", "Meridian Wire", WIRE))
    write(tmp_path / "in" / "b.txt", seed("Other", "Meridian Wire", "A different story about rain."))
    first = corpus.ingest([str(tmp_path / "in")])
    assert (first.read, first.stored, first.duplicates, first.failed) == (2, 2, 0, 0)
    again = corpus.ingest([str(tmp_path / "in")])
    assert (again.read, again.stored, again.duplicates) == (2, 0, 2)
    assert corpus.stats().articles == 2


def test_syndicated_copies_share_a_story_but_stay_separate_articles(tmp_path: Path, corpus: Corpus) -> None:
    rewrite = WIRE.replace("revive stalled talks", "restart stalled negotiations").replace(
        "Fishing communities along the coast have staged protests for months",
        "Coastal fishing towns have protested for months",
    )
    write(tmp_path / "1.txt", seed("Lisbon talks revive fishing deal", "Meridian Wire", WIRE))
    write(tmp_path / "2.txt", seed("Fishing talks restart in Lisbon", "The Harbour Ledger", rewrite))
    write(tmp_path / "3.txt", seed("Floods", "The Harbour Ledger", "Heavy rain flooded the valley on Sunday. " * 5))
    corpus.ingest([str(tmp_path)])
    [story] = corpus.stories()
    assert story.articles == 2
    assert story.outlets == ["Meridian Wire", "The Harbour Ledger"]
    copies = corpus.articles(story=story.id)
    assert {a.outlet for a in copies} == {"Meridian Wire", "The Harbour Ledger"}
    assert len({a.id for a in copies}) == 2
    # a later ingest finds the story's earlier copies in the store, not only in its own batch
    write(tmp_path / "later" / "4.txt", seed("Lisbon deal", "Coastal Times", WIRE.replace("Monday", "Tuesday")))
    corpus.ingest([str(tmp_path / "later")])
    [story] = corpus.stories()
    assert story.articles == 3 and "Coastal Times" in story.outlets


def test_search_ranks_filters_and_highlights(tmp_path: Path, corpus: Corpus) -> None:
    write(tmp_path / "1.txt", seed("Lisbon fishing talks", "Meridian Wire", WIRE, authors="Ana Ruiz"))
    write(
        tmp_path / "2.txt",
        seed("Rain", "The Harbour Ledger", RAIN, "10 Mar 2031"),
    )
    for n, other in enumerate(["Heavy rain flooded the valley.", "Parliament voted on the budget.", "Markets rose."]):
        write(tmp_path / f"other{n}.txt", seed(f"Other {n}", "W", other))  # bm25 needs terms to be rare
    corpus.ingest([str(tmp_path)])
    hits = corpus.search("fishing talks")
    assert [h.article.title for h in hits] == ["Lisbon fishing talks", "Rain"]
    assert hits[0].score > hits[1].score > 0
    top = hits[0]
    assert [top.snippet[s.start : s.end].lower() for s in top.highlights][:2] == ["talks", "fishing"]
    assert corpus.search('"joint commission"')[0].article.title == "Lisbon fishing talks"
    assert corpus.search("fish*")  # prefix
    assert corpus.search("negotiate") == []
    assert [h.article.title for h in corpus.search("fishing", since="2031-03-05")] == ["Rain"]
    assert [h.article.title for h in corpus.search("fishing", until="2031-03-03")] == ["Lisbon fishing talks"]
    assert [h.article.title for h in corpus.search("fishing", outlet="harbour")] == ["Rain"]
    assert [h.article.title for h in corpus.search("fishing", author="ruiz")] == ["Lisbon fishing talks"]
    assert corpus.search("Portugal's") and corpus.search("fishing - talks: (") and corpus.search('fishing"')


def test_search_without_words_is_a_clear_error(corpus: Corpus) -> None:
    with pytest.raises(DatelineError, match="nothing to search for"):
        corpus.search(" -- ")


def test_articles_are_newest_first_and_found_by_id_prefix(tmp_path: Path, corpus: Corpus) -> None:
    write(tmp_path / "1.txt", seed("Old", "W", "Old news.", "01 Jan 2031 08:00 AM GMT"))
    write(tmp_path / "2.txt", seed("New", "W", "New news.", "02 Jan 2031 08:00 AM GMT"))
    write(tmp_path / "3.jsonl", '{"text": "Undated news."}\n')
    corpus.ingest([str(tmp_path)])
    listed = corpus.articles()
    assert [a.title for a in listed] == ["New", "Old", None]
    assert listed[0].published == datetime(2031, 1, 2, 8, 0, tzinfo=UTC)
    assert corpus.article(listed[0].id[:6]).title == "New"
    assert corpus.article(listed[0].id[:6].upper()).title == "New"  # LIKE ignores case on SQLite only
    with pytest.raises(NotFound):
        corpus.article("zzzz")


def test_migrated_schema_matches_the_table_definitions(corpus: Corpus) -> None:
    def ours(name: str | None, _kind: str, _parent: object) -> bool:
        # the full-text indexes (and FTS5's shadow tables) are built by the migrations outside the table definitions
        return not (name or "").startswith((FTS_TABLE, QUOTES_FTS_TABLE))

    with corpus.store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"include_name": ours}), metadata)
        version = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert differences == []
    assert version == corpus.stats().schema_version


def test_unusable_databases_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        Corpus.open(str(tmp_path / "missing" / "x.db"))
    not_db = write(tmp_path / "notes.db", "these are not the droids " * 100)
    with pytest.raises(DatabaseError, match="cannot open as a dateline database"):
        Corpus.open(str(not_db))
    with pytest.raises(DatabaseError, match="mysql databases are not supported: give an SQLite file path"):
        Corpus.open("mysql://reader@localhost/news")


REFUSE_INSERTS = {
    "sqlite": ["CREATE TRIGGER refuse BEFORE INSERT ON articles BEGIN SELECT RAISE(ABORT, 'disk says no'); END"],
    "postgresql": [
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'disk says no'; END $$",
        "CREATE TRIGGER refuse BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse()",
    ],
}


def test_a_failed_batch_leaves_what_was_stored(tmp_path: Path, corpus: Corpus) -> None:
    write(tmp_path / "1.txt", seed("Kept", "W", "Kept news."))
    corpus.ingest([str(tmp_path)])
    write(tmp_path / "2.txt", seed("Lost", "W", "Lost news."))
    with corpus.store.engine.begin() as connection:
        for statement in REFUSE_INSERTS[connection.dialect.name]:
            connection.exec_driver_sql(statement)
    with pytest.raises(Exception, match="disk says no"):
        corpus.ingest([str(tmp_path)])
    assert [a.title for a in corpus.articles()] == ["Kept"]
    assert corpus.search("news")[0].article.title == "Kept"


def test_reading_again_replaces_what_was_found(tmp_path: Path, corpus: Corpus) -> None:
    write(tmp_path / "1.txt", seed("Lisbon talks", "Meridian Wire", WIRE))
    corpus.ingest([str(tmp_path)])
    [quote] = corpus.quotes(about='"first step"')
    assert quote.speaker is not None and quote.speaker.name == "Ana Ruiz"
    assert corpus.reprocess() == 1
    assert corpus.quotes(about='"first step"') == [quote]  # indexed again, once
    assert corpus.quotes(about="solution NOT step") == []


def test_entities_are_the_same_whatever_the_batches_and_order(tmp_path: Path, shared: Path) -> None:
    real = (shared / "corpora" / "newscluster.jsonl").read_text(encoding="utf-8").splitlines()[:20]
    ours = [
        seed("Port strike", "Meridian Wire", "Helena Varga, the union leader, called a strike at the port on Monday."),
        seed(
            "Strike ends", "Meridian Wire", "Ms. Varga told reporters on Tuesday that the dockers would return to work."
        ),
        seed("Port reopens", "Coastal Times", "Helena K. Varga thanked the dockers as the port reopened on Friday."),
    ]
    listed: dict[int, set[tuple[object, ...]]] = {}
    for batch_size, lines, texts in ((10, real, ours), (500, real[::-1], ours[::-1])):
        folder = tmp_path / str(batch_size)
        write(folder / "real.jsonl", "\n".join(lines) + "\n")
        for i, text in enumerate(texts):
            write(folder / f"{i}.txt", text)
        with Corpus.open(str(tmp_path / f"{batch_size}.db"), Settings(batch_size=batch_size)) as opened:
            opened.ingest([str(folder)])
            found = opened.entities(limit=None)
        listed[batch_size] = {(e.id, e.name, e.country, e.gender, e.mentions, e.articles) for e in found}
        (varga,) = [e for e in found if "Varga" in e.name]  # a lone surname and two spellings: one person
        assert (varga.name, varga.articles) == ("Helena Varga", 3)
    assert listed[10] == listed[500]


def test_two_ingests_at_once_store_each_article_once(tmp_path: Path, database: str, shared: Path) -> None:
    """Two processes create one database and ingest overlapping parts of the BBC corpus into it at the same time."""
    lines = (shared / "corpora" / "bbc.jsonl").read_text(encoding="utf-8").splitlines()[:240]
    # both start with the same 80 articles, so that both try to store them at the same moment
    first = write(tmp_path / "first.jsonl", "\n".join(lines[:160]))
    second = write(tmp_path / "second.jsonl", "\n".join(lines[:80] + lines[160:]))
    dateline = Path(sys.executable).parent / "dateline"
    small_batches = {**os.environ, "DATELINE_BATCH_SIZE": "10"}  # many turns at the write lock each
    runs = [
        subprocess.Popen(
            [str(dateline), "ingest", str(path), "--db", database, "--no-extract", "--quiet"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=small_batches,
        )
        for path in (first, second)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    stored = [int(found[1].replace(",", "")) for out, _ in outputs if (found := re.search(r"stored\s+([\d,]+)", out))]
    with Corpus.open(database) as corpus:
        expected = {item.id for item in corpus.read([str(first), str(second)]) if isinstance(item, Article)}
        assert sum(stored) == len(expected) == corpus.stats().articles
        assert {a.id for a in corpus.articles(limit=None)} == expected


runner = CliRunner()


def test_cli_round_trip(tmp_path: Path, database: str) -> None:
    write(tmp_path / "in" / "1.txt", seed("Lisbon fishing talks", "Meridian Wire", WIRE, authors="Ana Ruiz"))
    write(tmp_path / "in" / "2.txt", seed("Rain", "The Harbour Ledger", RAIN, "10 Mar 2031"))
    ingested = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", database, "--no-extract", "--quiet"])
    assert ingested.exit_code == 0, ingested.output
    assert re.search(r"stored\s+2\b", ingested.stdout)

    def records(*args: str) -> list[dict[str, object]]:
        result = runner.invoke(app, [*args, "--db", database, "--format", "json"])
        assert result.exit_code == 0, result.output
        found: list[dict[str, object]] = json.loads(result.stdout)
        return found

    hits = records("search", "fishing OR flooded")
    assert sorted(str(h["title"]) for h in hits) == ["Lisbon fishing talks", "Rain"]
    assert all(h["snippet"] and h["highlights"] for h in hits)
    listed = records("articles", "--outlet", "harbour")
    assert [a["title"] for a in listed] == ["Rain"]
    shown = runner.invoke(app, ["show", str(listed[0]["id"])[:6], "--db", database, "--format", "json"])
    assert json.loads(shown.stdout)["text"] == RAIN
