"""Does a fresh extraction become a new version? A pure decision.

The pipeline has already ruled out a 304 and identical raw bytes; this module
sees an extracted :class:`ArticleText` and answers with a :class:`Verdict`:

1. ``UNCHANGED``: its fingerprint equals the latest version's. Fingerprints use
   :func:`newsdelta.core.normalize.normalize_text`, so whitespace and
   typography noise (curly quotes, NBSP, soft hyphens, dash variants) are
   unchanged by construction.
2. ``REFUSED``: the extraction looks broken: empty, an error page, a paywall
   stub, too few words, or far shorter than the last good version. The
   pipeline records a check event with the reason, never a version.
3. ``FLIP_FLOP``: the text was already stored twice for this article (News
   Sniffer's rule): a page oscillating between two texts (A/B tests, caches
   out of step) must not add a version on every check.
4. ``NEW`` otherwise.

The phrase lists are English; they only fire on *short* texts, where a
real article containing "access denied" or "error 404" is implausible.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from newsdelta.core.model import ArticleText
from newsdelta.core.normalize import article_fingerprint, normalize_text

if TYPE_CHECKING:  # core/ must not import settings at run time (see docs/architecture.md)
    from newsdelta.settings import Settings


@dataclass(frozen=True)
class VersionPolicy:
    """Thresholds of the broken-extraction check."""

    shrink_ratio: float = 0.5
    """Refuse a text with fewer words than this fraction of the last good version."""
    min_words: int = 20
    """Refuse a text with fewer words than this (title + paragraphs)."""
    short_text_words: int = 150
    """Error-page and paywall phrases only count in texts shorter than this."""
    accept_shrink_after: int = 3
    """A far shorter text refused this many checks in a row is a real cut: accept it.
    Without this, an article an editor really halved would never get a new version."""

    @classmethod
    def from_settings(cls, settings: Settings) -> VersionPolicy:
        return cls(shrink_ratio=settings.shrink_ratio, min_words=settings.min_words)


class Verdict(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    FLIP_FLOP = "flip_flop"
    REFUSED = "refused"


@dataclass(frozen=True)
class VersionDecision:
    verdict: Verdict
    fingerprint: str
    """Fingerprint of the new extraction (stored with the version or the check)."""
    reason: str
    """Why, in a few words; for REFUSED the broken-extraction reason."""


# Matched on normalize_text(...).lower(), so curly apostrophes are already
# straight. A bare "404" or "not found" is not enough: short news items say
# "404 dead" or "body not found". A title that is just a status code ("404",
# "Error 503", "404 - Oops") is checked separately.
_ERROR_PAGE = re.compile(
    r"\b(?:page not found|error 404|404 error|404 not found|http 404|"
    r"error 50[0-9]|something went wrong|access denied|service unavailable|"
    r"temporarily unavailable|internal server error|"
    r"the page you (?:are looking for|requested)|this page (?:doesn't|does not) exist|"
    r"verify you are (?:a )?human|are you a robot|enable javascript and cookies)\b"
)
_ERROR_TITLE = re.compile(r"^(?:error |http )?[45]\d\d(?: error)?(?: -.*)?$")
_PAYWALL = re.compile(
    r"\b(?:subscribe to (?:continue|keep) reading|subscribe to read|"
    r"this (?:content|article|story) is (?:only available )?for subscribers|"
    r"(?:for|to) subscribers only|subscribers only|"
    r"you(?: have|'ve) reached your (?:limit|maximum) of free articles|"
    r"you(?: have|'ve) read all your free articles|"
    r"sign in to (?:read|continue)|log in to (?:read|continue)|"
    r"already a subscriber|become a subscriber)\b"
)


def broken_extraction_reason(
    new: ArticleText,
    last_good: ArticleText | None,
    policy: VersionPolicy,
    *,
    refused_streak: int = 0,
    last_good_words: int | None = None,
) -> str | None:
    """Why ``new`` is not a usable version, or ``None`` when it is fine.

    Checks, in order (the first that fires is the reason): ``empty``,
    ``error page ("...")`` and ``paywall stub ("...")`` (short texts only),
    ``no paragraphs``, ``no title``, ``too short (N words, minimum M)``, ``far shorter than last
    version (N vs M words)``.

    ``refused_streak``: how many checks in a row before this one refused this
    same text; once it reaches ``policy.accept_shrink_after`` the shrink rule
    (and only that rule) gives way. ``last_good_words``: ``last_good.word_count`` when
    the caller knows it already (the store keeps every version's count).
    """
    title = normalize_text(new.title)
    # Only emptiness matters for long texts: stop at the first non-empty paragraph.
    has_paragraphs = any(normalize_text(p) for p in new.paragraphs)
    if not title and not has_paragraphs:
        return "empty"
    words = new.word_count
    # Stub and error phrases first: a paywall page often has no body paragraphs at
    # all, and "paywall stub" tells the reader more than "no paragraphs".
    if words < policy.short_text_words:
        paragraphs = [normalize_text(p) for p in new.paragraphs]
        text = " ".join([title, normalize_text(new.standfirst), *paragraphs]).lower()
        if _ERROR_TITLE.match(title.lower()):
            return f'error page ("{title.lower()}")'
        if match := _ERROR_PAGE.search(text):
            return f'error page ("{match.group(0)}")'
        if match := _PAYWALL.search(text):
            return f'paywall stub ("{match.group(0)}")'
    if not has_paragraphs:
        return "no paragraphs"
    if not title:
        return "no title"
    if words < policy.min_words:
        return f"too short ({words} words, minimum {policy.min_words})"
    if last_good is not None and refused_streak < policy.accept_shrink_after:
        before = last_good_words if last_good_words is not None else last_good.word_count
        if words < policy.shrink_ratio * before:
            return f"far shorter than last version ({words} vs {before} words)"
    return None


def decide(
    new: ArticleText,
    *,
    last_fingerprint: str | None,
    last_good: ArticleText | None,
    seen_counts: Mapping[str, int],
    policy: VersionPolicy,
    refused_streak: int = 0,
    fingerprint: str | None = None,
    last_good_words: int | None = None,
) -> VersionDecision:
    """Decide what a fresh extraction of a tracked article is.

    ``last_fingerprint``: fingerprint of the article's latest stored version
    (``None`` for a new article). ``last_good``: that version's text, for the
    shrink check. ``seen_counts``: how many stored versions of this article
    have each fingerprint. ``refused_streak``: how many checks in a row
    refused this same fingerprint just before (see
    :func:`broken_extraction_reason`); 0 if the caller does not track it.
    ``fingerprint``: ``article_fingerprint(new)`` if the caller has it already;
    ``last_good_words``: ``last_good.word_count``, likewise.
    """
    fp = fingerprint or article_fingerprint(new)
    if fp == last_fingerprint:
        return VersionDecision(Verdict.UNCHANGED, fp, "same text as the latest version")
    broken = broken_extraction_reason(
        new, last_good, policy, refused_streak=refused_streak, last_good_words=last_good_words
    )
    if broken is not None:
        return VersionDecision(Verdict.REFUSED, fp, broken)
    times = seen_counts.get(fp, 0)
    if times >= 2:
        return VersionDecision(
            Verdict.FLIP_FLOP, fp, f"text already stored {times} times (flip-flop)"
        )
    if last_fingerprint is None:
        return VersionDecision(Verdict.NEW, fp, "first version")
    if times == 1:
        return VersionDecision(Verdict.NEW, fp, "changed back to an earlier text")
    return VersionDecision(Verdict.NEW, fp, "text changed")


__all__ = [
    "Verdict",
    "VersionDecision",
    "VersionPolicy",
    "broken_extraction_reason",
    "decide",
]


def stub_phrase_in_page(page_text: str) -> str | None:
    """Why a page whose extraction was empty looks like a stub, from its visible text.

    Extractors drop a paywall's "Subscribe to continue reading" box as page
    chrome, leaving only "no paragraphs"; the page's own words say more.
    """
    text = normalize_text(page_text).lower()
    if match := _PAYWALL.search(text):
        return f'paywall stub ("{match.group(0)}")'
    if match := _ERROR_PAGE.search(text):
        return f'error page ("{match.group(0)}")'
    return None
