"""The thread-hosted server for synchronous callers: start, serve, stop in bounded time."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest
from newsroom_helpers import START

from newsdelta.newsroom import demo_scenario, faults, seed_scenario, start_in_thread


def test_start_serve_stop() -> None:
    newsroom = seed_scenario(START)
    article = next(newsroom.articles())
    with start_in_thread(newsroom) as handle:
        assert handle.base_url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(handle.url_for(article), timeout=5) as response:
            assert response.status == 200
            assert article.versions[0].title in response.read().decode()
        article.set_fault(faults.Gone(410))
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(handle.url_for(article), timeout=5)
        assert gone.value.code == 410
        assert handle.stats.statuses(article.path) == [200, 410]
    with pytest.raises(OSError):  # stopped: nothing listens any more
        urllib.request.urlopen(handle.url_for(article), timeout=2)


def test_stop_is_bounded_with_an_endless_body_open() -> None:
    newsroom = seed_scenario(START)
    article = next(newsroom.articles())
    article.set_fault(faults.SlowBody(interval_s=0.01, endless=True))
    handle = start_in_thread(newsroom, shutdown_timeout=0.2)
    response = urllib.request.urlopen(handle.url_for(article), timeout=5)
    assert response.read(100)
    handle.stop(timeout=5)
    assert handle._thread is not None and not handle._thread.is_alive()
    response.close()


def test_port_in_use_raises() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(OSError):
            start_in_thread(demo_scenario(START), port=port)
