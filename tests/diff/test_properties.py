"""Hypothesis invariants of the diff."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.core.diff import diff_articles, new_text, old_text, word_ops
from newsdelta.core.diff.tokens import fold
from newsdelta.core.model import ArticleText
from newsdelta.core.normalize import normalize_text

from .helpers import assert_rebuilds

WORDS = [
    "the", "minister", "said", "on", "Friday", "3,000", "“rock", "solid,”", '"rock', 'solid,"',
    "Zhao", "Moscow.", "It", "was", "—", "-", "\u00a0", "Dr.", "a", "claim", "by", "’s", "'s",
    "Correction:", "people.", "An", "earlier", "version", "12%", "Beijing", "?", "!",
]
SPACES = st.sampled_from([" ", " ", " ", "  ", "\u00a0", "\t"])


@st.composite
def texts(draw: st.DrawFn, max_words: int = 25) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=max_words))
    out = []
    for w in words:
        out.append(w)
        out.append(draw(SPACES))
    if out and draw(st.booleans()):
        out.pop()
    return "".join(out)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 3))
    return " ".join(draw(texts(12)).strip() + "." for _ in range(n))


articles = st.builds(
    lambda t, s, b, ps: ArticleText(title=t, standfirst=s, byline=b, paragraphs=tuple(ps)),
    texts(10),
    texts(15),
    st.sampled_from(["", "By Jane Doe", "By John Roe and Jane Doe"]),
    st.lists(sentences(), max_size=7),
)


@settings(max_examples=150, deadline=None)
@given(texts(), texts())
def test_word_ops_rebuild_both_texts(a: str, b: str) -> None:
    ops = word_ops(a, b)
    assert old_text(ops) == a
    assert new_text(ops) == b


@settings(max_examples=150, deadline=None)
@given(articles, articles)
def test_article_ops_rebuild_both_versions(old: ArticleText, new: ArticleText) -> None:
    diff = diff_articles(old, new)
    assert_rebuilds(diff, old, new)
    assert 0.0 <= diff.significance <= 1.0
    n_old, n_new = len(diff.sentences_old), len(diff.sentences_new)
    for link in diff.sentence_links:
        assert 0 <= link.old < n_old and 0 <= link.new < n_new


@settings(max_examples=100, deadline=None)
@given(articles)
def test_diff_of_identical_versions_is_empty(art: ArticleText) -> None:
    diff = diff_articles(art, art)
    assert diff.is_empty
    assert diff.labels == ()
    assert diff.significance == 0.0
    assert all(row.kind == "equal" for row in diff.paragraphs)
    assert all(link.kind == "equal" for link in diff.sentence_links)
    assert diff.stats.words_added == diff.stats.words_deleted == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(sentences(), min_size=2, max_size=8, unique_by=fold), st.randoms())
def test_moved_only_changes_are_moves(paragraphs: list[str], rnd: object) -> None:
    order = list(range(len(paragraphs)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    if order == sorted(order):
        order.reverse()
    old = ArticleText(title="T", paragraphs=tuple(paragraphs))
    new = ArticleText(title="T", paragraphs=tuple(paragraphs[i] for i in order))
    diff = diff_articles(old, new)
    assert diff.label_ids == ("moved",)
    assert diff.stats.words_added == diff.stats.words_deleted == 0
    assert all(not op.is_edit for row in diff.paragraphs for op in row.ops)
    assert all(row.kind in ("equal", "moved") for row in diff.paragraphs)


def test_typography_only_is_not_an_edit() -> None:
    old = ArticleText(title="It's “rock solid” — said", paragraphs=("A\u00a0b - c 'd'.",))
    new = ArticleText(title="It’s \"rock solid\" - said", paragraphs=("A b – c ‘d’.",))
    diff = diff_articles(old, new)
    assert diff.is_empty and not diff.title.changed and diff.labels == ()
    assert any(op.typography for op in diff.title.ops)
    assert_rebuilds(diff, old, new)


_JOIN_TRICKY = st.sampled_from(
    [".", " ", "\n", "\u00a0", "\u0301", "\u00ad", "\u2026", "\u201c", "\u2014", "\ufb01",
     "\u1100", "\u1161", "e", "Zhao", "\u00a8", "`", "'"]
)
_PIECE = st.lists(st.one_of(_JOIN_TRICKY, st.sampled_from(WORDS)), max_size=8).map("".join)


@settings(max_examples=1500)
@given(st.lists(_PIECE, max_size=6), _PIECE)
def test_folded_article_is_the_fold_of_the_joined_text(paragraphs: list[str], standfirst: str) -> None:
    from newsdelta.core.diff.labels import PARAGRAPH_JOINER, folded_article

    article = ArticleText(title="T", standfirst=standfirst, paragraphs=tuple(paragraphs))
    assert folded_article(article) == fold(PARAGRAPH_JOINER.join([standfirst, *paragraphs]))


@settings(max_examples=1500)
@given(st.lists(st.one_of(_PIECE, st.just("a\x1fb")), max_size=8))
def test_paragraph_keys_fold_in_bulk_as_one_by_one(paragraphs: list[str]) -> None:
    from newsdelta.core.diff.tokens import clear_key_cache, paragraph_key, paragraph_keys

    clear_key_cache()
    assert paragraph_keys(paragraphs) == [fold(p) for p in paragraphs]
    assert [paragraph_key(p) for p in paragraphs] == [fold(p) for p in paragraphs]  # cached


def test_key_cache_stays_bounded_and_keeps_recent_keys() -> None:
    from newsdelta.core.diff.tokens import _KeyCache

    cache = _KeyCache(3)
    for i in range(10):
        cache.put(f"p{i}", f"k{i}")
    assert cache.get("p9") == "k9" and cache.get("p8") == "k8"
    assert cache.get("p0") is None  # two generations of three at most
    assert len(cache._young) + len(cache._old) <= 6


def test_a_texts_fold_does_not_depend_on_the_texts_folded_with_it() -> None:
    from newsdelta.core.diff.tokens import _fold_many

    assert fold("He said `no`") == "He said 'no'"  # ASCII text: the backtick still folds
    assert _fold_many(["He said `no`", "Café"]) == [fold("He said `no`"), fold("Café")]


_ASCII_PIECE = st.lists(
    st.sampled_from([" ", "  ", "\n", "\t", "`", "'", '"', "-", ".", "x", *WORDS]), max_size=8
).map("".join)


@settings(max_examples=1500)
@given(st.lists(st.one_of(_ASCII_PIECE, _PIECE), max_size=8))
def test_plain_keys_from_the_fingerprint_forms_are_the_folds(paragraphs: list[str]) -> None:
    """The check path tells the key cache the fingerprint's forms of plain paragraphs."""
    from newsdelta.core.diff.tokens import clear_key_cache, paragraph_keys, remember_plain_keys
    from newsdelta.core.normalize import fingerprint_and_forms

    clear_key_cache()
    _digest, forms = fingerprint_and_forms(ArticleText(title="T", paragraphs=tuple(paragraphs)))
    remember_plain_keys(paragraphs, forms)
    assert paragraph_keys(paragraphs) == [fold(p) for p in paragraphs]


def test_plain_keys_skip_texts_whose_fold_differs() -> None:
    from newsdelta.core.diff.tokens import clear_key_cache, paragraph_key, remember_plain_keys

    clear_key_cache()
    texts = ["a `quoted` word", "curly \u201cquote\u201d", "two  spaces"]
    remember_plain_keys(texts, [normalize_text(t) for t in texts])
    assert [paragraph_key(t) for t in texts] == ["a 'quoted' word", 'curly "quote"', "two spaces"]
