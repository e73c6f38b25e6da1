"""The simulated newsroom's page shape: exact text back, stable under chrome."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import (
    SEED_PARAGRAPHS,
    SEED_SEVEN,
    SEED_STANDFIRST,
    SEED_TITLE,
    URL,
    expected,
    newsroom_page,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdelta.extract import extract_article


def test_seed_article_comes_back_exactly() -> None:
    article = extract_article(newsroom_page(), URL)
    assert article.title == SEED_TITLE
    assert article.standfirst == SEED_STANDFIRST
    assert article.paragraphs == expected(SEED_PARAGRAPHS)
    assert article.byline == "Jane Smith"
    assert article.published == datetime(2022, 10, 7, 11, 31, tzinfo=UTC)
    assert article.updated is None
    assert article.canonical_url == URL
    assert article.language == "en"


def test_seven_paragraph_variant() -> None:
    article = extract_article(newsroom_page(paragraphs=SEED_SEVEN), URL)
    assert len(article.paragraphs) == 7
    assert article.paragraphs == expected(SEED_SEVEN)
    assert article.title == SEED_TITLE
    assert article.standfirst == SEED_STANDFIRST


def test_curly_quotes_and_dashes_are_kept_verbatim() -> None:
    article = extract_article(newsroom_page(), URL)
    joined = "\n".join(article.paragraphs)
    assert "\u201crock solid.\u201d" in joined
    assert "they\u2019ve" in joined
    assert '"' not in joined and "'" not in joined
    # The no-break space between the two quotes becomes an ordinary space.
    assert "trust.\u201d \u201cChina" in article.paragraphs[2]


def test_standfirst_byline_and_title_are_not_paragraphs() -> None:
    article = extract_article(newsroom_page(), URL)
    for paragraph in article.paragraphs:
        assert paragraph not in {SEED_TITLE, SEED_STANDFIRST, "By Jane Smith"}
        assert "seconds ago" not in paragraph and "comments" not in paragraph
        assert "Most read" not in paragraph and "Advertisement" not in paragraph


def test_two_renderings_with_different_chrome_are_identical() -> None:
    first = extract_article(newsroom_page(), URL)
    second = extract_article(
        newsroom_page(
            nonce="ffe0991b2c",
            clock="Updated 1 minute ago",
            most_read=("A completely different story", "Football: late winner", "Weather"),
            comments=4567,
            nav=("Home", "UK", "World", "Opinion", "Culture"),
            ad="Sponsored content from our partners",
        ),
        URL,
    )
    assert second == first


_chrome_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    nonce=st.text(alphabet="0123456789abcdef", min_size=4, max_size=32),
    seconds=st.integers(min_value=0, max_value=10_000),
    most_read=st.lists(_chrome_text, min_size=1, max_size=8),
    comments=st.integers(min_value=0, max_value=100_000),
    nav=st.lists(_chrome_text, min_size=1, max_size=6),
)
def test_chrome_never_changes_the_article(
    nonce: str, seconds: int, most_read: list[str], comments: int, nav: list[str]
) -> None:
    page = newsroom_page(
        nonce=nonce,
        clock=f"Updated {seconds} seconds ago",
        most_read=most_read,
        comments=comments,
        nav=nav,
    )
    article = extract_article(page, URL)
    assert article.title == SEED_TITLE
    assert article.standfirst == SEED_STANDFIRST
    assert article.paragraphs == expected(SEED_PARAGRAPHS)


def test_bytes_input_is_decoded() -> None:
    page = newsroom_page()
    assert extract_article(page.encode("utf-8"), URL) == extract_article(page, URL)
