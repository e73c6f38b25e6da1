"""Fixtures of the fetch tests: a fresh loopback server per test, and fake time."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fetch_server import FakeTime, Server, ServerState, start_server


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    state = ServerState()
    srv, runner = await start_server(state)
    yield srv
    state.release.set()
    await runner.cleanup()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()
