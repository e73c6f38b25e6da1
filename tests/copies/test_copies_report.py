"""``newsdelta copies --json`` names the source's outlet even when it was tracked without a source."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from copies_helpers import STORY  # type: ignore[import-not-found]

from newsdelta.copies.service import CopiesService
from newsdelta.core.model import ArticleText
from newsdelta.service import copies_report
from newsdelta.settings import load_settings
from newsdelta.store import open_store

T0 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


def test_source_outlet_is_the_indexed_outlet_without_a_source(tmp_path: Path) -> None:
    settings = load_settings(env={
        "NEWSDELTA_DB": str(tmp_path / "c.sqlite"),
        "NEWSDELTA_NOW": (T0 + timedelta(days=1)).isoformat(),
        "NEWSDELTA_COPIES_SEMANTIC": "off",
    })
    store = open_store(settings)
    try:
        service = CopiesService(settings, store, embedder=None)
        text = ArticleText(title="Norway raises rates", paragraphs=STORY)
        ids = []
        for n, (url, outlet) in enumerate(
            [("https://wire.example/rates", "wire.example"), ("https://agg.example/rates", "Aggregator")]
        ):
            aid, _ = store.track(url, T0 + timedelta(hours=n))  # the wire: no source
            ids.append(aid)
            service.index_version(
                article_id=aid, version_id=aid, outlet=outlet, url=url, text=text,
                first_seen=store.find_article(aid).first_seen_at,
            )
        assert store.find_article(ids[0]).source_name in (None, "")
        report = copies_report(service, ids[1])
        assert report["source_article_id"] == ids[0]
        assert report["source_outlet"] == "wire.example"
        assert [(r["role"], r["outlet"]) for r in report["related"]] == [("source", "wire.example")]
    finally:
        store.close()
