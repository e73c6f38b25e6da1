"""Common CMS page shapes, stubs, error pages and broken input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pages import DIV_SOUP_PAGE, ERROR_PAGE, HOMEPAGE, JSON_LD_PAGE, PAYWALL_PAGE

from newsdelta.core.model import ArticleText
from newsdelta.errors import ExtractionError
from newsdelta.extract import extract_article

URL = "https://ex.example/lokal/x"


def test_json_ld_news_article() -> None:
    article = extract_article(JSON_LD_PAGE, URL)
    # The visible <h1> wins over og:title's separate "social" headline.
    assert article.title == "Stadtrat beschließt neue Radwege"
    assert article.byline == "Anna Müller, Jörg Weiß"
    assert article.published == datetime(2024, 6, 3, 6, 15, tzinfo=UTC)
    assert article.updated == datetime(2024, 6, 3, 9, 40, tzinfo=UTC)
    assert article.canonical_url == "https://ex.example/lokal/radwege-2024"
    assert article.language == "de-DE"
    assert article.standfirst == "Nach monatelangem Streit fällt die Entscheidung."
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("Der Stadtrat hat am Montagabend")
    assert "„Das ist ein guter Tag für alle, die sicher ankommen wollen“" in article.paragraphs[0]
    assert not any("Feuerwehrfest" in p or "18 °C" in p for p in article.paragraphs)


def test_div_soup_with_repeated_standfirst_byline_and_dateline() -> None:
    article = extract_article(DIV_SOUP_PAGE, URL)
    assert article.title == "Grève des contrôleurs aériens : la pagaille dans les aéroports"
    assert article.standfirst == "Des centaines de vols annulés à Paris et à Lyon."
    assert article.byline == "Élise Durand"
    assert article.published == datetime(2024, 3, 2, 5, 0, tzinfo=UTC)
    assert article.updated == datetime(2024, 3, 2, 8, 30, tzinfo=UTC)
    assert article.language == "fr"
    assert article.canonical_url is None
    assert [p[:30] for p in article.paragraphs] == [
        "La grève des contrôleurs aérie",
        "« Nous n’avons eu aucune infor",
        "Le syndicat majoritaire réclam",
    ]
    assert "« insuffisante »" in article.paragraphs[2]


def test_paywall_stub_is_short_but_titled() -> None:
    article = extract_article(PAYWALL_PAGE, URL)
    assert article.title == "Inside the merger talks"
    assert article.standfirst == "How two rivals came within hours of a deal."
    assert article.paragraphs == ("It was just after midnight when the call came.",)
    assert article.published == datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def test_error_page() -> None:
    article = extract_article(ERROR_PAGE, URL)
    assert article.title == "Page not found"
    assert article.word_count < 12
    assert article.published is None


def test_non_article_page_has_no_paragraphs() -> None:
    article = extract_article(HOMEPAGE, URL)
    assert article.paragraphs == ()
    assert article.title == "Example News - Home"


@pytest.mark.parametrize(
    "page",
    ["", "   \n\t", "<html></html>", "just some text, not html", '{"json": true}',
     "\x00\x01\x02\x03 binary-ish", "<<<>>>", "%PDF-1.7 \x00\x00"],
)
def test_broken_input_gives_empty_article(page: str) -> None:
    article = extract_article(page, URL)
    assert article.paragraphs == ()
    assert article.published is None


def test_empty_page_is_an_empty_article() -> None:
    assert extract_article("", URL) == ArticleText(title="")


@pytest.mark.parametrize("page", ["<p>bad \ud800 surrogate</p>", b"\x81\x00\xfe\xff" * 4 + b"\x00" * 64])
def test_undecodable_input_raises(page: str | bytes) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_article(page, URL)
    assert info.value.reason == "undecodable"


def test_declared_legacy_charset_is_decoded() -> None:
    page = DIV_SOUP_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")
    assert extract_article(page, URL) == extract_article(DIV_SOUP_PAGE, URL)


def test_xml_declaration_in_str_is_fine() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>' + PAYWALL_PAGE.split("\n", 1)[1]
    assert extract_article(page, URL).title == "Inside the merger talks"


def test_relative_canonical_is_made_absolute() -> None:
    page = PAYWALL_PAGE.replace("<head>", '<head><link rel="canonical" href="../b/c">')
    assert extract_article(page, "https://ex.example/a/x/y").canonical_url == "https://ex.example/a/b/c"


_STORY = "".join(
    f"<p>Paragraph {i} of the story tells readers\x00 something new about the council"
    f" vote\x01 and its \x7fconsequences for the town’s budget.</p>"
    for i in range(8)
)
CONTROLS_PAGE = (
    "<html><head><title>Council vote</title></head><body><article>"
    f"<h1>Council vote</h1>{_STORY}</article></body></html>"
)


@pytest.mark.parametrize("page", [CONTROLS_PAGE, CONTROLS_PAGE.encode("utf-8"),
                                  b"\xef\xbb\xbf" + CONTROLS_PAGE.encode("utf-8")],
                         ids=["str", "utf-8", "utf-8-with-bom"])
def test_control_characters_are_dropped_not_the_rest_of_the_page(page: str | bytes) -> None:
    # libxml2 stops at a NUL: without the clean-up the page has no paragraphs at all.
    article = extract_article(page, URL)
    assert len(article.paragraphs) == 8
    assert article.paragraphs[3] == (
        "Paragraph 3 of the story tells readers something new about the council"
        " vote and its consequences for the town’s budget."
    )
