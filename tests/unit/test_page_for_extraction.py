"""What the pipeline hands the extractor: UTF-8 bytes as fetched, any other charset as text."""

from __future__ import annotations

import codecs

from newsdelta.core.model import FetchResult
from newsdelta.extract import extract_article
from newsdelta.fetch.charset import decode_text
from newsdelta.pipeline import page_for_extraction

URL = "https://news.example.com/2024/05/cafe-prices"
PARAGRAPHS = [
    ("Prices at the caf\u00e9 on the corner rose by a fifth this spring, its owner said on Tuesday,"
    " blaming the cost of beans and the rent the landlord asked for at the last renewal."),
    ("Regulars said they would keep coming. 'It is still the best coffee in town,' one"
    " of them said, adding that the terrace alone was worth the extra few cents a cup."),
    ("The owner said she hoped to bring prices back down once the harvest recovers, although"
    " traders expect beans to stay expensive until at least the end of next year."),
]


def _page(charset_meta: str = "") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head>{meta}<title>Caf\u00e9 prices rise</title></head><body><article>"
        f"<h1>Caf\u00e9 prices rise</h1>{body}</article></body></html>"
    )


def _fetched(body: bytes, header_charset: str | None) -> FetchResult:
    """A 200 as the fetcher returns it: the body decoded by the fetcher's own charset rules."""
    text, encoding = decode_text(body, header_charset)
    return FetchResult(url=URL, final_url=URL, status=200, body=body, text=text, encoding=encoding)


def test_utf8_pages_go_as_the_bytes_fetched_and_read_the_same() -> None:
    body = codecs.BOM_UTF8 + _page().replace("spring", "spring\x00").encode("utf-8")
    fetched = _fetched(body, "utf-8")
    page = page_for_extraction(fetched)
    assert page is fetched.body
    from_bytes, from_text = extract_article(page, URL), extract_article(fetched.text or "", URL)
    assert from_bytes == from_text
    assert from_bytes.paragraphs[0].startswith("Prices at the caf\u00e9")


def test_other_charsets_go_as_the_text_the_fetcher_decoded() -> None:
    # Declared windows-1252, these bytes read "Ã©"; read as UTF-8 they would be "é".
    # (Every byte of the page is defined in windows-1252, so the declaration holds.)
    body = _page().encode("utf-8")
    fetched = _fetched(body, "windows-1252")
    assert fetched.encoding == "cp1252"
    page = page_for_extraction(fetched)
    assert page == fetched.text
    assert "caf\u00c3\u00a9" in extract_article(page, URL).paragraphs[0]
    assert extract_article(fetched.body, URL) != extract_article(page, URL)


def test_undeclared_legacy_bytes_go_as_text() -> None:
    body = _page().encode("cp1252")
    fetched = _fetched(body, None)
    assert fetched.encoding not in ("utf-8", "utf-8-sig")
    assert page_for_extraction(fetched) == fetched.text
    assert extract_article(page_for_extraction(fetched), URL).paragraphs[0].startswith(
        "Prices at the caf\u00e9"
    )
