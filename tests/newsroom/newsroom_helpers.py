"""Helpers shared by the newsroom tests (a uniquely named module, importable from tests)."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html

from newsdelta.newsroom import NewsroomServer
from newsdelta.newsroom.seed import SEED_OUTLET, SEED_SLUG

START = datetime(2022, 11, 18, 9, 0, tzinfo=UTC)


def seed_url(server: NewsroomServer) -> str:
    return server.url_for(server.newsroom.article(SEED_OUTLET, SEED_SLUG))


def extract(page: str) -> dict[str, object]:
    """The article as a simple extractor sees it (title, standfirst, byline, paragraphs)."""
    tree = html.fromstring(page)
    return {
        "title": tree.xpath("string(//article//h1)"),
        "standfirst": tree.xpath("string(//article//p[@class='standfirst'])"),
        "byline": tree.xpath("string(//article//span[@class='author'])"),
        "paragraphs": tuple(p.text_content() for p in tree.xpath("//div[@class='article-body']/p")),
    }
