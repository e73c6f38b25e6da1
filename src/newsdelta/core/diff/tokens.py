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
from collections.abc import Iterable, Sequence

from newsdelta.core.normalize import BIDI_MARKS, collapse_each

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
        **dict.fromkeys(BIDI_MARKS, ""),
    }.items()
)


def fold(text: str) -> str:
    """Fold typography: quotes, dashes, ellipsis, soft hyphens; collapse whitespace.

    The result is what two versions must share for a difference to be
    "typography only". Case and real punctuation are kept (they are edits).
    """
    # str.split() splits on exactly the characters \s matches (str.isspace)
    # and is several times faster than re.sub for collapsing runs.
    return " ".join(_fold_characters(text).split())


def _fold_characters(text: str) -> str:
    """Every step of :func:`fold` but the whitespace collapse."""
    folded = text
    if not folded.isascii():
        # str.replace per present character beats str.translate with a dict
        # (a Python-level lookup per character) on typical news text.
        for char, plain in _TYPO_PAIRS:
            if char in folded:
                folded = folded.replace(char, plain)
        if not folded.isascii():
            folded = unicodedata.normalize("NFKC", folded)
    elif "`" in folded:
        # The table's one ASCII entry: folded in every text, so a text's fold never
        # depends on what other texts it is folded with (see _fold_many).
        folded = folded.replace("`", "'")
    return folded


def tokenize(text: str) -> list[str]:
    """Split ``text`` into tokens whose concatenation is exactly ``text``."""
    return _TOKEN_RE.findall(text)


def token_key(token: str) -> str:
    """Comparison key of one token: typography folded, whitespace dropped."""
    return fold(token)


def sentence_key(text: str) -> str:
    """Comparison key of a sentence or paragraph (folded, whitespace collapsed)."""
    return fold(text)


PARAGRAPH_JOINER = " .\n"
"""Joins paragraphs into one text (the dot ends a sentence, so a paragraph's
first word never reads as mid-sentence); see :func:`joined_key`."""


def _fold_many(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]``, with one pass of the character steps over all of them."""
    return collapse_each(texts, _fold_characters)


class _KeyCache:
    """Paragraph keys by text, in two generations so memory stays bounded.

    Lookups try the young generation, then the old one (promoting a hit);
    when the young one is full it becomes the old one. Unlike ``lru_cache``
    it can be filled in bulk (:func:`paragraph_keys`) and told a key it did
    not compute (:func:`remember_key`).
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._young: dict[str, str] = {}
        self._old: dict[str, str] = {}

    def get(self, text: str) -> str | None:
        key = self._young.get(text)
        if key is None:
            key = self._old.get(text)
            if key is not None:
                self.put(text, key)
        return key

    def put(self, text: str, key: str) -> None:
        if len(self._young) >= self._size:
            self._old, self._young = self._young, {}
        self._young[text] = key

    def clear(self) -> None:
        self._young, self._old = {}, {}


_KEYS = _KeyCache(8192)


def paragraph_key(text: str) -> str:
    """:func:`sentence_key` of a paragraph, cached: consecutive versions share most."""
    key = _KEYS.get(text)
    if key is None:
        key = fold(text)
        _KEYS.put(text, key)
    return key


def paragraph_keys(texts: Iterable[str]) -> list[str]:
    """``[paragraph_key(t) for t in texts]``, folding the uncached ones in one pass.

    A version read back from the store is mostly not in the cache; folding
    its paragraphs together costs about half of folding them one by one.
    """
    texts = list(texts)
    found: dict[str, str] = {}  # each distinct text looked up in the cache once
    missing: list[str] = []
    for text in dict.fromkeys(texts):
        key = _KEYS.get(text)
        if key is None:
            missing.append(text)
        else:
            found[text] = key
    for text, key in zip(missing, _fold_many(missing), strict=True):
        _KEYS.put(text, key)
        found[text] = key
    return [found[t] for t in texts]


def joined_key(keys: Iterable[str]) -> str:
    """``fold(PARAGRAPH_JOINER.join(texts))`` given the keys (folds) of those texts.

    Folding is per character except for the whitespace collapse, and the
    joiner's only word, ".", is a starter that composes with nothing: folding
    the joined text gives each text's words, a "." between every two texts,
    all separated by single spaces.
    """
    words: list[str] = []
    for i, key in enumerate(keys):
        if i:
            words.append(".")
        if key:
            words.append(key)
    return " ".join(words)


def remember_key(text: str, key: str) -> None:
    """Tell the cache ``paragraph_key(text)`` (computed by the caller from parts)."""
    _KEYS.put(text, key)


def remember_plain_keys(texts: Sequence[str], normalized: Sequence[str]) -> None:
    """Tell the cache the keys of the ASCII texts among ``texts``, given their normalised forms.

    ``normalized[i]`` must be :func:`newsdelta.core.normalize.normalize_text` of
    ``texts[i]``. For ASCII text without a backtick both recipes reduce to the
    same whitespace collapse, so that form *is* the key; the check path has
    just computed it for the fingerprint. Other texts are left to
    :func:`paragraph_keys`.
    """
    for text, form in zip(texts, normalized, strict=True):
        if text.isascii() and "`" not in text:
            _KEYS.put(text, form)


def clear_key_cache() -> None:
    """Forget every cached key (benchmarks measure cold diffs with it)."""
    _KEYS.clear()


_WORD_RE = re.compile(r"\w+", re.UNICODE)


def alnum_key(text: str) -> str:
    """Lower-cased letters and digits only: equal keys differ only in style."""
    return " ".join(_WORD_RE.findall(fold(text).lower()))
