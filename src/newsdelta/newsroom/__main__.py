"""Run a simulated newsroom in the foreground (a dev tool).

    python -m newsdelta.newsroom --port 8080 --scenario demo --speed 600

``--speed 600`` runs simulated time 600x faster than real time from
``--start`` (default: today 06:00 UTC), so the demo's day passes in about
2.5 minutes. ``--speed 0`` keeps the clock frozen at ``--start``.
"""

from __future__ import annotations

import argparse
import signal
import threading
from datetime import UTC, datetime

from .model import SimClock
from .scenarios import SCENARIOS, by_name
from .server import start_in_thread


def _parse_start(text: str | None) -> datetime:
    if text is None:
        return datetime.now(UTC).replace(hour=6, minute=0, second=0, microsecond=0)
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsdelta.newsroom",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--scenario", choices=SCENARIOS, default="demo")
    parser.add_argument(
        "--speed",
        type=float,
        default=600.0,
        help="simulated seconds per real second (0 = frozen clock)",
    )
    parser.add_argument("--start", help="simulated start, ISO 8601 (default: today 06:00 UTC)")
    args = parser.parse_args(argv)

    start = _parse_start(args.start)
    newsroom = by_name(args.scenario, start)
    if args.speed > 0:
        newsroom.clock = SimClock.fast_forward(start, args.speed)
    handle = start_in_thread(newsroom, host=args.host, port=args.port)
    print(
        f"newsroom '{args.scenario}' at {handle.base_url} (simulated start {start.isoformat()},"
        f" speed {args.speed:g}x)"
    )
    print(f"  robots:        {handle.robots_url}")
    print(f"  sitemap index: {handle.sitemap_index_url}")
    for slug in newsroom.outlets:
        print(f"  {slug:>12}: {handle.feed_url(slug)}  {handle.atom_url(slug)}")
    print("Ctrl-C to stop.")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        handle.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
