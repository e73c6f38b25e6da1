"""A far shorter text becomes a version only when the same text is refused on checks in a row.

Found by an audit: the streak counted the latest refusal events, but checks that
find the full text back write no event and the refused text was not compared; a
page alternating between its full and a truncated text (or three different broken
pages) became a version, and the truncated one then stuck as the latest.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from static_site import body_paragraphs

from newsdelta.newsroom import DEFAULT_START

FULL = body_paragraphs("story", 12)
CUT = FULL[:4]


def _check(nd: Any, url: str, hours: int) -> dict[str, int]:
    summary = nd.json("check", url, "--json", now=DEFAULT_START + timedelta(hours=hours))
    return dict(summary["by_result"])


def _captured_in_full(nd: Any, site: Any) -> str:
    """The story tracked and captured whole (version 1); its URL."""
    url = site.base + "/news/story"
    site.page("/news/story", "Story", FULL)
    nd.run("track", url, now=DEFAULT_START)
    assert _check(nd, url, 0) == {"new_article": 1}
    return url


def test_a_cut_that_comes_and_goes_is_never_a_version(nd: Any, site: Any) -> None:
    url = _captured_in_full(nd, site)
    results = []
    for hour in range(1, 9):  # cut, full, cut, full...
        site.page("/news/story", "Story", CUT if hour % 2 else FULL)
        results.append(_check(nd, url, hour))
    assert results.count({"refused": 1}) == 4 and {"new_version": 1} not in results, results
    (article,) = nd.json("articles", "--json")
    assert article["versions"] == 1


def test_the_same_cut_refused_on_three_checks_in_a_row_is_accepted(nd: Any, site: Any) -> None:
    url = _captured_in_full(nd, site)
    site.page("/news/story", "Story", CUT)
    results = [_check(nd, url, hour) for hour in range(1, 5)]
    assert results == [{"refused": 1}] * 3 + [{"new_version": 1}]


def test_different_broken_pages_in_a_row_are_each_refused(nd: Any, site: Any) -> None:
    url = _captured_in_full(nd, site)
    results = []
    for hour in range(1, 6):
        site.page("/news/story", "Story", body_paragraphs(f"junk{hour}", 3))
        results.append(_check(nd, url, hour))
    assert results == [{"refused": 1}] * 5


def test_a_failed_fetch_between_refusals_neither_makes_nor_breaks_the_streak(nd: Any, site: Any) -> None:
    # A 503 read no text: the same cut refused around it still counts in a row.
    url = _captured_in_full(nd, site)
    site.page("/news/story", "Story", CUT)
    cut = site.routes["/news/story"]
    results = [_check(nd, url, 1), _check(nd, url, 2)]
    site.routes["/news/story"] = type(cut)(503, b"busy", {"Content-Type": "text/plain"})
    results.append(_check(nd, url, 3))
    site.routes["/news/story"] = cut
    results += [_check(nd, url, 4), _check(nd, url, 5)]
    assert results == [{"refused": 1}, {"refused": 1}, {"error": 1}, {"refused": 1}, {"new_version": 1}]
