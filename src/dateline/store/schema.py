"""The tables, as SQLAlchemy Core metadata: what queries are written against.

Migrations (store/migrations/versions) build the same tables step by step; tests/test_store.py checks
that a migrated database matches this definition exactly.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(16), nullable=False, unique=True),
    Column("story_id", String(16), nullable=False, index=True),
    Column("title", Text),
    Column("outlet", Text, index=True),
    Column("url", Text),
    Column("published", String(20), index=True),  # ISO 8601 UTC: 2022-02-21T16:24:00Z, or a bare day
    Column("updated", String(20)),
    Column("date_line", String(10)),
    Column("language", String(16)),
    Column("format", String(8), nullable=False),
    Column("source", Text, nullable=False),
    Column("authors", Text, nullable=False),  # JSON list, in byline order
    Column("paragraphs", Text, nullable=False),  # JSON list of [start, end]
    Column("warnings", Text, nullable=False),  # JSON list
    Column("text", Text, nullable=False),
    Column("ingested_at", String(20), nullable=False),
)

article_authors = Table(
    "article_authors",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False, index=True),
)

signatures = Table(
    "signatures",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("key", BigInteger, nullable=False),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Index("ix_lsh_bands_key", "key"),
)

FTS_TABLE = "articles_fts"  # SQLite FTS5 over articles(title, text), external content, kept in step by the writer
