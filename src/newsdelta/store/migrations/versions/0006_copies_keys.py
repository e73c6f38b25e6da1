"""copies: LSH keys as one blob per article (copies_keys) instead of one row per key (copies_lsh)

Revision ID: 0006
Revises: 0005

Why: ``copies_lsh`` took ~38 rows per article at random positions of its
primary key, so each insert dirtied ~35 pages of a B-tree far larger than the
page cache (~300 KB of WAL and checkpoint I/O per article) and each query paid
~38 random page reads. The buckets now live in memory
(``newsdelta/core/lsh.py``) and are loaded from ``copies_keys``, which is
appended to in ``seq`` order.

Data: upgrade packs the existing ``copies_lsh`` rows of each article into its
``copies_keys`` blob (with the application's ``pack_keys``: the blob format is
the application's); downgrade recomputes ``copies_lsh`` from the stored
(cleaned) text with the application's ``sketch``, as the old removal code did.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

import sqlalchemy as sa
import zstandard
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_CHUNK = 5_000


def _keys_table() -> sa.TableClause:
    return sa.table('copies_keys', sa.column('article_id'), sa.column('lsh_keys'))


def _lsh_table() -> sa.TableClause:
    return sa.table('copies_lsh', sa.column('band'), sa.column('hash'), sa.column('article_id'))


def _grouped_lsh(conn: sa.Connection) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """``(article_id, [(band, hash), ...])`` in article order, streamed."""
    rows = conn.execute(sa.text(
        'SELECT article_id, band, hash FROM copies_lsh ORDER BY article_id, band, hash'))
    current: int | None = None
    keys: list[tuple[int, int]] = []
    for aid, band, h in rows:
        if aid != current:
            if current is not None:
                yield current, keys
            current, keys = int(aid), []
        keys.append((int(band), int(h)))
    if current is not None:
        yield current, keys


def upgrade() -> None:
    from newsdelta.core.lsh import keys_to_bytes, pack_keys

    op.create_table('copies_keys',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
              nullable=False),
    sa.Column('article_id', sa.BigInteger(), nullable=False),
    sa.Column('lsh_keys', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_copies_keys')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('copies_keys', schema=None) as batch_op:
        batch_op.create_index('ix_copies_keys_article_id', ['article_id'], unique=True)

    conn = op.get_bind()
    # Materialise the groups first (one blob of ~300 bytes per article): inserting
    # while a SELECT on the same connection is still being read is not portable.
    packed = [(aid, keys_to_bytes(pack_keys(keys))) for aid, keys in _grouped_lsh(conn)]
    have = {aid for aid, _ in packed}
    docs = [int(r[0]) for r in conn.execute(sa.text('SELECT article_id FROM copies_docs'))]
    # Articles without keys (no text after cleaning) get a row too, with no keys,
    # so every indexed article has one.
    packed += [(aid, b'') for aid in docs if aid not in have]
    packed.sort()  # seq in article order
    for start in range(0, len(packed), _CHUNK):
        conn.execute(_keys_table().insert(),
                     [{'article_id': a, 'lsh_keys': k} for a, k in packed[start:start + _CHUNK]])
    op.drop_table('copies_lsh')


def downgrade() -> None:
    from newsdelta.core.sketch import sketch

    op.create_table('copies_lsh',
    sa.Column('band', sa.SmallInteger(), autoincrement=False, nullable=False),
    sa.Column('hash', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('article_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('band', 'hash', 'article_id', name=op.f('pk_copies_lsh')),
    sqlite_with_rowid=False
    )
    conn = op.get_bind()
    zd = zstandard.ZstdDecompressor()
    texts = conn.execute(sa.text('SELECT article_id, text_z FROM copies_docs')).all()
    rows: list[dict[str, int]] = []
    for aid, text_z in texts:
        title, paragraphs = json.loads(zd.decompress(bytes(text_z)))
        for band, h in sketch(str(title), [str(p) for p in paragraphs]).keys:
            rows.append({'band': band, 'hash': h, 'article_id': int(aid)})
        if len(rows) >= _CHUNK:
            conn.execute(_lsh_table().insert(), rows)
            rows = []
    if rows:
        conn.execute(_lsh_table().insert(), rows)

    with op.batch_alter_table('copies_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_copies_keys_article_id')
    op.drop_table('copies_keys')
