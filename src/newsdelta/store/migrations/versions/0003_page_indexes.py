"""Indexes for the outlets and recent-changes pages.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_source_versions", "articles", ["source_id", "version_count"])
    op.create_index("ix_versions_headline", "versions", ["headline_changed", "captured_at"])


def downgrade() -> None:
    op.drop_index("ix_versions_headline", table_name="versions")
    op.drop_index("ix_articles_source_versions", table_name="articles")
