"""Web benchmark: page server times on a big SQLite store, then a loopback load test.

    python benchmarks/bench_web.py            # 100,000 articles, 300,000 versions
    python benchmarks/bench_web.py --small    # 5,000 / 15,000, for a quick run

1. Builds the database: bulk inserts through SQLAlchemy Core straight into
   the store's tables (fast), plus one 2,000-word article with three versions
   written through the store API (real compression chain, search index).
2. Median in-process server time (ASGI call, no network) of the article,
   diff, recent-changes and outlets pages, against the issue's targets.
3. A load test from a second process: uvicorn serves the app in one process,
   an aiohttp client in another hammers each page over loopback and reports
   throughput and p50/p99 latency.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout's code

TARGETS_MS = {"article": 50.0, "diff": 50.0, "recent": 30.0, "outlets": 30.0}
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def build(db: Path, n_articles: int, per_article: int) -> int:
    from sqlalchemy import insert

    from newsdelta.core.model import ArticleText
    from newsdelta.settings import load_settings
    from newsdelta.store import (
        ChangeSummary,
        CheckWrite,
        NewVersion,
        ScheduleWrite,
        blobs,
        open_store,
    )
    from newsdelta.store.schema import article_urls, articles, sources, versions

    settings = load_settings(env={"NEWSDELTA_DB": str(db), "NEWSDELTA_NOW": NOW.isoformat()})
    store = open_store(settings)
    t0 = time.perf_counter()
    outlets = 20
    small = ArticleText(title="Headline", paragraphs=("A short story about nothing much.",))
    raw = blobs.encode_text(small)
    blob = blobs.compress_text(raw, None)
    rng = random.Random(7)
    with store.engine.begin() as conn:
        conn.execute(insert(sources), [
            {"id": i + 1, "name": f"outlet{i:02d}", "created_at": NOW - timedelta(days=60)}
            for i in range(outlets)])
        chunk = 20_000
        vid = 0
        for start in range(0, n_articles, chunk):
            rows, urls, vers = [], [], []
            for aid in range(start + 1, min(n_articles, start + chunk) + 1):
                seen = NOW - timedelta(seconds=rng.randrange(30 * 86400))
                url = f"https://outlet{aid % outlets:02d}.example/story/{aid}"
                rows.append({
                    "id": aid, "source_id": aid % outlets + 1, "url": url, "title": f"Story {aid}",
                    "first_seen_at": seen, "published_at": seen, "next_check_at": NOW,
                    "interval_s": 1800.0, "consecutive_errors": 0, "retired": False,
                    "checks_count": 3, "page_state": "ok", "version_count": per_article,
                    "last_change_at": seen,
                })
                urls.append({"url": url, "article_id": aid})
                for number in range(1, per_article + 1):
                    vid += 1
                    vers.append({
                        "id": vid, "article_id": aid, "number": number,
                        "captured_at": seen + timedelta(hours=3 * (number - 1)),
                        "fingerprint": f"{aid}-{number}", "extractor_version": "bench",
                        "title": f"Story {aid} v{number}", "word_count": 6,
                        "base_version_id": None, "text_blob": blob, "text_size": len(raw),
                        "words_added": number, "words_removed": 1,
                        "headline_changed": number % 2 == 0, "labels": "[]",
                    })
            conn.execute(insert(articles), rows)
            conn.execute(insert(article_urls), urls)
            conn.execute(insert(versions), vers)
    built = time.perf_counter() - t0
    # the 2,000-word article, through the real write path
    words = ["officials", "said", "the", "measure", "would", "be", "reviewed", "again", "next", "week", "by", "the", "committee"]
    paragraphs = [" ".join(rng.choice(words) for _ in range(50)) + "." for _ in range(40)]
    target, _ = store.track("https://outlet00.example/long-read", NOW - timedelta(days=1), source_id=1)
    for number in range(3):
        text = ArticleText(title=f"A long read, take {number}", standfirst="Standfirst.",
                           paragraphs=tuple(
                               p.replace("committee", f"panel{number}") if i % 7 == number else p
                               for i, p in enumerate(paragraphs)))
        at = NOW - timedelta(hours=20 - 3 * number)
        store.record_check(target, CheckWrite(
            at=at, result="new_version",
            schedule=ScheduleWrite(at + timedelta(minutes=30), 1800.0, 0, False, last_change_at=at),
            version=NewVersion(text=text, fingerprint=f"long{number}", extractor_version="bench",
                               raw_body=b"<html>" * 1000, final_url="https://outlet00.example/long-read",
                               summary=ChangeSummary(words_added=10, words_removed=10))))
    store.close()
    print(f"built {n_articles:,} articles / {n_articles * per_article:,} versions in {built:.1f} s")
    return target


def pages(target: int) -> dict[str, str]:
    return {
        "article": f"/articles/{target}",
        "diff": f"/articles/{target}/diff?from=2&to=3",
        "recent": "/",
        "outlets": "/outlets",
        "recent_filtered": "/?outlet=outlet03&headline=1",
        "api_changes": "/api/changes",
    }


async def server_times(db: Path, target: int, repeats: int) -> dict[str, float]:
    import httpx

    from newsdelta.settings import load_settings
    from newsdelta.store import open_store
    from newsdelta.web.app import create_app

    settings = load_settings(env={"NEWSDELTA_DB": str(db), "NEWSDELTA_NOW": NOW.isoformat()})
    store = open_store(settings)
    app = create_app(settings, store)
    medians = {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://bench") as client:
        for name, path in pages(target).items():
            (await client.get(path)).raise_for_status()  # warm caches
            samples = []
            for _ in range(repeats):
                t = time.perf_counter()
                response = await client.get(path)
                samples.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200
            medians[name] = statistics.median(samples)
    store.close()
    return medians


def serve(db: str, port: int) -> None:
    from newsdelta.settings import load_settings
    from newsdelta.store import open_store
    from newsdelta.web.server import make_server

    settings = load_settings(env={"NEWSDELTA_DB": db, "NEWSDELTA_NOW": NOW.isoformat(),
                                  "NEWSDELTA_PORT": str(port)})
    asyncio.run(make_server(settings, open_store(settings)).serve())


async def load_client(base: str, paths: list[str], seconds: float, concurrency: int) -> None:
    import aiohttp

    results = {}
    async with aiohttp.ClientSession() as session:
        for path in paths:
            latencies: list[float] = []
            deadline = time.perf_counter() + seconds

            async def worker(path: str = path, latencies: list[float] = latencies,
                             deadline: float = deadline) -> None:
                while time.perf_counter() < deadline:
                    t = time.perf_counter()
                    async with session.get(base + path) as response:
                        await response.read()
                        assert response.status == 200
                    latencies.append((time.perf_counter() - t) * 1000)

            start = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            elapsed = time.perf_counter() - start
            latencies.sort()
            results[path] = {
                "rps": len(latencies) / elapsed,
                "p50_ms": latencies[len(latencies) // 2],
                "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
                "requests": len(latencies),
            }
    print(json.dumps(results))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_test(db: Path, target: int, seconds: float, concurrency: int) -> dict[str, dict[str, float]]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(db), str(port)], env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        chosen = [pages(target)[k] for k in ("article", "diff", "recent", "outlets")]
        out = subprocess.run(
            [sys.executable, __file__, "--load-client", f"http://127.0.0.1:{port}",
             str(seconds), str(concurrency), *chosen],
            env=env, capture_output=True, text=True, check=True, timeout=seconds * 10 + 60)
        result: dict[str, dict[str, float]] = json.loads(out.stdout.strip().splitlines()[-1])
        return result
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--load-client":
        asyncio.run(load_client(sys.argv[2], sys.argv[5:], float(sys.argv[3]), int(sys.argv[4])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="5,000 articles / 15,000 versions")
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5.0, help="load test per page")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    n = 5_000 if args.small else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        target = build(db, n, 3)
        medians = asyncio.run(server_times(db, target, args.repeats))
        print("\nmedian server time (in-process ASGI), ms")
        for name, ms in medians.items():
            goal = TARGETS_MS.get(name)
            verdict = "" if goal is None else (f"  target <= {goal:.0f}: "
                                               + ("ok" if ms <= goal else "MISSED"))
            print(f"  {name:16s} {ms:7.2f}{verdict}")
        print(f"\nloopback load test: {args.concurrency} connections, {args.seconds:.0f} s per page")
        for path, r in load_test(db, target, args.seconds, args.concurrency).items():
            print(f"  {path:32s} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:6.1f} ms"
                  f"  p99 {r['p99_ms']:6.1f} ms  ({int(r['requests'])} requests)")


if __name__ == "__main__":
    main()
