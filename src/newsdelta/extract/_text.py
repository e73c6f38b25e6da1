"""Text helpers: element text as one line, dates to aware UTC.

Whitespace rule (the same on every path, trafilatura or CSS selectors): every
run of Unicode whitespace, NBSP included, becomes one ASCII space and the ends
are trimmed. trafilatura already collapses NBSP internally, so doing the same
for selector output keeps both paths consistent. Nothing else is touched:
curly quotes, dashes, ellipses and letters are kept exactly as the page has them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from newsdelta.core.model import DatePrecision

_SKIP = frozenset({"script", "style", "noscript", "template"})
_BREAKS = frozenset({"br", "lb"})


def one_line(text: str | None) -> str:
    """Collapse whitespace runs to single spaces and trim."""
    return " ".join(text.split()) if text else ""


def element_text(element: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """The visible text of ``element`` as one line (``<br>`` counts as a space).

    Elements whose tag is in ``skip`` are left out too (their tails are kept).
    """
    parts: list[str] = []
    skipped = _SKIP | skip if skip else _SKIP

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in skipped:
            parts.append(node.tail or "")
            return
        if tag in _BREAKS:
            parts.append(" ")
        if tag:  # comments and processing instructions have no visible text
            parts.append(node.text or "")
        for child in node:
            walk(child)
        parts.append(node.tail or "")

    parts.append(element.text or "")
    for child in element:
        walk(child)
    return one_line("".join(parts))


def parse_datetime(text: str | None) -> datetime | None:
    """Parse an ISO 8601 / W3C / RFC 2822 date into aware UTC; ``None`` if it isn't one.

    Date-only values mean midnight UTC; values without an offset are taken as UTC
    (:func:`parse_datetime_with_precision` says which it was).
    """
    return parse_datetime_with_precision(text)[0]


def parse_datetime_with_precision(text: str | None) -> tuple[datetime | None, DatePrecision | None]:
    """:func:`parse_datetime`, and how precise the value was.

    ``exact``: a timestamp with an offset; ``day``: a date alone (read as midnight
    UTC); ``naive``: a time without an offset (read as UTC, which it may be off by
    up to 14 hours). Telling which page came first needs to know.
    """
    value = (text or "").strip()
    if not value:
        return None, None
    if len(value) == 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return datetime(day.year, day.month, day.day, tzinfo=UTC), "day"
    found = _parse_any(value)
    if found is None:
        return None, None
    if found.tzinfo is None:
        return found.replace(tzinfo=UTC), "naive"
    try:
        return found.astimezone(UTC), "exact"
    except OverflowError:  # 0001-01-01T00:00+01:00 has no UTC instant
        return None, None


def _parse_any(value: str) -> datetime | None:
    """ISO 8601 (a space for the T allowed), else RFC 2822; ``None`` if neither."""
    try:
        return datetime.fromisoformat(value.replace(" ", "T", 1) if value[10:11] == " " else value)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


__all__ = ["DatePrecision", "element_text", "one_line", "parse_datetime", "parse_datetime_with_precision"]
