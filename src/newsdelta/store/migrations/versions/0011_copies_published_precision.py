"""copies_docs.published_precision: how precise a copy's published date is

Revision ID: 0011
Revises: 0010

Why: the probable source of a story is the copy published first, but a page's
date can be a day alone (kept as midnight UTC) or a time without an offset (kept
as UTC, off by up to 14 hours). Read as exact instants, an uncredited copy
dated "07:30" (New York time, 11:30 UTC) came before the wire's 10:00 UTC and
was named the source. Extraction now says how precise the date is
(``exact``, ``day``, ``naive``) and the copies index keeps it; rows indexed
before have none (a value at exactly midnight UTC is then read as a day).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('copies_docs') as batch:
        batch.add_column(sa.Column('published_precision', sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('copies_docs') as batch:
        batch.drop_column('published_precision')
