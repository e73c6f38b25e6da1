"""Shared fixtures for end-to-end tests: a real newsroom on 127.0.0.1 and a real SQLite store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsdelta.cli import main
from newsdelta.newsroom import Newsroom, ThreadedNewsroom, start_in_thread


@dataclass
class Env:
    """Runs ``newsdelta`` commands against one data directory, at chosen instants."""

    tmp: Path
    extra: dict[str, str]

    def env(self, now: datetime | None = None) -> dict[str, str]:
        values = {
            "NEWSDELTA_DATA_DIR": str(self.tmp),
            "NEWSDELTA_DB": str(self.tmp / "nd.sqlite"),
            "NEWSDELTA_ALLOW_PRIVATE": "1",
            "NEWSDELTA_PER_HOST_DELAY_S": "0",
            "NEWSDELTA_PER_HOST_CONCURRENCY": "4",
            "NEWSDELTA_RETRY_BASE_DELAY_S": "0.01",
            "NEWSDELTA_CONNECT_TIMEOUT_S": "2",
            "NEWSDELTA_READ_TIMEOUT_S": "2",
            "NEWSDELTA_TOTAL_TIMEOUT_S": "5",
            "NEWSDELTA_NOW": now.isoformat() if now else "",
            # The copies room tests the real model itself; here it would only add seconds.
            "NEWSDELTA_COPIES_SEMANTIC": "off",
            **self.extra,
        }
        return values

    def run(self, *args: str, now: datetime | None = None, ok: bool = True) -> Result:
        result = CliRunner().invoke(main, list(args), env=self.env(now), catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    def json(self, *args: str, now: datetime | None = None) -> Any:
        return json.loads(self.run(*args, now=now).stdout)


@pytest.fixture
def nd(tmp_path: Path) -> Env:
    return Env(tmp_path, {})


@pytest.fixture
def serve() -> Iterator[Any]:
    """``serve(newsroom)`` starts it on 127.0.0.1 in a thread; stopped after the test."""
    servers: list[ThreadedNewsroom] = []

    def start(newsroom: Newsroom) -> ThreadedNewsroom:
        server = start_in_thread(newsroom, host="127.0.0.1")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def seed_tracked(nd: Env, serve: Any) -> datetime:
    """The seed article tracked through its two versions, three hours apart (article 1).

    Returns the instant of the second check.
    """
    from datetime import timedelta

    from newsdelta.newsroom import DEFAULT_START, seed_scenario

    newsroom = seed_scenario(DEFAULT_START)
    server = serve(newsroom)
    nd.run("source", "add", "rtcom", server.feed_url("rtcom"), now=DEFAULT_START)
    nd.run("check", now=DEFAULT_START)
    later = DEFAULT_START + timedelta(hours=3)
    newsroom.clock.set(later)
    nd.run("check", now=later)
    return later


@pytest.fixture
def site() -> Iterator[Any]:
    """A hand-written site on 127.0.0.1 (tests/e2e/static_site.py)."""
    from static_site import serve_site

    yield from serve_site()
