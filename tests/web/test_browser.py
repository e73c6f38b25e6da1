"""Done-when 1: the seed article and diff pages checked in a real headless Chromium.

Starts uvicorn on 127.0.0.1 (a free port) in a thread, drives Debian's
``/usr/bin/chromium`` with ``--dump-dom`` (the DOM after parsing, i.e. what a
reader's browser built) and ``--screenshot``. Screenshots go to
``$NEWSDELTA_ARTIFACTS`` or the test's tmp_path.

Without chromium the test skips locally but FAILS when ``CI`` is set.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from webworld import SEED, World, build_world

from newsdelta.web.app import create_app

pytestmark = pytest.mark.browser

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and CI is set: the browser test must run")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    world = build_world(tmp_path_factory.mktemp("browser"))
    port = free_port()
    config = uvicorn.Config(create_app(world.settings, world.store), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", world
    srv.should_exit = True
    thread.join(timeout=5)
    world.store.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = os.environ.get("NEWSDELTA_ARTIFACTS")
    path = Path(where) if where else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def run_chromium(chromium: str, profile: Path, *args: str) -> str:
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def visible(dom: str) -> str:
    plain = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", dom, flags=re.DOTALL)
    plain = re.sub(r"<[^>]+>", "", plain)
    plain = plain.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"')
    return " ".join(plain.split())


def test_seed_pages_in_chromium(chromium: str, server: tuple[str, World], artifacts: Path,
                                tmp_path: Path) -> None:
    base, world = server
    article_url = f"{base}/articles/{world.seed_id}"
    diff_url = f"{base}/articles/{world.seed_id}/diff?from=1&to=2"

    dom = run_chromium(chromium, tmp_path / "p1", "--dump-dom", article_url)
    text = visible(dom)
    assert "This article is from the source 'rtcom' and was first published or seen on 18 November 2022." in text
    assert "It last changed over 49 days ago and won't be checked again for changes." in text
    assert f"You can find the current article at its original source at {SEED['url']}" in text
    assert "The article has changed 1 time." in text
    assert "There is an RSS feed of changes available." in text

    dom = run_chromium(chromium, tmp_path / "p2", "--dump-dom", diff_url)
    text = visible(dom)
    assert "Version 1" in text and "Version 2" in text and "(about 3 hours later)" in text
    marked = {
        "del": [" ".join(m.split()) for m in re.findall(r"<del>(.*?)</del>", dom, flags=re.DOTALL)],
        "ins": [" ".join(m.split()) for m in re.findall(r"<ins>(.*?)</ins>", dom, flags=re.DOTALL)],
    }
    for word in ("about", "a claim by", "an assertion"):
        assert word in marked["del"], (word, marked["del"])
    for word in ("on", "asserted", "a statement", "Furthermore,", "the"):
        assert word in marked["ins"], (word, marked["ins"])
    assert "<details" in dom  # unchanged paragraphs folded

    for name, url in (("article-page.png", article_url), ("diff-page.png", diff_url)):
        shot = artifacts / name
        run_chromium(chromium, tmp_path / f"s-{name}", f"--screenshot={shot}",
                     "--window-size=1280,1600", url)
        assert shot.exists() and shot.stat().st_size > 10_000
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
