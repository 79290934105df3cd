"""Events coded in CAMEO and PLOVER, grouped across articles, and each article's 5W1H summary card.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _actor(side: str) -> list[sa.Column]:
    return [
        sa.Column(f"{side}_code", sa.String(24)),
        sa.Column(f"{side}_entity_id", sa.String(16)),
        sa.Column(f"{side}_name", sa.Text),
        sa.Column(f"{side}_start", sa.Integer),
        sa.Column(f"{side}_end", sa.Integer),
    ]


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(16), nullable=False, unique=True),
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("group_id", sa.String(16), nullable=False),
        sa.Column("code", sa.String(4), nullable=False),
        sa.Column("root", sa.String(2), nullable=False),
        sa.Column("quad_class", sa.Integer, nullable=False),
        sa.Column("goldstein", sa.Float, nullable=False),
        sa.Column("plover", sa.String(12), nullable=False),
        sa.Column("plover_mode", sa.Text),
        *_actor("source"),
        *_actor("target"),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("date_precision", sa.String(12), nullable=False),
        sa.Column("date_source", sa.String(12), nullable=False),
        sa.Column("place_name", sa.Text),
        sa.Column("place_country", sa.String(3)),
        sa.Column("place_lat", sa.Float),
        sa.Column("place_lon", sa.Float),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("quote_id", sa.String(16)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("mode", sa.String(12), nullable=False),
    )
    for column in ("article_pk", "group_id", "code", "root", "plover", "source_code", "source_entity_id",
                   "target_code", "target_entity_id", "date"):  # fmt: skip
        op.create_index(f"ix_events_{column}", "events", [column])
    op.create_table(
        "summaries",
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
        *[
            column
            for w in ("who", "what", "when", "where", "why", "how")
            for column in (
                sa.Column(f"{w}_text", sa.Text),
                sa.Column(f"{w}_start", sa.Integer),
                sa.Column(f"{w}_end", sa.Integer),
            )
        ],
        sa.Column("event_id", sa.String(16)),
        sa.Column("when_value", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("summaries")
    op.drop_table("events")
