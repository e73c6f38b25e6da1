"""Benchmark of the copies index: insert and query cost, memory, semantic stage cost.

    python benchmarks/bench_copies.py --n 1000000 [--batch 200] [--repo sqlite|memory] [--semantic 30]

Synthetic articles: 8-14 paragraphs of 40-70 words drawn from a Zipf-like
vocabulary of 20,000 words (so stock words repeat like real news), and every
tenth article a copy of an earlier one with chrome and debris (so verification
work is included). Words are drawn with numpy in one call per article so that a
million articles can be generated in minutes; generation is not timed.

Every checkpoint (``--every``, 100,000 by default) prints the insert cost over
the *last 10,000* inserts (to see whether it degrades with size), the process
RSS and the database size. At the end: query p50/p95/p99 on planted copies of
articles sampled from the whole index (and on fresh, unrelated articles), the
share of planted copies found, and sizes per million articles. ``--batch`` is
the number of articles per transaction (``CopyIndex.batch``); ``--batch 1`` is
one commit per article, as the pipeline does. Never asserted by tests.
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
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsdelta.copies.index import CopyIndex
from newsdelta.copies.memory_repo import MemoryCopiesRepository
from newsdelta.copies.model import IndexedDoc
from newsdelta.store.copies_tables import SqlCopiesRepository, define_copies_tables

T0 = datetime(2024, 1, 1, tzinfo=UTC)


class Articles:
    """Deterministic synthetic articles; every tenth a copy of a recent original."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(1)  # the vocabulary's words: the same for every seed
        self.np = np.random.default_rng(seed)
        syl = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "da", "gu", "be", "xo", "fi"]
        vocab = list({"".join(self.rng.choices(syl, k=self.rng.randint(1, 4))) for _ in range(40000)})[:20000]
        if seed != 1:
            self.rng = random.Random(seed)  # a resumed run's own stream of articles
        self.vocab = np.array(vocab, dtype=object)
        w = 1.0 / np.arange(1, len(vocab) + 1)
        self.cum = np.cumsum(w / w.sum())
        self.made: list[IndexedDoc] = []

    def _paragraphs(self, n: int) -> tuple[str, ...]:
        lengths = self.np.integers(40, 71, size=n)
        idx = np.searchsorted(self.cum, self.np.random(int(lengths.sum())))
        idx = np.minimum(idx, len(self.vocab) - 1)
        words = self.vocab[idx].tolist()
        out: list[str] = []
        pos = 0
        for k in lengths.tolist():
            ws = words[pos : pos + k]
            pos += k
            # sentences of 9-20 words
            cut = 0
            parts = []
            while cut < k:
                step = int(self.np.integers(9, 21))
                sent = " ".join(ws[cut : cut + step])
                parts.append(sent[0].upper() + sent[1:] + ".")
                cut += step
            out.append(" ".join(parts))
        return tuple(out)

    def original(self, aid: int) -> IndexedDoc:
        when = T0 + timedelta(minutes=aid)
        pars = self._paragraphs(self.rng.randint(8, 14) + 1)
        return IndexedDoc(aid, aid, f"outlet{aid % 50}", f"https://o{aid % 50}.example/{aid}",
                          pars[0][:80], pars[1:], when, when)

    @staticmethod
    def copy_of(src: IndexedDoc, aid: int) -> IndexedDoc:
        when = T0 + timedelta(minutes=aid)
        pars = ("Share this article", *src.paragraphs, "Source link -87")
        return IndexedDoc(aid, aid, f"outlet{aid % 50}", f"https://o{aid % 50}.example/{aid}",
                          src.title, pars, when, when)

    def next(self, aid: int) -> IndexedDoc:
        if self.made and aid % 10 == 0:
            return self.copy_of(self.rng.choice(self.made[-5000:]), aid)
        d = self.original(aid)
        self.made.append(d)
        if len(self.made) > 10000:  # copies come from the last 5,000
            del self.made[:5000]
        return d


def sqlite_repo(path: Path, merge_at: int = 131_072) -> SqlCopiesRepository:
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
    return SqlCopiesRepository(engine, tables, merge_at=merge_at)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def lsh_state(repo: object) -> str:
    """Entries and bytes of the in-memory LSH base (SQL repository only)."""
    index = repo.mirror.index if isinstance(repo, SqlCopiesRepository) else None
    if index is None:
        return "lsh not loaded"
    return f"lsh {len(index):,} keys, {index.base_nbytes / 2**20:.0f} MB, {index.merges} merges"


def batches(first: int, n: int, size: int) -> Iterator[range]:
    for start in range(first, n + 1, size):
        yield range(start, min(n, start + size - 1) + 1)


def resume_state(repo: SqlCopiesRepository, queries: int) -> tuple[int, int, list[IndexedDoc]]:
    """For ``--resume``: the last article id, the originals indexed, and a uniform sample
    of them rebuilt from their stored (cleaned) text, for the final queries."""
    d = repo.t.docs
    with repo.engine.connect() as conn:
        last = int(conn.execute(sa.select(sa.func.max(d.c.article_id))).scalar_one() or 0)
    originals = last - last // 10
    rng = random.Random(5)
    ids = [i for i in rng.sample(range(1, last + 1), min(last, queries * 2)) if i % 10][:queries]
    sample = [IndexedDoc(r.article_id, r.version_id, r.outlet, r.url, r.title, r.paragraphs,
                         r.first_seen, r.published) for r in repo.get_docs(ids).values()]
    return last, originals, sample


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--repo", choices=["sqlite", "memory"], default="sqlite")
    ap.add_argument("--batch", type=int, default=200, help="articles per transaction (1 = commit each)")
    ap.add_argument("--every", type=int, default=100_000, help="checkpoint interval")
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--semantic", type=int, default=0, help="articles to time with the real model")
    ap.add_argument("--db", type=str, default="")
    ap.add_argument("--merge-at", type=int, default=131_072, help="in-memory LSH buffer size (keys)")
    ap.add_argument("--resume", action="store_true",
                    help="continue inserting into --db after its last article (a restart: the first "
                         "insert loads the LSH index from the table)")
    ap.add_argument("--max-minutes", type=float, default=0.0,
                    help="stop inserting after this long (then query and report what was indexed)")
    args = ap.parse_args()

    tmp = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "copies.db"
    repo = sqlite_repo(tmp, args.merge_at) if args.repo == "sqlite" else MemoryCopiesRepository()
    idx = CopyIndex(repo)
    first, seen_originals, sample = 1, 0, []  # sample: originals across the whole index
    if args.resume:
        assert isinstance(repo, SqlCopiesRepository), "--resume needs --repo sqlite and --db"
        last, seen_originals, sample = resume_state(repo, args.queries)
        first = last + 1
        t = time.perf_counter()
        repo.candidates(np.zeros(1, dtype=np.uint64), -1, 1)  # the restart's load
        print(f"resumed after article {last:,}: loading the LSH index took "
              f"{time.perf_counter() - t:.1f} s ({lsh_state(repo)}); RSS {rss_mb():.0f} MB", flush=True)
    gen = Articles(seed=first)  # a fresh stream: a resumed run must not repeat old texts
    every = min(args.every, max(1, args.n // 5))
    print(f"repo {args.repo}, n {args.n:,}, batch {args.batch}, db {tmp if args.repo == 'sqlite' else '-'}",
          flush=True)
    add_ms: list[float] = []
    srng = random.Random(3)
    copies_found = 0
    gen_s = 0.0
    gen_cpu = 0.0
    t_start = time.perf_counter()
    cpu_start = time.process_time()
    cpu_mark, gen_mark, n_mark = cpu_start, 0.0, first - 1
    for rng_ids in batches(first, args.n, args.batch):
        t, c = time.perf_counter(), time.process_time()
        docs = [gen.next(aid) for aid in rng_ids]
        gen_s += time.perf_counter() - t
        gen_cpu += time.process_time() - c
        t_batch = time.perf_counter()
        with idx.batch() if args.batch > 1 else nullcontext():
            for d in docs:
                t = time.perf_counter()
                found = idx.add(d, is_new=True)
                add_ms.append((time.perf_counter() - t) * 1000)
                copies_found += bool(found) and d.article_id % 10 == 0
        # the batch's commit belongs to its articles: spread it over them
        commit_ms = (time.perf_counter() - t_batch) * 1000 - sum(add_ms[-len(docs):])
        for i in range(len(add_ms) - len(docs), len(add_ms)):
            add_ms[i] += commit_ms / len(docs)
        for d in docs:
            if d.article_id % 10:
                seen_originals += 1
                if len(sample) < args.queries:
                    sample.append(d)
                elif (j := srng.randrange(seen_originals)) < args.queries:
                    sample[j] = d
        done = rng_ids[-1]
        out_of_time = bool(args.max_minutes) and time.perf_counter() - t_start > args.max_minutes * 60
        if done % every < len(docs) or done == args.n or out_of_time:
            last = add_ms[-10_000:]
            size = db_bytes(tmp) if args.repo == "sqlite" else 0
            now_cpu = time.process_time()
            cpu_ms = (now_cpu - cpu_mark - (gen_cpu - gen_mark)) / (done - n_mark) * 1000
            cpu_mark, gen_mark, n_mark = now_cpu, gen_cpu, done
            print(f"  {done:>9,} articles, {time.perf_counter() - t_start:6.0f} s: last 10k add mean "
                  f"{statistics.fmean(last):.2f} ms, p50 {pct(last, 0.5):.2f}, p95 {pct(last, 0.95):.2f}, "
                  f"max {max(last):.0f}; CPU since last line {cpu_ms:.2f} ms/article; "
                  f"RSS {rss_mb():.0f} MB; {lsh_state(repo)}; "
                  f"db {size / 2**20:.0f} MB ({size / done:.0f} B/article)", flush=True)
            del add_ms[:-10_000]
        if out_of_time:
            print(f"  time budget of {args.max_minutes:g} min spent: stopping at {done:,} articles", flush=True)
            args.n = done
            break
    inserted = args.n - first + 1
    wall = time.perf_counter() - t_start - gen_s
    cpu = time.process_time() - cpu_start - gen_cpu

    prep_ms: list[float] = []
    for d in sample[:200]:
        t = time.perf_counter()
        idx.prepare(d)
        prep_ms.append((time.perf_counter() - t) * 1000)
    q_copy: list[float] = []
    hits = 0
    for k, src in enumerate(sample):
        d = Articles.copy_of(src, args.n + 1 + k)
        t = time.perf_counter()
        res = idx.query(d)
        q_copy.append((time.perf_counter() - t) * 1000)
        hits += any(m.article_id == src.article_id for m in res)
    q_fresh: list[float] = []
    for k in range(len(sample)):
        d = gen.original(args.n + 100_000 + k)
        t = time.perf_counter()
        idx.query(d)
        q_fresh.append((time.perf_counter() - t) * 1000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"repo: {args.repo}, articles: {args.n:,} ({inserted:,} inserted by this run), insert wall {wall:.0f} s "
          f"({wall / inserted * 1000:.2f} ms/article incl. commits; CPU {cpu / inserted * 1000:.2f} ms/article: "
          f"wall minus CPU is I/O and waiting for a core), generation {gen_s:.0f} s")
    print(f"  of which clean+sketch (prepare): mean {statistics.fmean(prep_ms):.2f} ms")
    print(f"query, planted copies of articles across the index: p50 {pct(q_copy, 0.5):.2f} ms, "
          f"p95 {pct(q_copy, 0.95):.2f}, p99 {pct(q_copy, 0.99):.2f}; found {hits} of {len(sample)}")
    print(f"query, fresh unrelated articles: p50 {pct(q_fresh, 0.5):.2f} ms, p95 {pct(q_fresh, 0.95):.2f}, "
          f"p99 {pct(q_fresh, 0.99):.2f}")
    print(f"planted copies found at insert: {copies_found:,} of {args.n // 10 - (first - 1) // 10:,}")
    print(f"RSS now {rss_mb():.0f} MB, peak {peak:.0f} MB")
    print(lsh_state(repo))
    if isinstance(repo, SqlCopiesRepository):
        size = db_bytes(tmp)
        print(f"database: {size / 2**20:.0f} MB = {size / args.n:.0f} bytes/article "
              f"= {size / args.n * 1e6 / 2**30:.2f} GB per million")
        # A restart: a new repository over the same file loads the buckets on first use.
        rss0 = rss_mb()
        index = repo.mirror.index
        repo.mirror.invalidate()
        del index
        again = sqlite_repo(tmp, args.merge_at)
        t = time.perf_counter()
        res = CopyIndex(again).query(Articles.copy_of(sample[0], args.n + 10**7))
        first_ms = (time.perf_counter() - t) * 1000
        print(f"restart: first query {first_ms:.0f} ms, of which loading the LSH index "
              f"{again.mirror.load_seconds:.1f} s ({lsh_state(again)}); found the original: "
              f"{any(m.article_id == sample[0].article_id for m in res)}; "
              f"RSS {rss0:.0f} -> {rss_mb():.0f} MB, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.semantic:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from newsdelta.copies.embed import MiniLMEmbedder

        emb = MiniLMEmbedder()
        sidx = CopyIndex(MemoryCopiesRepository(), emb)
        s_ms = []
        for d in sample[: args.semantic]:
            t = time.perf_counter()
            sidx.prepare(d)
            s_ms.append((time.perf_counter() - t) * 1000)
        print(f"semantic stage (MiniLM, CPU, all sentences of one article): mean {statistics.fmean(s_ms):.0f} ms, "
              f"p95 {pct(s_ms, 0.95):.0f} ms per article")


if __name__ == "__main__":
    main()
