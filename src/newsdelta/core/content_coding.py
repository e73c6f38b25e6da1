"""HTTP content codings (RFC 9110 §8.4.1): undo gzip and deflate, never past a size limit.

The fetcher reads a body as it came over the wire and inflates it here, so
the compressed bytes are still in hand afterwards: a new version's raw page
is stored as the server's own gzip stream instead of being compressed again
(see docs/tracking.md). The store inflates those stored pages with the same
function, and the sitemap reader uses it for ``.xml.gz`` files.

Every inflation is bounded: a body that would inflate past ``limit`` bytes
stops at ``limit + 1`` bytes of output (a gzip bomb never fills memory).
zlib-ng inflates when it is installed (it is a dependency): about twice as
fast as the standard zlib, with the same API.
"""

from __future__ import annotations

import zlib
from types import ModuleType
from typing import Literal


def _fastest_zlib() -> ModuleType:
    try:
        from zlib_ng import zlib_ng
    except ImportError:  # pragma: no cover - the standard zlib still works
        return zlib
    return zlib_ng


_ZLIB = _fastest_zlib()
_ZLIB_ERRORS: tuple[type[Exception], ...] = (zlib.error, _ZLIB.error)

GZIP_MAGIC = b"\x1f\x8b"

Coding = Literal["identity", "gzip", "deflate"]
"""The codings newsdelta can undo; the fetcher asks for no other."""

ACCEPT_ENCODING = "gzip, deflate"
"""What the fetcher sends: exactly the codings :func:`inflate` undoes."""

Reason = Literal["unsupported", "corrupt", "truncated", "too_large"]


class ContentCodingError(ValueError):
    """A body that cannot be inflated; ``reason`` says why (callers translate it)."""

    def __init__(self, message: str, reason: Reason) -> None:
        super().__init__(message)
        self.reason: Reason = reason


def parse_coding(header: str | None) -> Coding:
    """The coding named by a ``Content-Encoding`` header value.

    Raises :class:`ContentCodingError` (``unsupported``) for anything else,
    stacked codings included: a server should only use what we asked for.
    """
    value = (header or "").strip().lower()
    if value in ("", "identity"):
        return "identity"
    if value in ("gzip", "x-gzip"):
        return "gzip"
    if value == "deflate":
        return "deflate"
    raise ContentCodingError(f"unsupported content coding {header!r}", "unsupported")


def inflate(data: bytes, coding: Coding, limit: int, *, partial: bool = False) -> bytes:
    """``data`` decoded from ``coding``: at most ``limit`` bytes.

    Raises :class:`ContentCodingError`: ``too_large`` past ``limit``,
    ``truncated`` when the stream stops early, ``corrupt`` for bad data.
    With ``partial``, a truncated or oversized stream instead gives what
    could be inflated, cut at ``limit`` (for error pages and robots.txt,
    which are read best-effort). A gzip body may hold several members
    (RFC 1952 §2.2); they are concatenated, as ``gzip -d`` does.
    """
    if coding == "identity":
        return data
    parts: list[bytes] = []
    size = 0
    rest = data
    while True:
        inflater = _new_inflater(coding, rest)
        try:
            part = inflater.decompress(rest, limit + 1 - size)
        except _ZLIB_ERRORS as exc:
            if partial and parts:
                return _joined(parts, limit)
            raise ContentCodingError(f"corrupt {coding} body: {exc}", "corrupt") from exc
        parts.append(part)
        size += len(part)
        if size > limit:
            if partial:
                return _joined(parts, limit)
            raise ContentCodingError(f"{coding} body inflates past {limit} bytes", "too_large")
        if not inflater.eof:
            if partial:
                return _joined(parts, limit)
            raise ContentCodingError(f"{coding} body is truncated", "truncated")
        rest = inflater.unused_data
        # Another gzip member follows, or only padding (ignored, as gzip -d does).
        if coding != "gzip" or not rest.startswith(GZIP_MAGIC):
            return _joined(parts, limit)


def _joined(parts: list[bytes], limit: int) -> bytes:
    body = parts[0] if len(parts) == 1 else b"".join(parts)
    return body[:limit] if len(body) > limit else body


def _new_inflater(coding: Coding, data: bytes) -> zlib._Decompress:
    if coding == "gzip":
        return _ZLIB.decompressobj(wbits=16 + zlib.MAX_WBITS)  # type: ignore[no-any-return]
    # "deflate" means a zlib stream (RFC 9110), but some servers send raw
    # deflate: a zlib header is two bytes whose big-endian value is a multiple of 31.
    zlib_header = len(data) >= 2 and data[0] & 0x0F == 8 and int.from_bytes(data[:2]) % 31 == 0
    wbits = zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS
    return _ZLIB.decompressobj(wbits=wbits)  # type: ignore[no-any-return]


__all__ = [
    "ACCEPT_ENCODING",
    "GZIP_MAGIC",
    "Coding",
    "ContentCodingError",
    "inflate",
    "parse_coding",
]
