"""Sitemap parsing: urlset, index, Google News, gzip, hostile XML."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from newsdelta.discover.sitemaps import parse_sitemap
from newsdelta.errors import DiscoveryError

BASE = "https://news.example.com/sitemap.xml"

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <!-- generated -->
  <url><loc>https://news.example.com/a?utm_source=sitemap</loc><lastmod>2024-06-03T10:00:00+02:00</lastmod></url>
  <url><loc> https://news.example.com/b </loc><lastmod>2024-06-02</lastmod><changefreq>daily</changefreq></url>
  <url><loc>https://news.example.com/a</loc><lastmod>2030-01-01</lastmod></url>
  <url><loc>/relative/c</loc></url>
  <url><loc>javascript:void(0)</loc></url>
  <url><lastmod>2024-01-01</lastmod></url>
</urlset>
"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example.com/world/566347</loc>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2022-10-07T14:31:00+03:00</news:publication_date>
      <news:title>China responds to Biden\u2019s claim about ties with Moscow</news:title>
    </news:news>
  </url>
  <url>
    <loc>https://news.example.com/world/2</loc>
    <lastmod>2022-10-08T00:00:00Z</lastmod>
    <news:news><news:publication_date>yesterday</news:publication_date><news:title>Two</news:title></news:news>
  </url>
</urlset>
""".encode()

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example.com/sitemap-2024-06.xml.gz</loc><lastmod>2024-06-03</lastmod></sitemap>
  <sitemap><loc>/sitemap-news.xml</loc></sitemap>
  <sitemap><loc>https://news.example.com/sitemap-news.xml#x</loc></sitemap>
</sitemapindex>
"""


def test_urlset_links_lastmod_and_warnings() -> None:
    result = parse_sitemap(URLSET, BASE)
    assert [link.url for link in result.links] == [
        "https://news.example.com/a",
        "https://news.example.com/b",
        "https://news.example.com/relative/c",
    ]
    assert result.sitemaps == []
    assert result.lastmod == {
        "https://news.example.com/a": datetime(2024, 6, 3, 8, 0, tzinfo=UTC),
        "https://news.example.com/b": datetime(2024, 6, 2, tzinfo=UTC),
    }
    assert result.links[0].published == datetime(2024, 6, 3, 8, 0, tzinfo=UTC)
    assert result.links[2].published is None
    assert len(result.warnings) == 2
    assert any("javascript" in w for w in result.warnings)
    assert any("without <loc>" in w for w in result.warnings)


def test_google_news_sitemap() -> None:
    result = parse_sitemap(NEWS, BASE)
    first, second = result.links
    assert first.url == "https://news.example.com/world/566347"
    assert first.title == "China responds to Biden\u2019s claim about ties with Moscow"
    assert first.published == datetime(2022, 10, 7, 11, 31, tzinfo=UTC)
    # unparseable publication date: falls back to lastmod, with a warning
    assert second.title == "Two"
    assert second.published == datetime(2022, 10, 8, tzinfo=UTC)
    assert any("yesterday" in w for w in result.warnings)


def test_sitemap_index_returns_children() -> None:
    result = parse_sitemap(INDEX, BASE)
    assert result.links == []
    assert result.sitemaps == [
        "https://news.example.com/sitemap-2024-06.xml.gz",
        "https://news.example.com/sitemap-news.xml",
    ]


def test_gzip_body_by_magic_bytes() -> None:
    assert [link.url for link in parse_sitemap(gzip.compress(NEWS), BASE).links] == [
        "https://news.example.com/world/566347",
        "https://news.example.com/world/2",
    ]


def test_missing_or_wrong_namespace_is_tolerated() -> None:
    body = b"<urlset><url><loc>https://e.com/x</loc></url></urlset>"
    assert [link.url for link in parse_sitemap(body, BASE).links] == ["https://e.com/x"]


def test_external_entities_are_not_resolved(tmp_path: object) -> None:
    body = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
<urlset><url><loc>https://e.com/&xxe;</loc></url></urlset>"""
    result = parse_sitemap(body, BASE)
    # The entity reference is left unexpanded, so the loc is just the prefix: the
    # site's home page, which is not an article. Nothing of the file got in.
    assert result.links == []


def test_billion_laughs_is_not_expanded() -> None:
    lol = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    body = b"<?xml version='1.0'?><!DOCTYPE urlset [" + lol + b"]><urlset><url><loc>https://e.com/a/&lol9;</loc></url></urlset>"
    # Either libxml2 refuses the amplification outright or the entity stays
    # unexpanded; both are safe. What must never happen is a huge URL.
    try:
        result = parse_sitemap(body, BASE)
    except DiscoveryError as exc:
        assert "well-formed" in exc.message
    else:
        (link,) = result.links  # the loc's prefix: the entity stayed unexpanded
        assert len(link.url) < 100


def test_gzip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdelta.discover import _common

    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(DiscoveryError) as info:
        _common.maybe_gunzip(bomb, limit=1_000_000)
    assert info.value.reason == "too_large"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "sitemap is empty"),
        (b"<urlset><url><loc>https://e.com/x</loc></url>", "not well-formed"),
        (b"<html><body>Not found</body></html>", "root element is <html>"),
        (b"<rss version='2.0'><channel/></rss>", "root element is <rss>"),
        (b"\x00\x01 not xml", "not well-formed"),
        (gzip.compress(URLSET)[:40], "gzip body is truncated"),
    ],
)
def test_malformed_sitemaps(body: bytes, message: str) -> None:
    with pytest.raises(DiscoveryError) as info:
        parse_sitemap(body, BASE)
    assert message in info.value.message


def test_an_index_with_too_many_children_reads_the_newest() -> None:
    # Found by the discovery audit: the first 50 in document order were read, so an
    # index listing its children oldest first lost every new article.
    from newsdelta.discover.sitemaps import newest_children

    items = "".join(
        f"<sitemap><loc>http://x.test/post-{i}.xml</loc><lastmod>2024-01-{i:02d}</lastmod></sitemap>"
        for i in range(1, 29)
    )
    items += "<sitemap><loc>http://x.test/undated.xml</loc></sitemap>"
    body = (
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"{items}</sitemapindex>"
    ).encode()
    result = parse_sitemap(body, "http://x.test/index.xml")
    assert newest_children(result, 3) == [f"http://x.test/post-{i}.xml" for i in (28, 27, 26)]
    assert newest_children(result, 29)[-1] == "http://x.test/undated.xml"  # undated last
    assert newest_children(result, 100) == result.sitemaps  # all of them: document order


def test_a_sitemaps_home_page_entry_is_not_an_article() -> None:
    body = (
        b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<url><loc>http://x.test/</loc></url><url><loc>http://x.test/news/a</loc></url></urlset>"
    )
    assert [link.url for link in parse_sitemap(body, "http://x.test/s.xml").links] == ["http://x.test/news/a"]
