"""Feed parsing: RSS 0.91/1.0/2.0 and Atom, dedup, dates, refusals."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from newsdelta.discover.feeds import parse_feed
from newsdelta.errors import DiscoveryError

BASE = "https://news.example.com/rss/world.xml"

RSS20 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Example News \u2013 World</title>
  <link>https://news.example.com/</link>
  <item>
    <title>China responds to Biden\u2019s claim about ties with Moscow</title>
    <link>https://news.example.com/world/566347?utm_source=rss&amp;utm_medium=feed#top</link>
    <pubDate>Fri, 07 Oct 2022 14:31:00 +0300</pubDate>
    <guid isPermaLink="false">566347</guid>
  </item>
  <item>
    <title>Relative link story</title>
    <link>/world/2</link>
    <pubDate>Fri, 07 Oct 2022 09:00:00 GMT</pubDate>
  </item>
  <item>
    <title>Duplicate of the first</title>
    <link>https://NEWS.example.com:443/world/566347?fbclid=xyz</link>
  </item>
  <item>
    <title>Guid only</title>
    <guid isPermaLink="true">https://news.example.com/world/3</guid>
  </item>
</channel>
</rss>
""".encode()

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/blog/">
  <title>Atom Example</title>
  <id>tag:atom.example.org,2024:feed</id>
  <updated>2024-06-03T10:00:00Z</updated>
  <entry>
    <title>First entry</title>
    <link rel="alternate" href="posts/1"/>
    <link rel="edit" href="https://atom.example.org/edit/1"/>
    <id>tag:atom.example.org,2024:1</id>
    <published>2024-06-03T12:00:00+02:00</published>
    <updated>2024-06-03T13:00:00+02:00</updated>
  </entry>
  <entry>
    <title>Second entry, updated only</title>
    <link href="https://atom.example.org/blog/posts/2"/>
    <id>tag:atom.example.org,2024:2</id>
    <updated>2024-06-04T08:30:00Z</updated>
  </entry>
</feed>
"""

RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.net/"><title>RDF News</title>
    <link>https://rdf.example.net/</link><description>d</description></channel>
  <item rdf:about="https://rdf.example.net/a"><title>RDF item</title>
    <link>https://rdf.example.net/a</link><dc:date>2023-01-02T03:04:05Z</dc:date></item>
</rdf:RDF>
"""

RSS091 = b"""<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old</title><link>http://old.example.com/</link>
<description>d</description><language>en</language>
<item><title>Old item</title><link>http://old.example.com/1</link></item>
</channel></rss>
"""


def test_rss20_links_are_canonical_deduplicated_and_dated() -> None:
    result = parse_feed(RSS20, BASE)
    assert result.title == "Example News \u2013 World"
    assert [link.url for link in result.links] == [
        "https://news.example.com/world/566347",
        "https://news.example.com/world/2",
        "https://news.example.com/world/3",
    ]
    first = result.links[0]
    assert first.title == "China responds to Biden\u2019s claim about ties with Moscow"
    assert first.published == datetime(2022, 10, 7, 11, 31, tzinfo=UTC)
    assert result.links[1].published == datetime(2022, 10, 7, 9, 0, tzinfo=UTC)
    assert result.links[2].published is None
    assert result.warnings == []


def test_atom_resolves_xml_base_and_prefers_published() -> None:
    result = parse_feed(ATOM, "https://atom.example.org/feed")
    assert result.title == "Atom Example"
    assert [link.url for link in result.links] == [
        "https://atom.example.org/blog/posts/1",
        "https://atom.example.org/blog/posts/2",
    ]
    assert result.links[0].published == datetime(2024, 6, 3, 10, 0, tzinfo=UTC)
    assert result.links[1].published == datetime(2024, 6, 4, 8, 30, tzinfo=UTC)
    for link in result.links:
        assert link.published is not None and link.published.utcoffset() is not None


@pytest.mark.parametrize(
    ("body", "url", "published"),
    [
        (RSS10, "https://rdf.example.net/a", datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)),
        (RSS091, "http://old.example.com/1", None),
    ],
)
def test_older_rss_versions(body: bytes, url: str, published: datetime | None) -> None:
    result = parse_feed(body, BASE)
    assert [link.url for link in result.links] == [url]
    assert result.links[0].published == published


def test_gzip_compressed_feed() -> None:
    assert parse_feed(gzip.compress(ATOM), BASE).links[0].url.endswith("/posts/1")


def test_bozo_feed_with_entries_is_accepted_with_warning() -> None:
    truncated = RSS20[: RSS20.index(b"<item>\n    <title>Duplicate")] + b"<item><title>cut"
    result = parse_feed(truncated, BASE)
    assert [link.url for link in result.links] == [
        "https://news.example.com/world/566347",
        "https://news.example.com/world/2",
    ]
    assert any("not well-formed" in w for w in result.warnings)


def test_bad_entry_links_are_skipped_with_warnings() -> None:
    body = b"""<rss version="2.0"><channel><title>t</title>
    <item><title>no link</title></item>
    <item><title>ftp</title><link>ftp://example.com/file</link></item>
    <item><title>ok</title><link>https://example.com/ok</link></item>
    </channel></rss>"""
    result = parse_feed(body, BASE)
    assert [link.url for link in result.links] == ["https://example.com/ok"]
    assert len(result.warnings) == 2
    assert "entry 1 has no link" in result.warnings[0]
    assert "ftp" in result.warnings[1]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "feed is empty"),
        (b"   \n ", "feed is empty"),
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>hi</p></body></html>",
         "HTML page"),
        (b"\x00\x01\x02 binary garbage \xff\xfe", "feed is not XML"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>", "feed has no entries"),
        ((b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
         b"<url><loc>https://e.com/a</loc></url></urlset>"), "not RSS or Atom"),
        (b"<rss version='2.0'><channel><item><title>x</title></item></channel></rss>",
         "no entries with a usable link"),
        (b"\x1f\x8b\x08\x00garbage", "gzip"),
    ],
)
def test_not_a_feed(body: bytes, message: str) -> None:
    with pytest.raises(DiscoveryError) as info:
        parse_feed(body, BASE)
    assert message in info.value.message


def test_well_formed_empty_feed_is_not_an_error() -> None:
    result = parse_feed(b"<rss version='2.0'><channel><title>T</title></channel></rss>", "https://e.example/rss")
    assert result.links == [] and result.warnings == ["feed has no entries"]


@pytest.mark.parametrize("control", ["&#1;", "\x01", "&#xFFFF;"])
def test_titles_lose_characters_no_feed_can_carry(control: str) -> None:
    # Such a title was stored and then made every newsdelta feed listing the
    # article fail (lxml refuses the string); the characters are not visible text.
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk{control} news</title>
<item><title>Mayor{control} resigns</title><link>https://news.example.com/a</link></item>
<item><title>{control}</title><link>https://news.example.com/b</link></item>
</channel></rss>""".encode()
    result = parse_feed(rss, BASE)
    assert result.title == "Desk news"
    assert [(link.url, link.title) for link in result.links] == [
        ("https://news.example.com/a", "Mayor resigns"),
        ("https://news.example.com/b", None),
    ]


# --- found by the discovery audit -------------------------------------------------------


def _rss(items: str, declaration: str = "<?xml version='1.0'?>") -> str:
    return f"{declaration}<rss version='2.0'><channel><title>t</title>{items}</channel></rss>"


def test_a_guid_that_is_an_id_is_not_an_article_address() -> None:
    body = _rss(
        "<item><title>Budget vote delayed</title><guid>12345</guid></item>"
        "<item><title>B</title><guid>http://x.test/b?a=1&amp;c=2</guid></item>"
    ).encode()
    result = parse_feed(body, "http://x.test/feed")
    assert [link.url for link in result.links] == ["http://x.test/b?a=1&c=2"]
    assert "entry 1 has no link; skipped" in result.warnings


def test_an_atom_id_that_is_a_tag_uri_is_not_an_address() -> None:
    body = (
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>"
        b"<entry><title>A</title><id>https://x.test/a1</id></entry>"
        b"<entry><title>B</title><id>tag:x.test,2024:2</id></entry></feed>"
    )
    assert [link.url for link in parse_feed(body, "http://x.test/feed").links] == ["https://x.test/a1"]


GREEK = "Εκλογές στην Αθήνα"


def test_the_headers_charset_decodes_a_feed_that_names_none() -> None:
    body = _rss(f"<item><title>{GREEK}</title><link>http://x.test/a</link></item>").encode("iso-8859-7")
    (link,) = parse_feed(body, "http://x.test/feed", "application/rss+xml; charset=iso-8859-7").links
    assert link.title == GREEK


def test_the_feeds_own_declaration_outranks_a_wrong_header_charset() -> None:
    body = _rss(
        f"<item><title>{GREEK}</title><link>http://x.test/a</link></item>",
        declaration="<?xml version='1.0' encoding='utf-8'?>",
    ).encode()
    (link,) = parse_feed(body, "http://x.test/feed", "text/xml; charset=iso-8859-1").links
    assert link.title == GREEK


def test_enclosures_and_gallery_images_are_not_articles() -> None:
    body = _rss(
        "<item><title>a</title><link>http://x.test/news/a</link></item>"
        "<item><title>photo</title><link>http://x.test/img/storm.JPG</link></item>"
        "<item><title>report</title><link>http://x.test/files/report.pdf?v=2</link></item>"
    ).encode()
    result = parse_feed(body, "http://x.test/feed")
    assert [link.url for link in result.links] == ["http://x.test/news/a"]
    assert sum("links a file" in w for w in result.warnings) == 2


def test_a_feed_of_files_only_says_why_it_has_no_usable_entry() -> None:
    body = _rss("<item><title>ep 1</title><link>http://x.test/ep1.mp3</link></item>").encode()
    with pytest.raises(DiscoveryError, match="links a file"):
        parse_feed(body, "http://x.test/feed")


def test_a_link_to_the_home_page_is_not_an_article() -> None:
    body = _rss(
        "<item><title>home</title><link>http://x.test/</link></item>"
        "<item><title>a</title><link>http://x.test/news/a</link></item>"
    ).encode()
    assert [link.url for link in parse_feed(body, "http://x.test/feed").links] == ["http://x.test/news/a"]


def test_a_guid_written_out_as_a_url_is_found_in_a_utf16_feed() -> None:
    body = _rss(
        "<item><title>B</title><guid>http://x.test/b</guid></item>",
        declaration="<?xml version='1.0' encoding='utf-16'?>",
    ).encode("utf-16")
    assert [link.url for link in parse_feed(body, "http://x.test/feed").links] == ["http://x.test/b"]
