"""``extract_article``: one page in, one :class:`ArticleText` out.

Order of work, cheapest and read-only first: decode and parse once with lxml;
read metadata and run CSS selectors on that tree; then hand the tree to
trafilatura (which works on its own copy) for the body, unless a ``body``
selector is configured; finally clean the paragraphs.

Broken input is a value, not an exception: an empty page, a non-HTML string or
a page without an article gives an :class:`ArticleText` with no paragraphs, and
the pipeline decides what to do with it. Only undecodable input raises
:class:`~newsdelta.errors.ExtractionError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree
from lxml import html as lxml_html

from newsdelta.core.model import ArticleText
from newsdelta.errors import ExtractionError
from newsdelta.extract._text import one_line
from newsdelta.extract.body import selector_paragraphs, trafilatura_paragraphs
from newsdelta.extract.cleanup import clean_paragraphs
from newsdelta.extract.metadata import read_metadata
from newsdelta.extract.selectors import SelectorHits, apply_selectors

_BY_PREFIX = re.compile(r"^(?:by|von|par|por|door|di)\s+", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode_declared(page: bytes) -> str | None:
    """Decode with the page's own ``<meta charset>``, if it declares a usable one."""
    match = _META_CHARSET.search(page[:4096])
    if not match:
        return None
    try:
        return page.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_detected(page: bytes) -> str:
    from charset_normalizer import from_bytes  # only needed for mislabelled bytes

    best = from_bytes(page).best()
    if best is None:
        raise ExtractionError("page bytes are not text in any known encoding", reason="undecodable")
    return str(best)


def _to_utf8(page: str | bytes) -> bytes:
    """UTF-8 bytes for lxml; raises :class:`ExtractionError` if the input can't be text."""
    if isinstance(page, bytes):
        try:
            text = page.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_declared(page) or _decode_detected(page)
    else:
        text = page
    try:
        # NUL and other C0 controls are invalid in HTML and make libxml2 stop early.
        return _CONTROL.sub("", text).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ExtractionError(f"page text is not valid Unicode: {exc.reason}", reason="undecodable") from exc


def _parse(data: bytes) -> etree._Element | None:
    if not data.strip():
        return None
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


def extract_article(
    html: str | bytes, url: str, *, selectors: Mapping[str, str] | None = None
) -> ArticleText:
    """Extract title, standfirst, byline, dates and body paragraphs from one page.

    ``url`` is the page's address (final URL after redirects); relative
    canonical links resolve against it. ``selectors`` are per-source CSS
    overrides (see :mod:`newsdelta.extract.selectors`); bad keys or CSS raise
    :class:`~newsdelta.errors.ConfigError`.
    """
    root = _parse(_to_utf8(html))
    if root is None:
        if selectors:
            apply_selectors(etree.Element("html"), selectors)  # still report bad selectors
        return ArticleText(title="")
    meta = read_metadata(root, url)
    hits = apply_selectors(root, selectors) if selectors else SelectorHits()
    title = hits.title or meta.title
    standfirst = hits.standfirst or meta.standfirst
    byline = one_line(_BY_PREFIX.sub("", hits.byline)) if hits.byline else meta.byline
    if hits.body is not None:
        raw = selector_paragraphs(hits.body)
    else:
        raw = trafilatura_paragraphs(root, url)
    paragraphs = clean_paragraphs(raw, title=title, standfirst=standfirst, byline=byline)
    return ArticleText(
        title=title,
        standfirst=standfirst if one_line(standfirst).casefold() != title.casefold() else "",
        byline=byline,
        paragraphs=paragraphs,
        published=hits.published or meta.published,
        updated=meta.updated,
        canonical_url=meta.canonical_url,
        language=meta.language,
    )


__all__ = ["extract_article"]
