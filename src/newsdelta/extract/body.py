"""Body paragraphs: trafilatura's main-content detection, or a per-source CSS container.

trafilatura runs in its fast, precise mode without comments, tables, images,
links or cross-document de-duplication (de-duplication keeps state between
calls, which would make the same page extract differently the second time).
Its XML body is walked element by element: each paragraph, heading, quote and
list item becomes one line. Before trafilatura copies the tree, the chrome its
cleaning would delete is deleted here (:func:`_drop_what_trafilatura_deletes`).
"""

from __future__ import annotations

from typing import Any

import trafilatura
from lxml import etree
from trafilatura.settings import MANUALLY_CLEANED

from newsdelta.extract._text import element_text

_BLOCKS = frozenset({"p", "head", "quote", "item", "code"})

_READ_BEFORE_CLEANING = frozenset({"head", "form", "math"})
"""Tags trafilatura deletes too, but only after reading them: ``math`` is turned into
its LaTeX first, a ``form`` holding content is unwrapped rather than deleted, and
``head`` holds JSON-LD it scans."""
_TABLE_TAGS = ("table", "td", "th", "tr")
"""Deleted by trafilatura's cleaning as well when tables are off (they are here)."""
_JSON_LD = "application/ld+json"
"""trafilatura reads these scripts before cleaning: schema.org forum posts change its rules."""


def _drop_what_trafilatura_deletes(root: etree._Element) -> None:
    """Delete, before trafilatura copies the tree, the elements its cleaning deletes anyway.

    trafilatura copies the tree it is given, then copies it again before
    cleaning, and only then deletes navigation, footers, asides, scripts,
    forms' controls and the like (``MANUALLY_CLEANED``), which are most of a
    real page. Deleting them first means both copies, and their release, cover
    the article instead of the page: extraction of the 151 KiB benchmark page
    went from 8.0-8.7 to 4.5-4.9 ms with the same paragraphs.

    What trafilatura reads before its cleaning is kept, so it sees the same
    page: elements it reads first (:data:`_READ_BEFORE_CLEANING`), JSON-LD
    scripts and anything holding one, and anything holding an ``h1`` (its
    raw-tree pruning tests containers for one). The tail text of a deleted
    element is kept, as trafilatura's own deletion does (``drop_tree``).

    One known difference: trafilatura deletes while iterating ``tree.iter(tag)``,
    and lxml's iterator stops after deleting an element that holds another of
    the same tag, so on pages with nested asides, figures or navs (say)
    trafilatura keeps some of the later ones, chrome it meant to delete.
    Deleting first removes it. ``tests/extract/test_chrome_drop_fuzz.py`` checks
    the result against trafilatura as shipped and as meant.
    """
    tags = [tag for tag in MANUALLY_CLEANED if tag not in _READ_BEFORE_CLEANING]
    doomed = [
        element
        for element in root.iter(*tags, *_TABLE_TAGS)
        if element.get("type") != _JSON_LD and not _holds_what_trafilatura_reads(element)
    ]
    for element in doomed:
        element.drop_tree()


def _holds_what_trafilatura_reads(element: etree._Element) -> bool:
    """Does ``element`` hold an ``h1`` or a JSON-LD script? (``iterdescendants`` walks in C.)"""
    if next(element.iterdescendants("h1"), None) is not None:
        return True
    return any(script.get("type") == _JSON_LD for script in element.iterdescendants("script"))


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
    """Main-content paragraphs of a parsed page. Deletes the page chrome from ``root`` first."""
    _drop_what_trafilatura_deletes(root)
    return trafilatura_blocks(root, url)


def trafilatura_blocks(root: etree._Element, url: str) -> list[str]:
    """trafilatura's main-content lines for ``root`` as it is (tests compare against it)."""
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
