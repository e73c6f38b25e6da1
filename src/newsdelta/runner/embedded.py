"""The embedded runner: one asyncio process, discovery + due checks in a loop."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from newsdelta.check_batches import EditBatch, RoutineWrites
from newsdelta.core.model import CheckOutcome, CheckResult
from newsdelta.discover.urls import canonicalize_url
from newsdelta.errors import DataDirError, NotFoundError, SchemaTooNewError, TrackerBusyError
from newsdelta.pipeline import CheckContext, check
from newsdelta.runner.discovery import DiscoverySummary, discover_due
from newsdelta.runner.heap import freeze_long_lived_heap
from newsdelta.store import ArticleRecord

log = logging.getLogger(__name__)

_UNCHANGED = {CheckResult.IDENTICAL, CheckResult.UNCHANGED, CheckResult.FLIP_FLOP}
_ERRORS = {CheckResult.ERROR, CheckResult.SKIPPED}


@dataclass
class PassSummary:
    """What one pass did; the ``check`` command prints this."""

    discovered: int = 0
    new_articles: int = 0
    new_versions: int = 0
    unchanged: int = 0
    not_modified: int = 0
    errors: int = 0
    checked: int = 0
    by_result: Counter[str] = field(default_factory=Counter)
    failing_sources: dict[str, str] = field(default_factory=dict)
    error_details: list[str] = field(default_factory=list)

    def add(self, outcome: CheckOutcome) -> None:
        self.checked += 1
        self.by_result[outcome.result.value] += 1
        if outcome.result is CheckResult.NEW_ARTICLE:
            self.new_articles += 1
        elif outcome.result is CheckResult.NEW_VERSION:
            self.new_versions += 1
        elif outcome.result is CheckResult.NOT_MODIFIED:
            self.not_modified += 1
        elif outcome.result in _UNCHANGED:
            self.unchanged += 1
        elif outcome.result in _ERRORS:
            self.errors += 1
            if len(self.error_details) < 20:
                self.error_details.append(f"{outcome.url}: {outcome.reason}")

    def merge_discovery(self, discovery: DiscoverySummary) -> None:
        self.discovered += discovery.new_articles
        self.failing_sources.update(discovery.failing)

    def to_dict(self) -> dict[str, Any]:
        return {
            "discovered": self.discovered,
            "new_articles": self.new_articles,
            "new_versions": self.new_versions,
            "unchanged": self.unchanged,
            "not_modified": self.not_modified,
            "errors": self.errors,
            "checked": self.checked,
            "by_result": dict(sorted(self.by_result.items())),
            "failing_sources": self.failing_sources,
            "error_details": self.error_details,
        }


async def check_articles(
    ctx: CheckContext,
    articles: Sequence[ArticleRecord],
    summary: PassSummary,
    on_outcome: Callable[[CheckOutcome], None] | None = None,
) -> None:
    """Check ``articles`` concurrently (the fetcher enforces per-host limits).

    Routine outcomes are buffered and written in one transaction at the end;
    checks that found a changed text are finished and written in batches.
    """
    routine = ctx.routine or RoutineWrites(ctx.store)
    edits = ctx.edits or EditBatch(ctx.store, routine, ctx.settings.edit_batch)
    ctx = replace(ctx, routine=routine, edits=edits)
    gate = asyncio.Semaphore(ctx.settings.global_concurrency)

    async def one(article: ArticleRecord) -> None:
        async with gate:
            outcome = await check(ctx, article)
        summary.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    try:
        await asyncio.gather(*(one(a) for a in articles))
    finally:
        edits.flush()  # only matters when a check failed: the others finish themselves
        routine.flush()


async def check_due(
    ctx: CheckContext,
    summary: PassSummary,
    on_outcome: Callable[[CheckOutcome], None] | None = None,
) -> int:
    """Check every article due now, in batches; returns how many were checked."""
    now = ctx.clock()
    total = 0
    seen: set[int] = set()
    while True:
        due = [a for a in ctx.store.due_articles(now, ctx.settings.check_batch) if a.id not in seen]
        if not due:
            return total
        seen.update(a.id for a in due)
        await check_articles(ctx, due, summary, on_outcome)
        total += len(due)


async def run_pass(
    ctx: CheckContext,
    urls: Sequence[str] = (),
    on_outcome: Callable[[CheckOutcome], None] | None = None,
) -> PassSummary:
    """One pass: discover, then check what is due, or exactly ``urls`` (due or not)."""
    summary = PassSummary()
    if urls:
        chosen = []
        for url in urls:
            try:
                chosen.append(ctx.store.find_article(url))
            except NotFoundError:
                canonical = canonicalize_url(url)
                article_id, _ = ctx.store.track(canonical, ctx.clock())
                chosen.append(ctx.store.find_article(article_id))
        unique = list({article.id: article for article in chosen}.values())  # `check U U`
        await check_articles(ctx, unique, summary, on_outcome)
        return summary
    summary.merge_discovery(await discover_due(ctx))
    await check_due(ctx, summary, on_outcome)
    return summary


_FATAL = (DataDirError, SchemaTooNewError, TrackerBusyError)
"""Store errors that end ``run``: no later pass would go better."""
_MAX_PASS_BACKOFF_S = 300.0


async def run_forever(
    ctx: CheckContext,
    stop: asyncio.Event,
    *,
    on_pass: Callable[[PassSummary], None] | None = None,
    on_outcome: Callable[[CheckOutcome], None] | None = None,
) -> None:
    """Discovery + scheduler loop until ``stop`` is set.

    Sleeps until the next article is due (or the next discovery tick), never
    longer than ``run_tick_s`` so new sources and ``stop`` are noticed quickly.
    """
    failures: list[str] = []  # the failed passes in a row, as "Type: message"
    while not stop.is_set():
        try:
            summary = await run_pass(ctx, on_outcome=on_outcome)
        except _FATAL:
            raise  # the wrong database, or one that cannot be written: retrying cannot help
        except Exception as exc:
            # A bug outside any one check or source (those are caught where they
            # happen), or a database busy for a while: the main job tries again,
            # backing off, rather than stop tracking every outlet over it.
            wait = min(_MAX_PASS_BACKOFF_S, ctx.settings.run_tick_s * 2 ** len(failures))
            what = f"{type(exc).__name__}: {exc}"
            if what in failures:  # said with its traceback already
                log.warning("tracking pass failed again (%s); trying again in %g s", what, wait)
            else:
                log.exception("tracking pass failed; trying again in %g s", wait)
            failures.append(what)
        else:
            failures.clear()
            # After the first pass every library and cache is loaded: what is
            # alive now lives as long as the process (see runner/heap.py).
            freeze_long_lived_heap()
            if on_pass is not None:
                on_pass(summary)
            wait = _seconds_until_next(ctx, ctx.clock())
        try:
            await asyncio.wait_for(stop.wait(), timeout=wait)
        except TimeoutError:
            pass


def _seconds_until_next(ctx: CheckContext, now: datetime) -> float:
    tick = ctx.settings.run_tick_s
    next_due = ctx.store.next_due_at()
    if next_due is None:
        return tick
    return max(0.05, min(tick, (next_due - now).total_seconds()))
