"""Compression of version texts and raw pages (zstd).

A version's text is compressed with the *previous* version's text as a raw
content dictionary: consecutive versions share almost everything, so the
new blob only pays for what changed (measured about 6% of the raw text,
below git's delta packs). Raw HTML pages are kept as the gzip stream they
came in when they came gzipped, and compressed on their own otherwise.
"""

from __future__ import annotations

from typing import Literal

import orjson
import zstandard

from newsdelta.core import content_coding
from newsdelta.core.model import ArticleText
from newsdelta.errors import StoreError

TEXT_LEVEL = 6
"""On the edits corpus, level 9 saved 5 bytes of 13,015 in the deltas (both ~1.95% of
the raw text) for twice the time (0.17 vs 0.09 ms a version): 6 is the knee."""
RAW_LEVEL = 3  # archive of pages rarely read again: 4x faster than level 6 for ~10% more bytes


def encode_text(article: ArticleText) -> bytes:
    """The canonical byte form of a version's text (compact UTF-8 JSON, sorted keys).

    orjson, about 8x faster than the standard library here (a new version of a
    long article: 45 -> 5 µs). Versions written before used ``json.dumps``'s
    spaced separators; both read back the same.
    """
    return orjson.dumps(article.to_dict(), option=orjson.OPT_SORT_KEYS)


def decode_text(data: bytes) -> ArticleText:
    return ArticleText.from_dict(orjson.loads(data))


def _dictionary(base: bytes) -> zstandard.ZstdCompressionDict:
    return zstandard.ZstdCompressionDict(base, dict_type=zstandard.DICT_TYPE_RAWCONTENT)


def compress_text(raw: bytes, base: bytes | None) -> bytes:
    """Compress ``raw``; with ``base`` (the previous version's bytes) as dictionary."""
    if base:
        compressor = zstandard.ZstdCompressor(level=TEXT_LEVEL, dict_data=_dictionary(base))
    else:
        compressor = zstandard.ZstdCompressor(level=TEXT_LEVEL)
    return compressor.compress(raw)


def decompress_text(blob: bytes, base: bytes | None) -> bytes:
    try:
        if base:
            return zstandard.ZstdDecompressor(dict_data=_dictionary(base)).decompress(blob)
        return zstandard.ZstdDecompressor().decompress(blob)
    except zstandard.ZstdError as exc:
        raise StoreError(f"corrupt version blob: {exc}") from exc


RawCodec = Literal["zstd", "gzip"]


def pack_raw(body: bytes, gzip_stream: bytes | None) -> tuple[RawCodec, bytes]:
    """How to store a raw page: the server's gzip stream as it is, else ``body`` in zstd.

    ``gzip_stream`` must inflate to exactly ``body`` (the fetcher inflated it
    to get ``body``). Keeping it saves compressing ~150 KB again per version
    (~0.45 ms), and gzip -6 of a page is about as small as zstd -3.
    """
    if gzip_stream is not None:
        return "gzip", gzip_stream
    return "zstd", compress_raw(body)


def unpack_raw(codec: str, blob: bytes, size: int) -> bytes:
    """The raw page stored as ``blob`` with ``codec``; ``size`` is its stored length."""
    if codec == "gzip":
        try:
            body = content_coding.inflate(blob, "gzip", size)
        except content_coding.ContentCodingError as exc:
            raise StoreError(f"corrupt raw page blob: {exc}") from exc
        if len(body) != size:
            raise StoreError(f"raw page blob inflates to {len(body)} bytes, not {size}")
        return body
    if codec == "zstd":
        return decompress_raw(blob)
    raise StoreError(f"raw page blob has an unknown codec {codec!r}")


def compress_raw(body: bytes) -> bytes:
    return zstandard.ZstdCompressor(level=RAW_LEVEL).compress(body)


def decompress_raw(blob: bytes) -> bytes:
    try:
        return zstandard.ZstdDecompressor().decompress(blob)
    except zstandard.ZstdError as exc:
        raise StoreError(f"corrupt raw page blob: {exc}") from exc
