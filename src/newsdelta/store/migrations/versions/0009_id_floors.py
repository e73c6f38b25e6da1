"""id_floors: version ids are never handed out twice

Revision ID: 0009
Revises: 0008

Why: SQLite gives a new row the highest id plus one, so deleting the article
that held the newest versions (``newsdelta delete``) freed their ids for the
next versions of other articles. Version ids key the full-text index (a
contentless FTS5 table, whose rows cannot be removed without the text they
indexed) and the store's text cache, so a reused id inherited the deleted
version's search words, and a long-running ``serve`` showed the deleted text.
``id_floors`` remembers the highest version id ever given; new versions are
numbered above it (``store/check_writes.py``). PostgreSQL sequences never reuse
ids, and the table is simply empty there.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'id_floors',
        sa.Column('name', sa.String(40), primary_key=True),
        sa.Column('floor', sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('id_floors')
