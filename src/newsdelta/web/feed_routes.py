"""Feed endpoints: all changes, per outlet, per article, per search; RSS and Atom."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from newsdelta.store import queries, search
from newsdelta.web.copies import uncredited_copies as list_uncredited
from newsdelta.web.data import search_bounds
from newsdelta.web.feeds import (
    FEED_ITEMS,
    FeedItem,
    build_feed,
    change_item,
    copy_item,
    items_from_changes,
)
from newsdelta.web.problems import NotFound
from newsdelta.web.views import ctx_of, flag, label_param, significance_param, text_param


def _fmt(request: Request) -> str:
    fmt = str(request.path_params["fmt"])
    if fmt not in ("rss", "atom"):
        raise NotFound("feeds come as .rss or .atom")
    return fmt


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _respond(request: Request, feed_id: str, title: str, link: str,
             items: list[FeedItem]) -> Response:
    body, content_type = build_feed(
        _fmt(request), feed_id=feed_id, title=title, link=_base(request) + link,
        self_link=_self_link(request), items=items, updated=ctx_of(request).clock(),
    )
    return Response(body, media_type=content_type)


def _self_link(request: Request) -> str:
    """The feed's own URL, its path percent-encoded again (Starlette hands it decoded)."""
    query = request.url.query
    return _base(request) + quote(request.url.path, safe="/") + (f"?{query}" if query else "")


def _filters(request: Request) -> dict[str, Any]:
    """``?label=quote&min_significance=0.5`` work on every feed of changes."""
    return {
        "label": label_param(request),
        "min_significance": significance_param(request),
        "headline_only": flag(request, "headline"),
    }


def all_changes(request: Request) -> Response:
    _fmt(request)
    ctx = ctx_of(request)
    rows, _ = queries.recent_changes(ctx.store.engine, limit=FEED_ITEMS, **_filters(request))
    return _respond(request, "changes", "newsdelta: all changes", "/",
                    items_from_changes(ctx.store, _base(request), rows))


def outlet_changes(request: Request) -> Response:
    _fmt(request)
    ctx = ctx_of(request)
    name = str(request.path_params["name"])
    ctx.store.get_source(name)  # 404 for an unknown outlet
    rows, _ = queries.recent_changes(
        ctx.store.engine, source=name, limit=FEED_ITEMS, **_filters(request)
    )
    return _respond(request, f"outlet/{quote(name, safe='')}", f"newsdelta: changes at {name}",
                    f"/outlets/{quote(name, safe='')}", items_from_changes(ctx.store, _base(request), rows))


def article_changes(request: Request) -> Response:
    _fmt(request)
    ctx = ctx_of(request)
    record = ctx.store.find_article(request.path_params["id"])
    rows, _ = queries.recent_changes(
        ctx.store.engine, article_id=record.id, limit=FEED_ITEMS, **_filters(request)
    )
    return _respond(request, f"article/{record.id}",
                    f"newsdelta: changes to {record.title or record.url}",
                    f"/articles/{record.id}", items_from_changes(ctx.store, _base(request), rows))


def search_changes(request: Request) -> Response:
    _fmt(request)
    ctx = ctx_of(request)
    q = text_param(request, "q") or ""
    # The same filters as the search page whose "RSS feed of this search" link this is.
    since, until = search_bounds(text_param(request, "since", 40), text_param(request, "until", 40))
    result = search.search(ctx.store.engine, q, source=text_param(request, "outlet"),
                           since=since, until=until, removed=flag(request, "removed"),
                           limit=FEED_ITEMS)
    items = [
        change_item(ctx.store, _base(request), h.article_id, h.version_number, h.title,
                    h.source_name, h.captured_at)
        for h in result.hits
    ]
    return _respond(request, f"search/{q}", f"newsdelta: search for {q}", "/search", items)


def uncredited_copies(request: Request) -> Response:
    """New copies that do not credit their probable source."""
    _fmt(request)
    ctx = ctx_of(request)
    found, _ = list_uncredited(ctx.store.engine, cursor=None, limit=FEED_ITEMS)
    return _respond(request, "copies/uncredited", "newsdelta: uncredited copies",
                    "/copies/uncredited", [copy_item(_base(request), i) for i in found])
