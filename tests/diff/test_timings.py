"""The benchmark hook: per-stage timings are reported and change nothing."""

from __future__ import annotations

from newsdelta.core.diff import diff_articles
from newsdelta.core.diff.engine import STAGES
from newsdelta.core.model import ArticleText

OLD = ArticleText("Talks resume", paragraphs=("The storm hit Oslo. Schools closed.", "Prices rose."))
NEW = ArticleText("Talks resume today", paragraphs=("The storm hit Oslo. Schools shut.", "Prices rose."))


def test_timings_cover_every_stage_and_leave_the_diff_unchanged() -> None:
    timings: dict[str, float] = {}
    timed = diff_articles(OLD, NEW, timings=timings)
    assert set(timings) == set(STAGES)
    assert all(seconds >= 0 for seconds in timings.values())
    assert timed.to_json() == diff_articles(OLD, NEW).to_json()


def test_timings_accumulate_across_calls() -> None:
    timings: dict[str, float] = {"labels": 1000.0}
    diff_articles(OLD, NEW, timings=timings)
    assert timings["labels"] >= 1000.0
    assert set(timings) == set(STAGES)


def test_huge_rewrite_reports_the_stages_it_runs() -> None:
    old = ArticleText("t", paragraphs=tuple(f"Line {i} about alpha." for i in range(2_500)))
    new = ArticleText("t", paragraphs=tuple(f"Row {i} about beta." for i in range(2_500)))
    timings: dict[str, float] = {}
    diff = diff_articles(old, new, timings=timings)
    assert diff.fallback.startswith("paragraph-level")
    assert set(timings) == {"alignment", "word diff", "labels"}  # no sentence splitting
