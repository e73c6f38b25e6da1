"""Tests for newsdelta.core.normalize."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.core.model import ArticleText
from newsdelta.core.normalize import article_fingerprint, normalize_text, raw_body_hash, wire_hash


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain text", "plain text"),
        ("  leading and trailing  ", "leading and trailing"),
        ("many \t\n  spaces", "many spaces"),
        ("Biden\u2019s claim", "Biden's claim"),
        ("\u2018single\u2019 \u201cdouble\u201d \u201elow\u201f", '\'single\' "double" "low"'),
        ("en\u2013dash em\u2014dash fig\u2012dash", "en-dash em-dash fig-dash"),
        ("minus \u22125 and nb\u2011hyphen", "minus -5 and nb-hyphen"),
        ("bar\u2015 small\ufe58 full\uff0d", "bar- small- full-"),
        ("wait\u2026", "wait..."),
        (
            "non\u00a0breaking thin\u2009space narrow\u202fnbsp",
            "non breaking thin space narrow nbsp",
        ),
        (
            "soft\u00adhyphen zero\u200bwidth word\u2060joiner \ufeffbom",
            "softhyphen zerowidth wordjoiner bom",
        ),
        ("fullwidth \uff21\uff22", "fullwidth AB"),  # NFKC
        ("ligature \ufb01ne", "ligature fine"),  # NFKC
        ("e\u0301", "\u00e9"),  # composed
        ("e\u00ad\u0301", "\u00e9"),  # soft hyphen removed before composition
        ("zwj \U0001f469\u200d\U0001f52c kept", "zwj \U0001f469\u200d\U0001f52c kept"),
        ("", ""),
        (" \u00a0\u200b ", ""),
    ],
)
def test_normalize_text_table(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@given(st.text())
def test_normalize_text_is_idempotent(s: str) -> None:
    once = normalize_text(s)
    assert normalize_text(once) == once


@given(st.text())
def test_normalized_text_has_no_runs_or_edges(s: str) -> None:
    out = normalize_text(s)
    assert out == out.strip()
    assert "  " not in out
    assert not any(c.isspace() and c != " " for c in out)


BASE = ArticleText(
    title="China responds to Biden\u2019s claim about ties with Moscow",
    standfirst="Sino-Russian relations are \u201crock solid\u201d",
    byline="RT",
    paragraphs=("First paragraph.", "Second paragraph."),
)


def test_fingerprint_is_stable_hex() -> None:
    fp = article_fingerprint(BASE)
    assert len(fp) == 32
    int(fp, 16)
    assert fp == article_fingerprint(BASE)


@pytest.mark.parametrize(
    "same",
    [
        BASE.__class__(
            title="China responds to Biden's claim about  ties with Moscow",
            standfirst=' Sino-Russian relations are "rock solid"',
            byline="RT ",
            paragraphs=("First\u00a0paragraph.", "", "  ", "Second para\u00adgraph."),
        ),
        ArticleText(
            title=BASE.title,
            standfirst=BASE.standfirst,
            byline=BASE.byline,
            paragraphs=BASE.paragraphs,
            published=datetime(2022, 11, 18, tzinfo=UTC),
            updated=datetime(2022, 11, 19, tzinfo=UTC),
            canonical_url="https://example.org/a",
            language="en",
        ),
    ],
    ids=["typography", "metadata"],
)
def test_fingerprint_ignores_noise_and_metadata(same: ArticleText) -> None:
    assert article_fingerprint(same) == article_fingerprint(BASE)


@pytest.mark.parametrize(
    "different",
    [
        ArticleText(
            title=BASE.title.replace("about", "on"),
            standfirst=BASE.standfirst,
            byline=BASE.byline,
            paragraphs=BASE.paragraphs,
        ),
        ArticleText(
            title=BASE.title,
            standfirst=BASE.standfirst,
            byline="Reuters",
            paragraphs=BASE.paragraphs,
        ),
        ArticleText(
            title=BASE.title,
            standfirst=BASE.standfirst,
            byline=BASE.byline,
            paragraphs=("First paragraph. Second paragraph.",),
        ),
        ArticleText(
            title=BASE.title,
            standfirst=BASE.standfirst,
            byline=BASE.byline,
            paragraphs=tuple(reversed(BASE.paragraphs)),
        ),
    ],
    ids=["title", "byline", "merged-paragraphs", "reordered"],
)
def test_fingerprint_sees_real_changes(different: ArticleText) -> None:
    assert article_fingerprint(different) != article_fingerprint(BASE)


def test_fingerprint_fields_do_not_bleed() -> None:
    # The same words moved from title to standfirst are a different article.
    a = ArticleText(title="Alpha beta", standfirst="gamma")
    b = ArticleText(title="Alpha", standfirst="beta gamma")
    c = ArticleText(title="Alpha beta gamma")
    assert len({article_fingerprint(x) for x in (a, b, c)}) == 3


def test_raw_body_hash() -> None:
    body = b"<html>same</html>"
    assert raw_body_hash(body) == raw_body_hash(bytes(body))
    assert raw_body_hash(body) != raw_body_hash(body + b" ")
    assert len(raw_body_hash(b"")) == 32


def test_wire_hash_names_the_coding() -> None:
    stream = b"\x1f\x8b compressed bytes"
    assert wire_hash("gzip", stream) == wire_hash("gzip", bytes(stream))
    assert wire_hash("gzip", stream) != wire_hash("deflate", stream)
    assert wire_hash("gzip", stream) != wire_hash("gzip", stream + b"\0")
    assert wire_hash("gzip", stream) != raw_body_hash(stream)
    assert len(wire_hash("gzip", b"")) == 32


@settings(max_examples=2000)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
def test_fast_paths_give_the_reference_result(s: str) -> None:
    from newsdelta.core.normalize import normalize_text_reference

    assert normalize_text(s) == normalize_text_reference(s)


@pytest.mark.parametrize(
    "s",
    ["plain ascii  text", "“curly” — dash", "soft\u00adhyphen", "ﬁ ligature", "a\u200bb", "x\u2212y"],
)
def test_fast_paths_table(s: str) -> None:
    from newsdelta.core.normalize import normalize_text_reference

    assert normalize_text(s) == normalize_text_reference(s)


# Characters where a joined normalisation could differ from one paragraph at a time:
# the separator itself, combining marks and jamo that compose across a boundary,
# invisible break hints, compatibility forms and every kind of whitespace.
_TRICKY = st.sampled_from(
    ["\x1f", "\x1e", "\u0301", "\u0327", "\u1100", "\u1161", "\u11a8", "\u0b47", "\u0b3e",
     "\u00ad", "\u200b", "\ufeff", "\ufb01", "\u2026", "\u201c", "\u2014", "\u00a0", "\u2028",
     " ", "\n", "\t", "e", "A", "1", "."]
)
_PARAGRAPH = st.lists(
    st.one_of(_TRICKY, st.characters(codec="utf-8", exclude_categories=("Cs",))), max_size=12
).map("".join)


@settings(max_examples=3000)
@given(st.lists(_PARAGRAPH, max_size=6))
def test_paragraphs_normalised_together_as_one_by_one(paragraphs: list[str]) -> None:
    from newsdelta.core.normalize import normalize_each, normalize_text_reference

    expected = [p for p in map(normalize_text_reference, paragraphs) if p]
    assert [p for p in normalize_each(paragraphs) if p] == expected


@pytest.mark.parametrize(
    "paragraphs",
    [
        [],
        ["", "  ", "\u00ad"],  # all empty once normalised
        ["e", "\u0301 accent opens a paragraph"],  # must not compose with the one before
        ["\u1100", "\u1161"],  # Hangul jamo compose only inside a paragraph
        ["a\x1fb", "c"],  # a paragraph holding the separator itself
        ["plain", "ascii only"],
    ],
)
def test_paragraphs_normalised_together_table(paragraphs: list[str]) -> None:
    from newsdelta.core.normalize import normalize_each

    assert [p for p in normalize_each(paragraphs) if p] == [p for p in map(normalize_text, paragraphs) if p]


@settings(max_examples=1000)
@given(st.lists(_PARAGRAPH, max_size=6), _PARAGRAPH)
def test_fingerprint_and_forms_agree_with_their_parts(paragraphs: list[str], title: str) -> None:
    from newsdelta.core.normalize import fingerprint_and_forms

    article = ArticleText(title=title, paragraphs=tuple(paragraphs))
    digest, forms = fingerprint_and_forms(article)
    assert digest == article_fingerprint(article)
    assert forms == [normalize_text(p) for p in paragraphs]


def test_direction_marks_never_make_a_version() -> None:
    # Found by an audit: an LRM added after a word made a "style" version.
    from newsdelta.core.diff import diff_articles
    from newsdelta.core.normalize import BIDI_MARKS

    plain = ArticleText("T", paragraphs=("the council met on Monday 12 May",))
    for mark in BIDI_MARKS:
        marked = ArticleText("T", paragraphs=(f"the{mark} council met on Monday {mark}12 May",))
        assert article_fingerprint(marked) == article_fingerprint(plain), hex(ord(mark))
        assert diff_articles(plain, marked).is_empty, hex(ord(mark))
