"""Labels that tell a reader a change does not matter must not hide one that does.

Found by an audit: "increase" -> "decrease" was labelled a typo, and "-5%" -> "5%"
a style fix without the ``number`` label.
"""

from __future__ import annotations

import pytest

from newsdelta.core.diff import diff_articles
from newsdelta.core.diff.labels import looks_like_typo
from newsdelta.core.diff.patterns import numbers
from newsdelta.core.model import ArticleText


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("goverment", "government"),  # a letter dropped
        ("recieved", "received"),  # two letters swapped
        ("emergancy", "emergency"),  # a vowel for a vowel in a long word
        ("comittee", "committee"),
        ("publically", "publicly"),  # two adjacent letters in a longer word
        ("organizers", "organisers"),
        ("sgined", "signed"),
    ],
)
def test_spelling_slips_are_typos(old: str, new: str) -> None:
    assert looks_like_typo(old, new)


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("increase", "decrease", "the first letter: opposites"),
        ("legal", "illegal", "a negating prefix"),
        ("able", "unable", "a negating prefix"),
        ("ever", "never", "a negating prefix"),
        ("lawful", "unlawful", "a negating prefix"),
        ("convicted", "convinced", "two separate letters: another word"),
        ("sixty", "fifty", "a number word"),
        ("nine", "none", "a number word"),
        ("rise", "rose", "a vowel for a vowel in a short word: tense"),
        ("fell", "fall", "a vowel for a vowel in a short word: tense"),
        ("dies", "died", "the last letter: an inflection"),
        ("the", "teh", "too short to tell"),
        ("ab12", "ab13", "digits are numbers, not spelling"),
        ("same", "same", "nothing changed"),
    ],
)
def test_real_word_changes_are_not_typos(old: str, new: str, why: str) -> None:
    assert not looks_like_typo(old, new), why


def _labels(old: str, new: str) -> set[str]:
    diff = diff_articles(ArticleText("T", paragraphs=(old,)), ArticleText("T", paragraphs=(new,)))
    return {label.id for label in diff.labels}


def test_a_meaning_reversal_is_a_lede_edit_not_a_typo() -> None:
    labels = _labels(
        "Officials said prices would increase sharply.", "Officials said prices would decrease sharply."
    )
    assert "typo" not in labels and "lede" in labels


def test_a_flipped_sign_is_a_number_change_not_style() -> None:
    labels = _labels("Profit was -5%.", "Profit was 5%.")
    assert "number" in labels and "style" not in labels
    assert "number" in _labels("It fell to \u22125C overnight.", "It fell to 5C overnight.")


def test_a_dropped_decimal_comma_is_a_number_change() -> None:
    assert "number" in _labels("It costs 1,5 million.", "It costs 15 million.")


def test_figures_keep_their_sign_and_lose_grouping_commas() -> None:
    found = numbers(["-5% and +3 and 5; COVID-19 in 2020-2021; 1,234 and 1,5"])
    assert found["-5%"] == 1 and found["3"] == 1 and found["5"] == 1
    assert found["19"] == 1 and found["2020"] == 1 and found["2021"] == 1  # hyphens, not signs
    assert found["1234"] == 1 and found["1,5"] == 1


def test_a_backtick_for_an_apostrophe_is_typography_in_plain_ascii_text() -> None:
    # The ASCII fast path of the word keys skipped the one ASCII fold (` -> ').
    title = diff_articles(ArticleText("He said `hi`"), ArticleText("He said 'hi'"))
    assert not title.title.changed and not title.labels
    body = diff_articles(
        ArticleText("T", paragraphs=("He said `hello` there.",)),
        ArticleText("T", paragraphs=("He said 'hello' there.",)),
    )
    assert body.is_empty and body.stats.words_added == body.stats.words_deleted == 0


def test_whitespace_added_alone_is_spacing_not_an_edit() -> None:
    diff = diff_articles(ArticleText("Foo bar"), ArticleText(" Foo bar"))
    assert not diff.title.changed and not diff.labels and diff.is_empty
    body = diff_articles(ArticleText("T", paragraphs=("",)), ArticleText("T", paragraphs=(" ",)))
    assert not body.labels
