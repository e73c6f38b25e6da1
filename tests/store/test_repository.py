"""Repository tests on a real SQLite file."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from newsdelta.core.model import ArticleText
from newsdelta.errors import NotFoundError, SchemaTooNewError, StoreError
from newsdelta.settings import load_settings
from newsdelta.store import (
    ChangeSummary,
    CheckWrite,
    EventWrite,
    NewVersion,
    ScheduleWrite,
    Store,
    open_store,
)

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def _text(i: int, words: int = 200) -> ArticleText:
    body = tuple(f"Paragraph {p} says something about item {p} in the story." for p in range(words // 10))
    return ArticleText(title=f"Headline {i}", standfirst="Standfirst", paragraphs=body + (f"Edit number {i}.",))


def _write(i: int, at: datetime, text: ArticleText | None = None) -> CheckWrite:
    return CheckWrite(
        at=at,
        result="new_version",
        schedule=ScheduleWrite(at + timedelta(minutes=30), 1800.0, 0, False, last_change_at=at),
        version=NewVersion(
            text=text or _text(i),
            fingerprint=f"fp{i}",
            extractor_version="test/1",
            raw_body=f"<html>{i}</html>".encode() * 50,
            final_url="https://example.org/a",
            summary=ChangeSummary(words_added=i, labels=("headline",)),
        ),
    )


def test_track_is_idempotent_per_url(store: Store) -> None:
    first = store.track("https://example.org/a", T0)
    again = store.track("https://example.org/a", T0)
    assert first == (first[0], True)
    assert again == (first[0], False)
    assert store.count_articles() == 1


def test_versions_round_trip_through_delta_compression(store: Store) -> None:
    article_id, _ = store.track("https://example.org/a", T0)
    for i in range(1, 40):  # crosses two keyframes
        number = store.record_check(article_id, _write(i, T0 + timedelta(hours=i)))
        assert number == i
    for i in (1, 16, 17, 18, 33, 39):
        meta, text_ = store.version_text(article_id, i)
        assert text_ == _text(i)
        assert meta.number == i and meta.labels == ("headline",)
    sizes = store.storage_sizes()
    assert sizes["text_stored"] < sizes["text_raw"] * 0.2
    assert store.find_article(article_id).version_count == 39
    assert store.integrity_problems() == []


def test_previous_version_counts_the_fingerprint_in_the_same_query(store: Store) -> None:
    aid, _ = store.track("https://example.org/a", T0)
    before = store.previous_version(aid, "fp1")
    assert (before.meta, before.text, before.fingerprint_seen) == (None, None, 0)
    store.record_check(aid, _write(1, T0))
    store.record_check(aid, _write(2, T0 + timedelta(hours=1)))
    store.record_check(aid, _write(1, T0 + timedelta(hours=2), _text(1)))  # a flip back
    latest = store.previous_version(aid, "fp1")
    assert latest.meta is not None and latest.meta.number == 3
    assert latest.text == _text(1)
    assert latest.fingerprint_seen == 2
    assert store.previous_version(aid, "fp2").fingerprint_seen == 1
    assert store.previous_version(aid, "never").fingerprint_seen == 0


def test_previous_versions_of_a_batch_keep_each_pair_apart(store: Store) -> None:
    """Two queries for the batch; a fingerprint counts only for its own article."""
    a, _ = store.track("https://example.org/a", T0)
    b, _ = store.track("https://example.org/b", T0)
    c, _ = store.track("https://example.org/c", T0)
    store.record_check(a, _write(1, T0))
    store.record_check(a, _write(1, T0 + timedelta(hours=1), _text(1)))
    store.record_check(b, _write(2, T0))
    got = store.previous_versions([(a, "fp2"), (b, "fp2"), (c, "fp1"), (a, "fp1"), (b, "fp1")])
    assert [p.fingerprint_seen for p in got] == [0, 1, 0, 2, 0]
    assert [p.meta.number if p.meta else None for p in got] == [2, 1, None, 2, 1]
    assert [p.text for p in got] == [_text(1), _text(2), None, _text(1), _text(2)]
    assert store.previous_versions([]) == []


def test_previous_versions_read_every_uncached_chain_in_one_query(store: Store) -> None:
    """Chains since each article's last keyframe, several articles, one SELECT for all."""
    import sqlalchemy as sa

    long_, _ = store.track("https://example.org/long", T0)
    short, _ = store.track("https://example.org/short", T0)
    for i in range(1, 19):  # versions 17 and 18 start a new chain after the keyframe
        store.record_check(long_, _write(i, T0 + timedelta(hours=i)))
    for i in range(1, 4):
        store.record_check(short, _write(100 + i, T0 + timedelta(hours=i)))
    store._texts.clear()  # as after a restart, or long after these versions were written
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])
    sa.event.listen(store.engine, "before_cursor_execute", listener)
    try:
        got = store.previous_versions([(long_, "fp0"), (short, "fp0")])
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", listener)
    assert [p.text for p in got] == [_text(18), _text(103)]
    assert [p.meta.number if p.meta else None for p in got] == [18, 3]
    assert sum("text_blob" in sql for sql in statements) == 1
    assert len(statements) == 3  # latest versions, fingerprint counts, chains


def test_many_uncached_chains_are_read_in_bounded_queries(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite refuses an OR of ~1,000 terms: chains come back a bounded number at a time."""
    import sqlalchemy as sa

    from newsdelta.store import texts

    ids = [store.track(f"https://example.org/{i}", T0)[0] for i in range(5)]
    for n, aid in enumerate(ids):
        for i in range(1, 3):
            store.record_check(aid, _write(10 * n + i, T0 + timedelta(hours=i)))
    store._texts.clear()
    monkeypatch.setattr(texts, "CHAIN_RANGES_PER_QUERY", 2)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])
    sa.event.listen(store.engine, "before_cursor_execute", listener)
    try:
        got = store.previous_versions([(aid, "fp0") for aid in ids])
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", listener)
    assert [p.text for p in got] == [_text(10 * n + 2) for n in range(5)]
    assert sum("text_blob" in sql for sql in statements) == 3  # 2 + 2 + 1 articles


def test_unknown_refs_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.find_article("https://nowhere.example/")
    with pytest.raises(NotFoundError):
        store.find_article(99)
    article_id, _ = store.track("https://example.org/a", T0)
    with pytest.raises(NotFoundError):
        store.version_text(article_id, 1)


def test_alias_merges_duplicate_without_versions(store: Store) -> None:
    a, _ = store.track("https://example.org/a?x=1", T0)
    b, _ = store.track("https://example.org/a", T0)
    store.record_check(b, _write(1, T0))
    survivor = store.add_alias(a, "https://example.org/a")
    assert survivor == b
    assert store.find_article("https://example.org/a?x=1").id == b
    assert store.count_articles() == 1


def test_alias_never_merges_two_articles_that_both_have_versions(store: Store) -> None:
    a, _ = store.track("https://example.org/a", T0)
    b, _ = store.track("https://example.org/b", T0)
    store.record_check(a, _write(1, T0))
    store.record_check(b, _write(1, T0))
    assert store.add_alias(a, "https://example.org/b") == a  # nothing merged, nothing deleted
    assert store.count_articles() == 2
    assert store.url_owner("https://example.org/b") == b
    assert len(store.list_versions(b)) == 1 and len(store.list_versions(a)) == 1
    assert store.url_owner("https://example.org/nowhere") is None


def test_event_written_with_version_atomically(store: Store) -> None:
    article_id, _ = store.track("https://example.org/a", T0)
    store.record_check(article_id, _write(1, T0))
    store.record_check(
        article_id,
        CheckWrite(
            at=T0 + timedelta(hours=1),
            result="removed",
            schedule=ScheduleWrite(T0 + timedelta(hours=2), 2160.0, 0, False),
            page_state="removed",
            event=EventWrite("removed", "removed", 404, "HTTP 404"),
        ),
    )
    events = store.list_events(article_id)
    assert [(e.event, e.status) for e in events] == [("removed", 404)]
    assert store.find_article(article_id).page_state == "removed"


def test_failed_transaction_leaves_no_partial_version(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    article_id, _ = store.track("https://example.org/a", T0)
    store.record_check(article_id, _write(1, T0))

    from newsdelta.store import blobs

    def boom(body: bytes) -> bytes:
        raise RuntimeError("crash while compressing the raw page")

    monkeypatch.setattr(blobs, "compress_raw", boom)
    with pytest.raises(RuntimeError):
        store.record_check(article_id, _write(2, T0 + timedelta(hours=1)))
    assert store.find_article(article_id).version_count == 1
    assert [m.number for m in store.list_versions(article_id)] == [1]
    assert store.integrity_problems() == []
    # The rolled-back version id is reused by SQLite: its text must be the new one.
    monkeypatch.undo()
    store.record_check(article_id, _write(3, T0 + timedelta(hours=2)))
    assert store.version_text(article_id, 2)[1] == _text(3)


def test_record_checks_writes_several_articles_in_one_transaction(store: Store) -> None:
    ids = [store.track(f"https://example.org/{i}", T0)[0] for i in range(3)]
    for aid in ids:
        store.record_check(aid, _write(1, T0))
    later = T0 + timedelta(hours=1)
    numbers = store.record_checks([(aid, _write(2 + k, later)) for k, aid in enumerate(ids)])
    assert numbers == [2, 2, 2]
    for k, aid in enumerate(ids):
        assert store.version_text(aid, 2)[1] == _text(2 + k)
        assert store.find_article(aid).version_count == 2
    assert store.integrity_problems() == []


def test_record_checks_issues_one_statement_per_table(store: Store) -> None:
    """A batch costs one INSERT per table and one UPDATE per row shape, not one per check."""
    ids = [store.track(f"https://example.org/{i}", T0)[0] for i in range(6)]
    for aid in ids:
        store.record_check(aid, _write(1, T0))
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement.split("(")[0].split(" SET ")[0].strip())

    event.listen(store.engine, "before_cursor_execute", seen)
    later = T0 + timedelta(hours=1)
    events = [_write(2 + k, later) for k in range(6)]
    events[0] = replace(events[0], event=EventWrite(result="new_version", event="restored"))
    events[1] = replace(events[1], event=EventWrite(result="new_version", event="restored"))
    numbers = store.record_checks(list(zip(ids, events, strict=True)))
    event.remove(store.engine, "before_cursor_execute", seen)
    assert numbers == [2] * 6
    writes = [s for s in statements if not s.startswith("SELECT")]
    assert sorted(writes) == sorted([
        "INSERT INTO versions", "INSERT INTO raw_pages", "INSERT INTO version_search",
        "UPDATE articles", "INSERT INTO check_events",
    ]), statements
    assert [e.version_id is not None for e in store.list_events(ids[0])] == [True]
    for k, aid in enumerate(ids):
        assert store.version_text(aid, 2)[1] == _text(2 + k)


def test_record_checks_with_one_article_twice(store: Store) -> None:
    """The second version of an article in one batch is numbered and compressed after the first."""
    a, _ = store.track("https://example.org/a", T0)
    b, _ = store.track("https://example.org/b", T0)
    later = T0 + timedelta(hours=1)
    numbers = store.record_checks(
        [(a, _write(1, T0)), (a, _write(2, later)), (b, _write(3, T0)), (a, _write(4, later))]
    )
    assert numbers == [1, 2, 1, 3]
    assert [store.version_text(a, n)[1] for n in (1, 2, 3)] == [_text(1), _text(2), _text(4)]
    assert store.find_article(a).version_count == 3
    assert store.find_article(a).checks_count == 3
    assert store.integrity_problems() == []


def test_record_checks_is_all_or_nothing(store: Store) -> None:
    """A batch whose last check fails (its article is gone) writes none of its versions."""
    aid, _ = store.track("https://example.org/a", T0)
    store.record_check(aid, _write(1, T0))
    later = T0 + timedelta(hours=1)
    with pytest.raises(StoreError, match="constraint"):
        store.record_checks([(aid, _write(2, later)), (aid + 999, _write(3, later))])
    assert [m.number for m in store.list_versions(aid)] == [1]
    assert store.find_article(aid).version_count == 1
    assert store.integrity_problems() == []


def test_due_articles_and_retirement(store: Store) -> None:
    a, _ = store.track("https://example.org/a", T0)
    b, _ = store.track("https://example.org/b", T0 + timedelta(minutes=5))
    assert [x.id for x in store.due_articles(T0 + timedelta(minutes=10), 10)] == [a, b]
    store.record_check(
        a,
        CheckWrite(at=T0, result="unchanged", schedule=ScheduleWrite(None, 40 * 86400.0, 0, True, "quiet")),
    )
    assert [x.id for x in store.due_articles(T0 + timedelta(days=999), 10)] == [b]


def test_schema_too_new_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "nd.sqlite"
    settings = load_settings(env={"NEWSDELTA_DB": str(db)})
    open_store(settings).close()
    s = open_store(settings)
    with s.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    s.close()
    with pytest.raises(SchemaTooNewError, match="newer"):
        open_store(settings)


@pytest.mark.parametrize("below", [("nd.sqlite",), ("sub", "nd.sqlite")])
def test_a_file_where_the_data_dir_goes_is_a_clear_error(tmp_path: Path, below: tuple[str, ...]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot be created: a file is in the way"):
        open_store(load_settings(env={"NEWSDELTA_DB": str(blocker.joinpath(*below))}))


def test_sources_add_list_remove(store: Store) -> None:
    sid = store.add_source("wire", [("https://w.example/rss", "feed")], T0)
    assert store.add_source("wire", [("https://w.example/sitemap.xml", "sitemap")], T0) == sid
    (source,) = store.list_sources()
    assert [f.kind for f in source.feeds] == ["feed", "sitemap"]
    store.record_discovery(sid, T0, error="feed is not XML", next_at=T0)
    assert store.get_source("wire").failing
    store.record_discovery(sid, T0 + timedelta(minutes=1), error=None, next_at=T0)
    assert not store.get_source("wire").failing
    store.remove_source("wire")
    with pytest.raises(NotFoundError):
        store.remove_source("wire")
