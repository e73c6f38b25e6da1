"""Untrusted text made safe to print on a terminal.

Article text comes from web pages. Printed raw, an ESC sequence in a headline
could recolour, retitle or clear the reader's terminal (CSI, OSC), and a
carriage return could overwrite what was printed before it on the line.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL, and the C1 controls (U+0080-U+009F: U+009B
is an 8-bit CSI some terminals obey)."""


def terminal_safe(text: str) -> str:
    """``text`` with every terminal control shown as a visible escape (``\\x1b``)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_JSON_UNESCAPED_CONTROLS = re.compile(r"[\x7f-\x9f]")
"""DEL and the C1 controls: JSON encoders leave them raw (JSON escapes only C0)."""


def json_terminal_safe(text: str) -> str:
    """JSON text with DEL and the C1 controls escaped too."""
    return _JSON_UNESCAPED_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


__all__ = ["json_terminal_safe", "terminal_safe"]
