"""The seed article (``seeds/000_*.txt``), both versions, reconstructed by hand.

The seed page shows "Version 1 / Version 2" side by side, old text then new
text on one line (unchanged paragraphs sometimes glued with no space). The
page has seven text blocks under the title: the standfirst and six body
paragraphs. The two versions below differ in exactly five edits, and
nothing else:

1. title: "about" -> "on";
2. standfirst: "a claim by the US president that" -> "the US president asserted that";
3. paragraph 1: "an assertion" -> "a statement";
4. paragraph 3: "Furthermore, " added before the quote "China is willing ...";
5. paragraph 6: "the" added in "In late October, the Chinese Foreign Ministry".

Curly quotes and apostrophes are kept exactly as in the seed. The seed's
non-breaking spaces (scraper debris around the edited words and at one
paragraph end) are written as plain spaces, and trailing spaces dropped, so
that whitespace is not a sixth, invisible edit.
"""

from __future__ import annotations

from datetime import timedelta

SEED_OUTLET = "rtcom"
SEED_OUTLET_NAME = "RT"
SEED_SLUG = "566347-china-russia-relations-biden"
SEED_ORIGINAL_URL = "https://www.rt.com/news/566347-china-russia-relations-biden/"
SEED_BYLINE = "RT"
SEED_EDIT_DELAY = timedelta(hours=3)
"""Version 2 appeared "about 3 hours later"; the scenario uses exactly 3 hours."""

TITLE_V1 = "China responds to Biden’s claim about ties with Moscow"
TITLE_V2 = "China responds to Biden’s claim on ties with Moscow"

STANDFIRST_V1 = (
    "Sino-Russian relations are “rock solid,” the Chinese Foreign Ministry spokesman said "
    "after a claim by the US president that the two powers are moving apart"
)
STANDFIRST_V2 = (
    "Sino-Russian relations are “rock solid,” the Chinese Foreign Ministry spokesman said "
    "after the US president asserted that the two powers are moving apart"
)

_P1_V1 = (
    "Relations between Moscow and Beijing are as healthy as ever, Zhao Lijian, China’s "
    "Foreign Ministry spokesman, said on Friday, denying an assertion by US President Joe "
    "Biden that China is attempting to distance itself from Russia."
)
_P1_V2 = (
    "Relations between Moscow and Beijing are as healthy as ever, Zhao Lijian, China’s "
    "Foreign Ministry spokesman, said on Friday, denying a statement by US President Joe "
    "Biden that China is attempting to distance itself from Russia."
)
_P2 = (
    "Speaking at a regular press briefing, Zhao commented on the current state of "
    "Sino-Russian relations, describing them as “rock solid.” According to the official, "
    "China and Russia are “strategic cooperation partners in the new era” that have never "
    "sought to confront or target third parties."
)
_P3_V1 = (
    "He went on to say that “the long-term healthy and stable development” of ties between "
    "Moscow and Beijing hinges on a “high degree of mutual trust.” “China is willing to work "
    "with Russia to promote the steady progress of relations between the two countries in "
    "the right direction,” Zhao added."
)
_P3_V2 = (
    "He went on to say that “the long-term healthy and stable development” of ties between "
    "Moscow and Beijing hinges on a “high degree of mutual trust.” Furthermore, “China is "
    "willing to work with Russia to promote the steady progress of relations between the two "
    "countries in the right direction,” Zhao added."
)
_P4 = (
    "His remarks come after Biden claimed on Wednesday that while China has “a lot of "
    "respect” for Russia and its President Vladimir Putin, Beijing is unlikely to regard the "
    "bilateral relations as an alliance. “Matter of fact, they’ve been sort of keeping their "
    "distance a little bit,” the US president stated, without elaborating on his line of "
    "thinking."
)
_P5 = (
    "China has repeatedly refused to denounce Russia’s military operation in Ukraine that "
    "began in late February or join the sanctions the West subsequently imposed on Moscow. "
    "Moreover, it has insisted that Western countries and Kiev had failed to address "
    "Moscow’s “legitimate security concerns” while blasting NATO for pushing tensions between "
    "Moscow and Kiev to a “breaking point.”"
)
_P6_V1 = (
    "In late October, Chinese Foreign Ministry vowed to “firmly support the Russian side” "
    "while assisting Putin’s efforts to “unite and lead the Russian people” as well as to "
    "realize “strategic development goals” to buttress Russia’s status as a major world power."
)
_P6_V2 = (
    "In late October, the Chinese Foreign Ministry vowed to “firmly support the Russian side” "
    "while assisting Putin’s efforts to “unite and lead the Russian people” as well as to "
    "realize “strategic development goals” to buttress Russia’s status as a major world power."
)

PARAGRAPHS_V1: tuple[str, ...] = (_P1_V1, _P2, _P3_V1, _P4, _P5, _P6_V1)
PARAGRAPHS_V2: tuple[str, ...] = (_P1_V2, _P2, _P3_V2, _P4, _P5, _P6_V2)

__all__ = [
    "PARAGRAPHS_V1",
    "PARAGRAPHS_V2",
    "SEED_BYLINE",
    "SEED_EDIT_DELAY",
    "SEED_ORIGINAL_URL",
    "SEED_OUTLET",
    "SEED_OUTLET_NAME",
    "SEED_SLUG",
    "STANDFIRST_V1",
    "STANDFIRST_V2",
    "TITLE_V1",
    "TITLE_V2",
]
