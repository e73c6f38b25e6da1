"""Per-source CSS selector overrides.

A source can pin down where its article lives, for sites where trafilatura's
heuristics are unstable. Keys (all optional):

``title`` / ``standfirst`` / ``byline``
    first matching element's text;
``published``
    first matching element's ``datetime`` or ``content`` attribute, else its text;
``body``
    container(s) whose ``<p>`` elements are the paragraphs.

Whatever a selector finds wins over the generic extraction. A ``title``,
``standfirst``, ``byline`` or ``published`` selector that matches nothing falls
back to the generic value. A ``body`` selector that matches nothing yields **no
paragraphs** rather than trafilatura's guess: the page no longer has the shape
the source was configured for (redesign, error page, paywall), and an empty
extraction is refused by the pipeline instead of being recorded as an edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector, SelectorError

from newsdelta.core.model import DatePrecision
from newsdelta.errors import ConfigError
from newsdelta.extract._text import element_text, parse_datetime_with_precision

SELECTOR_KEYS = frozenset({"title", "standfirst", "byline", "body", "published"})


@dataclass(frozen=True, slots=True)
class SelectorHits:
    """What the selectors found; ``None`` means "not configured or nothing matched"."""

    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    published: datetime | None = None
    published_precision: DatePrecision | None = None
    body: list[etree._Element] | None = None


@lru_cache(maxsize=256)
def compile_selector(key: str, css: str) -> CSSSelector:
    """Compile one selector (cached); raises :class:`ConfigError` for bad keys or CSS."""
    if key not in SELECTOR_KEYS:
        raise ConfigError(
            f"unknown selector key {key!r}; expected one of {', '.join(sorted(SELECTOR_KEYS))}"
        )
    try:
        return CSSSelector(css)
    except (SelectorError, ValueError) as exc:
        raise ConfigError(f"invalid CSS selector for {key!r}: {css!r} ({exc})") from exc


def validate_selectors(selectors: Mapping[str, str]) -> None:
    """Check keys and CSS up front (for ``source add``); raises :class:`ConfigError`."""
    for key, css in selectors.items():
        compile_selector(key, css)


def _text(root: etree._Element, key: str, css: str) -> str | None:
    for element in compile_selector(key, css)(root):
        text: str = element_text(element)
        if text:
            return text
    return None


def _published(
    root: etree._Element, css: str
) -> tuple[datetime | None, DatePrecision | None]:
    for element in compile_selector("published", css)(root):
        value = element.get("datetime") or element.get("content") or element_text(element)
        parsed, precision = parse_datetime_with_precision(value)
        if parsed is not None:
            return parsed, precision
    return None, None


def apply_selectors(root: etree._Element, selectors: Mapping[str, str]) -> SelectorHits:
    """Run every configured selector against the page."""
    validate_selectors(selectors)
    body_css = selectors.get("body")
    published, precision = (
        _published(root, selectors["published"]) if "published" in selectors else (None, None)
    )
    return SelectorHits(
        title=_text(root, "title", selectors["title"]) if "title" in selectors else None,
        standfirst=_text(root, "standfirst", selectors["standfirst"]) if "standfirst" in selectors else None,
        byline=_text(root, "byline", selectors["byline"]) if "byline" in selectors else None,
        published=published,
        published_precision=precision,
        body=list(compile_selector("body", body_css)(root)) if body_css else None,
    )


__all__ = ["SELECTOR_KEYS", "SelectorHits", "apply_selectors", "compile_selector", "validate_selectors"]
