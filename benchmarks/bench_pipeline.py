"""Per-stage cost of a check and checks per second per core, against the newsroom.

Paths measured (all through the real ``pipeline.check`` and a real SQLite store):

* ``304``        conditional GET answered Not Modified;
* ``identical``  200 with byte-identical body (ends at the raw-body hash);
* ``chrome``     200 whose page chrome changed but whose article did not (extracted);
* ``edit``       200 with a real edit (extracted, versioned, diffed, labelled, stored).

CPU is measured with ``time.thread_time()`` on the tracker's thread only. The
newsroom runs in its own process (as a real site would), so neither its CPU nor
its competition for the GIL is counted. Run: ``python benchmarks/bench_pipeline.py [--articles N]``.
Also reports memory of a pass with 1,000 / 10,000 / 100,000 tracked articles
(``--memory``).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import resource
import statistics
import tempfile
import time
import tracemalloc
from datetime import timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from newsdelta.clock import frozen_clock
from newsdelta.core.diff import diff_articles
from newsdelta.core.diff.summary import summarize_edit
from newsdelta.core.normalize import article_fingerprint, raw_body_hash
from newsdelta.extract import extract_article
from newsdelta.fetch import Fetcher
from newsdelta.newsroom import DEFAULT_START, chrome_scenario, start_in_thread
from newsdelta.pipeline import CheckContext
from newsdelta.runner.embedded import PassSummary, check_due, run_pass
from newsdelta.runner.heap import freeze_long_lived_heap
from newsdelta.settings import Settings, load_settings
from newsdelta.store import open_store

PROFILE_PATH: str | None = None
PROFILE_SORT = "tottime"
PROFILE_CALLEES = ""
PROFILE_OUT: str | None = None
PATHS = ("304", "identical", "chrome", "edit")
STAGE_CPU = {"extraction": 0.0, "diff": 0.0, "extraction_frees": 0.0}
STORE_STAGES = ("previous_versions", "record_checks", "compress_raw", "compress_text",
                "search_index")
"""Store stages timed inside a pass (nested: record_checks includes the three after it)."""
STAGE_CPU.update(dict.fromkeys(STORE_STAGES, 0.0))


def _timed(real: Any, stage: str) -> Any:
    """Wrap a pipeline stage to add up its CPU inside the measured passes."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return real(*args, **kwargs)
        finally:
            STAGE_CPU[stage] += time.thread_time() - start

    return wrapper


def settings_for(tmp: Path) -> Settings:
    return load_settings(
        env={
            "NEWSDELTA_DB": str(tmp / "bench.sqlite"),
            "NEWSDELTA_ALLOW_PRIVATE": "1",
            "NEWSDELTA_PER_HOST_DELAY_S": "0",
            "NEWSDELTA_PER_HOST_CONCURRENCY": "16",
            "NEWSDELTA_GLOBAL_CONCURRENCY": "64",
        }
    )


async def timed_pass(ctx_args: tuple[Any, ...], urls: list[str]) -> tuple[float, dict[str, Any]]:
    """CPU of one pass. With ``urls=[]`` only the scheduler path runs (articles due now).

    The summary gains ``extraction_cpu``: the part of the pass spent in the extractor.
    """
    settings, store, now = ctx_args
    STAGE_CPU.update(dict.fromkeys(STAGE_CPU, 0.0))
    async with Fetcher(settings) as fetcher:
        ctx = CheckContext(settings, store, fetcher, frozen_clock(now))
        start = time.thread_time()
        if urls:
            summary = await run_pass(ctx, urls)
        else:
            summary = PassSummary()
            await check_due(ctx, summary)
        cpu = time.thread_time() - start
    result = summary.to_dict()
    result["extraction_cpu"] = STAGE_CPU["extraction"]
    result["diff_cpu"] = STAGE_CPU["diff"]
    result["stage_cpu"] = dict(STAGE_CPU)
    return cpu, result


async def discover(ctx_args: tuple[Any, ...]) -> None:
    settings, store, now = ctx_args
    async with Fetcher(settings) as fetcher:
        await run_pass(CheckContext(settings, store, fetcher, frozen_clock(now)))


async def fetch_only(settings: Settings, urls: list[str], etags: dict[str, str | None]) -> float:
    async with Fetcher(settings) as fetcher:
        start = time.thread_time()
        await asyncio.gather(*(fetcher.fetch(u, etag=etags.get(u)) for u in urls))
        return (time.thread_time() - start) / len(urls)


def measured(path: str, ctx_args: tuple[Any, ...]) -> tuple[float, dict[str, Any]]:
    """One timed pass of ``path``; under ``--profile PATH`` also cProfiled (thread CPU)."""
    if PROFILE_PATH != path:
        return asyncio.run(timed_pass(ctx_args, []))
    import cProfile
    import pstats

    profiler = cProfile.Profile(time.thread_time)
    profiler.enable()
    result = asyncio.run(timed_pass(ctx_args, []))
    profiler.disable()
    if PROFILE_OUT:
        profiler.dump_stats(PROFILE_OUT)
    stats = pstats.Stats(profiler).sort_stats(PROFILE_SORT)
    stats.print_stats(70)
    if PROFILE_CALLEES:
        stats.print_callees(PROFILE_CALLEES)
    return result


def median_ms(func: Any, repeat: int = 30) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def lengthen(newsroom: Any, factor: int) -> None:
    """Make every article ``factor`` times longer (a 144-word story becomes ~900 words),
    closer to the 100 KB / 1,000-word pages DESIGN §5 measured."""
    openers = ("", "Moreover, ", "In addition, ", "Separately, ", "Meanwhile, ", "Elsewhere, ")
    for article in newsroom.articles():
        first = article.versions[0]
        paragraphs = tuple(
            f"{openers[i % len(openers)]}{p[0].lower()}{p[1:]}" if i else p
            for i in range(factor)
            for p in first.paragraphs
        )
        article.add_version(first.at + timedelta(seconds=1), paragraphs=paragraphs)


def edit_all(newsroom: Any, at: Any) -> None:
    """One real edit per article: a word changed and a sentence added mid-article."""
    for i, article in enumerate(newsroom.articles()):
        paragraphs = list(article.versions[-1].paragraphs)
        middle = len(paragraphs) // 2
        paragraphs[middle] = paragraphs[middle].replace(" the ", " a ", 1) + f" Update {i}."
        article.add_version(at, paragraphs=tuple(paragraphs))


def _serve_newsroom(conn: Connection, n: int, factor: int, chrome_kb: int) -> None:
    """The newsroom's process: build the scenario, serve it, obey commands on ``conn``.

    A separate process, as a real site is: the pages it renders do not compete with
    the tracker for the GIL, so the tracker thread's CPU is the tracker's alone.
    """
    newsroom = chrome_scenario(n, start=DEFAULT_START, validators=True)
    newsroom.heavy_chrome_kb = chrome_kb
    if factor > 1:
        lengthen(newsroom, factor)
    outlet = next(iter(newsroom.outlets))
    newsroom.outlets[outlet].feed_limit = n + 10
    server = start_in_thread(newsroom, host="127.0.0.1")
    conn.send((outlet, server.feed_url(outlet)))
    while True:
        command, value = conn.recv()
        if command == "stop":
            server.stop()
            conn.send(None)
            return
        if command == "clock":
            newsroom.clock.set(value)
        elif command == "edit":
            edit_all(newsroom, value)
        else:
            setattr(newsroom, command, value)
        conn.send(None)


class RemoteNewsroom:
    """Drives the newsroom process: ``set("validators", False)``, ``clock(now)``, ..."""

    def __init__(self, n: int, factor: int, chrome_kb: int) -> None:
        context = multiprocessing.get_context("fork")  # before any thread is started
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve_newsroom, args=(child, n, factor, chrome_kb), daemon=True)
        self._process.start()
        self.outlet, self.feed_url = self._conn.recv()

    def _do(self, command: str, value: Any = None) -> None:
        self._conn.send((command, value))
        self._conn.recv()

    def set(self, attr: str, value: bool) -> None:
        self._do(attr, value)

    def clock(self, now: Any) -> None:
        self._do("clock", now)

    def edit_all(self, at: Any) -> None:
        self._do("edit", at)

    def stop(self) -> None:
        self._do("stop")
        self._process.join(timeout=10)


def run_paths(n: int, factor: int = 1, repeat: int = 3, chrome_kb: int = 0) -> None:
    newsroom = RemoteNewsroom(n, factor, chrome_kb)
    tmp = Path(tempfile.mkdtemp(prefix="nd-bench-"))
    settings = settings_for(tmp)
    store = open_store(settings)
    store.add_source(newsroom.outlet, [(newsroom.feed_url, "feed")], DEFAULT_START)
    now = DEFAULT_START + timedelta(minutes=1)
    newsroom.clock(now)
    asyncio.run(discover((settings, store, now)))  # discover + first versions
    freeze_long_lived_heap()  # as `newsdelta run` does after its first pass
    urls = [a.url for a in store.list_articles(limit=n + 10)]
    assert len(urls) == n, len(urls)
    results: dict[str, list[tuple[float, dict[str, Any]]]] = {p: [] for p in PATHS}
    ctx = (settings, store)

    def due_again() -> tuple[Any, ...]:
        nonlocal now
        now += timedelta(days=1)  # everything is due again
        newsroom.clock(now)
        return (*ctx, now)

    # Each path is measured ``repeat`` times; the machine is shared, so the best pass
    # (least disturbed) and the median are both printed, as timeit does.
    for _ in range(repeat):
        results["304"].append(measured("304", due_again()))
    newsroom.set("validators", False)
    newsroom.set("static_chrome", True)
    asyncio.run(timed_pass(due_again(), []))  # records the static bytes' hash
    for _ in range(repeat):
        results["identical"].append(measured("identical", due_again()))
    newsroom.set("static_chrome", False)
    for _ in range(repeat):
        results["chrome"].append(measured("chrome", due_again()))
    for _ in range(repeat):
        newsroom.edit_all(now + timedelta(minutes=30))
        results["edit"].append(measured("edit", due_again()))

    print(f"\n== check paths, {n} articles x{factor} length, +{chrome_kb} KB chrome, tracker thread CPU only, "
          f"best / median of {repeat} passes ==")
    print(f"{'path':<10} {'ms/check':>15} {'checks/s/core':>15}  outcome")
    for path, runs in results.items():
        per = sorted(cpu / summary["checked"] * 1000 for cpu, summary in runs)
        best, median = per[0], statistics.median(per)
        outcome = dict(runs[-1][1]["by_result"])
        print(f"{path:<10} {best:>6.3f} / {median:<6.3f} {1000 / best:>6.0f} / {1000 / median:<6.0f}  {outcome}")

    # Per-stage costs on one representative page.
    sample_url = urls[0]
    page = asyncio.run(_one_page(settings, sample_url))
    text = extract_article(page.text or "", page.final_url)
    _prev_meta, prev_text = store.version_text(store.find_article(sample_url).id, 1)
    fetch_304 = asyncio.run(fetch_only(settings, urls[:200], {}))
    stages = {
        "fetch 200 (aiohttp, decode)": fetch_304 * 1000,
        "raw body hash (xxh3)": median_ms(lambda: raw_body_hash(page.body), 200),
        "extraction (trafilatura)": median_ms(lambda: extract_article(page.text or "", page.final_url)),
        "fingerprint": median_ms(lambda: article_fingerprint(text), 200),
        "diff + labels (full, as the views)": median_ms(lambda: diff_articles(prev_text, text)),
        "summary (edit, as checks store it)": median_ms(lambda: summarize_edit(prev_text, text)),
    }
    print(f"\n== per-stage medians on one {len(page.body) / 1024:.0f} KiB page ({text.word_count} words) ==")
    for name, ms in stages.items():
        print(f"{name:<32} {ms:>8.3f} ms")
    print_cache_effect(store, page, [store.find_article(u).id for u in urls[:100]])
    for path in ("chrome", "edit"):
        print(f"{path}: everything but extraction, as a share of extraction (best / median):")
        shares = []
        for cpu, summary in results[path]:
            extraction, diff = summary["extraction_cpu"], summary["diff_cpu"]
            frees = summary["stage_cpu"]["extraction_frees"]
            per_check = 1000 / summary["checked"]
            shares.append(((cpu - extraction) / extraction, (cpu - extraction - diff) / extraction,
                           extraction * per_check, (cpu - extraction) * per_check, diff * per_check,
                           frees * per_check, (cpu - extraction - frees) / (extraction + frees)))
        shares.sort()
        best, median = shares[0], shares[len(shares) // 2]
        for name, row in (("best", best), ("median", median)):
            print(f"  {name:<6} extraction {row[2]:.3f} ms/check; everything else {row[3]:.3f} ms "
                  f"= {row[0]:.0%} (edit summary {row[4]:.3f} ms; without it {row[1]:.0%}); "
                  f"of it, the extractor's deferred frees {row[5]:.3f} ms: "
                  f"counted as extraction, {row[6]:.0%}")
        # Every pass, so the spread the shared machine adds is visible next to best and median.
        print("  every pass: " + " ".join(f"{row[0]:.1%}" for row in shares)
              + "; frees as extraction: " + " ".join(f"{row[6]:.1%}" for row in shares))
        stage_runs = [summary["stage_cpu"] for _cpu, summary in results[path]]
        checked = results[path][0][1]["checked"]
        parts = ", ".join(
            f"{name} {statistics.median(r[name] for r in stage_runs) / checked * 1000:.3f}"
            for name in STORE_STAGES
        )
        print(f"  store stages, median ms/check: {parts}")
    print_edit_budget(results)
    newsroom.stop()
    store.close()


def _median_ms(runs: list[tuple[float, dict[str, Any]]], part: str) -> float:
    """Median over passes of ``part`` ("extraction" or "rest") in ms per check."""
    values = []
    for cpu, summary in runs:
        extraction = summary["extraction_cpu"]
        values.append((extraction if part == "extraction" else cpu - extraction) / summary["checked"])
    return statistics.median(values) * 1000


def print_edit_budget(results: dict[str, list[tuple[float, dict[str, Any]]]]) -> None:
    """What the 20% target leaves for an edit's own work, next to what that work costs.

    A chrome-only check and an edit fetch, hash, extract and fingerprint the same
    page; the edit then reads the previous version, summarises the change and
    writes the new version. So the edit's own work is the difference of the two
    paths' non-extraction costs, and the target leaves it 20% of extraction
    minus what the chrome-only check already spends outside extraction.
    """
    extraction = _median_ms(results["edit"], "extraction")
    budget = 0.2 * extraction
    shared = _median_ms(results["chrome"], "rest")
    own = _median_ms(results["edit"], "rest") - shared
    print(f"edit budget (medians): 20% of extraction = {budget:.3f} ms; a chrome-only check "
          f"spends {shared:.3f} ms outside extraction; that leaves {budget - shared:.3f} ms for "
          f"the edit's own work (previous version, summary, write), which costs {own:.3f} ms")


def print_cache_effect(store: Any, page: Any, article_ids: list[int]) -> None:
    """One store read, alone and right after an extraction, as it runs in a check.

    Extracting a 150 KB page walks megabytes of memory (lxml trees, trafilatura's
    passes) and evicts the CPU caches; whatever runs next (SQLAlchemy, SQLite, the
    diff) starts cold. Reading 8 MB of memory (a C loop, no Python objects made) has
    the same effect, which shows it is the CPU caches, not Python's allocator or GC.
    """
    scratch = bytearray(8_000_000)

    def touch() -> None:
        scratch.count(1)  # reads every byte through the caches

    def median_after(before: Any) -> float:
        samples = []
        for article_id in article_ids:
            before()
            start = time.thread_time()
            store.previous_version(article_id, "")
            samples.append(time.thread_time() - start)
        return statistics.median(samples) * 1000

    alone = median_after(lambda: None)
    after_extraction = median_after(lambda: extract_article(page.text or "", page.final_url))
    after_touch = median_after(touch)
    print(f"previous_version (one SELECT): {alone:.3f} ms alone, {after_extraction:.3f} ms right after "
          f"an extraction, {after_touch:.3f} ms after reading 8 MB (CPU caches flushed)")


async def _one_page(settings: Settings, url: str) -> Any:
    async with Fetcher(settings) as fetcher:
        return await fetcher.fetch(url)


def run_memory(sizes: list[int]) -> None:
    """Peak Python memory of a pass when N articles are tracked and 300 are due."""
    print("\n== memory of one pass vs tracked articles (300 due each time) ==")
    newsroom = chrome_scenario(300, start=DEFAULT_START, validators=True)
    server = start_in_thread(newsroom, host="127.0.0.1")
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="nd-mem-"))
        settings = settings_for(tmp)
        store = open_store(settings)
        live = [server.url_for(a) for a in newsroom.articles()]
        filler = ((f"https://filler.example/{i}", None, None) for i in range(n - len(live)))
        store.track_many(((u, None, None) for u in live), DEFAULT_START, source_id=None)
        store.track_many(filler, DEFAULT_START + timedelta(days=3650), source_id=None)  # not due
        gc.collect()
        tracemalloc.start()
        _cpu, summary = asyncio.run(timed_pass((settings, store, DEFAULT_START + timedelta(minutes=1)), []))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>8} tracked: checked {summary['checked']}, peak traced {peak / 1e6:6.1f} MB, max RSS {rss:6.0f} MB")
        store.close()
    server.stop()


FREES_PROBE_BYTES = 8192
"""Past glibc's small-bin sizes: the first such malloc consolidates the fast bins."""


def _extraction_then_its_frees(real: Any) -> Any:
    """Time the extractor, then (as ``extraction_frees``) the first sizeable allocation after it.

    When ``extract_article`` returns, lxml frees its parse tree: thousands of
    small chunks that glibc parks in its fast bins and only consolidates at the
    next allocation of 1 KiB or more, whoever makes it. Right after an
    extraction of the 151 KiB page that one allocation cost 0.2-0.3 ms until
    the page chrome was deleted before trafilatura copies the tree; since then
    about 0.03 ms, and about 1 µs at any other time. Making it here, timed on
    its own, moves no work (the consolidation is done once either way) but shows the share it takes, so the report can give
    the non-extraction share both as measured and with the extractor's own
    memory bookkeeping counted as extraction.
    """

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return real(*args, **kwargs)
        finally:
            extracted = time.thread_time()
            STAGE_CPU["extraction"] += extracted - start
            bytearray(FREES_PROBE_BYTES)
            STAGE_CPU["extraction_frees"] += time.thread_time() - extracted

    return wrapper


def install_stage_timers() -> None:
    from newsdelta import pipeline
    from newsdelta.store import blobs, repository, search

    pipeline.extract_article = _extraction_then_its_frees(pipeline.extract_article)  # type: ignore[assignment]
    pipeline.summarize_edit = _timed(pipeline.summarize_edit, "diff")  # type: ignore[assignment]
    store_class = repository.Store
    for name in ("previous_versions", "record_checks"):
        setattr(store_class, name, _timed(getattr(store_class, name), name))
    blobs.compress_raw = _timed(blobs.compress_raw, "compress_raw")  # type: ignore[assignment]
    blobs.compress_text = _timed(blobs.compress_text, "compress_text")  # type: ignore[assignment]
    search.index_versions = _timed(search.index_versions, "search_index")  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="passes per path (best and median)")
    parser.add_argument(
        "--length", type=int, default=1, help="make articles N times longer (6 = ~900 words)"
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument(
        "--chrome-kb", type=int, default=0,
        help="add ~N KB of static page weight per article page, as real sites (100-500 KB) have",
    )
    parser.add_argument(
        "--profile", choices=("304", "identical", "chrome", "edit"), help="cProfile one path's pass"
    )
    parser.add_argument("--profile-sort", default="tottime", help="pstats sort key (tottime, cumtime)")
    parser.add_argument("--profile-callees", default="", help="also print callees of functions matching this")
    parser.add_argument("--profile-out", default=None, help="also save the profile (pstats file) here")
    args = parser.parse_args()
    global PROFILE_PATH, PROFILE_SORT, PROFILE_CALLEES, PROFILE_OUT
    PROFILE_PATH, PROFILE_SORT, PROFILE_CALLEES = args.profile, args.profile_sort, args.profile_callees
    PROFILE_OUT = args.profile_out
    install_stage_timers()
    run_paths(args.articles, args.length, args.repeat, args.chrome_kb)
    if args.memory:
        run_memory([int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
