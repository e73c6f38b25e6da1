"""Feeds and sitemaps of the simulated site: RSS 2.0, Atom, sitemaps, robots.txt.

RSS and Atom are built with feedgen; sitemaps with lxml. All functions are
pure: they take the articles to list and the site's base URL and return bytes.

Feed links carry tracking parameters (``?utm_source=rss&utm_medium=feed``)
when the outlet asks for it, so a discoverer's URL canonicalisation is
exercised; ``<guid>``/``<id>`` and sitemaps use the clean URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from feedgen.feed import FeedGenerator
from lxml import etree

from .model import Outlet, ScriptedArticle

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

MALFORMED_FEED = (
    b"<?xml version='1.0' encoding='utf-8'?>\n<rss version=\"2.0\"><channel>"
    b"<title>Breaking & unescaped</title><item><title>Half a feed<link>"
)
"""What an outlet with ``feed_malformed`` serves: not well-formed XML."""


def tracked(url: str, medium: str) -> str:
    """``url`` with the tracking parameters a feed would add."""
    return f"{url}?utm_source={medium}&utm_medium=feed"


def _link(base_url: str, outlet: Outlet, article: ScriptedArticle, medium: str) -> str:
    clean = base_url + article.path
    return tracked(clean, medium) if outlet.tracking_params else clean


def rss(outlet: Outlet, articles: Sequence[ScriptedArticle], base_url: str, now: datetime) -> bytes:
    """RSS 2.0 of ``articles`` (already filtered and ordered newest first)."""
    fg = FeedGenerator()
    fg.title(outlet.name)
    fg.link(href=f"{base_url}/{outlet.slug}/", rel="alternate")
    fg.description(f"Latest news from {outlet.name}")
    fg.language(outlet.language)
    fg.lastBuildDate(now)
    for article in articles[: outlet.feed_limit]:
        version = article.version_at(now)
        if version is None:
            continue
        entry = fg.add_entry(order="append")
        entry.title(version.title)
        entry.link(href=_link(base_url, outlet, article, "rss"))
        entry.guid(base_url + article.path, permalink=True)
        entry.description(version.standfirst or version.title)
        entry.pubDate(article.published)
    result: bytes = fg.rss_str(pretty=True)
    return result


def atom(
    outlet: Outlet, articles: Sequence[ScriptedArticle], base_url: str, now: datetime
) -> bytes:
    """Atom 1.0 of ``articles``; ``<updated>`` is the live version's time."""
    fg = FeedGenerator()
    fg.id(f"{base_url}/{outlet.slug}/")
    fg.title(outlet.name)
    fg.link(href=f"{base_url}/{outlet.slug}/", rel="alternate")
    fg.link(href=f"{base_url}/{outlet.slug}/atom.xml", rel="self")
    fg.language(outlet.language)
    fg.updated(now)
    for article in articles[: outlet.feed_limit]:
        version = article.version_at(now)
        if version is None:
            continue
        entry = fg.add_entry(order="append")
        entry.id(base_url + article.path)
        entry.title(version.title)
        entry.link(href=_link(base_url, outlet, article, "atom"), rel="alternate")
        entry.summary(version.standfirst or version.title)
        entry.published(article.published)
        entry.updated(version.at)
        if version.byline:
            entry.author(name=version.byline)
    result: bytes = fg.atom_str(pretty=True)
    return result


def _xml(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return data


def sitemap(articles: Sequence[ScriptedArticle], base_url: str, now: datetime) -> bytes:
    """A plain ``<urlset>`` with ``<loc>`` and ``<lastmod>`` (the live version's time)."""
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for article in articles:
        version = article.version_at(now)
        if version is None:
            continue
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = base_url + article.path
        etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = version.at.isoformat()
    return _xml(root)


def news_sitemap(
    outlet: Outlet, articles: Sequence[ScriptedArticle], base_url: str, now: datetime
) -> bytes:
    """A Google News sitemap: recent articles with publication name, date and title."""
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for article in articles:
        version = article.version_at(now)
        if version is None or now - article.published > outlet.news_sitemap_window:
            continue
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = base_url + article.path
        news = etree.SubElement(url, f"{{{NEWS_NS}}}news")
        publication = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        etree.SubElement(publication, f"{{{NEWS_NS}}}name").text = outlet.name
        etree.SubElement(publication, f"{{{NEWS_NS}}}language").text = outlet.language
        published = etree.SubElement(news, f"{{{NEWS_NS}}}publication_date")
        published.text = article.published.isoformat()
        etree.SubElement(news, f"{{{NEWS_NS}}}title").text = version.title
    return _xml(root)


def sitemap_index(outlets: Sequence[Outlet], base_url: str) -> bytes:
    """``<sitemapindex>`` pointing at every outlet's sitemap and news sitemap."""
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for outlet in outlets:
        for name in ("sitemap.xml", "news-sitemap.xml"):
            entry = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
            etree.SubElement(
                entry, f"{{{SITEMAP_NS}}}loc"
            ).text = f"{base_url}/{outlet.slug}/{name}"
    return _xml(root)


def robots_txt(disallow: Sequence[str], base_url: str) -> str:
    """robots.txt for every user agent, with the sitemap index advertised."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallow] or ["Disallow:"]
    lines += ["", f"Sitemap: {base_url}/sitemap_index.xml", ""]
    return "\n".join(lines)


__all__ = [
    "MALFORMED_FEED",
    "NEWS_NS",
    "SITEMAP_NS",
    "atom",
    "news_sitemap",
    "robots_txt",
    "rss",
    "sitemap",
    "sitemap_index",
    "tracked",
]
