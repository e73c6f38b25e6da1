"""The Alembic migrations build exactly the schema the code declares."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from newsdelta.settings import load_settings
from newsdelta.store import open_store
from newsdelta.store.migrate import current_revision, head_revision
from newsdelta.store.schema import metadata


def _ours(diff: object) -> bool:
    """Full-text search tables are virtual (FTS5) and managed by their migration only."""
    text = repr(diff)
    return "version_search" not in text


def test_migrated_database_matches_declared_schema(tmp_path: Path) -> None:
    store = open_store(load_settings(env={"NEWSDELTA_DB": str(tmp_path / "m.sqlite")}))
    try:
        assert current_revision(store.engine) == head_revision()
        with store.engine.connect() as conn:
            diffs = [d for d in compare_metadata(MigrationContext.configure(conn), metadata) if _ours(d)]
        assert diffs == []
    finally:
        store.close()
