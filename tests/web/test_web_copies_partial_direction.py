"""The uncredited list: a truncated copy of a wire story is a copy of the wire, not of another copy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from newsdelta.core.model import ArticleText
from newsdelta.newsroom import copytext
from newsdelta.store import queries
from newsdelta.web.copies import resolve

T0 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


def test_partial_pair_is_directed_by_its_neighbourhood(indexed_store: Any) -> None:
    full = copytext.WIRE_PARAGRAPHS
    ids = {
        name: indexed_store.index(
            f"https://{name}.example/story", name,
            ArticleText(title=copytext.WIRE_TITLE, paragraphs=pars), T0 + timedelta(hours=n),
        )
        for n, (name, pars) in enumerate([("wire", full), ("mirror", full), ("trunc", full[:3])])
    }
    engine = indexed_store.store.engine
    pairs = queries.copy_pairs(engine, limit=100)
    kinds = {frozenset((p.a, p.b)): p.kind for p in pairs}
    assert kinds[frozenset((ids["trunc"], ids["mirror"]))] == "partial"
    listed = {(i.copy.article_id, i.source.article_id) for i in resolve(engine, pairs)}
    assert listed == {(ids["mirror"], ids["wire"]), (ids["trunc"], ids["wire"])}
