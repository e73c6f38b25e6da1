"""Huge inputs take the documented fallbacks and still rebuild both texts.

Speed itself is measured in benchmarks/bench_diff.py (tests never time).
"""

from __future__ import annotations

import random

from newsdelta.core.diff import diff_articles, new_text, old_text, word_ops
from newsdelta.core.model import ArticleText

from .helpers import assert_rebuilds

VOCAB = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]


def _line(rnd: random.Random, n: int) -> str:
    return " ".join(rnd.choice(VOCAB) for _ in range(n)) + "."


def test_ten_thousand_paragraphs_with_few_edits_use_the_regex_splitter() -> None:
    rnd = random.Random(1)
    lines = tuple(_line(rnd, 8) for _ in range(10_000))
    edited = list(lines)
    edited[5000] = "A completely new line about something else."
    old, new = ArticleText("t", paragraphs=lines), ArticleText("t", paragraphs=tuple(edited))
    diff = diff_articles(old, new)
    assert diff.fallback == "regex sentence splitter"
    assert [r.kind for r in diff.paragraphs].count("equal") == 9_999
    assert_rebuilds(diff, old, new)


def test_entirely_different_huge_texts_fall_back_to_paragraph_level() -> None:
    rnd = random.Random(2)
    old = ArticleText("t", paragraphs=tuple(_line(rnd, 8) for _ in range(3_000)))
    new = ArticleText("t", paragraphs=tuple(_line(rnd, 8) for _ in range(3_000)))
    diff = diff_articles(old, new)
    assert diff.fallback.startswith("paragraph-level")
    assert diff.sentence_links == ()
    assert_rebuilds(diff, old, new)


def test_one_insertion_in_a_megabyte_stays_a_precise_word_diff() -> None:
    rnd = random.Random(3)
    big = " ".join(_line(rnd, 12) for _ in range(12_500))
    half = len(big) // 2
    cut = big.index(" ", half)
    changed = big[:cut] + " inserted words here" + big[cut:]
    ops = word_ops(big, changed)
    assert old_text(ops) == big and new_text(ops) == changed
    inserted = " ".join(o.text for o in ops if o.op == "insert").split()
    assert inserted == ["inserted", "words", "here"]


def test_unalignable_megabyte_becomes_replace_all() -> None:
    rnd = random.Random(4)
    big = " ".join(_line(rnd, 12) for _ in range(12_500))
    reordered = " ".join(reversed(big.split(". ")))
    ops = word_ops(big, reordered)
    assert [o.op for o in ops if o.op != "equal"][:2] == ["delete", "insert"]
    assert old_text(ops) == big and new_text(ops) == reordered
