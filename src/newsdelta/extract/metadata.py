"""Article metadata from the page's own markup (read-only over the lxml tree).

Sources, most trusted first, per field:

* title: the ``<h1>`` of the article, JSON-LD ``headline``, ``og:title``,
  ``<title>``. The visible headline comes first because that is what editors
  rewrite (``og:title`` is often a separate "social" headline).
* standfirst: an element inside the article whose class names it (standfirst,
  dek, summary, subtitle, strapline, ...), else ``description`` /
  ``og:description`` / JSON-LD ``description``.
* byline: JSON-LD ``author``, ``<meta name=author>``, ``rel=author`` text, a
  ``.byline``/``.author`` element ("By " removed).
* published / updated: ``article:published_time`` / ``article:modified_time``,
  JSON-LD ``datePublished`` / ``dateModified``, ``itemprop`` dates, the
  article's first ``<time datetime>``.
* canonical_url: ``<link rel=canonical>``, else ``og:url`` (made absolute).
* language: ``<html lang>``, else ``Content-Language`` / ``og:locale``.

Only the article's own region is searched for visible elements, so a page
header's live clock or a "Most read" list can never supply a date or byline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newsdelta.core.model import DatePrecision
from newsdelta.extract._text import (
    element_text,
    one_line,
    parse_datetime,
    parse_datetime_with_precision,
)

ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
        "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle", "TechArticle",
    }
)
_STANDFIRST_WORDS = frozenset(
    # Not "lede"/"intro": some CMSs use those for the first body paragraph.
    {"standfirst", "dek", "deck", "summary", "subtitle", "subheadline", "subhead", "strapline"}
)
_BYLINE_WORDS = frozenset({"byline", "author", "authors", "author-name", "contributor"})
_MAX_STANDFIRST = 600
_MAX_BYLINE = 150
_CHROME = frozenset({"aside", "nav", "footer", "form"})
_TOKEN_SPLIT = re.compile(r"[\s_\-]+|__")
_BY_PREFIX = re.compile(r"^(?:by|von|par|por|door|di)\s+", re.IGNORECASE)
_NOT_BYLINE = frozenset({"time"})
"""Elements of a byline block that are not the byline: its date and time."""
_BYLINE_TIME_TAIL = re.compile(
    r"[\s|·•,–—-]*(?:(?:updated|published|posted)\b[\s:]*)?"
    r"(?:\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?)\s+ago|just now)\b.*$",
    re.IGNORECASE,
)
"""A relative time at the end of a byline ("Jane Doe | Updated 5 minutes ago")."""


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about its article, before any body extraction."""

    title: str = ""
    standfirst: str = ""
    byline: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    canonical_url: str | None = None
    language: str | None = None
    published_precision: DatePrecision | None = None


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _class_tokens(element: etree._Element) -> set[str]:
    raw = (element.get("class") or "").lower()
    tokens = set(raw.split())
    for token in list(tokens):
        tokens.update(part for part in _TOKEN_SPLIT.split(token) if part)
    return tokens


def _in_chrome(element: etree._Element, scope: etree._Element) -> bool:
    node = element.getparent()
    while node is not None and node is not scope:
        if _tag(node) in _CHROME:
            return True
        node = node.getparent()
    return False


def article_scope(root: etree._Element) -> etree._Element | None:
    """The element holding the article: the ``<article>`` with most text, else ``<main>``."""
    articles = [a for a in root.iter("article") if not _in_chrome(a, root)]
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    for element in root.iter("main"):
        return element
    for element in root.iter():
        if (element.get("itemprop") or "") == "articleBody" or "article-body" in _class_tokens(element):
            return element.getparent() if element.getparent() is not None else element
    return None


def _meta(root: etree._Element) -> dict[str, str]:
    """``<meta>`` content keyed by lower-case ``property``/``name``/``itemprop``; first wins."""
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        key = key or element.get("http-equiv")
        content = element.get("content")
        if key and content is not None and key.lower() not in found:
            found[key.lower()] = one_line(content)
    return found


def _json_ld_objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _json_ld_objects(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _json_ld_objects(value["@graph"])


def _json_ld_article(root: etree._Element) -> dict[str, Any]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for obj in _json_ld_objects(data):
            types = obj.get("@type")
            names = set(types) if isinstance(types, list) else {types}
            if names & ARTICLE_TYPES:
                return obj
    return {}


def _ld_text(value: Any) -> str:
    return one_line(value) if isinstance(value, str) else ""


def _ld_authors(value: Any) -> str:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and one_line(name) and not name.startswith(("http://", "https://")):
            names.append(one_line(name))
    return ", ".join(names)


def _first_text(
    elements: Iterator[etree._Element], max_chars: int = 1000, skip: frozenset[str] = frozenset()
) -> str:
    """Text of the first element with some; overlong matches (containers) are skipped."""
    for element in elements:
        text: str = element_text(element, skip)
        if text and len(text) <= max_chars:
            return text
    return ""


def _scoped(scope: etree._Element | None) -> Iterator[etree._Element]:
    if scope is None:
        return iter(())
    return (e for e in scope.iter() if isinstance(e.tag, str) and not _in_chrome(e, scope))


def _title(root: etree._Element, scope: etree._Element | None, meta: dict[str, str], ld: dict[str, Any]) -> str:
    h1 = _first_text(e for e in _scoped(scope) if _tag(e) == "h1")
    if not h1:
        page_h1s = [e for e in root.iter("h1") if not _in_chrome(e, root)]
        h1 = element_text(page_h1s[0]) if len(page_h1s) == 1 else ""
    title_el = next(iter(root.iter("title")), None)
    return (
        h1 or _ld_text(ld.get("headline")) or meta.get("og:title", "")
        or meta.get("twitter:title", "") or (element_text(title_el) if title_el is not None else "")
    )


def _standfirst(scope: etree._Element | None, meta: dict[str, str], ld: dict[str, Any]) -> str:
    for element in _scoped(scope):
        if _tag(element) in {"h1", "article", "main", "section", "body"}:
            continue
        if element.get("itemprop") in {"description", "alternativeHeadline"} or (
            _class_tokens(element) & _STANDFIRST_WORDS
        ):
            text: str = element_text(element)
            if text and len(text) <= _MAX_STANDFIRST:  # longer is a container, not a dek
                return text
    return meta.get("description") or meta.get("og:description") or _ld_text(ld.get("description"))


def _byline(scope: etree._Element | None, meta: dict[str, str], ld: dict[str, Any]) -> str:
    author = meta.get("author", "") or meta.get("article:author", "")
    if author.startswith(("http://", "https://")):
        author = ""
    found = _ld_authors(ld.get("author")) or author
    if not found:
        found = _first_text(
            (e for e in _scoped(scope) if "author" in (e.get("rel") or "").split()), _MAX_BYLINE
        )
    if not found:
        found = _first_text(
            (
                e for e in _scoped(scope)
                if e.get("itemprop") == "author" or _class_tokens(e) & _BYLINE_WORDS
            ),
            max_chars=_MAX_BYLINE,
            skip=_NOT_BYLINE,
        )
        # A byline block often carries the time too, and "3 minutes ago" changes on
        # every request: kept, it made a "byline" version on every check.
        found = _BYLINE_TIME_TAIL.sub("", found)
    return _BY_PREFIX.sub("", found).strip()


def _dates(
    scope: etree._Element | None, meta: dict[str, str], ld: dict[str, Any]
) -> tuple[datetime | None, DatePrecision | None, datetime | None]:
    """(published, how precise it is, updated)."""
    scoped = list(_scoped(scope))
    itemprop = {e.get("itemprop"): e.get("datetime") or e.get("content") for e in scoped if e.get("itemprop")}
    times = [e.get("datetime") for e in scoped if _tag(e) == "time" and e.get("datetime")]
    published: datetime | None = None
    precision: DatePrecision | None = None
    for candidate in (
        meta.get("article:published_time"),
        _ld_text(ld.get("datePublished")),
        meta.get("datepublished") or itemprop.get("datePublished"),
        times[0] if times else None,
    ):
        published, precision = parse_datetime_with_precision(candidate)
        if published is not None:
            break
    updated = (
        parse_datetime(meta.get("article:modified_time"))
        or parse_datetime(meta.get("og:updated_time"))
        or parse_datetime(_ld_text(ld.get("dateModified")))
        or parse_datetime(meta.get("datemodified") or itemprop.get("dateModified"))
    )
    return published, precision, updated


def _absolute(href: str | None, page_url: str) -> str | None:
    if not href or not href.strip():
        return None
    absolute = urljoin(page_url, href.strip())
    return absolute if urlsplit(absolute).scheme in {"http", "https"} else None


def _canonical(root: etree._Element, meta: dict[str, str], page_url: str) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            found = _absolute(link.get("href"), page_url)
            if found:
                return found
    return _absolute(meta.get("og:url"), page_url)


def _language(root: etree._Element, meta: dict[str, str]) -> str | None:
    lang = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    lang = lang or meta.get("content-language", "").split(",")[0].strip()
    lang = lang or meta.get("og:locale", "").replace("_", "-")
    return lang or None


def read_metadata(root: etree._Element, page_url: str) -> PageMeta:
    """Collect :class:`PageMeta` from a parsed page without modifying it."""
    scope = article_scope(root)
    meta = _meta(root)
    ld = _json_ld_article(root)
    published, precision, updated = _dates(scope, meta, ld)
    return PageMeta(
        title=_title(root, scope, meta, ld),
        standfirst=_standfirst(scope, meta, ld),
        byline=_byline(scope, meta, ld),
        published=published,
        updated=updated,
        canonical_url=_canonical(root, meta, page_url),
        language=_language(root, meta),
        published_precision=precision,
    )


__all__ = ["ARTICLE_TYPES", "PageMeta", "article_scope", "read_metadata"]
