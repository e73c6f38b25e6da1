"""Article diffs: fields, paragraphs, sentences, words, labels, significance.

Public API::

    diff = diff_articles(old, new)          # -> ArticleDiff
    diff.to_json()                          # JSON-ready dict
    render_text(diff, color=True)           # terminal

The HTML fragment of a diff is the web room's
(:func:`newsdelta.web.diff_fragment.render_html`). See docs/diff.md for the algorithm, the JSON format, labels and significance.
"""

from newsdelta.core.diff.engine import DEFAULT_LIMITS, DiffLimits, diff_articles
from newsdelta.core.diff.render_text import render_text
from newsdelta.core.diff.significance import significance
from newsdelta.core.diff.types import (
    LABEL_IDS,
    ArticleDiff,
    DiffStats,
    FieldDiff,
    Label,
    Op,
    ParagraphDiff,
    SentenceLink,
    new_text,
    old_text,
)
from newsdelta.core.diff.words import word_ops

__all__ = [
    "DEFAULT_LIMITS",
    "LABEL_IDS",
    "ArticleDiff",
    "DiffLimits",
    "DiffStats",
    "FieldDiff",
    "Label",
    "Op",
    "ParagraphDiff",
    "SentenceLink",
    "diff_articles",
    "new_text",
    "old_text",
    "render_text",
    "significance",
    "word_ops",
]
