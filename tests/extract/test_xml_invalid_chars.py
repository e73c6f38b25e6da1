"""Characters no feed can carry never leave extraction (core/xml_chars.py).

The page's control *bytes* are deleted before parsing, but JSON-LD escapes
(``\\u0001``, a lone ``\\ud800``) and character references (``&#1;``) decode to
such characters after it. Stored in a headline, one of them made every feed
listing the article fail, and a lone surrogate made fingerprinting raise.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree, html

from newsdelta.core.normalize import fingerprint_and_forms
from newsdelta.core.xml_chars import without_xml_invalid
from newsdelta.extract import extract_article
from newsdelta.extract.article import _drop_forbidden_characters, _has_forbidden_characters

_HOSTILE = """<!doctype html><html lang="e&#1;n"><head><meta charset="utf-8">
<title>Page title</title>
<script type="application/ld+json">
{"@type":"NewsArticle","headline":"Council\\u0001 backs\\ud800 plan",
 "description":"A vote\\uffff after months","author":{"@type":"Person","name":"Ann\\u0002 Lee"}}
</script></head><body><main><article>
<p>The council voted on Monday to build twelve kilometres of new cycle lanes by 2026, &#1;the
mayor said, calling it a good day for everyone who wants to arrive safely.</p>
<p>The opposition criticised the cost of about 4.5 million euros and said it had seen&#xFFFF; no
reliable plan, while residents along the main road asked to be told￿ before work began.</p>
<p>Construction of the first section on the high street is due to start in the autumn, and the
council promised a public meeting before then to explain the diversions.</p>
</article></main></body></html>"""


def _fields(text: object) -> list[str]:
    article = text
    return [
        article.title, article.standfirst, article.byline, article.language or "",  # type: ignore[attr-defined]
        *article.paragraphs,  # type: ignore[attr-defined]
    ]


def test_json_ld_escapes_and_character_references_are_dropped() -> None:
    article = extract_article(_HOSTILE.encode("utf-8"), "https://example.org/news/1")
    assert article.title == "Council backs plan"
    assert article.standfirst == "A vote after months"
    assert article.byline == "Ann Lee"
    assert article.language == "en"
    assert len(article.paragraphs) == 3
    assert "the mayor said" in article.paragraphs[0]
    assert "had seen no reliable plan" in article.paragraphs[1]
    assert "asked to be told before work began" in article.paragraphs[1]  # a raw U+FFFF too
    for value in _fields(article):
        element = etree.Element("t")
        element.text = value  # lxml refuses any character XML 1.0 forbids
    fingerprint_and_forms(article)  # a lone surrogate made this raise UnicodeEncodeError


def test_same_page_from_decoded_text() -> None:
    # The fetcher hands over decoded text for non-UTF-8 pages: same rule.
    from_text = extract_article(_HOSTILE, "https://example.org/news/1")
    assert from_text == extract_article(_HOSTILE.encode("utf-8"), "https://example.org/news/1")


def _reference(code: int, hex_form: bool, zeros: int, semicolon: bool) -> str:
    digits = f"{code:x}" if hex_form else str(code)
    return f"&#{'x' if hex_form else ''}{'0' * zeros}{digits}{';' if semicolon else ''}"


_CODES = st.one_of(
    st.integers(0, 0x40), st.integers(0x7F, 0xA0), st.integers(0xD7F0, 0xE010),
    st.integers(0xFFF0, 0x10010), st.integers(0x10FFF0, 0x110010), st.integers(0, 0x10FFFF),
)
_PIECES = st.one_of(
    st.sampled_from(["a", " ", "x", "9", "F", ";", "&", "#", "&#", "&#x", "é", "\ufffe", "\uffff"]),
    st.builds(_reference, _CODES, st.booleans(), st.integers(0, 3), st.booleans()),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_forbidden_references_are_read_as_libxml2_reads_them(pieces: list[str]) -> None:
    # Differential: whenever libxml2 reads a reference as a forbidden character,
    # the detector sees it, and the cleaned tree holds libxml2's text without it.
    page = "".join(pieces).encode("utf-8")
    markup = b"<html><body><p title='" + page + b"'>[" + page + b"]</p></body></html>"
    root = html.document_fromstring(markup, parser=html.HTMLParser(encoding="utf-8"))  # as extraction
    paragraph = root.find(".//p")
    assert paragraph is not None
    text, title = paragraph.text or "", paragraph.get("title") or ""
    assert _has_forbidden_characters(page) == (without_xml_invalid(text) != text)
    _drop_forbidden_characters(root)
    assert (paragraph.text, paragraph.get("title")) == (without_xml_invalid(text), without_xml_invalid(title))
