"""Significance: one number in [0, 1] saying how much a change matters.

Formula (a "noisy-or" of independent reasons to care)::

    significance = 1 - (1 - v) * prod(1 - w[label] for label in labels)
    v = VOLUME_WEIGHT * min(1, changed_words / VOLUME_SCALE)

where ``changed_words`` counts words added plus deleted (moves and
typography excluded). Every factor ``(1 - w)`` is in [0, 1], so adding a
label or changing more words can only raise the score: the score is
monotone, as substantive edits must never score lower than lesser ones.
A typo fix alone scores 0.02; a new headline 0.35; a headline plus a changed
number 0.55; a correction notice with a changed quote and number about 0.75.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdelta.core.diff.types import DiffStats, Label

WEIGHTS: dict[str, float] = {
    "correction": 0.45,
    "headline": 0.35,
    "quote": 0.30,
    "number": 0.30,
    "name": 0.25,
    "lede": 0.20,
    "standfirst": 0.20,
    "removed": 0.15,
    "added": 0.10,
    "byline": 0.10,
    "moved": 0.05,
    "typo": 0.02,
    "style": 0.01,
}
VOLUME_WEIGHT = 0.30
VOLUME_SCALE = 150


def significance(labels: Iterable[Label], stats: DiffStats) -> float:
    """Score in [0, 1], monotone in the labels present and the words changed."""
    keep = 1.0
    for label in {label.id for label in labels}:
        keep *= 1.0 - WEIGHTS.get(label, 0.0)
    changed = stats.words_added + stats.words_deleted
    volume = VOLUME_WEIGHT * min(1.0, changed / VOLUME_SCALE)
    keep *= 1.0 - volume
    return round(1.0 - keep, 4)
