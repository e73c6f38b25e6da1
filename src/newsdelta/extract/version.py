"""Extractor version strings, recorded with every stored version.

The version names both the library and newsdelta's own post-processing
(``/nd<N>``), so that upgrading trafilatura or changing our clean-up rules is
recognised as a new extractor, never shown as an edit to the article. Bump
``_POSTPROCESS`` whenever anything in this room changes what comes out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import trafilatura

_POSTPROCESS = "nd4"
"""nd4: a byline block's time ("By Jane Doe · 3 minutes ago", a ``<time>``) is not
part of the byline (``metadata.py``), and the text fingerprint ignores direction
marks (LRM/RLM and the bidi controls, ``core/normalize.py``). nd3: characters XML
forbids are dropped from every field, and a page with a reference to one (``&#1;``) keeps its body, which trafilatura used to drop whole
(``article.py``). nd2: page chrome is deleted before trafilatura sees the tree
(``body.py``). Each bump makes every tracked article re-read its last archived page
once, so any difference becomes a new baseline, never an edit."""

EXTRACTOR_VERSION: str = f"trafilatura-{trafilatura.__version__}/{_POSTPROCESS}"


def extractor_version(selectors: Mapping[str, str] | None = None) -> str:
    """The version string for one extraction setup.

    With per-source CSS selectors the output no longer depends on trafilatura's
    heuristics alone, so a short hash of the selectors is appended: editing a
    source's selectors is then an extractor change too.
    """
    if not selectors:
        return EXTRACTOR_VERSION
    canonical = "\n".join(f"{key}={selectors[key]}" for key in sorted(selectors))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]
    return f"{EXTRACTOR_VERSION}+css-{digest}"


__all__ = ["EXTRACTOR_VERSION", "extractor_version"]
