"""The uncredited list: a truncated copy of a wire story is a copy of the wire, not of another copy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdelta.copies.service import CopiesService
from newsdelta.core.model import ArticleText
from newsdelta.newsroom import copytext
from newsdelta.settings import load_settings
from newsdelta.store import open_store, queries
from newsdelta.web.copies import resolve

T0 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


def test_partial_pair_is_directed_by_its_neighbourhood(tmp_path: Path) -> None:
    settings = load_settings(env={
        "NEWSDELTA_DB": str(tmp_path / "c.sqlite"),
        "NEWSDELTA_NOW": (T0 + timedelta(days=1)).isoformat(),
        "NEWSDELTA_COPIES_SEMANTIC": "off",
    })
    store = open_store(settings)
    try:
        service = CopiesService(settings, store, embedder=None)
        full = copytext.WIRE_PARAGRAPHS
        ids = {}
        for n, (name, pars) in enumerate(
            [("wire", full), ("mirror", full), ("trunc", full[:3])]
        ):
            url = f"https://{name}.example/story"
            aid, _ = store.track(url, T0 + timedelta(hours=n))
            ids[name] = aid
            service.index_version(
                article_id=aid, version_id=aid, outlet=name, url=url,
                text=ArticleText(title=copytext.WIRE_TITLE, paragraphs=pars),
                first_seen=store.find_article(aid).first_seen_at,
            )
        pairs = queries.copy_pairs(store.engine, limit=100)
        kinds = {frozenset((p.a, p.b)): p.kind for p in pairs}
        assert kinds[frozenset((ids["trunc"], ids["mirror"]))] == "partial"
        listed = {(i.copy.article_id, i.source.article_id) for i in resolve(store.engine, pairs)}
        assert listed == {(ids["mirror"], ids["wire"]), (ids["trunc"], ids["wire"])}
    finally:
        store.close()
