"""articles.wire_hash: the digest of a page's compressed body as it came over the wire

Revision ID: 0008
Revises: 0007

Why: an unchanged page that comes gzipped is byte-identical compressed too
(servers and CDNs compress deterministically). Comparing the compressed bytes
with last time's ends the check before inflating them, which was about a
quarter of the CPU of an identical 150 KB page. ``NULL`` means "not known"
(every row before this revision, and pages that came uncompressed): the check
then inflates and compares ``raw_hash`` as before.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles') as batch:
        batch.add_column(sa.Column('wire_hash', sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('articles') as batch:
        batch.drop_column('wire_hash')
