"""newsdelta: a self-hosted news change tracker.

The public Python API is small; everything else lives in private rooms
(``newsdelta.core``, ``newsdelta.store``, ...) whose layout may change.
"""

from __future__ import annotations

from newsdelta.core.model import ArticleText, CheckOutcome, CheckResult, PageEvent
from newsdelta.errors import NewsdeltaError
from newsdelta.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "ArticleText",
    "CheckOutcome",
    "CheckResult",
    "NewsdeltaError",
    "PageEvent",
    "Settings",
    "__version__",
    "load_settings",
]
