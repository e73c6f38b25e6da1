"""Ready-made newsrooms for tests, benchmarks and the demo.

Every scenario is deterministic (seeded) and returns a :class:`Newsroom` whose
clock is frozen at ``start``; tests move it with ``newsroom.clock.set(...)``
or ``advance(...)``, the demo swaps in a fast-forward clock.

* :func:`seed_scenario` - the seed article, version 2 exactly three hours after version 1.
* :func:`chrome_scenario` - many articles that never change: any version beyond the
  first is spurious (chrome noise leaking into the text).
* :func:`scripted_edits_scenario` - known edits at known times; ask
  ``newsroom.expected_versions(at)`` for the truth.
* :func:`demo_scenario` - three outlets through a simulated day, with realistic edits,
  one deletion and one paywall.
* :func:`copies_scenario` - a wire story and an aggregator's reworded copy an hour later.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from . import copytext, seed
from .model import ArticleVersion, Newsroom, ScriptedArticle, SimClock
from .textgen import (
    EditKind,
    Story,
    Text,
    add_update,
    correct_number,
    drop_quote,
    make_story,
    rewrite_headline,
    with_typo,
)

DEFAULT_START = datetime(2024, 3, 4, 8, 0, tzinfo=UTC)


def _apply(article: ScriptedArticle, at: datetime, text: Text) -> None:
    article.add_version(
        at, title=text.title, standfirst=text.standfirst, paragraphs=text.paragraphs
    )


def _text(story: Story) -> Text:
    return Text(story.title, story.standfirst, story.paragraphs)


def _publish(
    newsroom: Newsroom,
    outlet: str,
    story: Story,
    at: datetime,
    *,
    section: str = "articles",
    also_in: tuple[str, ...] = (),
) -> ScriptedArticle:
    return newsroom.outlet(outlet).add_article(
        story.slug,
        at,
        title=story.title,
        standfirst=story.standfirst,
        byline=story.byline,
        paragraphs=story.paragraphs,
        section=section,
        also_in=also_in,
    )


def seed_scenario(start: datetime, *, validators: bool = True) -> Newsroom:
    """Outlet ``rtcom`` with the seed article: v1 at ``start``, v2 at ``start + 3h``."""
    newsroom = Newsroom(SimClock(start), validators=validators)
    outlet = newsroom.add_outlet(seed.SEED_OUTLET, seed.SEED_OUTLET_NAME)
    article = outlet.add_article(
        seed.SEED_SLUG,
        start,
        title=seed.TITLE_V1,
        standfirst=seed.STANDFIRST_V1,
        byline=seed.SEED_BYLINE,
        paragraphs=seed.PARAGRAPHS_V1,
    )
    article.add_version(
        start + seed.SEED_EDIT_DELAY,
        title=seed.TITLE_V2,
        standfirst=seed.STANDFIRST_V2,
        paragraphs=seed.PARAGRAPHS_V2,
    )
    return newsroom


def chrome_scenario(
    n_articles: int = 100,
    *,
    start: datetime = DEFAULT_START,
    n_outlets: int = 1,
    seed: int = 0,
    validators: bool = False,
) -> Newsroom:
    """``n_articles`` unchanging articles, all published by ``start``, spread over outlets.

    Validators are off by default so every fetch is a full 200 with fresh
    chrome: the hardest case for "0 spurious versions".
    """
    rng = random.Random(seed)
    newsroom = Newsroom(SimClock(start), validators=validators)
    slugs = [f"outlet{i + 1}" for i in range(n_outlets)]
    for slug in slugs:
        newsroom.add_outlet(slug, f"Outlet {slug[6:]} News")
    for i in range(n_articles):
        story = make_story(rng, i)
        _publish(newsroom, slugs[i % n_outlets], story, start - timedelta(minutes=5 * (i + 1)))
    return newsroom


def _edit(kind: EditKind, text: Text, story: Story, rng: random.Random, serial: int) -> Text:
    match kind:
        case EditKind.HEADLINE:
            alt = story.alt_title if text.title != story.alt_title else story.title
            return rewrite_headline(text, alt)
        case EditKind.NUMBER:
            return correct_number(text, rng)
        case EditKind.DROP_QUOTE:
            return drop_quote(text, rng)
        case EditKind.UPDATE | EditKind.TYPO:
            return add_update(text, rng, serial)


def scripted_edits_scenario(
    n_articles: int = 20,
    *,
    start: datetime = DEFAULT_START,
    max_edits: int = 4,
    span: timedelta = timedelta(hours=12),
    min_gap: timedelta = timedelta(minutes=45),
    seed: int = 0,
    validators: bool = True,
) -> Newsroom:
    """Articles published at ``start`` with 0..``max_edits`` edits each inside ``span``.

    Edits are at least ``min_gap`` apart and every edit yields a text never
    seen before for that article, so the truth is simply
    ``newsroom.expected_versions(at)`` (1 + edits so far).
    """
    rng = random.Random(seed)
    newsroom = Newsroom(SimClock(start), validators=validators)
    newsroom.add_outlet("edits", "Edits Daily")
    slots = max(1, int(span.total_seconds() // min_gap.total_seconds()))
    kinds = (EditKind.HEADLINE, EditKind.NUMBER, EditKind.DROP_QUOTE, EditKind.UPDATE)
    for i in range(n_articles):
        story = make_story(rng, i)
        article = _publish(newsroom, "edits", story, start)
        n_edits = rng.randint(0, min(max_edits, slots))
        times = sorted(rng.sample(range(1, slots + 1), n_edits))
        text = _text(story)
        seen = {text}
        for serial, slot in enumerate(times):
            new = _edit(rng.choice(kinds), text, story, rng, serial)
            if new in seen:  # never flip back to an earlier text: the count must stay exact
                new = add_update(text, rng, serial + 100)
            seen.add(new)
            text = new
            _apply(article, start + slot * min_gap, text)
    return newsroom


def demo_scenario(start: datetime, *, seed: int = 7) -> Newsroom:
    """Three outlets, 20 articles published through a simulated day, with realistic edits.

    Scripted on top of random filler: a headline rewrite, a corrected number,
    a dropped quote, an added update paragraph, a typo fix, one article
    deleted (410), one paywalled, one syndicated into a second outlet's feed,
    and one under a robots.txt-disallowed section.
    """
    rng = random.Random(seed)
    newsroom = Newsroom(SimClock(start))
    newsroom.add_outlet("ledger", "The Morning Ledger")
    newsroom.add_outlet("herald", "City Herald")
    newsroom.add_outlet("courier", "Evening Courier")
    newsroom.robots_disallow.append("/ledger/private/")
    outlets = ("ledger", "herald", "courier")
    articles: list[tuple[ScriptedArticle, Story]] = []
    for i in range(20):
        story = make_story(rng, i)
        published = start + timedelta(minutes=20 + i * 65 + rng.randint(0, 30))
        article = _publish(
            newsroom,
            outlets[i % 3],
            story,
            published,
            also_in=("herald",) if i == 8 else (),
            section="private" if i == 12 else "articles",
        )
        articles.append((article, story))

    hour = timedelta(hours=1)
    scripted: dict[int, list[tuple[timedelta, EditKind]]] = {
        0: [(2 * hour, EditKind.HEADLINE)],
        1: [(hour + hour / 2, EditKind.NUMBER)],
        2: [(3 * hour, EditKind.DROP_QUOTE)],
        3: [(4 * hour, EditKind.UPDATE), (6 * hour, EditKind.UPDATE)],
        5: [(hour, EditKind.HEADLINE), (5 * hour, EditKind.NUMBER)],
        9: [(2 * hour, EditKind.UPDATE)],
        14: [(hour, EditKind.NUMBER)],
    }
    for index, edits in scripted.items():
        article, story = articles[index]
        text = _text(story)
        for serial, (after, kind) in enumerate(edits):
            text = _edit(kind, text, story, rng, serial)
            _apply(article, article.published + after, text)

    # A typo in the first version, fixed 40 minutes later.
    article, story = articles[4]
    typo_text, has_typo = with_typo(_text(story), rng)
    if has_typo:
        article.versions[0] = _replace_text(article, typo_text)
        _apply(article, article.published + timedelta(minutes=40), _text(story))

    articles[6][0].delete_at(articles[6][0].published + 5 * hour, status=410)
    articles[7][0].paywall_at(articles[7][0].published + 3 * hour)
    return newsroom


def _replace_text(article: ScriptedArticle, text: Text) -> ArticleVersion:
    return replace(
        article.versions[0],
        title=text.title,
        standfirst=text.standfirst,
        paragraphs=text.paragraphs,
    )


def copies_scenario(start: datetime) -> Newsroom:
    """``wire`` publishes a story at ``start``; ``aggregator`` republishes it reworded,
    without credit, one hour later."""
    newsroom = Newsroom(SimClock(start))
    newsroom.add_outlet("wire", "Continental Wire").add_article(
        copytext.WIRE_SLUG,
        start,
        title=copytext.WIRE_TITLE,
        standfirst=copytext.WIRE_STANDFIRST,
        byline=copytext.WIRE_BYLINE,
        paragraphs=copytext.WIRE_PARAGRAPHS,
    )
    newsroom.add_outlet("aggregator", "NewsNow Digest").add_article(
        copytext.AGGREGATOR_SLUG,
        start + timedelta(hours=1),
        title=copytext.AGGREGATOR_TITLE,
        standfirst=copytext.AGGREGATOR_STANDFIRST,
        byline=copytext.AGGREGATOR_BYLINE,
        paragraphs=copytext.AGGREGATOR_PARAGRAPHS,
    )
    return newsroom


SCENARIOS = ("seed", "chrome", "edits", "demo", "copies")


def by_name(name: str, start: datetime) -> Newsroom:
    """A scenario by its CLI name (see :data:`SCENARIOS`)."""
    match name:
        case "seed":
            return seed_scenario(start)
        case "chrome":
            return chrome_scenario(start=start)
        case "edits":
            return scripted_edits_scenario(start=start)
        case "demo":
            return demo_scenario(start)
        case "copies":
            return copies_scenario(start)
    raise ValueError(f"unknown scenario {name!r}; choose one of {', '.join(SCENARIOS)}")


__all__ = [
    "DEFAULT_START",
    "SCENARIOS",
    "by_name",
    "chrome_scenario",
    "copies_scenario",
    "demo_scenario",
    "scripted_edits_scenario",
    "seed_scenario",
]
