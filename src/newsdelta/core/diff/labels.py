"""Labels: what kind of change happened, with the evidence for each.

Ids (stable, used in JSON, URLs and filters): ``headline``, ``standfirst``,
``byline`` (the field changed beyond typography); ``lede`` (a substantive
edit, addition or deletion in the first two paragraphs of either version;
typo and style fixes do not count); ``quote`` (a quoted passage added,
removed or altered); ``number`` (figures, amounts, percentages, dates);
``name`` (a person, organisation or place mentioned in one version and not
the other; body and standfirst only, as headlines are often title-cased);
``correction`` (a correction or update notice appeared); ``typo`` (a
one-word spelling fix, e.g. "goverment" -> "government"; see
:func:`looks_like_typo` for what is never one);
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
from newsdelta.core.diff.tokens import (
    PARAGRAPH_JOINER,
    alnum_key,
    fold,
    joined_key,
    paragraph_keys,
)
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
MAX_STYLE_CHARS = 2_000
"""A hunk longer than this is an edit: style-only rewrites of whole pages are not a thing."""


def folded_article(article: ArticleText) -> str:
    """``fold(PARAGRAPH_JOINER.join([standfirst, *paragraphs]))``, from cached paragraph keys.

    The diff has just computed every paragraph's key (:func:`paragraph_key`),
    so folding the whole article again would do that work twice.
    """
    return joined_key([fold(article.standfirst), *paragraph_keys(article.paragraphs)])


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

        Sentences linked as ``equal`` have the same text (typography aside)
        in both versions, so they add the same numbers, quotes and names to
        both sides and feature comparisons can skip them. Working on the
        other sentences only keeps labels cheap on long articles with few
        edits, and bounded on huge ones.
        """
        equal_old = {link.old for link in self.links if link.kind == "equal"}
        equal_new = {link.new for link in self.links if link.kind == "equal"}
        body_old = [s for i, s in enumerate(self.sentences_old) if i not in equal_old]
        body_new = [s for j, s in enumerate(self.sentences_new) if j not in equal_new]
        if self.old.standfirst != self.new.standfirst:
            body_old.append(self.old.standfirst)
            body_new.append(self.new.standfirst)
        heads_old = [self.old.title] if self.old.title != self.new.title else []
        heads_new = [self.new.title] if self.old.title != self.new.title else []
        return heads_old + body_old, heads_new + body_new, body_old, body_new

    def changed_paragraphs(self) -> tuple[list[str], list[str], list[str], list[str]]:
        """Like :meth:`changed_texts` from paragraph rows, each side as one text."""
        body_old = [_joined_side(self, "old"), self.old.standfirst]
        body_new = [_joined_side(self, "new"), self.new.standfirst]
        return [self.old.title, *body_old], [self.new.title, *body_new], body_old, body_new


def _joined_side(d: LabelInput, side: str) -> str:
    art = d.old if side == "old" else d.new
    picked: list[str] = []
    for row in d.paragraphs:
        if row.kind in ("equal", "moved"):
            continue
        idx = row.old_indices if side == "old" else row.new_indices
        picked.extend(art.paragraphs[i] for i in idx)
    return "\n".join(picked)


@dataclass(frozen=True, slots=True)
class Hunk:
    """A run of adjacent real edits: what was deleted and what was inserted."""

    deleted: str
    inserted: str

    @property
    def kind(self) -> str:
        """``style``, ``typo`` or ``edit``."""
        if max(len(self.deleted), len(self.inserted)) > MAX_STYLE_CHARS:
            return "edit"
        if alnum_key(self.deleted) == alnum_key(self.inserted) and patterns.numbers(
            [fold(self.deleted)]
        ) == patterns.numbers([fold(self.inserted)]):
            return "style"  # punctuation or case only; a sign on a figure (-5% / 5%) is not
        old_words, new_words = self.deleted.split(), self.inserted.split()
        if len(old_words) == len(new_words) == 1 and looks_like_typo(
            alnum_key(old_words[0]), alnum_key(new_words[0])
        ):
            return "typo"
        return "edit"

    def show(self) -> str:
        d = " ".join(self.deleted[: 2 * _EVIDENCE_CHARS].split())
        i = " ".join(self.inserted[: 2 * _EVIDENCE_CHARS].split())
        if d and i:
            return f"{d} → {i}"
        return f"-{d}" if d else f"+{i}"


_VOWELS = frozenset("aeiouy")


def looks_like_typo(old: str, new: str) -> bool:
    """Whether replacing word ``old`` by ``new`` (lower-cased letters) reads as a spelling fix.

    A "typo" label tells readers the change does not matter, so a real word
    turned into another must not get it. Without a dictionary the rule stays on
    the safe side: a fix is one slip (a letter added, dropped, swapped or
    replaced, or two adjacent letters added or dropped in a longer word), never
    at the first letter (negations and opposites live there: legal/illegal,
    increase/decrease, ever/never) nor at the last (inflections: dies/died), never
    a vowel for a vowel in a short word (rise/rose, fell/fall), never a number word
    (sixty/fifty). Some true typos are therefore plain edits; that errs visibly.
    """
    if old == new or min(len(old), len(new)) < 4 or old[0] != new[0]:
        return False
    if not (old.isalpha() and new.isalpha()) or {old, new} & patterns.NUMBER_WORDS:
        return False
    distance = DamerauLevenshtein.distance(old, new)
    if distance == 2:
        return _adjacent_pair_added_or_dropped(old, new)
    if distance != 1:
        return False
    if len(old) == len(new):
        differ = [k for k, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]
        if len(differ) == 1:  # one letter replaced (two differing letters: a swap)
            k = differ[0]
            if k == len(old) - 1:
                return False
            if len(old) <= 5 and old[k] in _VOWELS and new[k] in _VOWELS:
                return False
    return True


def _adjacent_pair_added_or_dropped(old: str, new: str) -> bool:
    """``publicly`` / ``publically``: the longer word is the shorter one plus two adjacent letters."""
    short, long = sorted((old, new), key=len)
    if len(long) - len(short) != 2 or len(short) < 6:
        return False
    return any(long[:k] + long[k + 2 :] == short for k in range(1, len(long) - 2))


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
    text = " ".join(text[: 2 * _EVIDENCE_CHARS].split())
    return text if len(text) <= _EVIDENCE_CHARS else text[: _EVIDENCE_CHARS - 1] + "…"


def _counter_evidence(old: Counter[str], new: Counter[str]) -> list[str]:
    removed = old - new
    added = new - old
    return [f"-{k}" for k in sorted(removed)] + [f"+{k}" for k in sorted(added)]


MAX_HUNKS = 2_000
"""Typo/style classification looks at no more than this many edit hunks."""


def detect_labels(d: LabelInput, *, coarse: bool = False) -> tuple[Label, ...]:
    """Every label that applies, in :data:`LABEL_IDS` order, with evidence.

    ``coarse`` (huge rewritten texts, no sentence links): features are
    read from whole changed paragraphs in one pass each, names are skipped,
    ``added``/``removed`` come from paragraph rows.
    """
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
    for h in all_hunks[:MAX_HUNKS]:
        if h.kind in ("typo", "style"):
            add(h.kind, [h.show()])

    if coarse:
        old_texts, new_texts, body_old, body_new = d.changed_paragraphs()
    else:
        old_texts, new_texts, body_old, body_new = d.changed_texts()
    old_texts = [fold(t) for t in old_texts]
    new_texts = [fold(t) for t in new_texts]
    q_old, q_new = patterns.quotes(old_texts), patterns.quotes(new_texts)
    if q_old != q_new:
        add("quote", _counter_evidence(q_old, q_new))
    n_old, n_new = patterns.numbers(old_texts), patterns.numbers(new_texts)
    if n_old != n_new:
        add("number", _counter_evidence(n_old, n_new))
    if coarse:
        rows_added = [row for row in _row_texts(d, "inserted") if row.strip()]
        rows_removed = [row for row in _row_texts(d, "deleted") if row.strip()]
        if rows_added:
            add("added", rows_added)
        if rows_removed:
            add("removed", rows_removed)
        return _finish(found)
    full_old, full_new = folded_article(d.old), folded_article(d.new)
    known = patterns.KnownCapitals(full_old + PARAGRAPH_JOINER + full_new)
    names_old, names_new = patterns.names(body_old, known), patterns.names(body_new, known)
    # Only changed texts were scanned: a name is gone (or new) only if the
    # other version does not mention it anywhere, unchanged paragraphs included.
    gone = sorted(n for n in names_old - names_new if not patterns.mentions(full_new, n))
    came = sorted(n for n in names_new - names_old if not patterns.mentions(full_old, n))
    if gone or came:
        add("name", [f"-{n}" for n in gone] + [f"+{n}" for n in came])
    c_old = Counter(patterns.corrections(old_texts))
    c_new = Counter(patterns.corrections(new_texts))
    if c_new - c_old:
        notices = [t for t in new_texts if patterns.corrections([t])]
        add("correction", notices or sorted(c_new - c_old))

    linked_old = {link.old for link in d.links}
    linked_new = {link.new for link in d.links}
    # A whitespace-only "sentence" (an empty paragraph gaining a space) is spacing.
    added = [s for j, s in enumerate(d.sentences_new) if j not in linked_new and s.strip()]
    removed = [s for i, s in enumerate(d.sentences_old) if i not in linked_old and s.strip()]
    if added:
        add("added", added)
    if removed:
        add("removed", removed)
    moved = [d.sentences_new[link.new] for link in d.links if link.kind == "moved"]
    if moved:
        add("moved", moved)

    return _finish(found)


def _finish(found: dict[str, list[str]]) -> tuple[Label, ...]:
    return tuple(
        Label(label, tuple(found[label][:MAX_EVIDENCE])) for label in LABEL_IDS if label in found
    )


def _row_texts(d: LabelInput, kind: str) -> list[str]:
    out: list[str] = []
    for row in d.paragraphs:
        if row.kind == kind:
            if kind == "inserted":
                out.extend(d.new.paragraphs[j] for j in row.new_indices)
            else:
                out.extend(d.old.paragraphs[i] for i in row.old_indices)
        if len(out) >= MAX_EVIDENCE:
            break
    return out
