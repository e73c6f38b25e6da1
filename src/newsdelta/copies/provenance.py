"""Who came first: the probable source of a cluster, and whether a copy credits it.

Evidence, strongest first:

1. **Credit lines.** A member whose outlet is named by other members' credit
   lines ("(Reuters)", "Associated Press contributed") is the source; the more
   members credit it, the stronger. Self-credits (a Reuters story's own
   "(Reuters)" dateline, also on another URL of the same outlet) do not count.
2. **Earliest trustworthy time.** A page's published date is trusted only when it
   is not after newsdelta first saw the page and not more than
   ``TRUST_WINDOW`` before it (a page "published" a month before anyone saw it is
   more likely backdated or re-dated than early). Otherwise first-seen is used.
   A published date is an *interval* (:func:`published_bounds`): exact for a
   timestamp with an offset; the whole stated day in any time zone for a
   date-only value (``2024-05-01``, parsed as midnight UTC); ±14 h for a time
   without an offset (parsed as UTC). A member's time is the *latest* instant
   it surely existed: its published upper bound, or first-seen when that is
   earlier. So an imprecise date never beats a precise timestamp or a
   first-seen inside its interval, and never makes a page later than first-seen.
3. Ties go to the lower article id (the one indexed first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Protocol

from newsdelta.copies.clean import canonical_agency
from newsdelta.core.model import DatePrecision

TRUST_WINDOW = timedelta(days=2)
CLOCK_SLACK = timedelta(minutes=5)
# Time zones run from UTC-12 to UTC+14: a local time without an offset is the
# same instant in UTC give or take 14 hours.
ZONE_SLACK = timedelta(hours=14)


@dataclass(frozen=True)
class ProvenanceDoc:
    article_id: int
    outlet: str
    first_seen: datetime
    published: datetime | None
    credits: tuple[str, ...]  # canonical agency keys
    # None: inferred from the value (see published_precision)
    precision: DatePrecision | None = None


class ProvenanceRow(Protocol):
    """What an indexed article's stored row tells provenance (``DocRecord``, ``CopyDocRow``)."""

    @property
    def article_id(self) -> int: ...
    @property
    def outlet(self) -> str: ...
    @property
    def first_seen(self) -> datetime: ...
    @property
    def published(self) -> datetime | None: ...
    @property
    def credits(self) -> tuple[str, ...]: ...
    @property
    def published_precision(self) -> DatePrecision | None: ...


def provenance_of(row: ProvenanceRow) -> ProvenanceDoc:
    """The :class:`ProvenanceDoc` of a stored row, its date's precision included."""
    return ProvenanceDoc(
        row.article_id, row.outlet, row.first_seen, row.published, row.credits,
        row.published_precision,
    )


def published_precision(d: ProvenanceDoc) -> DatePrecision:
    """The precision of ``d.published``: the stated one, else inferred.

    Extraction says (``ArticleText.published_precision``); for versions indexed
    before it did, a value of exactly 00:00:00 UTC is taken as a date, as
    extraction kept a date-only value as midnight UTC (a real timestamp at that
    very second only loses its head start, never wins wrongly).
    """
    if d.precision is not None:
        return d.precision
    p = d.published
    if p is not None and p.utcoffset() == timedelta(0) and p.timetz().replace(tzinfo=None) == time(0):
        return "day"
    return "exact"


def published_bounds(d: ProvenanceDoc) -> tuple[datetime, datetime] | None:
    """Earliest and latest instant the page may have been published at, per its date."""
    p = d.published
    if p is None:
        return None
    precision = published_precision(d)
    if precision == "day":
        return p - ZONE_SLACK, p + timedelta(days=1) + ZONE_SLACK
    if precision == "naive":
        return p - ZONE_SLACK, p + ZONE_SLACK
    return p, p


def _trusted_bounds(d: ProvenanceDoc) -> tuple[datetime, datetime] | None:
    b = published_bounds(d)
    if b is None:
        return None
    lo, hi = b
    # The interval must meet [first_seen - TRUST_WINDOW, first_seen + CLOCK_SLACK].
    if lo <= d.first_seen + CLOCK_SLACK and d.first_seen - hi <= TRUST_WINDOW:
        return b
    return None


def effective_time(d: ProvenanceDoc) -> datetime:
    """The latest instant the page surely existed: a trustworthy published date
    (its upper bound when imprecise, but never after first seen), else first seen."""
    b = _trusted_bounds(d)
    if b is None:
        return d.first_seen
    lo, hi = b
    if lo == hi:
        return hi  # exact: may be up to CLOCK_SLACK after first seen (clock skew)
    return min(hi, d.first_seen)


def _from_published(d: ProvenanceDoc) -> bool:
    b = _trusted_bounds(d)
    return b is not None and effective_time(d) == b[1] and (b[0] == b[1] or b[1] < d.first_seen)


def probable_source(docs: Sequence[ProvenanceDoc]) -> tuple[ProvenanceDoc, str]:
    """The member most likely to be the origin, with a one-line reason."""
    if not docs:
        raise ValueError("empty cluster")
    credited_by: dict[int, int] = {}
    for d in docs:
        key = canonical_agency(d.outlet)
        # Only other outlets' credits count: an outlet's own dateline on another of
        # its URLs ("(Reuters)" on a Reuters page) says nothing about which came first.
        credited_by[d.article_id] = sum(
            1 for o in docs if canonical_agency(o.outlet) != key and key in o.credits
        )
    best = max(credited_by.values())
    if best > 0:
        pool = [d for d in docs if credited_by[d.article_id] == best]
        src = min(pool, key=lambda d: (effective_time(d), d.article_id))
        return src, f"credited by {best} other article(s)"
    src = min(docs, key=lambda d: (effective_time(d), d.article_id))
    return src, "earliest published" if _from_published(src) else "earliest first seen"


def is_credited(copy: ProvenanceDoc, source: ProvenanceDoc) -> bool:
    """Does the copy name the source's outlet, or the agency the source itself credits?

    An outlet republishing its own story (a second URL, another section) owes itself
    no credit: that is never an uncredited copy.
    """
    own = canonical_agency(source.outlet)
    if canonical_agency(copy.outlet) == own:
        return True
    names = {own, *source.credits}
    return any(c in names for c in copy.credits)
