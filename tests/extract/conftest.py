"""Shared page builders for extraction tests.

The seed article is /work/shared/seeds/000_*.txt, Version 1, split by hand:
title, standfirst and six body paragraphs (the file has one line per
paragraph with Version 1 and Version 2 glued together). The third paragraph
holds two quotes joined by a no-break space; :data:`SEED_SEVEN` splits it
there, giving the seven-paragraph variant the newsroom may serve.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

SEED_TITLE = "China responds to Biden\u2019s claim about ties with Moscow"
SEED_STANDFIRST = (
    "Sino-Russian relations are \u201crock solid,\u201d the Chinese Foreign Ministry spokesman said "
    "after a claim by the US president that the two powers are moving apart"
)
SEED_PARAGRAPHS = (
    ("Relations between Moscow and Beijing are as healthy as ever, Zhao Lijian, China\u2019s Foreign "
    "Ministry spokesman, said on Friday, denying an assertion by US President Joe Biden that China is "
    "attempting to distance itself from Russia."),
    ("Speaking at a regular press briefing, Zhao commented on the current state of Sino-Russian "
    "relations, describing them as \u201crock solid.\u201d According to the official, China and Russia "
    "are \u201cstrategic cooperation partners in the new era\u201d that have never sought to confront "
    "or target third parties."),
    ("He went on to say that \u201cthe long-term healthy and stable development\u201d of ties between "
    "Moscow and Beijing hinges on a \u201chigh degree of mutual trust.\u201d\u00a0\u201cChina is "
    "willing to work with Russia to promote the steady progress of relations between the two "
    "countries in the right direction,\u201d Zhao added."),
    ("His remarks come after Biden claimed on Wednesday that while China has \u201ca lot of "
    "respect\u201d for Russia and its President Vladimir Putin, Beijing is unlikely to regard the "
    "bilateral relations as an alliance. \u201cMatter of fact, they\u2019ve been sort of keeping their "
    "distance a little bit,\u201d the US president stated, without elaborating on his line of "
    "thinking."),
    ("China has repeatedly refused to denounce Russia\u2019s military operation in Ukraine that began "
    "in late February or join the sanctions the West subsequently imposed on Moscow. Moreover, it "
    "has insisted that Western countries and Kiev had failed to address Moscow\u2019s \u201clegitimate "
    "security concerns\u201d while blasting NATO for pushing tensions between Moscow and Kiev to a "
    "\u201cbreaking point.\u201d\u00a0"),
    ("In late October, Chinese Foreign Ministry vowed to \u201cfirmly support the Russian side\u201d "
    "while assisting Putin\u2019s efforts to \u201cunite and lead the Russian people\u201d as well as "
    "to realize \u201cstrategic development goals\u201d to buttress Russia\u2019s status as a major "
    "world power."),
)
_P3_HEAD, _P3_TAIL = SEED_PARAGRAPHS[2].split("\u00a0")
SEED_SEVEN = (*SEED_PARAGRAPHS[:2], _P3_HEAD, _P3_TAIL, *SEED_PARAGRAPHS[3:])
URL = "https://news.example.com/world/566347-china-russia-relations"


def expected(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Paragraphs as the extractor returns them: whitespace runs (NBSP too) -> one space."""
    return tuple(" ".join(p.split()) for p in paragraphs)


def newsroom_page(
    *,
    paragraphs: Sequence[str] = SEED_PARAGRAPHS,
    title: str = SEED_TITLE,
    standfirst: str = SEED_STANDFIRST,
    byline: str = "Jane Smith",
    nonce: str = "a81f3c",
    clock: str = "Updated 12 seconds ago",
    most_read: Sequence[str] = ("Markets slide as oil jumps", "Storm warning for the coast"),
    comments: int = 123,
    nav: Sequence[str] = ("Home", "World", "Business", "Sport"),
    ad: str = "Advertisement",
) -> str:
    """The page shape the simulated newsroom serves, with variable chrome."""
    e = html.escape
    body = "\n".join(f"<p>{e(p, quote=False)}</p>" for p in paragraphs)
    links = " ".join(f'<a href="/{e(n.lower())}">{e(n)}</a>' for n in nav)
    items = "".join(f'<li><a href="/story/{i}">{e(h)}</a></li>' for i, h in enumerate(most_read))
    return f"""<!DOCTYPE html>
<html lang=en><head><meta charset="utf-8"><title>{e(title)} | Example News</title>
<meta name=description content="{e(standfirst)}">
<link rel=canonical href="{URL}">
<meta property=og:url content="{URL}?utm_source=og">
<meta property=article:published_time content="2022-10-07T14:31:00+03:00">
<script nonce="{nonce}">window.__csrf = "{nonce}";</script>
</head><body>
<header><nav>{links}</nav><div class=clock>{e(clock)}</div></header>
<main><article>
<h1>{e(title)}</h1>
<p class=standfirst>{e(standfirst, quote=False)}</p>
<p class=byline>By {e(byline)}</p>
<time datetime="2022-10-07T11:31:00Z">7 Oct, 2022 11:31</time>
<div class=article-body>
{body}
</div></article>
<aside class=most-read><h2>Most read</h2><ol>{items}</ol></aside>
<div class=ad data-nonce="{nonce}">{e(ad)}</div>
<div class=comments>{comments} comments</div>
</main><footer><p>\u00a9 2022 Example News. All rights reserved.</p><a href="/about">About us</a></footer>
</body></html>"""
