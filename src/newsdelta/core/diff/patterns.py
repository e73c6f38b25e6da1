"""Cheap text features for labels: numbers, quotes, names, correction notices.

No NLP models: regular expressions and capitalisation heuristics, chosen to
be predictable and fast. Everything works on typography-folded text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from newsdelta.core.diff.tokens import alnum_key, fold

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "dozen", "dozens"]

_NUMBER_RE = re.compile(
    r"[$£€¥]?\d+(?:[.,:/]\d+)*(?:\s?(?:%|(?:percent|per cent|bn|m|k)\b))?"
    r"|\b(?i:" + "|".join(_NUMBER_WORDS) + r")\b"
    r"|\b(?:" + "|".join(w.capitalize() for w in _MONTHS + _WEEKDAYS) + r")\b",
)

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

_STARTERS = frozenset(
    ["a", "an", "the", "in", "on", "at", "of", "for", "to", "from", "by", "with", "as", "after", "before", "during", "since", "when", "while", "if", "but", "and", "or", "so", "yet", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this", "that", "these", "those", "there", "here", "however", "meanwhile", "moreover", "furthermore", "also", "still", "then", "now", "later", "earlier", "speaking", "according", "asked", "despite", "although", "though", "because", "many", "some", "several", "most", "few", "all", "both", "each", "other", "another", "one", "no", "not", "only", "what", "who", "why", "how", "where", "which", "more", "less", "last", "first", "next", "new", "officials", "police", "critics", "experts", "analysts", "residents", "witnesses"]
)
_CONNECTORS = frozenset(["of", "de", "del", "da", "di", "van", "von", "al", "bin", "la", "le", "du"])
_WORD_RE = re.compile(r"[\w'\-]+")
_SENTENCE_START_RE = re.compile(r'(?:^|[.!?:;]\s+|"\s*|\(\s*)$')


def numbers(texts: Iterable[str]) -> Counter[str]:
    """Multiset of figures, amounts, percentages and date words."""
    found: Counter[str] = Counter()
    for text in texts:
        for m in _NUMBER_RE.finditer(fold(text)):
            found[m.group(0).lower().replace(",", "").replace(" ", "")] += 1
    return found


def quotes(texts: Iterable[str]) -> Counter[str]:
    """Multiset of quoted passages (straight or curly double quotes), by word content."""
    found: Counter[str] = Counter()
    for text in texts:
        for m in _QUOTE_RE.finditer(fold(text)):
            key = alnum_key(m.group(1))
            if len(key) >= 3:
                found[key] += 1
    return found


def corrections(texts: Iterable[str]) -> list[str]:
    """Every correction/update notice phrase found, in order."""
    out: list[str] = []
    for text in texts:
        out.extend(m.group(0).lower() for m in _CORRECTION_RE.finditer(fold(text)))
    return out


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _runs(text: str) -> list[tuple[list[str], bool]]:
    """Capitalised word runs of ``text``, each with "starts a sentence"."""
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    at_start = False
    pending: list[str] = []
    for m in _WORD_RE.finditer(text):
        word = m.group(0)
        if _is_cap(word) and not word.isdigit():
            if not current:
                at_start = bool(_SENTENCE_START_RE.search(text[: m.start()]))
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


class KnownCapitals:
    """Answers "is this word capitalised somewhere mid-sentence?" lazily.

    Only one-word runs at a sentence start need the answer, so searching
    the whole article per question beats indexing every word up front.
    """

    def __init__(self, text: str) -> None:
        self._text = fold(text)
        self._cache: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        hit = self._cache.get(word)
        if hit is None:
            pattern = r"[\w,;)]\s+(?:" + re.escape(word) + r")\b"
            hit = re.search(pattern, self._text) is not None
            self._cache[word] = hit
        return hit


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
