"""Shared helpers for diff tests: corpus loading and op checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsdelta.core.diff import ArticleDiff, Op, new_text, old_text
from newsdelta.core.model import ArticleText

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "edits"


def load_case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    return data


def article(d: dict[str, Any]) -> ArticleText:
    return ArticleText(
        title=d["title"],
        standfirst=d.get("standfirst", ""),
        byline=d.get("byline", ""),
        paragraphs=tuple(" ".join(p) for p in d["paragraphs"]),
    )


def assert_rebuilds(diff: ArticleDiff, old: ArticleText, new: ArticleText) -> None:
    for fd, a, b in (
        (diff.title, old.title, new.title),
        (diff.standfirst, old.standfirst, new.standfirst),
        (diff.byline, old.byline, new.byline),
    ):
        assert old_text(fd.ops) == a
        assert new_text(fd.ops) == b
    rebuilt_old: dict[int, str] = {}
    rebuilt_new: dict[int, str] = {}
    for row in diff.paragraphs:
        if row.old_indices:
            for i, text in zip(row.old_indices, old_text(row.ops).split("\n"), strict=True):
                rebuilt_old[i] = text
        if row.new_indices:
            for j, text in zip(row.new_indices, new_text(row.ops).split("\n"), strict=True):
                rebuilt_new[j] = text
    assert tuple(rebuilt_old[i] for i in range(len(old.paragraphs))) == old.paragraphs
    assert tuple(rebuilt_new[j] for j in range(len(new.paragraphs))) == new.paragraphs


def word_edits(ops: tuple[Op, ...]) -> list[tuple[str, str]]:
    """Real edits as (deleted words, inserted words) hunks."""
    from newsdelta.core.diff.labels import hunks

    return [(" ".join(h.deleted.split()), " ".join(h.inserted.split())) for h in hunks(ops)]
