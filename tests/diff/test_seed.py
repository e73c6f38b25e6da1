"""The seed scenario (shared/seeds/000): exactly its five word edits, and its labels."""

from __future__ import annotations

import json

from newsdelta.core.diff import diff_articles, render_text
from newsdelta.web.diff_fragment import render_html

from .helpers import article, assert_rebuilds, load_case, word_edits


def _seed() -> tuple[object, object]:
    case = load_case("hand/seed-000.json")
    return article(case["old"]), article(case["new"])


def test_seed_has_exactly_the_five_word_edits() -> None:
    old, new = _seed()
    diff = diff_articles(old, new)  # type: ignore[arg-type]
    assert word_edits(diff.title.ops) == [("about", "on")]
    assert word_edits(diff.standfirst.ops) == [("a claim by", ""), ("", "asserted")]
    assert not diff.byline.changed
    body = [(row.kind, row.old_index, word_edits(row.ops)) for row in diff.paragraphs if row.kind != "equal"]
    assert body == [
        ("changed", 0, [("an assertion", "a statement")]),
        ("changed", 2, [("", "Furthermore,")]),
        ("changed", 5, [("", "the")]),
    ]
    assert [row.kind for row in diff.paragraphs].count("equal") == 3
    assert diff.stats.words_added == 1 + 1 + 2 + 1 + 1
    assert diff.stats.words_deleted == 1 + 3 + 2
    assert_rebuilds(diff, old, new)  # type: ignore[arg-type]


def test_seed_labels_and_significance() -> None:
    old, new = _seed()
    diff = diff_articles(old, new)  # type: ignore[arg-type]
    ids = set(diff.label_ids)
    assert {"headline", "standfirst"} <= ids
    assert not ids & {"quote", "number", "name", "correction", "moved", "added", "removed"}
    assert 0.0 < diff.significance < 1.0
    headline = next(label for label in diff.labels if label.id == "headline")
    assert headline.evidence == ("about → on",)


def test_seed_json_shape() -> None:
    old, new = _seed()
    data = diff_articles(old, new).to_json()  # type: ignore[arg-type]
    json.dumps(data)  # serialisable
    assert data["title"]["ops"] == [
        {"op": "equal", "text": "China responds to Biden’s claim "},
        {"op": "delete", "text": "about "},
        {"op": "insert", "text": "on "},
        {"op": "equal", "text": "ties with Moscow"},
    ]
    assert len(data["sentences"]["old"]) == len(data["sentences"]["new"]) == 10
    kinds = {(link["old"], link["new"]): link["kind"] for link in data["links"]}
    assert kinds[(0, 0)] == "edited" and kinds[(1, 1)] == "equal" and kinds[(9, 9)] == "edited"
    assert all(lb["evidence"] for lb in data["labels"])


def test_seed_renders() -> None:
    old, new = _seed()
    diff = diff_articles(old, new)  # type: ignore[arg-type]
    plain = render_text(diff, color=False)
    assert "[-about-] {+on+}" in plain and "\x1b[" not in plain
    coloured = render_text(diff, color=True)
    assert "\x1b[31m[-about-]\x1b[0m" in coloured and "\x1b[32m{+on+}\x1b[0m" in coloured
    html = render_html(diff)
    assert "<del>about </del>" in html and "<ins>on </ins>" in html
