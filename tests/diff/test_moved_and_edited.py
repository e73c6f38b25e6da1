"""A sentence moved and edited on the way shows its edit; duplicates pair in place.

Found by an audit: "did resign" moved to the top as "did not resign" showed only
a move (0 words added, label ``moved`` alone), and an in-place edit of the first
of two identical paragraphs read as a move.
"""

from __future__ import annotations

from newsdelta.core.diff import diff_articles, new_text, old_text, render_text
from newsdelta.core.model import ArticleText


def _real(diff_ops: tuple, kind: str) -> list[str]:  # type: ignore[type-arg]
    return [op.text for op in diff_ops if op.op == kind and op.is_edit]


def test_a_moved_paragraph_keeps_the_word_it_gained() -> None:
    old = ArticleText("T", paragraphs=("Alpha beta gamma.", "Delta epsilon zeta.", "The minister did resign yesterday."))
    new = ArticleText("T", paragraphs=("The minister did not resign yesterday.", "Alpha beta gamma.", "Delta epsilon zeta."))
    diff = diff_articles(old, new)
    inserted = [t for p in diff.paragraphs for t in _real(p.ops, "insert")]
    assert [t.strip() for t in inserted] == ["not"]
    assert diff.stats.words_added == 1
    assert {label.id for label in diff.labels} >= {"lede", "moved"}
    assert "{+not+}" in render_text(diff, color=False)
    for p in diff.paragraphs:  # the ops still rebuild both sides exactly
        if p.new_index is not None and len(p.new_indices) == 1:
            assert new_text(p.ops) == new.paragraphs[p.new_index]
        if p.old_index is not None and len(p.old_indices) == 1:
            assert old_text(p.ops) == old.paragraphs[p.old_index]


def test_a_sentence_moved_inside_its_paragraph_keeps_the_word_it_lost() -> None:
    old = ArticleText("T", paragraphs=("First thing happened today. The minister did not resign yesterday.",))
    new = ArticleText("T", paragraphs=("The minister did resign yesterday. First thing happened today.",))
    diff = diff_articles(old, new)
    (row,) = diff.paragraphs
    assert [t.strip() for t in _real(row.ops, "delete")] == ["not"]
    assert diff.stats.words_deleted == 1 and "lede" in {label.id for label in diff.labels}


def test_an_exact_move_is_still_only_a_move() -> None:
    old = ArticleText("T", paragraphs=("Alpha beta gamma.", "Delta epsilon zeta.", "The minister resigned."))
    new = ArticleText("T", paragraphs=("The minister resigned.", "Alpha beta gamma.", "Delta epsilon zeta."))
    diff = diff_articles(old, new)
    assert diff.stats.words_added == diff.stats.words_deleted == 0
    assert {label.id for label in diff.labels} == {"moved"}


def test_an_edit_of_the_first_of_two_identical_paragraphs_is_in_place() -> None:
    same = "Police said ten people died."
    old = ArticleText("T", paragraphs=(same, same))
    new = ArticleText("T", paragraphs=("Police said 12 people died.", same))
    diff = diff_articles(old, new)
    assert [(p.kind, p.old_index, p.new_index) for p in diff.paragraphs if p.kind != "equal"] == [
        ("changed", 0, 0)
    ]
    assert "moved" not in {label.id for label in diff.labels}
    assert {label.id for label in diff.labels} >= {"number", "lede"}
