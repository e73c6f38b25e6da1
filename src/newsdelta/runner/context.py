"""Building a :class:`CheckContext` the same way for every runner and command."""

from __future__ import annotations

from newsdelta.clock import Clock
from newsdelta.pipeline import CheckContext, PageFetcher
from newsdelta.settings import Settings
from newsdelta.store import Store


def make_context(settings: Settings, store: Store, fetcher: PageFetcher, clock: Clock) -> CheckContext:
    """A check context with the copies index attached when ``copies_index`` is on."""
    copies = None
    if settings.copies_index:
        from newsdelta.copies.service import CopiesService

        copies = CopiesService(settings, store)
    return CheckContext(settings, store, fetcher, clock, copies=copies)
