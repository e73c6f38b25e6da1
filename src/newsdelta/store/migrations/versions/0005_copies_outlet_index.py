"""copies_docs outlet index, for outlet pages ("who copies whom")

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Outlet pages list the pairs touching one outlet's indexed articles; without
    # this index that is a scan of copies_docs (which holds every article's text).
    op.create_index('ix_copies_docs_outlet', 'copies_docs', ['outlet'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_copies_docs_outlet', table_name='copies_docs')
