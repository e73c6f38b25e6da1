"""The long-running job and one-pass commands take the startup heap out of the collector's walk."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tracker import make_settings

from newsdelta.clock import frozen_clock
from newsdelta.fetch import Fetcher
from newsdelta.newsroom import DEFAULT_START
from newsdelta.pipeline import CheckContext
from newsdelta.runner.embedded import PassSummary, run_forever
from newsdelta.runner.heap import freeze_long_lived_heap, thaw
from newsdelta.store import open_store


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    thaw()
    yield
    thaw()


def test_freezing_happens_once(monkeypatch: pytest.MonkeyPatch) -> None:
    freezes: list[None] = []
    real_freeze = gc.freeze

    def counting_freeze() -> None:
        freezes.append(None)
        real_freeze()

    monkeypatch.setattr(gc, "freeze", counting_freeze)
    assert gc.get_freeze_count() == 0
    assert freeze_long_lived_heap() is True
    assert gc.get_freeze_count() > 1000  # the modules, tables and caches of this process
    assert freeze_long_lived_heap() is False
    # The count itself may drop between the calls: a frozen object whose last
    # reference goes (another thread's, say) leaves the permanent generation.
    # So "once" is shown by the calls to gc.freeze, not by a stable count.
    assert len(freezes) == 1
    thaw()
    assert gc.get_freeze_count() == 0


def test_frozen_objects_are_still_freed_by_reference_counting() -> None:
    class Payload:
        pass

    import weakref

    payload = Payload()
    ref = weakref.ref(payload)
    freeze_long_lived_heap()
    del payload
    assert ref() is None


def test_one_pass_command_freezes_before_its_pass(nd: Any) -> None:
    nd.run("init", now=DEFAULT_START)
    assert gc.get_freeze_count() == 0
    nd.run("check", now=DEFAULT_START)
    assert gc.get_freeze_count() > 0


def test_main_job_freezes_after_its_first_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path, run_tick_s="0.05")
    store = open_store(settings)
    events: list[str] = []
    real_freeze = gc.freeze

    def freeze() -> None:
        events.append("freeze")
        real_freeze()

    monkeypatch.setattr(gc, "freeze", freeze)

    async def main() -> None:
        stop = asyncio.Event()

        def on_pass(summary: PassSummary) -> None:
            events.append("pass")
            if events.count("pass") == 3:
                stop.set()

        async with Fetcher(settings) as fetcher:
            ctx = CheckContext(settings, store, fetcher, frozen_clock(DEFAULT_START))
            await asyncio.wait_for(run_forever(ctx, stop, on_pass=on_pass), timeout=30)

    try:
        asyncio.run(main())
    finally:
        store.close()
    assert events == ["freeze", "pass", "pass", "pass"]
    assert gc.get_freeze_count() > 1000
