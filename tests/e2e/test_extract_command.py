"""``newsdelta extract URL`` reads a fetched page as checks do, whatever its charset."""

from __future__ import annotations

from pathlib import Path
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


SAVED_SENTENCES = (
    "The harbour reopened on Tuesday after three weeks of repairs to the storm-damaged sea wall.",
    "Fishing crews returned before dawn, and the first catch was landed by seven o'clock.",
    "The council said the repairs cost 2.4 million pounds, less than the first estimate.",
)


def test_extract_file_reads_a_saved_page(nd: Any, tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(
        "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
        + "".join(f"<p>{sentence}</p>" for sentence in SAVED_SENTENCES)
        + "</article></body></html>",
        encoding="utf-8",
    )
    shown = nd.json("extract", str(page), "--json")
    assert shown["title"] == "Harbour reopens"
    assert shown["paragraphs"][0] == SAVED_SENTENCES[0]


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (lambda tmp: tmp / "missing.html", "no such file (and not an http(s) URL)"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: Path("example.org/news/1"), "no such file (and not an http(s) URL)"),
    ],
    ids=["missing", "directory", "url-without-scheme"],
)
def test_extract_of_an_unreadable_target_is_one_line(
    nd: Any, tmp_path: Path, make_target: Any, message: str
) -> None:
    result = nd.run("extract", str(make_target(tmp_path)), ok=False)
    assert result.exit_code == 1
    assert result.output.startswith("newsdelta: error:") and message in result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1
