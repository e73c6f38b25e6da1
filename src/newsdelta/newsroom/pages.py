"""HTML rendering of the simulated site: article pages, paywall stubs, error pages.

Pages are rendered by Jinja2 with autoescaping, so the article text in the
page is exactly the scripted text, HTML-escaped; an extractor that unescapes
recovers it character for character.

Every article page also carries *chrome that changes on every request*
(:class:`Chrome`): a live clock, a rotating "Most read" list, an ad slot with
a random id, a comment count and a CSRF nonce in a script tag. A tracker that
compares raw bytes sees a new page every time; one that compares extracted
article text must see no change. That difference is what the newsroom exists
to test.
"""

from __future__ import annotations

import json
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import jinja2
from markupsafe import Markup

from .model import ArticleVersion, Outlet, ScriptedArticle

_BASE = """<!DOCTYPE html>
<html lang="{{ outlet.language }}">
<head>
{%- if meta_charset %}
<meta charset="{{ meta_charset }}">
{%- endif %}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock %} | {{ outlet.name }}</title>
{% block head %}{% endblock %}
<script>window.__session = {"csrf": "{{ chrome.csrf }}", "request": {{ chrome.request_no }}};</script>
</head>
<body class="{{ outlet.slug }}">
<header class="site-header">
  <a class="logo" href="/{{ outlet.slug }}/">{{ outlet.name }}</a>
  <nav class="site-nav"><ul>
    {%- for section in sections %}
    <li><a href="/{{ outlet.slug }}/{{ section|lower }}/">{{ section }}</a></li>
    {%- endfor %}
  </ul></nav>
  <div class="live-clock" data-now="{{ chrome.real_now_iso }}">Live: {{ chrome.real_now_text }}</div>
</header>
<main>
{% block main %}{% endblock %}
</main>
<footer class="site-footer">
  <p>&copy; {{ chrome.year }} {{ outlet.name }}. All rights reserved.</p>
  <p class="render-info">Served by edge-{{ chrome.edge }} in {{ chrome.render_ms }} ms
  (request {{ chrome.request_no }})</p>
</footer>
</body>
</html>
"""

_ARTICLE = """{% extends "base.html" %}
{% block title %}{{ v.title }}{% endblock %}
{% block head -%}
<meta name="description" content="{{ v.standfirst }}">
<link rel="canonical" href="{{ canonical_url }}">
<meta property="og:type" content="article">
<meta property="og:url" content="{{ canonical_url }}">
<meta property="og:title" content="{{ v.title }}">
<meta property="og:description" content="{{ v.standfirst }}">
<meta property="og:site_name" content="{{ outlet.name }}">
<meta property="article:published_time" content="{{ published_iso }}">
<meta property="article:modified_time" content="{{ modified_iso }}">
{%- if v.byline %}
<meta name="author" content="{{ v.byline }}">
{%- endif %}
{%- if heavy %}
{{ heavy.head }}
{%- endif %}
{%- endblock %}
{% block main -%}
{%- if heavy %}
{{ heavy.menu }}
{%- endif %}
<div class="updated-ago">Updated {{ chrome.updated_ago_s }} seconds ago</div>
<article class="article">
  <h1>{{ v.title }}</h1>
  {%- if v.standfirst %}
  <p class="standfirst">{{ v.standfirst }}</p>
  {%- endif %}
  <div class="article-meta">
    {%- if v.byline %}
    <span class="byline">By <span class="author">{{ v.byline }}</span></span>
    {%- endif %}
    <time datetime="{{ published_iso }}">{{ published_text }}</time>
  </div>
  <div class="article-body">
    {%- for p in v.paragraphs %}
    <p>{{ p }}</p>
    {%- endfor %}
  </div>
</article>
{%- if padding %}
<!-- {{ padding }} -->
{%- endif %}
<aside class="most-read">
  <h2>Most read</h2>
  <ol>
    {%- for href, headline in chrome.most_read %}
    <li><a href="{{ href }}">{{ headline }}</a></li>
    {%- endfor %}
  </ol>
</aside>
<div class="ad-slot" id="ad-{{ chrome.ad_id }}" data-nonce="{{ chrome.ad_nonce }}">
  <span class="ad-label">Advertisement</span>
</div>
<section class="comments" id="comments">
  <a href="#comments">{{ chrome.comment_count }} comments</a>
</section>
{%- if heavy %}
{{ heavy.footer }}
{%- endif %}
{%- endblock %}
"""

_PAYWALL = """{% extends "base.html" %}
{% block title %}{{ v.title }}{% endblock %}
{% block head -%}
<link rel="canonical" href="{{ canonical_url }}">
<meta property="og:url" content="{{ canonical_url }}">
{%- endblock %}
{% block main -%}
<article class="article paywalled">
  <h1>{{ v.title }}</h1>
  <div class="paywall">
    <p>Subscribe to continue reading.</p>
    <p>Already a subscriber? <a href="/{{ outlet.slug }}/login">Log in</a>.</p>
  </div>
</article>
{%- endblock %}
"""

_ERROR = """{% extends "base.html" %}
{% block title %}{{ status }} {{ reason }}{% endblock %}
{% block main -%}
<div class="error-page"><h1>{{ status }} {{ reason }}</h1><p>{{ message }}</p></div>
{%- endblock %}
"""

_INDEX = """{% extends "base.html" %}
{% block title %}Latest news{% endblock %}
{% block main -%}
<section class="latest"><h1>Latest news</h1><ul>
  {%- for href, headline in links %}
  <li><a href="{{ href }}">{{ headline }}</a></li>
  {%- endfor %}
</ul></section>
{%- endblock %}
"""

_ENV = jinja2.Environment(
    loader=jinja2.DictLoader(
        {
            "base.html": _BASE,
            "article.html": _ARTICLE,
            "paywall.html": _PAYWALL,
            "error.html": _ERROR,
            "index.html": _INDEX,
        }
    ),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)

SECTIONS: tuple[str, ...] = ("World", "Politics", "Business", "Science", "Sport", "Opinion")


@dataclass(frozen=True, slots=True)
class Chrome:
    """The per-request noise around an article. Never two alike."""

    request_no: int
    real_now_iso: str
    real_now_text: str
    year: int
    updated_ago_s: int
    most_read: tuple[tuple[str, str], ...]
    ad_id: str
    ad_nonce: str
    csrf: str
    comment_count: int
    edge: str
    render_ms: str


def make_chrome(
    request_no: int,
    sim_now: datetime,
    version_at: datetime,
    headlines: Sequence[tuple[str, str]],
    *,
    rng: random.Random | None = None,
) -> Chrome:
    """Fresh chrome for one request.

    ``headlines`` are ``(href, title)`` pairs of other articles; a random
    handful become "Most read" in random order. ``request_no`` and the
    random tokens make every page unique even when nothing else moves.
    """
    rng = rng or random.Random(secrets.randbits(64))
    real_now = datetime.now(UTC)
    picks = rng.sample(list(headlines), k=min(5, len(headlines)))
    return Chrome(
        request_no=request_no,
        real_now_iso=real_now.isoformat(),
        real_now_text=real_now.strftime("%H:%M:%S.%f UTC"),
        year=sim_now.year,
        updated_ago_s=max(0, int((sim_now - version_at).total_seconds())) + rng.randint(0, 59),
        most_read=tuple(picks),
        ad_id=secrets.token_hex(6),
        ad_nonce=secrets.token_urlsafe(12),
        csrf=secrets.token_urlsafe(24),
        comment_count=rng.randint(0, 2000),
        edge=f"{rng.choice(('lhr', 'fra', 'ams', 'cdg', 'iad'))}{rng.randint(1, 40)}",
        render_ms=f"{rng.uniform(2, 90):.1f}",
    )


@dataclass(frozen=True, slots=True)
class HeavyChrome:
    """What makes real article pages weigh 100-500 KB around a few KB of text.

    An inline JSON state blob and a stylesheet in the head, a mega-menu of
    section links above the article and a footer link farm below it, in about
    the proportions news sites ship them. Static per outlet (a CDN-cached
    template), so it never makes a page differ from the previous request.
    """

    head: Markup
    menu: Markup
    footer: Markup


@lru_cache(maxsize=16)
def heavy_chrome(outlet_slug: str, kb: int) -> HeavyChrome:
    """About ``kb`` KB of realistic page weight for ``outlet_slug`` (deterministic)."""
    rng = random.Random(f"{outlet_slug}/{kb}")
    words = ("live", "video", "latest", "world", "europe", "us", "climate", "markets", "tech",
             "science", "health", "culture", "books", "travel", "football", "tennis", "opinion",
             "analysis", "podcasts", "newsletters", "weather", "money", "property", "cars")
    budget = kb * 1024

    def link(i: int) -> str:
        a, b = rng.choice(words), rng.choice(words)
        return f'<li><a href="/{outlet_slug}/{a}/{b}-{i}" data-track="nav-{i}">{a.title()} {b}</a></li>'

    state = {
        "config": {"edition": "uk", "abTests": {f"test{i}": rng.choice("ABC") for i in range(40)}},
        "nav": [{"title": rng.choice(words), "url": f"/{outlet_slug}/{rng.choice(words)}/{i}",
                 "children": [rng.choice(words) for _ in range(4)]} for i in range(budget // 231)],
    }
    style = "".join(f".c{i}{{margin:{i % 9}px;color:#{rng.randrange(0x1000000):06x}}}"
                    for i in range(budget // 450))
    head = (f'<style>{style}</style>\n<script id="__STATE__" type="application/json">'
            f"{json.dumps(state, separators=(',', ':'))}</script>")
    menu_links = "".join(link(i) for i in range(budget // 280))
    footer_links = "".join(link(i) for i in range(budget // 560))
    return HeavyChrome(
        head=Markup(head),
        menu=Markup(f'<nav class="mega-menu" aria-label="All sections"><ul>{menu_links}</ul></nav>'),
        footer=Markup(f'<nav class="footer-links"><ul>{footer_links}</ul></nav>'),
    )


def _human(when: datetime) -> str:
    return when.strftime("%d %b %Y, %H:%M UTC")


def render_article(
    outlet: Outlet,
    article: ScriptedArticle,
    version: ArticleVersion,
    canonical_url: str,
    chrome: Chrome,
    *,
    meta_charset: str | None = "utf-8",
    padding: str = "",
    heavy: HeavyChrome | None = None,
) -> str:
    """The full article page. ``padding`` (inside an HTML comment) inflates huge pages;
    ``heavy`` adds realistic page weight (see :class:`HeavyChrome`)."""
    return _ENV.get_template("article.html").render(
        outlet=outlet,
        sections=SECTIONS,
        v=version,
        canonical_url=canonical_url,
        published_iso=article.published.isoformat(),
        modified_iso=version.at.isoformat(),
        published_text=_human(article.published),
        chrome=chrome,
        meta_charset=meta_charset,
        padding=padding,
        heavy=heavy,
    )


def render_paywall(
    outlet: Outlet, version: ArticleVersion, canonical_url: str, chrome: Chrome
) -> str:
    """The short stub a paywalled article shows instead of its text."""
    return _ENV.get_template("paywall.html").render(
        outlet=outlet,
        sections=SECTIONS,
        v=version,
        canonical_url=canonical_url,
        chrome=chrome,
        meta_charset="utf-8",
    )


def render_error(outlet: Outlet, status: int, reason: str, message: str, chrome: Chrome) -> str:
    return _ENV.get_template("error.html").render(
        outlet=outlet,
        sections=SECTIONS,
        status=status,
        reason=reason,
        message=message,
        chrome=chrome,
        meta_charset="utf-8",
    )


def render_index(outlet: Outlet, links: Sequence[tuple[str, str]], chrome: Chrome) -> str:
    """An outlet's front page: links to its listed articles."""
    return _ENV.get_template("index.html").render(
        outlet=outlet, sections=SECTIONS, links=links, chrome=chrome, meta_charset="utf-8"
    )


__all__ = [
    "SECTIONS",
    "Chrome",
    "make_chrome",
    "render_article",
    "render_error",
    "render_index",
    "render_paywall",
]
