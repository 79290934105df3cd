"""What the reading pipeline finds: entities, mentions, quotes, times, places, and which articles were read.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _article() -> sa.Column:
    return sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False)


def _offsets() -> list[sa.Column]:
    return [
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "processing",
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("pipeline", sa.String(16), nullable=False),
        sa.Column("model", sa.Text, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("processed_at", sa.String(20), nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("gender", sa.String(8)),
        sa.Column("surname", sa.Text),
        sa.Column("canonical_id", sa.String(16), nullable=False),
    )
    for column in ("kind", "name", "country", "surname", "canonical_id"):
        op.create_index(f"ix_entities_{column}", "entities", [column])
    op.create_table(
        "mentions",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        _article(),
        sa.Column("entity_id", sa.String(16)),
        *_offsets(),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("role", sa.Text),
    )
    op.create_index("ix_mentions_article_pk", "mentions", ["article_pk"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    op.create_table(
        "quotes",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(16), nullable=False, unique=True),
        _article(),
        *_offsets(),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("cue_text", sa.Text),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("speaker_text", sa.Text),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("speaker_entity_id", sa.String(16)),
        sa.Column("speaker_name", sa.Text),
        sa.Column("parts", sa.Text, nullable=False),
    )
    op.create_index("ix_quotes_article_pk", "quotes", ["article_pk"])
    op.create_index("ix_quotes_speaker_entity_id", "quotes", ["speaker_entity_id"])
    op.create_table(
        "times",
        sa.Column("id", sa.String(16), primary_key=True),
        _article(),
        *_offsets(),
        sa.Column("type", sa.String(8), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("granularity", sa.String(12), nullable=False),
    )
    op.create_index("ix_times_article_pk", "times", ["article_pk"])
    op.create_index("ix_times_value", "times", ["value"])
    op.create_table(
        "places",
        sa.Column("id", sa.String(16), primary_key=True),
        _article(),
        *_offsets(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("gazetteer_id", sa.Text),
        sa.Column("entity_id", sa.String(16)),
    )
    op.create_index("ix_places_article_pk", "places", ["article_pk"])
    op.create_index("ix_places_country", "places", ["country"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='pk',"
            " tokenize='porter unicode61 remove_diacritics 2')"
        )
    else:
        op.create_table(
            "quotes_fts",
            sa.Column(
                "rowid",
                sa.Integer,
                sa.ForeignKey("quotes.pk", ondelete="CASCADE"),
                primary_key=True,
                autoincrement=False,
            ),
            sa.Column("document", postgresql.TSVECTOR, nullable=False),
        )
        op.create_index("ix_quotes_fts_document", "quotes_fts", ["document"], postgresql_using="gin")


def downgrade() -> None:
    op.drop_table("quotes_fts")
    for table in ("places", "times", "quotes", "mentions", "entities", "processing"):
        op.drop_table(table)
