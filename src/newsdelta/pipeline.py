"""``check(article) -> CheckOutcome``: the one flow that owns an article check.

Both runners (embedded asyncio loop, and any scale-out worker) call
:func:`check`; nothing else decides whether a version is new.

Cheap before expensive, because most checks find nothing new:

1. conditional GET: a 304 ends the check (no body, no parsing);
2. body digests (from the fetcher): identical compressed bytes end the check
   before inflating, identical raw bytes before parsing;
3. extraction + text fingerprint: chrome-only changes end here;
4. only a changed fingerprint loads the previous version, applies the
   versioning rules (broken extraction, flip-flop) and summarises the edit;
   with an :class:`~newsdelta.check_batches.EditBatch` in the context, the
   check parks there and is finished together with others.

Every outcome, including errors, is written atomically: on its own
(:meth:`Store.record_check`), or in one transaction with the other routine
outcomes or edits of its batch.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

from newsdelta.check_batches import EditBatch, PlannedWrite, RoutineWrites
from newsdelta.core.diff.summary import summarize_edit
from newsdelta.core.diff.tokens import remember_plain_keys
from newsdelta.core.model import ArticleText, CheckOutcome, CheckResult, FetchResult, PageEvent
from newsdelta.core.normalize import article_fingerprint, fingerprint_and_forms
from newsdelta.core.schedule import ScheduleDecision, SchedulePolicy, ScheduleState, after_check
from newsdelta.core.versioning import Verdict, VersionPolicy, decide, stub_phrase_in_page
from newsdelta.discover.urls import (
    canonicalize_url,
    is_address_of_same_page,
    is_site_root,
    looks_like_a_wall,
)
from newsdelta.errors import (
    BadURLError,
    ConfigError,
    ExtractionError,
    FetchError,
    PrivateAddressError,
    RobotsDisallowedError,
    unexpected_error_reason,
)
from newsdelta.extract import extract_article, extractor_version, visible_text
from newsdelta.settings import Settings
from newsdelta.store import (
    ArticleRecord,
    ChangeSummary,
    CheckWrite,
    EventWrite,
    NewVersion,
    PreviousVersion,
    ScheduleWrite,
    Store,
)

log = logging.getLogger(__name__)

REMOVED_STATUSES = frozenset({404, 410})
BLOCKED_STATUSES = frozenset({401, 402, 403, 451})


class PageFetcher(Protocol):
    """What the pipeline needs of the fetch room (an in-memory fake satisfies it too)."""

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        kind: Literal["page", "feed", "any"] = "page",
        known_hash: str | None = None,
        known_wire_hash: str | None = None,
    ) -> FetchResult: ...


ROUTINE_RESULTS = frozenset({CheckResult.NOT_MODIFIED, CheckResult.IDENTICAL, CheckResult.UNCHANGED})


@dataclass(frozen=True)
class CheckContext:
    """Everything one check needs, passed explicitly."""

    settings: Settings
    store: Store
    fetcher: PageFetcher
    clock: Callable[[], datetime]
    routine: RoutineWrites | None = None
    """When given, routine outcomes are buffered here; the owner must ``flush()``."""
    edits: EditBatch | None = None
    """When given, checks whose text changed park here and are finished in
    batches (see :mod:`newsdelta.check_batches`); otherwise each is finished at once."""
    copies: CopiesIndexer | None = None
    """When given, every new version is added to the cross-outlet copies index."""


class CopiesIndexer(Protocol):
    """What the pipeline needs of the copies room (see ``newsdelta.copies.service``)."""

    def index_version(
        self,
        *,
        article_id: int,
        version_id: int,
        outlet: str,
        url: str,
        text: ArticleText,
        first_seen: datetime,
    ) -> object: ...

    def remove(self, article_id: int) -> None: ...


def schedule_policy(settings: Settings, source_name: str | None) -> SchedulePolicy:
    override = settings.sources.get(source_name) if source_name else None
    return SchedulePolicy.from_settings(settings, override)


def _state_of(article: ArticleRecord) -> ScheduleState:
    return ScheduleState(
        interval_s=article.interval_s,
        consecutive_errors=article.consecutive_errors,
        last_change_at=article.last_change_at,
        retired=article.retired,
    )


def _schedule_write(decision: ScheduleDecision, changed_at: datetime | None) -> ScheduleWrite:
    return ScheduleWrite(
        next_check_at=decision.next_check_at,
        interval_s=decision.state.interval_s,
        consecutive_errors=decision.state.consecutive_errors,
        retired=decision.retired,
        retired_reason=decision.reason if decision.retired else None,
        last_change_at=changed_at,
    )


class _Check:
    """One check in progress; small methods per stage keep ``run`` readable."""

    def __init__(self, ctx: CheckContext, article: ArticleRecord) -> None:
        self.ctx = ctx
        self.article = article
        self.now = ctx.clock()
        self.policy = schedule_policy(ctx.settings, article.source_name)
        self.text: ArticleText | None = None
        self.final_url: str | None = None
        """Where the page was read from, after redirects."""
        self._changed: tuple[FetchResult, ArticleText, str] | None = None
        """Set when the extracted text differs from the last version's."""

    def finish(self, result: CheckResult, **details: Any) -> CheckOutcome:
        """Plan the check's write (see :meth:`plan`) and apply it now."""
        return self.finish_planned(self.plan(result, **details))

    def finish_planned(self, planned: PlannedWrite) -> CheckOutcome:
        if planned.routine:
            if self.ctx.routine is not None:
                self.ctx.routine.add(planned.article_id, planned.write)
            else:
                self.ctx.store.record_routine_checks([(planned.article_id, planned.write)])
            return planned.outcome
        return planned.written(self.ctx.store.record_check(planned.article_id, planned.write))

    def plan(
        self,
        result: CheckResult,
        *,
        changed: bool = False,
        error: bool = False,
        reason: str = "",
        event: PageEvent | None = None,
        status: int | None = None,
        fetched: FetchResult | None = None,
        cache_keys: bool = False,
        page_state: str | None = None,
        text: ArticleText | None = None,
        version: NewVersion | None = None,
        fingerprint: str | None = None,
        refused_fingerprint: str | None = None,
    ) -> PlannedWrite:
        """The check's whole effect on the database, and its outcome; writes nothing.

        ``fingerprint`` re-baselines the article's text; ``refused_fingerprint`` is the
        text a refusal refused, kept with its event to count refusals in a row.
        """
        decision = after_check(
            self.policy, _state_of(self.article), changed=changed, error=error, now=self.now
        )
        # Events are for what versions do not show: refusals, errors, page events.
        notable = result not in ROUTINE_RESULTS and version is None
        write = CheckWrite(
            at=self.now,
            result=result.value,
            schedule=_schedule_write(decision, self.now if changed else None),
            etag=fetched.etag if fetched else None,
            last_modified=fetched.last_modified if fetched else None,
            raw_hash=fetched.raw_hash if fetched and cache_keys else None,
            wire_hash=fetched.wire_hash if fetched and cache_keys else None,
            update_cache_keys=cache_keys,
            page_state=page_state,
            final_url=fetched.final_url if fetched else None,
            title=text.title if text and text.title else None,
            published_at=text.published if text else None,
            event=EventWrite(
                result.value, event.value if event else None, status, reason,
                fingerprint=refused_fingerprint, check_number=self.article.checks_count + 1,
            )
            if notable or event or fingerprint
            else None,
            version=version,
            fingerprint=fingerprint,
        )
        outcome = CheckOutcome(
            article_id=self.article.id,
            url=self.article.url,
            result=result,
            event=event,
            reason=reason,
            next_check=decision.next_check_at,
            retired=decision.retired,
        )
        routine = result in ROUTINE_RESULTS and write.event is None and write.version is None
        return PlannedWrite(write=write, routine=routine, outcome=outcome)

    def restored_event(self) -> PageEvent | None:
        return PageEvent.RESTORED if self.article.page_state != "ok" else None

    async def run(self) -> CheckOutcome:
        article = self.article
        try:
            fetched = await self.ctx.fetcher.fetch(
                article.url,
                etag=article.etag,
                last_modified=article.last_modified,
                known_hash=article.raw_hash,
                known_wire_hash=article.wire_hash,
            )
        except (RobotsDisallowedError, PrivateAddressError, BadURLError) as exc:
            return self.finish(CheckResult.SKIPPED, error=True, reason=f"{exc.reason}: {exc.message}")
        except FetchError as exc:
            return self.finish(CheckResult.ERROR, error=True, reason=f"{exc.reason}: {exc.message}")

        if fetched.not_modified and not self._redirected_elsewhere(fetched):
            # The page is back as we last had it: a removal or block has ended. (A 304
            # from the page a removed article now redirects to is that redirect, below.)
            restored = self.restored_event()
            return self.finish(  # the page's state column is written only when it changes
                CheckResult.NOT_MODIFIED, fetched=fetched,
                event=restored, page_state="ok" if restored else None,
            )
        status = fetched.status
        if status in REMOVED_STATUSES:
            event = PageEvent.REMOVED if article.page_state != "removed" else None
            return self.finish(
                CheckResult.REMOVED, event=event, status=status, reason=f"HTTP {status}",
                page_state="removed",
            )
        if status in BLOCKED_STATUSES:
            event = PageEvent.BLOCKED if article.page_state != "blocked" else None
            return self.finish(
                CheckResult.BLOCKED, event=event, status=status, reason=f"HTTP {status}",
                page_state="blocked",
            )
        if status >= 400 or status < 200:
            return self.finish(
                CheckResult.ERROR, error=True, status=status, reason=f"HTTP {status}"
            )
        if fetched.redirects and article.version_count == 0:
            merged = self._adopt_redirect_target(fetched)
            if merged is not None:
                return merged
        if self._redirected_elsewhere(fetched):
            event = PageEvent.REDIRECTED if article.page_state != "redirected" else None
            return self.finish(
                CheckResult.REDIRECTED, event=event, status=status,
                reason=f"redirected to {fetched.final_url}", page_state="redirected",
                fetched=fetched,
            )
        if fetched.known_body:  # the body we have: its bytes (or compressed bytes) are the same
            return self.finish(
                CheckResult.IDENTICAL, fetched=fetched, cache_keys=True,
                event=self.restored_event(), page_state="ok",
            )
        outcome = await self._after_extraction(fetched)
        if outcome.version_number is not None and self.ctx.copies is not None:
            await self._index_copies(outcome.version_number)
        return outcome

    async def _index_copies(self, number: int) -> None:
        """Add the new version to the copies index, off the event loop.

        The index commits on its own: a crash between the version and its index
        entry only delays detection until the article's next version.
        """
        assert self.ctx.copies is not None and self.text is not None
        article = self.article
        version_id = self.ctx.store.version_id(article.id, number)
        try:
            await asyncio.to_thread(
                self.ctx.copies.index_version,
                article_id=article.id,
                version_id=version_id,
                # The page's own host, not a short link's (t.co, bit.ly) it was listed by.
                outlet=article.source_name or urlsplit(self.final_url or article.url).netloc,
                url=article.url,
                text=self.text,
                first_seen=article.first_seen_at,
            )
            if not self.ctx.store.has_article(article.id):
                # Deleted while it was being indexed: `delete` already cleared the index,
                # so what was just added would name an article that no longer exists.
                await asyncio.to_thread(self.ctx.copies.remove, article.id)
        except Exception:  # the index is auxiliary: a failure must not lose the check
            log.exception("copies index: could not index article %s", article.id)

    def _redirected_elsewhere(self, fetched: FetchResult) -> bool:
        """A redirect to a *different* page (not http->https, a trailing-slash fix, or
        an address the article was first captured at)."""
        if not fetched.redirects:
            return False
        try:
            final = canonicalize_url(fetched.final_url)
        except BadURLError:
            return True
        if _page_key(final) == _page_key(self.article.url):
            return False
        return self.ctx.store.url_owner(final) != self.article.id

    def _adopt_redirect_target(self, fetched: FetchResult) -> CheckOutcome | None:
        """On an article's first capture, where its URL redirects is its address.

        Feeds list short links, click trackers and pre-www addresses; their first
        fetch lands on the article. That target becomes one of the article's
        addresses (so later checks that land there are not "redirected"), or,
        when another tracked article already has it, this one merges into it.
        A redirect to the home page or to a login, subscription or consent page is
        not adopted (that is how sites remove or wall pages), nor one to a page
        that another article merely landed on too: shared pages never merge articles.
        """
        try:
            final = canonicalize_url(fetched.final_url)
        except BadURLError:
            return None
        if final == self.article.url or is_site_root(final) or looks_like_a_wall(final):
            return None  # not the article's address: "redirected elsewhere", below
        owner = self.ctx.store.url_owner(final)
        if owner is None:
            return self._add_address(final)  # adopted: None
        if owner != self.article.id and self.ctx.store.find_article(owner).url == final:
            return self._add_address(final)  # it lands on another article itself: merged
        # Another article landed here too (a shared page: a section, a wall): this
        # one is not that article, and stays "redirected elsewhere".
        return None

    def _add_address(self, url: str) -> CheckOutcome | None:
        """Record ``url`` as this article's; the MERGED outcome when another article has it."""
        survivor = self.ctx.store.add_alias(self.article.id, url)
        if survivor == self.article.id:
            return None
        # This article, never captured, was a duplicate of one already tracked, and is
        # gone. The survivor is checked on its own schedule: using this page's text for
        # it could store a different page (a live blog, a syndicated copy) as its edit,
        # or store its first version twice when both are checked in one pass.
        log.info("article %s is article %s (%s); merged", self.article.id, survivor, url)
        return CheckOutcome(
            article_id=self.article.id, url=self.article.url, result=CheckResult.MERGED,
            reason=f"the same page as article {survivor} ({url})",
        )

    async def _after_extraction(self, fetched: FetchResult) -> CheckOutcome:
        article = self.article
        try:
            text = extract_article(
                page_for_extraction(fetched), fetched.final_url, selectors=self._selectors()
            )
        except (ExtractionError, ConfigError) as exc:  # undecodable page; a source's bad selector
            return self.finish(CheckResult.ERROR, error=True, reason=f"{exc.reason}: {exc.message}")
        self.text = text
        self.final_url = fetched.final_url
        if text.canonical_url and article.version_count == 0:
            merged = self._note_canonical(text.canonical_url, fetched.final_url)
            if merged is not None:
                return merged
        fingerprint, forms = fingerprint_and_forms(text)
        if fingerprint == article.fingerprint:
            return self.finish(
                CheckResult.UNCHANGED, fetched=fetched, cache_keys=True, text=text,
                event=self.restored_event(), page_state="ok",
            )
        # The text changed, so it will be diffed: the fingerprint's forms of plain
        # paragraphs are their diff keys too, and need not be computed again.
        remember_plain_keys(text.paragraphs, forms)
        self._changed = (fetched, text, fingerprint)
        if self.ctx.edits is not None:
            return await self.ctx.edits.park(self)
        previous = self.ctx.store.previous_version(article.id, fingerprint)
        return self.finish_planned(self.plan_edit(previous))

    @property
    def article_id(self) -> int:
        return self.article.id

    @property
    def fingerprint(self) -> str:
        assert self._changed is not None
        return self._changed[2]

    def _selectors(self) -> Mapping[str, str] | None:
        override = self.ctx.settings.sources.get(self.article.source_name or "")
        return override.selectors if override else None

    def plan_edit(self, previous: PreviousVersion) -> PlannedWrite:
        """The text changed: apply the versioning rules against ``previous``, diff.

        Writes nothing, so an :class:`EditBatch` can write many in one transaction.
        """
        assert self._changed is not None
        fetched, text, fingerprint = self._changed
        article = self.article
        settings = self.ctx.settings
        selectors = self._selectors()
        last_good = previous.text
        # The store kept the stored version's word count; a re-extraction has its own.
        last_good_words = previous.meta.word_count if previous.meta is not None else None
        current_extractor = extractor_version(selectors)
        if previous.meta is not None and previous.meta.extractor_version != current_extractor:
            # The extractor changed since the last version: read that version's archived
            # page again, so only the article's own changes count as edits.
            last_good = self._reextract(previous.meta.id, selectors)
            last_good_words = None
            if article_fingerprint(last_good) == fingerprint:
                return self.plan(
                    CheckResult.UNCHANGED, fetched=fetched, cache_keys=True, text=text,
                    reason=f"extractor upgraded to {current_extractor}; text re-baselined",
                    fingerprint=fingerprint, page_state="ok",
                )
        seen = previous.fingerprint_seen
        policy = VersionPolicy(shrink_ratio=settings.shrink_ratio, min_words=settings.min_words)
        verdict = decide(
            text,
            last_fingerprint=article.fingerprint,
            last_good=last_good,
            seen_counts={fingerprint: seen},
            policy=policy,
            fingerprint=fingerprint,
            last_good_words=last_good_words,
        )
        if verdict.verdict is Verdict.REFUSED and verdict.reason.startswith("far shorter"):
            # A cut that persists is an edit: ask the store how often it was refused.
            verdict = decide(
                text,
                last_fingerprint=article.fingerprint,
                last_good=last_good,
                seen_counts={fingerprint: seen},
                policy=policy,
                refused_streak=self.ctx.store.refusal_streak(
                    article.id, fingerprint, article.checks_count
                ),
                fingerprint=fingerprint,
                last_good_words=last_good_words,
            )
        if verdict.verdict is Verdict.REFUSED:
            reason = verdict.reason
            if not text.paragraphs:
                reason = stub_phrase_in_page(visible_text(fetched.text or "")) or reason
            return self.plan(
                CheckResult.REFUSED, reason=reason, status=fetched.status, fetched=fetched,
                refused_fingerprint=fingerprint,
            )
        if verdict.verdict is Verdict.FLIP_FLOP:
            return self.plan(
                CheckResult.FLIP_FLOP, reason=verdict.reason, fetched=fetched, cache_keys=True,
                text=text,
            )
        if verdict.verdict is Verdict.UNCHANGED:
            return self.plan(CheckResult.UNCHANGED, fetched=fetched, cache_keys=True, text=text)
        summary = ChangeSummary()
        if last_good is not None:
            edit = summarize_edit(last_good, text)
            summary = ChangeSummary(
                words_added=edit.words_added,
                words_removed=edit.words_deleted,
                headline_changed=edit.headline_changed,
                labels=edit.labels,
                significance=edit.significance,
            )
        version = NewVersion(
            text=text,
            fingerprint=fingerprint,
            extractor_version=current_extractor,
            raw_body=fetched.body,
            raw_gzip=fetched.gzip_body,
            final_url=fetched.final_url,
            encoding=fetched.encoding,
            content_type=fetched.content_type or None,
            summary=summary,
            planned_against=(previous.meta.id, previous.text)
            if previous.meta is not None and previous.text is not None
            else None,
        )
        result = CheckResult.NEW_ARTICLE if last_good is None else CheckResult.NEW_VERSION
        return self.plan(
            result, changed=True, fetched=fetched, cache_keys=True, text=text, version=version,
            event=self.restored_event(), page_state="ok",
        )

    def _reextract(self, version_id: int, selectors: Mapping[str, str] | None) -> ArticleText:
        """The last version's archived page as the current extractor reads it."""
        page = self.ctx.store.raw_page(version_id)
        return extract_article(page.body, page.final_url, selectors=selectors)

    def _note_canonical(self, canonical: str, page_url: str) -> CheckOutcome | None:
        """Record the page's own canonical URL so no two feeds track it twice.

        ``page_url`` is where the page was fetched from (after redirects: a short
        link's landing page). Only a canonical on that page's site and not its
        home page is believed (:func:`is_address_of_same_page`).
        """
        try:
            url = canonicalize_url(canonical, base=page_url)
        except BadURLError:
            return None
        if url == self.article.url or not is_address_of_same_page(page_url, url):
            return None
        return self._add_address(url)


_UTF8_CODECS = frozenset({"utf-8", "utf-8-sig"})


def page_for_extraction(fetched: FetchResult) -> str | bytes:
    """The page as the extractor reads it cheapest, without changing what it reads.

    lxml parses UTF-8 bytes; text the fetcher decoded would be encoded back to them
    (0.09 ms on a 150 KB page). So when the fetcher found the body to be UTF-8, its
    bytes go as they came; any other charset goes as the decoded text, because the
    extractor would read undeclared bytes as UTF-8 first.
    """
    if fetched.encoding in _UTF8_CODECS:
        return fetched.body
    return fetched.text or ""


def _page_key(url: str) -> str:
    """A URL without scheme and trailing slash: what makes two addresses one page."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path.rstrip('/')}?{parts.query}"


async def check(ctx: CheckContext, article: ArticleRecord) -> CheckOutcome:
    """Check one article end to end and record the outcome."""
    one = _Check(ctx, article)
    if ctx.edits is None:
        return await _guarded(one)
    ctx.edits.enter()  # the batch must know every check that may still park in it
    try:
        return await _guarded(one)
    finally:
        ctx.edits.leave()


async def _guarded(one: _Check) -> CheckOutcome:
    """``one.run()``; an unexpected error becomes this article's error, not the pass's.

    A page can trip a bug anywhere (the extractor, a library, our own code). Before,
    the exception ended the whole pass, the article stayed due, and every later pass
    ended on it again. Now it is logged with its traceback and recorded as an error
    check, so the article backs off like any failing page and the others go on.
    If the database cannot record that either, the recording's error ends the pass.
    """
    try:
        return await one.run()
    except Exception as exc:
        if not one.ctx.store.has_article(one.article.id):
            # Deleted (`newsdelta delete`, the admin page) while it was being checked:
            # there is nothing left to record against, and nothing went wrong.
            log.info("article %s was deleted during its check", one.article.id)
            return CheckOutcome(one.article.id, one.article.url, CheckResult.ERROR,
                                reason="deleted during its check")
        log.exception("check of %s failed unexpectedly", one.article.url)
        return one.finish(CheckResult.ERROR, error=True, reason=unexpected_error_reason(exc))


__all__ = [
    "BLOCKED_STATUSES",
    "REMOVED_STATUSES",
    "CheckContext",
    "PageFetcher",
    "check",
    "page_for_extraction",
]
