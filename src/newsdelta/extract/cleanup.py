"""Post-processing of body paragraphs: the rules behind the ``/ndN`` version suffix.

Extractors leave debris around an article's body: the headline or standfirst
repeated as a first paragraph, a "By Jane Smith" line, a dateline such as
"Updated 12 seconds ago", an "Advertisement" label. Such lines are not the
article, and some of them change on every request, so they must go before
versions are compared. The rules are deliberately narrow: a real paragraph
that merely starts with "By then, ..." or mentions a date stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdelta.extract._text import one_line

_MAX_META_WORDS = 12
_MAX_PREFIX_WORDS = 5  # the longest _DATE_PREFIX, "mis à jour le :", is five words
# "By" in the languages newsdelta meets most: en, fr, de, es/pt, nl, it, sv/da/no.
_BYLINE = re.compile(r"^(?:by|par|von|por|door|di|da|av|af)\s+\S", re.IGNORECASE)
_BYLINE_JOINERS = frozenset({"and", "&", "in", "of", "de", "van", "von", "da", "der", "and,"})
_SENTENCE_END = tuple(".!?;:\"”’»)")
_DATE_PREFIX = re.compile(
    r"^(?:first\s+published|last\s+updated|last\s+modified|published|updated|posted|modified"
    r"|publié|mis\s+à\s+jour|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato)"
    r"(?:\s+on|\s+at|\s+le|\s+am|\s+el)?\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_DATE_WORDS_TEXT = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december mon monday tue tues tuesday wed "
    "wednesday thu thur thurs thursday fri friday sat saturday sun sunday am pm a.m. p.m. "
    "gmt bst utc cet cest est edt pst pdt et pt ist on at ago just now second seconds minute "
    "minutes min mins hour hours hr hrs day days week weeks today yesterday | , · • - "
    # fr / de / es month names and joining words, for datelines such as
    # "Publié le 2 mars 2024 à 06h00" or "Veröffentlicht: 03.06.2024, 08:15 Uhr"
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "januar februar märz juni juli oktober dezember enero febrero marzo abril mayo junio julio "
    "agosto septiembre octubre noviembre diciembre le à am um uhr de del h"
)
_DATE_WORDS = frozenset(_DATE_WORDS_TEXT.split(" "))
_DATE_TOKEN = re.compile(
    r"^\d{1,4}(?:st|nd|rd|th)?(?:[:.h]\d{2})*(?:am|pm)?$|^\d{1,4}([-/.])\d{1,2}\1\d{1,4}$"
)
_CHROME_LINES = frozenset(
    {"advertisement", "advert", "ad", "sponsored", "share", "share this article", "share this",
     "skip advertisement", "story continues below advertisement", "continue reading",
     "read more", "listen to this article"}
)


def _key(text: str) -> str:
    line: str = one_line(text)
    return line.casefold()


def is_byline_line(text: str, byline: str = "") -> bool:
    """A short "By Name and Name" line (or the page's known byline)."""
    words = text.split()
    if byline and _key(text).endswith(_key(byline)):
        prefix = text[: len(text) - len(byline)].split()
        if len(prefix) <= 1:  # the byline alone, or "By"/"Par"/"Von" + the byline
            return True
    if not _BYLINE.match(text) or len(words) > _MAX_META_WORDS or text.endswith(_SENTENCE_END):
        return False
    return all(w[:1].isupper() or w.lower() in _BYLINE_JOINERS or not w[:1].isalpha() for w in words[1:])


def is_dateline(text: str) -> bool:
    """A one-line text (single spaces) that is nothing but a date/time stamp ("Updated 12
    seconds ago")."""
    if text.count(" ") > _MAX_META_WORDS + _MAX_PREFIX_WORDS:
        return False  # most body paragraphs: far too long to be a stamp, no tokenising
    rest = _DATE_PREFIX.sub("", text, count=1)
    tokens = [t.strip(",()") for t in rest.lower().split()]
    tokens = [t if t in _DATE_WORDS else t.rstrip(".") for t in tokens]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > _MAX_META_WORDS:
        return False
    has_anchor = any(any(ch.isdigit() for ch in t) or t in {"ago", "now", "today", "yesterday"} for t in tokens)
    return has_anchor and all(t in _DATE_WORDS or _DATE_TOKEN.match(t) for t in tokens)


def clean_paragraphs(
    paragraphs: Iterable[str], *, title: str, standfirst: str, byline: str
) -> tuple[str, ...]:
    """One-line, non-empty body paragraphs without repeated headline/standfirst or meta lines."""
    title_key, standfirst_key = _key(title), _key(standfirst)
    kept: list[str] = []
    for raw in paragraphs:
        text = one_line(raw)
        key = text.casefold()
        if not text or key in _CHROME_LINES or (title_key and key == title_key):
            continue
        if not kept and standfirst_key and key == standfirst_key:
            continue  # the standfirst repeated as the body's first paragraph
        if is_byline_line(text, byline) or is_dateline(text):
            continue
        kept.append(text)
    return tuple(kept)


__all__ = ["clean_paragraphs", "is_byline_line", "is_dateline"]
