"""extract room: article text out of a page, stable under page chrome.

>>> from newsdelta.extract import extract_article, extractor_version, EXTRACTOR_VERSION
"""

from newsdelta.extract.article import extract_article
from newsdelta.extract.selectors import SELECTOR_KEYS, validate_selectors
from newsdelta.extract.version import EXTRACTOR_VERSION, extractor_version

__all__ = [
    "EXTRACTOR_VERSION",
    "SELECTOR_KEYS",
    "extract_article",
    "extractor_version",
    "validate_selectors",
]
