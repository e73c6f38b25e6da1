"""Small helpers shared by the feed, sitemap and sniffing modules."""

from __future__ import annotations

from datetime import UTC, date, datetime

from newsdelta.core import content_coding
from newsdelta.core.content_coding import GZIP_MAGIC
from newsdelta.core.xml_chars import without_xml_invalid
from newsdelta.errors import DiscoveryError

MAX_DECOMPRESSED_BYTES = 50 * 1024 * 1024
"""The sitemap protocol's own limit (50 MB uncompressed); also a gzip-bomb guard."""


def maybe_gunzip(body: bytes, *, limit: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """Decompress ``body`` if it starts with the gzip magic bytes, else return it.

    Servers often send ``sitemap.xml.gz`` as ``application/octet-stream`` with no
    ``Content-Encoding``. newsdelta's fetcher unpacks such a file itself; this covers
    bodies that reach the parsers some other way (a file, a test) and a second gzip
    layer, still bounded. Raises :class:`DiscoveryError` for a corrupt stream or one
    that inflates past ``limit`` bytes.
    """
    if not body.startswith(GZIP_MAGIC):
        return body
    try:
        return content_coding.inflate(body, "gzip", limit)
    except content_coding.ContentCodingError as exc:
        if exc.reason == "too_large":
            raise DiscoveryError(
                f"gzip body inflates past {limit} bytes; refusing", reason="too_large"
            ) from exc
        if exc.reason == "truncated":
            raise DiscoveryError("gzip body is truncated", reason="bad_gzip") from exc
        raise DiscoveryError(f"gzip body is corrupt: {exc}", reason="bad_gzip") from exc


def listed_title(raw: object) -> str | None:
    """A feed's or sitemap's title for a link: trimmed, without characters XML forbids.

    The title is shown and put in feeds until the page itself is read, so it must be
    text every format can carry (``core/xml_chars.py``); ``None`` when nothing is left.
    """
    if not isinstance(raw, str):
        return None
    return without_xml_invalid(raw).strip() or None


def parse_w3c_datetime(text: str) -> datetime | None:
    """Parse a W3C/ISO 8601 date or datetime into aware UTC; ``None`` if unparseable.

    Date-only values mean midnight UTC; values without an offset are taken as UTC
    (the sitemap protocol requires an offset, but many generators omit it).
    """
    value = text.strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


__all__ = ["GZIP_MAGIC", "MAX_DECOMPRESSED_BYTES", "listed_title", "maybe_gunzip", "parse_w3c_datetime"]
