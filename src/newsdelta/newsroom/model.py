"""The simulated newsroom as pure data: outlets, scripted articles, a clock.

Nothing here does I/O. The server (:mod:`.server`) asks the model "what does
this page look like at simulated instant *now*?" on every request, so a test
can move the clock, add a version or switch on a fault while the server runs.

* :class:`SimClock` gives the simulated "now": frozen and moved by hand
  (``set``/``advance``) in tests, or fast-forwarding (``start + speed * real
  elapsed``) for the demo.
* :class:`ScriptedArticle` holds a script of versions; the content at *now* is
  the latest version with ``at <= now``; before publication the article does
  not exist (404, not listed).
* Faults (see :mod:`.faults`) come from a per-article schedule and an
  on-demand override.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from .faults import Fault, Gone, Moved, Paywall, hides_article


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError(f"naive datetime {when!r}: newsroom times must be timezone-aware")
    return when.astimezone(UTC)


class SimClock:
    """Simulated time, safe to read and move from several threads.

    Frozen by default: ``now()`` only changes through :meth:`set` and
    :meth:`advance`. With ``speed`` set (see :meth:`fast_forward`), simulated
    time runs at ``speed`` times real time from the last anchor.
    """

    def __init__(self, start: datetime, *, speed: float | None = None) -> None:
        self._lock = threading.Lock()
        self._anchor = _aware(start)
        self._anchor_real = time.monotonic()
        self._speed = speed

    @classmethod
    def fast_forward(cls, start: datetime, speed: float) -> SimClock:
        """A running clock: ``now = start + speed * (real time elapsed)``."""
        if speed <= 0:
            raise ValueError("speed must be positive")
        return cls(start, speed=speed)

    @property
    def speed(self) -> float | None:
        """Simulated seconds per real second, or ``None`` when frozen."""
        return self._speed

    def now(self) -> datetime:
        with self._lock:
            if self._speed is None:
                return self._anchor
            elapsed = time.monotonic() - self._anchor_real
            return self._anchor + timedelta(seconds=elapsed * self._speed)

    def set(self, when: datetime) -> None:
        """Jump to ``when`` (a running clock keeps running from there)."""
        with self._lock:
            self._anchor = _aware(when)
            self._anchor_real = time.monotonic()

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by ``delta``; returns the new now."""
        new = self.now() + delta
        self.set(new)
        return new

    def freeze(self) -> None:
        """Stop a running clock at the current simulated instant."""
        now = self.now()
        with self._lock:
            self._anchor = now
            self._speed = None


@dataclass(frozen=True, slots=True)
class ArticleVersion:
    """The article's text from ``at`` until the next version."""

    at: datetime
    title: str
    standfirst: str
    byline: str
    paragraphs: tuple[str, ...]

    def same_text(self, other: ArticleVersion) -> bool:
        """Whether the two versions show the same article (times ignored)."""
        return (self.title, self.standfirst, self.byline, self.paragraphs) == (
            other.title,
            other.standfirst,
            other.byline,
            other.paragraphs,
        )


@dataclass(frozen=True, slots=True)
class ScheduledFault:
    """From ``at`` on, the article behaves as ``fault`` (``None`` = normal again)."""

    at: datetime
    fault: Fault | None


@dataclass(eq=False)
class ScriptedArticle:
    """One article with its scripted history.

    ``outlet`` is the owning outlet's slug; ``section`` is the path segment
    between outlet and slug (``/{outlet}/{section}/{slug}``), so a robots.txt
    rule like ``Disallow: /rtcom/private/`` can cover some articles.
    ``also_in`` names other outlets whose feeds list this article too (with
    this article's URL), as syndication does.
    """

    slug: str
    outlet: str
    versions: list[ArticleVersion]
    section: str = "articles"
    also_in: tuple[str, ...] = ()
    schedule: list[ScheduledFault] = field(default_factory=list)
    fault: Fault | None = None
    """On-demand fault; overrides the schedule while set. Change it any time."""

    def __post_init__(self) -> None:
        if not self.versions:
            raise ValueError(f"article {self.slug!r} needs at least one version")
        self.versions.sort(key=lambda v: v.at)
        for v in self.versions:
            _aware(v.at)

    # --- script ------------------------------------------------------------

    @property
    def published(self) -> datetime:
        """Publication instant: the first version's time."""
        return self.versions[0].at

    @property
    def path(self) -> str:
        """The clean URL path of the article on the server."""
        return f"/{self.outlet}/{self.section}/{self.slug}"

    def add_version(
        self,
        at: datetime,
        *,
        title: str | None = None,
        standfirst: str | None = None,
        byline: str | None = None,
        paragraphs: tuple[str, ...] | None = None,
    ) -> ArticleVersion:
        """Script an edit at ``at``: fields not given carry over from the version before."""
        at = _aware(at)
        base = self.version_at(at) or self.versions[0]
        new = replace(
            base,
            at=at,
            title=base.title if title is None else title,
            standfirst=base.standfirst if standfirst is None else standfirst,
            byline=base.byline if byline is None else byline,
            paragraphs=base.paragraphs if paragraphs is None else tuple(paragraphs),
        )
        self.versions.append(new)
        self.versions.sort(key=lambda v: v.at)
        return new

    def version_index_at(self, now: datetime) -> int | None:
        """Index into :attr:`versions` of the version live at ``now``; ``None`` before publication."""
        index: int | None = None
        for i, version in enumerate(self.versions):
            if version.at <= now:
                index = i
            else:
                break
        return index

    def version_at(self, now: datetime) -> ArticleVersion | None:
        index = self.version_index_at(now)
        return None if index is None else self.versions[index]

    def is_published(self, now: datetime) -> bool:
        return self.published <= now

    def distinct_versions_until(self, now: datetime) -> int:
        """How many distinct texts a perfect tracker could have stored by ``now``.

        Consecutive identical versions (a re-save without edits) count once.
        """
        count = 0
        previous: ArticleVersion | None = None
        for version in self.versions:
            if version.at > now:
                break
            if previous is None or not version.same_text(previous):
                count += 1
            previous = version
        return count

    # --- faults ------------------------------------------------------------

    def set_fault(self, fault: Fault | None) -> None:
        """Switch an on-demand fault on (or off with ``None``); takes effect on the next request."""
        self.fault = fault

    def schedule_fault(self, at: datetime, fault: Fault | None) -> None:
        """From ``at`` on, behave as ``fault``; schedule ``None`` to restore the page."""
        self.schedule.append(ScheduledFault(_aware(at), fault))
        self.schedule.sort(key=lambda s: s.at)

    def delete_at(self, at: datetime, status: int = 410) -> None:
        self.schedule_fault(at, Gone(status))

    def paywall_at(self, at: datetime) -> None:
        self.schedule_fault(at, Paywall())

    def redirect_at(self, at: datetime, target: str, status: int = 301) -> None:
        self.schedule_fault(at, Moved(target, status))

    def fault_at(self, now: datetime) -> Fault | None:
        """The fault in force at ``now``: the on-demand one, else the latest scheduled one."""
        if self.fault is not None:
            return self.fault
        current: Fault | None = None
        for item in self.schedule:
            if item.at <= now:
                current = item.fault
            else:
                break
        return current

    def is_listed(self, now: datetime) -> bool:
        """Whether feeds and sitemaps list the article at ``now``."""
        return self.is_published(now) and not hides_article(self.fault_at(now))


@dataclass(eq=False)
class Outlet:
    """A news site hosted under ``/{slug}/`` on the newsroom server."""

    slug: str
    name: str
    language: str = "en"
    articles: dict[str, ScriptedArticle] = field(default_factory=dict)
    validators: bool | None = None
    """ETag/Last-Modified on or off for this outlet; ``None`` inherits the newsroom's."""
    feed_malformed: bool = False
    """Serve RSS/Atom as broken, non-XML text."""
    feed_redirect: str | None = None
    """Answer RSS/Atom with a 302 to this ``Location``, taken as it is (bad targets too)."""
    gone_sitemaps: set[str] = field(default_factory=set)
    """Which of ``"sitemap"`` and ``"news_sitemap"`` answer 404 (a sitemap index's broken child)."""
    feed_limit: int = 200
    """Most recent N articles listed in RSS/Atom."""
    tracking_params: bool = True
    """Feed links carry ``?utm_source=...&utm_medium=feed``."""
    news_sitemap_window: timedelta = timedelta(days=2)
    """Google News sitemaps list only articles published this recently."""

    def add_article(
        self,
        slug: str,
        published: datetime,
        *,
        title: str,
        standfirst: str = "",
        byline: str = "",
        paragraphs: tuple[str, ...] = (),
        section: str = "articles",
        also_in: tuple[str, ...] = (),
    ) -> ScriptedArticle:
        """Create an article whose first version appears at ``published``."""
        if slug in self.articles:
            raise ValueError(f"duplicate article slug {slug!r} in outlet {self.slug!r}")
        first = ArticleVersion(_aware(published), title, standfirst, byline, tuple(paragraphs))
        article = ScriptedArticle(
            slug=slug, outlet=self.slug, versions=[first], section=section, also_in=also_in
        )
        self.articles[slug] = article
        return article


@dataclass(eq=False)
class Newsroom:
    """Every outlet one server hosts, plus the shared clock and site settings."""

    clock: SimClock
    outlets: dict[str, Outlet] = field(default_factory=dict)
    validators: bool = True
    """Send ETag/Last-Modified and honour conditional requests (per-outlet override on :class:`Outlet`)."""
    robots_disallow: list[str] = field(default_factory=list)
    """``Disallow:`` lines of /robots.txt, e.g. ``/rtcom/private/``."""
    static_chrome: bool = False
    """Serve byte-identical pages for an unchanged version (chrome frozen per version),
    like a cache in front of a CMS that sends no validators. Benchmarks use it for
    the identical-body path."""
    heavy_chrome_kb: int = 0
    """Add about this many KB of static page weight to every article page (inline
    JSON state, stylesheet, mega-menu, footer links), as real news sites do:
    their article pages weigh 100-500 KB around a few KB of text."""

    def add_outlet(self, slug: str, name: str, *, language: str = "en") -> Outlet:
        if slug in self.outlets:
            raise ValueError(f"duplicate outlet {slug!r}")
        outlet = Outlet(slug=slug, name=name, language=language)
        self.outlets[slug] = outlet
        return outlet

    def outlet(self, slug: str) -> Outlet:
        return self.outlets[slug]

    def article(self, outlet: str, slug: str) -> ScriptedArticle:
        return self.outlets[outlet].articles[slug]

    def articles(self) -> Iterator[ScriptedArticle]:
        for outlet in self.outlets.values():
            yield from outlet.articles.values()

    def validators_for(self, outlet: str) -> bool:
        own = self.outlets[outlet].validators
        return self.validators if own is None else own

    def listed_in(self, outlet: str, now: datetime) -> list[ScriptedArticle]:
        """Articles an outlet's feed lists at ``now``: its own plus syndicated ones, newest first."""
        found = [
            a
            for a in self.articles()
            if (a.outlet == outlet or outlet in a.also_in) and a.is_listed(now)
        ]
        found.sort(key=lambda a: (a.published, a.slug), reverse=True)
        return found

    def expected_versions(self, now: datetime | None = None) -> dict[str, int]:
        """Article path -> distinct versions published by ``now`` (default: clock now)."""
        when = self.clock.now() if now is None else now
        return {
            a.path: a.distinct_versions_until(when) for a in self.articles() if a.is_published(when)
        }


__all__ = [
    "ArticleVersion",
    "Newsroom",
    "Outlet",
    "ScheduledFault",
    "ScriptedArticle",
    "SimClock",
]
