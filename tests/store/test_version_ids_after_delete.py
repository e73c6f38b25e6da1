"""Deleting the article that held the newest versions frees no version id.

SQLite gives a new row the highest id plus one. Version ids key the contentless
search index (whose rows cannot be removed without their text) and the text
cache, so a reused id showed a deleted article's words in search, and its text
in a long-running ``serve``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdelta.core.model import ArticleText
from newsdelta.settings import load_settings
from newsdelta.store import CheckWrite, NewVersion, ScheduleWrite, Store, open_store
from newsdelta.store.search import search

T0 = datetime(2026, 3, 1, 8, tzinfo=UTC)


def _version(store: Store, article_id: int, at: datetime, words: str) -> int | None:
    text = ArticleText(title=f"Headline {words}", paragraphs=(f"{words} " * 30,))
    version = NewVersion(text=text, fingerprint=words[:40], extractor_version="test", raw_body=b"<p/>",
                         final_url="https://example.org/x", encoding="utf-8", content_type="text/html")
    write = CheckWrite(at=at, result="new_version", schedule=ScheduleWrite(None, 60.0, 0, False),
                       version=version)
    return store.record_check(article_id, write)


def test_versions_after_a_delete_get_new_ids_and_no_stale_text(tmp_path: Path) -> None:
    settings = load_settings(env={"NEWSDELTA_DATA_DIR": str(tmp_path)})
    tracker, server = open_store(settings), open_store(settings)  # `run` and `serve`
    try:
        kept, _ = tracker.track("https://example.org/kept", T0)
        gone, _ = tracker.track("https://example.org/gone", T0)
        _version(tracker, kept, T0, "harbour")
        _version(tracker, gone, T0 + timedelta(minutes=1), "zeppelin")
        gone_id = tracker.version_id(gone, 1)
        assert server.version_text(gone, 1)[1].title == "Headline zeppelin"  # now in serve's cache
        tracker.delete_article(gone)
        _version(tracker, kept, T0 + timedelta(hours=1), "lighthouse")
        assert tracker.version_id(kept, 2) > gone_id
        assert server.version_text(kept, 2)[1].title == "Headline lighthouse"
        assert search(tracker.engine, "zeppelin").hits == []
        assert [h.version_number for h in search(tracker.engine, "lighthouse").hits] == [2]
        # Once past the old top, ids go on as before.
        _version(tracker, kept, T0 + timedelta(hours=2), "quay")
        assert tracker.version_id(kept, 3) == tracker.version_id(kept, 2) + 1
    finally:
        tracker.close()
        server.close()


def test_the_text_cache_tells_a_reused_id_apart() -> None:
    # Belt and braces under the id floor: the cache never answers for another version.
    from newsdelta.store.texts import TextCache

    cache = TextCache(4)
    cache.put((2, 10, 1), b"deleted article's text")
    assert cache.get((2, 11, 2)) is None
    assert cache.get((2, 10, 1)) == b"deleted article's text"


def test_an_article_id_is_never_handed_out_again(tmp_path: Path) -> None:
    # A saved reference ("article 2", /articles/2) must never come to name another story,
    # after a delete or after a merge of a duplicate (found by the versioning audit).
    store = open_store(load_settings(env={"NEWSDELTA_DATA_DIR": str(tmp_path)}))
    try:
        first, _ = store.track("https://example.org/a", T0)
        second, _ = store.track("https://example.org/b", T0)
        store.delete_article(second)
        third, _ = store.track("https://example.org/c", T0)
        assert third > second
        duplicate, _ = store.track("https://example.org/c?ref=rss", T0)
        assert store.add_alias(duplicate, "https://example.org/c") == third  # merged away
        fourth, _ = store.track("https://example.org/d", T0)
        assert len({first, second, third, duplicate, fourth}) == 5
    finally:
        store.close()
