"""Write buffers for the check path: many checks, one transaction.

Two kinds of check are written in batches rather than one at a time:

* :class:`RoutineWrites`: checks that found nothing new (304, identical bytes,
  unchanged text). They only move the schedule and cache keys.
* :class:`EditBatch`: checks whose extracted text changed. Each one parks
  after extraction; the batch then finishes the parked checks together: it
  reads all their previous versions, then applies the versioning rules and
  diffs each, then writes them all in one transaction.

Why batch edits: right after extracting a 150 KB page the CPU caches are
flushed, and a lone store read, diff and write then cost several times their
warm price (docs/tracking.md, "Measured"). Finishing 16 parked edits in a row
pays that cold start once, and commits once.

When a batch flushes: as soon as it holds ``max_size`` checks, or when every
check in progress is parked in it (nothing else could join, so waiting would
only delay). Parked checks therefore never wait on the network or a timer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from newsdelta.core.model import CheckOutcome
from newsdelta.store import CheckWrite, PreviousVersion, Store

log = logging.getLogger(__name__)

DEFAULT_EDIT_BATCH = 16
"""Parked edits finished together at most (setting ``edit_batch``): past ~16
the caches are warm and the commit amortised, and every parked check holds its
page in memory."""


class RoutineWrites:
    """Buffer of "nothing new" check writes, flushed in one transaction by the runner.

    Only outcomes that change no text and record no event go here; everything
    else is written by :meth:`Store.record_check` or :class:`EditBatch`.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._pending: list[tuple[int, CheckWrite]] = []

    def add(self, article_id: int, write: CheckWrite) -> None:
        self._pending.append((article_id, write))

    def flush(self) -> int:
        pending, self._pending = self._pending, []
        self._store.record_routine_checks(pending)
        return len(pending)


@dataclass(frozen=True)
class PlannedWrite:
    """What a check decided to write, and its outcome once written.

    ``routine`` writes go to :class:`RoutineWrites`; the others are written by
    :meth:`Store.record_checks`, which numbers the new version, if any.
    """

    write: CheckWrite
    routine: bool
    outcome: CheckOutcome
    """Complete but for ``version_number``."""

    @property
    def article_id(self) -> int:
        return self.outcome.article_id

    def written(self, version_number: int | None) -> CheckOutcome:
        return replace(self.outcome, version_number=version_number)


class ParkedCheck(Protocol):
    """A check that found a changed text and waits for its batch (``pipeline._Check``)."""

    @property
    def article_id(self) -> int: ...

    @property
    def fingerprint(self) -> str:
        """The changed text's fingerprint."""
        ...

    def plan_edit(self, previous: PreviousVersion) -> PlannedWrite:
        """Apply the versioning rules against ``previous`` and diff; write nothing."""
        ...


@dataclass
class _Parked:
    check: ParkedCheck
    future: asyncio.Future[CheckOutcome]


class EditBatch:
    """Parks checks whose text changed and finishes them together (see module doc).

    Every check that may park must be counted with :meth:`enter` and
    :meth:`leave` (``pipeline.check`` does it), so the batch knows when all
    checks in progress are parked.
    """

    def __init__(self, store: Store, routine: RoutineWrites, max_size: int = DEFAULT_EDIT_BATCH):
        if max_size < 1:
            raise ValueError("max_size must be at least 1")
        self._store = store
        self._routine = routine
        self.max_size = max_size
        self._active = 0
        self._parked: list[_Parked] = []
        self.flushes = 0
        """How many batches were written (for tests and benchmarks)."""

    def enter(self) -> None:
        self._active += 1

    def leave(self) -> None:
        self._active -= 1
        self._flush_if_ready()

    async def park(self, check: ParkedCheck) -> CheckOutcome:
        """Wait until the batch has finished and written ``check``; its outcome."""
        if any(p.check.article_id == check.article_id for p in self._parked):
            # The same article twice in one batch would plan its second edit
            # against a previous version that is not written yet.
            self.flush()
        future: asyncio.Future[CheckOutcome] = asyncio.get_running_loop().create_future()
        self._parked.append(_Parked(check, future))
        self._flush_if_ready()
        return await future

    def _flush_if_ready(self) -> None:
        if self._parked and len(self._parked) >= min(self.max_size, self._active):
            self.flush()

    def flush(self) -> None:
        """Finish every parked check: plan each, then write them in one transaction."""
        parked, self._parked = self._parked, []
        if not parked:
            return
        self.flushes += 1
        parked = [p for p in parked if not p.future.done()]  # cancelled: as if never run
        # Like work back to back (all reads, all diffs, all writes) keeps each warm.
        try:
            previous = self._store.previous_versions(
                [(p.check.article_id, p.check.fingerprint) for p in parked]
            )
        except Exception as exc:  # noqa: BLE001 (handed to the parked checks)
            for item in parked:
                item.future.set_exception(exc)
            return
        planned: list[tuple[_Parked, PlannedWrite]] = []
        for item, before in zip(parked, previous, strict=True):
            try:
                plan = item.check.plan_edit(before)
            # Handed to the parked check, which raises it as an inline check would.
            except Exception as exc:  # noqa: BLE001 (one broken check must not sink the others)
                item.future.set_exception(exc)
                continue
            if plan.routine:
                self._routine.add(plan.article_id, plan.write)
                item.future.set_result(plan.written(None))
            else:
                planned.append((item, plan))
        if planned:
            self._write(planned)

    def _write(self, planned: Sequence[tuple[_Parked, PlannedWrite]]) -> None:
        writes = [(plan.article_id, plan.write) for _, plan in planned]
        try:
            numbers = self._store.record_checks(writes)
        except Exception as exc:  # noqa: BLE001 (handed to the parked checks)
            if len(planned) == 1:
                planned[0][0].future.set_exception(exc)
                return
            # One bad check (say, an article deleted meanwhile) fails the whole
            # transaction: write them one by one so only that one fails.
            log.warning("a batch of %d checks failed; writing them one at a time", len(planned))
            for item, plan in planned:
                try:
                    number = self._store.record_check(plan.article_id, plan.write)
                except Exception as error:  # noqa: BLE001 (handed to its check)
                    item.future.set_exception(error)
                else:
                    item.future.set_result(plan.written(number))
            return
        for (item, plan), number in zip(planned, numbers, strict=True):
            item.future.set_result(plan.written(number))


__all__ = ["DEFAULT_EDIT_BATCH", "EditBatch", "ParkedCheck", "PlannedWrite", "RoutineWrites"]
