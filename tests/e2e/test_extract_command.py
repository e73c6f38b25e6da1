"""``newsdelta extract URL`` reads a fetched page as checks do, whatever its charset."""

from __future__ import annotations

from typing import Any

import pytest

from newsdelta.newsroom import DEFAULT_START, chrome_scenario, faults
from newsdelta.newsroom.faults import CharsetMode


@pytest.mark.parametrize("mode", [None, *CharsetMode], ids=["utf-8", *(m.value for m in CharsetMode)])
def test_extract_url_reads_the_article_in_any_charset(
    nd: Any, serve: Any, mode: CharsetMode | None
) -> None:
    newsroom = chrome_scenario(1, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    article = next(iter(newsroom.articles()))
    if mode is not None:
        article.set_fault(faults.WrongCharset(mode))
    shown = nd.json("extract", server.url_for(article), "--json", now=DEFAULT_START)
    version = article.versions[0]
    assert shown["title"] == version.title
    assert tuple(shown["paragraphs"]) == version.paragraphs
