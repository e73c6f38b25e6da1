"""Value types of a diff. Frozen, JSON-ready, no behaviour beyond views.

Invariant of every op sequence: joining the text of ``equal`` and ``delete``
ops gives the old text, joining ``equal`` and ``insert`` ops gives the new
text, exactly (see :func:`old_text` / :func:`new_text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

OpKind = Literal["equal", "delete", "insert"]
ParagraphKind = Literal["equal", "changed", "inserted", "deleted", "moved"]
LinkKind = Literal["equal", "edited", "moved"]

LABEL_IDS: tuple[str, ...] = (
    "headline",
    "standfirst",
    "byline",
    "lede",
    "quote",
    "number",
    "name",
    "correction",
    "typo",
    "style",
    "added",
    "removed",
    "moved",
)
"""Every label id, in display order. Stable: they appear in JSON and URLs."""


@dataclass(frozen=True, slots=True)
class Op:
    """One piece of a word diff.

    ``typography`` marks a delete/insert pair that differs only in typography
    or whitespace (curly vs straight quotes, dashes, nbsp): kept so the texts
    rebuild exactly, but not an edit. ``moved`` marks deleted/inserted text
    that is a sentence moved elsewhere: shown as a move, not as an edit.
    """

    op: OpKind
    text: str
    typography: bool = False
    moved: bool = False

    @property
    def is_edit(self) -> bool:
        """True for a delete/insert that counts as a real word edit."""
        return self.op != "equal" and not self.typography and not self.moved

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op, "text": self.text}
        if self.typography:
            out["typography"] = True
        if self.moved:
            out["moved"] = True
        return out


def old_text(ops: tuple[Op, ...]) -> str:
    """The old text rebuilt from ``ops`` (equal + delete)."""
    return "".join(o.text for o in ops if o.op != "insert")


def new_text(ops: tuple[Op, ...]) -> str:
    """The new text rebuilt from ``ops`` (equal + insert)."""
    return "".join(o.text for o in ops if o.op != "delete")


def has_edits(ops: tuple[Op, ...]) -> bool:
    return any(o.is_edit for o in ops)


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """Diff of one single-text field (title, standfirst, byline)."""

    changed: bool
    """True when the field differs by more than typography."""
    ops: tuple[Op, ...]

    def to_json(self) -> dict[str, Any]:
        return {"changed": self.changed, "ops": [o.to_json() for o in self.ops]}


@dataclass(frozen=True, slots=True)
class ParagraphDiff:
    """One row of the side-by-side paragraph table.

    ``old_indices``/``new_indices`` hold more than one index when a paragraph
    was split (one old, several new) or merged (several old, one new); the
    ops then run over the paragraphs joined with ``"\\n"``.
    """

    kind: ParagraphKind
    old_index: int | None
    new_index: int | None
    ops: tuple[Op, ...]
    old_indices: tuple[int, ...] = ()
    new_indices: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "old": self.old_index,
            "new": self.new_index,
            "ops": [o.to_json() for o in self.ops],
        }
        if len(self.old_indices) > 1 or len(self.new_indices) > 1:
            out["old_indices"] = list(self.old_indices)
            out["new_indices"] = list(self.new_indices)
        return out


@dataclass(frozen=True, slots=True)
class SentenceLink:
    """A link between old sentence ``old`` and new sentence ``new`` (NewsEdits style).

    ``equal``: same text (typography aside) in the same order; ``edited``:
    rewritten in place; ``moved``: found elsewhere in the article (possibly
    also edited, then ``ops`` has edits). Unlinked sentences are additions
    or deletions.
    """

    old: int
    new: int
    kind: LinkKind
    ops: tuple[Op, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"old": self.old, "new": self.new, "kind": self.kind}
        if self.kind != "equal" and self.ops:
            out["ops"] = [o.to_json() for o in self.ops]
        return out


@dataclass(frozen=True, slots=True)
class Label:
    """A kind of change with its evidence (the words or sentences concerned)."""

    id: str
    evidence: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "evidence": list(self.evidence)}


@dataclass(frozen=True, slots=True)
class DiffStats:
    words_added: int = 0
    words_deleted: int = 0
    words_moved: int = 0
    paragraphs_added: int = 0
    paragraphs_deleted: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "words_added": self.words_added,
            "words_deleted": self.words_deleted,
            "words_moved": self.words_moved,
            "paragraphs_added": self.paragraphs_added,
            "paragraphs_deleted": self.paragraphs_deleted,
        }


@dataclass(frozen=True, slots=True)
class ArticleDiff:
    """Everything that changed between two versions of an article."""

    title: FieldDiff
    standfirst: FieldDiff
    byline: FieldDiff
    paragraphs: tuple[ParagraphDiff, ...]
    sentences_old: tuple[str, ...]
    sentences_new: tuple[str, ...]
    sentence_links: tuple[SentenceLink, ...]
    labels: tuple[Label, ...]
    significance: float
    stats: DiffStats
    sentence_paragraphs_old: tuple[int, ...] = ()
    """Paragraph index of each old sentence."""
    sentence_paragraphs_new: tuple[int, ...] = ()
    empty: bool = False
    """True when nothing but typography changed (see :attr:`is_empty`)."""
    fallback: str = ""
    """Empty normally; names the coarser strategy used when the input was too big."""
    notes: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """True when nothing but typography (quotes, dashes, spaces) changed."""
        return self.empty

    @property
    def label_ids(self) -> tuple[str, ...]:
        return tuple(label.id for label in self.labels)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title.to_json(),
            "standfirst": self.standfirst.to_json(),
            "byline": self.byline.to_json(),
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "sentences": {"old": list(self.sentences_old), "new": list(self.sentences_new)},
            "sentence_paragraphs": {
                "old": list(self.sentence_paragraphs_old),
                "new": list(self.sentence_paragraphs_new),
            },
            "links": [link.to_json() for link in self.sentence_links],
            "labels": [label.to_json() for label in self.labels],
            "significance": self.significance,
            "is_empty": self.is_empty,
            "stats": self.stats.to_json(),
            "fallback": self.fallback or None,
        }
