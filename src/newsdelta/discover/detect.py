"""Tell a feed from a sitemap from an HTML page by looking at the first bytes.

``newsdelta source add NAME URL`` accepts a feed URL or a sitemap URL; this
module decides which parser to use. The body wins over the ``Content-Type``
header, because servers routinely label feeds ``text/html`` or sitemaps
``application/octet-stream``; the header only breaks ties when the body says
nothing (for example an empty body).

Only a prefix of the body is read (and at most a prefix of a gzip stream
inflated), so sniffing a 50 MB sitemap costs microseconds.
"""

from __future__ import annotations

import re
import zlib
from typing import Literal

from newsdelta.discover._common import GZIP_MAGIC

Kind = Literal["feed", "sitemap", "html", "unknown"]

SNIFF_BYTES = 8192

_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
# Skip the XML declaration, comments, processing instructions and a DOCTYPE
# (with an optional internal subset) to reach the first element's name.
_PROLOG = re.compile(
    rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.DOTALL | re.IGNORECASE
)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
# Tag soup often starts without <html>; these first elements still mean HTML.
_HTML_ROOTS = frozenset({"html", "head", "body", "meta", "title", "link", "script", "div", "p"})
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _prefix(body: bytes) -> bytes:
    """The first :data:`SNIFF_BYTES` of the (inflated, ASCII-compatible) body."""
    head = body[:SNIFF_BYTES]
    if head.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(body, SNIFF_BYTES)
        except zlib.error:
            return b""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            text = head[len(bom):].decode(codec, errors="ignore")
            return text.encode("utf-8", errors="ignore")
    return head


def root_element(body: bytes) -> str | None:
    """Local name (lower-case, no prefix) of the document's first element, if any."""
    head = _prefix(body)
    start = _PROLOG.match(head)
    match = _ROOT.match(head, start.end() if start else 0)
    return match.group(2).decode("ascii").lower() if match else None


def looks_like_html(body: bytes) -> bool:
    """True when the body starts like an HTML document."""
    return root_element(body) in _HTML_ROOTS


def sniff_kind(body: bytes, content_type: str = "") -> Kind:
    """Classify a fetched body as ``"feed"``, ``"sitemap"``, ``"html"`` or ``"unknown"``."""
    root = root_element(body)
    if root in _FEED_ROOTS:
        return "feed"
    if root in _SITEMAP_ROOTS:
        return "sitemap"
    if root in _HTML_ROOTS:
        return "html"
    if root is not None:
        return "unknown"
    media = content_type.split(";", 1)[0].strip().lower()
    if media in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}:
        return "feed"
    if media in {"text/html", "application/xhtml+xml"}:
        return "html"
    return "unknown"


__all__ = ["Kind", "looks_like_html", "root_element", "sniff_kind"]
