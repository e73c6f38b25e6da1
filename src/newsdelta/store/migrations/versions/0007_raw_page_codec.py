"""raw_pages.body_codec: a raw page is stored as the server's gzip stream when it came gzipped

Revision ID: 0007
Revises: 0006

Why: compressing a 150 KB page again with zstd cost ~0.45 ms of CPU per new
version, while the fetcher already holds the same page compressed as it came
over the wire (and gzip -6 of a typical page is about as small as zstd -3).
``body_codec`` says how ``body_blob`` is compressed: ``zstd`` (every row
before this revision, and pages that came uncompressed or deflated) or
``gzip`` (the server's own stream, kept as received).

Downgrade: the older code reads only zstd, so gzip rows are recompressed
with zstd (level 3, as that code wrote them) before the column is dropped.
"""
from __future__ import annotations

import gzip

import sqlalchemy as sa
import zstandard
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('raw_pages') as batch:
        batch.add_column(
            sa.Column('body_codec', sa.String(10), nullable=False, server_default='zstd'))


def downgrade() -> None:
    conn = op.get_bind()
    pages = sa.table('raw_pages', sa.column('version_id'), sa.column('body_blob'),
                     sa.column('body_codec'))
    compressor = zstandard.ZstdCompressor(level=3)
    rows = conn.execute(
        sa.select(pages.c.version_id, pages.c.body_blob).where(pages.c.body_codec == 'gzip')
    ).all()
    for version_id, blob in rows:
        conn.execute(
            pages.update().where(pages.c.version_id == version_id).values(
                body_blob=compressor.compress(gzip.decompress(blob)), body_codec='zstd'))
    with op.batch_alter_table('raw_pages') as batch:
        batch.drop_column('body_codec')
