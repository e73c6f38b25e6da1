"""One tracker per database: a second ``check``/``run``/``demo`` stops instead of writing twice.

Without the lock, three ``newsdelta check`` processes started together on one
database each read "no version yet" for the same articles and each wrote one
(232 "new articles" for 200 articles), and their in-memory copies indexes
collided on the database's unique keys.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from tracker import make_settings

from newsdelta.newsroom import DEFAULT_START, chrome_scenario
from newsdelta.settings import load_settings
from newsdelta.store import open_store

BUSY = "another newsdelta process is already tracking"
HOLDER = """
import time
from newsdelta.settings import load_settings
from newsdelta.store import open_store
store = open_store(load_settings())  # kept: a dropped lock object releases the lock
store.claim_tracking()
print("held", flush=True)
time.sleep(60)
"""


def _cli_env(nd: Any) -> dict[str, str]:
    env = {**os.environ, **nd.env(DEFAULT_START)}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    return env


def _add_newsroom(nd: Any, serve: Any, articles: int) -> None:
    newsroom = chrome_scenario(articles, start=DEFAULT_START, validators=False)
    outlet = next(iter(newsroom.outlets))
    newsroom.outlets[outlet].feed_limit = articles + 10
    server = serve(newsroom)
    nd.run("source", "add", "o", server.feed_url(outlet), now=DEFAULT_START)


def test_a_second_tracker_stops_with_one_line_and_writes_nothing(nd: Any, serve: Any) -> None:
    _add_newsroom(nd, serve, 3)
    holder = open_store(load_settings(env=nd.env(DEFAULT_START)))
    holder.claim_tracking()
    holder.claim_tracking()  # claiming again in the same process is fine
    try:
        busy = nd.run("check", now=DEFAULT_START, ok=False)
        assert busy.exit_code == 1
        assert busy.output.startswith(f"newsdelta: error: {BUSY}") and busy.output.count("\n") == 1
        assert nd.json("articles", "--json", now=DEFAULT_START) == []  # the feed was not even read
    finally:
        holder.close()
    summary = nd.json("check", "--json", now=DEFAULT_START)  # released: the next one tracks
    assert summary["new_articles"] == 3


def test_a_killed_tracker_leaves_no_stale_lock(nd: Any, serve: Any) -> None:
    _add_newsroom(nd, serve, 2)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], env=_cli_env(nd), stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert BUSY in nd.run("check", now=DEFAULT_START, ok=False).output
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    assert nd.json("check", "--json", now=DEFAULT_START)["new_articles"] == 2


def test_concurrent_checks_write_each_version_once(nd: Any, serve: Any) -> None:
    _add_newsroom(nd, serve, 30)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "newsdelta.cli", "check"],
            env=_cli_env(nd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for _ in range(3)
    ]
    outputs = [(p.communicate(timeout=120)[0], p.returncode) for p in processes]
    for output, code in outputs:
        assert "Traceback" not in output and "UNIQUE" not in output, output
        assert code == 0 or (code == 1 and BUSY in output), output
    assert any(code == 0 for _output, code in outputs), outputs
    store = open_store(load_settings(env=nd.env(DEFAULT_START)))
    try:
        articles = store.list_articles(limit=100)
        assert len(articles) == 30, outputs
        assert [a.version_count for a in articles] == [1] * 30, outputs
    finally:
        store.close()


def test_an_in_memory_database_has_nothing_to_lock(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, db="sqlite://")
    first, second = open_store(settings), open_store(settings)
    try:
        first.claim_tracking()
        second.claim_tracking()  # each in-memory database is its process's (and engine's) own
    finally:
        first.close()
        second.close()


def test_a_lock_that_cannot_be_created_is_one_line(nd: Any, tmp_path: Path) -> None:
    (tmp_path / "nd.sqlite.tracker.lock").mkdir()  # something else sits where the lock goes
    result = nd.run("check", now=DEFAULT_START, ok=False)
    assert result.exit_code == 1
    assert result.output == (
        f"newsdelta: error: cannot create the tracker lock {tmp_path}/nd.sqlite.tracker.lock: "
        "Is a directory\n"
    )
