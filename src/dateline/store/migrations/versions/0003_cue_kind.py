"""What a quote's cue reports: speech, belief, evidence, intent, stance, evaluation or source.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("cue_kind", sa.String(12)))
    op.create_index("ix_quotes_cue_kind", "quotes", ["cue_kind"])


def downgrade() -> None:
    op.drop_index("ix_quotes_cue_kind", "quotes")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("cue_kind")
