"""Read-only queries the web layer needs beyond the repository.

Lists across outlets (recent changes), per-outlet statistics and the
aggregates behind the stats page. Every function takes an engine, runs short
read transactions and returns plain records; nothing here writes.

Pagination is keyset ("seek") pagination: a page ends with the sort key of
its last row, and the next page asks for rows strictly after it. Unlike
OFFSET, it costs the same on page 1,000 as on page 1 and never skips or
repeats a row when new versions arrive between two requests. The web layer
wraps the key into an opaque cursor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, Select, and_, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement

from newsdelta.core.model import DatePrecision, date_precision
from newsdelta.store.schema import articles, sources, versions


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A new version (number >= 2) with its article and outlet."""

    version_id: int
    article_id: int
    number: int
    captured_at: datetime
    title: str
    article_url: str
    source_name: str | None
    words_added: int
    words_removed: int
    headline_changed: bool
    labels: tuple[str, ...]
    significance: float | None

    @property
    def key(self) -> tuple[datetime, int]:
        """Sort key of this row, for the next page's ``before``."""
        return (self.captured_at, self.version_id)


def recent_changes(
    engine: Engine,
    *,
    source: str | None = None,
    article_id: int | None = None,
    headline_only: bool = False,
    label: str | None = None,
    min_significance: float | None = None,
    limit: int = 50,
    before: tuple[datetime, int] | None = None,
) -> tuple[list[ChangeRow], tuple[datetime, int] | None]:
    """Newest changes first; returns (rows, key for the next page or ``None``).

    ``label`` keeps changes carrying that edit label (``quote``, ``number``, ...);
    ``min_significance`` keeps changes scoring at least that much (0..1).
    """
    conditions: list[ColumnElement[bool]] = [versions.c.number > 1]
    if label is not None:
        # Labels are stored as a JSON list of ids; the quotes make the match exact.
        conditions.append(versions.c.labels.like(f'%"{label}"%'))
    if min_significance is not None:
        conditions.append(versions.c.significance >= min_significance)
    if source is not None:
        conditions.append(sources.c.name == source)
    if article_id is not None:
        conditions.append(versions.c.article_id == article_id)
    if headline_only:
        conditions.append(versions.c.headline_changed.is_(True))
    if before is not None:
        at, version_id = before
        conditions.append(
            or_(
                versions.c.captured_at < at,
                and_(versions.c.captured_at == at, versions.c.id < version_id),
            )
        )
    query = (
        select(
            versions.c.id,
            versions.c.article_id,
            versions.c.number,
            versions.c.captured_at,
            versions.c.title,
            versions.c.words_added,
            versions.c.words_removed,
            versions.c.headline_changed,
            versions.c.labels,
            versions.c.significance,
            articles.c.url,
            sources.c.name.label("source_name"),
        )
        .select_from(
            versions.join(articles, versions.c.article_id == articles.c.id).outerjoin(
                sources, articles.c.source_id == sources.c.id
            )
        )
        .where(and_(*conditions))
        .order_by(versions.c.captured_at.desc(), versions.c.id.desc())
        .limit(limit + 1)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    changes = [
        ChangeRow(
            version_id=int(r.id),
            article_id=int(r.article_id),
            number=int(r.number),
            captured_at=r.captured_at,
            title=r.title,
            article_url=r.url,
            source_name=r.source_name,
            words_added=int(r.words_added or 0),
            words_removed=int(r.words_removed or 0),
            headline_changed=bool(r.headline_changed),
            labels=tuple(json.loads(r.labels or "[]")),
            significance=r.significance,
        )
        for r in rows[:limit]
    ]
    more = len(rows) > limit
    return changes, (changes[-1].key if more and changes else None)


@dataclass(frozen=True, slots=True)
class OutletStats:
    """One outlet as the outlets page shows it."""

    id: int
    name: str
    articles: int
    versions: int
    changes_last_day: int
    last_ok_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    feeds: tuple[str, ...]

    @property
    def failing(self) -> bool:
        if self.last_error_at is None:
            return False
        return self.last_ok_at is None or self.last_error_at >= self.last_ok_at


def outlet_stats(engine: Engine, now: datetime) -> list[OutletStats]:
    """Every outlet with its counts, changes in the last 24 hours and health."""
    from newsdelta.store.schema import source_feeds

    day_ago = now - timedelta(days=1)
    with engine.connect() as conn:
        counts = {
            row.source_id: (int(row.n), int(row.v or 0))
            for row in conn.execute(
                select(
                    articles.c.source_id,
                    func.count().label("n"),
                    func.sum(articles.c.version_count).label("v"),
                ).group_by(articles.c.source_id)
            )
        }
        recent = {
            row.source_id: int(row.n)
            for row in conn.execute(
                select(articles.c.source_id, func.count().label("n"))
                .select_from(versions.join(articles, versions.c.article_id == articles.c.id))
                .where(and_(versions.c.captured_at >= day_ago, versions.c.number > 1))
                .group_by(articles.c.source_id)
            )
        }
        feeds: dict[int, list[str]] = {}
        for row in conn.execute(select(source_feeds.c.source_id, source_feeds.c.url)):
            feeds.setdefault(int(row.source_id), []).append(row.url)
        rows = conn.execute(select(sources).order_by(sources.c.name)).all()
    return [
        OutletStats(
            id=int(r.id),
            name=r.name,
            articles=counts.get(r.id, (0, 0))[0],
            versions=counts.get(r.id, (0, 0))[1],
            changes_last_day=recent.get(r.id, 0),
            last_ok_at=r.last_ok_at,
            last_error=r.last_error,
            last_error_at=r.last_error_at,
            feeds=tuple(feeds.get(int(r.id), ())),
        )
        for r in rows
    ]


def changes_per_day(
    engine: Engine, since: datetime, until: datetime
) -> dict[str, dict[str, int]]:
    """``{outlet: {"YYYY-MM-DD": changes}}`` for changes captured in [since, until)."""
    day = func.substr(versions.c.captured_at, 1, 10)
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            day = func.to_char(versions.c.captured_at, "YYYY-MM-DD")
        rows = conn.execute(
            select(
                func.coalesce(sources.c.name, "(no outlet)").label("outlet"),
                day.label("day"),
                func.count().label("n"),
            )
            .select_from(
                versions.join(articles, versions.c.article_id == articles.c.id).outerjoin(
                    sources, articles.c.source_id == sources.c.id
                )
            )
            .where(
                and_(
                    versions.c.number > 1,
                    versions.c.captured_at >= since,
                    versions.c.captured_at < until,
                )
            )
            .group_by("outlet", "day")
        ).all()
    result: dict[str, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row.outlet, {})[str(row.day)] = int(row.n)
    return result


TIME_TO_CHANGE_BUCKETS: tuple[tuple[str, float], ...] = (
    ("< 1 hour", 3600.0),
    ("1-3 hours", 3 * 3600.0),
    ("3-12 hours", 12 * 3600.0),
    ("12-24 hours", 86400.0),
    ("1-3 days", 3 * 86400.0),
    ("3-7 days", 7 * 86400.0),
    ("> 7 days", float("inf")),
)
"""(label, upper bound in seconds) of the time-to-change histogram."""


def time_to_change(engine: Engine, since: datetime) -> list[tuple[str, int]]:
    """How long after publication (or first sight) changes happened, as a histogram.

    Counts every change captured since ``since``; the delay is measured from
    the article's published time when known, else from when it was first seen.
    """
    origin = func.coalesce(articles.c.published_at, articles.c.first_seen_at)
    with engine.connect() as conn:
        rows = conn.execute(
            select(versions.c.captured_at, origin.label("origin"))
            .select_from(versions.join(articles, versions.c.article_id == articles.c.id))
            .where(and_(versions.c.number > 1, versions.c.captured_at >= since))
        ).all()
    counts = [0] * len(TIME_TO_CHANGE_BUCKETS)
    for row in rows:
        origin_at = row.origin
        if isinstance(origin_at, str):  # coalesce() loses the column type on SQLite
            origin_at = datetime.fromisoformat(origin_at)
        if origin_at.tzinfo is None:
            origin_at = origin_at.replace(tzinfo=UTC)
        delay = (row.captured_at - origin_at).total_seconds()
        for index, (_, bound) in enumerate(TIME_TO_CHANGE_BUCKETS):
            if delay < bound:
                counts[index] += 1
                break
    return [(label, counts[i]) for i, (label, _) in enumerate(TIME_TO_CHANGE_BUCKETS)]


__all__ = [
    "TIME_TO_CHANGE_BUCKETS",
    "ChangeRow",
    "OutletStats",
    "changes_per_day",
    "outlet_stats",
    "recent_changes",
    "time_to_change",
]


# --- copies: verified pairs for list pages ---------------------------------------------
#
# List pages (the uncredited-copies feed, outlet pages) read the recorded pairs in
# ``copies_matches`` with the provenance columns of both sides from ``copies_docs``;
# they never rebuild clusters or decompress article text. The copies room decides who
# is the source; these functions only fetch rows.


@dataclass(frozen=True, slots=True)
class CopyDocRow:
    """The provenance columns of one indexed article (no text)."""

    article_id: int
    outlet: str
    url: str
    title: str
    first_seen: datetime
    published: datetime | None
    credits: tuple[str, ...]
    published_precision: DatePrecision | None = None


@dataclass(frozen=True, slots=True)
class CopyPairRow:
    """One verified pair; ``a`` is the article whose indexing found it."""

    a: int
    b: int
    kind: str
    similarity: float
    passages: tuple[tuple[str, str, float], ...]  # (text in a, text in b, score)

    @property
    def key(self) -> tuple[int, int]:
        return (self.a, self.b)


def _aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _pair(row: Row[Any], with_passages: bool) -> CopyPairRow:
    m = row._mapping
    passages: tuple[tuple[str, str, float], ...] = ()
    if with_passages:
        passages = tuple((str(p[0]), str(p[1]), float(p[2])) for p in json.loads(m["passages"]))
    return CopyPairRow(int(m["a"]), int(m["b"]), str(m["kind"]), float(m["similarity"]), passages)


def copy_pairs(
    engine: Engine, *, limit: int = 100, before: tuple[int, int] | None = None
) -> list[CopyPairRow]:
    """Recorded pairs, newest finder first: ``(a, b)`` descending, keyset-paginated.

    The order walks the primary key of ``copies_matches``, so a page costs the
    same wherever it starts.
    """
    from newsdelta.store.schema import copies

    m = copies.matches
    stmt = select(m).order_by(m.c.a.desc(), m.c.b.desc()).limit(limit)
    if before is not None:
        stmt = stmt.where(or_(m.c.a < before[0], and_(m.c.a == before[0], m.c.b < before[1])))
    return [_pair(r, True) for r in _rows(engine, stmt)]


def copy_pairs_touching(
    engine: Engine, ids: set[int] | list[int], *, with_passages: bool = False
) -> list[CopyPairRow]:
    """Every recorded pair with either side in ``ids`` (uses the PK and ``ix_copies_matches_b``)."""
    from newsdelta.store.schema import copies

    wanted = sorted(set(ids))
    if not wanted:
        return []
    m = copies.matches
    out: dict[tuple[int, int], CopyPairRow] = {}
    for start in range(0, len(wanted), 500):  # stay under SQL parameter limits
        chunk = wanted[start : start + 500]
        for col in (m.c.a, m.c.b):
            for r in _rows(engine, select(m).where(col.in_(chunk))):
                pair = _pair(r, with_passages)
                out[pair.key] = pair
    return list(out.values())


def copy_docs(engine: Engine, ids: set[int] | list[int]) -> dict[int, CopyDocRow]:
    """Provenance columns of indexed articles, with the tracked title when known."""
    from newsdelta.store.schema import copies

    wanted = sorted(set(ids))
    d = copies.docs
    # The indexed version's title (the article row's title may lag behind).
    cols = (d.c.article_id, d.c.outlet, d.c.url, d.c.first_seen, d.c.published, d.c.credits,
            d.c.published_precision,
            func.coalesce(versions.c.title, articles.c.title).label("title"))
    joined = d.outerjoin(versions, versions.c.id == d.c.version_id).outerjoin(
        articles, articles.c.id == d.c.article_id)
    out: dict[int, CopyDocRow] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        stmt = select(*cols).select_from(joined).where(d.c.article_id.in_(chunk))
        for r in _rows(engine, stmt):
            first_seen = _aware(r.first_seen)
            assert first_seen is not None
            out[int(r.article_id)] = CopyDocRow(
                int(r.article_id), str(r.outlet), str(r.url), str(r.title or ""), first_seen,
                _aware(r.published), tuple(str(r.credits or "").split()),
                date_precision(r.published_precision),
            )
    return out


def copy_doc_ids_of_outlet(engine: Engine, outlet: str, limit: int = 20_000) -> list[int]:
    """Indexed articles of one outlet (``ix_copies_docs_outlet``, migration 0005)."""
    from newsdelta.store.schema import copies

    d = copies.docs
    stmt = select(d.c.article_id).where(d.c.outlet == outlet).limit(limit)
    return [int(r.article_id) for r in _rows(engine, stmt)]


def _rows(engine: Engine, stmt: Select[Any]) -> list[Row[Any]]:
    from sqlalchemy.exc import SQLAlchemyError

    from newsdelta.errors import StoreError

    try:
        with engine.connect() as conn:
            return list(conn.execute(stmt))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the copies index: {exc}") from exc
