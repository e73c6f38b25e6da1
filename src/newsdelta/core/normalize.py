"""The comparison form of article text, and the hashes built on it.

Two extractions of the same article often differ only in typography: a CMS
swaps straight quotes for curly ones, a template inserts non-breaking spaces,
a hyphenation script sprinkles soft hyphens. None of that is an edit. Every
comparison in newsdelta (is this a new version? is this the same story?) is
therefore made on :func:`normalize_text`'s output, never on the raw text.

The stored versions keep the text as published; only fingerprints use the
normalised form.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import xxhash

from newsdelta.core.model import ArticleText

# Characters mapped to a plain ASCII equivalent. Applied after NFKC, which has
# already folded the compatibility forms (fullwidth quotes, the horizontal
# ellipsis, small em dash, fullwidth hyphen-minus, NBSP and the typographic
# spaces) into something this table or the whitespace collapse handles.
_TYPOGRAPHY = str.maketrans(
    {
        # single quotes and apostrophes
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / typographic apostrophe
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u02bc": "'",  # modifier letter apostrophe (used as an apostrophe by some CMSs)
        # double quotes
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        # dashes and minus
        "\u2010": "-",  # hyphen (NFKC maps the non-breaking hyphen U+2011 here)
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u2026": "...",  # ellipsis (NFKC does this too; kept for clarity)
    }
)

# Invisible characters that only steer line breaking or joining. Removed, not
# turned into spaces: a soft hyphen or zero-width space sits *inside* a word.
# ZWJ/ZWNJ (U+200D/U+200C) are deliberately kept: in Persian, Indic scripts and
# emoji sequences they change what the text says.
BIDI_MARKS = (
    "\u200e\u200f\u061c"  # left-to-right, right-to-left and Arabic letter marks
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)
"""Invisible characters that only steer text direction: never an edit."""

_INVISIBLE = str.maketrans(
    {
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u2060": None,  # word joiner
        "\ufeff": None,  # zero-width no-break space / stray BOM
        # Direction marks and controls: invisible, and CMSs add or drop them freely
        # around numbers and names in right-to-left text.
        **dict.fromkeys(BIDI_MARKS),
    }
)


# The tables as (character, replacement) pairs: str.replace per character that
# is present beats str.translate with a dict (a Python-level lookup for every
# character) by an order of magnitude on news text. Same result: no
# replacement contains a character of either table.
_INVISIBLE_CHARS = tuple(chr(c) for c in _INVISIBLE)
_TYPOGRAPHY_PAIRS = tuple((chr(c), str(plain)) for c, plain in _TYPOGRAPHY.items())


# Field and paragraph separators for the fingerprint. Both are whitespace to
# str.split(), so normalize_text() can never leave one in its output: joining
# with them is unambiguous (no title/standfirst split can be mistaken for
# another).
_FIELD_SEP = "\x1e"  # ASCII record separator
_PARA_SEP = "\x1f"  # ASCII unit separator


def normalize_text(s: str) -> str:
    """Return the comparison form of ``s``.

    Steps: drop invisible break hints (soft hyphen, zero-width space, word
    joiner, BOM); Unicode NFKC; curly quotes and apostrophes to straight ones;
    every dash variant and the minus sign to ``-``; ellipsis to ``...``; every
    run of whitespace (including NBSP, thin and other typographic spaces) to one
    space; leading and trailing whitespace stripped.

    The invisible characters go *before* NFKC on purpose: removing one between
    a letter and a combining accent can make the pair composable, and NFKC must
    see the result for the function to be idempotent
    (``normalize_text(normalize_text(s)) == normalize_text(s)``).
    """
    # str.split() with no argument splits on every Unicode whitespace
    # character, so this collapses runs and strips both ends in one step.
    return " ".join(_character_forms(s).split())


def _character_forms(s: str) -> str:
    """Every step of :func:`normalize_text` but the whitespace collapse.

    Fast path, same result: ASCII text has nothing for NFKC or either table
    to change.
    """
    if s.isascii():
        return s
    text = s
    for char in _INVISIBLE_CHARS:
        if char in text:
            text = text.replace(char, "")
    text = unicodedata.normalize("NFKC", text)
    # The typography table maps to ASCII starters (quote, hyphen, full stop),
    # which compose with nothing, so applying it after NFKC keeps idempotence.
    if not text.isascii():
        for char, plain in _TYPOGRAPHY_PAIRS:
            if char in text:
                text = text.replace(char, plain)
    return text


def collapse_each(texts: Sequence[str], characters: Callable[[str], str]) -> list[str]:
    """``[" ".join(characters(t).split()) for t in texts]``, running ``characters`` once.

    For per-character steps (replacing characters, removing them, NFKC): they
    run once over all texts joined by :data:`_PARA_SEP`, which is a starter
    that composes with nothing and is in no table, so each text comes out as it
    would alone (a text's leading combining mark still has no base to join).
    Only the whitespace collapse, in which the separator would vanish, runs per
    text. Texts that hold the separator themselves take the one-by-one path.
    """
    joined = _PARA_SEP.join(texts)
    if not texts or joined.count(_PARA_SEP) != len(texts) - 1:
        return [" ".join(characters(t).split()) for t in texts]
    return [" ".join(part.split()) for part in characters(joined).split(_PARA_SEP)]


def normalize_each(paragraphs: Sequence[str]) -> list[str]:
    """``[normalize_text(p) for p in paragraphs]``, faster (one pass of the character steps)."""
    return collapse_each(paragraphs, _character_forms)


def normalize_text_reference(s: str) -> str:
    """:func:`normalize_text` without its fast paths (the tests compare the two)."""
    text = unicodedata.normalize("NFKC", s.translate(_INVISIBLE)).translate(_TYPOGRAPHY)
    return " ".join(text.split())


def article_fingerprint(a: ArticleText) -> str:
    """xxh3-128 hex digest of the article's normalised text.

    Covers title, standfirst, byline and the non-empty paragraphs, in order.
    Deliberately *not* covered: published/updated dates, canonical URL and
    language. A bumped "updated at" timestamp is page metadata, not an edit.

    Changing what goes into this hash changes every stored fingerprint, which
    would make every article look edited on its next check; treat the recipe as
    a stored format.
    """
    return fingerprint_and_forms(a)[0]


def fingerprint_and_forms(a: ArticleText) -> tuple[str, list[str]]:
    """:func:`article_fingerprint` and ``[normalize_text(p) for p in a.paragraphs]``.

    The check path computes the forms anyway; handing them on lets the diff
    skip normalising the same paragraphs again (see
    :func:`newsdelta.core.diff.tokens.remember_plain_keys`).
    """
    forms = normalize_each(a.paragraphs)
    payload = _FIELD_SEP.join(
        (
            normalize_text(a.title),
            normalize_text(a.standfirst),
            normalize_text(a.byline),
            _PARA_SEP.join([form for form in forms if form]),
        )
    )
    return xxhash.xxh3_128_hexdigest(payload.encode("utf-8")), forms


def raw_body_hash(body: bytes) -> str:
    """xxh3-128 hex digest of raw response bytes.

    The fast path of a check: identical bytes to last time means nothing to
    parse (about 0.02 ms for a 160 KB page).
    """
    return xxhash.xxh3_128_hexdigest(body)


def wire_hash(coding: str, wire: bytes) -> str:
    """xxh3-128 hex digest of a compressed body as it came over the wire, with its coding.

    A page whose compressed bytes are the same as last time is the same page,
    and comparing them costs no inflating (about 0.15 ms for a gzipped 160 KB
    page). The coding is part of the digest, so a gzip stream and a deflate
    stream can never be taken for each other.
    """
    digest = xxhash.xxh3_128(coding.encode("ascii") + b"\0")
    digest.update(wire)
    return digest.hexdigest()


__all__ = [
    "article_fingerprint",
    "collapse_each",
    "fingerprint_and_forms",
    "normalize_each",
    "normalize_text",
    "raw_body_hash",
    "wire_hash",
]
