"""Articles, authors, near-duplicate signatures and the full-text index.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(16), nullable=False, unique=True),
        sa.Column("story_id", sa.String(16), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(20)),
        sa.Column("updated", sa.String(20)),
        sa.Column("date_line", sa.String(10)),
        sa.Column("language", sa.String(16)),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("authors", sa.Text, nullable=False),
        sa.Column("paragraphs", sa.Text, nullable=False),
        sa.Column("warnings", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(20), nullable=False),
    )
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_table(
        "article_authors",
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_index("ix_article_authors_name", "article_authors", ["name"])
    op.create_table(
        "signatures",
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("minhash", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "lsh_bands",
        sa.Column("key", sa.BigInteger, nullable=False),
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    )
    op.create_index("ix_lsh_bands_key", "lsh_bands", ["key"])
    # the full-text index, keyed by the article's pk as rowid: FTS5 on SQLite, a tsvector under GIN on PostgreSQL
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk',"
            " tokenize='porter unicode61 remove_diacritics 2')"
        )
    else:
        op.create_table(
            "articles_fts",
            sa.Column(
                "rowid",
                sa.Integer,
                sa.ForeignKey("articles.pk", ondelete="CASCADE"),
                primary_key=True,
                autoincrement=False,
            ),
            sa.Column("document", postgresql.TSVECTOR, nullable=False),
        )
        op.create_index("ix_articles_fts_document", "articles_fts", ["document"], postgresql_using="gin")


def downgrade() -> None:
    op.drop_table("articles_fts")
    for table in ("lsh_bands", "signatures", "article_authors", "articles"):
        op.drop_table(table)
