"""``summarize_edit``: the check path's summary equals the full diff's.

It joins the unchanged paragraphs at both ends before diffing; the words
counted, the headline flag, the labels and the significance must come out
exactly as :func:`diff_articles` gives them, on every case of the edits
corpus and on generated edits of generated articles.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.core.diff import diff_articles
from newsdelta.core.diff.engine import DEFAULT_LIMITS
from newsdelta.core.diff.summary import EditSummary, _join_unchanged_ends, summarize_edit
from newsdelta.core.model import ArticleText
from newsdelta.evaluate import load_corpus

from .helpers import CORPUS
from .test_properties import sentences
from .test_split_unchanged import _edited


def full_summary(old: ArticleText, new: ArticleText) -> EditSummary:
    return EditSummary.of(diff_articles(old, new))


CASES = load_corpus(CORPUS)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_same_summary_as_the_full_diff_on_the_corpus(case: object) -> None:
    old, new = case.old, case.new  # type: ignore[attr-defined]
    assert summarize_edit(old, new) == full_summary(old, new)


def test_the_corpus_exercises_the_joins() -> None:
    """Enough corpus cases have unchanged ends to join, or the test above proves little."""
    joined = sum(1 for c in CASES if _join_unchanged_ends(c.old, c.new, DEFAULT_LIMITS)[2])
    assert joined >= 20, joined


@settings(max_examples=300, deadline=None)
@given(
    st.lists(sentences(), min_size=1, max_size=14),
    st.lists(sentences(), min_size=0, max_size=4),
    st.randoms(use_true_random=False),
    st.booleans(),
)
def test_same_summary_as_the_full_diff_on_generated_edits(
    paragraphs: list[str], fresh: list[str], rnd: random.Random, repeat: bool
) -> None:
    if repeat and len(paragraphs) > 3:  # repeated paragraphs: never joined
        paragraphs[rnd.randrange(len(paragraphs))] = paragraphs[0]
    old = ArticleText(title="Title", standfirst="Stand", paragraphs=tuple(paragraphs))
    new = ArticleText(
        title="Title" if rnd.random() < 0.7 else "A new title",
        standfirst="Stand",
        paragraphs=tuple(_edited(paragraphs, rnd, list(fresh))),
    )
    assert summarize_edit(old, new) == full_summary(old, new)


def _article(paragraphs: list[str]) -> ArticleText:
    return ArticleText(title="T", standfirst="S", paragraphs=tuple(paragraphs))


PARAGRAPHS = [f"Paragraph {i} tells of Mayor Rossi and the {i}th budget." for i in range(10)]


def test_an_edit_in_the_middle_joins_both_ends() -> None:
    edited = list(PARAGRAPHS)
    edited[5] = "Paragraph 5 tells of Mayor Bianchi and the 5th budget."
    old, new = _article(PARAGRAPHS), _article(edited)
    short_old, short_new, joins = _join_unchanged_ends(old, new, DEFAULT_LIMITS)
    assert joins == (5 - 2) + (4 - 1)
    assert len(short_old.paragraphs) == 2 + 1 + 1
    assert short_old.paragraphs[1:3] == (PARAGRAPHS[4], PARAGRAPHS[5])
    assert short_new.paragraphs[2] == edited[5]
    summary = summarize_edit(old, new)
    assert summary == full_summary(old, new)
    assert "name" in summary.labels and "lede" not in summary.labels


def test_an_edit_in_the_lede_is_still_a_lede_edit() -> None:
    edited = list(PARAGRAPHS)
    edited[1] = "Paragraph 1 now tells of a scandal and the 1st budget."
    summary = summarize_edit(_article(PARAGRAPHS), _article(edited))
    assert "lede" in summary.labels
    assert summary == full_summary(_article(PARAGRAPHS), _article(edited))


def test_a_name_still_mentioned_in_a_joined_paragraph_is_not_gone() -> None:
    """The name label reads the whole article: joined paragraphs must still count."""
    edited = list(PARAGRAPHS)
    edited[6] = edited[6].replace("Mayor Rossi", "the mayor")
    summary = summarize_edit(_article(PARAGRAPHS), _article(edited))
    assert "name" not in summary.labels  # Rossi is still in paragraphs 0-5 and 7-9
    assert summary == full_summary(_article(PARAGRAPHS), _article(edited))


def test_repeated_paragraphs_are_not_joined() -> None:
    repeated = ["Same line.", *PARAGRAPHS[:4], "Same line.", *PARAGRAPHS[4:]]
    edited = list(repeated)
    edited[7] = "A changed paragraph with Mayor Verdi."
    short_old, _, _ = _join_unchanged_ends(_article(repeated), _article(edited), DEFAULT_LIMITS)
    assert short_old.paragraphs[0] == "Same line."  # the head stops before the repeat
    assert summarize_edit(_article(repeated), _article(edited)) == full_summary(
        _article(repeated), _article(edited)
    )


def test_joined_paragraphs_read_as_the_same_whole_article_text() -> None:
    """The name label looks names up in the paragraphs joined by PARAGRAPH_JOINER."""
    from newsdelta.core.diff.labels import PARAGRAPH_JOINER
    from newsdelta.core.diff.tokens import fold

    edited = list(PARAGRAPHS)
    edited[5] = "Paragraph 5 is new"
    for old, new in ((_article(PARAGRAPHS), _article(edited)), (_article(edited), _article(PARAGRAPHS))):
        short_old, short_new, joins = _join_unchanged_ends(old, new, DEFAULT_LIMITS)
        assert joins
        for short, whole in ((short_old, old), (short_new, new)):
            assert fold(PARAGRAPH_JOINER.join([short.standfirst, *short.paragraphs])) == fold(
                PARAGRAPH_JOINER.join([whole.standfirst, *whole.paragraphs])
            )


def test_the_joiners_do_not_change_the_sentence_splitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """pysbd or the regex splitter is chosen from the text's size: joined, it is a bit longer."""
    from dataclasses import replace

    from newsdelta.core.diff import summary as summary_module

    edited = list(PARAGRAPHS)
    edited[5] = "Dr. Rossi said so. Then he left."
    old, new = _article(PARAGRAPHS), _article(edited)
    # Exactly the characters the full diff splits: it stays with pysbd, just.
    budget = sum(map(len, PARAGRAPHS)) + len(edited[5])
    limits = replace(DEFAULT_LIMITS, pysbd_char_budget=budget)
    assert diff_articles(old, new, limits).fallback == ""
    seen: list[str] = []
    real = summary_module.diff_articles

    def spy(*args: object, **kwargs: object) -> object:
        diff = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(diff.fallback)
        return diff

    monkeypatch.setattr(summary_module, "diff_articles", spy)
    summarize_edit(old, new, limits)
    assert seen == [""]
