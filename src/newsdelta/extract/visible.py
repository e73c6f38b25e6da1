"""The visible words of a page, for explaining refusals (not for versions)."""

from __future__ import annotations

import lxml.html
from lxml.etree import ParserError


def visible_text(html: str, limit: int = 200_000) -> str:
    """Text of the page's body without scripts and styles; "" if it cannot be parsed."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html[:limit])
    except (ParserError, ValueError):
        return ""
    for node in root.xpath("//script|//style|//noscript"):
        node.drop_tree()
    # itertext, not text_content: block elements must not glue words together.
    return " ".join(" ".join(root.itertext()).split())
