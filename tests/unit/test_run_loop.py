"""The main job's loop: a failed pass is retried, a dead task ends ``run`` with its error."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from newsdelta.errors import ConfigError, StoreError
from newsdelta.runner import embedded
from newsdelta.runner.embedded import PassSummary, run_forever
from newsdelta.runner.main import _until_stopped_or_failed

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _ctx() -> Any:
    store = SimpleNamespace(next_due_at=lambda: None)
    return SimpleNamespace(settings=SimpleNamespace(run_tick_s=0.01), store=store, clock=lambda: T0)


def test_a_failed_pass_is_logged_and_the_loop_goes_on(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    stop = asyncio.Event()
    calls: list[int] = []

    async def flaky_pass(ctx: Any, **kwargs: Any) -> PassSummary:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a bug outside any check")
        stop.set()
        return PassSummary(checked=3)

    monkeypatch.setattr(embedded, "run_pass", flaky_pass)
    monkeypatch.setattr(embedded, "freeze_long_lived_heap", lambda: None)
    passes: list[PassSummary] = []
    asyncio.run(asyncio.wait_for(run_forever(_ctx(), stop, on_pass=passes.append), timeout=5))
    assert len(calls) == 2
    assert [p.checked for p in passes] == [3]
    assert "tracking pass failed" in caplog.text and "a bug outside any check" in caplog.text


def test_a_store_error_ends_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken_store(ctx: Any, **kwargs: Any) -> PassSummary:
        raise StoreError("disk is full")

    monkeypatch.setattr(embedded, "run_pass", broken_store)
    with pytest.raises(StoreError, match="disk is full"):
        asyncio.run(asyncio.wait_for(run_forever(_ctx(), asyncio.Event()), timeout=5))


def test_a_task_that_dies_ends_run_with_its_error() -> None:
    async def scenario() -> tuple[bool, bool]:
        stop = asyncio.Event()
        forever = asyncio.create_task(asyncio.sleep(3600))

        async def dies() -> None:
            await asyncio.sleep(0.01)
            raise ConfigError("cannot listen on 127.0.0.1:1")

        with pytest.raises(ConfigError, match="cannot listen"):
            await asyncio.wait_for(_until_stopped_or_failed(stop, [forever, asyncio.create_task(dies())]), 5)
        return forever.cancelled(), stop.is_set()

    cancelled, stopped = asyncio.run(scenario())
    assert cancelled, "the other tasks are cancelled"
    assert not stopped


def test_stop_ends_every_task_quietly() -> None:
    async def scenario() -> bool:
        stop = asyncio.Event()
        forever = asyncio.create_task(asyncio.sleep(3600))
        asyncio.get_running_loop().call_later(0.01, stop.set)
        await asyncio.wait_for(_until_stopped_or_failed(stop, [forever]), 5)
        return forever.cancelled()

    assert asyncio.run(scenario())
