"""copies index

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('copies_docs',
    sa.Column('article_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('version_id', sa.BigInteger(), nullable=False),
    sa.Column('outlet', sa.String(length=200), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published', sa.DateTime(timezone=True), nullable=True),
    sa.Column('credits', sa.String(length=500), nullable=False),
    sa.Column('text_z', sa.LargeBinary(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_copies_docs'))
    )
    op.create_table('copies_embeddings',
    sa.Column('article_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('model', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('doc_vector', sa.LargeBinary(), nullable=False),
    sa.Column('sentence_vectors', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_copies_embeddings'))
    )
    with op.batch_alter_table('copies_embeddings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_copies_embeddings_at'), ['at'], unique=False)

    op.create_table('copies_lsh',
    sa.Column('band', sa.SmallInteger(), autoincrement=False, nullable=False),
    sa.Column('hash', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('article_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('band', 'hash', 'article_id', name=op.f('pk_copies_lsh')),
    sqlite_with_rowid=False
    )
    op.create_table('copies_matches',
    sa.Column('a', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('b', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('via', sa.String(length=20), nullable=False),
    sa.Column('passages', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('a', 'b', name=op.f('pk_copies_matches'))
    )
    with op.batch_alter_table('copies_matches', schema=None) as batch_op:
        batch_op.create_index('ix_copies_matches_b', ['b'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('copies_matches', schema=None) as batch_op:
        batch_op.drop_index('ix_copies_matches_b')

    op.drop_table('copies_matches')
    op.drop_table('copies_lsh')
    with op.batch_alter_table('copies_embeddings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_copies_embeddings_at'))

    op.drop_table('copies_embeddings')
    op.drop_table('copies_docs')
