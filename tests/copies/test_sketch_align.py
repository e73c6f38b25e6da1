from __future__ import annotations

import pytest
from copies_helpers import STORY  # type: ignore[import-not-found]
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.copies.align import align, facts, facts_conflict, sentences
from newsdelta.copies.classify import classify
from newsdelta.core.sketch import ANCHOR_BAND_BASE, BANDS, jaccard, shingles, sketch, tokens


def test_tokens_ignore_case_punctuation_and_quote_style() -> None:
    assert tokens("China’s “top” Diplomat, said:") == tokens("china's \"top\" diplomat said")


def test_shingles_of_short_text_is_the_text() -> None:
    assert shingles(["a", "b"]) == ["a b"]
    assert shingles(["a", "b", "c", "d", "e", "f"], 5) == ["a b c d e", "b c d e f"]


def test_identical_text_identical_sketch_and_keys() -> None:
    a, b = sketch("T", STORY), sketch("T", STORY)
    assert jaccard(a.signature, b.signature) == 1.0 and a.keys == b.keys
    assert sum(1 for band, _ in a.keys if band < ANCHOR_BAND_BASE) == BANDS


def test_excerpt_keeps_passage_anchors() -> None:
    full = sketch("T", STORY)
    part = sketch("Other", ["Unrelated opening paragraph about the weather in Bergen this week."] + list(STORY[2:5]))
    anchors = {k for k in full.keys if k[0] >= ANCHOR_BAND_BASE}
    assert anchors & set(part.keys)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="abcdefg ", min_size=1, max_size=60), min_size=1, max_size=8))
def test_jaccard_estimate_is_a_share_and_symmetric(pars: list[str]) -> None:
    a, b = sketch("x", pars), sketch("y", pars[::-1])
    j = jaccard(a.signature, b.signature)
    assert 0.0 <= j <= 1.0 and j == jaccard(b.signature, a.signature)


def test_sentences_split_and_glue_fragments() -> None:
    assert sentences(["He said no. She agreed with him. Ok.", "New paragraph here."]) == [
        "He said no.", "She agreed with him. Ok.", "New paragraph here."]


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("Rates rose 25 points in Norway on Monday.", "Rates rose 50 points in Chile on Friday.", True),
        ("Spokesperson Hana Moreau said it backed the bank.", "Spokesperson Omar Moreau said it backed the bank.", True),
        ("Rates rose 25 points in Norway.", "Rates rose 25 points in Norway this Monday.", False),
        ("No names here at all.", "Rates rose 25 points in Norway.", False),
    ],
)
def test_facts_conflict(a: str, b: str, conflict: bool) -> None:
    assert facts_conflict(facts(a), facts(b)) is conflict


REWRITE = (
    "Norway's central bank lifted its benchmark interest rate by 50 basis points to 4.5 percent this Thursday, the fifth increase since the start of the cycle.",
    "Governor Ida Wolden Bache declared to the journalists in Oslo that inflation, who stood at 7.4 per cent in March, remained far above the target of the bank.",
    "\"We will do what is needed to bring prices back under control,\" declared Bache. Economists had awaited a smaller move of 25 basis points.",
    "Mortgage lenders declared they should pass the increase on to borrowers within weeks, adding to the pressure on households squeezed by food as well as energy bills.",
    "The krone strengthened 1.2 per cent against the euro following the announcement, his biggest one-day gain since January.",
    "The next policy meeting of the bank is planned for June, when new forecasts for growth as well as inflation will be published.",
    "Finance minister Trygve Slagsvold Vedum declared the executive respected the independence of the bank but hoped the cycle was close to his end.",
)
INDEPENDENT = (
    "Norges Bank delivered a 50 basis point hike on Thursday, taking its policy rate to 4.5 percent as it fights stubborn inflation.",
    "Consumer prices in Norway rose 7.4 percent in March from a year earlier, official figures showed last month.",
    "Analysts at DNB said the decision surprised markets, which had priced in a quarter-point move.",
    "\"We will do what is necessary to bring prices back under control,\" Bache said.",
    "Norway's oil fund, the world's largest sovereign wealth fund, was not affected by the decision.",
    "Home prices in Oslo have fallen for three straight months as borrowing costs climb.",
)


@pytest.mark.parametrize(
    ("other", "kind"),
    [
        (STORY, "verbatim"),
        (STORY[3:] + STORY[:3], "verbatim"),
        (STORY[:3], "partial"),
        (("A long unrelated paragraph about football results in the northern league this weekend.",) + STORY[1:4], "partial"),
        (REWRITE, "rewrite"),
        (INDEPENDENT, "independent"),
    ],
)
def test_classify_kinds(other: tuple[str, ...], kind: str) -> None:
    v = classify(align(sentences(other), sentences(STORY)))
    assert v.kind == kind
    if kind == "partial":
        assert v.passages and all(p.score >= 0.9 for p in v.passages)
