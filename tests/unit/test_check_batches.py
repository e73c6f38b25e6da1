"""EditBatch: when parked checks are finished, and what a failure touches.

The store is an in-memory fake here (these are units); the end-to-end tests
run the same batches against a real newsroom and a real SQLite file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from newsdelta.check_batches import EditBatch, PlannedWrite, RoutineWrites
from newsdelta.core.model import CheckOutcome, CheckResult
from newsdelta.store import CheckWrite, PreviousVersion, ScheduleWrite

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _write() -> CheckWrite:
    return CheckWrite(at=T0, result="new_version", schedule=ScheduleWrite(None, 60.0, 0, False))


class FakeStore:
    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.single: list[int] = []
        self.routine: list[int] = []
        self.bad: set[int] = set()
        self.reads: list[list[int]] = []
        self.unreadable = False

    def previous_versions(self, items: Sequence[tuple[int, str]]) -> list[PreviousVersion]:
        if self.unreadable:
            raise RuntimeError("database unavailable")
        self.reads.append([aid for aid, _ in items])
        return [PreviousVersion(None, None, aid) for aid, _ in items]

    def record_checks(self, items: Sequence[tuple[int, CheckWrite]]) -> list[int | None]:
        ids = [aid for aid, _ in items]
        if self.bad & set(ids):
            raise RuntimeError("constraint violated")
        self.batches.append(ids)
        return [aid * 10 for aid in ids]

    def record_check(self, article_id: int, write: CheckWrite) -> int | None:
        if article_id in self.bad:
            raise RuntimeError(f"article {article_id} is gone")
        self.single.append(article_id)
        return article_id * 10

    def record_routine_checks(self, items: Sequence[tuple[int, CheckWrite]]) -> None:
        self.routine.extend(aid for aid, _ in items)


class FakeCheck:
    def __init__(self, article_id: int, *, routine: bool = False, broken: bool = False) -> None:
        self.article_id = article_id
        self.routine = routine
        self.broken = broken
        self.planned = 0
        self.fingerprint = f"fp{article_id}"

    def plan_edit(self, previous: PreviousVersion) -> PlannedWrite:
        assert previous.fingerprint_seen == self.article_id  # its own, not a neighbour's
        self.planned += 1
        if self.broken:
            raise ValueError("diff failed")
        outcome = CheckOutcome(self.article_id, f"https://x.test/{self.article_id}", CheckResult.NEW_VERSION)
        return PlannedWrite(write=_write(), routine=self.routine, outcome=outcome)


def _batch(store: FakeStore, max_size: int = 16) -> tuple[EditBatch, RoutineWrites]:
    routine = RoutineWrites(store)  # type: ignore[arg-type]
    return EditBatch(store, routine, max_size=max_size), routine  # type: ignore[arg-type]


async def _run(batch: EditBatch, checks: Sequence[FakeCheck], delays: Sequence[float]) -> list[Any]:
    """Each check "fetches" for its delay, then parks, as pipeline.check does."""

    async def one(check: FakeCheck, delay: float) -> CheckOutcome:
        batch.enter()
        try:
            await asyncio.sleep(delay)
            return await batch.park(check)
        finally:
            batch.leave()

    return await asyncio.gather(*(one(c, d) for c, d in zip(checks, delays, strict=True)),
                                return_exceptions=True)


def test_flushes_once_every_check_in_progress_is_parked() -> None:
    store = FakeStore()
    batch, _ = _batch(store)
    checks = [FakeCheck(i) for i in range(1, 6)]
    outcomes = asyncio.run(_run(batch, checks, [0.0, 0.01, 0.02, 0.03, 0.04]))
    # The first four parked while the fifth was still fetching: one batch of five.
    assert store.batches == [[1, 2, 3, 4, 5]]
    assert store.reads == [[1, 2, 3, 4, 5]], "previous versions are read in one go"
    assert [o.version_number for o in outcomes] == [10, 20, 30, 40, 50]
    assert all(c.planned == 1 for c in checks)


def test_flushes_at_max_size_without_waiting_for_slow_checks() -> None:
    store = FakeStore()
    batch, _ = _batch(store, max_size=2)
    checks = [FakeCheck(i) for i in range(1, 6)]
    asyncio.run(_run(batch, checks, [0.0, 0.0, 0.0, 0.0, 0.05]))
    assert [len(b) for b in store.batches] == [2, 2, 1]
    assert sorted(aid for b in store.batches for aid in b) == [1, 2, 3, 4, 5]
    assert batch.flushes == 3


def test_a_check_that_leaves_without_parking_releases_the_others() -> None:
    """A check ending early (a 304, an error) must not leave the parked ones waiting."""
    store = FakeStore()
    batch, _ = _batch(store)

    async def scenario() -> list[Any]:
        async def early() -> None:
            batch.enter()
            try:
                await asyncio.sleep(0.02)
            finally:
                batch.leave()

        parked = _run(batch, [FakeCheck(1), FakeCheck(2)], [0.0, 0.0])
        results, _ = await asyncio.gather(parked, early())
        return results

    outcomes = asyncio.run(asyncio.wait_for(scenario(), timeout=5))
    assert [o.version_number for o in outcomes] == [10, 20]
    assert store.batches == [[1, 2]]


def test_same_article_twice_is_never_in_one_batch() -> None:
    store = FakeStore()
    batch, _ = _batch(store)
    asyncio.run(_run(batch, [FakeCheck(7), FakeCheck(7), FakeCheck(8)], [0.0, 0.0, 0.0]))
    assert store.batches == [[7], [7, 8]]


def test_routine_plans_go_to_the_routine_buffer() -> None:
    store = FakeStore()
    batch, routine = _batch(store)
    outcomes = asyncio.run(_run(batch, [FakeCheck(1, routine=True), FakeCheck(2)], [0.0, 0.0]))
    assert store.batches == [[2]]
    assert outcomes[0].version_number is None
    assert routine.flush() == 1 and store.routine == [1]


def test_a_failing_plan_fails_only_its_own_check() -> None:
    store = FakeStore()
    batch, _ = _batch(store)
    outcomes = asyncio.run(_run(batch, [FakeCheck(1), FakeCheck(2, broken=True), FakeCheck(3)], [0, 0, 0]))
    assert isinstance(outcomes[1], ValueError)
    assert [outcomes[0].version_number, outcomes[2].version_number] == [10, 30]
    assert store.batches == [[1, 3]]


def test_a_failing_write_is_retried_one_by_one_so_only_the_bad_check_fails() -> None:
    store = FakeStore()
    store.bad = {2}
    batch, _ = _batch(store)
    outcomes = asyncio.run(_run(batch, [FakeCheck(1), FakeCheck(2), FakeCheck(3)], [0, 0, 0]))
    assert store.batches == []
    assert store.single == [1, 3]
    assert isinstance(outcomes[1], RuntimeError) and "gone" in str(outcomes[1])
    assert [outcomes[0].version_number, outcomes[2].version_number] == [10, 30]


def test_a_failing_read_fails_the_parked_checks_and_writes_nothing() -> None:
    store = FakeStore()
    store.unreadable = True
    batch, _ = _batch(store)
    checks = [FakeCheck(1), FakeCheck(2)]
    outcomes = asyncio.run(_run(batch, checks, [0, 0]))
    assert all(isinstance(o, RuntimeError) for o in outcomes)
    assert store.batches == [] and store.single == []
    assert [c.planned for c in checks] == [0, 0]


def test_max_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        _batch(FakeStore(), max_size=0)
