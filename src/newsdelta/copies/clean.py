"""Strip boilerplate and scraper debris before scoring, and keep it as evidence.

Republished articles carry chrome that says nothing about whether the *story*
was copied ("Read more", "Source link -87", copyright footers) but some of it
says a lot about *who wrote it first* ("MOSCOW (Reuters) –", "Associated Press
contributed"). So the cleaner does two jobs: it removes those lines from the
text that gets shingled and aligned, and it returns them as :class:`Stripped`
evidence plus the agencies they name as :class:`Credit`.

Rules are line/paragraph level and anchored, so a sentence in the story that
merely mentions Reuters is never removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdelta.copies.model import CleanText, Credit, Stripped

# Canonical agency keys and the names that point at them. Outlets that are not
# agencies are matched by their normalised name (see canonical_agency).
_AGENCY_ALIASES: dict[str, tuple[str, ...]] = {
    "reuters": ("thomson reuters", "reuters"),
    "ap": ("associated press", "ap"),
    "afp": ("agence france-presse", "agence france presse", "afp"),
    "bloomberg": ("bloomberg news", "bloomberg"),
    "dpa": ("dpa",),
    "efe": ("efe",),
    "ansa": ("ansa",),
}
_AGENCY_NAMES = "|".join(
    sorted({re.escape(a) for names in _AGENCY_ALIASES.values() for a in names}, key=len, reverse=True)
)

# "MOSCOW (Reuters) – ", "(AP) — ", "PARIS, March 3 (AFP) - "
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z .,'’/-]{{0,60}}?\s*)?\((?P<agency>{_AGENCY_NAMES})\)\s*[-–—:]\s*",
    re.IGNORECASE,
)
# "... said. — AFP" / "... (AP)" at the end of the last paragraph
_TRAILING_CREDIT = re.compile(rf"\s*(?:[-–—]\s*|\()(?P<agency>{_AGENCY_NAMES})\)?\s*$", re.IGNORECASE)
# Whole-paragraph credit lines.
_CONTRIBUTED = re.compile(
    rf"^\s*(?:the\s+)?(?P<agency>{_AGENCY_NAMES})\b.{{0,40}}\bcontributed\b.{{0,40}}$", re.IGNORECASE
)
_REPORTING = re.compile(
    r"^\s*\(?\s*(?:reporting|report|writing|additional reporting|edited|editing)\b.{0,200}\)?\s*\.?$",
    re.IGNORECASE,
)
# A credit line is a list of names: besides capitalised words only these (lower-cased)
# words may appear in it. "Reporting by Reuters last year showed that..." is a sentence.
_CREDIT_WORDS = frozenset(
    [
        "reporting", "report", "reported", "writing", "written", "editing", "edited", "additional",
        "contributing", "compiled", "compiling", "graphics", "photos", "photo", "video",
        "production", "produced", "translation", "translated", "version", "french", "english",
        "german", "spanish", "arabic", "chinese", "russian", "italian", "portuguese", "japanese",
        "by", "and", "in", "from", "with", "of", "the", "at", "for", "on", "de", "del", "della",
        "di", "da", "van", "von", "der", "den", "la", "le", "du", "al", "el", "bin", "staff",
        "newsroom", "desk", "bureau", "team",
    ]
)
# Whole-paragraph credits: "Source: Reuters", "Credit: AFP", "Sources: AP, Reuters".
# The name must start with a capital ("Source link -87" is debris).
_SOURCE_LINE = re.compile(
    r"^\s*(?i:sources?|credits?|courtesy(?:\s+of)?|via)\s*:?\s+(?P<name>[A-Z][\w .&'’/,-]{0,60}?)\s*\.?\s*$"
)
# "Reuters", "(Reuters)", "- Reuters", "— AFP", "With Reuters", "With AFP and AP", "Reuters/AP".
_AGENCY_LINE = re.compile(
    rf"^\s*(?:[-–—]\s*|with\s+|by\s+)?\(?\s*(?:{_AGENCY_NAMES})"
    rf"(?:\s*(?:[,/&]|\band\b)\s*(?:{_AGENCY_NAMES}))*\s*\)?\s*\.?\s*$",
    re.IGNORECASE,
)
# "This article first appeared in The Morning Ledger." / "Originally published by X."
_APPEARED = re.compile(
    r"^\s*(?:this (?:article|story) )?(?:was )?(?:first|originally) (?:appeared|published)"
    r"(?: (?:in|on|by))? (?P<name>[A-Z][\w .&'-]{1,60}?)\.?\s*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_RIGHTS = re.compile(r"all rights reserved", re.IGNORECASE)
_DEBRIS = re.compile(
    r"^\s*(?:source\s+link\b.*|advertisement|ad|-?\d+|[\W_]+|"
    r"(?:this )?story (?:has been|was) (?:auto-)?(?:generated|published) from .{0,80})\s*$",
    re.IGNORECASE,
)
_PROMPTS = re.compile(
    r"^\s*(?:read more|read also|also read|related|recommended|more on this|click here|"
    r"subscribe|sign up|share (?:this|on)|follow us|tap here|download (?:our|the) app|"
    r"continue reading|watch:|listen:|tags?:)\b.{0,160}$",
    re.IGNORECASE,
)


# Newsletter chrome anywhere in a short paragraph: "Get the latest ... Sign up for our
# free daily newsletter ...", "Subscribe to our newsletter".
_NEWSLETTER = re.compile(
    r"\b(?:sign up|subscribe|register)\b.{0,40}\bnewsletters?\b"
    r"|\bnewsletters?\b.{0,40}\b(?:sign up|subscribe)\b"
    r"|\bdelivered (?:straight |directly )?to your inbox\b",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(r"^\s*(?:disclaimer|disclosure)\s*:", re.IGNORECASE)


def canonical_agency(name: str) -> str:
    """Map an agency or outlet name to one key: "Thomson Reuters" -> "reuters".

    Unknown outlets become their lower-cased alphanumeric name, so "The Daily
    Post" credits match an outlet called "daily-post" only if the names agree.
    """
    low = " ".join(name.lower().replace("’", "'").split())
    for key, aliases in _AGENCY_ALIASES.items():
        if low in aliases or low == key:
            return key
    low = re.sub(r"^the\s+", "", low)
    return re.sub(r"[^a-z0-9]+", "", low)


def credits_in(text: str) -> list[Credit]:
    """Agencies named anywhere in a credit/footer line (not used on story text)."""
    found: list[Credit] = []
    for m in re.finditer(rf"\b(?:{_AGENCY_NAMES})\b", text, re.IGNORECASE):
        key = canonical_agency(m.group(0))
        if all(c.agency != key for c in found):
            found.append(Credit(agency=key, evidence=text.strip()[:200]))
    return found


def _is_name_list(par: str) -> bool:
    """Only capitalised words and credit vocabulary ("Reporting by X; Editing by Y")."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", par)
    return all(w[0].isupper() or w.lower().strip(".") in _CREDIT_WORDS for w in words)


def _classify_line(par: str) -> str | None:
    """The reason a whole paragraph is chrome, or None when it is story text."""
    if _DEBRIS.match(par):
        return "debris"
    if _AGENCY_LINE.match(par):
        return "credit"
    m_src = _SOURCE_LINE.match(par)
    if m_src and _is_name_list(m_src.group("name")):
        return "credit"
    if _COPYRIGHT.match(par) or (_RIGHTS.search(par) and len(par) < 1200):
        return "footer"
    if (
        _APPEARED.match(par)
        or _CONTRIBUTED.match(par)
        or (_REPORTING.match(par) and len(par) < 260 and _is_name_list(par))
    ):
        return "credit"
    if (_PROMPTS.match(par) or _NEWSLETTER.search(par)) and len(par) < 200:
        return "prompt"
    if _DISCLAIMER.match(par) and len(par) < 600:
        return "disclaimer"
    return None


def clean(title: str, paragraphs: Iterable[str], extra_credits: Iterable[str] = ()) -> CleanText:
    """Split an article into scored text and evidence.

    ``extra_credits`` are byline/credit strings the extractor found outside the
    body; they are only mined for agency names.
    """
    kept: list[str] = []
    stripped: list[Stripped] = []
    credits: list[Credit] = []

    def add_credits(text: str) -> None:
        for c in credits_in(text):
            if all(x.agency != c.agency for x in credits):
                credits.append(c)

    for line in extra_credits:
        add_credits(line)
    for raw in paragraphs:
        par = " ".join(raw.split())
        if not par:
            continue
        reason = _classify_line(par)
        if reason is not None:
            stripped.append(Stripped(text=par, reason=reason))
            if reason in ("credit", "footer"):
                add_credits(par)
                names: list[str] = []
                m_app = _APPEARED.match(par)
                m_src = _SOURCE_LINE.match(par)
                if m_app:
                    names = [m_app.group("name")]
                elif m_src:  # "Sources: AP, The Morning Ledger": each name
                    names = re.split(r"\s*(?:[,/&;]|\band\b)\s*", m_src.group("name"))
                for name in names:
                    key = canonical_agency(name)
                    if key and all(x.agency != key for x in credits):
                        credits.append(Credit(agency=key, evidence=par))
            continue
        m = _DATELINE.match(par)
        if m:
            stripped.append(Stripped(text=m.group(0).strip(), reason="dateline"))
            add_credits(m.group("agency"))
            par = par[m.end():]
        kept.append(par)
    if kept:
        m = _TRAILING_CREDIT.search(kept[-1])
        if m and m.start() > 0:
            stripped.append(Stripped(text=m.group(0).strip(), reason="credit"))
            add_credits(m.group("agency"))
            kept[-1] = kept[-1][: m.start()].rstrip()
    return CleanText(
        title=" ".join(title.split()),
        paragraphs=tuple(p for p in kept if p),
        stripped=tuple(stripped),
        credits=tuple(credits),
    )
