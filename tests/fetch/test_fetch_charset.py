"""Table tests of body decoding: declarations, fallbacks, detection, refusal."""

from __future__ import annotations

import codecs

import pytest
from fetch_server import CP1252_TEXT

from newsdelta.errors import DecodeError
from newsdelta.fetch.charset import declared_in_document, decode_text, normalize_label

HTML = f"<html><body><p>{CP1252_TEXT}</p><p>{CP1252_TEXT}</p></body></html>"


@pytest.mark.parametrize(
    ("label", "expected"),
    [("utf-8", "utf-8"), ("UTF8", "utf-8"), ("ISO-8859-1", "cp1252"), ("latin1", "cp1252"),
     ("us-ascii", "cp1252"), ("windows-1252", "cp1252"), ('"koi8-r"', "koi8-r"),
     ("shift_jis", "shift_jis"), ("no-such-charset", None), ("", None), (None, None)],
)
def test_normalize_label(label: str | None, expected: str | None) -> None:
    assert normalize_label(label) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'<meta charset="windows-1252">', "windows-1252"),
        (b"<META CHARSET=iso-8859-2>", "iso-8859-2"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8-r"),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>', "ISO-8859-1"),
        (b"<html><body>no declaration</body></html>", None),
        (b" " * 5000 + b'<meta charset="koi8-r">', None),  # beyond the 4 KB prescan
    ],
)
def test_declared_in_document(body: bytes, expected: str | None) -> None:
    assert declared_in_document(body) == expected


def test_header_charset_wins_when_it_decodes() -> None:
    text, encoding = decode_text(HTML.encode("cp1252"), "windows-1252")
    assert (text, encoding) == (HTML, "cp1252")


def test_latin1_label_reads_curly_quotes_as_windows_1252() -> None:
    text, encoding = decode_text("“quoted” – l’été".encode("cp1252"), "iso-8859-1")
    assert (text, encoding) == ("“quoted” – l’été", "cp1252")


def test_meta_used_when_header_is_silent() -> None:
    doc = f'<html><head><meta charset="windows-1252"></head>{HTML}</html>'
    assert decode_text(doc.encode("cp1252"), None) == (doc, "cp1252")


def test_declared_charset_that_fails_falls_back() -> None:
    # Declared UTF-8, really windows-1252: strict UTF-8 fails, detection takes over.
    text, encoding = decode_text(HTML.encode("cp1252"), "utf-8")
    assert text == HTML
    assert encoding == "cp1252"


def test_undeclared_windows_1252_is_detected() -> None:
    assert decode_text(HTML.encode("cp1252"), None) == (HTML, "cp1252")


def test_undeclared_utf8_and_unknown_label() -> None:
    assert decode_text(HTML.encode("utf-8"), "x-bogus") == (HTML, "utf-8")


def test_bom_beats_declaration() -> None:
    body = codecs.BOM_UTF8 + HTML.encode("utf-8")
    assert decode_text(body, "windows-1252") == (HTML, "utf-8-sig")


def test_meta_utf16_in_ascii_document_means_utf8() -> None:
    doc = f'<meta charset="utf-16"><p>{CP1252_TEXT}</p>'
    assert decode_text(doc.encode("utf-8"), None) == (doc, "utf-8")


def test_other_legacy_encodings_by_declaration() -> None:
    doc = "<p>Привет, мир! Это новость дня.</p>"
    assert decode_text(doc.encode("koi8-r"), "koi8-r") == (doc, "koi8-r")


def test_empty_body() -> None:
    assert decode_text(b"", None) == ("", "utf-8")


@pytest.mark.parametrize(
    "body",
    [bytes(range(256)) * 40, b"\x00\xff\xfe\x01" * 1000, b"%PDF-1.4\x00\x01\x02\xff\xfe" * 100],
)
def test_binary_is_refused(body: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_text(body, None)
