"""The main job: ``newsdelta run`` tracks a source and serves the web UI in one process."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from newsdelta.newsroom import DEFAULT_START, seed_scenario


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=2) as response:  # loopback only
        return json.loads(response.read())


def test_run_tracks_and_serves_until_sigterm(nd: Any, serve: Any, tmp_path: Path) -> None:
    newsroom = seed_scenario(DEFAULT_START)
    server = serve(newsroom)
    nd.run("source", "add", "rtcom", server.feed_url("rtcom"), now=DEFAULT_START)
    port = _free_port()
    env = {**os.environ, **nd.env(DEFAULT_START), "NEWSDELTA_RUN_TICK_S": "0.2"}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdelta.cli", "run", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        articles: list[Any] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                data = _get_json(f"http://127.0.0.1:{port}/api/articles")
                articles = data.get("articles") or data.get("items") or []
                if articles and articles[0].get("versions", 0) >= 1:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        assert articles, "the web UI never listed the tracked article"
        assert "China responds" in json.dumps(articles)
    finally:
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=15)[0].decode()
    assert proc.returncode == 0, output
    assert "starter" not in output  # sources existed: no starter outlets added


def test_a_taken_port_stops_run_and_serve_before_they_start(nd: Any, serve: Any) -> None:
    newsroom = seed_scenario(DEFAULT_START)
    server = serve(newsroom)
    nd.run("source", "add", "rtcom", server.feed_url("rtcom"), now=DEFAULT_START)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = str(taken.getsockname()[1])
        for command in (["run", "--port", port], ["serve", "--port", port]):
            result = nd.run(*command, now=DEFAULT_START, ok=False)
            assert result.exit_code == 1, result.output
            assert f"newsdelta: error: cannot listen on 127.0.0.1:{port}" in result.output
            assert "Traceback" not in result.output and "web UI on" not in result.output
            assert "running on" not in result.output  # it never claimed to be running
    # `run` stopped before its first pass: the feed was never read.
    assert nd.json("articles", "--json", now=DEFAULT_START) == []


def test_a_port_out_of_range_is_refused(nd: Any) -> None:
    result = nd.run("serve", "--port", "70000", ok=False)
    assert result.exit_code == 1 and "port must be 0-65535" in result.output


def test_a_taken_port_adds_no_starter_outlets(nd: Any) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        result = nd.run("run", "--port", str(taken.getsockname()[1]), now=DEFAULT_START, ok=False)
    assert result.exit_code == 1 and "cannot listen" in result.output
    assert nd.json("source", "list", "--json") == []


def test_starter_outlets_only_on_a_fresh_install(tmp_path: Path) -> None:
    from newsdelta.runner.main import _ensure_sources
    from newsdelta.settings import load_settings
    from newsdelta.store import open_store

    settings = load_settings(env={"NEWSDELTA_DATA_DIR": str(tmp_path)})
    said: list[str] = []
    store = open_store(settings)
    try:
        store.track("https://news.example.com/kept-article", DEFAULT_START)
        _ensure_sources(store, said.append, DEFAULT_START)  # outlets removed, articles kept
        assert store.list_sources() == [] and said == []
        store.delete_article(store.find_article("https://news.example.com/kept-article").id)
        _ensure_sources(store, said.append, DEFAULT_START)  # nothing: a fresh install
        assert len(store.list_sources()) >= 5
        assert said and "starter outlets" in said[0]
    finally:
        store.close()
