"""full-text search index

Revision ID: 0002
Revises: 0001

SQLite: a *contentless* FTS5 table (``content=''``). It stores only the
inverted index, not a second copy of every version's text (the texts are
kept zstd-compressed in ``versions``); snippets are cut in Python from the
decompressed text of the few hits shown. ``rowid`` is the version id.
Columns: ``body`` (title, standfirst, byline and paragraphs of the version)
and ``removed`` (sentences of the previous version this one dropped).

PostgreSQL: an ordinary table of two ``tsvector`` columns with GIN indexes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE version_search USING fts5("
            "body, removed, content='', tokenize='unicode61 remove_diacritics 2')"
        )
    elif dialect == "postgresql":
        op.create_table(
            "version_search",
            sa.Column(
                "version_id",
                sa.Integer(),
                sa.ForeignKey("versions.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column("body", postgresql.TSVECTOR(), nullable=False),
            sa.Column("removed", postgresql.TSVECTOR(), nullable=False),
        )
        op.create_index(
            "ix_version_search_body", "version_search", ["body"], postgresql_using="gin"
        )
        op.create_index(
            "ix_version_search_removed", "version_search", ["removed"], postgresql_using="gin"
        )
    if dialect in ("sqlite", "postgresql"):
        from newsdelta.store.search import rebuild_index

        rebuild_index(op.get_bind())  # versions stored before this migration


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS version_search")
    elif dialect == "postgresql":
        op.drop_table("version_search")
