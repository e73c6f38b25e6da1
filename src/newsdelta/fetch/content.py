"""Which responses are worth reading, by what the caller expects (``kind``).

* ``"page"``: an article page: ``text/html`` or ``application/xhtml+xml``. A
  missing (or ``application/octet-stream``) type is sniffed from the first
  bytes; anything else (PDF, images, JSON...) is not an article page.
* ``"feed"``: RSS/Atom/sitemaps: any XML type (``*/xml``, ``*+xml``) or any
  ``text/*`` (feeds are often served as ``text/plain`` or ``text/html``); a
  missing/octet-stream type is sniffed for XML.
* ``"any"``: everything is accepted; only textual bodies are decoded.

The checks that need no body (:func:`accepts_type`) run before the body is
read, so a 40 MB PDF costs one header exchange.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["page", "feed", "any"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_GZIP_FILE_TYPES = frozenset({"application/gzip", "application/x-gzip"})
"""A gzipped file (``sitemap.xml.gz``): a feed fetch unpacks it (``Fetcher``)."""
_TEXTUAL_APPLICATION = frozenset(
    {"application/json", "application/javascript", "application/ecmascript"}
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title")
SNIFF_BYTES = 1024


def media_type(content_type: str) -> str:
    """``"Text/HTML; charset=utf-8"`` -> ``"text/html"``."""
    return content_type.split(";", 1)[0].strip().lower()


def is_xml_type(mtype: str) -> bool:
    return mtype.endswith(("/xml", "+xml"))


def is_textual_type(mtype: str) -> bool:
    """True for types whose body is text worth decoding."""
    return (
        mtype.startswith("text/")
        or is_xml_type(mtype)
        or mtype in _TEXTUAL_APPLICATION
        or mtype.endswith("+json")
    )


def needs_sniffing(mtype: str) -> bool:
    return mtype in _UNKNOWN_TYPES


def accepts_type(kind: Kind, mtype: str) -> bool:
    """Whether a response of media type ``mtype`` may be what ``kind`` asks for.

    Unknown types answer True here; :func:`sniff_accepts` decides after reading.
    """
    if kind == "any" or needs_sniffing(mtype):
        return True
    if kind == "page":
        return mtype in _HTML_TYPES
    return is_xml_type(mtype) or mtype.startswith("text/") or mtype in _GZIP_FILE_TYPES


def _head(body: bytes) -> bytes:
    return body[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n\f").lower()


def sniff_accepts(kind: Kind, body: bytes) -> bool:
    """For a body of unknown type: does it look like HTML (``page``) or XML (``feed``)?"""
    if kind == "any":
        return True
    head = _head(body)
    if kind == "page":
        return head.startswith(_HTML_STARTS) or b"<html" in head
    return head.startswith(b"<")  # XML of some kind; the feed parser decides which


__all__ = [
    "Kind",
    "accepts_type",
    "is_textual_type",
    "is_xml_type",
    "media_type",
    "needs_sniffing",
    "sniff_accepts",
]
