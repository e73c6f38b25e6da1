"""Fixtures shared by the store's tests: a fresh SQLite store, and Alembic moves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from newsdelta.settings import load_settings
from newsdelta.store import Store, open_store
from newsdelta.store.migrate import _config


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(load_settings(env={"NEWSDELTA_DB": str(tmp_path / "nd.sqlite")}))
    yield s
    s.close()


def _migrate_to(engine: sa.Engine, rev: str, *, down: bool = False) -> None:
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, rev)


@pytest.fixture
def migrate_to() -> Callable[..., None]:
    """``migrate_to(engine, "0006", down=True)``: move a database to a revision."""
    return _migrate_to
