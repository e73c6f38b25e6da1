"""Fixtures: a real newsroom server on 127.0.0.1 and an aiohttp client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from newsroom_helpers import START

from newsdelta.newsroom import Newsroom, NewsroomServer, seed_scenario


@pytest.fixture
def seed_newsroom() -> Newsroom:
    return seed_scenario(START)


@pytest.fixture
async def server(seed_newsroom: Newsroom) -> AsyncIterator[NewsroomServer]:
    async with NewsroomServer(seed_newsroom) as running:
        yield running


@pytest.fixture
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        yield session
