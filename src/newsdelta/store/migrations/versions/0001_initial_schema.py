"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 07:54:57.688937
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import newsdelta.store.schema

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_ok_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('last_error_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_discover_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('name', name=op.f('uq_sources_name'))
    )
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('final_url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('first_seen_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_check_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=True),
    sa.Column('interval_s', sa.Float(), nullable=False),
    sa.Column('consecutive_errors', sa.Integer(), nullable=False),
    sa.Column('last_checked_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_change_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=True),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('retired_reason', sa.Text(), nullable=True),
    sa.Column('checks_count', sa.Integer(), nullable=False),
    sa.Column('last_result', sa.String(length=30), nullable=True),
    sa.Column('page_state', sa.String(length=20), nullable=False),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.Text(), nullable=True),
    sa.Column('raw_hash', sa.String(length=40), nullable=True),
    sa.Column('fingerprint', sa.String(length=40), nullable=True),
    sa.Column('version_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_articles_source_id_sources'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('url', name=op.f('uq_articles_url'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_due', ['retired', 'next_check_at'], unique=False)
        batch_op.create_index('ix_articles_source', ['source_id', 'last_change_at'], unique=False)

    op.create_table('source_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.Text(), nullable=True),
    sa.Column('last_ok_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('last_error_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_feeds_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_feeds')),
    sa.UniqueConstraint('source_id', 'url', name=op.f('uq_source_feeds_source_id'))
    )
    op.create_table('article_urls',
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_urls_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('url', name=op.f('pk_article_urls'))
    )
    with op.batch_alter_table('article_urls', schema=None) as batch_op:
        batch_op.create_index('ix_article_urls_article', ['article_id'], unique=False)

    op.create_table('versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('captured_at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=False),
    sa.Column('fingerprint', sa.String(length=40), nullable=False),
    sa.Column('extractor_version', sa.String(length=80), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('word_count', sa.Integer(), nullable=False),
    sa.Column('base_version_id', sa.Integer(), nullable=True),
    sa.Column('text_blob', sa.LargeBinary(), nullable=False),
    sa.Column('text_size', sa.Integer(), nullable=False),
    sa.Column('words_added', sa.Integer(), nullable=False),
    sa.Column('words_removed', sa.Integer(), nullable=False),
    sa.Column('headline_changed', sa.Boolean(), nullable=False),
    sa.Column('labels', sa.Text(), nullable=True),
    sa.Column('significance', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_versions_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['base_version_id'], ['versions.id'], name=op.f('fk_versions_base_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_versions')),
    sa.UniqueConstraint('article_id', 'number', name=op.f('uq_versions_article_id'))
    )
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.create_index('ix_versions_captured', ['captured_at'], unique=False)
        batch_op.create_index('ix_versions_fp', ['article_id', 'fingerprint'], unique=False)

    op.create_table('check_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('at', newsdelta.store.schema.UTCDateTime(timezone=True), nullable=False),
    sa.Column('result', sa.String(length=30), nullable=False),
    sa.Column('event', sa.String(length=20), nullable=True),
    sa.Column('status', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_check_events_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_check_events_version_id_versions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_events'))
    )
    with op.batch_alter_table('check_events', schema=None) as batch_op:
        batch_op.create_index('ix_check_events_article', ['article_id', 'at'], unique=False)

    op.create_table('raw_pages',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('final_url', sa.Text(), nullable=False),
    sa.Column('encoding', sa.String(length=40), nullable=True),
    sa.Column('content_type', sa.Text(), nullable=True),
    sa.Column('body_blob', sa.LargeBinary(), nullable=False),
    sa.Column('body_size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_raw_pages_version_id_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('version_id', name=op.f('pk_raw_pages'))
    )


def downgrade() -> None:
    op.drop_table('raw_pages')
    with op.batch_alter_table('check_events', schema=None) as batch_op:
        batch_op.drop_index('ix_check_events_article')

    op.drop_table('check_events')
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.drop_index('ix_versions_fp')
        batch_op.drop_index('ix_versions_captured')

    op.drop_table('versions')
    with op.batch_alter_table('article_urls', schema=None) as batch_op:
        batch_op.drop_index('ix_article_urls_article')

    op.drop_table('article_urls')
    op.drop_table('source_feeds')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_source')
        batch_op.drop_index('ix_articles_due')

    op.drop_table('articles')
    op.drop_table('sources')
