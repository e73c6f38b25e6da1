"""Evaluate sentence alignment and labels against the gold edits corpus.

Protocol (NewsEdits): a *link* is a pair (old sentence, new sentence);
unlinked sentences are additions or deletions. Precision, recall and F1 are
computed over the set of links of all cases. Because most links of a real
diff are trivially "equal", the report also scores the *changed* links
alone (gold or predicted kind ``edited`` or ``moved``), and the kind
accuracy of links found in both.

System sentences are mapped to gold sentences by their position in the
paragraph text, so a splitter disagreement costs links instead of crashing.

Corpus files: ``*.json`` anywhere under the corpus directory, each
``{"id", "old", "new", "gold": {"links": [[i, j, kind]...], "labels": [...]}}``
where ``old``/``new`` have ``title``, ``standfirst``, ``byline`` and
``paragraphs`` as lists of sentences (joined with one space).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdelta.core.diff import LABEL_IDS, ArticleDiff, diff_articles
from newsdelta.core.model import ArticleText
from newsdelta.errors import NewsdeltaError

Link = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    old: ArticleText
    new: ArticleText
    old_sentences: tuple[tuple[int, int, int], ...]
    """Gold sentences as (paragraph, start, end)."""
    new_sentences: tuple[tuple[int, int, int], ...]
    links: frozenset[tuple[int, int, str]]
    labels: frozenset[str]
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class LabelScore:
    label: str
    score: PRF
    support: int


@dataclass(frozen=True, slots=True)
class EditsReport:
    """Result of :func:`evaluate_edits`; ``str(report)`` prints a table."""

    cases: int
    links: PRF
    changed_links: PRF
    kind_accuracy: float
    labels: tuple[LabelScore, ...]
    failures: tuple[str, ...] = ()
    """Ids of cases with any link or label error, for debugging."""

    def label(self, label_id: str) -> LabelScore:
        return next(s for s in self.labels if s.label == label_id)

    def to_json(self) -> dict[str, Any]:
        def prf(x: PRF) -> dict[str, float]:
            return {"precision": x.precision, "recall": x.recall, "f1": x.f1}

        return {
            "cases": self.cases,
            "links": prf(self.links),
            "changed_links": prf(self.changed_links),
            "kind_accuracy": self.kind_accuracy,
            "labels": {s.label: {**prf(s.score), "support": s.support} for s in self.labels},
            "failures": list(self.failures),
        }

    def __str__(self) -> str:
        ch = self.changed_links
        lines = [
            f"edits corpus: {self.cases} version pairs",
            "",
            f"{'sentence links':<18} {'P':>6} {'R':>6} {'F1':>6}",
            f"{'all':<18} {self.links.precision:6.3f} {self.links.recall:6.3f} {self.links.f1:6.3f}",
            f"{'changed only':<18} {ch.precision:6.3f} {ch.recall:6.3f} {ch.f1:6.3f}",
            f"link kind accuracy (links found in both): {self.kind_accuracy:.3f}",
            "",
            f"{'label':<12} {'P':>6} {'R':>6} {'support':>8}",
        ]
        for s in self.labels:
            lines.append(
                f"{s.label:<12} {s.score.precision:6.3f} {s.score.recall:6.3f} {s.support:8d}"
            )
        if self.failures:
            lines += ["", f"cases with errors ({len(self.failures)}): " + ", ".join(self.failures[:20])]
        return "\n".join(lines)


def _side(data: dict[str, Any]) -> tuple[ArticleText, tuple[tuple[int, int, int], ...]]:
    paragraphs: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for p, sentences in enumerate(data["paragraphs"]):
        pos = 0
        for k, sentence in enumerate(sentences):
            if k:
                pos += 1
            spans.append((p, pos, pos + len(sentence)))
            pos += len(sentence)
        paragraphs.append(" ".join(sentences))
    art = ArticleText(
        title=data.get("title", ""),
        standfirst=data.get("standfirst", ""),
        byline=data.get("byline", ""),
        paragraphs=tuple(paragraphs),
    )
    return art, tuple(spans)


def load_corpus(corpus_dir: Path | str) -> list[Case]:
    """Every case under ``corpus_dir`` (recursively), sorted by id."""
    root = Path(corpus_dir)
    if not root.is_dir():
        raise NewsdeltaError(f"edits corpus not found: {root}", reason="not_found")
    cases: list[Case] = []
    for path in sorted(root.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            old, old_spans = _side(data["old"])
            new, new_spans = _side(data["new"])
            gold = data["gold"]
            cases.append(
                Case(
                    id=str(data.get("id", path.stem)),
                    old=old,
                    new=new,
                    old_sentences=old_spans,
                    new_sentences=new_spans,
                    links=frozenset((int(a), int(b), str(k)) for a, b, k in gold["links"]),
                    labels=frozenset(gold["labels"]),
                    raw=data,
                )
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise NewsdeltaError(f"bad corpus file {path}: {exc}", reason="bad_corpus") from exc
    cases.sort(key=lambda c: c.id)
    return cases


def _map_sentences(
    texts: Sequence[str],
    paragraphs_of: Sequence[int],
    paragraphs: Sequence[str],
    gold: Sequence[tuple[int, int, int]],
) -> list[int]:
    """System sentence index -> gold sentence index with the largest overlap (-1: none)."""
    positions: list[tuple[int, int, int]] = []
    cursor: dict[int, int] = {}
    for text, p in zip(texts, paragraphs_of, strict=True):
        start = paragraphs[p].find(text, cursor.get(p, 0))
        if start < 0:
            start = cursor.get(p, 0)
        cursor[p] = start + len(text)
        positions.append((p, start, start + len(text)))
    out: list[int] = []
    for p, a, b in positions:
        best, best_overlap = -1, 0
        for g, (gp, ga, gb) in enumerate(gold):
            if gp != p:
                continue
            overlap = min(b, gb) - max(a, ga)
            if overlap > best_overlap:
                best, best_overlap = g, overlap
        out.append(best)
    return out


def _system_links(diff: ArticleDiff, case: Case) -> set[tuple[int, int, str]]:
    old_map = _map_sentences(
        diff.sentences_old, diff.sentence_paragraphs_old, case.old.paragraphs, case.old_sentences
    )
    new_map = _map_sentences(
        diff.sentences_new, diff.sentence_paragraphs_new, case.new.paragraphs, case.new_sentences
    )
    links: set[tuple[int, int, str]] = set()
    for link in diff.sentence_links:
        o, n = old_map[link.old], new_map[link.new]
        if o >= 0 and n >= 0:
            links.add((o, n, link.kind))
    return links


def _prf(pred: Iterable[Link], gold: Iterable[Link]) -> PRF:
    p, g = set(pred), set(gold)
    return PRF(len(p & g), len(p - g), len(g - p))


def evaluate_edits(corpus_dir: Path | str) -> EditsReport:
    """Run the diff on every case and score links and labels against gold."""
    cases = load_corpus(corpus_dir)
    tp = fp = fn = 0
    ctp = cfp = cfn = 0
    kinds_same = kinds_total = 0
    label_counts = {label: [0, 0, 0] for label in LABEL_IDS}
    failures: list[str] = []
    for case in cases:
        diff = diff_articles(case.old, case.new)
        sys_links = _system_links(diff, case)
        sys_pairs = {(o, n) for o, n, _ in sys_links}
        gold_pairs = {(o, n) for o, n, _ in case.links}
        score = _prf(sys_pairs, gold_pairs)
        tp, fp, fn = tp + score.tp, fp + score.fp, fn + score.fn
        sys_changed = {(o, n) for o, n, k in sys_links if k != "equal"}
        gold_changed = {(o, n) for o, n, k in case.links if k != "equal"}
        changed_universe = sys_changed | gold_changed
        c = _prf(sys_changed | (sys_pairs & changed_universe), gold_changed | (gold_pairs & changed_universe))
        ctp, cfp, cfn = ctp + c.tp, cfp + c.fp, cfn + c.fn
        sys_kind = {(o, n): k for o, n, k in sys_links}
        for o, n, k in case.links:
            if (o, n) in sys_kind:
                kinds_total += 1
                kinds_same += sys_kind[(o, n)] == k
        predicted = set(diff.label_ids)
        for label in LABEL_IDS:
            counts = label_counts[label]
            if label in predicted and label in case.labels:
                counts[0] += 1
            elif label in predicted:
                counts[1] += 1
            elif label in case.labels:
                counts[2] += 1
        kinds_ok = all(sys_kind.get((o, n)) == k for o, n, k in case.links)
        if score.fp or score.fn or predicted != set(case.labels) or not kinds_ok:
            failures.append(case.id)
    labels = tuple(
        LabelScore(label, PRF(*label_counts[label]), label_counts[label][0] + label_counts[label][2])
        for label in LABEL_IDS
    )
    return EditsReport(
        cases=len(cases),
        links=PRF(tp, fp, fn),
        changed_links=PRF(ctp, cfp, cfn),
        kind_accuracy=kinds_same / kinds_total if kinds_total else 1.0,
        labels=labels,
        failures=tuple(failures),
    )
