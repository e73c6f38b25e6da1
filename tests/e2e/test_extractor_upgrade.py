"""An extractor upgrade never shows up as an edit; a real cut is accepted after repeated refusals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from tracker import Tracker, make_settings

from newsdelta import pipeline
from newsdelta.core.model import ArticleText, CheckResult
from newsdelta.newsroom import DEFAULT_START, seed_scenario


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    t = Tracker(make_settings(tmp_path))
    yield t
    t.close()


def test_extractor_upgrade_rebaselines_instead_of_versioning(
    tracker: Tracker, serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom = seed_scenario(DEFAULT_START, validators=False)
    server = serve(newsroom)
    real_extract = pipeline.extract_article

    def old_extractor(*args: Any, **kwargs: Any) -> ArticleText:
        text = real_extract(*args, **kwargs)
        return replace(text, paragraphs=text.paragraphs[:-1])  # the old one missed a paragraph

    monkeypatch.setattr(pipeline, "extract_article", old_extractor)
    monkeypatch.setattr(pipeline, "extractor_version", lambda selectors=None: "old-extractor/1")
    tracker.add_source("rtcom", server.feed_url("rtcom"), DEFAULT_START)
    assert tracker.pass_at(DEFAULT_START).new_articles == 1
    monkeypatch.undo()

    url = tracker.store.list_articles()[0].url
    # The newsroom gzips its pages: version 1's raw page is its gzip stream as
    # fetched, and the re-extraction below reads the page back from it.
    with tracker.store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT body_codec FROM raw_pages")).scalars().all() == ["gzip"]
    later = DEFAULT_START + timedelta(minutes=40)
    summary = tracker.pass_at(later, [url])
    assert summary.new_versions == 0 and summary.unchanged == 1, summary.to_dict()
    article = tracker.store.find_article(url)
    assert article.version_count == 1
    (event,) = tracker.store.list_events(article.id)
    assert event.reason and "extractor upgraded" in event.reason
    # Re-baselined: the next check is a plain unchanged one with no new event.
    again = tracker.pass_at(later + timedelta(hours=1), [url])
    assert again.by_result == {CheckResult.UNCHANGED.value: 1}
    assert len(tracker.store.list_events(article.id)) == 1
    # And a real edit afterwards is still a version.
    newsroom.clock.set(DEFAULT_START + timedelta(hours=3))
    edited = tracker.pass_at(DEFAULT_START + timedelta(hours=3), [url])
    assert edited.new_versions == 1
    (v2,) = [v for v in tracker.store.list_versions(article.id) if v.number == 2]
    # The seed's five edits only (6 words each way), not the paragraph the old extractor missed.
    assert v2.words_added == 6 and v2.words_removed == 6
    # The diff compares the texts as stored, each as its extractor read it: it says so.
    from newsdelta.service import load_diff

    view = load_diff(tracker.store, article.id, 1, 2)
    assert view.extractor_note is not None and "old-extractor/1" in view.extractor_note
    assert view.to_json()["extractor_note"] == view.extractor_note


def test_far_shorter_text_is_refused_then_accepted_when_it_persists(tracker: Tracker, serve: Any) -> None:
    newsroom = seed_scenario(DEFAULT_START)
    server = serve(newsroom)
    tracker.add_source("rtcom", server.feed_url("rtcom"), DEFAULT_START)
    tracker.pass_at(DEFAULT_START)
    article = next(iter(newsroom.articles()))
    cut = DEFAULT_START + timedelta(hours=4)
    article.add_version(cut, paragraphs=article.versions[-1].paragraphs[:1])
    url = tracker.store.list_articles()[0].url
    results = []
    for i in range(5):
        now = cut + timedelta(hours=i + 1)
        newsroom.clock.set(now)
        results.append(dict(tracker.pass_at(now, [url]).by_result))
    refused = [r for r in results if r.get("refused")]
    assert len(refused) == 3, results  # accept_shrink_after
    assert results[3] == {"new_version": 1}
    assert tracker.store.find_article(url).version_count == 2
