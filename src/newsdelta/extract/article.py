"""``extract_article``: one page in, one :class:`ArticleText` out.

Order of work, cheapest and read-only first: decode and parse once with lxml;
read metadata and run CSS selectors on that tree; then, unless a ``body``
selector is configured, delete the page chrome trafilatura would delete anyway
and hand the rest to trafilatura for the body; finally clean the paragraphs.

Broken input is a value, not an exception: an empty page, a non-HTML string or
a page without an article gives an :class:`ArticleText` with no paragraphs, and
the pipeline decides what to do with it. Only undecodable input raises
:class:`~newsdelta.errors.ExtractionError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree
from lxml import html as lxml_html

from newsdelta.core.model import ArticleText
from newsdelta.core.xml_chars import without_xml_invalid
from newsdelta.errors import ExtractionError
from newsdelta.extract._text import one_line
from newsdelta.extract.body import selector_paragraphs, trafilatura_paragraphs
from newsdelta.extract.cleanup import clean_paragraphs
from newsdelta.extract.metadata import read_metadata
from newsdelta.extract.selectors import SelectorHits, apply_selectors

_BY_PREFIX = re.compile(r"^(?:by|von|par|por|door|di)\s+", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
"""C0 controls but tab, line feed, form feed and carriage return, and DEL: invalid in
HTML, and NUL makes libxml2 stop early. In UTF-8 each of these bytes only ever stands
for its own character (every byte of a multi-byte sequence is 0x80 or above), so they
are deleted from the encoded bytes: ``bytes.translate`` in C, where a regex over the
decoded text cost 0.6-0.7 ms on a 150 KB page (7% of an extraction). Most pages have
none, and looking for each with ``bytes.find`` (memchr) costs half a translate
(0.04 against 0.09 ms on that page), so pages are only copied when they have one."""
_CONTROL_SINGLE_BYTES = tuple(bytes([b]) for b in _CONTROL_BYTES)
_NONCHARACTER_FFFE, _NONCHARACTER_FFFF = "\ufffe".encode(), "\uffff".encode()
_FORBIDDEN_REFERENCE = re.compile(
    rb"&#(?:[xX]0*(?:[1-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F])"
    rb"|0*(?:[1-8]|1[124-9]|2[0-9]|3[01]|6553[45])(?![0-9]))"
)
"""A numeric reference, as libxml2 reads one (the ``;`` is optional there), to a character
XML forbids: U+0001-0008, 000B, 000C, 000E-001F, FFFE, FFFF. NUL, surrogates and numbers
past Unicode are left out: libxml2 reads them as U+FFFD, which XML allows. One regex
search in C: pages carry thousands of ``&#8217;``, and looking at each in Python cost
4.7 ms on a 270 KB page."""
_UTF8_BOM = b"\xef\xbb\xbf"


def _decode_declared(page: bytes) -> str | None:
    """Decode with the page's own ``<meta charset>``, if it declares a usable one."""
    match = _META_CHARSET.search(page[:4096])
    if not match:
        return None
    try:
        return page.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_detected(page: bytes) -> str:
    from charset_normalizer import from_bytes  # only needed for mislabelled bytes

    best = from_bytes(page).best()
    if best is None:
        raise ExtractionError("page bytes are not text in any known encoding", reason="undecodable")
    return str(best)


def _to_utf8(page: str | bytes) -> bytes:
    """UTF-8 bytes for lxml, controls removed; raises :class:`ExtractionError` if the input can't be text."""
    if isinstance(page, bytes):
        try:
            page.decode("utf-8")  # valid UTF-8 (the common case) is used as it is
        except UnicodeDecodeError:
            text = _decode_declared(page) or _decode_detected(page)
        else:
            return _without_controls(page.removeprefix(_UTF8_BOM))
    else:
        text = page
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ExtractionError(f"page text is not valid Unicode: {exc.reason}", reason="undecodable") from exc
    return _without_controls(data)


def _without_controls(data: bytes) -> bytes:
    """``data`` without :data:`_CONTROL_BYTES`; the same object when it has none."""
    if any(data.find(byte) >= 0 for byte in _CONTROL_SINGLE_BYTES):
        return data.translate(None, _CONTROL_BYTES)
    return data


def _has_forbidden_characters(data: bytes) -> bool:
    """Whether the parsed ``data`` will hold a character XML forbids.

    The control bytes are gone by now, but a reference (``&#1;``) decodes to one, and
    U+FFFE / U+FFFF are valid UTF-8; trafilatura then drops the whole article: lxml
    refuses to copy such text into its output tree.
    """
    if _NONCHARACTER_FFFE in data or _NONCHARACTER_FFFF in data:
        return True
    return b"&#" in data and _FORBIDDEN_REFERENCE.search(data) is not None


def _drop_forbidden_characters(root: etree._Element) -> None:
    """Delete the characters XML forbids from every text, tail and attribute of ``root``.

    Done on the parsed tree, not the bytes: deleting ``&#1;`` from ``&#x&#1;a`` would
    make a new reference, ``&#xa``. Rare, so the walk is only made when needed.
    """
    for element in root.iter():
        if element.text:
            element.text = without_xml_invalid(element.text)
        if element.tail:
            element.tail = without_xml_invalid(element.tail)
        for name, value in element.attrib.items():
            element.set(name, without_xml_invalid(value))


def _parse(data: bytes) -> etree._Element | None:
    if not data.strip():
        return None
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


def extract_article(
    html: str | bytes, url: str, *, selectors: Mapping[str, str] | None = None
) -> ArticleText:
    """Extract title, standfirst, byline, dates and body paragraphs from one page.

    ``url`` is the page's address (final URL after redirects); relative
    canonical links resolve against it. ``selectors`` are per-source CSS
    overrides (see :mod:`newsdelta.extract.selectors`); bad keys or CSS raise
    :class:`~newsdelta.errors.ConfigError`.
    """
    data = _to_utf8(html)
    root = _parse(data)
    if root is not None and _has_forbidden_characters(data):
        _drop_forbidden_characters(root)
    if root is None:
        if selectors:
            apply_selectors(etree.Element("html"), selectors)  # still report bad selectors
        return ArticleText(title="")
    meta = read_metadata(root, url)
    hits = apply_selectors(root, selectors) if selectors else SelectorHits()
    # The control bytes are gone from the page, but JSON-LD escapes and character
    # references still decode to characters no feed can carry (core/xml_chars.py).
    title = without_xml_invalid(hits.title or meta.title)
    standfirst = without_xml_invalid(hits.standfirst or meta.standfirst)
    byline = without_xml_invalid(
        one_line(_BY_PREFIX.sub("", hits.byline)) if hits.byline else meta.byline
    )
    if hits.body is not None:
        raw = selector_paragraphs(hits.body)
    else:
        raw = trafilatura_paragraphs(root, url)
    raw = [without_xml_invalid(paragraph) for paragraph in raw]
    paragraphs = clean_paragraphs(raw, title=title, standfirst=standfirst, byline=byline)
    return ArticleText(
        title=title,
        standfirst=standfirst if one_line(standfirst).casefold() != title.casefold() else "",
        byline=byline,
        paragraphs=paragraphs,
        published=hits.published or meta.published,
        published_precision=hits.published_precision if hits.published else meta.published_precision,
        updated=meta.updated,
        canonical_url=meta.canonical_url,
        language=without_xml_invalid(meta.language) if meta.language else meta.language,
    )


__all__ = ["extract_article"]
