"""Search helpers: query sanitising, removed text, snippets (table-driven + Hypothesis)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.core.model import ArticleText
from newsdelta.store.search import (
    _norm,
    fts_query,
    make_snippet,
    parse_query,
    pg_query,
    removed_text,
    split_sentences,
)


@pytest.mark.parametrize("query, expected", [
    ("rock solid", '"rock" AND "solid"'),
    ('"rock solid"', '"rock solid"'),
    ("furth*", '"furth"*'),
    ("NEAR(a b)", '"near a" AND "b"'),
    ("body:x OR y", '"body x" AND "or" AND "y"'),
    ('"', ""),
    ("*** ^^^ ()", ""),
    ("", ""),
])
def test_fts_query_is_always_quoted_terms(query: str, expected: str) -> None:
    assert fts_query(parse_query(query)) == expected


def test_pg_query_phrases_and_prefixes() -> None:
    assert pg_query(parse_query('"rock solid" furth*')) == "('rock' <-> 'solid') & ('furth':*)"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_user_input_is_a_valid_match_expression(query: str) -> None:
    expression = fts_query(parse_query(query))
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, removed, content='')")
    conn.execute("INSERT INTO t (rowid, body, removed) VALUES (1, 'rock solid ties', '')")
    if expression:
        conn.execute("SELECT rowid FROM t WHERE t MATCH ?", ("{body} : (" + expression + ")",)).fetchall()


def test_removed_text_lists_dropped_sentences_and_fields() -> None:
    old = ArticleText(title="Old title", paragraphs=("Kept sentence. Dropped sentence.", "Gone too."))
    new = ArticleText(title="New title", paragraphs=("Kept sentence. Added one.",))
    assert removed_text(new, old).splitlines() == ["Old title", "Dropped sentence.", "Gone too."]
    assert removed_text(new, None) == ""


def _removed_text_reference(article: ArticleText, previous: ArticleText) -> str:
    """The plain definition: every sentence of every previous paragraph is looked up."""
    kept = {_norm(s) for p in article.paragraphs for s in split_sentences(p)}
    kept.update(_norm(f) for f in (article.title, article.standfirst, article.byline))
    gone = [f for f in (previous.title, previous.standfirst, previous.byline) if f and _norm(f) not in kept]
    for paragraph in previous.paragraphs:
        gone.extend(s for s in split_sentences(paragraph) if _norm(s) not in kept)
    return "\n".join(gone)


_SENTENCES = st.sampled_from([
    "Alpha rose.", "Beta fell.", "Gamma said so.", "Delta.", "Old title", "ALPHA  rose!",
    "\u2014 \u2026", "\u03a9\u03bc\u03ad\u03b3\u03b1 \u039f\u0394\u039f\u03a3.", "alpha rose, beta fell.",
    # lower() lengthens the dotted capital I: paragraph offsets must still line up
    "\u0130stanbul grew.", "Alphabet rose.", "Gamma rose so.",
])
_PARAGRAPHS = st.lists(_SENTENCES, min_size=1, max_size=3).map(" ".join)
_VERSIONS = st.builds(
    ArticleText,
    title=st.sampled_from(["Old title", "New title", "Delta."]),
    paragraphs=st.lists(_PARAGRAPHS, max_size=5).map(tuple),
)


@settings(max_examples=600, deadline=None)
@given(_VERSIONS, _VERSIONS)
def test_removed_text_only_splits_changed_paragraphs_with_the_same_result(
    new: ArticleText, old: ArticleText
) -> None:
    # Sentences moving between paragraphs, a title turning into a sentence and
    # back: skipping unchanged paragraphs must not change what counts as removed.
    assert removed_text(new, old) == _removed_text_reference(new, old)


def test_snippet_marks_matches_in_a_window() -> None:
    text = " ".join(f"w{i}" for i in range(100)) + " target here " + " ".join("x" * 3 for _ in range(50))
    pieces = make_snippet(text, parse_query("target"))
    assert ("target", True) in pieces
    assert pieces[0] == ("… ", False) and pieces[-1] == (" …", False)
    assert sum(len(t.split()) for t, _ in pieces) <= 34


def test_removed_text_finds_a_sentence_after_letters_that_lowercase_longer() -> None:
    # "İ".lower() is two characters: paragraph offsets in the lowered text must
    # come from the lowered paragraphs, or "Abc" is looked for in the wrong one.
    new = ArticleText(title="T", paragraphs=("\u0130\u0130\u0130\u0130. Abc", "Other."))
    old = ArticleText(title="T", paragraphs=("Abc",))
    assert removed_text(new, old) == ""
    assert removed_text(ArticleText(title="T", paragraphs=("Other.",)), old) == "Abc"
