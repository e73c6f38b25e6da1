"""How commands name articles and versions: URL spellings, --json, version numbers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from newsdelta.newsroom import DEFAULT_START


@pytest.fixture
def seeded(nd: Any, seed_tracked: Any) -> tuple[Any, dict[str, Any]]:
    """The seed article with its two versions, three hours apart."""
    (article,) = nd.json("articles", "--json")
    assert article["versions"] == 2
    return nd, article


def test_any_spelling_of_an_articles_url_names_it(seeded: tuple[Any, dict[str, Any]]) -> None:
    nd, article = seeded
    url = article["url"]
    scheme, rest = url.split("://", 1)
    host, path = rest.split("/", 1)
    spellings = [
        url,
        f"{url}?utm_source=rss&utm_medium=feed",
        f"{url}#comments",
        f"{scheme.upper()}://{host.upper()}/{path}",
    ]
    for spelling in spellings:
        history = nd.json("history", spelling, "--json")
        assert history["article"]["id"] == article["id"], spelling
        diff = nd.json("diff", spelling, "--json")
        assert diff["article"]["id"] == article["id"], spelling
    missing = nd.run("history", url.replace("/", "/nope-", 3)[:-1] + "x", ok=False)
    assert missing.exit_code == 1 and "no tracked article" in missing.stderr


def test_diff_json_flag_matches_format_json(seeded: tuple[Any, dict[str, Any]]) -> None:
    nd, article = seeded
    ref = str(article["id"])
    assert nd.json("diff", ref, "--json") == nd.json("diff", ref, "--format", "json")
    assert nd.json("diff", ref, "--json")["extractor_note"] is None  # one extractor read both


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--to", "9"), "has no version 9; its versions are 1-2"),
        (("--from", "0"), "has no version 0; its versions are 1-2"),
        (("--from", "2", "--to", "1"), "--from 2 is newer than --to 1"),
        (("--to", "1"), "nothing to compare: version 1 against itself"),
        (("--from", "2", "--to", "2"), "nothing to compare: version 2 against itself"),
    ],
)
def test_diff_refuses_version_numbers_that_compare_nothing(
    seeded: tuple[Any, dict[str, Any]], args: tuple[str, ...], message: str
) -> None:
    nd, article = seeded
    result = nd.run("diff", str(article["id"]), *args, ok=False)
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_color_is_kept_when_asked_for_in_a_pipe(seeded: tuple[Any, dict[str, Any]]) -> None:
    nd, article = seeded
    coloured = nd.run("diff", str(article["id"]), "--color").stdout
    plain = nd.run("diff", str(article["id"]), "--no-color").stdout
    assert "\x1b[" in coloured
    assert "\x1b[" not in plain


def test_check_names_each_article_once_and_source_add_counts_urls_once(
    seeded: tuple[Any, dict[str, Any]],
) -> None:
    nd, article = seeded
    url = article["url"]
    summary = nd.json("check", url, f"{url}?utm_source=x", url, "--json",
                      now=DEFAULT_START + timedelta(hours=4))
    assert summary["checked"] == 1, summary
    added = nd.run("source", "add", "twice", "https://news.example.com/feed?utm_source=a",
                   "https://news.example.com/feed")
    assert added.stdout.strip() == "source 'twice': 1 feed(s)"
    (listed,) = [s for s in nd.json("source", "list", "--json") if s["name"] == "twice"]
    assert len(listed["feeds"]) == 1
