"""Typed functions behind the command line (and usable from Python).

Each function takes the resolved :class:`Settings` explicitly and returns plain
data; the CLI only parses arguments and prints.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdelta.clock import Clock, clock_for
from newsdelta.core.diff import ArticleDiff, diff_articles
from newsdelta.core.model import ArticleText, CheckOutcome
from newsdelta.core.names import source_name_problem
from newsdelta.core.schedule import ScheduleDecision, ScheduleState, status_text
from newsdelta.core.timephrase import human_delta
from newsdelta.errors import BadURLError, ConfigError, NotFoundError
from newsdelta.settings import Settings
from newsdelta.store import ArticleRecord, EventRecord, Store, VersionMeta, open_store


def init(settings: Settings) -> dict[str, Any]:
    """Create (or upgrade) the database; return where it is."""
    store = open_store(settings)
    from newsdelta.store.migrate import current_revision

    revision = current_revision(store.engine)
    store.close()
    return {"database": settings.database_url, "schema": revision}


def add_source(
    settings: Settings, name: str, urls: Sequence[str], sitemaps: Sequence[str] = ()
) -> dict[str, Any]:
    from newsdelta.discover.urls import canonicalize_url

    problem = source_name_problem(name)
    if problem:
        raise ConfigError(f"{problem}: {name!r}")
    feeds = [(canonicalize_url(u), "feed") for u in urls]
    feeds += [(canonicalize_url(u), "sitemap") for u in sitemaps]
    feeds = list({url: (url, kind) for url, kind in feeds}.values())  # one per URL spelling
    if not feeds:
        raise BadURLError("give at least one feed URL or --sitemap URL")
    store = open_store(settings)
    try:
        source_id = store.add_source(name, feeds, clock_for(settings)())
    finally:
        store.close()
    return {"id": source_id, "name": name, "feeds": [{"url": u, "kind": k} for u, k in feeds]}


def track(settings: Settings, url: str, source: str | None = None) -> dict[str, Any]:
    from newsdelta.discover.urls import canonicalize_url

    canonical = canonicalize_url(url)
    store = open_store(settings)
    try:
        source_id = store.get_source(source).id if source else None
        article_id, created = store.track(canonical, clock_for(settings)(), source_id=source_id)
    finally:
        store.close()
    return {"id": article_id, "url": canonical, "created": created}


async def check_pass(
    settings: Settings,
    urls: Sequence[str] = (),
    *,
    clock: Clock | None = None,
    on_outcome: Callable[[CheckOutcome], None] | None = None,
) -> dict[str, Any]:
    """One pass of discovery and due checks (or the given URLs)."""
    from newsdelta.fetch import Fetcher
    from newsdelta.runner.context import make_context
    from newsdelta.runner.embedded import run_pass
    from newsdelta.runner.heap import freeze_long_lived_heap

    store = open_store(settings)
    try:
        async with Fetcher(settings) as fetcher:
            ctx = make_context(settings, store, fetcher, clock or clock_for(settings))
            freeze_long_lived_heap()  # one pass: what startup built outlives it
            summary = await run_pass(ctx, urls, on_outcome)
            # Outlets that failed before and were not read this pass (not due yet):
            # a pass that read none of them must not look like all is well.
            still_failing = {
                s.name: s.last_error or "failing"
                for s in store.list_sources()
                if s.failing and s.name not in summary.failing_sources
            }
    finally:
        store.close()
    return {**summary.to_dict(), "failing_not_due": still_failing}


def article_dict(article: ArticleRecord, now: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "source": article.source_name,
        "title": article.title,
        "first_seen_at": article.first_seen_at.isoformat(),
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "versions": article.version_count,
        "changes": article.changes,
        "last_checked_at": article.last_checked_at.isoformat() if article.last_checked_at else None,
        "next_check_at": article.next_check_at.isoformat() if article.next_check_at else None,
        "retired": article.retired,
        "page_state": article.page_state,
        "status": article_status(article, now),
    }


def article_status(article: ArticleRecord, now: datetime) -> str:
    """Honest schedule status: "next check at ..." or "won't be checked again ..."."""
    state = ScheduleState(
        interval_s=article.interval_s,
        consecutive_errors=article.consecutive_errors,
        last_change_at=article.last_change_at,
        retired=article.retired,
    )
    decision = ScheduleDecision(
        state=state,
        next_check_at=article.next_check_at,
        retired=article.retired,
        reason=article.retired_reason or "",
    )
    return status_text(decision, now=now)


def list_articles(
    settings: Settings, source: str | None = None, changed: bool = False, limit: int = 100
) -> list[dict[str, Any]]:
    store = open_store(settings)
    try:
        if source is not None:
            store.get_source(source)  # a misspelt outlet is an error, not an empty list
        now = clock_for(settings)()
        return [
            article_dict(a, now)
            for a in store.list_articles(source=source, changed_only=changed, limit=limit)
        ]
    finally:
        store.close()


def version_dict(meta: VersionMeta, previous: VersionMeta | None) -> dict[str, Any]:
    return {
        "number": meta.number,
        "captured_at": meta.captured_at.isoformat(),
        "later": human_delta(meta.captured_at - previous.captured_at) if previous else None,
        "title": meta.title,
        "words": meta.word_count,
        "words_added": meta.words_added,
        "words_removed": meta.words_removed,
        "headline_changed": meta.headline_changed,
        "labels": list(meta.labels),
        "significance": meta.significance,
        "extractor_version": meta.extractor_version,
    }


def event_dict(event: EventRecord) -> dict[str, Any]:
    """A check event as JSON (CLI ``history`` and the web API share it)."""
    return {
        "at": event.at.isoformat(),
        "result": event.result,
        "event": event.event,
        "status": event.status,
        "reason": event.reason,
    }


def find_article(store: Store, ref: str | int) -> ArticleRecord:
    """An article by id, or by any spelling of one of its URLs.

    Users paste URLs as they find them: with ``utm_*`` parameters, a fragment, a
    capitalised scheme or host. ``track`` and discovery store the canonical spelling,
    so a URL that names no article as typed is looked up canonicalised too.
    """
    try:
        return store.find_article(ref)
    except NotFoundError:
        if isinstance(ref, int) or "://" not in ref:
            raise
        from newsdelta.discover.urls import canonicalize_url

        try:
            canonical = canonicalize_url(ref)
        except BadURLError:
            raise NotFoundError(f"no tracked article {ref!r}") from None
        if canonical == ref:
            raise
        try:
            return store.find_article(canonical)
        except NotFoundError:
            raise NotFoundError(f"no tracked article {ref!r}") from None


def history(settings: Settings, ref: str) -> dict[str, Any]:
    store = open_store(settings)
    try:
        article = find_article(store, ref)
        metas = store.list_versions(article.id)
        events = store.list_events(article.id)
        now = clock_for(settings)()
    finally:
        store.close()
    return {
        "article": article_dict(article, now),
        "versions": [version_dict(m, metas[i - 1] if i else None) for i, m in enumerate(metas)],
        "events": [event_dict(e) for e in events],
    }


@dataclass(frozen=True)
class DiffView:
    """A diff between two stored versions plus what a reader needs around it."""

    article: ArticleRecord
    old_meta: VersionMeta
    new_meta: VersionMeta
    old: ArticleText
    new: ArticleText
    diff: ArticleDiff

    @property
    def elapsed(self) -> str:
        return human_delta(self.new_meta.captured_at - self.old_meta.captured_at)

    @property
    def extractor_note(self) -> str | None:
        """A warning when the two versions were read by different extractors.

        The check itself never mistakes an extractor upgrade for an edit (it re-reads the
        archived page), but this diff compares the stored texts as each extractor read them.
        """
        old, new = self.old_meta.extractor_version, self.new_meta.extractor_version
        if old == new:
            return None
        return (f"These versions were read by different extractors ({old}, then {new}); "
                "some differences may be the extractor's, not the article's.")

    def to_json(self) -> dict[str, Any]:
        return {
            "article": {"id": self.article.id, "url": self.article.url},
            "from": {"number": self.old_meta.number, "captured_at": self.old_meta.captured_at.isoformat()},
            "to": {"number": self.new_meta.number, "captured_at": self.new_meta.captured_at.isoformat()},
            "elapsed": self.elapsed,
            "extractor_note": self.extractor_note,
            **self.diff.to_json(),
        }


def load_diff(store: Store, ref: str | int, from_n: int | None, to_n: int | None) -> DiffView:
    """The diff between versions ``from_n`` and ``to_n`` (default: the last two)."""
    article = find_article(store, ref)
    count = article.version_count
    if count < 1:
        raise NotFoundError(f"article {article.id} has no versions yet")
    for number in (to_n, from_n):
        if number is not None and not 1 <= number <= count:
            raise NotFoundError(f"article {article.id} has no version {number}; its versions are 1-{count}")
    to_number = to_n if to_n is not None else count
    from_number = from_n if from_n is not None else max(1, to_number - 1)
    if from_number == to_number and from_n is None and to_n is None:
        raise NotFoundError(f"article {article.id} has only one version; nothing to compare")
    old_meta, old = store.version_text(article.id, from_number)
    new_meta, new = store.version_text(article.id, to_number)
    return DiffView(article, old_meta, new_meta, old, new, diff_articles(old, new))


def diff(settings: Settings, ref: str, from_n: int | None, to_n: int | None) -> DiffView:
    """``newsdelta diff``: as :func:`load_diff`, but the versions must be older, then newer.

    (The web UI's version pickers may show a version against itself; a command asked
    for that is a typo, and a reversed diff reads as the opposite of what happened.)
    """
    store = open_store(settings)
    try:
        view = load_diff(store, ref, from_n, to_n)
    finally:
        store.close()
    older, newer = view.old_meta.number, view.new_meta.number
    if older == newer:
        raise ConfigError(
            f"nothing to compare: version {newer} against itself (--from defaults to the one before --to)"
        )
    if older > newer:
        raise ConfigError(f"--from {older} is newer than --to {newer}; give the older one first")
    return view


async def extract_target(settings: Settings, target: str) -> ArticleText:
    """Extract a local HTML file or a URL (fetched politely, once).

    ``target`` is a URL when it has a scheme (``https://...``), else a file path.
    """
    from newsdelta.extract import extract_article

    if "://" not in target:
        page = _read_page_file(target)
        return extract_article(page, Path(target).absolute().as_uri())
    from newsdelta.discover.urls import canonicalize_url
    from newsdelta.fetch import Fetcher
    from newsdelta.pipeline import page_for_extraction

    url = canonicalize_url(target)
    async with Fetcher(settings) as fetcher:
        result = await fetcher.fetch(url)
    if result.status != 200:
        raise NotFoundError(f"{url}: HTTP {result.status}")
    return extract_article(page_for_extraction(result), result.final_url)  # as checks read it


def _read_page_file(target: str) -> bytes:
    """A saved page's bytes; a missing or unreadable path is the user's error, said in one line."""
    if not target.strip():
        raise NotFoundError("give a saved HTML page or an http(s) URL")
    path = Path(target)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"no such file (and not an http(s) URL): {target!r}") from None
    except IsADirectoryError:
        raise NotFoundError(f"{target!r} is a directory; give a saved HTML page or a URL") from None
    except OSError as exc:
        raise NotFoundError(f"cannot read {target!r}: {exc.strerror or exc}") from None


def _member_dict(member: Any, role: str, url: str, outlet: str, article_id: int) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "url": url,
        "outlet": outlet,
        "role": role,
        "kind": member.kind,
        "similarity": round(member.similarity, 3),
        "credited": member.credited,
        "passages": [
            {"text": p.query_text, "other_text": p.other_text, "score": round(p.score, 3)}
            for p in member.passages
        ],
    }


def cluster_dict(cluster: Any, article_id: int) -> dict[str, Any]:
    """The JSON of ``newsdelta copies``: probable source and related articles.

    Every related entry describes a copy's relation to the cluster's source
    (kind, similarity, whether it credits the source, shared passages). When the
    article asked about is itself a copy, the source is listed too, with the
    asked article's relation to it and ``"role": "source"``.
    """
    related = []
    own = next((m for m in cluster.members if m.article_id == article_id), None)
    if own is not None:
        related.append(
            _member_dict(
                own, "source", cluster.source_url, cluster.source_outlet, cluster.source_article_id
            )
        )
    for member in cluster.members:
        if member.article_id != article_id:
            related.append(_member_dict(member, "copy", member.url, member.outlet, member.article_id))
    return {
        "article_id": article_id,
        "source": cluster.source_url,
        "source_article_id": cluster.source_article_id,
        "source_reason": cluster.source_reason,
        # The outlet the copies index knows the source by: its source name, else its
        # host (an article tracked without --source has no source name).
        "source_outlet": cluster.source_outlet,
        "semantic_stage": cluster.semantic_stage,
        "related": related,
    }


def copies_report(copies_service: Any, article_id: int) -> dict[str, Any]:
    """``newsdelta copies ARTICLE --json`` for one article (the web's article page too)."""
    try:
        cluster = copies_service.cluster_of(article_id)
    except NotFoundError:
        return {
            "article_id": article_id,
            "source": None,
            "source_article_id": None,
            "source_reason": "not indexed yet (no version)",
            "source_outlet": "",
            "semantic_stage": copies_service.semantic_stage,
            "related": [],
        }
    return cluster_dict(cluster, article_id)


def copies(settings: Settings, ref: str) -> dict[str, Any]:
    """Where else ARTICLE was published, with the probable source."""
    from newsdelta.copies.service import CopiesService

    store = open_store(settings)
    try:
        article = find_article(store, ref)
        return copies_report(CopiesService(settings, store), article.id)
    finally:
        store.close()


def delete_article(
    settings: Settings, ref: str, confirm: Callable[[ArticleRecord], bool] | None = None
) -> dict[str, Any]:
    """Forget an article: its versions, events and its place in the copies index.

    ``confirm`` is shown the article found before anything is deleted; when it
    answers False nothing is (``"deleted": False``). Archived versions are the
    evidence users keep newsdelta for, and an id typed one off names another article.
    """
    from newsdelta.copies.service import CopiesService

    store = open_store(settings)
    try:
        article = find_article(store, ref)
        if confirm is not None and not confirm(article):
            return {"id": article.id, "url": article.url, "deleted": False}
        CopiesService(settings, store, embedder=None).remove(article.id)
        store.delete_article(article.id)
    finally:
        store.close()
    return {"id": article.id, "url": article.url, "deleted": True}


def run_sync(coro: Any) -> Any:
    return asyncio.run(coro)
