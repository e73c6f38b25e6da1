"""Which copy came first when pages state their dates imprecisely (found by the copies audit).

An uncredited copy dated "07:30" with no offset (New York time: 11:30 UTC) was read
as 07:30 UTC, before the wire's 10:00 UTC, and named the source.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from static_site import body_paragraphs

WIRE_SEEN = datetime(2024, 5, 1, 10, 5, tzinfo=UTC)
COPY_SEEN = datetime(2024, 5, 1, 14, 0, tzinfo=UTC)


def _page(site: Any, path: str, title: str, published: str, paragraphs: list[str]) -> None:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='article:published_time' content='{published}'></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )
    site.page(path, title, paragraphs)
    site.routes[path].body = html.encode()


def _source_of_copy(nd: Any, site: Any, copy_published: str) -> str:
    story = body_paragraphs("wire", 8)
    _page(site, "/wire/story", "Storm hits coast", "2024-05-01T10:00:00Z", story)
    _page(site, "/copy/story", "Storm hits coast", copy_published, story)
    nd.run("track", site.base + "/wire/story", now=WIRE_SEEN)
    nd.run("check", now=WIRE_SEEN)
    nd.run("track", site.base.replace("127.0.0.1", "localhost") + "/copy/story", now=COPY_SEEN)
    nd.run("check", now=COPY_SEEN)
    report = nd.json("copies", "2", "--json", now=COPY_SEEN)
    assert report["related"], report  # found as a copy at all
    return str(report["source"])


def test_a_time_without_an_offset_does_not_beat_the_wires_exact_time(nd: Any, site: Any) -> None:
    assert "/wire/story" in _source_of_copy(nd, site, "2024-05-01T07:30:00")


def test_a_date_alone_does_not_beat_the_wires_exact_time(nd: Any, site: Any) -> None:
    assert "/wire/story" in _source_of_copy(nd, site, "2024-05-01")


def test_an_exact_earlier_time_still_wins(nd: Any, site: Any) -> None:
    # The copy really was first (its offset says 07:30 UTC): precision changes nothing.
    assert "/copy/story" in _source_of_copy(nd, site, "2024-05-01T07:30:00+00:00")
