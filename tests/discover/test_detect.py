"""Sniffing feed vs sitemap vs HTML from the first bytes."""

from __future__ import annotations

import gzip

import pytest

from newsdelta.discover.detect import looks_like_html, root_element, sniff_kind

FEEDS = [
    b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
    b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><feed xmlns="http://www.w3.org/2005/Atom"/>',
    b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><rdf:RDF xmlns:rdf="x"/>',
    '<?xml version="1.0" encoding="utf-16"?><rss/>'.encode("utf-16"),
]
SITEMAPS = [
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
    b"  <sitemapindex/>",
    gzip.compress(b'<?xml version="1.0"?><urlset/>'),
    b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "b">]><urlset/>',
]
HTMLS = [
    b"<!DOCTYPE html><html lang=en><head></head></html>",
    b"<!doctype HTML>\n<html>",
    b"<html xmlns='http://www.w3.org/1999/xhtml'>",
    b"<meta charset=utf-8><title>x</title><p>hi",
]


@pytest.mark.parametrize("body", FEEDS)
def test_feeds(body: bytes) -> None:
    assert sniff_kind(body, "text/html") == "feed"


@pytest.mark.parametrize("body", SITEMAPS)
def test_sitemaps(body: bytes) -> None:
    assert sniff_kind(body, "application/octet-stream") == "sitemap"


@pytest.mark.parametrize("body", HTMLS)
def test_html(body: bytes) -> None:
    assert sniff_kind(body, "application/xml") == "html"
    assert looks_like_html(body)


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b"", "application/rss+xml; charset=utf-8", "feed"),
        (b"", "text/html", "html"),
        (b"", "", "unknown"),
        (b"plain text, nothing else", "text/plain", "unknown"),
        (b"<?xml version='1.0'?><svg/>", "image/svg+xml", "unknown"),
        (b"\x1f\x8b\x08garbage", "", "unknown"),
        (b"%PDF-1.7", "application/pdf", "unknown"),
    ],
)
def test_fallbacks(body: bytes, content_type: str, kind: str) -> None:
    assert sniff_kind(body, content_type) == kind


def test_root_element_strips_prefix() -> None:
    assert root_element(b"<rdf:RDF/>") == "rdf"
    assert root_element(b"no markup") is None
    assert not looks_like_html(b"<rss/>")
