"""check_events.fingerprint and check_number: refusals counted "in a row" exactly

Revision ID: 0010
Revises: 0009

Why: a text far shorter than the last good version is refused, and accepted as
an edit once it has been refused on several checks in a row (a cut that
persists). The streak was counted from the latest event rows, but checks that
find nothing new write no event, and the refused text was not compared: a page
alternating between its full and a truncated text, or three different broken
pages, reached the streak and became a version that later stuck. Each event now
records the text it refused (``fingerprint``) and which of the article's checks
it was (``check_number``, its ``checks_count`` then), so the streak counts only
the same text refused on consecutive checks. Older rows have neither and end
every streak.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('check_events') as batch:
        batch.add_column(sa.Column('fingerprint', sa.String(40), nullable=True))
        batch.add_column(sa.Column('check_number', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('check_events') as batch:
        batch.drop_column('check_number')
        batch.drop_column('fingerprint')
