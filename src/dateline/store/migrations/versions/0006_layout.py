"""The layout of each article: the regions of its text that are not body (captions, bylines, datelines, subheads,
boilerplate), as the reading pipeline found them, kept beside its notes. Articles read before have none recorded
(NULL) until `dateline reprocess --stale-only` reads them again.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processing") as table:
        table.add_column(sa.Column("layout", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("processing") as table:
        table.drop_column("layout")
