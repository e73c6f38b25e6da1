"""Table tests of content-type acceptance and sniffing."""

from __future__ import annotations

import pytest

from newsdelta.fetch.content import (
    Kind,
    accepts_type,
    is_textual_type,
    media_type,
    sniff_accepts,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("text/html; charset=UTF-8", "text/html"), ("Application/XHTML+XML", "application/xhtml+xml"),
     ("", ""), ("  text/plain ;x=y", "text/plain")],
)
def test_media_type(header: str, expected: str) -> None:
    assert media_type(header) == expected


@pytest.mark.parametrize(
    ("kind", "mtype", "expected"),
    [
        ("page", "text/html", True),
        ("page", "application/xhtml+xml", True),
        ("page", "application/pdf", False),
        ("page", "image/jpeg", False),
        ("page", "application/json", False),
        ("page", "application/rss+xml", False),
        ("page", "text/plain", False),
        ("page", "", True),                      # unknown: sniffed later
        ("page", "application/octet-stream", True),
        ("feed", "application/rss+xml", True),
        ("feed", "application/atom+xml", True),
        ("feed", "application/xml", True),
        ("feed", "text/xml", True),
        ("feed", "text/plain", True),
        ("feed", "text/html", True),
        ("feed", "application/pdf", False),
        ("feed", "application/json", False),
        ("any", "application/pdf", True),
        ("any", "image/png", True),
    ],
)
def test_accepts_type(kind: Kind, mtype: str, expected: bool) -> None:
    assert accepts_type(kind, mtype) is expected


@pytest.mark.parametrize(
    ("kind", "body", "expected"),
    [
        ("page", b"<!DOCTYPE html><html>", True),
        ("page", b"\xef\xbb\xbf\n  <html lang=en>", True),
        ("page", b"<!-- x --><html>", True),
        ("page", b"%PDF-1.4", False),
        ("page", b"\x89PNG\r\n", False),
        ("page", b'{"a": 1}', False),
        ("feed", b'<?xml version="1.0"?><rss>', True),
        ("feed", b"  <feed xmlns=...>", True),
        ("feed", b"%PDF-1.4", False),
        ("any", b"\x00\x01", True),
    ],
)
def test_sniff(kind: Kind, body: bytes, expected: bool) -> None:
    assert sniff_accepts(kind, body) is expected


@pytest.mark.parametrize(
    ("mtype", "expected"),
    [("text/html", True), ("application/rss+xml", True), ("application/json", True),
     ("application/ld+json", True), ("application/pdf", False), ("image/png", False)],
)
def test_textual(mtype: str, expected: bool) -> None:
    assert is_textual_type(mtype) is expected
