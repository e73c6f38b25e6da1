"""Fixtures every test shares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsdelta.runner.heap import thaw

if TYPE_CHECKING:
    from newsdelta.copies.service import CopiesService
    from newsdelta.core.model import ArticleText
    from newsdelta.store import Store


@pytest.fixture(autouse=True)
def _unfrozen_heap() -> Iterator[None]:
    """``newsdelta check`` freezes the heap of the process it runs in; here that is pytest's."""
    yield
    thaw()


@dataclass
class IndexedStore:
    """A real SQLite store with the copies index on top (semantic stage off)."""

    store: Store
    service: CopiesService

    def index(self, url: str, outlet: str, text: ArticleText, seen: datetime) -> int:
        """Track ``url`` as first seen at ``seen`` and index ``text`` as its version."""
        aid, _ = self.store.track(url, seen)
        self.service.index_version(
            article_id=aid, version_id=aid, outlet=outlet, url=url, text=text,
            first_seen=self.store.find_article(aid).first_seen_at,
        )
        return aid


@pytest.fixture
def indexed_store(tmp_path: Path) -> Iterator[IndexedStore]:
    from newsdelta.copies.service import CopiesService
    from newsdelta.settings import load_settings
    from newsdelta.store import open_store

    settings = load_settings(env={
        "NEWSDELTA_DB": str(tmp_path / "c.sqlite"),
        "NEWSDELTA_COPIES_SEMANTIC": "off",
    })
    store = open_store(settings)
    try:
        yield IndexedStore(store, CopiesService(settings, store, embedder=None))
    finally:
        store.close()
