"""Write docs/settings.md from the settings registry (run after adding a setting).

``tests/unit/test_docs.py`` fails when the committed file is out of date.
"""

from __future__ import annotations

import ast
import inspect
import sys
from dataclasses import fields
from pathlib import Path

HEADER = """# Settings

Every setting is declared once, in `src/newsdelta/settings.py`. Precedence, lowest to highest:
built-in default < TOML config file (`--config FILE`, `$NEWSDELTA_CONFIG`, or `<data dir>/config.toml`) <
`NEWSDELTA_*` environment variable < command-line flag.

In the TOML file a setting may sit at top level or in any table (`[fetch] per_host_concurrency = 2`).

| setting (TOML) | environment | default | meaning |
| --- | --- | --- | --- |
"""

FOOTER = """
## Per-source overrides

```toml
[sources.wire]
min_interval_s = 900        # never check more often than every 15 min
max_interval_s = 86400      # nor less often than daily (retirement still applies)

[sources.wire.selectors]    # CSS selectors win over the generic extractor
title = "h1.headline"
standfirst = ".dek"
byline = ".author-name"
body = "div.story-body"     # paragraphs are its <p> elements
published = "time[itemprop=datePublished]"
```

Changing a source's selectors changes the recorded extractor version, so it never shows up as an edit.
"""


def field_docs() -> dict[str, str]:
    from newsdelta.settings import Settings

    body = ast.parse(inspect.getsource(Settings)).body[0].body  # type: ignore[attr-defined]
    docs = {}
    for node, after in zip(body, body[1:]):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = " ".join(after.value.value.split())
    return docs


def render() -> str:
    from newsdelta.settings import Settings

    defaults = Settings()
    docs = field_docs()
    rows = []
    for f in fields(Settings):
        if f.name == "sources":
            continue
        value = "~/.local/share/newsdelta" if f.name == "data_dir" else getattr(defaults, f.name)
        rows.append(
            f"| `{f.name}` | `NEWSDELTA_{f.name.upper()}` | `{value!r}` | {docs.get(f.name, '')} |"
        )
    return HEADER + "\n".join(rows) + "\n" + FOOTER


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    target = Path(__file__).resolve().parents[1] / "docs" / "settings.md"
    target.write_text(render())
    print(f"wrote {target}")
