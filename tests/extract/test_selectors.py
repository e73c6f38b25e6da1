"""Per-source CSS selector overrides."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import SEED_PARAGRAPHS, SEED_STANDFIRST, URL, expected, newsroom_page

from newsdelta.errors import ConfigError
from newsdelta.extract import extract_article

SELECTORS = {
    "title": "article h1",
    "standfirst": "p.standfirst",
    "byline": "p.byline",
    "body": "div.article-body",
    "published": "article time",
}


def test_selectors_give_the_seed_article() -> None:
    article = extract_article(newsroom_page(), URL, selectors=SELECTORS)
    assert article.paragraphs == expected(SEED_PARAGRAPHS)
    assert article.standfirst == SEED_STANDFIRST
    assert article.byline == "Jane Smith"
    assert article.published == datetime(2022, 10, 7, 11, 31, tzinfo=UTC)


def test_selectors_win_over_generic_extraction() -> None:
    page = newsroom_page().replace(
        "<h1>", '<div class="kicker">Exclusive</div><h2 class="real">Alternative headline</h2><h1>'
    )
    article = extract_article(page, URL, selectors={"title": "h2.real", "body": "div.article-body > p:first-child"})
    assert article.title == "Alternative headline"
    assert article.paragraphs == expected(SEED_PARAGRAPHS[:1])


def test_selector_results_are_stable_under_chrome() -> None:
    a = extract_article(newsroom_page(), URL, selectors=SELECTORS)
    b = extract_article(newsroom_page(nonce="zz", clock="Updated 3 hours ago", comments=1), URL, selectors=SELECTORS)
    assert a == b


def test_unmatched_body_selector_gives_no_paragraphs() -> None:
    article = extract_article(newsroom_page(), URL, selectors={"body": "div.story-text"})
    assert article.paragraphs == ()
    assert article.title  # metadata still comes from the generic path


def test_unmatched_field_selectors_fall_back() -> None:
    article = extract_article(newsroom_page(), URL, selectors={"title": ".nope", "published": ".nope"})
    assert article.title.startswith("China responds")
    assert article.published == datetime(2022, 10, 7, 11, 31, tzinfo=UTC)


@pytest.mark.parametrize(
    ("selectors", "needle"),
    [({"headline": "h1"}, "unknown selector key"), ({"body": "div[["}, "invalid CSS selector")],
)
def test_bad_selectors_are_config_errors(selectors: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigError) as info:
        extract_article(newsroom_page(), URL, selectors=selectors)
    assert needle in info.value.message
    with pytest.raises(ConfigError):
        extract_article("", URL, selectors=selectors)
