"""``newsdelta demo``: the simulated newsroom, fast-forwarded and tracked, offline.

The newsroom (three outlets publishing and editing through a simulated day)
is served on 127.0.0.1; the tracker runs its normal loop on the *same*
simulated clock, so a day of publishing, edits, a deletion and a paywall
plays out in seconds. The demo writes to its own database
(``<data dir>/demo.sqlite`` unless ``--db``/``NEWSDELTA_DB`` says otherwise),
never into the user's real one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

from newsdelta.clock import clock_for
from newsdelta.core.model import CheckOutcome, CheckResult
from newsdelta.errors import ConfigError
from newsdelta.settings import Settings


def demo_settings(settings: Settings) -> Settings:
    """Settings for the demo: loopback allowed, no politeness delay, a quick loop."""
    db = settings.db or str(settings.data_dir / "demo.sqlite")
    return settings.with_overrides(
        db=db,
        allow_private=True,
        per_host_delay_s=0.0,
        per_host_concurrency=4,
        run_tick_s=0.2,
        retry_base_delay_s=0.05,
    )


async def _demo(
    settings: Settings, speed: float, duration: float, port: int, echo: Callable[[str], None]
) -> dict[str, int]:
    from newsdelta.fetch import Fetcher
    from newsdelta.newsroom import NewsroomServer, SimClock, demo_scenario
    from newsdelta.runner.context import make_context
    from newsdelta.runner.embedded import run_forever
    from newsdelta.store import open_store

    # The simulated day ends at "now" (NEWSDELTA_NOW when set, as every command): what
    # the demo recorded is in the past when `serve` shows it, and nothing is due "tomorrow".
    span = timedelta(seconds=speed * duration)
    end = clock_for(settings)()
    start = (end - span).replace(second=0, microsecond=0)
    newsroom = demo_scenario(start)
    newsroom.clock = SimClock.fast_forward(start, speed)
    counts = {"articles": 0, "versions": 0, "events": 0}

    def tracker_clock() -> datetime:
        # Starting and stopping take real seconds the fast clock multiplies; what is
        # recorded must still not lie after "now".
        return min(newsroom.clock.now(), end)

    store = open_store(settings)
    told: set[tuple[int, str]] = set()  # say each repeated refusal/skip once

    def progress(outcome: CheckOutcome) -> None:
        when = tracker_clock().strftime("%a %H:%M")
        if outcome.result is CheckResult.NEW_ARTICLE:
            counts["articles"] += 1
            title = store.find_article(outcome.article_id).title or outcome.url
            echo(f"[{when}] new article {outcome.article_id}: {title}")
        elif outcome.result is CheckResult.NEW_VERSION:
            counts["versions"] += 1
            versions = store.list_versions(outcome.article_id)
            latest = versions[-1]
            labels = f" [{', '.join(latest.labels)}]" if latest.labels else ""
            echo(
                f"[{when}] article {outcome.article_id} changed: version {latest.number} "
                f"(+{latest.words_added}/-{latest.words_removed} words){labels}"
            )
        elif outcome.event is not None or outcome.result in (CheckResult.REFUSED, CheckResult.SKIPPED):
            what = outcome.event.value if outcome.event else outcome.result.value
            if outcome.event is None and (outcome.article_id, what) in told:
                return
            told.add((outcome.article_id, what))
            counts["events"] += 1
            echo(f"[{when}] article {outcome.article_id}: {what} {outcome.reason}".rstrip())

    server = NewsroomServer(newsroom, host="127.0.0.1", port=port)
    try:
        try:
            await server.start()
        except OSError as exc:  # a taken port: one line, as `run` and `serve` say it
            raise ConfigError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from exc
        stop = asyncio.Event()
        async with Fetcher(settings) as fetcher:
            ctx = make_context(settings, store, fetcher, tracker_clock)  # claims the database
            for outlet in newsroom.outlets.values():
                store.add_source(outlet.slug, [(server.feed_url(outlet.slug), "feed")], start)
            echo(f"newsroom on {server.base_url} ({len(newsroom.outlets)} outlets); "
                 f"1 real second = {speed / 60:.0f} simulated minutes; database {settings.database_url}")
            task = asyncio.create_task(run_forever(ctx, stop, on_outcome=progress))
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=duration)
            except TimeoutError:
                pass
            stop.set()
            await task
    finally:
        await server.close()
        store.close()
    return counts


def _start_afresh(settings: Settings) -> None:
    """Delete a previous demo's own database: each demo plays its day from the start.

    Its newsroom ran on a port that is gone, and its day ended where this one begins,
    so its outlets would fail and nothing would be due. Never done to a database the
    user named (``--db``), and refused while another demo is tracking this one.
    """
    from newsdelta.store import delete_sqlite_database

    delete_sqlite_database(settings)


def run_demo(
    settings: Settings, *, speed: float, duration: float, port: int, echo: Callable[[str], None]
) -> dict[str, int]:
    """Run the demo for ``duration`` real seconds; returns what it saw."""
    own_database = not settings.db
    settings = demo_settings(settings)
    if own_database:
        _start_afresh(settings)
    counts = asyncio.run(_demo(settings, speed, duration, port, echo))
    db_flag = f"--db {settings.db}"
    echo(
        f"\n{counts['articles']} articles, {counts['versions']} new versions, "
        f"{counts['events']} page events.\nExplore: newsdelta {db_flag} articles --changed\n"
        f"         newsdelta {db_flag} diff ARTICLE_ID"
    )
    return counts
