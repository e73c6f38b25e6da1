"""Version texts as bytes: compact sorted JSON now, and the spaced JSON older versions used."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from newsdelta.core.model import ArticleText
from newsdelta.store import blobs

TEXT = ArticleText(
    title="Zhao’s “rock solid” claim",
    standfirst="Ein Vorwurf — 52 %",
    byline="By A. Reporter",
    paragraphs=("First paragraph.", "Second with emoji \U0001f600 and NUL-free text."),
    published=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    canonical_url="https://example.org/a",
    language="en",
)


def test_round_trip_and_canonical_form() -> None:
    data = blobs.encode_text(TEXT)
    assert blobs.decode_text(data) == TEXT
    assert data == blobs.encode_text(blobs.decode_text(data))  # stable bytes
    assert list(json.loads(data)) == sorted(json.loads(data))  # sorted keys
    assert "“rock solid”".encode() in data  # UTF-8, not \\u escapes


def test_versions_written_by_older_code_still_read() -> None:
    older = json.dumps(TEXT.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    assert blobs.decode_text(older) == TEXT


def test_corrupt_text_is_an_error() -> None:
    with pytest.raises(ValueError):
        blobs.decode_text(b'{"title": "cut')
