"""Full-text search on PostgreSQL: tables articles_fts and quotes_fts hold each row's tsvector (english
configuration; an article's title weighted A, its text B) under a GIN index, keyed by the row's primary key as
rowid like their FTS5 namesakes, filled by the writer and emptied with their rows (ON DELETE CASCADE).

A query becomes a tsquery built in SQL from bound parameters: phraseto_tsquery for each word or phrase (to_tsquery
only for a prefix, given nothing but letters and digits), joined with the tsquery operators, so nothing a user types
is ever read as tsquery or SQL syntax. The english configuration leaves stop words ("the", "of") out of the index:
a query of stop words alone finds nothing here, where FTS5, which keeps every word, finds them.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.engine import Connection
from sqlalchemy.sql import operators

from ...model import Span
from ..schema import FTS_TABLE, QUOTES_FTS_TABLE, articles, quotes
from .marks import unmark
from .query import Query, Term

CONFIG: sa.ColumnElement[Any] = sa.literal_column("'english'::regconfig")
TITLE: sa.ColumnElement[Any] = sa.literal_column("'A'::\"char\"")  # the weight of the title's words
TEXT: sa.ColumnElement[Any] = sa.literal_column("'B'::\"char\"")  # and of the text's
# ts_rank_cd's weights for D, C, B, A: the title (A) counts four times the text (B), as bm25's 4.0 and 1.0 do
WEIGHTS: sa.ColumnElement[Any] = sa.literal_column("'{0.1, 0.2, 0.25, 1.0}'::float4[]")
BY_LENGTH = 1  # divide by 1 + log(document length): a long article does not win by length alone
HEADLINE = "StartSel=\x02, StopSel=\x03, MaxWords=24, MinWords=12, MaxFragments=1"
ELLIPSIS = "…"

_INDEXES = {
    FTS_TABLE: sa.table(FTS_TABLE, sa.column("rowid", sa.Integer), sa.column("document", TSVECTOR)),
    QUOTES_FTS_TABLE: sa.table(QUOTES_FTS_TABLE, sa.column("rowid", sa.Integer), sa.column("document", TSVECTOR)),
}
_WORD = re.compile(r"[^\W_]+")


def match(table: str, query: Query) -> sa.ColumnElement[bool]:
    return _INDEXES[table].c.document.bool_op("@@")(tsquery(query))


def tsquery(query: Query) -> sa.ColumnElement[Any]:
    """Groups joined with ||, terms within a group with && (and && !! for NOT): the precedence FTS5 gives them."""
    alternatives = []
    for group in query:
        joined = _term(group[0])
        for term in group[1:]:
            operand = _not(_term(term)) if term.negated else _term(term)
            joined = joined.op("&&", return_type=TSQUERY)(operand)
        alternatives.append(joined)
    found = alternatives[0]
    for alternative in alternatives[1:]:
        found = found.op("||", return_type=TSQUERY)(alternative)
    return found


def _term(term: Term) -> sa.ColumnElement[Any]:
    words = _WORD.findall(term.words)
    if not term.prefix or not words:
        return sa.func.phraseto_tsquery(CONFIG, sa.literal(term.words), type_=TSQUERY)
    # to_tsquery reads its own syntax: it is given one run of letters and digits and the :* that makes a prefix
    start = sa.func.to_tsquery(CONFIG, sa.literal(words[-1] + ":*"), type_=TSQUERY)
    if len(words) == 1:
        return start
    before = sa.func.phraseto_tsquery(CONFIG, sa.literal(" ".join(words[:-1])), type_=TSQUERY)
    return sa.func.tsquery_phrase(before, start, type_=TSQUERY)


def _not(operand: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    return sa.sql.elements.UnaryExpression(operand, operator=operators.custom_op("!!"), type_=TSQUERY)


def score(query: Query) -> sa.ColumnElement[float]:
    """Cover density (how close together the matched words stand), title weighted 4x, normalised by length."""
    document = _INDEXES[FTS_TABLE].c.document
    return sa.func.ts_rank_cd(WEIGHTS, document, tsquery(query), BY_LENGTH, type_=sa.Float)


def snippet(query: Query) -> sa.ColumnElement[str]:
    """About 24 words of the text around the best cover of the matches, the matches marked."""
    return sa.func.ts_headline(CONFIG, articles.c.text, tsquery(query), sa.literal(HEADLINE), type_=sa.Text)


def read_snippet(marked: str, text: str) -> tuple[str, list[Span]]:
    """The snippet and its matches, with an ellipsis where it cuts the text, as FTS5's snippet() has."""
    plain, spans = unmark(marked)
    at = text.find(plain)
    before = ELLIPSIS if at != 0 else ""
    after = ELLIPSIS if at < 0 or at + len(plain) < len(text) else ""
    shift = len(before)
    return before + plain + after, [Span(s.start + shift, s.end + shift) for s in spans]


def index_articles(connection: Connection, pks: list[int]) -> None:
    title = sa.func.setweight(sa.func.to_tsvector(CONFIG, sa.func.coalesce(articles.c.title, "")), TITLE)
    text = sa.func.setweight(sa.func.to_tsvector(CONFIG, articles.c.text), TEXT)
    stored = sa.select(articles.c.pk, title.op("||", return_type=TSVECTOR)(text)).where(articles.c.pk.in_(pks))
    connection.execute(sa.insert(_INDEXES[FTS_TABLE]).from_select(["rowid", "document"], stored))


def index_quotes(connection: Connection, article_pks: list[int]) -> None:
    stored = sa.select(quotes.c.pk, sa.func.to_tsvector(CONFIG, quotes.c.text)).where(
        quotes.c.article_pk.in_(article_pks)
    )
    connection.execute(sa.insert(_INDEXES[QUOTES_FTS_TABLE]).from_select(["rowid", "document"], stored))


def unindex_quotes(connection: Connection, article_pks: list[int]) -> None:
    """Nothing to do: index rows go with their quotes (ON DELETE CASCADE)."""
