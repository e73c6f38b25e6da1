"""Who came first: the probable source of a cluster, and whether a copy credits it.

Evidence, strongest first:

1. **Credit lines.** A member whose outlet is named by other members' credit
   lines ("(Reuters)", "Associated Press contributed") is the source; the more
   members credit it, the stronger. Self-credits (a Reuters story's own
   "(Reuters)" dateline) do not count.
2. **Earliest trustworthy time.** A page's published date is trusted only when it
   is not after newsdelta first saw the page and not more than
   ``TRUST_WINDOW`` before it (a page "published" a month before anyone saw it is
   more likely backdated or re-dated than early). Otherwise first-seen is used.
3. Ties go to the lower article id (the one indexed first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsdelta.copies.clean import canonical_agency

TRUST_WINDOW = timedelta(days=2)
CLOCK_SLACK = timedelta(minutes=5)


@dataclass(frozen=True)
class ProvenanceDoc:
    article_id: int
    outlet: str
    first_seen: datetime
    published: datetime | None
    credits: tuple[str, ...]  # canonical agency keys


def effective_time(d: ProvenanceDoc) -> datetime:
    """Published date when trustworthy, else first seen."""
    p = d.published
    if p is not None and p <= d.first_seen + CLOCK_SLACK and d.first_seen - p <= TRUST_WINDOW:
        return p
    return d.first_seen


def probable_source(docs: Sequence[ProvenanceDoc]) -> tuple[ProvenanceDoc, str]:
    """The member most likely to be the origin, with a one-line reason."""
    if not docs:
        raise ValueError("empty cluster")
    credited_by: dict[int, int] = {}
    for d in docs:
        key = canonical_agency(d.outlet)
        credited_by[d.article_id] = sum(
            1 for o in docs if o.article_id != d.article_id and key in o.credits
        )
    best = max(credited_by.values())
    if best > 0:
        pool = [d for d in docs if credited_by[d.article_id] == best]
        src = min(pool, key=lambda d: (effective_time(d), d.article_id))
        return src, f"credited by {best} other article(s)"
    src = min(docs, key=lambda d: (effective_time(d), d.article_id))
    trusted = src.published is not None and effective_time(src) == src.published
    return src, "earliest published" if trusted else "earliest first seen"


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
