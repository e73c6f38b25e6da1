"""Per-stage cost of a check and checks per second per core, against the newsroom.

Paths measured (all through the real ``pipeline.check`` and a real SQLite store):

* ``304``        conditional GET answered Not Modified;
* ``identical``  200 with byte-identical body (ends at the raw-body hash);
* ``chrome``     200 whose page chrome changed but whose article did not (extracted);
* ``edit``       200 with a real edit (extracted, versioned, diffed, labelled, stored).

CPU is measured with ``time.thread_time()`` on the tracker's thread only: the
newsroom runs in another thread of the same process, so its CPU (rendering
pages) is not counted. Run: ``python benchmarks/bench_pipeline.py [--articles N]``.
Also reports memory of a pass with 1,000 / 10,000 / 100,000 tracked articles
(``--memory``).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import statistics
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path
from typing import Any

from newsdelta.clock import frozen_clock
from newsdelta.core.diff import diff_articles
from newsdelta.core.normalize import article_fingerprint, raw_body_hash
from newsdelta.extract import extract_article
from newsdelta.fetch import Fetcher
from newsdelta.newsroom import DEFAULT_START, chrome_scenario, start_in_thread
from newsdelta.pipeline import CheckContext
from newsdelta.runner.embedded import PassSummary, check_due, run_pass
from newsdelta.settings import Settings, load_settings
from newsdelta.store import open_store


PROFILE_EDIT = False
STAGE_CPU = {"extraction": 0.0, "diff": 0.0}


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
    STAGE_CPU.update(extraction=0.0, diff=0.0)
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


def run_paths(n: int, factor: int = 1) -> None:
    newsroom = chrome_scenario(n, start=DEFAULT_START, validators=True)
    if factor > 1:
        lengthen(newsroom, factor)
    server = start_in_thread(newsroom, host="127.0.0.1")
    tmp = Path(tempfile.mkdtemp(prefix="nd-bench-"))
    settings = settings_for(tmp)
    store = open_store(settings)
    outlet = next(iter(newsroom.outlets))
    newsroom.outlets[outlet].feed_limit = n + 10
    store.add_source(outlet, [(server.feed_url(outlet), "feed")], DEFAULT_START)
    now = DEFAULT_START + timedelta(minutes=1)
    newsroom.clock.set(now)
    asyncio.run(discover((settings, store, now)))  # discover + first versions
    urls = [a.url for a in store.list_articles(limit=n + 10)]
    assert len(urls) == n, len(urls)
    results: dict[str, tuple[float, dict[str, Any]]] = {}

    now += timedelta(days=1)  # everything is due again
    newsroom.clock.set(now)
    results["304"] = asyncio.run(timed_pass((settings, store, now), []))

    newsroom.validators = False
    newsroom.static_chrome = True
    now += timedelta(days=1)  # everything is due again
    asyncio.run(timed_pass((settings, store, now), []))  # records the static bytes' hash
    now += timedelta(days=1)  # everything is due again
    results["identical"] = asyncio.run(timed_pass((settings, store, now), []))

    newsroom.static_chrome = False
    now += timedelta(days=1)  # everything is due again
    results["chrome"] = asyncio.run(timed_pass((settings, store, now), []))

    for i, article in enumerate(newsroom.articles()):
        version = article.versions[-1]
        paragraphs = list(version.paragraphs)
        paragraphs[len(paragraphs) // 2] = paragraphs[len(paragraphs) // 2].replace(" the ", " a ", 1) + f" Update {i}."
        article.add_version(now + timedelta(minutes=30), paragraphs=tuple(paragraphs))
    now += timedelta(days=1)  # everything is due again
    newsroom.clock.set(now)
    if PROFILE_EDIT:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    results["edit"] = asyncio.run(timed_pass((settings, store, now), []))
    if PROFILE_EDIT:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumtime").print_stats("newsdelta|trafilatura/core|segmenter|sqlalchemy/engine/base", 60)

    print(f"\n== check paths, {n} articles x{factor} length, tracker thread CPU only ==")
    print(f"{'path':<10} {'ms/check':>9} {'checks/s/core':>14}  outcome")
    for path, (cpu, summary) in results.items():
        per = cpu / summary["checked"] * 1000
        outcome = {k: v for k, v in summary["by_result"].items()}
        print(f"{path:<10} {per:>9.3f} {1000 / per:>14.0f}  {outcome}")

    # Per-stage costs on one representative page.
    sample_url = urls[0]
    page = asyncio.run(_one_page(settings, sample_url))
    text = extract_article(page.text or "", page.final_url)
    prev_meta, prev_text = store.version_text(store.find_article(sample_url).id, 1)
    fetch_304 = asyncio.run(fetch_only(settings, urls[:200], {}))
    stages = {
        "fetch 200 (aiohttp, decode)": fetch_304 * 1000,
        "raw body hash (xxh3)": median_ms(lambda: raw_body_hash(page.body), 200),
        "extraction (trafilatura)": median_ms(lambda: extract_article(page.text or "", page.final_url)),
        "fingerprint": median_ms(lambda: article_fingerprint(text), 200),
        "diff + labels (edit only)": median_ms(lambda: diff_articles(prev_text, text)),
    }
    print(f"\n== per-stage medians on one {len(page.body) / 1024:.0f} KiB page ({text.word_count} words) ==")
    for name, ms in stages.items():
        print(f"{name:<32} {ms:>8.3f} ms")
    for path in ("chrome", "edit"):
        cpu, summary = results[path]
        extraction, diff = summary["extraction_cpu"], summary["diff_cpu"]
        rest = cpu - extraction
        n = summary["checked"]
        print(
            f"{path}: extraction {extraction / n * 1000:.3f} ms/check; everything else "
            f"{rest / n * 1000:.3f} ms/check = {rest / extraction:.0%} of extraction "
            f"(diff+labels {diff / n * 1000:.3f} ms; without them "
            f"{(rest - diff) / extraction:.0%})"
        )
    server.stop()
    store.close()


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
        cpu, summary = asyncio.run(timed_pass((settings, store, DEFAULT_START + timedelta(minutes=1)), []))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>8} tracked: checked {summary['checked']}, peak traced {peak / 1e6:6.1f} MB, max RSS {rss:6.0f} MB")
        store.close()
    server.stop()


def install_extraction_timer() -> None:
    from newsdelta import pipeline

    pipeline.extract_article = _timed(pipeline.extract_article, "extraction")  # type: ignore[assignment]
    pipeline.diff_articles = _timed(pipeline.diff_articles, "diff")  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument(
        "--length", type=int, default=1, help="make articles N times longer (6 = ~900 words)"
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--profile-edit", action="store_true", help="cProfile the edit pass")
    args = parser.parse_args()
    global PROFILE_EDIT
    PROFILE_EDIT = args.profile_edit
    install_extraction_timer()
    run_paths(args.articles, args.length)
    if args.memory:
        run_memory([int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
