"""A quote's confidence, calibrated on the hand audits like an event's (quotes stored before it count as sure until
`dateline reprocess` reads them again).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("confidence")
