"""A schema upgrade is all or nothing: a crash part-way leaves the old schema, intact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from newsdelta.store import migrate
from newsdelta.store.migrate import current_revision, ensure_schema, head_revision


def _columns(engine: sa.Engine, table: str) -> set[str]:
    with engine.connect() as conn:
        return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def test_a_crash_during_an_upgrade_leaves_the_old_schema(
    tmp_path: Path, migrate_to: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'nd.sqlite'}")
    migrate_to(engine, "0007")
    real_upgrade = command.upgrade

    def crash_after_one_step(config: Any, revision: str) -> None:
        real_upgrade(config, "0008")  # ALTER TABLE articles ADD COLUMN wire_hash, stamped 0008
        raise RuntimeError("killed before the upgrade finished")

    monkeypatch.setattr(migrate.command, "upgrade", crash_after_one_step)
    with pytest.raises(RuntimeError, match="killed"):
        ensure_schema(engine)
    # Each DDL statement used to commit on its own: 0008 stayed half-applied.
    assert current_revision(engine) == "0007"
    assert "wire_hash" not in _columns(engine, "articles")

    monkeypatch.setattr(migrate.command, "upgrade", real_upgrade)
    assert ensure_schema(engine) == head_revision()  # the next start upgrades cleanly
    assert "wire_hash" in _columns(engine, "articles")
    engine.dispose()
