"""Full-text search over articles and quotes, on SQLite (FTS5, sqlite.py) or PostgreSQL (tsvector and GIN,
postgresql.py): the one place in the store that knows which backend it runs on.

Queries are built once, without a connection: each piece that the backends write differently is an expression that
takes its backend's form when the statement is compiled for the connection that runs it. Both backends keep the
index in tables named articles_fts and quotes_fts whose rowid is the indexed row's primary key.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from ...model import Span
from . import postgresql, sqlite
from .query import Query, parse

__all__ = [
    "Query",
    "index_articles",
    "index_quotes",
    "match",
    "matching",
    "parse",
    "read_snippet",
    "score",
    "snippet",
    "unindex_quotes",
]


class _PerBackend(sa.ColumnElement[Any]):
    """An expression with one form per backend, picked when the statement is compiled."""

    inherit_cache = False  # holds the user's query: nothing to share between statements

    def __init__(self, forms: dict[str, sa.ColumnElement[Any]]) -> None:
        self.forms = forms
        self.type = forms["sqlite"].type


@compiles(_PerBackend)
def _compile(element: _PerBackend, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.forms[compiler.dialect.name], **kw)


def match(table: str, query: Query) -> sa.ColumnElement[bool]:
    """The rows of full-text ``table`` (articles_fts or quotes_fts) that match ``query``."""
    return _PerBackend({"sqlite": sqlite.match(table, query), "postgresql": postgresql.match(table, query)})


def matching(table: str, query: str) -> sa.Select[Any]:
    """The rowids (primary keys of articles or quotes) that match what a user typed: a subquery for IN (...)."""
    index = sa.table(table, sa.column("rowid"))
    return sa.select(index.c.rowid).where(match(table, parse(query)))


def score(query: Query) -> sa.ColumnElement[float]:
    """How well an article matches, higher is better (bm25 on SQLite, ts_rank_cd on PostgreSQL); the statement
    joins articles_fts."""
    return _PerBackend({"sqlite": sqlite.score(query), "postgresql": postgresql.score(query)})


def snippet(query: Query) -> sa.ColumnElement[str]:
    """A piece of the article's text around the matches, marked for ``read_snippet``."""
    return _PerBackend({"sqlite": sqlite.snippet(query), "postgresql": postgresql.snippet(query)})


def read_snippet(connection: Connection, marked: str, text: str) -> tuple[str, list[Span]]:
    """The snippet as shown, and the offsets of the matched words in it."""
    return _backend(connection).read_snippet(marked, text)


def index_articles(connection: Connection, pks: list[int]) -> None:
    """Index the articles just stored under these primary keys."""
    _backend(connection).index_articles(connection, pks)


def index_quotes(connection: Connection, article_pks: list[int]) -> None:
    """Index the quotes just stored for these articles."""
    _backend(connection).index_quotes(connection, article_pks)


def unindex_quotes(connection: Connection, article_pks: list[int]) -> None:
    """Take the quotes of these articles out of the index, before the quotes are deleted."""
    _backend(connection).unindex_quotes(connection, article_pks)


def _backend(connection: Connection) -> Any:
    """The module for the connection's backend (they share their functions' names and signatures)."""
    return postgresql if connection.dialect.name == "postgresql" else sqlite
