"""Building a :class:`CheckContext` the same way for every runner and command."""

from __future__ import annotations

from newsdelta.clock import Clock
from newsdelta.pipeline import CheckContext, PageFetcher
from newsdelta.settings import Settings
from newsdelta.store import Store


def make_context(settings: Settings, store: Store, fetcher: PageFetcher, clock: Clock) -> CheckContext:
    """A check context with the copies index attached when ``copies_index`` is on.

    Every runner builds its context here, so this is where the process claims the
    database's tracker lock: a second ``run``, ``check`` or ``demo`` on the same
    database stops with a one-line error instead of writing the same versions twice.
    """
    store.claim_tracking()
    copies = None
    if settings.copies_index:
        from newsdelta.copies.service import CopiesService

        copies = CopiesService(settings, store)
    return CheckContext(settings, store, fetcher, clock, copies=copies)
