"""What each page shows, as plain data: the one source for HTML pages and the JSON API.

Every loader returns a :class:`Page`: ``data`` is JSON-ready and is exactly
what ``/api/...`` returns inside the envelope; ``extra`` holds objects only
templates need (the diff's rows). So the API mirrors every page by
construction. Loaders are synchronous (SQLAlchemy Core); Starlette runs them
in its thread pool.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from newsdelta.clock import Clock
from newsdelta.copies.service import CopiesService
from newsdelta.core.diff import LABEL_IDS
from newsdelta.errors import NotFoundError
from newsdelta.service import article_dict, article_status, find_article, load_diff, version_dict
from newsdelta.settings import Settings
from newsdelta.store import ArticleRecord, EventRecord, Store, queries, search
from newsdelta.web import copies
from newsdelta.web.cursor import (
    decode_id_cursor,
    decode_time_id_cursor,
    encode_cursor,
)
from newsdelta.web.diffrows import diff_groups

PAGE_SIZE = 50


OUTLET_STATS_TTL_S = 30.0
"""Outlet aggregates scan every article row (~0.3 s at 100,000 articles on SQLite);
a reader gains nothing from fresher counts than this, so they are cached."""


@dataclass(frozen=True)
class WebContext:
    settings: Settings
    store: Store
    clock: Clock
    cache: dict[str, tuple[float, Any]] = field(default_factory=dict)
    cache_lock: threading.Lock = field(default_factory=threading.Lock)

    def outlet_stats(self) -> list[queries.OutletStats]:
        """``queries.outlet_stats``, cached for :data:`OUTLET_STATS_TTL_S` seconds."""
        with self.cache_lock:  # one refresh at a time: no thundering herd on expiry
            hit = self.cache.get("outlets")
            if hit is not None and hit[0] > time.monotonic():
                cached: list[queries.OutletStats] = hit[1]
                return cached
            fresh = queries.outlet_stats(self.store.engine, self.clock())
            self.cache["outlets"] = (time.monotonic() + OUTLET_STATS_TTL_S, fresh)
            return fresh

    def outlet_copies(self, name: str) -> dict[str, Any]:
        """Who copies whom for one outlet, cached like the outlet aggregates."""
        key = f"copies:{name}"
        with self.cache_lock:
            hit = self.cache.get(key)
            if hit is not None and hit[0] > time.monotonic():
                cached: dict[str, Any] = hit[1]
                return cached
            fresh = copies.outlet_copies(self.store.engine, name)
            self.cache[key] = (time.monotonic() + OUTLET_STATS_TTL_S, fresh)
            return fresh

    def copies_service(self) -> CopiesService:
        """One reader of the copies index per app (no model is loaded to read)."""
        with self.cache_lock:
            hit = self.cache.get("copies_service")
            if hit is None:
                hit = (0.0, CopiesService(self.settings, self.store))
                self.cache["copies_service"] = hit
            service: CopiesService = hit[1]
            return service


@dataclass
class Page:
    data: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


def later(phrase: str) -> str:
    """``human_delta`` output as "… later" (whatever its exact wording)."""
    return phrase if phrase.endswith("later") else f"{phrase} later"


def header_sentences(article: ArticleRecord, now: datetime) -> list[str]:
    """The seed page's header, sentence by sentence (without its blank date)."""
    name = article.source_name or "unknown"
    seen = article.published_at or article.first_seen_at
    status = article_status(article, now)
    if status.startswith(("last changed", "won't")):
        status_sentence = f"It {status}."
    else:
        status_sentence = status[:1].upper() + status[1:] + "."
    changes = article.changes
    return [
        (
            f"This article is from the source '{name}' and was first published or seen on "
            f"{seen.day} {seen:%B %Y}."
        ),
        status_sentence,
        f"You can find the current article at its original source at {article.url}",
        f"The article has changed {changes} time{'' if changes == 1 else 's'}.",
        "There is an RSS feed of changes available.",
    ]


_STATE_WORDS = {  # page_state: (what happened, the word before its date)
    "removed": ("was removed", "on"),
    "blocked": ("has refused newsdelta (blocked or paywalled)", "since"),
    "redirected": ("has redirected to another page", "since"),
}


def page_note(record: ArticleRecord, events: Sequence[EventRecord]) -> str | None:
    """One sentence when the page is not simply there: removed, blocked, redirected, or a
    failing check; ``None`` when the last check found the page as usual."""
    if record.page_state in _STATE_WORDS:
        what, preposition = _STATE_WORDS[record.page_state]
        since = next((e.at for e in reversed(events) if e.event == record.page_state), None)
        when = f" {preposition} {since.day} {since:%B %Y, %H:%M} UTC" if since else ""
        if not record.version_count:  # never captured: there is no "before" to show
            return f"The page {what}{when}; newsdelta has not captured it."
        return f"The page {what}{when}; the versions below are what it said before."
    if record.consecutive_errors and events and events[-1].reason:
        count = record.consecutive_errors
        return f"The last {count} check{'s' if count > 1 else ''} failed: {events[-1].reason}"
    return None


def event_runs(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive events with the same outcome and reason as one row with a count.

    A removed or failing page is checked again and again (to notice its return), and
    each check is recorded; listing each one buried the rare real events.
    """
    runs: list[dict[str, Any]] = []
    for event in events:
        key = (event["result"], event["event"], event["status"], event["reason"])
        if runs and runs[-1]["key"] == key:
            runs[-1]["count"] += 1
            runs[-1]["last_at"] = event["at"]
        else:
            runs.append({**event, "key": key, "count": 1, "last_at": event["at"]})
    return runs


def change_dict(row: queries.ChangeRow) -> dict[str, Any]:
    return {
        "article_id": row.article_id,
        "version": row.number,
        "captured_at": row.captured_at.isoformat(),
        "title": row.title,
        "url": row.article_url,
        "outlet": row.source_name,
        "words_added": row.words_added,
        "words_removed": row.words_removed,
        "headline_changed": row.headline_changed,
        "labels": list(row.labels),
        "significance": row.significance,
        "diff": f"/articles/{row.article_id}/diff?from={row.number - 1}&to={row.number}",
    }


def recent(
    ctx: WebContext,
    *,
    outlet: str | None,
    headline: bool,
    cursor: str | None,
    limit: int = PAGE_SIZE,
    label: str | None = None,
    min_significance: float | None = None,
) -> Page:
    rows, next_key = queries.recent_changes(
        ctx.store.engine,
        source=outlet or None,
        headline_only=headline,
        label=label,
        min_significance=min_significance,
        limit=limit,
        before=decode_time_id_cursor(cursor),
    )
    return Page(
        {
            "filters": {
                "outlet": outlet or None,
                "headline": headline,
                "label": label,
                "min_significance": min_significance,
            },
            "labels": list(LABEL_IDS),
            "changes": [change_dict(r) for r in rows],
            "next_cursor": encode_cursor(*next_key) if next_key else None,
        }
    )


def outlet_dict(o: queries.OutletStats) -> dict[str, Any]:
    return {
        "name": o.name,
        "articles": o.articles,
        "versions": o.versions,
        "changes_last_day": o.changes_last_day,
        "last_ok_at": o.last_ok_at.isoformat() if o.last_ok_at else None,
        "failing": o.failing,
        "error": o.last_error if o.failing else None,
        "feeds": list(o.feeds),
    }


def outlets(ctx: WebContext) -> Page:
    stats = ctx.outlet_stats()
    return Page({"outlets": [outlet_dict(o) for o in stats]})


def articles(
    ctx: WebContext,
    *,
    outlet: str | None,
    changed: bool,
    cursor: str | None,
    limit: int = PAGE_SIZE,
    url: str | None = None,
) -> Page:
    """Tracked articles, newest first; ``url`` finds the one at an address, in any spelling."""
    now = ctx.clock()
    filters = {"outlet": outlet or None, "changed": changed, "url": url or None}
    if url:
        try:
            record = find_article(ctx.store, url)
        except NotFoundError:
            return Page({"filters": filters, "articles": [], "next_cursor": None})
        return Page({"filters": filters, "articles": [article_dict(record, now)], "next_cursor": None})
    if outlet:
        ctx.store.get_source(outlet)  # 404 for an outlet that does not exist (a typo, a case)
    found = ctx.store.list_articles(
        source=outlet or None,
        changed_only=changed,
        limit=limit + 1,
        before_id=decode_id_cursor(cursor),
    )
    more = len(found) > limit
    found = found[:limit]
    return Page(
        {
            "filters": filters,
            "articles": [article_dict(a, now) for a in found],
            "next_cursor": encode_cursor(found[-1].id) if more and found else None,
        }
    )


def outlet(ctx: WebContext, name: str, *, cursor: str | None) -> Page:
    from newsdelta.errors import NotFoundError

    match = [o for o in ctx.outlet_stats() if o.name == name]
    if not match:
        raise NotFoundError(f"no outlet named {name!r}")
    listing = articles(ctx, outlet=name, changed=False, cursor=cursor)
    return Page({"outlet": outlet_dict(match[0]), **listing.data,
                 "copies": ctx.outlet_copies(name)})


def uncredited(ctx: WebContext, *, cursor: str | None, limit: int = PAGE_SIZE) -> Page:
    """New uncredited copies (see :func:`newsdelta.web.copies.uncredited_copies`)."""
    items, next_cursor = copies.uncredited_copies(ctx.store.engine, cursor=cursor, limit=limit)
    return Page({"copies": [copies.item_dict(i) for i in items], "next_cursor": next_cursor})


def article(ctx: WebContext, ref: int, *, with_copies: bool = True) -> Page:
    now = ctx.clock()
    record = ctx.store.find_article(ref)
    metas = ctx.store.list_versions(record.id)
    events = ctx.store.list_events(record.id)
    versions = []
    for i, meta in enumerate(metas):
        item = version_dict(meta, metas[i - 1] if i else None)
        if item["later"]:
            item["later"] = later(item["later"])
        versions.append(item)
    event_list = [
        {"at": e.at.isoformat(), "result": e.result, "event": e.event, "status": e.status, "reason": e.reason}
        for e in events
    ]
    summary = article_dict(record, now)
    if not summary["title"] and metas:
        summary["title"] = metas[-1].title  # the tracker may not have copied it to the article
    return Page(
        {
            "article": summary,
            "header": header_sentences(record, now),
            "versions": versions,
            "events": event_list,
            "page_note": page_note(record, events),
            **({"copies": copies.article_copies(ctx.copies_service(), record.id)}
               if with_copies else {}),
        },
        {"record": record, "event_runs": event_runs(event_list)},
    )


def version(ctx: WebContext, ref: int, number: int) -> Page:
    record = ctx.store.find_article(ref)
    meta, text = ctx.store.version_text(record.id, number)
    return Page(
        {
            "article": {"id": record.id, "url": record.url, "outlet": record.source_name},
            "version": {
                "number": meta.number,
                "captured_at": meta.captured_at.isoformat(),
                "extractor_version": meta.extractor_version,
                "words": meta.word_count,
                "raw": f"/articles/{record.id}/versions/{meta.number}/raw",
                "text": text.to_dict(),
            },
            "count": record.version_count,
        },
        {"record": record, "text": text, "meta": meta},
    )


def diff(ctx: WebContext, ref: int, from_n: int | None, to_n: int | None) -> Page:
    view = load_diff(ctx.store, ref, from_n, to_n)
    count = view.article.version_count
    old_n, new_n = view.old_meta.number, view.new_meta.number
    nav: dict[str, Any] = {
        "previous": [old_n - 1, new_n - 1] if min(old_n, new_n) > 1 else None,
        "next": [old_n + 1, new_n + 1] if max(old_n, new_n) < count else None,
        "permalink": f"/articles/{view.article.id}/diff?from={old_n}&to={new_n}",
        "versions": count,
    }
    fields, groups = diff_groups(view.diff)
    return Page(
        {**view.to_json(), "elapsed": later(view.elapsed), "navigation": nav},
        {"view": view, "fields": fields, "groups": groups},
    )


def parse_day(value: str | None, name: str) -> datetime | None:
    from datetime import UTC

    from newsdelta.web.problems import BadRequest

    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
        # The store compares in UTC: 0001-01-01T00:00+01:00 has no UTC instant.
        return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError) as exc:
        raise BadRequest(f"{name} must be a date like 2026-01-31") from exc


def search_bounds(since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """The ``since``/``until`` of a search as instants (the search page, its API and its feed)."""
    since_at = parse_day(since, "since")
    until_at = parse_day(until, "until")
    if until_at is not None and until and len(until) == 10:
        # A bare date includes that whole day; the last day there is has no next one.
        until_at = until_at + timedelta(days=1) if until_at.date() < date.max else None
    return since_at, until_at


def search_page(
    ctx: WebContext,
    *,
    q: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    removed: bool,
    cursor: str | None,
    limit: int = 20,
) -> Page:
    since_at, until_at = search_bounds(since, until)
    result = search.search(
        ctx.store.engine,
        q,
        source=outlet or None,
        since=since_at,
        until=until_at,
        removed=removed,
        limit=limit,
        cursor=decode_id_cursor(cursor),
    )
    return Page(
        {
            "query": {"q": q, "outlet": outlet or None, "since": since or None,
                      "until": until or None, "removed": removed},
            "results": [
                {
                    "article_id": h.article_id,
                    "version": h.version_number,
                    "captured_at": h.captured_at.isoformat(),
                    "title": h.title,
                    "url": h.article_url,
                    "outlet": h.source_name,
                    "snippet": [{"text": t, "match": m} for t, m in h.snippet],
                }
                for h in result.hits
            ],
            "next_cursor": encode_cursor(result.next_cursor) if result.next_cursor else None,
        }
    )


STATS_DAYS = 30


def stats(ctx: WebContext) -> Page:
    now = ctx.clock()
    start = (now - timedelta(days=STATS_DAYS - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    per_day = queries.changes_per_day(ctx.store.engine, start, now + timedelta(seconds=1))
    days = [(start + timedelta(days=i)).strftime("%Y-%m-%d") for i in range(STATS_DAYS)]
    delays = queries.time_to_change(ctx.store.engine, start)
    return Page(
        {
            "days": days,
            "changes_per_day": per_day,
            "time_to_change": [{"bucket": b, "changes": n} for b, n in delays],
        }
    )
