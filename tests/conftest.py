"""Fixtures every test shares."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdelta.runner.heap import thaw


@pytest.fixture(autouse=True)
def _unfrozen_heap() -> Iterator[None]:
    """``newsdelta check`` freezes the heap of the process it runs in; here that is pytest's."""
    yield
    thaw()
