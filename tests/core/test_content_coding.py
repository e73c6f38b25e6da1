"""content_coding: Content-Encoding parsing and bounded inflation (pure, no I/O)."""

from __future__ import annotations

import gzip
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdelta.core.content_coding import ContentCodingError, inflate, parse_coding

PAGE = b"<p>" + b"The minister said the plan would cost more. " * 400 + b"</p>"


def _raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


@pytest.mark.parametrize(
    ("header", "coding"),
    [(None, "identity"), ("", "identity"), (" Identity ", "identity"), ("gzip", "gzip"),
     ("x-gzip", "gzip"), ("GZIP", "gzip"), ("deflate", "deflate")],
)
def test_parse_coding(header: str | None, coding: str) -> None:
    assert parse_coding(header) == coding


@pytest.mark.parametrize("header", ["br", "zstd", "compress", "gzip, br", "gzip,gzip"])
def test_other_codings_are_unsupported(header: str) -> None:
    with pytest.raises(ContentCodingError) as info:
        parse_coding(header)
    assert info.value.reason == "unsupported"


@pytest.mark.parametrize(
    ("coding", "data"),
    [("gzip", gzip.compress(PAGE)), ("deflate", zlib.compress(PAGE)),
     ("deflate", _raw_deflate(PAGE)), ("identity", PAGE)],
)
def test_round_trip(coding: str, data: bytes) -> None:
    assert inflate(data, coding, len(PAGE)) == PAGE  # type: ignore[arg-type]


def test_limit_is_exact() -> None:
    data = gzip.compress(PAGE)
    assert inflate(data, "gzip", len(PAGE)) == PAGE
    with pytest.raises(ContentCodingError) as info:
        inflate(data, "gzip", len(PAGE) - 1)
    assert info.value.reason == "too_large"


def test_bomb_stops_at_the_limit_and_partial_cuts_it() -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)  # ~20 KB on the wire
    with pytest.raises(ContentCodingError, match="inflates past 1000"):
        inflate(bomb, "gzip", 1000)
    assert inflate(bomb, "gzip", 1000, partial=True) == b"\0" * 1000


def test_members_are_concatenated_and_the_limit_spans_them() -> None:
    data = gzip.compress(PAGE[:100]) + gzip.compress(PAGE[100:])
    assert inflate(data, "gzip", len(PAGE)) == PAGE
    with pytest.raises(ContentCodingError) as info:
        inflate(data, "gzip", len(PAGE) - 1)
    assert info.value.reason == "too_large"


def test_trailing_padding_is_ignored() -> None:
    assert inflate(gzip.compress(PAGE) + b"\0\0\0\0", "gzip", len(PAGE)) == PAGE


def test_truncated_and_corrupt_streams() -> None:
    data = gzip.compress(PAGE)
    with pytest.raises(ContentCodingError) as info:
        inflate(data[: len(data) // 2], "gzip", len(PAGE))
    assert info.value.reason == "truncated"
    partial = inflate(data[: len(data) // 2], "gzip", len(PAGE), partial=True)
    assert partial and PAGE.startswith(partial)
    with pytest.raises(ContentCodingError) as info:
        inflate(data[:10] + b"garbage garbage", "gzip", len(PAGE))
    assert info.value.reason == "corrupt"


@given(st.binary(max_size=5000), st.integers(min_value=1, max_value=6000))
def test_inflate_never_exceeds_the_limit(payload: bytes, limit: int) -> None:
    data = gzip.compress(payload)
    try:
        out = inflate(data, "gzip", limit)
    except ContentCodingError as exc:
        assert exc.reason == "too_large" and len(payload) > limit
    else:
        assert out == payload and len(out) <= limit
    assert len(inflate(data, "gzip", limit, partial=True)) <= limit
