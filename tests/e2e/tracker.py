"""In-process driver for end-to-end tests: real store, real Fetcher, real newsroom."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdelta.clock import frozen_clock
from newsdelta.fetch import Fetcher
from newsdelta.pipeline import CheckContext
from newsdelta.runner.embedded import PassSummary, run_pass
from newsdelta.settings import Settings, load_settings
from newsdelta.store import Store, open_store

TEST_ENV = {
    "NEWSDELTA_ALLOW_PRIVATE": "1",
    "NEWSDELTA_PER_HOST_DELAY_S": "0",
    "NEWSDELTA_PER_HOST_CONCURRENCY": "4",
    "NEWSDELTA_RETRY_BASE_DELAY_S": "0.01",
    "NEWSDELTA_RETRIES": "1",
    "NEWSDELTA_CONNECT_TIMEOUT_S": "2",
    "NEWSDELTA_READ_TIMEOUT_S": "2",
    "NEWSDELTA_TOTAL_TIMEOUT_S": "4",
    "NEWSDELTA_COPIES_SEMANTIC": "off",
}


def make_settings(tmp: Path, **overrides: str) -> Settings:
    env = {**TEST_ENV, "NEWSDELTA_DATA_DIR": str(tmp), "NEWSDELTA_DB": str(tmp / "nd.sqlite")}
    env.update({f"NEWSDELTA_{k.upper()}": v for k, v in overrides.items()})
    return load_settings(env=env)


class Tracker:
    """Runs passes at chosen simulated instants against one store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store: Store = open_store(settings)
        self.fetch_stats: list[Any] = []

    def close(self) -> None:
        self.store.close()

    def add_source(self, name: str, url: str, now: datetime, kind: str = "feed") -> int:
        return self.store.add_source(name, [(url, kind)], now)

    def pass_at(self, now: datetime, urls: Sequence[str] = ()) -> PassSummary:
        return asyncio.run(self._pass(now, urls))

    async def _pass(self, now: datetime, urls: Sequence[str]) -> PassSummary:
        async with Fetcher(self.settings) as fetcher:
            ctx = CheckContext(self.settings, self.store, fetcher, frozen_clock(now))
            summary = await run_pass(ctx, urls)
            self.fetch_stats.append(fetcher.stats)
        return summary
