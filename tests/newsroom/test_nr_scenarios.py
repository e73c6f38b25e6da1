"""Scenarios: deterministic, and true to what they promise."""

from __future__ import annotations

from datetime import timedelta

from newsroom_helpers import START

from newsdelta.newsroom import (
    chrome_scenario,
    copies_scenario,
    demo_scenario,
    faults,
    scripted_edits_scenario,
)
from newsdelta.newsroom.model import Newsroom


def snapshot(newsroom: Newsroom) -> list[tuple[str, list[tuple[object, ...]]]]:
    return [
        (a.path, [(v.at, v.title, v.standfirst, v.byline, v.paragraphs) for v in a.versions])
        for a in newsroom.articles()
    ]


def test_chrome_scenario_articles_never_change() -> None:
    newsroom = chrome_scenario(100, start=START, n_outlets=3)
    articles = list(newsroom.articles())
    assert len(articles) == 100 and len(newsroom.outlets) == 3
    assert len({a.path for a in articles}) == 100
    assert all(len(a.versions) == 1 and a.published <= START for a in articles)
    assert newsroom.validators is False
    assert all(len(a.versions[0].paragraphs) >= 6 for a in articles)
    assert snapshot(newsroom) == snapshot(chrome_scenario(100, start=START, n_outlets=3))


def test_scripted_edits_scenario_counts() -> None:
    newsroom = scripted_edits_scenario(30, start=START, max_edits=4, seed=3)
    assert snapshot(newsroom) == snapshot(scripted_edits_scenario(30, start=START, seed=3))
    assert snapshot(newsroom) != snapshot(scripted_edits_scenario(30, start=START, seed=4))
    final = newsroom.expected_versions(START + timedelta(days=1))
    assert newsroom.expected_versions(START) == dict.fromkeys(final, 1)
    assert any(n > 1 for n in final.values()) and any(n == 1 for n in final.values())
    for article in newsroom.articles():
        texts = [(v.title, v.standfirst, v.paragraphs) for v in article.versions]
        assert len(set(texts)) == len(texts) == final[article.path] <= 5  # all distinct
        gaps = [b.at - a.at for a, b in zip(article.versions, article.versions[1:], strict=False)]
        assert all(gap >= timedelta(minutes=45) for gap in gaps)


def test_demo_scenario_shape() -> None:
    newsroom = demo_scenario(START)
    assert snapshot(newsroom) == snapshot(demo_scenario(START))
    articles = list(newsroom.articles())
    assert len(newsroom.outlets) == 3 and len(articles) == 20
    end = START + timedelta(days=1)
    assert all(START < a.published < end for a in articles)
    kinds = {type(f.fault) for a in articles for f in a.schedule}
    assert kinds == {faults.Gone, faults.Paywall}
    edited = [a for a in articles if a.distinct_versions_until(end + timedelta(days=1)) > 1]
    assert len(edited) >= 7
    assert any(a.also_in for a in articles)
    private = [a for a in articles if a.section == "private"]
    assert private and newsroom.robots_disallow == ["/ledger/private/"]
    titles = [a.versions[0].title for a in articles]
    assert len(set(titles)) >= 15  # varied text, not one template repeated


def test_copies_scenario() -> None:
    newsroom = copies_scenario(START)
    wire = next(iter(newsroom.outlet("wire").articles.values()))
    copy = next(iter(newsroom.outlet("aggregator").articles.values()))
    assert copy.published - wire.published == timedelta(hours=1)
    copy_text = " ".join(copy.versions[0].paragraphs)
    assert "Continental Wire" not in copy_text and "Reporting by" not in copy_text
    assert "Continental Wire" in " ".join(wire.versions[0].paragraphs)
    assert copy.versions[0].paragraphs != wire.versions[0].paragraphs
    assert "Margarethe Lind" in copy_text  # same story


async def test_demo_served_at_end_of_day() -> None:
    import aiohttp
    import feedparser

    from newsdelta.newsroom import NewsroomServer

    newsroom = demo_scenario(START)
    newsroom.clock.set(START + timedelta(days=1))
    articles = list(newsroom.articles())
    deleted = next(a for a in articles if any(isinstance(s.fault, faults.Gone) for s in a.schedule))
    paywalled = next(
        a for a in articles if any(isinstance(s.fault, faults.Paywall) for s in a.schedule)
    )
    timeout = aiohttp.ClientTimeout(total=10)
    async with NewsroomServer(newsroom) as server, aiohttp.ClientSession(timeout=timeout) as client:
        async with client.get(server.url_for(deleted)) as response:
            assert response.status == 410
        async with client.get(server.url_for(paywalled)) as response:
            assert "Subscribe to continue reading" in await response.text()
        listed: set[str] = set()
        for slug in newsroom.outlets:
            async with client.get(server.feed_url(slug)) as response:
                feed = feedparser.parse(await response.read())
            assert not feed.bozo
            listed |= {e.id for e in feed.entries}
        assert server.url_for(deleted) not in listed
        assert listed == {server.url_for(a) for a in articles if a is not deleted}
