"""`newsdelta delete`: forgets an article; on a terminal it names it and asks first."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from typing import Any

import pytest


def _ids(nd: Any) -> list[int]:
    return [a["id"] for a in nd.json("articles", "--json")]


def test_in_a_script_delete_forgets_the_article_without_asking(nd: Any, seed_tracked: Any) -> None:
    (article_id,) = _ids(nd)
    result = nd.run("delete", str(article_id))
    assert f"deleted article {article_id}" in result.stdout
    assert _ids(nd) == []
    missing = nd.run("history", str(article_id), ok=False)
    assert missing.exit_code == 1 and "no tracked article" in missing.stderr


def _delete_on_a_terminal(nd: Any, args: list[str], answer: bytes | None) -> tuple[int, str]:
    """Run ``newsdelta delete`` with a real pseudo-terminal as stdin/stdout; answer its prompt."""
    controller, terminal = os.openpty()
    env = {**os.environ, **nd.env()}
    command = [sys.executable, "-c", "from newsdelta.cli import main; main()", "delete", *args]
    proc = subprocess.Popen(command, stdin=terminal, stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:  # the terminal closed: the process ended
                    break
                seen += chunk
                if answer is not None and b"[y/N]" in seen:
                    os.write(controller, answer)
                    answer = None
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=30)
    finally:
        proc.kill()
        os.close(controller)
    return code, seen.decode("utf-8", "replace")


@pytest.mark.parametrize("answer", [b"n\n", b"\n"])
def test_on_a_terminal_delete_names_the_article_and_keeps_it_unless_told_yes(
    nd: Any, seed_tracked: Any, answer: bytes
) -> None:
    (article,) = nd.json("articles", "--json")
    code, shown = _delete_on_a_terminal(nd, [str(article["id"])], answer)
    assert f"Delete article {article['id']}" in shown and "2 versions" in shown
    assert article["url"] in shown
    assert code == 1 and "kept article" in shown
    assert _ids(nd) == [article["id"]]


def test_on_a_terminal_yes_deletes(nd: Any, seed_tracked: Any) -> None:
    (article_id,) = _ids(nd)
    code, shown = _delete_on_a_terminal(nd, [str(article_id)], b"y\n")
    assert code == 0 and f"deleted article {article_id}" in shown
    assert _ids(nd) == []


def test_on_a_terminal_the_yes_flag_skips_the_question(nd: Any, seed_tracked: Any) -> None:
    (article_id,) = _ids(nd)
    code, shown = _delete_on_a_terminal(nd, [str(article_id), "--yes"], None)
    assert code == 0 and "[y/N]" not in shown
    assert _ids(nd) == []
