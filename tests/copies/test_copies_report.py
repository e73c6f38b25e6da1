"""``newsdelta copies --json`` names the source's outlet even when it was tracked without a source."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from copies_helpers import STORY  # type: ignore[import-not-found]

from newsdelta.core.model import ArticleText
from newsdelta.service import copies_report

T0 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


def test_source_outlet_is_the_indexed_outlet_without_a_source(indexed_store: Any) -> None:
    text = ArticleText(title="Norway raises rates", paragraphs=STORY)
    ids = [
        indexed_store.index(url, outlet, text, T0 + timedelta(hours=n))  # the wire: no source
        for n, (url, outlet) in enumerate(
            [("https://wire.example/rates", "wire.example"), ("https://agg.example/rates", "Aggregator")]
        )
    ]
    assert indexed_store.store.find_article(ids[0]).source_name in (None, "")
    report = copies_report(indexed_store.service, ids[1])
    assert report["source_article_id"] == ids[0]
    assert report["source_outlet"] == "wire.example"
    assert [(r["role"], r["outlet"]) for r in report["related"]] == [("source", "wire.example")]
