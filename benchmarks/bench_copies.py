"""Benchmark of the copies index: insert and query cost, memory, semantic stage cost.

    python benchmarks/bench_copies.py --n 100000 [--repo sqlite|memory] [--semantic 200]

Synthetic articles: 8-14 paragraphs of 40-70 words drawn from a Zipf-like
vocabulary of 20,000 words (so stock words repeat like real news), and every
tenth article a copy of an earlier one with chrome and debris (so verification
work is included). Prints per-stage costs; never asserted by tests.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsdelta.copies.index import CopyIndex
from newsdelta.copies.memory_repo import MemoryCopiesRepository
from newsdelta.copies.model import IndexedDoc
from newsdelta.store.copies_tables import SqlCopiesRepository, define_copies_tables

T0 = datetime(2024, 1, 1, tzinfo=UTC)


class Articles:
    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        syl = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "da", "gu", "be", "xo", "fi"]
        self.vocab = list({"".join(self.rng.choices(syl, k=self.rng.randint(1, 4))) for _ in range(40000)})[:20000]
        self.weights = [1.0 / (i + 1) for i in range(len(self.vocab))]
        self.made: list[IndexedDoc] = []

    def _paragraph(self) -> str:
        words = self.rng.choices(self.vocab, self.weights, k=self.rng.randint(40, 70))
        out, n = [], 0
        for w in words:
            n += 1
            out.append(w)
            if n > 8 and self.rng.random() < 0.08:
                out[-1] += "."
                n = 0
        s = " ".join(out).rstrip(".") + "."
        return s[0].upper() + s[1:]

    def next(self, aid: int) -> IndexedDoc:
        when = T0 + timedelta(minutes=aid)
        if self.made and aid % 10 == 0:
            src = self.rng.choice(self.made[-5000:])
            pars = ("Share this article",) + src.paragraphs + ("Source link -87",)
            title = src.title
        else:
            pars = tuple(self._paragraph() for _ in range(self.rng.randint(8, 14)))
            title = self._paragraph()[:80]
        d = IndexedDoc(aid, aid, f"outlet{aid % 50}", f"https://o{aid % 50}.example/{aid}", title, pars, when, when)
        if aid % 10 != 0:
            self.made.append(d)
            if len(self.made) > 20000:
                del self.made[:10000]
        return d


def sqlite_repo(path: Path) -> SqlCopiesRepository:
    engine = sa.create_engine(f"sqlite:///{path}")

    @sa.event.listens_for(engine, "connect")
    def _pragmas(conn: object, _rec: object) -> None:  # the store's usual SQLite settings
        cur = conn.cursor()  # type: ignore[attr-defined]
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    md = sa.MetaData()
    tables = define_copies_tables(md)
    md.create_all(engine)
    return SqlCopiesRepository(engine, tables)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--repo", choices=["sqlite", "memory"], default="sqlite")
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--semantic", type=int, default=0, help="articles to time with the real model")
    ap.add_argument("--db", type=str, default="")
    args = ap.parse_args()

    gen = Articles()
    tmp = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "copies.db"
    repo = sqlite_repo(tmp) if args.repo == "sqlite" else MemoryCopiesRepository()
    idx = CopyIndex(repo)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    add_ms: list[float] = []
    prep_ms: list[float] = []
    copies_found = 0
    t_start = time.perf_counter()
    for aid in range(1, args.n + 1):
        d = gen.next(aid)
        t = time.perf_counter()
        found = idx.add(d)
        add_ms.append((time.perf_counter() - t) * 1000)
        copies_found += bool(found) and aid % 10 == 0
        if aid % 20000 == 0:
            recent = add_ms[-20000:]
            print(f"  {aid:>9,} articles: add mean {statistics.fmean(recent):.2f} ms, p95 {pct(recent, 0.95):.2f} ms",
                  flush=True)
    wall = time.perf_counter() - t_start
    for aid in range(1, 200):
        d = gen.next(aid)
        t = time.perf_counter()
        idx.prepare(d)
        prep_ms.append((time.perf_counter() - t) * 1000)
    q_ms: list[float] = []
    rng = random.Random(7)
    for _ in range(args.queries):
        aid = args.n + rng.randint(1, 10 * args.n)
        d = gen.next(aid)
        t = time.perf_counter()
        idx.query(d)
        q_ms.append((time.perf_counter() - t) * 1000)
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"repo: {args.repo}, articles: {args.n:,}, wall {wall:.0f} s")
    print(f"add (clean+sketch+candidates+verify+write): mean {statistics.fmean(add_ms):.2f} ms, "
          f"p50 {pct(add_ms, 0.5):.2f}, p95 {pct(add_ms, 0.95):.2f}")
    print(f"  of which clean+sketch+split: mean {statistics.fmean(prep_ms):.2f} ms")
    print(f"query: p50 {pct(q_ms, 0.5):.2f} ms, p95 {pct(q_ms, 0.95):.2f} ms, p99 {pct(q_ms, 0.99):.2f} ms")
    print(f"planted copies found: {copies_found:,} of {args.n // 10:,}")
    print(f"peak RSS: {rss1 / 1024:.0f} MB (start {rss0 / 1024:.0f} MB)")
    if args.repo == "sqlite":
        size = sum(p.stat().st_size for p in tmp.parent.glob(tmp.name + "*"))
        print(f"database: {size / 2**20:.0f} MB = {size / args.n:.0f} bytes/article "
              f"= {size / args.n * 1e6 / 2**30:.2f} GB per million")
    if args.semantic:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from newsdelta.copies.embed import MiniLMEmbedder

        emb = MiniLMEmbedder()
        sidx = CopyIndex(MemoryCopiesRepository(), emb)
        s_ms = []
        for aid in range(1, args.semantic + 1):
            d = gen.next(aid)
            t = time.perf_counter()
            sidx.prepare(d)
            s_ms.append((time.perf_counter() - t) * 1000)
        print(f"semantic stage (MiniLM, CPU, all sentences of one article): mean {statistics.fmean(s_ms):.0f} ms, "
              f"p95 {pct(s_ms, 0.95):.0f} ms per article")


if __name__ == "__main__":
    main()
