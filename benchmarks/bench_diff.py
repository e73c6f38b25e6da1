"""Benchmark the article diff: per-stage costs and pathological inputs.

Run: ``python benchmarks/bench_diff.py`` (from the repository root). Prints
median times; tests never assert wall-clock times, this script is where
speed is watched (issue 4: a 2,000-word pair with a few edits in <= 5 ms,
labels included; pathological inputs <= 1 s each).

Stage times come from ``diff_articles(..., timings=...)`` itself, so they
add up to the total and measure exactly the production code path:

* splitting: sentence splitting of both versions;
* alignment: identical-paragraph matching, sentence alignment, paragraph rows;
* word diff: title/standfirst/byline, changed rows, edited-sentence links;
* labels: labels, stats, significance.

"warm" means the paragraphs' splits are in the splitter's LRU cache (the
tracker's normal case: version N+1 shares most paragraphs with version N,
which was split when it was diffed against N-1); "cold" clears the cache
before every run (a process's first diff of an article).

Each table is printed twice: wall-clock (perf_counter) and CPU time of this
thread (thread_time). On a shared machine the wall-clock median includes
time the process waited for a core; the CPU-time median is the work itself.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsdelta.core.diff import diff_articles
from newsdelta.core.diff import engine as engine_mod
from newsdelta.core.diff import sentences as sentences_mod
from newsdelta.core.diff.engine import STAGES
from newsdelta.core.diff.tokens import clear_key_cache
from newsdelta.core.model import ArticleText

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpora" / "edits"))
import generate


def article_pair(words: int = 2000) -> tuple[ArticleText, ArticleText]:
    """A ~2,000-word article and a new version with a few typical edits."""
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


CLOCKS = {"wall": time.perf_counter, "cpu": time.thread_time}


def use_clock(name: str) -> None:
    """Make the engine's stage clock (and ours) wall-clock or CPU time."""
    global clock
    clock = CLOCKS[name]
    engine_mod.perf_counter = clock  # type: ignore[attr-defined]


clock = time.perf_counter


def with_hard_paragraphs(art: ArticleText) -> ArticleText:
    """The same article with "U.S." in about one paragraph in five.

    An abbreviation sends a paragraph to pysbd (the fast path only takes
    paragraphs whose split it knows exactly), so this shows a cold diff of
    copy heavy with abbreviations. Chosen by text, so both versions agree.
    """

    def harden(p: str) -> str:
        return p.replace(" the ", " the U.S. ", 1) if zlib.crc32(p.encode()) % 5 == 0 else p

    return ArticleText(title=art.title, standfirst=art.standfirst,
                       paragraphs=tuple(harden(p) for p in art.paragraphs))


def timed(old: ArticleText, new: ArticleText, *, cold: bool) -> dict[str, float]:
    """One diff: milliseconds per stage plus "total"."""
    if cold:
        sentences_mod.clear_cache()
        clear_key_cache()
    timings: dict[str, float] = {}
    t0 = clock()
    diff_articles(old, new, timings=timings)
    total = clock() - t0
    out = {k: v * 1000 for k, v in timings.items()}
    out["total"] = total * 1000
    return out


def medians(old: ArticleText, new: ArticleText, *, cold: bool, runs: int) -> dict[str, float]:
    samples = [timed(old, new, cold=cold) for _ in range(runs)]
    return {k: statistics.median(s.get(k, 0.0) for s in samples) for k in (*STAGES, "total")}


def row(name: str, ms: dict[str, float], width: int = 46) -> str:
    cells = " ".join(f"{ms.get(k, 0.0):9.2f}" for k in (*STAGES, "total"))
    return f"  {name:<{width}} {cells}"


def header(title: str, width: int = 46) -> str:
    return f"  {title:<{width}} " + " ".join(f"{k:>9}" for k in (*STAGES, "total"))


def stages(old: ArticleText, new: ArticleText) -> None:
    words = sum(len(p.split()) for p in old.paragraphs)
    paragraphs = set(old.paragraphs) | set(new.paragraphs)
    easy = sum(sentences_mod._split_easy(p) is not None for p in paragraphs)
    print(f"2,000-word pair: {words} words, {len(old.paragraphs)} paragraphs, a few edits; "
          f"{easy}/{len(paragraphs)} distinct paragraphs on the splitter's fast path")
    timed(old, new, cold=False)  # warm up imports and caches
    hard_old, hard_new = with_hard_paragraphs(old), with_hard_paragraphs(new)
    hard = sum(sentences_mod._split_easy(p) is None for p in hard_old.paragraphs)
    print(f"  (the abbreviation-heavy variant has {hard}/{len(hard_old.paragraphs)} "
          "paragraphs needing pysbd)")
    for name in CLOCKS:
        use_clock(name)
        print(header(f"median ms, {name}"))
        print(row("warm splitter cache (tracker's usual case)",
                  medians(old, new, cold=False, runs=300)))
        print(row("cold splitter cache (first diff)", medians(old, new, cold=True, runs=150)))
        print(row("cold, 1 paragraph in 5 with \"U.S.\" (pysbd)",
                  medians(hard_old, hard_new, cold=True, runs=50)))
    use_clock("wall")

    def pysbd_all() -> float:
        t0 = time.perf_counter()
        for p in paragraphs:
            sentences_mod._split_pysbd(p)
        return (time.perf_counter() - t0) * 1000

    print(f"  for reference, pysbd on every paragraph (the old cold path): "
          f"{statistics.median(pysbd_all() for _ in range(5)):.1f} ms")
    diff = diff_articles(old, new)
    print(f"  labels: {', '.join(diff.label_ids)}; significance {diff.significance}")


def pathological() -> None:
    print("pathological inputs (one run each, cold cache; limit 1,000 ms):")
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
        ("two different 10,000-paragraph texts", ArticleText("t", paragraphs=lines), ArticleText("t", paragraphs=other)),
        ("two different 1 MB paragraphs", ArticleText("t", paragraphs=(big,)), ArticleText("t", paragraphs=(" ".join(reversed(big.split(". "))),))),
    ]
    print(header("ms, wall clock"))
    for name, a, b in cases:
        ms = timed(a, b, cold=True)
        print(row(name, ms))
        print(f"    fallback: {diff_articles(a, b).fallback or '-'}")


if __name__ == "__main__":
    old, new = article_pair()
    stages(old, new)
    pathological()
