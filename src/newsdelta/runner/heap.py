"""Keep the cyclic garbage collector off the heap that startup built.

A full (generation 2) collection walks every object the collector tracks.
Once newsdelta has imported its libraries and run a pass, that is about
120,000 objects (modules, compiled patterns, SQLAlchemy's tables and
statement cache, lxml, trafilatura and pysbd tables) that never become
garbage. Each full collection then cost about 60 ms, which is 0.2 ms per check
averaged over a pass of 300 edited pages, or 2% of their CPU. It landed
wherever the allocation count happened to trip it, inside the extractor or
outside.

:func:`gc.freeze` moves those objects to a permanent generation that
collections skip. Reference counting still frees any of them that dies. Only
a reference cycle made of frozen objects would stay in memory, so the
collector runs once just before the freeze. After it, full collections cost
about 0.007 ms per check (docs/tracking.md).
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_long_lived_heap() -> bool:
    """Collect once, then freeze every object alive. Later calls do nothing.

    Returns whether this call froze. Call it once the process has settled:
    the long-running job calls it after its first pass, and a one-pass command
    calls it before its pass.
    """
    global _frozen
    if _frozen:
        return False
    gc.collect()
    gc.freeze()
    _frozen = True
    return True


def thaw() -> None:
    """Undo :func:`freeze_long_lived_heap` (tests put the process back as it was)."""
    global _frozen
    gc.unfreeze()
    _frozen = False


__all__ = ["freeze_long_lived_heap", "thaw"]
