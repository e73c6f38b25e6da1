"""Docs stay in step with the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_settings_doc_is_current() -> None:
    spec = importlib.util.spec_from_file_location("settings_doc", ROOT / "scripts" / "settings_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "settings.md").read_text()
    assert committed == module.render(), "run: python scripts/settings_doc.py"


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "settings.md").read_text()
    for line in text.splitlines():
        if line.startswith("| `") and "NEWSDELTA_" in line:
            assert not line.rstrip().endswith("|  |"), f"undocumented setting: {line}"


def test_readme_lists_every_command() -> None:
    from newsdelta.cli import main

    readme = (ROOT / "README.md").read_text()
    for name in main.commands:
        assert f"newsdelta {name}" in readme, f"README does not mention `newsdelta {name}`"
