"""Sentence splitting: pysbd, an exact fast path, a bounded cache and a cheap fallback.

pysbd (a port of the Golden Rules sentence boundary rules) handles
abbreviations ("Mr.", "U.S."), decimals and quotes well but costs roughly
2.5 µs per character (~0.5 ms per news paragraph). Three things keep diffs
fast and bounded:

* most news paragraphs are *easy*: every full stop, ``!`` or ``?`` ends a
  sentence (a lower-case or capitalised word of two or more letters that is
  not an abbreviation, or a word's closing quote or a figure's per cent sign
  (``trust”.``, ``52%.``), optionally a closing double quote, one space, then a
  capital, or a free-standing figure (``in 2024.``, ``rose to 7.``) unless
  pysbd would read the paragraph's short figures as a numbered list;
  "Mr. Smith" is no boundary) and quotes and brackets balance
  inside each sentence. On such a
  paragraph pysbd's answer is known, so :func:`_split_easy` gives it with
  one regular expression (~50x faster). Anything else (abbreviations,
  initials, numbered lists, ellipses, newlines, double spaces, unbalanced
  or nested quotes...) goes to pysbd. ``tests/diff/test_sentences.py``
  checks the two agree on every easy paragraph of the corpus and on
  generated ones;
* results are cached per paragraph text (bounded LRU), since consecutive
  versions of an article share most paragraphs;
* when the text to split exceeds :data:`PYSBD_CHAR_BUDGET`, a regular
  expression splitter is used for the whole diff (coarser near
  abbreviations, but linear and fast). Old and new always use the same
  splitter so their sentences stay comparable.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import pysbd
from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.utils import TextSpan

PYSBD_CHAR_BUDGET = 60_000
"""Most characters one diff may hand to pysbd before switching to the regex splitter."""

class _Segmenter(pysbd.Segmenter):  # type: ignore[misc]
    r"""pysbd's segmenter, locating its sentences in the text with ``str.find``.

    pysbd finds each sentence it made in the original text with
    ``re.finditer(re.escape(sentence) + r"\s*", text)``: one new regular
    expression per sentence. Compiling it costs more than segmenting, and the
    flood of one-off patterns evicts everyone else's from ``re``'s 512-entry
    cache (trafilatura then recompiles its own on the next page). This does
    the same search with string methods: the first non-overlapping occurrence,
    plus the whitespace after it, that ends past the previous sentence
    (``tests/diff/test_sentences.py`` checks it against pysbd's own method).
    """

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        text: str = self.original_text
        spans: list[TextSpan] = []
        prior_end = 0
        for sentence in sentences:
            if not sentence:  # an empty pattern matches everywhere: pysbd's way
                spans.extend(super().sentences_with_char_spans([sentence])[:1])
                continue
            at = text.find(sentence)
            while at >= 0:
                end = at + len(sentence)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[at:end], at, end))
                    prior_end = end
                    break
                at = text.find(sentence, end)
        return spans


_SEGMENTER = _Segmenter(language="en", clean=False, char_span=False)

_FAST_RE = re.compile(r".+?(?:[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])|$)\s*", re.DOTALL)


class Sentence(NamedTuple):
    """A sentence of the body: its text and where it sits.

    A named tuple rather than a frozen dataclass: a diff makes one per
    sentence of both versions, and tuples are several times cheaper to build.
    """

    text: str
    paragraph: int
    start: int
    """Character offset of ``text`` inside its paragraph."""


def _rebase(paragraph: str, pieces: list[str]) -> tuple[tuple[int, str], ...]:
    """Locate pieces in ``paragraph``; return (offset, text) covering it fully.

    pysbd may drop or alter whitespace; rebuilding spans from the original
    text keeps offsets exact so sentence spans can mark word ops.
    """
    spans: list[tuple[int, str]] = []
    pos = 0
    for piece in pieces:
        core = piece.strip()
        if not core:
            continue
        found = paragraph.find(core, pos)
        if found < 0:
            # Splitter changed the text: give up on this split, keep one span.
            return ((0, paragraph),)
        if spans:
            prev_start, _ = spans[-1]
            spans[-1] = (prev_start, paragraph[prev_start:found])
        elif found > 0:
            found = 0
        spans.append((found, paragraph[found:]))
        pos = found + len(core)
    if not spans:
        return ((0, paragraph),) if paragraph else ()
    return tuple(spans)


_QUOTE_BOUNDARY_RE = re.compile(r"(?<=[.!?][\u201d\"])\s+(?=[\u201c\"][A-Z])")
"""pysbd keeps `...trust.” “China is...` together; a closing quote after a full
stop followed by an opening quote and a capital is a boundary in news copy."""


def _split_pysbd(paragraph: str) -> tuple[tuple[int, str], ...]:
    pieces: list[str] = []
    for piece in _SEGMENTER.segment(paragraph):
        parts = _QUOTE_BOUNDARY_RE.split(piece)
        pieces.extend(parts)
    return _rebase(paragraph, pieces)


_PYSBD_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS)
_EASY_END_RE = re.compile(r"[.!?][\u201d\"]?(?: (?=[\u201c\"(]?[A-Z])|$)")
"""One terminator, an optional closing double quote, then one space before a
capital (or an opening quote or bracket and a capital), or the end."""
_DETACHED = (" \u201d", " )", "\u201c ", "( ", ' " ')
"""A quote or bracket standing apart from its words: pysbd treats these specially."""
_NESTED_RE = re.compile(r"\([^()]*\(")
_CLOSED_THEN_CAPITAL_RE = re.compile(r"[^.!?,][\u201d\")] [\u201c\"(]?[A-Z]")
"""``“In” Paris`` or ``(Reuters) Smith``: pysbd may end a sentence at a closing
quote or bracket without a full stop when it opened the sentence."""
_CLOSERS = frozenset("\u201d\"%")
"""A closing quote or a per cent sign right before the terminator (`trust”.`, `52%.`)."""
_TITLES = frozenset(["Mr", "Mrs", "Ms", "Dr"])
"""Titles before a name, common in news copy: ``Mr. Smith`` is not a boundary."""


_NUMBERED_LIST_RE = re.compile(ListItemReplacer.NUMBERED_LIST_REGEX_1)
"""pysbd's own pattern for the numbers of a numbered list (``1. ``, `` 2.)`` ...)."""


def _numbered_list(paragraph: str) -> bool:
    """Would pysbd read some one- or two-digit figures of ``paragraph`` as a numbered list?

    pysbd (``ListItemReplacer.scan_lists``) collects every such figure followed
    by a full stop and treats them as list items only where two found one after
    the other count up by one (or run 9, 0). Then it moves sentence boundaries;
    otherwise a figure before a full stop is an ordinary word. Counting down is
    refused too: that only sends a paragraph to pysbd itself.
    """
    found = [int(figure) for figure in _NUMBERED_LIST_RE.findall(paragraph)]
    return any(abs(a - b) == 1 or {a, b} == {0, 9} for a, b in pairwise(found))


def _balanced(sentence: str) -> bool:
    return (
        sentence.count("\u201c") == sentence.count("\u201d")
        and sentence.count('"') % 2 == 0
        and sentence.count("(") == sentence.count(")")
    )


def _terminators(paragraph: str) -> int:
    """Count of ``.``, ``!`` and ``?``, not counting decimal points (digit.digit)."""
    count = paragraph.count("!") + paragraph.count("?")
    at = paragraph.find(".")
    while at >= 0:
        if not (
            paragraph[at - 1 : at].isdecimal() and paragraph[at + 1 : at + 2].isdecimal()
        ):
            count += 1
        at = paragraph.find(".", at + 1)
    return count


def _word_before(text: str, end: int) -> str:
    """The run of word characters (regex ``\\w``) ending at ``end``."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]


def _split_easy(paragraph: str) -> tuple[tuple[int, str], ...] | None:
    """pysbd's split of an easy paragraph (see module docstring), else None.

    Written with ``str`` methods and one anchored-by-terminator regex: this
    runs on every paragraph of a first diff, so it must cost microseconds.
    """
    # Only single spaces between words: no newlines, tabs, exotic, doubled
    # or edge spaces (str.split/join is exact for this and runs in C).
    if " ".join(paragraph.split()) != paragraph:
        return None
    if any(d in paragraph for d in _DETACHED):
        return None
    if "(" in paragraph and _NESTED_RE.search(paragraph):
        return None
    if _CLOSED_THEN_CAPITAL_RE.search(paragraph):
        return None
    spans: list[tuple[int, str]] = []
    pos = 0
    titles = 0
    numbered: bool | None = None  # _numbered_list(paragraph), once a short figure needs it
    for match in _EASY_END_RE.finditer(paragraph):
        end = match.start()
        closer = paragraph[end - 1 : end]
        if closer in _CLOSERS:
            # `of trust”.` / `a "disgrace".` / `52%.`: pysbd ends the sentence
            # when a word (or, for %, a figure) comes right before the closer.
            before = paragraph[end - 2 : end - 1]
            if not (before.isdecimal() if closer == "%" else before.isalpha()):
                return None
        else:
            word = _word_before(paragraph, end)
            if word.isdecimal():
                # `in 2024.`, `rose to 7.`: a boundary for pysbd. `3.5`/`3,000`/`3-100`
                # have their own rules, so only a free-standing figure qualifies, and
                # one of one or two digits only outside a numbered list.
                if paragraph[end - len(word) - 1 : end - len(word)] != " ":
                    return None
                if len(word) < 3:
                    if numbered is None:
                        numbered = _numbered_list(paragraph)
                    if numbered:
                        return None
            elif word in _TITLES and match.group(0) == ". " and paragraph[match.end()].isalpha():
                # "Mr. Smith": pysbd never ends a sentence after a title followed
                # by a capitalised name (checked against it in the tests). Before an
                # opening quote or bracket it may (`"Mr. "Mr. “Oslo,” she said.`):
                # the abbreviation check below sends those to pysbd.
                titles += 1
                continue
            elif len(word) < 2 or not word.isalpha() or word.isupper():
                return None  # initials, short numbers, acronyms: pysbd has special rules
            elif word.lower() in _PYSBD_ABBREVIATIONS:
                return None
        sentence = paragraph[pos : match.end()]
        if not _balanced(sentence):
            return None
        spans.append((pos, sentence))
        pos = match.end()
    # Every terminator must have been a boundary, and the text must end at one.
    if pos != len(paragraph) or len(spans) + titles != _terminators(paragraph):
        return None
    return tuple(spans)


@lru_cache(maxsize=8192)
def _split_exact(paragraph: str) -> tuple[tuple[int, str], ...]:
    """pysbd's sentences (plus the quote rule), via the fast path when it is exact."""
    easy = _split_easy(paragraph)
    return easy if easy is not None else _split_pysbd(paragraph)


def clear_cache() -> None:
    """Forget cached splits (benchmarks use it to measure a cold start)."""
    _split_exact.cache_clear()


_ABBREV_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|vs|Inc|Co|No)"
    r"|\b[A-Z](?:\.[A-Z])*)\.$"
)


def _split_fast(paragraph: str) -> tuple[tuple[int, str], ...]:
    pieces: list[str] = []
    for match in _FAST_RE.finditer(paragraph):
        piece = match.group(0)
        # Glue pieces cut after an abbreviation ("Mr.", "U.S.") to what follows.
        if pieces and _ABBREV_RE.search(pieces[-1].rstrip()):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return _rebase(paragraph, pieces)


def split_paragraph(paragraph: str, *, fast: bool = False) -> tuple[tuple[int, str], ...]:
    """Sentences of one paragraph as (offset, text); texts concatenate to the paragraph."""
    if not paragraph:
        return ()
    if fast:
        return _split_fast(paragraph)
    return _split_exact(paragraph)


def split_paragraphs(
    paragraphs: tuple[str, ...], indices: list[int], *, fast: bool
) -> dict[int, list[Sentence]]:
    """Split the paragraphs at ``indices``; map paragraph index -> its sentences."""
    out: dict[int, list[Sentence]] = {}
    for i in indices:
        out[i] = [Sentence(t, i, s) for s, t in split_paragraph(paragraphs[i], fast=fast)]
    return out
