from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdelta.copies.provenance import ProvenanceDoc, effective_time, is_credited, probable_source

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
