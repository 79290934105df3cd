"""Full-text search on SQLite: FTS5 tables with porter stemming (articles_fts over title and text, quotes_fts over
the quote's text), external content keyed by the row's primary key as rowid, kept in step by the writer."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ...model import Span
from ..schema import FTS_TABLE, QUOTES_FTS_TABLE, articles, quotes
from .marks import unmark
from .query import Query, Term

_ARTICLES_FTS = sa.table(FTS_TABLE, sa.column("rowid"), sa.column("title"), sa.column("text"))
_QUOTES_FTS = sa.table(QUOTES_FTS_TABLE, sa.column("rowid"), sa.column("text"), sa.column(QUOTES_FTS_TABLE))


def match(table: str, query: Query) -> sa.ColumnElement[bool]:
    """``table MATCH :expression``, the expression in FTS5's own syntax with every word inside quotes."""
    return sa.literal_column(table).op("MATCH")(sa.literal(_expression(query)))


def _expression(query: Query) -> str:
    return " OR ".join(" ".join(_operand(term, first=i == 0) for i, term in enumerate(group)) for group in query)


def _operand(term: Term, first: bool) -> str:
    phrase = '"' + term.words.replace('"', '""') + '"' + ("*" if term.prefix else "")
    return phrase if first else ("NOT " if term.negated else "AND ") + phrase


def score(query: Query) -> sa.ColumnElement[float]:
    """bm25 over title (weighted 4x) and text, turned round so that higher is better."""
    return -sa.literal_column(f"bm25({FTS_TABLE}, 4.0, 1.0)", sa.Float)


def snippet(query: Query) -> sa.ColumnElement[str]:
    """About 24 words of the text around the matches, the matches marked, cuts shown with an ellipsis."""
    return sa.literal_column(f"snippet({FTS_TABLE}, 1, char(2), char(3), '…', 24)", sa.Text)


def read_snippet(marked: str, text: str) -> tuple[str, list[Span]]:
    return unmark(marked)


def index_articles(connection: Connection, pks: list[int]) -> None:
    stored = sa.select(articles.c.pk, sa.func.coalesce(articles.c.title, ""), articles.c.text)
    connection.execute(
        sa.insert(_ARTICLES_FTS).from_select(["rowid", "title", "text"], stored.where(articles.c.pk.in_(pks)))
    )


def index_quotes(connection: Connection, article_pks: list[int]) -> None:
    stored = sa.select(quotes.c.pk, quotes.c.text).where(quotes.c.article_pk.in_(article_pks))
    connection.execute(sa.insert(_QUOTES_FTS).from_select(["rowid", "text"], stored))


def unindex_quotes(connection: Connection, article_pks: list[int]) -> None:
    """Take the quotes of these articles out of the index before their rows go: FTS5 needs the text to do so."""
    stored = sa.select(sa.literal("delete"), quotes.c.pk, quotes.c.text).where(quotes.c.article_pk.in_(article_pks))
    connection.execute(sa.insert(_QUOTES_FTS).from_select([QUOTES_FTS_TABLE, "rowid", "text"], stored))
