"""The store, through the Python API, on real SQLite files."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from conftest import write
from dateline import Corpus
from dateline.errors import DatabaseError, DatelineError, NotFound
from dateline.store.schema import metadata

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
    with pytest.raises(NotFound):
        corpus.article("zzzz")


def test_migrated_schema_matches_the_table_definitions(tmp_path: Path, corpus: Corpus) -> None:
    with corpus.store.engine.connect() as connection:
        # FTS5 keeps its index in shadow tables of its own; they are not part of the table definitions
        ours = {"include_name": lambda name, kind, _parent: "_fts" not in (name or "")}
        differences = compare_metadata(MigrationContext.configure(connection, opts=ours), metadata)
    assert differences == []
    with sqlite3.connect(tmp_path / "test.db") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == corpus.stats().schema_version


def test_unusable_databases_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        Corpus.open(str(tmp_path / "missing" / "x.db"))
    not_db = write(tmp_path / "notes.db", "these are not the droids " * 100)
    with pytest.raises(DatabaseError, match="cannot open as a dateline database"):
        Corpus.open(str(not_db))


def test_a_failed_batch_leaves_what_was_stored(tmp_path: Path, corpus: Corpus) -> None:
    write(tmp_path / "1.txt", seed("Kept", "W", "Kept news."))
    corpus.ingest([str(tmp_path)])
    write(tmp_path / "2.txt", seed("Lost", "W", "Lost news."))
    broken = corpus.store.engine.raw_connection()
    broken.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
    broken.commit()
    with pytest.raises(Exception, match="disk says no"):
        corpus.ingest([str(tmp_path)])
    assert [a.title for a in corpus.articles()] == ["Kept"]
    assert corpus.search("news")[0].article.title == "Kept"
