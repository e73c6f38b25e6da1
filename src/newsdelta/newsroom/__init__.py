"""newsroom room: a simulated news site for tests, benchmarks and the demo.

A :class:`Newsroom` (pure model: outlets, scripted article versions, fault
schedules, a simulated clock) served on 127.0.0.1 by aiohttp::

    from datetime import UTC, datetime, timedelta
    from newsdelta.newsroom import NewsroomServer, seed_scenario, faults

    start = datetime(2022, 11, 18, 9, tzinfo=UTC)
    newsroom = seed_scenario(start)
    article = newsroom.article("rtcom", "566347-china-russia-relations-biden")
    async with NewsroomServer(newsroom) as server:
        ...  # GET server.url_for(article), server.feed_url("rtcom")
        newsroom.clock.advance(timedelta(hours=3))    # version 2 is live now
        article.set_fault(faults.Unavailable(retry_after=60))
        assert server.stats.count(article.path) == ...

Synchronous code uses :func:`start_in_thread`. Run ``python -m newsdelta.newsroom``
for a foreground demo server.
"""

from . import faults
from .model import ArticleVersion, Newsroom, Outlet, ScheduledFault, ScriptedArticle, SimClock
from .scenarios import (
    DEFAULT_START,
    chrome_scenario,
    copies_scenario,
    demo_scenario,
    scripted_edits_scenario,
    seed_scenario,
)
from .server import NewsroomServer, ThreadedNewsroom, start_in_thread
from .stats import LoggedRequest, RequestStats

__all__ = [
    "DEFAULT_START",
    "ArticleVersion",
    "LoggedRequest",
    "Newsroom",
    "NewsroomServer",
    "Outlet",
    "RequestStats",
    "ScheduledFault",
    "ScriptedArticle",
    "SimClock",
    "ThreadedNewsroom",
    "chrome_scenario",
    "copies_scenario",
    "demo_scenario",
    "faults",
    "scripted_edits_scenario",
    "seed_scenario",
    "start_in_thread",
]
