"""Tests for newsdelta.core.versioning."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdelta.core.model import ArticleText
from newsdelta.core.normalize import article_fingerprint
from newsdelta.core.versioning import (
    Verdict,
    VersionPolicy,
    broken_extraction_reason,
    decide,
)
from newsdelta.settings import Settings

POLICY = VersionPolicy()


def words(n: int, word: str = "word") -> str:
    return " ".join(f"{word}{i}" for i in range(n))


# A 200-word article: long enough that stray phrases do not make it a stub.
ARTICLE = ArticleText(
    title="China responds to Biden\u2019s claim about ties with Moscow",
    standfirst="Sino-Russian relations are \u201crock solid\u201d",
    byline="RT",
    paragraphs=tuple(words(40, f"p{k}x") for k in range(5)),
)
FP = article_fingerprint(ARTICLE)


def short(title: str, body: str) -> ArticleText:
    return ArticleText(title=title, paragraphs=(body,))


@pytest.mark.parametrize(
    ("new", "last_good", "expected"),
    [
        (ArticleText(title=""), None, "empty"),
        (ArticleText(title="  ", paragraphs=("", " \u00a0")), None, "empty"),
        (ArticleText(title="A headline"), None, "no paragraphs"),
        (ArticleText(title="", paragraphs=(words(50),)), None, "no title"),
        (short("404", words(30)), None, 'error page ("404")'),
        (short("Error 503", words(30)), None, 'error page ("error 503")'),
        (short("Oops", "Page not found. " + words(30)), None, 'error page ("page not found")'),
        (
            short("Oops", "Sorry, something went wrong. " + words(30)),
            None,
            'error page ("something went wrong")',
        ),
        (short("Blocked", "Access denied. " + words(30)), None, 'error page ("access denied")'),
        (short("News", "Error 404: " + words(30)), None, 'error page ("error 404")'),
        (
            short("Title", "Subscribe to continue reading. " + words(30)),
            None,
            'paywall stub ("subscribe to continue reading")',
        ),
        (
            short("Title", "This content is for subscribers. " + words(30)),
            None,
            'paywall stub ("this content is for subscribers")',
        ),
        (
            short("Title", "You\u2019ve reached your limit of free articles. " + words(30)),
            None,
            'paywall stub ("you\'ve reached your limit of free articles")',
        ),
        (
            short("Title", "Sign in to read the full story. " + words(30)),
            None,
            'paywall stub ("sign in to read")',
        ),
        (short("Title", words(10)), None, "too short (11 words, minimum 20)"),
        (
            ArticleText(title="Title", paragraphs=(words(119),)),
            ArticleText(title="Title", paragraphs=(words(949),)),
            "far shorter than last version (120 vs 950 words)",
        ),
    ],
)
def test_broken_extraction_reasons(
    new: ArticleText, last_good: ArticleText | None, expected: str
) -> None:
    assert broken_extraction_reason(new, last_good, POLICY) == expected


def test_a_known_word_count_of_the_last_version_is_used_as_given() -> None:
    new = ArticleText(title="Title", paragraphs=(words(119),))
    last_good = ArticleText(title="Title", paragraphs=(words(119),))  # same length...
    reason = broken_extraction_reason(new, last_good, POLICY, last_good_words=950)  # ...stored as 950
    assert reason == "far shorter than last version (120 vs 950 words)"
    assert broken_extraction_reason(new, last_good, POLICY) is None


LAST_200 = ArticleText(title="T", paragraphs=(words(199),))


@pytest.mark.parametrize(
    ("new", "last_good"),
    [
        (ARTICLE, LAST_200),
        # phrases inside a long real article are not a stub
        (
            replace(ARTICLE, paragraphs=(*ARTICLE.paragraphs, "Access denied, the court said.")),
            LAST_200,
        ),
        (
            replace(ARTICLE, paragraphs=(*ARTICLE.paragraphs, "Subscribe to continue reading.")),
            LAST_200,
        ),
        # short news items with numbers and "not found" are fine
        (short("404 dead in floods", "The body was not found. " + words(30)), None),
        # exactly half the last version is not "far shorter"
        (ArticleText(title="T", paragraphs=(words(99),)), LAST_200),
    ],
    ids=["article", "phrase-in-long", "paywall-phrase-in-long", "short-news", "half"],
)
def test_good_extractions_pass(new: ArticleText, last_good: ArticleText | None) -> None:
    assert broken_extraction_reason(new, last_good, POLICY) is None


def test_policy_thresholds_are_used() -> None:
    text = ArticleText(title="T", paragraphs=(words(29),))
    assert broken_extraction_reason(text, None, VersionPolicy(min_words=31)) is not None
    assert broken_extraction_reason(text, None, VersionPolicy(min_words=30)) is None
    last = ArticleText(title="T", paragraphs=(words(99),))
    assert broken_extraction_reason(text, last, VersionPolicy(shrink_ratio=0.3)) is None
    assert broken_extraction_reason(text, last, VersionPolicy(shrink_ratio=0.31)) is not None


def test_from_settings() -> None:
    p = VersionPolicy.from_settings(Settings(shrink_ratio=0.25, min_words=5))
    assert (p.shrink_ratio, p.min_words) == (0.25, 5)


# --- decide -------------------------------------------------------------------------

EDITED = replace(
    ARTICLE, title=ARTICLE.title.replace("about", "on"), paragraphs=ARTICLE.paragraphs[:-1]
)
EDITED_FP = article_fingerprint(EDITED)
STUB = short("Title", "Subscribe to continue reading.")


@pytest.mark.parametrize(
    ("new", "last_fp", "seen", "verdict", "reason"),
    [
        (ARTICLE, None, {}, Verdict.NEW, "first version"),
        (ARTICLE, FP, {FP: 1}, Verdict.UNCHANGED, "same text as the latest version"),
        # typography-only difference: still the same fingerprint
        (
            replace(ARTICLE, title=ARTICLE.title.replace("\u2019", "'") + "  "),
            FP,
            {FP: 1},
            Verdict.UNCHANGED,
            "same text as the latest version",
        ),
        # a changed "updated" date is not an edit
        (
            replace(ARTICLE, canonical_url="https://x.example/a"),
            FP,
            {FP: 1},
            Verdict.UNCHANGED,
            "same text as the latest version",
        ),
        (EDITED, FP, {FP: 1}, Verdict.NEW, "text changed"),
        # A -> B -> A: the second A is stored (seen once before)
        (ARTICLE, EDITED_FP, {FP: 1, EDITED_FP: 1}, Verdict.NEW, "changed back to an earlier text"),
        # A -> B -> A -> B -> A: A already stored twice: flip-flop, not stored again
        (
            ARTICLE,
            EDITED_FP,
            {FP: 2, EDITED_FP: 2},
            Verdict.FLIP_FLOP,
            "text already stored 2 times (flip-flop)",
        ),
        (STUB, FP, {FP: 1}, Verdict.REFUSED, 'paywall stub ("subscribe to continue reading")'),
        (ArticleText(title=""), FP, {FP: 1}, Verdict.REFUSED, "empty"),
        (ArticleText(title=""), None, {}, Verdict.REFUSED, "empty"),
    ],
    ids=[
        "first",
        "same",
        "typography",
        "metadata",
        "edit",
        "revert",
        "flip-flop",
        "stub",
        "empty",
        "empty-first",
    ],
)
def test_decide_table(
    new: ArticleText, last_fp: str | None, seen: dict[str, int], verdict: Verdict, reason: str
) -> None:
    last_good = ARTICLE if last_fp == FP else (EDITED if last_fp else None)
    d = decide(new, last_fingerprint=last_fp, last_good=last_good, seen_counts=seen, policy=POLICY)
    assert (d.verdict, d.reason) == (verdict, reason)
    assert d.fingerprint == article_fingerprint(new)
    # The pipeline passes the fingerprint it already computed: same decision.
    given_fp = decide(
        new, last_fingerprint=last_fp, last_good=last_good, seen_counts=seen, policy=POLICY,
        fingerprint=article_fingerprint(new),
    )
    assert given_fp == d


def test_decide_refuses_shrunk_text_until_it_persists() -> None:
    cut = replace(ARTICLE, paragraphs=ARTICLE.paragraphs[:1])  # 49 of 209 words (title included)

    def run(new: ArticleText, streak: int) -> Verdict:
        d = decide(
            new,
            last_fingerprint=FP,
            last_good=ARTICLE,
            seen_counts={FP: 1},
            policy=POLICY,
            refused_streak=streak,
        )
        if d.verdict is Verdict.REFUSED and new is cut:
            assert d.reason == "far shorter than last version (49 vs 209 words)"
        return d.verdict

    for streak in range(POLICY.accept_shrink_after):
        assert run(cut, streak) is Verdict.REFUSED
    assert run(cut, POLICY.accept_shrink_after) is Verdict.NEW
    # a persistent paywall stub is still refused: only the shrink rule gives way
    assert run(STUB, 99) is Verdict.REFUSED


# --- property: typography noise never yields NEW --------------------------------------

_NOISE = {
    " ": [" ", "  ", "\u00a0", "\u2009", "\u202f", " \u200b", "\n", "\t"],
    "'": ["'", "\u2019", "\u2018"],
    '"': ['"', "\u201c", "\u201d", "\u201e"],
    "-": ["-", "\u2013", "\u2014", "\u2011", "\u2212"],
    "...": ["...", "\u2026"],
}
plain_words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789.,'\"-", min_size=1, max_size=12
)


@st.composite
def noisy(draw: st.DrawFn, text: str) -> str:
    """``text`` with typography swapped, spaces varied and invisible characters sprinkled."""
    out = []
    for ch in text:
        if ch in _NOISE:
            ch = draw(st.sampled_from(_NOISE[ch]))
        elif ch.isalpha() and draw(st.integers(0, 9)) == 0:
            ch = ch + draw(st.sampled_from(["\u00ad", "\u200b", "\u2060"]))
        out.append(ch)
    pad = st.sampled_from(["", " ", "\u00a0", "\n "])
    return draw(pad) + "".join(out) + draw(pad)


@st.composite
def article_and_noisy_copy(draw: st.DrawFn) -> tuple[ArticleText, ArticleText]:
    paragraphs = draw(
        st.lists(
            st.lists(plain_words, min_size=1, max_size=30).map(" ".join), min_size=1, max_size=8
        )
    )
    title = " ".join(draw(st.lists(plain_words, min_size=1, max_size=8)))
    original = ArticleText(
        title=title, standfirst='A "quoted" - standfirst...', paragraphs=tuple(paragraphs)
    )
    noisy_paragraphs = [draw(noisy(p)) for p in paragraphs]
    # empty paragraphs sneak in between real ones
    if draw(st.booleans()):
        noisy_paragraphs.insert(draw(st.integers(0, len(noisy_paragraphs))), " \u00a0")
    copy = ArticleText(
        title=draw(noisy(title)),
        standfirst=draw(noisy(original.standfirst)),
        paragraphs=tuple(noisy_paragraphs),
    )
    return original, copy


@given(article_and_noisy_copy(), st.integers(0, 3))
def test_typography_noise_never_yields_new(
    pair: tuple[ArticleText, ArticleText], seen: int
) -> None:
    original, copy = pair
    fp = article_fingerprint(original)
    d = decide(copy, last_fingerprint=fp, last_good=original, seen_counts={fp: seen}, policy=POLICY)
    assert d.verdict is Verdict.UNCHANGED
    assert d.fingerprint == fp
