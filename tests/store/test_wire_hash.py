"""articles.wire_hash: kept with the other cache keys, never left behind by a body that changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from newsdelta.core.model import ArticleText
from newsdelta.settings import load_settings
from newsdelta.store import CheckWrite, NewVersion, ScheduleWrite, Store, open_store

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def _write(
    at: datetime, *, wire: str | None, cache_keys: bool = True, version: bool = False
) -> CheckWrite:
    return CheckWrite(
        at=at,
        result="new_version" if version else "identical",
        schedule=ScheduleWrite(at + timedelta(minutes=30), 1800.0, 0, False),
        raw_hash=f"raw{at.minute}" if cache_keys else None,
        wire_hash=wire,
        update_cache_keys=cache_keys,
        version=NewVersion(
            text=ArticleText(title="T", paragraphs=(f"Body {at.minute}.",)),
            fingerprint=f"fp{at.minute}",
            extractor_version="test/1",
            raw_body=b"<html>page</html>",
            final_url="https://example.org/a",
        ) if version else None,
    )


def _keys(store: Store, aid: int) -> tuple[str | None, str | None]:
    article = store.find_article(aid)
    return article.raw_hash, article.wire_hash


def test_routine_checks_keep_raw_and_wire_digests_together(store: Store) -> None:
    aid, _ = store.track("https://example.org/a", T0)
    store.record_routine_checks([(aid, _write(T0, wire="w0"))])
    assert _keys(store, aid) == ("raw0", "w0")
    # A check that does not touch the cache keys (an error, say) leaves both alone.
    store.record_routine_checks([(aid, _write(T0 + timedelta(minutes=1), wire=None, cache_keys=False))])
    assert _keys(store, aid) == ("raw0", "w0")
    # The body now came uncompressed: the old wire digest must not survive next to a new raw one.
    store.record_routine_checks([(aid, _write(T0 + timedelta(minutes=2), wire=None))])
    assert _keys(store, aid) == ("raw2", None)


def test_checks_written_in_a_batch_set_the_wire_digest(store: Store) -> None:
    a, _ = store.track("https://example.org/a", T0)
    b, _ = store.track("https://example.org/b", T0)
    store.record_checks([
        (a, _write(T0 + timedelta(minutes=3), wire="wa", version=True)),
        (b, _write(T0 + timedelta(minutes=4), wire=None, version=True)),
    ])
    assert _keys(store, a) == ("raw3", "wa")
    assert _keys(store, b) == ("raw4", None)
    store.record_check(a, _write(T0 + timedelta(minutes=5), wire=None))
    assert _keys(store, a) == ("raw5", None)


def test_migration_0008_adds_and_drops_the_column(tmp_path: Path, migrate_to: Callable[..., None]) -> None:
    path = tmp_path / "nd.sqlite"
    s = open_store(load_settings(env={"NEWSDELTA_DB": str(path)}))
    aid, _ = s.track("https://example.org/a", T0)
    s.record_routine_checks([(aid, _write(T0, wire="w0"))])
    s.close()
    engine = sa.create_engine(f"sqlite:///{path}")
    migrate_to(engine, "0007", down=True)
    with engine.connect() as conn:
        assert "wire_hash" not in {c["name"] for c in sa.inspect(conn).get_columns("articles")}
        assert conn.execute(sa.text("SELECT raw_hash FROM articles")).scalar_one() == "raw0"
    migrate_to(engine, "0008")
    engine.dispose()
    s = open_store(load_settings(env={"NEWSDELTA_DB": str(path)}))
    assert _keys(s, aid) == ("raw0", None)  # not known after the round trip: inflate once
    s.close()
