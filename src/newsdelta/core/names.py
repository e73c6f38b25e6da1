"""What an outlet (source) name may be.

A name is typed in commands (``--source NAME``), keys a ``[sources.NAME]`` table
in the config file and is a path segment of the web UI (``/outlets/NAME``) and
its feeds, so it must survive all three unchanged.
"""

from __future__ import annotations

import unicodedata

MAX_SOURCE_NAME = 100


def source_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name an outlet, or None when it can."""
    if not name.strip():
        return "an outlet needs a name"
    if name != name.strip():
        return "an outlet name cannot start or end with spaces"
    if len(name) > MAX_SOURCE_NAME:
        return f"an outlet name has at most {MAX_SOURCE_NAME} characters"
    if "/" in name:
        return "an outlet name cannot contain '/' (it is part of the outlet's web address)"
    if any(unicodedata.category(c).startswith("C") for c in name):
        return "an outlet name cannot contain control or invisible format characters"
    return None
