"""XML sitemaps (plain, index, Google News; optionally gzip-compressed) -> links.

A ``<urlset>`` lists pages; a ``<sitemapindex>`` lists further sitemaps, which
are returned in :attr:`SitemapResult.sitemaps` for the caller to fetch (this
module never does I/O). Google News sitemaps add ``<news:publication_date>`` and
``<news:title>`` per URL.

Parsing uses lxml with a locked-down parser: no network, no DTD loading, no
entity expansion (so neither XXE nor "billion laughs" work), ``huge_tree`` off.
Elements are matched by local name, because many generators get the sitemap
namespace wrong or leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from newsdelta.core.model import DiscoveredLink
from newsdelta.discover._common import listed_title, maybe_gunzip, parse_w3c_datetime
from newsdelta.discover.urls import canonicalize_url, is_site_root
from newsdelta.errors import BadURLError, DiscoveryError


@dataclass(frozen=True, slots=True)
class SitemapResult:
    """Page links (document order, de-duplicated) and child sitemap URLs.

    ``DiscoveredLink.published`` is the Google News publication date when there
    is one, else ``<lastmod>`` (the best date a plain sitemap offers);
    :attr:`lastmod` keeps the real ``<lastmod>`` per URL (per child sitemap, for
    an index) for callers that want to re-check only what changed.
    """

    links: list[DiscoveredLink]
    sitemaps: list[str]
    lastmod: dict[str, datetime] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def newest_children(result: SitemapResult, limit: int) -> list[str]:
    """The ``limit`` child sitemaps of an index to read: the most recently modified.

    Indexes list their children oldest first as often as newest first; reading
    the first ``limit`` in document order silently dropped the newest articles.
    Children without ``<lastmod>`` rank after dated ones, in document order.
    """
    children = result.sitemaps
    if len(children) <= limit:
        return list(children)
    def rank(item: tuple[int, str]) -> tuple[bool, float, int]:
        position, url = item
        lastmod = result.lastmod.get(url)
        return (lastmod is None, -lastmod.timestamp() if lastmod else 0.0, position)

    return [url for _, url in sorted(enumerate(children), key=rank)[:limit]]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def _news_fields(url_element: etree._Element) -> tuple[str | None, str | None]:
    """``(title, publication_date)`` from a ``<news:news>`` block, if present."""
    for child in url_element:
        if _local(child.tag) == "news":
            return _child_text(child, "title"), _child_text(child, "publication_date")
    return None, None


def _parse_root(body: bytes) -> etree._Element:
    if not body.strip():
        raise DiscoveryError("sitemap is empty", reason="empty")
    try:
        return etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"sitemap is not well-formed XML: {exc}", reason="not_sitemap") from exc


def _canonical(loc: str | None, base_url: str, what: str, warnings: list[str]) -> str | None:
    if not loc:
        warnings.append(f"{what} without <loc>; skipped")
        return None
    try:
        url: str = canonicalize_url(loc, base_url)
    except BadURLError as exc:
        warnings.append(f"{what} skipped: {exc.message}")
        return None
    return url


def parse_sitemap(body: bytes, base_url: str) -> SitemapResult:
    """Parse a sitemap or sitemap index fetched from ``base_url``.

    Raises :class:`DiscoveryError` for empty, corrupt-gzip, malformed or
    non-sitemap documents (for example an HTML page or an RSS feed).
    """
    root = _parse_root(maybe_gunzip(body))
    kind = _local(root.tag)
    warnings: list[str] = []
    if kind == "sitemapindex":
        children: list[str] = []
        child_lastmods: dict[str, datetime] = {}
        for element in root:
            if _local(element.tag) == "sitemap":
                url = _canonical(_child_text(element, "loc"), base_url, "<sitemap>", warnings)
                if url is not None and url not in children:
                    children.append(url)
                    lastmod_text = _child_text(element, "lastmod")
                    lastmod = parse_w3c_datetime(lastmod_text) if lastmod_text else None
                    if url is not None and lastmod is not None:
                        child_lastmods[url] = lastmod
        return SitemapResult(links=[], sitemaps=children, lastmod=child_lastmods, warnings=warnings)
    if kind != "urlset":
        raise DiscoveryError(
            f"not a sitemap: root element is <{kind}>, expected <urlset> or <sitemapindex>",
            reason="not_sitemap",
        )
    links: list[DiscoveredLink] = []
    lastmods: dict[str, datetime] = {}
    seen: set[str] = set()
    for element in root:
        if _local(element.tag) != "url":
            continue
        url = _canonical(_child_text(element, "loc"), base_url, "<url>", warnings)
        if url is None or url in seen:
            continue
        seen.add(url)
        if is_site_root(url):  # plain sitemaps list the home page too: not an article
            continue
        lastmod_text = _child_text(element, "lastmod")
        lastmod = parse_w3c_datetime(lastmod_text) if lastmod_text else None
        title, published_text = _news_fields(element)
        published = parse_w3c_datetime(published_text) if published_text else None
        if published_text and published is None:
            warnings.append(f"unparseable news:publication_date {published_text!r} for {url}")
        if lastmod is not None:
            lastmods[url] = lastmod
        links.append(DiscoveredLink(url=url, title=listed_title(title), published=published or lastmod))
    return SitemapResult(links=links, sitemaps=[], lastmod=lastmods, warnings=warnings)


__all__ = ["SitemapResult", "parse_sitemap"]
