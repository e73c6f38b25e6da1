from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdelta.copies.provenance import (
    ProvenanceDoc,
    effective_time,
    is_credited,
    probable_source,
    published_bounds,
)

T = datetime(2024, 1, 1, 12, tzinfo=UTC)
H = timedelta(hours=1)


def d(aid: int, outlet: str, seen: float, pub: float | None = None, credits: tuple[str, ...] = ()) -> ProvenanceDoc:
    return ProvenanceDoc(aid, outlet, T + seen * H, None if pub is None else T + pub * H, credits)


@pytest.mark.parametrize(
    ("docs", "source", "reason"),
    [
        ([d(1, "Reuters", 2), d(2, "Daily", 1)], 2, "earliest first seen"),
        ([d(1, "Reuters", 2, pub=0), d(2, "Daily", 1)], 1, "earliest published"),
        # a published date long before anyone saw the page is not trusted
        ([d(1, "Reuters", 2), d(2, "Daily", 100, pub=-200)], 1, "earliest first seen"),
        # a date after first seen is not trusted either
        ([d(1, "Reuters", 2), d(2, "Daily", 1, pub=5)], 2, "earliest first seen"),
        # credit lines beat times; the source's own dateline does not count
        ([d(1, "Reuters", 3, credits=("reuters",)), d(2, "Daily", 1, credits=("reuters",))], 1, "credited by 1 other article(s)"),
        # an outlet's own dateline on its first URL does not make its later URL the source
        ([d(1, "Reuters", 0, credits=("reuters",)), d(2, "Reuters", 1), d(3, "Blog", 2)], 1, "earliest first seen"),
        ([d(1, "Reuters", 0, credits=("reuters",)), d(2, "Reuters", 1), d(3, "Blog", 2, credits=("reuters",))], 1, "credited by 1 other article(s)"),
    ],
)
def test_probable_source(docs: list[ProvenanceDoc], source: int, reason: str) -> None:
    src, why = probable_source(docs)
    assert (src.article_id, why) == (source, reason)


def test_effective_time_uses_trusted_published_date() -> None:
    assert effective_time(d(1, "x", 2, pub=1)) == T + H
    assert effective_time(d(1, "x", 2, pub=-100)) == T + 2 * H


@pytest.mark.parametrize(
    ("copy_credits", "source", "credited"),
    [
        (("reuters",), d(1, "Reuters", 0), True),
        (("ap",), d(1, "Reuters", 0), False),
        ((), d(1, "Reuters", 0), False),
        (("dailycourier",), d(1, "Daily Courier", 0), True),
        (("afp",), d(1, "Le Monde", 0, credits=("afp",)), True),  # credits the source's own agency
    ],
)
def test_is_credited(copy_credits: tuple[str, ...], source: ProvenanceDoc, credited: bool) -> None:
    assert is_credited(d(2, "Other", 1, credits=copy_credits), source) is credited


@pytest.mark.parametrize("outlet", ["Daily Courier", "daily courier", "DailyCourier"])
def test_an_outlets_own_story_elsewhere_on_its_site_is_credited(outlet: str) -> None:
    # The uncredited list showed outlets "copying" themselves, in red.
    source = d(1, "Daily Courier", 0)
    assert is_credited(d(2, outlet, 1), source)
    assert not is_credited(d(2, "Evening Post", 1), source)


DAY = datetime(2024, 5, 1, tzinfo=UTC)  # what extraction makes of "2024-05-01"


def at(aid: int, outlet: str, seen: datetime, pub: datetime | None, precision: str | None = None) -> ProvenanceDoc:
    return ProvenanceDoc(aid, outlet, seen, pub, (), precision)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("copy", "source", "reason"),
    [
        # A date-only copy (midnight UTC) does not beat a wire timestamped 10:00Z that day.
        (at(2, "Agg", DAY + 14 * H, DAY), 1, "earliest published"),
        # A time without an offset (07:30 New York = 11:30Z, read as 07:30Z) is ±14 h.
        (at(2, "Agg", DAY + 11.5 * H, DAY + 7.5 * H, "naive"), 1, "earliest published"),
        # An exact 07:30Z does beat the 10:00Z wire.
        (at(2, "Agg", DAY + 11.5 * H, DAY + 7.5 * H, "exact"), 2, "earliest published"),
        # A date-only page first seen before the wire was published wins by first seen.
        (at(2, "Agg", DAY + 9 * H, DAY), 2, "earliest first seen"),
        # A date-only page whose whole day (in any zone) ended before the wire: it wins.
        (at(2, "Agg", DAY + 20 * H, DAY - 48 * H), 2, "earliest published"),
    ],
)
def test_imprecise_published_dates_do_not_beat_exact_times(copy: ProvenanceDoc, source: int, reason: str) -> None:
    wire = at(1, "Reuters", DAY + 10 * H + timedelta(minutes=5), DAY + 10 * H)
    src, why = probable_source([wire, copy])
    assert (src.article_id, why) == (source, reason)


@pytest.mark.parametrize(
    ("doc", "bounds"),
    [
        (at(1, "x", DAY, DAY + 10 * H), (DAY + 10 * H, DAY + 10 * H)),
        (at(1, "x", DAY, DAY), (DAY - 14 * H, DAY + 38 * H)),
        (at(1, "x", DAY, DAY + 7 * H, "naive"), (DAY - 7 * H, DAY + 21 * H)),
        (at(1, "x", DAY, None), None),
    ],
)
def test_published_bounds(doc: ProvenanceDoc, bounds: tuple[datetime, datetime] | None) -> None:
    assert published_bounds(doc) == bounds


def test_an_imprecise_date_never_makes_a_page_later_than_first_seen() -> None:
    assert effective_time(at(1, "x", DAY + 3 * H, DAY)) == DAY + 3 * H
    assert effective_time(at(1, "x", DAY + 30 * H, DAY)) == DAY + 30 * H
    assert effective_time(at(1, "x", DAY + 60 * H, DAY)) == DAY + 38 * H
