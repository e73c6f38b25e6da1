"""Quality gate of the copies index on the labelled corpus (tests/corpora/copies).

``evaluate_copies(corpus_dir, semantic)`` indexes every document in first-seen
order (as the tracker would), then scores:

* per kind (verbatim, partial, rewrite): precision and recall over labelled
  pairs. A predicted pair counts against precision when its gold kind differs,
  or when the two articles belong to different stories; pairs of two copies of
  the same original carry no label and are ignored;
* ``independent_mistaken``: share of hard negatives (same event written
  independently, same template different story) reported as any kind of copy;
* ``provenance``: share of copies whose cluster's probable source is the
  original; ``credit``: share of copies whose credited/uncredited flag is right.

Run ``python -m newsdelta.evaluate.copies tests/corpora/copies [--semantic]``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsdelta.copies.embed import Embedder, default_embedder
from newsdelta.copies.index import CopiesConfig, CopyIndex
from newsdelta.copies.memory_repo import MemoryCopiesRepository
from newsdelta.copies.model import IndexedDoc

KINDS = ("verbatim", "partial", "rewrite")


@dataclass
class CopiesReport:
    semantic_stage: str
    precision: dict[str, float] = field(default_factory=dict)
    recall: dict[str, float] = field(default_factory=dict)
    detected_by_variant: dict[str, float] = field(default_factory=dict)  # found as any copy kind
    independent_mistaken: float = 0.0
    provenance: float = 0.0
    credit: float = 0.0
    confusion: dict[str, int] = field(default_factory=dict)  # "gold->predicted": count

    def format(self) -> str:
        lines = [f"semantic stage: {self.semantic_stage}", "kind        precision  recall"]
        for k in KINDS:
            lines.append(f"{k:<11} {self.precision.get(k, 0.0):>9.3f}  {self.recall.get(k, 0.0):>6.3f}")
        lines.append(f"independent mistaken for a copy: {self.independent_mistaken:.3f}")
        lines.append(f"probable source right:           {self.provenance:.3f}")
        lines.append(f"credited/uncredited right:       {self.credit:.3f}")
        lines.append("found as a copy, by variant: " + ", ".join(
            f"{v} {r:.2f}" for v, r in sorted(self.detected_by_variant.items())))
        lines.append("confusion (gold->predicted): " + ", ".join(
            f"{k} {n}" for k, n in sorted(self.confusion.items())))
        return "\n".join(lines)


def load_docs(corpus_dir: Path) -> list[IndexedDoc]:
    docs = []
    with open(corpus_dir / "corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append(
                IndexedDoc(
                    article_id=int(d["article_id"]), version_id=int(d["article_id"]),
                    outlet=d["outlet"], url=d["url"], title=d["title"],
                    paragraphs=tuple(d["paragraphs"]),
                    first_seen=datetime.fromisoformat(d["first_seen"]),
                    published=datetime.fromisoformat(d["published"]) if d["published"] else None,
                )
            )
    return docs


def evaluate_copies(
    corpus_dir: Path | str,
    semantic: bool,
    embedder: Embedder | None = None,
    limit_stories: int | None = None,
    config: CopiesConfig | None = None,
) -> CopiesReport:
    """Score the index on the corpus; ``limit_stories`` keeps only the first N
    originals with their copies and negatives (the semantic stage costs ~0.1-1 s
    per article on a busy 2-core CPU, so quick runs use a subset)."""
    corpus_dir = Path(corpus_dir)
    gold = json.loads((corpus_dir / "gold.json").read_text(encoding="utf-8"))
    if limit_stories is not None:
        gold["clusters"] = gold["clusters"][:limit_stories]
        keep_src = {int(c["source"]) for c in gold["clusters"]}
        gold["pairs"] = [p for p in gold["pairs"] if int(p["b"]) in keep_src]
    if semantic and embedder is None:
        embedder = default_embedder()
    index = CopyIndex(
        MemoryCopiesRepository(), embedder if semantic else None, config or CopiesConfig()
    )
    docs = sorted(load_docs(corpus_dir), key=lambda d: (d.first_seen, d.article_id))
    if limit_stories is not None:
        wanted = {int(p["a"]) for p in gold["pairs"]} | {int(c["source"]) for c in gold["clusters"]}
        docs = [d for d in docs if d.article_id in wanted]
    for d in docs:
        index.add(d)

    story: dict[int, int] = {}
    for n, c in enumerate(gold["clusters"]):
        for m in c["members"]:
            story[int(m)] = n
    labelled = {frozenset((int(p["a"]), int(p["b"]))): p for p in gold["pairs"]}
    predicted: dict[frozenset[int], str] = {}
    repo = index.repo
    assert isinstance(repo, MemoryCopiesRepository)
    for (a, b), m in repo.matches.items():
        predicted[frozenset((a, b))] = m.kind

    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    gold_n: Counter[str] = Counter()
    confusion: Counter[str] = Counter()
    variant_n: Counter[str] = Counter()
    variant_hit: Counter[str] = Counter()
    for pair, p in labelled.items():
        g, pk = p["kind"], predicted.get(pair, "none")
        gold_n[g] += 1
        variant_n[p["variant"]] += 1
        variant_hit[p["variant"]] += pk in KINDS
        confusion[f"{g}->{pk}"] += 1
        if pk == g:
            tp[g] += 1
    for pair, pk in predicted.items():
        p = labelled.get(pair)
        if p is not None:
            fp[pk] += p["kind"] != pk
            continue
        a, b = tuple(pair)
        if a in story and b in story and story[a] == story[b]:
            continue  # two copies of one original: no label
        fp[pk] += 1
    report = CopiesReport(semantic_stage=index.semantic_stage, confusion=dict(confusion))
    for k in KINDS:
        report.recall[k] = tp[k] / gold_n[k] if gold_n[k] else 0.0
        report.precision[k] = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 0.0
    report.detected_by_variant = {v: variant_hit[v] / n for v, n in variant_n.items()}
    neg = [pair for pair, p in labelled.items() if p["kind"] == "independent"]
    report.independent_mistaken = sum(predicted.get(x, "none") in KINDS for x in neg) / len(neg)

    right = total = credit_right = 0
    for p in gold["pairs"]:
        if p["kind"] == "independent":
            continue
        total += 1
        cl = index.cluster_of(int(p["a"]))
        right += cl.source_article_id == int(p["b"])
        member = next((m for m in cl.members if m.article_id == int(p["a"])), None)
        credit_right += member is not None and member.credited == bool(p["credited"])
    report.provenance = right / total if total else 0.0
    report.credit = credit_right / total if total else 0.0
    return report


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    corpus = Path(next((a for a in args if not a.startswith("--")), "tests/corpora/copies"))
    limit = next((int(a.split("=", 1)[1]) for a in args if a.startswith("--limit=")), None)
    report = evaluate_copies(corpus, semantic="--semantic" in args, limit_stories=limit)
    print(report.format())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
