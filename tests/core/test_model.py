"""ArticleText's cached word count must behave like a plain computed property."""

from __future__ import annotations

import dataclasses
import pickle

from newsdelta.core.model import ArticleText


def test_word_count_counts_title_and_paragraphs_once() -> None:
    text = ArticleText(title="Two words", standfirst="not counted", paragraphs=("one two  three", "four"))
    assert text._word_count is None
    assert text.word_count == 6
    assert text._word_count == 6  # kept for the next caller


def test_cached_count_is_invisible_to_equality_hashing_copies_and_pickles() -> None:
    counted = ArticleText(title="A", paragraphs=("b c",))
    fresh = ArticleText(title="A", paragraphs=("b c",))
    assert counted.word_count == 3
    assert counted == fresh and hash(counted) == hash(fresh)
    assert "_word_count" not in repr(counted)
    changed = dataclasses.replace(counted, paragraphs=("b c d e",))
    assert changed.word_count == 5  # a copy with other paragraphs counts again
    assert pickle.loads(pickle.dumps(counted)).word_count == 3
