"""Extraction cost per page: trafilatura path vs CSS-selector path, per stage.

Run from the repo root:  python benchmarks/bench_extract.py [--rounds N]

Builds a ~1,000-word article page with realistic chrome (nav, "Most read",
ads, comments, inline scripts; ~60 KB) and prints the median milliseconds of
each stage and of the whole ``extract_article`` call.
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsdelta.extract import extract_article
from newsdelta.extract.article import _parse, _to_utf8
from newsdelta.extract.body import selector_paragraphs, trafilatura_paragraphs
from newsdelta.extract.cleanup import clean_paragraphs
from newsdelta.extract.metadata import read_metadata
from newsdelta.extract.selectors import apply_selectors

URL = "https://news.example.com/world/2024/06/03/long-read"
SENTENCES = [
    "Officials said on Monday that the talks had \u201cmade real progress\u201d but that no deal was yet in sight.",
    "The ministry\u2019s spokesperson declined to give a timetable, citing the sensitivity of the negotiations.",
    "Analysts in Brussels and Washington were divided over what the statement meant for the coming weeks.",
    "Residents near the border told reporters that little had changed on the ground since the spring.",
    "A senior diplomat, speaking on condition of anonymity, described the mood as cautious but constructive.",
]
SELECTORS = {"title": "article h1", "standfirst": "p.standfirst", "byline": "p.byline",
             "body": "div.article-body", "published": "article time"}


def build_page(words: int = 1000) -> str:
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(SENTENCES[(len(paragraphs) + i) % len(SENTENCES)] for i in range(3))
        paragraphs.append(para)
        count += len(para.split())
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(40))
    most = "".join(f'<li><a href="/o/{i}">Other headline number {i} about something</a></li>' for i in range(20))
    script = "<script>" + "var x=1;" * 3000 + "</script>"
    return f"""<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Long read | Example</title>
<meta name=description content="A long read standfirst that sums the story up.">
<link rel=canonical href="{URL}"><meta property=article:published_time content="2024-06-03T08:00:00Z">
{script}</head><body><header><nav><ul>{nav}</ul></nav><div class=clock>Updated 12 seconds ago</div></header>
<main><article><h1>The long read headline</h1><p class=standfirst>A long read standfirst that sums the story up.</p>
<p class=byline>By Jane Smith</p><time datetime="2024-06-03T08:00:00Z">3 June 2024</time>
<div class=article-body>{body}</div></article>
<aside class=most-read><h2>Most read</h2><ol>{most}</ol></aside><div class=ad data-nonce=abc123>Advertisement</div>
<div class=comments>123 comments</div></main><footer>{nav}</footer></body></html>"""


def median_ms(fn: Callable[[], object], rounds: int) -> float:
    fn()  # warm caches (selector compilation, trafilatura imports)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    page = build_page()
    data = _to_utf8(page)
    root = _parse(data)
    assert root is not None
    meta = read_metadata(root, URL)
    raw = trafilatura_paragraphs(root, URL)
    article = extract_article(page, URL)
    with_css = extract_article(page, URL, selectors=SELECTORS)
    assert article == with_css, "selector and trafilatura paths disagree on the benchmark page"
    print(f"page: {len(page) / 1024:.0f} KiB, {article.word_count} words, {len(article.paragraphs)} paragraphs")
    stages: list[tuple[str, Callable[[], object]]] = [
        ("encode to UTF-8", lambda: _to_utf8(page)),
        ("lxml parse", lambda: _parse(data)),
        ("metadata (meta, JSON-LD, scope)", lambda: read_metadata(root, URL)),
        ("trafilatura body (incl. tree copy)", lambda: trafilatura_paragraphs(root, URL)),
        ("CSS selectors (5 keys)", lambda: apply_selectors(root, SELECTORS)),
        ("selector paragraphs", lambda: selector_paragraphs(apply_selectors(root, SELECTORS).body or [])),
        ("clean-up rules", lambda: clean_paragraphs(raw, title=meta.title, standfirst=meta.standfirst, byline=meta.byline)),
        ("TOTAL extract_article (trafilatura)", lambda: extract_article(page, URL)),
        ("TOTAL extract_article (CSS selectors)", lambda: extract_article(page, URL, selectors=SELECTORS)),
    ]
    width = max(len(name) for name, _ in stages)
    for name, fn in stages:
        print(f"{name:<{width}}  {median_ms(fn, args.rounds):8.3f} ms (median of {args.rounds})")


if __name__ == "__main__":
    main()
