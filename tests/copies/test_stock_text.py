"""Shared boilerplate or one stock sentence does not make two different stories copies."""

from __future__ import annotations

import pytest
from copies_helpers import STORY, doc  # type: ignore[import-not-found]

from newsdelta.copies.classify import is_stock
from newsdelta.copies.clean import clean
from newsdelta.copies.index import CopyIndex
from newsdelta.copies.memory_repo import MemoryCopiesRepository

OTHER = (
    "The city council of Springfield approved a new budget on Monday that raises spending on parks and libraries by 12 percent over the next fiscal year.",
    "Mayor Linda Park said the increase would be funded by higher property tax receipts and a one-time federal grant of $4 million for infrastructure.",
    "Opponents on the council argued that the plan relied too heavily on temporary money and would leave a gap in two years when the grant runs out.",
    "The budget passed by a vote of seven to four after a three-hour debate that drew dozens of residents to the council chamber.",
    "Library hours will be extended on weekends starting in September, and three parks will receive new playground equipment.",
)
DISCLAIMER = (
    "Disclaimer: This article is provided for informational purposes only and does not constitute investment, "
    "financial or trading advice of any kind. Readers should conduct their own research before making any "
    "investment decisions with real money."
)
NEWSLETTER = (
    "Get the latest crypto news delivered to your inbox every morning. Sign up for our free daily newsletter "
    "and never miss a market-moving story again."
)
NO_COMMENT = (
    "A spokesperson for the company did not immediately respond to a request for comment from Reuters "
    "outside regular business hours."
)


@pytest.mark.parametrize(
    ("sentence", "stock"),
    [
        (NO_COMMENT, True),
        ("The ministry did not respond to emailed requests for comment.", True),
        ("Acme declined to comment.", True),
        ("Representatives for the band could not be reached for comment on Sunday.", True),
        ("This material is for informational purposes only.", True),
        ("Nothing here constitutes advice; it does not constitute investment advice.", True),
        ("The minister did not respond to questions about the budget during the debate.", False),
        (STORY[0], False),
        (OTHER[1], False),
    ],
)
def test_stock_sentences(sentence: str, stock: bool) -> None:
    assert is_stock(sentence) is stock


@pytest.mark.parametrize(("line", "reason"), [(DISCLAIMER, "disclaimer"), (NEWSLETTER, "prompt")])
def test_disclaimer_and_newsletter_paragraphs_are_chrome(line: str, reason: str) -> None:
    c = clean("T", [OTHER[0], line])
    assert c.paragraphs == (OTHER[0],)
    assert [s.reason for s in c.stripped] == [reason]


def test_two_stories_sharing_a_disclaimer_and_a_newsletter_prompt_are_not_copies() -> None:
    idx = CopyIndex(MemoryCopiesRepository())
    idx.add(doc(1, [*STORY[:2], DISCLAIMER, NEWSLETTER], outlet="CoinDaily"))
    assert idx.add(doc(2, [*OTHER[:2], DISCLAIMER, NEWSLETTER], outlet="CoinWire", hours=1)) == []


def test_short_briefs_sharing_a_no_comment_line_are_not_copies() -> None:
    idx = CopyIndex(MemoryCopiesRepository())
    idx.add(doc(1, ["Acme Corp recalled 20,000 toasters on Monday.", NO_COMMENT], title="Acme recalls toasters"))
    assert idx.add(doc(2, ["Globex shares fell 8% after its CEO resigned.", NO_COMMENT], hours=1, title="Globex CEO quits")) == []


def test_short_briefs_sharing_one_short_sentence_are_not_copies() -> None:
    common = "Shares of the company have fallen 12 percent this year."
    idx = CopyIndex(MemoryCopiesRepository())
    idx.add(doc(1, ["Acme Corp recalled 20,000 toasters on Monday.", common], title="Acme recalls toasters"))
    assert idx.add(doc(2, ["Globex said its chief executive would retire in June.", common], hours=1, title="Globex CEO")) == []


def test_a_copy_that_also_carries_the_stock_lines_is_still_a_copy() -> None:
    idx = CopyIndex(MemoryCopiesRepository())
    idx.add(doc(1, [*STORY, NO_COMMENT, DISCLAIMER]))
    found = idx.add(doc(2, [*STORY, NO_COMMENT, DISCLAIMER], outlet="Daily Post", hours=1))
    assert [m.kind for m in found] == ["verbatim"]
    short = idx.add(doc(3, [STORY[0], STORY[1]], outlet="Evening Post", hours=2))
    assert {m.kind for m in short} == {"partial"}
