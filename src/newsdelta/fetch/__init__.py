"""fetch room: a polite, bounded, SSRF-safe asyncio HTTP client.

Public API: :class:`Fetcher` (``async with Fetcher(settings) as f: await f.fetch(url)``)
and :class:`FetchStats`. The modules behind it each own one policy:
:mod:`.politeness` (per-host limits), :mod:`.robots` (robots.txt),
:mod:`.guard` (SSRF), :mod:`.charset` (decoding), :mod:`.content`
(acceptable content types), :mod:`.retry` (back-off).
"""

from newsdelta.fetch.client import Fetcher, FetchStats

__all__ = ["FetchStats", "Fetcher"]
