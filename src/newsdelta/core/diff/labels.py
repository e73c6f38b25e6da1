"""Labels: what kind of change happened, with the evidence for each.

Ids (stable, used in JSON, URLs and filters): ``headline``, ``standfirst``,
``byline`` (the field changed beyond typography); ``lede`` (a substantive
edit, addition or deletion in the first two paragraphs of either version;
typo and style fixes do not count); ``quote`` (a quoted passage added,
removed or altered); ``number`` (figures, amounts, percentages, dates);
``name`` (a person, organisation or place mentioned in one version and not
the other; body and standfirst only, as headlines are often title-cased);
``correction`` (a correction or update notice appeared); ``typo`` (a
one-word fix within two characters, e.g. "goverment" -> "government");
``style`` (punctuation or capitalisation only); ``added`` / ``removed``
(whole sentences or paragraphs with no counterpart); ``moved`` (sentences or
paragraphs moved).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from newsdelta.core.diff import patterns
from newsdelta.core.diff.tokens import alnum_key
from newsdelta.core.diff.types import (
    LABEL_IDS,
    FieldDiff,
    Label,
    Op,
    ParagraphDiff,
    SentenceLink,
)
from newsdelta.core.model import ArticleText

MAX_EVIDENCE = 10
"""At most this many evidence strings per label (the diff itself has the rest)."""
_EVIDENCE_CHARS = 300


@dataclass(frozen=True, slots=True)
class LabelInput:
    old: ArticleText
    new: ArticleText
    title: FieldDiff
    standfirst: FieldDiff
    byline: FieldDiff
    paragraphs: tuple[ParagraphDiff, ...]
    sentences_old: tuple[str, ...]
    sentences_new: tuple[str, ...]
    links: tuple[SentenceLink, ...]

    def changed_texts(self) -> tuple[list[str], list[str], list[str], list[str]]:
        """Texts that differ: (old all, new all, old body, new body).

        Identical paragraphs (equal or moved rows) add the same features to
        both sides, so feature comparisons can skip them: this is what keeps
        labels cheap on long articles with few edits.
        """
        body_old: list[str] = []
        body_new: list[str] = []
        if self.standfirst.ops and self.old.standfirst != self.new.standfirst:
            body_old.append(self.old.standfirst)
            body_new.append(self.new.standfirst)
        for row in self.paragraphs:
            if row.kind in ("equal", "moved"):
                continue
            body_old.extend(self.old.paragraphs[i] for i in row.old_indices)
            body_new.extend(self.new.paragraphs[j] for j in row.new_indices)
        heads_old = [self.old.title] if self.old.title != self.new.title else []
        heads_new = [self.new.title] if self.old.title != self.new.title else []
        return heads_old + body_old, heads_new + body_new, body_old, body_new


@dataclass(frozen=True, slots=True)
class Hunk:
    """A run of adjacent real edits: what was deleted and what was inserted."""

    deleted: str
    inserted: str

    @property
    def kind(self) -> str:
        """``style``, ``typo`` or ``edit``."""
        if alnum_key(self.deleted) == alnum_key(self.inserted):
            return "style"
        old_words, new_words = self.deleted.split(), self.inserted.split()
        if len(old_words) == len(new_words) == 1:
            a, b = alnum_key(old_words[0]), alnum_key(new_words[0])
            if (
                a.lower() != b.lower()
                and min(len(a), len(b)) >= 4
                and not any(c.isdigit() for c in a + b)
                and DamerauLevenshtein.distance(a, b) <= 2
            ):
                return "typo"
        return "edit"

    def show(self) -> str:
        d, i = " ".join(self.deleted.split()), " ".join(self.inserted.split())
        if d and i:
            return f"{d} → {i}"
        return f"-{d}" if d else f"+{i}"


def hunks(ops: Iterable[Op]) -> list[Hunk]:
    """Group real edits (not typography, not moves) between equal stretches."""
    out: list[Hunk] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op in ops:
        if op.is_edit:
            (deleted if op.op == "delete" else inserted).append(op.text)
            continue
        if op.op == "equal" and (deleted or inserted):
            out.append(Hunk("".join(deleted), "".join(inserted)))
            deleted, inserted = [], []
    if deleted or inserted:
        out.append(Hunk("".join(deleted), "".join(inserted)))
    return [h for h in out if h.deleted.strip() or h.inserted.strip()]


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EVIDENCE_CHARS else text[: _EVIDENCE_CHARS - 1] + "…"


def _counter_evidence(old: Counter[str], new: Counter[str]) -> list[str]:
    removed = old - new
    added = new - old
    return [f"-{k}" for k in sorted(removed)] + [f"+{k}" for k in sorted(added)]


def detect_labels(d: LabelInput) -> tuple[Label, ...]:
    """Every label that applies, in :data:`LABEL_IDS` order, with evidence."""
    found: dict[str, list[str]] = {}

    def add(label: str, evidence: Iterable[str]) -> None:
        found.setdefault(label, []).extend(_clip(e) for e in evidence)

    for label, fd in (("headline", d.title), ("standfirst", d.standfirst), ("byline", d.byline)):
        if fd.changed:
            add(label, [h.show() for h in hunks(fd.ops)])

    # Classify every hunk of the body and the fields.
    all_hunks: list[Hunk] = []
    for fd in (d.title, d.standfirst, d.byline):
        all_hunks.extend(hunks(fd.ops))
    for row in d.paragraphs:
        row_hunks = hunks(row.ops)
        all_hunks.extend(row_hunks)
        in_lede = any(i < 2 for i in row.old_indices + row.new_indices)
        if in_lede and row.kind != "moved":
            substantive = [h.show() for h in row_hunks if h.kind == "edit"]
            if substantive:
                add("lede", substantive)
    for h in all_hunks:
        if h.kind in ("typo", "style"):
            add(h.kind, [h.show()])

    old_texts, new_texts, body_old, body_new = d.changed_texts()
    q_old, q_new = patterns.quotes(old_texts), patterns.quotes(new_texts)
    if q_old != q_new:
        add("quote", _counter_evidence(q_old, q_new))
    n_old, n_new = patterns.numbers(old_texts), patterns.numbers(new_texts)
    if n_old != n_new:
        add("number", _counter_evidence(n_old, n_new))
    everything = "\n".join([d.old.standfirst, *d.old.paragraphs, d.new.standfirst, *d.new.paragraphs])
    known = patterns.KnownCapitals(everything)
    names_old, names_new = patterns.names(body_old, known), patterns.names(body_new, known)
    if names_old != names_new:
        add(
            "name",
            [f"-{n}" for n in sorted(names_old - names_new)]
            + [f"+{n}" for n in sorted(names_new - names_old)],
        )
    c_old = Counter(patterns.corrections(old_texts))
    c_new = Counter(patterns.corrections(new_texts))
    if c_new - c_old:
        notices = [s for s in d.sentences_new if patterns.corrections([s])]
        notices += [t for t in (d.new.title, d.new.standfirst) if patterns.corrections([t])]
        add("correction", notices or sorted(c_new - c_old))

    linked_old = {link.old for link in d.links}
    linked_new = {link.new for link in d.links}
    added = [s for j, s in enumerate(d.sentences_new) if j not in linked_new]
    removed = [s for i, s in enumerate(d.sentences_old) if i not in linked_old]
    if added:
        add("added", added)
    if removed:
        add("removed", removed)
    moved = [d.sentences_new[link.new] for link in d.links if link.kind == "moved"]
    if moved:
        add("moved", moved)

    return tuple(
        Label(label, tuple(found[label][:MAX_EVIDENCE])) for label in LABEL_IDS if label in found
    )
