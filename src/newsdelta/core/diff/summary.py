"""summarize_edit: what the check path stores about an edit, without diffing what did not change.

A check that finds a new version stores a summary of the edit (words added
and removed, whether the headline changed, the labels, the significance) so
lists, feeds and notifications can filter without diffing again. The views
diff again in full when a person looks.

An edit usually touches a few paragraphs in the middle of a long article.
:func:`diff_articles` still walks every paragraph (keys, rows, word ops,
label checks), so here the unchanged paragraphs at each end are first joined
into single paragraphs, which the diff then carries as one equal row each:

* at the head, ``p0 .. p(k-2)`` become one paragraph and ``p(k-1)`` stays as
  it is, so the first changed paragraph keeps an index of 2 or more and the
  ``lede`` label (first two paragraphs) reads exactly as before;
* at the tail, the unchanged paragraphs become one paragraph.

They are joined with :data:`tokens.PARAGRAPH_JOINER`, the text the ``name``
label reads the whole article through, so that text is the same string. Only
paragraphs whose text occurs once in each version are joined: then the
paragraph matcher can only pair them with themselves, in place, as it does
without the join. Huge texts (the coarse path) are diffed as they are. The
result equals the full diff's summary on every case of the edits corpus and
on generated edits (tests/diff/test_summary.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from newsdelta.core.diff.engine import DEFAULT_LIMITS, DiffLimits, diff_articles, is_huge
from newsdelta.core.diff.tokens import PARAGRAPH_JOINER, joined_key, paragraph_keys, remember_key
from newsdelta.core.diff.types import ArticleDiff
from newsdelta.core.model import ArticleText

LEDE_PARAGRAPHS = 2
"""Paragraphs the ``lede`` label watches; the head keeps this many rows."""


@dataclass(frozen=True, slots=True)
class EditSummary:
    """The part of an :class:`ArticleDiff` that is stored with a version."""

    words_added: int
    words_deleted: int
    headline_changed: bool
    labels: tuple[str, ...]
    significance: float

    @classmethod
    def of(cls, diff: ArticleDiff) -> EditSummary:
        return cls(
            words_added=diff.stats.words_added,
            words_deleted=diff.stats.words_deleted,
            headline_changed=diff.title.changed,
            labels=diff.label_ids,
            significance=diff.significance,
        )


def summarize_edit(
    old: ArticleText, new: ArticleText, limits: DiffLimits = DEFAULT_LIMITS
) -> EditSummary:
    """The stored summary of the edit from ``old`` to ``new`` (see module doc)."""
    old_short, new_short, joins = _join_unchanged_ends(old, new, limits)
    if joins:
        # The diff decides whether to split sentences with pysbd from the
        # characters of the old text; the joiners must not tip that decision.
        budget = limits.pysbd_char_budget + joins * len(PARAGRAPH_JOINER)
        limits = replace(limits, pysbd_char_budget=budget)
    return EditSummary.of(diff_articles(old_short, new_short, limits, split_unchanged=False))


def _join_unchanged_ends(
    old: ArticleText, new: ArticleText, limits: DiffLimits
) -> tuple[ArticleText, ArticleText, int]:
    """Both versions with their unchanged head and tail joined; how many joins each side has."""
    op, np_ = old.paragraphs, new.paragraphs
    if is_huge(op, np_, limits):
        return old, new, 0
    shortest = min(len(op), len(np_))
    head = 0
    while head < shortest and op[head] == np_[head]:
        head += 1
    tail = 0
    while tail < shortest - head and op[-1 - tail] == np_[-1 - tail]:
        tail += 1
    if head <= LEDE_PARAGRAPHS and tail <= 1:
        return old, new, 0
    # Both versions' keys in one call: the old version, read back from the
    # store, is mostly not in the key cache, and folding in bulk is cheaper.
    keys = paragraph_keys((*op, *np_))
    old_keys = keys[: len(op)]
    once_old, once_new = Counter(old_keys), Counter(keys[len(op) :])

    def unique(index: int) -> bool:
        key = old_keys[index]
        return once_old[key] == 1 and once_new[key] == 1

    head = next((i for i in range(head) if not unique(i)), head)
    tail = next((k for k in range(tail) if not unique(len(op) - 1 - k)), tail)
    head_rows = list(op[:head])
    joins = 0
    if head > LEDE_PARAGRAPHS:
        joins += head - LEDE_PARAGRAPHS
        head_rows = [_joined(op, old_keys, 0, head - 1), op[head - 1]]
    tail_rows = list(op[len(op) - tail :])
    if tail > 1:
        joins += tail - 1
        tail_rows = [_joined(op, old_keys, len(op) - tail, len(op))]
    if not joins:
        return old, new, 0
    old_middle = op[head : len(op) - tail]
    new_middle = np_[head : len(np_) - tail]
    return (
        replace(old, paragraphs=(*head_rows, *old_middle, *tail_rows)),
        replace(new, paragraphs=(*head_rows, *new_middle, *tail_rows)),
        joins,
    )


def _joined(paragraphs: tuple[str, ...], keys: list[str], start: int, stop: int) -> str:
    """Paragraphs ``start:stop`` as one, its key known from theirs (no second fold)."""
    text = PARAGRAPH_JOINER.join(paragraphs[start:stop])
    remember_key(text, joined_key(keys[start:stop]))
    return text


__all__ = ["EditSummary", "summarize_edit"]
