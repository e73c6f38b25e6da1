"""Raw pages: kept as the server's gzip stream when it came gzipped, else zstd; migration 0007."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from newsdelta.core.model import ArticleText
from newsdelta.errors import StoreError
from newsdelta.settings import load_settings
from newsdelta.store import CheckWrite, NewVersion, ScheduleWrite, Store, blobs, open_store

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
PAGE = b"<html><body>" + b"<p>The minister said the plan would cost more.</p>" * 200 + b"</body></html>"


def _write(at: datetime, raw_gzip: bytes | None, body: bytes = PAGE) -> CheckWrite:
    return CheckWrite(
        at=at,
        result="new_version",
        schedule=ScheduleWrite(at + timedelta(minutes=30), 1800.0, 0, False, last_change_at=at),
        version=NewVersion(
            text=ArticleText(title=f"T {at.hour}", paragraphs=("One.", f"Two {at.hour}.")),
            fingerprint=f"fp{at.hour}",
            extractor_version="test/1",
            raw_body=body,
            raw_gzip=raw_gzip,
            final_url="https://example.org/a",
        ),
    )


def _stored(store: Store) -> list[tuple[str, bytes]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT body_codec, body_blob FROM raw_pages ORDER BY version_id")).all()
    return [(str(codec), bytes(blob)) for codec, blob in rows]


def test_gzip_stream_is_stored_as_it_came_and_read_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    aid, _ = store.track("https://example.org/a", T0)

    def no_recompressing(body: bytes) -> bytes:
        raise AssertionError("a page that came gzipped must not be compressed again")

    monkeypatch.setattr(blobs, "compress_raw", no_recompressing)
    wire = gzip.compress(PAGE, 6)
    store.record_check(aid, _write(T0, wire))
    assert _stored(store) == [("gzip", wire)]
    version_id = store.version_id(aid, 1)
    assert store.raw_page(version_id).body == PAGE


def test_page_without_gzip_stream_is_zstd(store: Store) -> None:
    aid, _ = store.track("https://example.org/a", T0)
    store.record_check(aid, _write(T0, None))
    [(codec, blob)] = _stored(store)
    assert codec == "zstd" and blob != PAGE and len(blob) < len(PAGE) // 5
    assert store.raw_page(store.version_id(aid, 1)).body == PAGE


def test_corrupt_or_mismatched_gzip_blob_is_a_store_error(store: Store) -> None:
    aid, _ = store.track("https://example.org/a", T0)
    store.record_check(aid, _write(T0, gzip.compress(PAGE)))
    version_id = store.version_id(aid, 1)
    for bad in (b"\x1f\x8bnot gzip", gzip.compress(PAGE + b"more")):
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE raw_pages SET body_blob = :b"), {"b": bad})
        with pytest.raises(StoreError, match="raw page blob"):
            store.raw_page(version_id)


def test_unknown_codec_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="unknown codec 'lz4'"):
        blobs.unpack_raw("lz4", b"x", 1)


def test_migration_0007_adds_the_codec_and_downgrade_recompresses(tmp_path: Path, migrate_to: Callable[..., None]) -> None:
    path = tmp_path / "nd.sqlite"
    s = open_store(load_settings(env={"NEWSDELTA_DB": str(path)}))
    aid, _ = s.track("https://example.org/a", T0)
    s.record_check(aid, _write(T0, gzip.compress(PAGE)))
    s.record_check(aid, _write(T0 + timedelta(hours=1), None, PAGE + b"<!-- 2 -->"))
    s.close()
    engine = sa.create_engine(f"sqlite:///{path}")
    migrate_to(engine, "0006", down=True)
    with engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("raw_pages")}
        blobs_0006 = [bytes(b) for (b,) in conn.execute(
            sa.text("SELECT body_blob FROM raw_pages ORDER BY version_id"))]
    assert "body_codec" not in columns
    # What the 0006 code reads: zstd only, both pages intact.
    assert [blobs.decompress_raw(b) for b in blobs_0006] == [PAGE, PAGE + b"<!-- 2 -->"]
    migrate_to(engine, "0007")
    engine.dispose()
    s = open_store(load_settings(env={"NEWSDELTA_DB": str(path)}))
    assert [codec for codec, _ in _stored(s)] == ["zstd", "zstd"]
    assert s.raw_page(s.version_id(aid, 1)).body == PAGE
    s.close()

