"""Cheap text features for labels: numbers, quotes, names, correction notices.

No NLP models: regular expressions and capitalisation heuristics, chosen to
be predictable and fast. Everything works on typography-folded text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from newsdelta.core.diff.tokens import alnum_key, fold

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "dozen", "dozens"]

_NUMBER_RE = re.compile(
    r"(?:(?<![\w.])[-+])?[$£€¥]?\d+(?:[.,:/]\d+)*(?:\s?(?:%|(?:percent|per cent|bn|m|k)\b))?"
)
"""A figure with its sign: -5% and 5% are different numbers (+5% and 5% are one; a
sign after a word character is a hyphen, as in COVID-19 or 2020-2021)."""
_THOUSANDS_COMMA_RE = re.compile(r",(?=\d{3}(?!\d))")
"""A comma that groups thousands (1,234): dropped, so 1,234 and 1234 are one figure;
a decimal comma (1,5 million) is kept, as 1,5 and 15 are not."""
_ALPHA_RE = re.compile(r"\b[A-Za-z]{3,9}\b")
# A regex alternation of ~60 words is tried at every position (slow on big
# texts); finding plain words in C and checking a set is several times faster.
_NUMBER_WORD_SET = frozenset(_NUMBER_WORDS)
NUMBER_WORDS = _NUMBER_WORD_SET | {"zero", "one", "first", "second", "third", "fourth", "fifth"}
"""Words that stand for a quantity: changing one is never a typo fix (sixty -> fifty)."""
_DATE_WORD_SET = frozenset(w.capitalize() for w in _MONTHS + _WEEKDAYS)

_QUOTE_RE = re.compile(r'"([^"]{3,})(?:"|$)')

_CORRECTION_RE = re.compile(
    r"\bcorrection\s*:"
    r"|\ban earlier version of this (?:article|story|report|piece)"
    r"|\bthis (?:article|story|report|piece) (?:has been|was) (?:updated|corrected|amended)"
    r"|\bupdated?\s*:"
    r"|\bclarification\s*:"
    r"|\beditor'?s note\s*:"
    r"|\bwe (?:have )?(?:corrected|amended) (?:this|the|an)",
    re.IGNORECASE,
)
_CORRECTION_WORDS = (
    "correct", "earlier version", "update", "amended", "clarification", "note"
)
"""Every :data:`_CORRECTION_RE` match contains one of these (lower-cased): a
substring test in C skips the regex, tried at every position, on most texts."""

_STARTERS = frozenset(
    ["a", "an", "the", "in", "on", "at", "of", "for", "to", "from", "by", "with", "as", "after", "before", "during", "since", "when", "while", "if", "but", "and", "or", "so", "yet", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this", "that", "these", "those", "there", "here", "however", "meanwhile", "moreover", "furthermore", "also", "still", "then", "now", "later", "earlier", "speaking", "according", "asked", "despite", "although", "though", "because", "many", "some", "several", "most", "few", "all", "both", "each", "other", "another", "one", "no", "not", "only", "what", "who", "why", "how", "where", "which", "more", "less", "last", "first", "next", "new", "officials", "police", "critics", "experts", "analysts", "residents", "witnesses"]
)
_CONNECTORS = frozenset(["of", "de", "del", "da", "di", "van", "von", "al", "bin", "la", "le", "du"])
_GAP_AND_WORD_RE = re.compile(r"([^\w'\-]*)([\w'\-]+)")
"""Each word (letters, digits, apostrophes, hyphens) with the text between it and the
word before: one ``findall`` hands the loop plain tuples, no match objects to query."""


def numbers(texts: Iterable[str]) -> Counter[str]:
    """Multiset of figures, amounts, percentages, number words and date words.

    ``texts`` must already be :func:`fold`-ed (callers fold once).
    """
    found: Counter[str] = Counter()
    for text in texts:
        for value in _NUMBER_RE.findall(text):
            figure = _THOUSANDS_COMMA_RE.sub("", value.lower()).replace(" ", "")
            found[figure.removeprefix("+")] += 1
        for word in _ALPHA_RE.findall(text):
            if word in _DATE_WORD_SET or word.lower() in _NUMBER_WORD_SET:
                found[word.lower()] += 1
    return found


def quotes(texts: Iterable[str]) -> Counter[str]:
    """Multiset of quoted passages (straight or curly double quotes), by word content.

    ``texts`` must already be :func:`fold`-ed.
    """
    found: Counter[str] = Counter()
    for text in texts:
        for m in _QUOTE_RE.finditer(text):
            key = alnum_key(m.group(1))
            if len(key) >= 3:
                found[key] += 1
    return found


def corrections(texts: Iterable[str]) -> list[str]:
    """Every correction/update notice phrase found, in order (``texts`` folded)."""
    out: list[str] = []
    for text in texts:
        lowered = text.lower()
        # Non-ASCII text keeps the regex: IGNORECASE folds a few letters
        # (long s, dotted I) that str.lower() does not.
        if not lowered.isascii() or any(word in lowered for word in _CORRECTION_WORDS):
            out.extend(m.group(0).lower() for m in _CORRECTION_RE.finditer(text))
    return out


_OPENERS = frozenset('.!?:;"(\u2022*-')
"""Characters after which a capital starts a sentence (or a list item)."""


def _runs(text: str) -> list[tuple[list[str], bool]]:
    """Capitalised word runs of ``text``, each with "starts a sentence".

    A run breaks at any punctuation between words (so "Oslo. Residents"
    is two runs) and after a possessive ("China's Foreign Ministry").
    """
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    pending: list[str] = []  # empty whenever ``current`` is
    at_start = False
    prev_char = "."
    for gap, word in _GAP_AND_WORD_RE.findall(text):
        capitalised = word[:1].isupper() and not word.isdigit()
        if not current and not capitalised:
            prev_char = word[-1]  # most words: no run open and none starts here
            continue
        stripped = gap.strip()
        if stripped and current:
            runs.append((current, at_start))
            current, pending = [], []
        before = stripped[-1] if stripped else prev_char
        prev_char = word[-1]
        if capitalised:
            if not current:
                at_start = before in _OPENERS
            current.extend(pending)
            pending = []
            possessive = word.endswith(("'s", "'"))
            current.append(word.removesuffix("'s").rstrip("'"))
            if possessive:
                runs.append((current, at_start))
                current = []
            continue
        if current and word.lower() in _CONNECTORS and not pending:
            pending = [word]
            continue
        if current:
            runs.append((current, at_start))
        current, pending = [], []
    if current:
        runs.append((current, at_start))
    return runs


def _is_w(char: str) -> bool:
    """Is ``char`` a regex ``\\w`` character (exactly: alphanumeric or underscore)?"""
    return char.isalnum() or char == "_"


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Start offsets of ``word`` in ``text`` (str.find: C speed, no regex scan)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


class KnownCapitals:
    """Answers "is this word capitalised somewhere mid-sentence?" lazily.

    Only one-word runs at a sentence start need the answer, so searching
    the whole article per question beats indexing every word up front.
    "Mid-sentence" means what the regex ``[\\w,;)]\\s+WORD\\b`` means: after
    whitespace that follows a word character, comma, semicolon or bracket.
    It is checked around each ``str.find`` hit, since a regex that starts
    with a character class is tried at every position of the text.
    """

    def __init__(self, folded_text: str) -> None:
        self._text = folded_text
        self._cache: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        hit = self._cache.get(word)
        if hit is None:
            hit = any(self._mid_sentence(at, word) for at in _occurrences(self._text, word))
            self._cache[word] = hit
        return hit

    def _mid_sentence(self, at: int, word: str) -> bool:
        text = self._text
        end = at + len(word)
        if _is_w(word[-1]) == _is_w(text[end : end + 1]):
            return False  # no word boundary after the word
        before = at - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before == at - 1 or before < 0:
            return False  # no whitespace before it, or it opens the text
        char = text[before]
        return _is_w(char) or char in ",;)"


def names(texts: Iterable[str], known: KnownCapitals | set[str] | None = None) -> set[str]:
    """Named people, organisations and places: capitalised word sequences.

    A run that opens a sentence loses its first word when that word is a
    common sentence starter ("The", "However"); a one-word run at a sentence
    start counts only if the word also appears capitalised mid-sentence
    (``known``), since "Speaking" or "Officials" would otherwise pass.
    Month and weekday names are dates (see :func:`numbers`), not names.
    """
    found: set[str] = set()
    for text in texts:
        for words, at_start in _runs(fold(text)):
            if at_start and words and words[0].lower() in _STARTERS:
                words = words[1:]
                if words and words[0].lower() in _CONNECTORS:
                    words = words[1:]
            words = [w for w in words if w.lower() not in _MONTHS and w.lower() not in _WEEKDAYS]
            if not words:
                continue
            if at_start and len(words) == 1 and (known is None or words[0] not in known):
                continue
            if words == ["I"]:
                continue
            found.add(" ".join(words))
    return found


def mid_sentence_capitals(texts: Iterable[str]) -> set[str]:
    """Capitalised words seen not at a sentence start: evidence they are names."""
    seen: set[str] = set()
    for text in texts:
        for words, at_start in _runs(fold(text)):
            seen.update(words[1:] if at_start else words)
    return seen


def mentions(folded_text: str, name: str) -> bool:
    """Does ``folded_text`` (already :func:`fold`-ed) mention ``name`` as whole words?"""
    if not name:
        return False
    first, last = _is_w(name[0]), _is_w(name[-1])
    for at in _occurrences(folded_text, name):
        end = at + len(name)
        # Regex \b on both sides: a word/non-word change at each edge.
        if first != _is_w(folded_text[at - 1 : at]) and last != _is_w(folded_text[end : end + 1]):
            return True
    return False
