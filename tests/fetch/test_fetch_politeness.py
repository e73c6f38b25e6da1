"""Politeness slots with fake time: concurrency caps and spacing between starts."""

from __future__ import annotations

import asyncio

from fetch_server import FakeTime

from newsdelta.fetch.politeness import Politeness


def make(fake: FakeTime, *, per_host: int = 1, delay: float = 2.0, total: int = 10) -> Politeness:
    return Politeness(per_host_concurrency=per_host, per_host_delay_s=delay,
                      global_concurrency=total, sleep=fake.sleep, clock=fake.clock)


async def test_starts_to_one_host_are_spaced(fake_time: FakeTime) -> None:
    gate = make(fake_time, per_host=3, delay=2.0)
    starts: list[float] = []

    async def one() -> None:
        async with gate.slot("a:80"):
            starts.append(fake_time.clock())
            await asyncio.sleep(0)

    await asyncio.gather(*(one() for _ in range(4)))
    assert starts == [1000.0, 1002.0, 1004.0, 1006.0]


async def test_hosts_do_not_delay_each_other(fake_time: FakeTime) -> None:
    gate = make(fake_time, delay=5.0)
    for host in ("a:80", "b:80", "c:443"):
        async with gate.slot(host):
            pass
    assert fake_time.sleeps == []


async def test_no_wait_once_delay_has_passed(fake_time: FakeTime) -> None:
    gate = make(fake_time, delay=2.0)
    async with gate.slot("a:80"):
        pass
    fake_time.now += 10
    async with gate.slot("a:80"):
        pass
    assert fake_time.sleeps == []


async def test_per_host_and_global_caps() -> None:
    gate = Politeness(per_host_concurrency=2, per_host_delay_s=0.0, global_concurrency=3,
                      clock=lambda: 0.0)
    live: dict[str, int] = {}
    peaks: dict[str, int] = {}
    total_peak = 0

    async def one(host: str) -> None:
        nonlocal total_peak
        async with gate.slot(host):
            live[host] = live.get(host, 0) + 1
            peaks[host] = max(peaks.get(host, 0), live[host])
            total_peak = max(total_peak, sum(live.values()))
            await asyncio.sleep(0.001)
            live[host] -= 1

    await asyncio.gather(*(one(h) for h in ["a"] * 10 + ["b"] * 10 + ["c"] * 10))
    assert max(peaks.values()) == 2
    assert total_peak == 3
    assert gate.max_in_flight_per_host == 2
    assert gate.max_in_flight == 3
    assert gate.in_flight == 0


async def test_slot_released_on_error(fake_time: FakeTime) -> None:
    gate = make(fake_time, delay=0.0)
    for _ in range(3):  # would deadlock at the second round if the slot leaked
        try:
            async with gate.slot("a:80"):
                raise ValueError("boom")
        except ValueError:
            pass
    assert gate.in_flight == 0
