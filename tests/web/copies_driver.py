"""Runs real tracker passes for web end-to-end tests (after ``tests/e2e/tracker.py``).

Unlike that driver it builds the check context with ``runner.context.make_context``,
so the copies index is attached exactly as ``newsdelta run`` attaches it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from newsdelta.clock import frozen_clock
from newsdelta.fetch import Fetcher
from newsdelta.runner.context import make_context
from newsdelta.runner.embedded import PassSummary, run_pass
from newsdelta.settings import Settings, load_settings
from newsdelta.store import Store, open_store

TEST_ENV = {
    "NEWSDELTA_ALLOW_PRIVATE": "1",  # the newsroom listens on 127.0.0.1
    "NEWSDELTA_PER_HOST_DELAY_S": "0",
    "NEWSDELTA_PER_HOST_CONCURRENCY": "4",
    "NEWSDELTA_RETRY_BASE_DELAY_S": "0.01",
    "NEWSDELTA_RETRIES": "1",
    "NEWSDELTA_CONNECT_TIMEOUT_S": "2",
    "NEWSDELTA_READ_TIMEOUT_S": "2",
    "NEWSDELTA_TOTAL_TIMEOUT_S": "4",
    "NEWSDELTA_COPIES_SEMANTIC": "off",  # MinHash + verification; no model load
}


def make_settings(tmp: Path, now: datetime) -> Settings:
    return load_settings(env={**TEST_ENV, "NEWSDELTA_DATA_DIR": str(tmp),
                              "NEWSDELTA_DB": str(tmp / "nd.sqlite"),
                              "NEWSDELTA_NOW": now.isoformat()})


class Tracker:
    """Passes at chosen simulated instants against one store, copies index attached."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store: Store = open_store(settings)

    def close(self) -> None:
        self.store.close()

    def pass_at(self, now: datetime, urls: Sequence[str] = ()) -> PassSummary:
        return asyncio.run(self._pass(now, urls))

    async def _pass(self, now: datetime, urls: Sequence[str]) -> PassSummary:
        async with Fetcher(self.settings) as fetcher:
            ctx = make_context(self.settings, self.store, fetcher, frozen_clock(now))
            assert ctx.copies is not None, "copies_index is on by default"
            return await run_pass(ctx, urls)
