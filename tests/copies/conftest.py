"""Fixtures of the copies tests: the repository under test, in memory and on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from copies_helpers import sql_repo  # type: ignore[import-not-found]

from newsdelta.copies.memory_repo import MemoryCopiesRepository
from newsdelta.store.copies_tables import CopiesRepository


@pytest.fixture(params=["memory", "sqlite"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CopiesRepository]:
    if request.param == "memory":
        yield MemoryCopiesRepository()
    else:
        r = sql_repo(tmp_path / "copies.db")
        yield r
        r.engine.dispose()
