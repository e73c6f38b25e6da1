"""A page's text never drives the reader's terminal (found by the diff audit)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from newsdelta.cli import main
from newsdelta.core.diff import diff_articles, render_text
from newsdelta.core.model import ArticleText
from newsdelta.core.terminal import json_terminal_safe, terminal_safe

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE = "Head \x1b]0;pwned\x07 \x1b[31mred\r over \x9b2J line"


def test_controls_become_visible_escapes() -> None:
    shown = terminal_safe(HOSTILE)
    assert not RAW_CONTROL.search(shown)
    assert "\\x1b]0;pwned\\x07" in shown and "\\x9b2J" in shown and "\\x0d" in shown
    assert terminal_safe("tab\tand\nnewline stay") == "tab\tand\nnewline stay"


def test_json_keeps_c1_controls_escaped_and_valid() -> None:
    text = json_terminal_safe(json.dumps({"t": "a\x9bb\x7f"}, ensure_ascii=False))
    assert not RAW_CONTROL.search(text) and json.loads(text) == {"t": "a\x9bb\x7f"}


def test_a_diff_prints_only_its_own_colour_codes() -> None:
    diff = diff_articles(ArticleText("T"), ArticleText(f"T {HOSTILE}"))
    plain = render_text(diff, color=False)
    assert not RAW_CONTROL.search(plain)
    coloured = render_text(diff, color=True)
    assert set(re.findall(r"\x1b\[[0-9;]*m", coloured)) <= {"\x1b[32m", "\x1b[0m", "\x1b[1m", "\x1b[2m"}
    assert "\x1b]" not in coloured and "\x9b" not in coloured and "\r" not in coloured


def test_extract_prints_a_hostile_page_without_obeying_it(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraph {i} with enough words to be read as article text here.</p>" for i in range(6))
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>x</title></head><body><article><h1>{HOSTILE}</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    for args in (["extract", str(page)], ["extract", str(page), "--json"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert not RAW_CONTROL.search(result.stdout.replace("\n", "")), args
