"""What the REST API reads fast at 100,000 articles: entity counts kept by the writer, and covering indexes for
listings and for counting events by day and by actor pair. Each event group is counted through its first report,
the event whose id is the group's id; a group whose first report went with a reprocessed article takes the id of
its earliest remaining report.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FIGURES = ["group_id", "id", "goldstein", "quad_class"]
INDEXES = {
    "ix_articles_format": ("articles", ["format"]),
    "ix_articles_story_published": ("articles", ["story_id", "published"]),
    "ix_articles_pk_published": ("articles", ["pk", "published"]),
    "ix_mentions_entity_article": ("mentions", ["entity_id", "article_pk"]),
    "ix_events_first_reports": ("events", ["date", *FIGURES]),
    "ix_events_code_pairs": ("events", ["source_code", "target_code", *FIGURES, "date"]),
    "ix_events_entity_pairs": ("events", ["source_entity_id", "target_entity_id", *FIGURES, "date"]),
}


def upgrade() -> None:
    op.create_table(
        "entity_counts",
        sa.Column("entity_id", sa.String(16), primary_key=True),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    op.execute(
        "INSERT INTO entity_counts (entity_id, mentions, articles) "
        "SELECT entity_id, count(*), count(DISTINCT article_pk) FROM mentions WHERE entity_id IS NOT NULL "
        "GROUP BY entity_id"
    )
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    _refound_groups()


def _refound_groups() -> None:
    bind = op.get_bind()
    orphans = bind.execute(
        sa.text(
            "SELECT group_id, min(pk) AS first FROM events WHERE group_id NOT IN (SELECT id FROM events) "
            "GROUP BY group_id"
        )
    ).all()
    for group_id, first in orphans:
        bind.execute(
            sa.text("UPDATE events SET group_id = (SELECT id FROM events WHERE pk = :first) WHERE group_id = :group"),
            {"first": first, "group": group_id},
        )


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
    op.drop_table("entity_counts")
