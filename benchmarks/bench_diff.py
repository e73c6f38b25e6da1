"""Benchmark the article diff: per-stage costs and pathological inputs.

Run: ``python benchmarks/bench_diff.py`` (from the repository root, with
``src`` on the path or the package installed). Prints median times; tests
never assert wall-clock times, this script is where speed is watched.

Stages are timed by calling the same internal functions diff_articles uses,
on the same inputs; "total" is diff_articles itself (labels included).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsdelta.core.diff import diff_articles
from newsdelta.core.diff import sentences as sentences_mod
from newsdelta.core.diff.align import AlignLimits, align_sentences
from newsdelta.core.diff.engine import _match_paragraphs, _split_all
from newsdelta.core.diff.tokens import sentence_key
from newsdelta.core.diff.words import word_ops
from newsdelta.core.model import ArticleText

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpora" / "edits"))
import generate


def median_ms(fn: Callable[[], object], runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def article_pair(words: int = 2000) -> tuple[ArticleText, ArticleText]:
    rnd = random.Random(7)
    gen = generate.Gen(rnd)
    doc = gen.article(1)
    while sum(len(s.text.split()) for p in doc.paragraphs for s in p) < words:
        doc.paragraphs.append([gen.sentence() for _ in range(rnd.randint(1, 3))])
    old = generate.serialise(doc)
    new = generate.serialise(doc)
    new["title"] = new["title"] + " as talks resume"
    new["paragraphs"][1][0] = new["paragraphs"][1][0].replace(" said", " stated", 1)
    new["paragraphs"][10].append("Correction: An earlier version of this article misstated a date.")
    del new["paragraphs"][20]
    new["paragraphs"].insert(5, new["paragraphs"].pop(30))

    def art(d: dict[str, object]) -> ArticleText:
        paras = d["paragraphs"]
        assert isinstance(paras, list)
        return ArticleText(title=str(d["title"]), standfirst=str(d["standfirst"]),
                           paragraphs=tuple(" ".join(p) for p in paras))

    return art(old), art(new)


def stages(old: ArticleText, new: ArticleText) -> None:
    words = sum(len(p.split()) for p in old.paragraphs)
    print(f"2,000-word pair: {words} words, {len(old.paragraphs)} paragraphs, a few edits")

    def split_cold() -> object:
        sentences_mod._split_pysbd.cache_clear()
        return _split_all(old.paragraphs, False), _split_all(new.paragraphs, False)

    def split_warm() -> object:
        return _split_all(old.paragraphs, False), _split_all(new.paragraphs, False)

    (os_, of), (ns, nf) = split_warm()  # type: ignore[misc]
    eq, mv = _match_paragraphs(old.paragraphs, new.paragraphs)
    fixed = []
    for pairs, kind in ((eq, "equal"), (mv, "moved")):
        for i, j in pairs:
            fixed.extend(zip(range(of[i], of[i + 1]), range(nf[j], nf[j + 1]), [kind] * 99, strict=False))
    ok = [sentence_key(s.text) for s in os_]
    nk = [sentence_key(s.text) for s in ns]

    def align() -> object:
        _match_paragraphs(old.paragraphs, new.paragraphs)
        return align_sentences(ok, nk, fixed, AlignLimits())

    changed = [(a, b) for a, b in zip(old.paragraphs, new.paragraphs, strict=False) if a != b][:6]

    def words_stage() -> object:
        return [word_ops(a, b) for a, b in changed]

    diff = diff_articles(old, new)
    from newsdelta.core.diff.labels import LabelInput, detect_labels

    li = LabelInput(old, new, diff.title, diff.standfirst, diff.byline, diff.paragraphs,
                    diff.sentences_old, diff.sentences_new, diff.sentence_links)

    def cold_total() -> object:
        sentences_mod._split_pysbd.cache_clear()
        return diff_articles(old, new)

    rows = [
        ("sentence splitting, pysbd cold cache", median_ms(split_cold, 10)),
        ("sentence splitting, warm cache", median_ms(split_warm)),
        ("alignment (paragraphs + sentences)", median_ms(align)),
        (f"word diff ({len(changed)} changed paragraphs)", median_ms(words_stage)),
        ("labels", median_ms(lambda: detect_labels(li))),
        ("TOTAL diff_articles, warm splitter cache", median_ms(lambda: diff_articles(old, new))),
        ("TOTAL diff_articles, cold splitter cache", median_ms(cold_total, 10)),
        ("to_json", median_ms(diff.to_json)),
    ]
    for name, ms in rows:
        print(f"  {name:<44} {ms:8.2f} ms")
    print(f"  labels: {', '.join(diff.label_ids)}; significance {diff.significance}")


def pathological() -> None:
    print("pathological inputs (one run each, cold cache):")
    rnd = random.Random(1)
    vocab = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]

    def line(n: int) -> str:
        return " ".join(rnd.choice(vocab) for _ in range(n)) + "."

    lines = tuple(line(8) for _ in range(10_000))
    edited = list(lines)
    for k in range(0, 10_000, 997):
        edited[k] = line(8)
    big = " ".join(line(12) for _ in range(1_000_000 // 80))
    big2 = big[: len(big) // 2] + " an inserted clause. " + big[len(big) // 2 :]
    other = tuple(line(8) for _ in range(10_000))
    cases = [
        ("10,000 one-line paragraphs, 11 edited", ArticleText("t", paragraphs=lines), ArticleText("t", paragraphs=tuple(edited))),
        ("single 1 MB paragraph, one insertion", ArticleText("t", paragraphs=(big,)), ArticleText("t", paragraphs=(big2,))),
        ("two entirely different 10,000-paragraph texts", ArticleText("t", paragraphs=lines), ArticleText("t", paragraphs=other)),
        ("two entirely different 1 MB paragraphs", ArticleText("t", paragraphs=(big,)), ArticleText("t", paragraphs=(" ".join(reversed(big.split(". "))),))),
    ]
    for name, a, b in cases:
        sentences_mod._split_pysbd.cache_clear()
        t0 = time.perf_counter()
        d = diff_articles(a, b)
        ms = (time.perf_counter() - t0) * 1000
        print(f"  {name:<48} {ms:8.0f} ms  fallback: {d.fallback or '-'}")


if __name__ == "__main__":
    old, new = article_pair()
    stages(old, new)
    pathological()
