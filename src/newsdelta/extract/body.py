"""Body paragraphs: trafilatura's main-content detection, or a per-source CSS container.

trafilatura runs in its fast, precise mode without comments, tables, images,
links or cross-document de-duplication (de-duplication keeps state between
calls, which would make the same page extract differently the second time).
Its XML body is walked element by element: each paragraph, heading, quote and
list item becomes one line.
"""

from __future__ import annotations

from typing import Any

import trafilatura
from lxml import etree

from newsdelta.extract._text import element_text

_BLOCKS = frozenset({"p", "head", "quote", "item", "code"})


def _blocks(element: etree._Element) -> list[str]:
    lines: list[str] = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCKS and not any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in child):
            lines.append(element_text(child))
        elif tag in {"list", "quote", "div"} or tag in _BLOCKS:
            lines.extend(_blocks(child))
        elif tag not in {"table", "graphic", "ref"}:
            lines.append(element_text(child))
    return lines


def trafilatura_paragraphs(root: etree._Element, url: str) -> list[str]:
    """Main-content paragraphs of a parsed page (trafilatura copies the tree; ours is untouched)."""
    document: Any = trafilatura.bare_extraction(
        root,
        url=url,
        fast=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        with_metadata=False,
    )
    if document is None or getattr(document, "body", None) is None:
        return []
    return _blocks(document.body)


def selector_paragraphs(containers: list[etree._Element]) -> list[str]:
    """The ``<p>`` elements of the matched containers, in document order, each once.

    A matched element that is itself a ``<p>`` counts as one paragraph, so both
    ``div.article-body`` and ``div.article-body > p`` work as selectors.
    """
    # ``kept`` holds the proxies alive, so their ids stay unique while we compare.
    kept: list[etree._Element] = []
    seen: set[int] = set()
    lines: list[str] = []
    for container in containers:
        candidates = [container] if container.tag == "p" else list(container.iter("p"))
        for paragraph in candidates:
            if id(paragraph) in seen:
                continue
            kept.append(paragraph)
            seen.add(id(paragraph))
            lines.append(element_text(paragraph))
    return lines


__all__ = ["selector_paragraphs", "trafilatura_paragraphs"]
