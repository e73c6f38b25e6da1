"""``diff_articles(..., split_unchanged=False)``: the check path's cheaper diff.

It must summarise an edit exactly as the full diff does (labels, stats,
significance, paragraph rows and their ops), on every case of the edits corpus
and on generated edits of generated articles; only the sentence lists of
paragraphs that did not change are coarser.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.core.diff import ArticleDiff, diff_articles
from newsdelta.core.model import ArticleText
from newsdelta.evaluate import load_corpus

from .helpers import CORPUS
from .test_properties import sentences


def summary(diff: ArticleDiff) -> tuple[object, ...]:
    """Everything the check path stores or shows without the sentence lists."""
    return (
        diff.labels if not any(lb.id == "moved" for lb in diff.labels) else diff.label_ids,
        diff.stats,
        diff.significance,
        diff.title,
        diff.standfirst,
        diff.byline,
        diff.paragraphs,
        diff.is_empty,
        diff.fallback,
    )


CASES = load_corpus(CORPUS)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_same_summary_as_the_full_diff_on_the_corpus(case: object) -> None:
    old, new = case.old, case.new  # type: ignore[attr-defined]
    full = diff_articles(old, new)
    lazy = diff_articles(old, new, split_unchanged=False)
    assert summary(lazy) == summary(full)


def _edited(paragraphs: list[str], rnd: random.Random, fresh: list[str]) -> list[str]:
    """A plausible next version: some paragraphs kept, edited, dropped, added or moved."""
    out: list[str] = []
    for p in paragraphs:
        roll = rnd.random()
        if roll < 0.55:
            out.append(p)
        elif roll < 0.7:
            words = p.split(" ")
            words[rnd.randrange(len(words))] = rnd.choice(["new", "Zhao", "12%", "said."])
            out.append(" ".join(words))
        elif roll < 0.8:
            continue
        elif roll < 0.9:
            out.append(p + " " + fresh.pop() if fresh else p)
        else:
            out.append(fresh.pop() if fresh else p)
    if len(out) > 2 and rnd.random() < 0.3:
        out.insert(rnd.randrange(len(out)), out.pop(rnd.randrange(len(out))))
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(sentences(), min_size=1, max_size=10),
    st.lists(sentences(), min_size=0, max_size=4),
    st.randoms(use_true_random=False),
)
def test_same_summary_as_the_full_diff_on_generated_edits(
    paragraphs: list[str], fresh: list[str], rnd: random.Random
) -> None:
    old = ArticleText(title="Title", standfirst="Stand", paragraphs=tuple(paragraphs))
    new_paragraphs = _edited(paragraphs, rnd, list(fresh))
    new = ArticleText(
        title="Title" if rnd.random() < 0.7 else "A new title",
        standfirst="Stand",
        paragraphs=tuple(new_paragraphs),
    )
    full = diff_articles(old, new)
    lazy = diff_articles(old, new, split_unchanged=False)
    assert summary(lazy) == summary(full)


def test_unchanged_paragraphs_stay_whole() -> None:
    kept = "First sentence here. Second sentence here. Third one."
    old = ArticleText(title="T", paragraphs=(kept, "The old end. It was short."))
    new = ArticleText(title="T", paragraphs=(kept, "The new end. It was short."))
    full = diff_articles(old, new)
    lazy = diff_articles(old, new, split_unchanged=False)
    assert full.sentences_old[:3] == ("First sentence here.", "Second sentence here.", "Third one.")
    assert lazy.sentences_old[0] == kept
    # The changed paragraph is split the same way in both.
    assert lazy.sentences_old[1:] == full.sentences_old[3:]
    assert lazy.sentences_new[1:] == full.sentences_new[3:]
