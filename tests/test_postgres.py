"""What only PostgreSQL has to show: its URLs, its tsquery translation of what users type, and that it answers
exactly as SQLite does for the same articles. (The shared store tests run on both backends in test_store.py and
test_event_store.py; two ingests at once are tested there on both.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

import pg_support
from conftest import SEED, write
from dateline import Corpus
from dateline.errors import DatabaseError, DatelineError
from dateline.store import fts
from dateline.store.schema import FTS_TABLE
from test_store import RAIN, WIRE, seed

HOSTILE = [
    "'); DROP TABLE articles; --",
    "fishing & rain | !talks",
    "fish:* <-> talks",
    "talks:A",
    "\\ fishing \\'",
    '"unterminated phrase',
    "(fishing",
    "!!fishing",
    "fishing:*",
    "co-op* OR Portugal's*",
    "a_b_*",
    "NOT fishing",
    "fishing OR OR rain NOT",
    "fishing' OR '1'='1",
]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, postgres: pg_support.Cluster) -> Iterator[tuple[Corpus, Corpus]]:
    """The same articles, read with every extractor, in an SQLite file and in a PostgreSQL database."""
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: the seed article lives in ../shared")
    folder = tmp_path_factory.mktemp("both")
    write(folder / "in" / "wire.txt", seed("Lisbon fishing talks", "Meridian Wire", WIRE, authors="Ana Ruiz"))
    write(folder / "in" / "rain.txt", seed("Rain", "The Harbour Ledger", RAIN, "10 Mar 2031"))
    rewrite = WIRE.replace("Monday", "Sunday")
    write(folder / "in" / "copy.txt", seed("Fishing talks in Lisbon", "Coastal Times", rewrite))
    sqlite, pg = Corpus.open(str(folder / "both.db")), Corpus.open(postgres.database())
    for corpus in (sqlite, pg):
        corpus.ingest([str(SEED), str(folder / "in")])
    yield sqlite, pg
    sqlite.close()
    pg.close()


def test_both_backends_answer_the_same(both: tuple[Corpus, Corpus]) -> None:
    sqlite, pg = both
    every = {"limit": None}
    assert pg.articles(**every) == sqlite.articles(**every)
    assert pg.stories(min_articles=1, **every) == sqlite.stories(min_articles=1, **every)
    assert pg.entities(**every) == sqlite.entities(**every)
    assert pg.quotes(**every) == sqlite.quotes(**every)
    assert pg.events(**every) == sqlite.events(**every)
    assert pg.dyad("RUS", "USA", by="day") == sqlite.dyad("RUS", "USA", by="day")
    for article in sqlite.articles(**every):
        assert asdict(pg.annotations(article.id)) == asdict(sqlite.annotations(article.id))
    assert asdict(pg.stats()) | {"database": ""} == asdict(sqlite.stats()) | {"database": ""}


@pytest.mark.parametrize(
    "query",
    ["fishing", "fishing talks", '"joint commission"', "fish*", "fishing OR flooded", "fishing NOT rain",
     "Lavrov OR Blinken", "Portugal's", "negotiat*", "talks NOT Lisbon OR schools", "co-op", "quotas -- cod:"],
)  # fmt: skip
def test_search_finds_the_same_articles(both: tuple[Corpus, Corpus], query: str) -> None:
    sqlite, pg = both
    found = {h.article.id for h in sqlite.search(query, limit=None)}
    assert {h.article.id for h in pg.search(query, limit=None)} == found
    assert {q.id for q in pg.quotes(about=query, limit=None)} == {q.id for q in sqlite.quotes(about=query, limit=None)}


def test_snippets_mark_the_matched_words_in_the_text(both: tuple[Corpus, Corpus]) -> None:
    _, pg = both
    [hit] = pg.search('"joint commission"', outlet="Meridian")
    words = [hit.snippet[s.start : s.end] for s in hit.highlights]
    assert words == ["joint", "commission"]
    assert hit.snippet.strip("…") in hit.article.text
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    top = pg.search("fishing talks")[0]
    assert top.article.title in ("Lisbon fishing talks", "Fishing talks in Lisbon") and top.score > 0


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_words_never_syntax(both: tuple[Corpus, Corpus], query: str) -> None:
    _, pg = both
    pg.search(query)
    pg.quotes(about=query)
    assert pg.stats().articles == 4  # nothing dropped, nothing broken


def test_what_users_type_goes_to_the_server_only_as_parameters() -> None:
    for query in HOSTILE:
        compiled = fts.matching(FTS_TABLE, query).compile(dialect=postgresql.dialect())
        sql, sent = str(compiled), " ".join(str(value) for value in compiled.params.values())
        assert not any(piece in sql for piece in (";", "--", "DROP", "'1'", "fishing", "talks", "<->", "\\")), sql
        assert all(word in sent for word in re.findall(r"[^\W_]+", query) if word not in ("OR", "NOT")), sent


def test_operators_are_words_unless_they_are_ours(both: tuple[Corpus, Corpus]) -> None:
    _, pg = both
    # '&', '|', '!' and ':*' typed by a user join nothing: "fishing & rain" is the two words, both needed
    assert [h.article.title for h in pg.search("fishing & flooded")] == ["Rain"]
    assert {h.article.title for h in pg.search("flooded | commission")} == set()
    with pytest.raises(DatelineError, match="nothing to search for"):
        pg.search("& | ! <->")


def test_stop_words_alone_find_nothing_on_postgresql(both: tuple[Corpus, Corpus]) -> None:
    sqlite, pg = both
    assert sqlite.search("the") and pg.search("the") == []  # english leaves them out of the index
    assert {h.article.id for h in pg.search('"set up a joint"')} == {
        h.article.id for h in sqlite.search('"set up a joint"')
    }


def test_urls(postgres: pg_support.Cluster) -> None:
    url = postgres.database()
    for form in (url, url.replace("postgresql://", "postgresql+psycopg://")):
        with Corpus.open(form) as corpus:
            assert corpus.stats().database == url.replace("postgresql://", "postgresql+psycopg://")
    with pytest.raises(DatabaseError) as refused:
        Corpus.open(url.replace(f"{pg_support.ROLE}@", f"{pg_support.ROLE}:s3cret@").rsplit("/", 1)[0] + "/nowhere")
    assert "cannot open as a dateline database" in str(refused.value) and "nowhere" in str(refused.value)
    assert "s3cret" not in str(refused.value) and "***" in str(refused.value)
    with pytest.raises(DatabaseError, match="postgresql\\+psycopg2 databases are not supported"):
        Corpus.open(url.replace("postgresql://", "postgresql+psycopg2://"))


def test_a_server_that_is_not_there_is_a_clear_error(tmp_path: Path) -> None:
    closed = pg_support.free_port()  # nothing listens there
    with pytest.raises(DatabaseError, match=r"cannot open as a dateline database .*(refused|failed)"):
        Corpus.open(f"postgresql://{pg_support.ROLE}@127.0.0.1:{closed}/news")


def test_the_index_is_a_gin_index(both: tuple[Corpus, Corpus]) -> None:
    _, pg = both
    with pg.store.engine.connect() as connection:
        methods = connection.execute(
            sa.text(
                "SELECT t.relname, a.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_am a ON a.oid = c.relam"
                " WHERE t.relname IN ('articles_fts', 'quotes_fts') AND a.amname = 'gin'"
            )
        ).all()
    assert sorted(methods) == [("articles_fts", "gin"), ("quotes_fts", "gin")]
