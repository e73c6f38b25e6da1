"""Done-when 5 (second half): a process killed mid-check leaves a consistent database.

A child process runs real checks against the newsroom in a tight loop, the
newsroom's clock fast-forwarding through a day of scripted edits so checks
keep producing new versions, and is SIGKILLed at several points. Afterwards the
database must pass SQLite's integrity check, every version must have its raw
page, version counts must agree, and tracking must continue where it stopped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from tracker import Tracker, make_settings

from newsdelta.newsroom import DEFAULT_START, SimClock, scripted_edits_scenario

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import datetime, timedelta
    sys.path.insert(0, {tests!r})
    from tracker import Tracker, make_settings
    from pathlib import Path
    t = Tracker(make_settings(Path({tmp!r})))
    start = datetime.fromisoformat({start!r})
    i = 0
    while True:  # killed by the parent
        i += 1
        now = start + timedelta(minutes=15 * i)
        urls = [a.url for a in t.store.list_articles(limit=1000)]
        t.pass_at(now, urls)
        print("pass", i, flush=True)
    """
)


def test_kill_mid_check_leaves_consistent_database(tmp_path: Path, serve: Any) -> None:
    newsroom = scripted_edits_scenario(
        30,
        start=DEFAULT_START,
        max_edits=40,
        span=timedelta(days=1),
        min_gap=timedelta(minutes=1),
        seed=11,
        validators=False,
    )
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    tracker = Tracker(make_settings(tmp_path))
    tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
    tracker.pass_at(DEFAULT_START)
    versions_before = sum(a.version_count for a in tracker.store.list_articles(limit=100))
    tracker.close()
    # From now on the newsroom's day of edits plays out in about five real seconds,
    # so the child's checks keep finding new versions while it is being killed.
    newsroom.clock = SimClock.fast_forward(DEFAULT_START, 86400 / 5)

    script = CHILD.format(
        tests=str(Path(__file__).parent), tmp=str(tmp_path), start=DEFAULT_START.isoformat()
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for delay in (0.0, 0.15, 0.3, 0.05, 0.45):
        child = subprocess.Popen(
            [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # the child is up and has finished a pass
        assert first.startswith(b"pass"), child.stderr.read() if child.stderr else b""
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL

    tracker = Tracker(make_settings(tmp_path))
    try:
        assert tracker.store.integrity_problems() == []
        versions_after = sum(a.version_count for a in tracker.store.list_articles(limit=100))
        assert versions_after > versions_before, "the children must have been writing versions"
        for article in tracker.store.list_articles(limit=100):
            numbers = [m.number for m in tracker.store.list_versions(article.id)]
            assert numbers == list(range(1, article.version_count + 1))
            if numbers:
                tracker.store.version_text(article.id, numbers[-1])  # decompresses
        summary = tracker.pass_at(
            DEFAULT_START + timedelta(days=3),
            [a.url for a in tracker.store.list_articles(limit=100)],
        )
        assert summary.errors == 0, summary.to_dict()
    finally:
        tracker.close()
