"""The fast sentence splitter must give exactly pysbd's answer whenever it answers."""

from __future__ import annotations

import pysbd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.core.diff.sentences import _SEGMENTER, _split_easy, _split_pysbd, split_paragraph

from .helpers import CORPUS, load_case

LOWER = ["the", "said", "officials", "a", "to", "of", "in", "was", "minister", "market", "week"]
CAPS = ["Oslo", "He", "The", "President", "O'Connor", "NATO", "Mr", "Dr", "Jan", "Gen", "St", "A", "I"]
FIGURES = ["Mr. Smith", "Dr. He", "Mrs.", "12%", "3.5", "$79.6 million", "24,715", "2020", "No.", "p.m.", "U.S.", "e.g.", "4.", "v.2",
           "2024", "150", "17", "1990", "3-100", "0.55", "12", "No. 100", "(2024"]
ENDINGS = [".", ".", "!", "?", "...", ".”", "?”", '."', ".)", ".'", "", ",", ":", "?!"]
GLUE = [" ", " ", " ", "  ", "\n", " \u00a0"]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    words = [draw(st.sampled_from(CAPS))]
    words += draw(
        st.lists(st.sampled_from(LOWER + LOWER + CAPS + FIGURES), min_size=0, max_size=10)
    )
    text = " ".join(words)
    shape = draw(st.integers(0, 5))
    if shape == 0:
        text = "“" + text + draw(st.sampled_from([",” she said.", ",” Smith said.", ".”", "!”", "?”", ".", " ”.", "”"]))
    elif shape == 1:
        text = '"' + text + draw(st.sampled_from(['," he said.', '."', '?"', ".", '"']))
    elif shape == 2:
        text += " (" + draw(st.sampled_from(LOWER + CAPS)) + draw(st.sampled_from([").", ".)", ")"]))
    else:
        text += draw(st.sampled_from(ENDINGS))
    return text


@st.composite
def news_paragraph(draw: st.DrawFn) -> str:
    sentences = draw(st.lists(news_sentence(), min_size=1, max_size=5))
    out = sentences[0]
    for s in sentences[1:]:
        out += draw(st.sampled_from(GLUE)) + s
    return out


@settings(max_examples=600, deadline=None)
@given(news_paragraph())
def test_fast_path_agrees_with_pysbd(paragraph: str) -> None:
    easy = _split_easy(paragraph)
    if easy is not None:
        assert easy == _split_pysbd(paragraph)


@settings(max_examples=400, deadline=None)
@given(
    news_paragraph(),
    st.sampled_from(["Update", "to", "The vote was 23 to", "Item", "No", "page", "It rose", "1.", "I"]),
    st.integers(0, 99),
    st.sampled_from([".", "!", "?"]),
)
def test_fast_path_agrees_with_pysbd_on_short_figures_at_the_end(
    paragraph: str, words: str, figure: int, terminator: str
) -> None:
    text = f"{paragraph} {words} {figure}{terminator}"
    easy = _split_easy(text)
    if easy is not None:
        assert easy == _split_pysbd(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Update", "It rose to", "Item", "The vote was 23 to", "He scored"]),
            st.integers(0, 12) | st.integers(0, 99),
            st.sampled_from([".", ".", "!", "?"]),
        ),
        min_size=1,
        max_size=5,
    ),
    news_paragraph(),
)
def test_fast_path_agrees_with_pysbd_on_short_figures_anywhere(
    figures: list[tuple[str, int, str]], paragraph: str
) -> None:
    """Short figures before a terminator mid-paragraph: pysbd's list rule decides."""
    text = " ".join([*(f"{words} {figure}{end}" for words, figure, end in figures), paragraph])
    easy = _split_easy(text)
    if easy is not None:
        assert easy == _split_pysbd(text)


_STOCK_PYSBD = pysbd.Segmenter(language="en", clean=False, char_span=False)


@settings(max_examples=400, deadline=None)
@given(news_paragraph())
def test_our_segmenter_finds_sentences_as_pysbd_does(paragraph: str) -> None:
    assert _SEGMENTER.segment(paragraph) == _STOCK_PYSBD.segment(paragraph)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "a", "Yes. Yes. Yes.", "He said no.  No.\n\nNo.", "Dr. A. B. C. went. A. B."],
)
def test_our_segmenter_on_repeats_and_whitespace(text: str) -> None:
    assert _SEGMENTER.segment(text) == _STOCK_PYSBD.segment(text)


def _corpus_paragraphs() -> list[str]:
    out: set[str] = set()
    for path in CORPUS.rglob("*.json"):
        data = load_case(str(path.relative_to(CORPUS)))
        for side in ("old", "new"):
            out.update(" ".join(p) for p in data[side]["paragraphs"])
    return sorted(out)


def test_fast_path_agrees_with_pysbd_on_the_corpus() -> None:
    paragraphs = _corpus_paragraphs()
    easy = 0
    for paragraph in paragraphs:
        got = _split_easy(paragraph)
        if got is not None:
            easy += 1
            assert got == _split_pysbd(paragraph), paragraph
        assert _SEGMENTER.segment(paragraph) == _STOCK_PYSBD.segment(paragraph), paragraph
    # The fast path must actually carry most news text, or it buys nothing.
    assert easy > 0.8 * len(paragraphs)


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        ("The storm hit Oslo. Schools closed.", ["The storm hit Oslo. ", "Schools closed."]),
        ("Prices rose by $3.6 million. Nobody knew.", ["Prices rose by $3.6 million. ", "Nobody knew."]),
        ("“We will win,” she said. “China is next.”", ["“We will win,” she said. ", "“China is next.”"]),
        ("Is it over? Nobody knows!", ["Is it over? ", "Nobody knows!"]),
        ("Mr. Smith left. Dr. Jones stayed.", ["Mr. Smith left. ", "Dr. Jones stayed."]),
        ("It was Mr. Then it stopped.", ["It was Mr. Then it stopped."]),  # as pysbd
        ("Turnout was 52%. It rose.", ["Turnout was 52%. ", "It rose."]),
        ("It was “a breach of trust”. He left.", ["It was “a breach of trust”. ", "He left."]),
        ('He called it "a disgrace". Then he left.', ['He called it "a disgrace". ', "Then he left."]),
        ("It rose in 2020. Then it fell.", ["It rose in 2020. ", "Then it fell."]),
        ("Update 150. More.", ["Update 150. ", "More."]),
        ("Strikes began. The vote was 23 to 10.", ["Strikes began. ", "The vote was 23 to 10."]),
        ("It ended. Update 0.", ["It ended. ", "Update 0."]),
        ("It rose to 7. Officials said so.", ["It rose to 7. ", "Officials said so."]),
        ("Update 7. Update 7.", ["Update 7. ", "Update 7."]),
        ("It rose to 5. It fell to 3.", ["It rose to 5. ", "It fell to 3."]),
    ],
)
def test_easy_paragraphs(paragraph: str, sentences: list[str]) -> None:
    got = _split_easy(paragraph)
    assert got is not None
    assert [t for _, t in got] == sentences
    assert split_paragraph(paragraph) == got
    assert got == _split_pysbd(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The St. Louis team won. It rained.",  # abbreviation
        "He met Mr.",  # a title at the end
        "The U.S. Senate voted. It passed.",  # initials
        "Item 10. Item 11. Item 12.",  # one or two digits counting up: a numbered list
        "Item 1. Apples are red. Item 2. Pears are green.",  # ... even sentences apart
        "Scored 9. Then 0. Done.",  # ... 9 then 0 is a list too, for pysbd
        "The vote was 23 to10.",  # a figure stuck to its word
        "It rose to 3,000. Then it fell.",  # a figure with a separator
        "The score was 3-100. Then it fell.",
        "He said the UN. Then he left.",  # acronym
        "Wait... Then go.",  # ellipsis
        "First line.\nSecond line.",  # newline
        "Two  spaces. Here.",  # doubled space
        "He shouted “Stop!” and left.",  # terminator inside a sentence
        "“Unbalanced quote. Here.",  # a quote spanning sentences
        "No full stop at the end",  # text after the last boundary
        "“In” Paris it rained. Then it stopped.",  # pysbd ends a sentence at the quote
        "(Reuters) Smith said so. Then he left.",  # ... or at the bracket
        "“Stop!”. He left.",  # a terminator inside the quote before the full stop
        "It rose 5 %. Then it fell.",  # a space before the per cent sign
        '"Mr. "Mr. \u201cOslo,\u201d she said.',  # a title before a quote: pysbd may end there
    ],
)
def test_hard_paragraphs_go_to_pysbd(paragraph: str) -> None:
    assert _split_easy(paragraph) is None
    assert split_paragraph(paragraph) == _split_pysbd(paragraph)
