from __future__ import annotations

import pytest
from tests_copies_paths import SEED_003  # type: ignore[import-not-found]

from newsdelta.copies.clean import canonical_agency, clean

BODY = "The minister said on Tuesday that talks would continue next week in the capital."


@pytest.mark.parametrize(
    ("line", "reason", "agency"),
    [
        ("Source link -87", "debris", None),
        ("Read more: the week's top stories", "prompt", None),
        ("Click here to subscribe to our newsletter", "prompt", None),
        ("Share this article", "prompt", None),
        ("Advertisement", "debris", None),
        ("©2023 Thomson Reuters, all rights reserved. Reuters content is the intellectual property.", "footer", "reuters"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "footer", "ap"),
        ("Associated Press contributed to this report.", "credit", "ap"),
        ("(Report Jake Cordell, French version Tangi Salaün, edited by Kate Entringer)", "credit", None),
        ("(Reporting by Jake Cordell; Editing by Kevin Liffey)", "credit", None),
        ("This article first appeared in The Morning Ledger.", "credit", "morningledger"),
    ],
)
def test_chrome_lines_are_stripped_with_evidence(line: str, reason: str, agency: str | None) -> None:
    c = clean("Title", [BODY, line])
    assert c.paragraphs == (BODY,)
    assert [(s.text, s.reason) for s in c.stripped] == [(line, reason)]
    assert [x.agency for x in c.credits] == ([agency] if agency else [])


@pytest.mark.parametrize(
    ("first", "agency"),
    [("MOSCOW (Reuters) – " + BODY, "reuters"), ("PARIS (AFP) - " + BODY, "afp"), ("(AP) — " + BODY, "ap")],
)
def test_dateline_credit_is_removed_from_the_text(first: str, agency: str) -> None:
    c = clean("T", [first])
    assert c.paragraphs == (BODY,)
    assert [x.agency for x in c.credits] == [agency]


@pytest.mark.parametrize(
    ("line", "agencies"),
    [
        ("Source: Reuters", ["reuters"]),
        ("(Reuters)", ["reuters"]),
        ("- Reuters", ["reuters"]),
        ("— AFP", ["afp"]),
        ("Reuters", ["reuters"]),
        ("Credit: Reuters", ["reuters"]),
        ("With Reuters", ["reuters"]),
        ("With AFP and Reuters", ["afp", "reuters"]),
        ("Sources: AP, Reuters", ["ap", "reuters"]),
        ("Source: The Morning Ledger", ["morningledger"]),
    ],
)
def test_a_credit_paragraph_names_its_source(line: str, agencies: list[str]) -> None:
    # These were reported uncredited: "Source: X" went to debris without a credit and a
    # paragraph that is only "(Reuters)" or "- Reuters" was not a trailing credit.
    c = clean("Title", [BODY, line])
    assert c.paragraphs == (BODY,)
    assert [(s.text, s.reason) for s in c.stripped] == [(line, "credit")]
    assert [x.agency for x in c.credits] == agencies


@pytest.mark.parametrize(
    "par",
    [
        "Reporting by Reuters last year showed that Chinese firms had shipped drone parts to Russia.",
        "Report after report found the same problem in the city's schools.",
        "Editing the law would take months, the minister said.",
        "Via Rail said trains would resume on Monday.",
    ],
)
def test_story_sentences_that_start_like_a_credit_line_are_kept(par: str) -> None:
    c = clean("T", [BODY, par])
    assert c.paragraphs == (BODY, par) and c.credits == () and c.stripped == ()


@pytest.mark.parametrize(
    "line",
    [
        "(Reporting by Jake Cordell and Guy Faulconbridge; Editing by Kate Entringer)",
        "Reporting by Emma Farge in Geneva; editing by Gareth Jones",
        "Writing by Andrew Osborn; Additional reporting by Mark Trevelyan in London",
    ],
)
def test_name_list_credit_lines_are_stripped(line: str) -> None:
    c = clean("T", [BODY, line])
    assert c.paragraphs == (BODY,) and [s.reason for s in c.stripped] == ["credit"]


def test_story_text_that_mentions_an_agency_is_kept() -> None:
    par = "Reuters reported last week that the deal was close, citing three people familiar with it."
    c = clean("T", [par])
    assert c.paragraphs == (par,) and c.credits == ()


def test_seed_003_chrome() -> None:
    lines = [x for x in SEED_003.read_text(encoding="utf-8").split("\n") if x.strip()]
    c = clean(lines[0], lines[1:])
    assert {s.reason for s in c.stripped} == {"dateline", "credit", "footer", "debris"}
    assert [x.agency for x in c.credits] == ["reuters"]
    assert len(c.paragraphs) == 12
    assert c.paragraphs[0].startswith("China’s top diplomat")


@pytest.mark.parametrize(
    ("name", "key"),
    [("Thomson Reuters", "reuters"), ("Associated Press", "ap"), ("AFP", "afp"),
     ("The Morning Ledger", "morningledger"), ("Daily Courier", "dailycourier")],
)
def test_canonical_agency(name: str, key: str) -> None:
    assert canonical_agency(name) == key
