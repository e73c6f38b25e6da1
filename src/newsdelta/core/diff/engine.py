"""diff_articles: the pipeline that turns two versions into an ArticleDiff.

Order of work (cheap before expensive):

1. title, standfirst, byline: word diff each;
2. paragraphs: identical paragraphs matched by folded text (in order:
   equal; out of order: moved);
3. sentences: split (pysbd, or a regex splitter past a size budget) and
   aligned (:mod:`.align`);
4. paragraph rows from sentence links (:mod:`.paragraphs`), word diff inside
   each changed row, moved sentences flagged (:mod:`.moves`);
5. labels with evidence (:mod:`.labels`) and the significance score
   (:mod:`.significance`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, MutableMapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from time import perf_counter

from cydifflib import SequenceMatcher

from newsdelta.core.diff.align import AlignLimits, RawLink, align_sentences
from newsdelta.core.diff.labels import LabelInput, detect_labels
from newsdelta.core.diff.moves import Span, flag_moved
from newsdelta.core.diff.paragraphs import Row, group_paragraphs, order_rows
from newsdelta.core.diff.sentences import PYSBD_CHAR_BUDGET, Sentence, split_paragraph
from newsdelta.core.diff.significance import significance
from newsdelta.core.diff.tokens import paragraph_keys, sentence_key
from newsdelta.core.diff.types import (
    ArticleDiff,
    DiffStats,
    FieldDiff,
    Op,
    ParagraphDiff,
    SentenceLink,
)
from newsdelta.core.diff.words import field_ops, word_ops
from newsdelta.core.model import ArticleText


@dataclass(frozen=True, slots=True)
class DiffLimits:
    """Size guards and thresholds; the defaults keep any diff under ~1 s."""

    pysbd_char_budget: int = PYSBD_CHAR_BUDGET
    align: AlignLimits = field(default_factory=AlignLimits)
    huge_chars: int = 200_000
    """Body characters (either side) above which a mostly-rewritten text..."""
    huge_paragraphs: int = 2_000
    """...or this many paragraphs, skips sentence alignment (see :func:`_coarse`)."""


DEFAULT_LIMITS = DiffLimits()


def is_huge(old: tuple[str, ...], new: tuple[str, ...], limits: DiffLimits) -> bool:
    """Past the size guards: a mostly rewritten text this big takes the coarse path."""
    return (
        max(sum(map(len, old)), sum(map(len, new))) > limits.huge_chars
        or max(len(old), len(new)) > limits.huge_paragraphs
    )


def _field(old: str, new: str) -> FieldDiff:
    ops, changed = field_ops(old, new)
    return FieldDiff(changed=changed, ops=ops)


def _match_paragraphs(
    old: tuple[str, ...], new: tuple[str, ...]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Identical paragraphs: (in-order pairs, moved pairs)."""
    ok = paragraph_keys(old)
    nk = paragraph_keys(new)
    matcher = SequenceMatcher(None, ok, nk, autojunk=False)
    equal: list[tuple[int, int]] = []
    for block in matcher.get_matching_blocks():
        equal.extend((block.a + k, block.b + k) for k in range(block.size))
    equal = _line_up_duplicates(equal, ok, nk)
    used_old = {i for i, _ in equal}
    used_new = {j for _, j in equal}
    waiting: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(ok):
        if i not in used_old and key:
            waiting[key].append(i)
    moved: list[tuple[int, int]] = []
    for j, key in enumerate(nk):
        if j in used_new:
            continue
        bucket = waiting.get(key)
        if bucket:
            moved.append((bucket.pop(0), j))
    return equal, moved


def _line_up_duplicates(
    pairs: list[tuple[int, int]], ok: list[str], nk: list[str]
) -> list[tuple[int, int]]:
    """Slide each identical-paragraph pair onto a later duplicate when that lines up the rest.

    The matcher pairs the first of two identical paragraphs: with old (P, P) and
    new (P edited, P) it pairs old 0 with new 1, so the in-place edit of the
    first paragraph reads as a move. Shifting a pair right, to the next identical
    paragraph on the side with fewer unmatched paragraphs before it, leaves the
    same number of matches and pairs the edited paragraph with its old self.
    """
    out = sorted(pairs)
    for k in range(len(out) - 1, -1, -1):
        i, j = out[k]
        before_i, before_j = out[k - 1] if k else (-1, -1)
        next_i, next_j = out[k + 1] if k + 1 < len(out) else (len(ok), len(nk))
        while i - before_i < j - before_j and i + 1 < next_i and ok[i + 1] == ok[i]:
            i += 1
        while j - before_j < i - before_i and j + 1 < next_j and nk[j + 1] == nk[j]:
            j += 1
        out[k] = (i, j)
    return out


def _split_all(
    paragraphs: tuple[str, ...], fast: bool, whole: AbstractSet[int] = frozenset()
) -> tuple[list[Sentence], list[int]]:
    """Sentences of every paragraph, and each paragraph's first sentence index.

    Paragraphs in ``whole`` are not split: each stays one unit.
    """
    sentences: list[Sentence] = []
    first: list[int] = []
    for i, para in enumerate(paragraphs):
        first.append(len(sentences))
        if i in whole:
            if para:
                sentences.append(Sentence(para, i, 0))
            continue
        sentences.extend(Sentence(t, i, s) for s, t in split_paragraph(para, fast=fast))
    first.append(len(sentences))
    return sentences, first


def _joined(paragraphs: tuple[str, ...], idx: tuple[int, ...]) -> tuple[str, dict[int, int]]:
    """Paragraphs joined with newlines, and each one's offset in the result."""
    if len(idx) == 1:
        return paragraphs[idx[0]], {idx[0]: 0}
    offsets: dict[int, int] = {}
    pos = 0
    for k, i in enumerate(idx):
        if k:
            pos += 1
        offsets[i] = pos
        pos += len(paragraphs[i])
    return "\n".join(paragraphs[i] for i in idx), offsets


def _spans(
    paras: tuple[int, ...],
    offsets: dict[int, int],
    sents: list[Sentence],
    first: list[int],
    picked: AbstractSet[int] | Mapping[int, list[Span]],
) -> list[Span]:
    """Character spans, in a row's joined text, of its sentences in ``picked``.

    A set picks whole sentences; a mapping picks spans inside each sentence.
    """
    out: list[Span] = []
    if not picked:
        return out
    for p in paras:
        for k in range(first[p], first[p + 1]):
            if k not in picked:
                continue
            start = offsets[p] + sents[k].start
            if isinstance(picked, Mapping):
                out.extend((start + a, start + b) for a, b in picked[k])
            else:
                out.append((start, start + len(sents[k].text)))
    return out


def _moved_sentence_edits(
    links: list[RawLink], old_sents: list[Sentence], new_sents: list[Sentence]
) -> tuple[dict[int, list[Span]], dict[int, list[Span]]]:
    """Where moved sentences were also edited: spans deleted (old) and inserted (new).

    Alignment links a far-away rewritten sentence as ``moved``; without these
    spans the whole sentence would be flagged moved and its edit would vanish
    from the views, the stats and the labels. Only one-to-one moves are read:
    a moved sentence that was also split or merged stays moved as a whole.
    """
    old_edits: dict[int, list[Span]] = {}
    new_edits: dict[int, list[Span]] = {}
    ends = Counter(o for o, _, _ in links), Counter(n for _, n, _ in links)
    for o, n, kind in links:
        if kind != "moved" or ends[0][o] > 1 or ends[1][n] > 1:
            continue
        a, b = old_sents[o].text, new_sents[n].text
        if a == b:
            continue
        at_old = at_new = 0
        for op in word_ops(a, b):
            size = len(op.text)
            if op.op == "delete":
                if not op.typography:
                    old_edits.setdefault(o, []).append((at_old, at_old + size))
                at_old += size
            elif op.op == "insert":
                if not op.typography:
                    new_edits.setdefault(n, []).append((at_new, at_new + size))
                at_new += size
            else:
                at_old += size
                at_new += size
    return old_edits, new_edits


def _link_ops(
    links: list[RawLink], old_s: list[str], new_s: list[str]
) -> list[SentenceLink]:
    """Attach word ops to non-equal links (split/merged sentences diff as a whole)."""
    by_old: dict[int, list[int]] = defaultdict(list)
    by_new: dict[int, list[int]] = defaultdict(list)
    for o, n, _ in links:
        by_old[o].append(n)
        by_new[n].append(o)
    out: list[SentenceLink] = []
    for o, n, kind in links:
        if kind == "equal" and old_s[o] == new_s[n]:
            out.append(SentenceLink(o, n, kind))
            continue
        olds = by_new[n] if len(by_new[n]) > 1 else [o]
        news = by_old[o] if len(by_old[o]) > 1 else [n]
        a = " ".join(old_s[i] for i in sorted(olds))
        b = " ".join(new_s[j] for j in sorted(news))
        out.append(SentenceLink(o, n, kind, word_ops(a, b)))
    return out


def _count_words(ops: tuple[Op, ...], kind: str, *, moved: bool = False) -> int:
    return sum(
        len(o.text.split())
        for o in ops
        if o.op == kind and not o.typography and o.moved == moved
    )


class _Clock:
    """Adds elapsed seconds per stage to ``timings`` (if given); costs ~0.1 µs a lap."""

    def __init__(self, timings: MutableMapping[str, float] | None) -> None:
        self._timings = timings
        self._last = perf_counter()

    def lap(self, stage: str) -> None:
        if self._timings is None:
            return
        now = perf_counter()
        self._timings[stage] = self._timings.get(stage, 0.0) + now - self._last
        self._last = now


STAGES = ("splitting", "alignment", "word diff", "labels")
"""Stage names :func:`diff_articles` reports in ``timings``."""


def diff_articles(
    old: ArticleText,
    new: ArticleText,
    limits: DiffLimits = DEFAULT_LIMITS,
    *,
    split_unchanged: bool = True,
    timings: MutableMapping[str, float] | None = None,
) -> ArticleDiff:
    """Diff two versions of an article: fields, paragraphs, sentences, labels.

    ``split_unchanged=False`` leaves each paragraph found word for word in both
    versions as one unit instead of splitting it into sentences. Such sentences
    link to themselves whatever the split, so the labels, the stats, the
    significance and the paragraph rows come out the same (tests check this on
    the edits corpus and on generated edits); only ``sentences_old``/``_new``,
    the links and the evidence of the ``moved`` label (a moved paragraph is
    quoted whole) are coarser. The check path uses it: it stores that summary,
    and splitting every unchanged paragraph was most of a cold diff.

    ``timings``, if given, receives seconds spent per stage (:data:`STAGES`,
    added to what is there), for benchmarks.
    """
    clock = _Clock(timings)
    title = _field(old.title, new.title)
    standfirst = _field(old.standfirst, new.standfirst)
    byline = _field(old.byline, new.byline)
    op_, np_ = old.paragraphs, new.paragraphs
    clock.lap("word diff")

    equal_pairs, moved_pairs = _match_paragraphs(op_, np_)
    if is_huge(op_, np_, limits) and 2 * len(equal_pairs) < max(len(op_), len(np_)):
        clock.lap("alignment")
        return _coarse(old, new, title, standfirst, byline, equal_pairs, clock)
    same_new = {j for _, j in equal_pairs} | {j for _, j in moved_pairs}
    to_split = sum(map(len, op_)) + sum(len(p) for j, p in enumerate(np_) if j not in same_new)
    fast = to_split > limits.pysbd_char_budget
    fallback = "regex sentence splitter" if fast else ""
    clock.lap("alignment")

    # Sentences of identical paragraphs are linked already: no keys needed.
    done_old = {i for i, _ in equal_pairs} | {i for i, _ in moved_pairs}
    old_sents, old_first = _split_all(op_, fast, frozenset() if split_unchanged else done_old)
    new_sents, new_first = _split_all(np_, fast, frozenset() if split_unchanged else same_new)
    clock.lap("splitting")

    fixed: list[RawLink] = []
    for pairs, kind in ((equal_pairs, "equal"), (moved_pairs, "moved")):
        for i, j in pairs:
            olds = range(old_first[i], old_first[i + 1])
            news = range(new_first[j], new_first[j + 1])
            fixed.extend((a, b, kind) for a, b in zip(olds, news, strict=False))  # type: ignore[misc]
    old_keys = ["" if s.paragraph in done_old else sentence_key(s.text) for s in old_sents]
    new_keys = ["" if s.paragraph in same_new else sentence_key(s.text) for s in new_sents]
    raw_links = align_sentences(old_keys, new_keys, fixed, limits.align)

    # Paragraph rows.
    free_old = [i for i in range(len(op_)) if i not in done_old]
    free_new = [j for j in range(len(np_)) if j not in same_new]
    free_old_set, free_new_set = set(free_old), set(free_new)
    weights: dict[tuple[int, int], int] = defaultdict(int)
    moved_old_s: set[int] = set()
    moved_new_s: set[int] = set()
    for o, n, kind in raw_links:
        po, pn = old_sents[o].paragraph, new_sents[n].paragraph
        if kind == "moved":
            moved_old_s.add(o)
            moved_new_s.add(n)
        elif po in free_old_set and pn in free_new_set:
            weights[(po, pn)] += len(old_sents[o].text)
    old_edits, new_edits = _moved_sentence_edits(raw_links, old_sents, new_sents)
    rows = [Row("equal", (i,), (j,)) for i, j in equal_pairs]
    rows += [Row("moved", (i,), (j,)) for i, j in moved_pairs]
    rows += group_paragraphs(free_old, free_new, weights)
    clock.lap("alignment")

    paragraphs: list[ParagraphDiff] = []
    words_moved = 0
    for row in order_rows(rows):
        a, a_off = _joined(op_, row.old)
        b, b_off = _joined(np_, row.new)
        ops = word_ops(a, b)
        if row.kind in ("changed", "deleted", "inserted"):
            old_spans = _spans(row.old, a_off, old_sents, old_first, moved_old_s)
            new_spans = _spans(row.new, b_off, new_sents, new_first, moved_new_s)
            ops = flag_moved(
                ops,
                old_spans,
                new_spans,
                _spans(row.old, a_off, old_sents, old_first, old_edits),
                _spans(row.new, b_off, new_sents, new_first, new_edits),
            )
        elif row.kind == "moved":
            words_moved += len(a.split())
        paragraphs.append(
            ParagraphDiff(
                kind=row.kind,
                old_index=row.old[0] if row.old else None,
                new_index=row.new[0] if row.new else None,
                ops=ops,
                old_indices=row.old,
                new_indices=row.new,
            )
        )

    old_texts = [s.text.strip() for s in old_sents]
    new_texts = [s.text.strip() for s in new_sents]
    links = _link_ops(raw_links, old_texts, new_texts)
    clock.lap("word diff")

    all_ops = [title.ops, standfirst.ops, byline.ops] + [p.ops for p in paragraphs]
    stats = DiffStats(
        words_added=sum(_count_words(ops, "insert") for ops in all_ops),
        words_deleted=sum(_count_words(ops, "delete") for ops in all_ops),
        words_moved=words_moved + sum(_count_words(ops, "insert", moved=True) for ops in all_ops),
        paragraphs_added=sum(1 for p in paragraphs if p.kind == "inserted"),
        paragraphs_deleted=sum(1 for p in paragraphs if p.kind == "deleted"),
    )
    labels = detect_labels(
        LabelInput(
            old=old,
            new=new,
            title=title,
            standfirst=standfirst,
            byline=byline,
            paragraphs=tuple(paragraphs),
            sentences_old=tuple(old_texts),
            sentences_new=tuple(new_texts),
            links=tuple(links),
        )
    )
    empty = not labels and not any(
        op.is_edit for ops in all_ops for op in ops
    ) and all(p.kind == "equal" for p in paragraphs)
    result = ArticleDiff(
        title=title,
        standfirst=standfirst,
        byline=byline,
        paragraphs=tuple(paragraphs),
        sentences_old=tuple(old_texts),
        sentences_new=tuple(new_texts),
        sentence_links=tuple(links),
        labels=labels,
        significance=significance(labels, stats),
        stats=stats,
        sentence_paragraphs_old=tuple(s.paragraph for s in old_sents),
        sentence_paragraphs_new=tuple(s.paragraph for s in new_sents),
        empty=empty,
        fallback=fallback,
    )
    clock.lap("labels")
    return result


def _coarse(
    old: ArticleText,
    new: ArticleText,
    title: FieldDiff,
    standfirst: FieldDiff,
    byline: FieldDiff,
    equal_pairs: list[tuple[int, int]],
    clock: _Clock,
) -> ArticleDiff:
    """Fallback for huge, mostly rewritten texts: paragraph-level diff only.

    Unmatched paragraphs between two identical ones are paired in order
    (word diff inside, which itself coarsens to sentence chunks or a
    replace-all when too big); the rest are inserted or deleted. No sentence
    splitting, no sentence links, labels from features only.
    """
    rows: list[Row] = []
    prev_i = prev_j = -1
    for i, j in [*equal_pairs, (len(old.paragraphs), len(new.paragraphs))]:
        gap_old = list(range(prev_i + 1, i))
        gap_new = list(range(prev_j + 1, j))
        for a, b in zip(gap_old, gap_new, strict=False):
            rows.append(Row("changed", (a,), (b,)))
        rows.extend(Row("deleted", (a,), ()) for a in gap_old[len(gap_new) :])
        rows.extend(Row("inserted", (), (b,)) for b in gap_new[len(gap_old) :])
        if i < len(old.paragraphs):
            rows.append(Row("equal", (i,), (j,)))
        prev_i, prev_j = i, j
    paragraphs = tuple(
        ParagraphDiff(
            kind=row.kind,
            old_index=row.old[0] if row.old else None,
            new_index=row.new[0] if row.new else None,
            ops=word_ops(
                old.paragraphs[row.old[0]] if row.old else "",
                new.paragraphs[row.new[0]] if row.new else "",
            ),
            old_indices=row.old,
            new_indices=row.new,
        )
        for row in order_rows(rows)
    )
    clock.lap("word diff")
    all_ops = [title.ops, standfirst.ops, byline.ops] + [p.ops for p in paragraphs]
    stats = DiffStats(
        words_added=sum(_count_words(ops, "insert") for ops in all_ops),
        words_deleted=sum(_count_words(ops, "delete") for ops in all_ops),
        paragraphs_added=sum(1 for p in paragraphs if p.kind == "inserted"),
        paragraphs_deleted=sum(1 for p in paragraphs if p.kind == "deleted"),
    )
    labels = detect_labels(
        LabelInput(old, new, title, standfirst, byline, paragraphs, (), (), ()), coarse=True
    )
    result = ArticleDiff(
        title=title,
        standfirst=standfirst,
        byline=byline,
        paragraphs=paragraphs,
        sentences_old=(),
        sentences_new=(),
        sentence_links=(),
        labels=labels,
        significance=significance(labels, stats),
        stats=stats,
        empty=False,
        fallback="paragraph-level diff (huge, mostly rewritten text)",
    )
    clock.lap("labels")
    return result
