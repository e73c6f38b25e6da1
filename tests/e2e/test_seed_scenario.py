"""Done-when 1 of the core issue: the seed page reproduced end to end.

The newsroom serves the seed article as version 1, then version 2 three hours
later; newsdelta discovers it through the outlet's feed, checks it at both
instants (NEWSDELTA_NOW), and ``diff --format json`` shows exactly the seed's
five edits and nothing else.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from newsdelta.newsroom import DEFAULT_START, seed_scenario


def _changes(ops: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(op["op"], op["text"].strip()) for op in ops if op["op"] != "equal"]


def test_seed_article_two_versions_and_exact_diff(nd: Any, serve: Any) -> None:
    newsroom = seed_scenario(DEFAULT_START)
    server = serve(newsroom)
    t0 = DEFAULT_START
    nd.run("source", "add", "rtcom", server.feed_url("rtcom"), now=t0)

    first = nd.json("check", "--json", now=t0)
    assert first["new_articles"] == 1 and first["errors"] == 0, first

    t1 = t0 + timedelta(hours=3)
    newsroom.clock.set(t1)
    second = nd.json("check", "--json", now=t1)
    assert second["new_versions"] == 1, second

    (article,) = nd.json("articles", "--json")
    assert article["versions"] == 2 and article["changes"] == 1
    assert "?" not in article["url"], "tracking parameters must be dropped"

    diff = nd.json("diff", str(article["id"]), "--format", "json")
    assert diff["elapsed"] == "about 3 hours later"
    assert _changes(diff["title"]["ops"]) == [("delete", "about"), ("insert", "on")]
    assert _changes(diff["standfirst"]["ops"]) == [("delete", "a claim by"), ("insert", "asserted")]
    assert not diff["byline"]["changed"]
    body = [
        change
        for para in diff["paragraphs"]
        if para["kind"] != "equal"
        for change in _changes(para["ops"])
    ]
    assert body == [
        ("delete", "an assertion"),
        ("insert", "a statement"),
        ("insert", "Furthermore,"),
        ("insert", "the"),
    ]
    history = nd.json("history", str(article["id"]), "--json")
    assert [v["number"] for v in history["versions"]] == [1, 2]
    assert history["versions"][1]["later"] == "about 3 hours later"


def test_text_and_html_formats_mark_the_edits(nd: Any, seed_tracked: datetime) -> None:
    later = seed_tracked
    text = nd.run("diff", "1", "--no-color", now=later).output
    assert "Version 1 -> Version 2 (about 3 hours later)" in text
    assert "[-about-]" in text and "{+on+}" in text
    html = nd.run("diff", "1", "--format", "html", now=later).output
    assert "<del>about</del>" in html.replace("<del>about </del>", "<del>about</del>")
    assert "<ins>" in html
