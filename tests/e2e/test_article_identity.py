"""Which URLs are one article: canonical links and redirects, as real sites send them.

Found by audits: a CMS that gives every article ``rel=canonical`` to the home page
merged them all into one article with the others' texts as its "edits"; a
canonical to another outlet made that outlet's article carry this one's text; two
variants of one URL checked in one pass stored a false version; a feed of short
links (redirects) never captured an article.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from static_site import body_paragraphs

from newsdelta.newsroom import DEFAULT_START

T0 = DEFAULT_START


def _articles(nd: Any) -> list[dict[str, Any]]:
    return sorted(nd.json("articles", "--json"), key=lambda a: a["id"])


def test_a_canonical_to_the_home_page_merges_nothing(nd: Any, site: Any) -> None:
    for name in ("mayor", "bridge", "storm"):
        site.page(f"/news/{name}", f"{name} story", body_paragraphs(name), canonical=site.base + "/")
    feed = site.feed("/feed.xml", ["/news/mayor", "/news/bridge", "/news/storm"])
    nd.run("source", "add", "local", feed, now=T0)
    summary = nd.json("check", "--json", now=T0)
    assert summary["new_articles"] == 3 and summary["by_result"].get("merged") is None
    articles = _articles(nd)
    assert [a["versions"] for a in articles] == [1, 1, 1]
    assert sorted(a["title"] for a in articles) == ["bridge story", "mayor story", "storm story"]


def test_a_canonical_to_another_site_does_not_touch_that_sites_article(nd: Any, site: Any) -> None:
    original = site.base + "/wire/story"
    site.page("/wire/story", "Wire story", body_paragraphs("wire"))
    reprint_host = site.base.replace("127.0.0.1", "localhost")
    site.page("/reprint", "Reprinted story with local angle", body_paragraphs("reprint"), canonical=original)
    nd.run("track", original, now=T0)
    nd.run("check", now=T0)
    nd.run("track", reprint_host + "/reprint", now=T0)
    nd.run("check", now=T0)
    wire, reprint = _articles(nd)
    assert wire["versions"] == 1 and wire["title"] == "Wire story"
    assert reprint["versions"] == 1 and reprint["title"] == "Reprinted story with local angle"


def test_two_variants_of_one_url_in_one_pass_make_one_article_with_one_version(
    nd: Any, site: Any
) -> None:
    canonical = site.base + "/news/story"
    for variant in ("/news/story?ref=rss", "/news/story?ref=home"):
        site.page(variant, "One story", body_paragraphs("one"), canonical=canonical)
    nd.run("source", "add", "a", site.feed("/a.xml", ["/news/story?ref=rss"]), now=T0)
    nd.run("source", "add", "b", site.feed("/b.xml", ["/news/story?ref=home"]), now=T0)
    printed = nd.run("check", now=T0).stdout
    assert "1 duplicate article(s) merged into articles already tracked" in printed
    (article,) = _articles(nd)
    assert article["versions"] == 1
    history = nd.json("history", str(article["id"]), "--json")
    assert len(history["versions"]) == 1


def test_a_canonical_to_an_article_with_other_text_never_becomes_its_edit(nd: Any, site: Any) -> None:
    main = site.base + "/news/storm"
    site.page("/news/storm", "Storm hits coast", body_paragraphs("storm"))
    nd.run("track", main, now=T0)
    nd.run("check", now=T0)
    site.page("/live/storm", "LIVE: storm updates", body_paragraphs("live"), canonical=main)
    nd.run("track", site.base + "/live/storm", now=T0)
    summary = nd.json("check", "--json", now=T0)
    assert summary["by_result"].get("merged") == 1 and summary["new_versions"] == 0
    (article,) = _articles(nd)
    assert article["versions"] == 1 and article["title"] == "Storm hits coast"


def test_a_short_link_is_followed_on_the_first_capture_and_stays_the_article(
    nd: Any, site: Any
) -> None:
    site.redirect("/p123", "/2024/05/long-slug")
    site.page("/2024/05/long-slug", "Long slug story", body_paragraphs("slug"))
    nd.run("source", "add", "short", site.feed("/short.xml", ["/p123"]), now=T0)
    first = nd.json("check", "--json", now=T0)
    assert first["new_articles"] == 1
    (article,) = _articles(nd)
    assert article["versions"] == 1 and article["page_state"] == "ok"
    later = T0 + timedelta(days=1)
    second = nd.json("check", "--json", now=later)
    assert second["by_result"].get("redirected") is None
    (article,) = _articles(nd)
    assert article["page_state"] == "ok"
    # The address it landed on names it too.
    found = nd.json("history", site.base + "/2024/05/long-slug", "--json")
    assert found["article"]["id"] == article["id"]


def test_a_first_fetch_that_lands_on_the_home_page_is_a_redirect_not_an_article(
    nd: Any, site: Any
) -> None:
    site.redirect("/gone", "/")
    site.page("/", "Home", body_paragraphs("home"))
    nd.run("track", site.base + "/gone", now=T0)
    summary = nd.json("check", "--json", now=T0)
    assert summary["by_result"] == {"redirected": 1}
    (article,) = _articles(nd)
    assert article["versions"] == 0 and article["page_state"] == "redirected"


def test_a_redirect_to_a_url_already_tracked_merges_the_never_captured_one(nd: Any, site: Any) -> None:
    site.page("/news/b/", "B story", body_paragraphs("b"))
    site.redirect("/news/b", "/news/b/")
    site.redirect("/go/b", "/news/b/")
    nd.run("track", site.base + "/news/b/", now=T0)
    nd.run("check", now=T0)
    nd.run("track", site.base + "/go/b", now=T0)
    summary = nd.json("check", "--json", now=T0)
    assert summary["by_result"] == {"merged": 1}
    (article,) = _articles(nd)
    assert article["versions"] == 1


def test_a_page_back_from_removal_with_a_304_is_restored(nd: Any, site: Any) -> None:
    site.page("/news/x", "X story", body_paragraphs("x"), etag='"x1"')
    url = site.base + "/news/x"
    nd.run("track", url, now=T0)
    nd.run("check", url, now=T0)
    saved = site.routes["/news/x"]
    site.routes["/news/x"] = type(saved)(404, b"gone", {"Content-Type": "text/plain"})
    nd.run("check", url, now=T0 + timedelta(hours=1))
    assert _articles(nd)[0]["page_state"] == "removed"
    site.routes["/news/x"] = saved
    summary = nd.json("check", url, "--json", now=T0 + timedelta(hours=2))
    assert summary["not_modified"] == 1
    (article,) = _articles(nd)
    assert article["page_state"] == "ok"
    events = [e["event"] for e in nd.json("history", url, "--json")["events"] if e.get("event")]
    assert events == ["removed", "restored"]


def test_short_links_that_land_on_a_shared_login_page_are_not_merged(nd: Any, site: Any) -> None:
    # Found by the review: a shared landing page (a wall) merged unrelated articles.
    for n in (1, 2):
        site.page(f"/account/login?next=/news/{n}", "Sign in", body_paragraphs("login"))
        site.redirect(f"/s/{n}", f"/account/login?next=/news/{n}")
    nd.run("source", "add", "short", site.feed("/short.xml", ["/s/1", "/s/2"]), now=T0)
    summary = nd.json("check", "--json", now=T0)
    assert summary["by_result"] == {"redirected": 2}
    assert [(a["versions"], a["page_state"]) for a in _articles(nd)] == [(0, "redirected")] * 2


def test_a_second_short_link_to_a_page_another_one_landed_on_is_not_merged(nd: Any, site: Any) -> None:
    site.page("/news/", "News", body_paragraphs("section"))
    site.redirect("/s/1", "/news/")
    site.redirect("/s/2", "/news/")
    nd.run("source", "add", "short", site.feed("/short.xml", ["/s/1", "/s/2"]), now=T0)
    summary = nd.json("check", "--json", now=T0)
    assert "merged" not in summary["by_result"]
    assert len(_articles(nd)) == 2


def test_a_304_from_the_page_a_removed_article_redirects_to_is_not_a_restore(nd: Any, site: Any) -> None:
    site.page("/news/x", "X story", body_paragraphs("x"), etag='"e1"')
    url = site.base + "/news/x"
    nd.run("track", url, now=T0)
    nd.run("check", url, now=T0)
    site.page("/", "Home", body_paragraphs("home"), etag='"e1"')  # answers our validators with 304
    site.redirect("/news/x", "/")
    summary = nd.json("check", url, "--json", now=T0 + timedelta(hours=1))
    assert summary["by_result"] == {"redirected": 1}
    (article,) = _articles(nd)
    assert article["page_state"] == "redirected"
    events = [e["event"] for e in nd.json("history", url, "--json")["events"] if e.get("event")]
    assert events == ["redirected"]


def test_a_short_links_landing_page_canonical_merges_it_into_the_tracked_article(
    nd: Any, site: Any
) -> None:
    # The canonical is read against the page's own address, not the short link's host.
    story = site.base + "/story"
    site.page("/story", "The story", body_paragraphs("story"))
    site.page("/amp/story", "The story", body_paragraphs("story"), canonical=story)
    short_host = site.base.replace("127.0.0.1", "localhost")
    site.redirect("/s/9", site.base + "/amp/story")
    nd.run("track", story, now=T0)
    nd.run("check", now=T0)
    nd.run("track", short_host + "/s/9", now=T0)
    summary = nd.json("check", "--json", now=T0)
    assert summary["by_result"] == {"merged": 1}
    (article,) = _articles(nd)
    assert article["url"] == story and article["versions"] == 1


def test_a_short_links_copies_entry_is_filed_under_the_landing_pages_host(nd: Any, site: Any) -> None:
    # Articles from many outlets behind t.co or bit.ly must not all become one outlet
    # "bit.ly" in the copies index (their credits would then count as self-credits).
    import sqlite3

    site.page("/wire/story", "Wire story", body_paragraphs("wire"))
    short_host = site.base.replace("127.0.0.1", "localhost")
    site.redirect("/s/1", site.base + "/wire/story")
    nd.run("track", short_host + "/s/1", now=T0)
    nd.run("check", now=T0)
    with sqlite3.connect(nd.tmp / "nd.sqlite") as conn:
        (outlet,) = conn.execute("SELECT outlet FROM copies_docs").fetchone()
    assert outlet == site.base.removeprefix("http://")
