"""The main job's loop: a failed pass is retried, a dead task ends ``run`` with its error."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from newsdelta.errors import ConfigError, DataDirError, StoreError
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


def test_a_database_that_cannot_be_written_ends_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken_store(ctx: Any, **kwargs: Any) -> PassSummary:
        raise DataDirError("data directory /x is not writable")

    monkeypatch.setattr(embedded, "run_pass", broken_store)
    with pytest.raises(DataDirError, match="not writable"):
        asyncio.run(asyncio.wait_for(run_forever(_ctx(), asyncio.Event()), timeout=5))


def test_a_busy_database_is_retried_with_back_off_and_one_traceback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    stop = asyncio.Event()
    waits: list[float] = []
    real_wait_for = asyncio.wait_for

    async def busy(ctx: Any, **kwargs: Any) -> PassSummary:
        if len(waits) == 3:
            stop.set()
            return PassSummary()
        raise StoreError("database is locked")

    async def record_wait(awaitable: Any, timeout: float) -> Any:
        waits.append(timeout)
        return await real_wait_for(awaitable, timeout=0.001)

    monkeypatch.setattr(embedded, "run_pass", busy)
    monkeypatch.setattr(embedded.asyncio, "wait_for", record_wait)
    asyncio.run(run_forever(_ctx(), stop))
    assert waits == [0.01, 0.02, 0.04, 0.01]  # run_tick_s, doubling; a good pass resets it
    assert caplog.text.count("Traceback") == 1
    assert caplog.text.count("failed again (StoreError: database is locked)") == 2


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


def test_a_task_that_returns_unasked_is_an_error_too() -> None:
    async def scenario() -> None:
        async def returns() -> None:
            await asyncio.sleep(0.01)

        await asyncio.wait_for(_until_stopped_or_failed(asyncio.Event(), [asyncio.create_task(returns())]), 5)

    with pytest.raises(RuntimeError, match="ended without being asked to"):
        asyncio.run(scenario())


def test_the_web_servers_own_shutdown_is_a_stop() -> None:
    from newsdelta.runner.main import _serve_until_done

    class Server:
        url = "http://127.0.0.1:1"

        async def serve(self) -> None:  # uvicorn returns after handling SIGTERM itself
            await asyncio.sleep(0.01)

    async def scenario() -> bool:
        stop = asyncio.Event()
        task = asyncio.create_task(_serve_until_done(Server(), stop))
        await asyncio.wait_for(_until_stopped_or_failed(stop, [task]), 5)
        return stop.is_set()

    assert asyncio.run(scenario())
