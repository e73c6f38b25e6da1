"""Tokens and typography-blind comparison keys.

A *token* is a run of non-space characters plus the whitespace that follows
it, so joining a text's tokens gives the text back exactly (a leading run of
whitespace, if any, is its own token). Diffs compare tokens by *key*: the
token with typography folded away (curly quotes to straight, dashes to
hyphen, non-breaking and exotic spaces dropped with the trailing whitespace),
so "rock solid," and "rock solid," with curly quotes compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN_RE = re.compile(r"\s+|\S+\s*")
"""A leading whitespace run, or a word with its trailing whitespace."""

_TYPO_PAIRS: tuple[tuple[str, str], ...] = tuple(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u2026": "...",
        "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
    }.items()
)


def fold(text: str) -> str:
    """Fold typography: quotes, dashes, ellipsis, soft hyphens; collapse whitespace.

    The result is what two versions must share for a difference to be
    "typography only". Case and real punctuation are kept (they are edits).
    """
    folded = text
    if not folded.isascii():
        # str.replace per present character beats str.translate with a dict
        # (a Python-level lookup per character) on typical news text.
        for char, plain in _TYPO_PAIRS:
            if char in folded:
                folded = folded.replace(char, plain)
        if not folded.isascii():
            folded = unicodedata.normalize("NFKC", folded)
    # str.split() splits on exactly the characters \s matches (str.isspace)
    # and is several times faster than re.sub for collapsing runs.
    return " ".join(folded.split())


def tokenize(text: str) -> list[str]:
    """Split ``text`` into tokens whose concatenation is exactly ``text``."""
    return _TOKEN_RE.findall(text)


def token_key(token: str) -> str:
    """Comparison key of one token: typography folded, whitespace dropped."""
    return fold(token)


def sentence_key(text: str) -> str:
    """Comparison key of a sentence or paragraph (folded, whitespace collapsed)."""
    return fold(text)


@lru_cache(maxsize=8192)
def paragraph_key(text: str) -> str:
    """:func:`sentence_key` of a paragraph, cached: consecutive versions share most."""
    return fold(text)


_WORD_RE = re.compile(r"\w+", re.UNICODE)


def alnum_key(text: str) -> str:
    """Lower-cased letters and digits only: equal keys differ only in style."""
    return " ".join(_WORD_RE.findall(fold(text).lower()))
