"""A wire story and an aggregator's reworded, credit-free republication of it.

Hand-written so the pair is realistic: the aggregator keeps the facts,
numbers and most quotes, swaps words and clauses, reorders two paragraphs,
and strips the dateline credit and the "Reporting by" line.
"""

from __future__ import annotations

WIRE_SLUG = "central-bank-holds-rates-signals-cut"
WIRE_TITLE = "Central bank holds rates at 4.5%, signals cut as inflation cools"
WIRE_STANDFIRST = (
    "Policymakers voted 7-2 to keep borrowing costs unchanged but said a reduction could come "
    "as early as June if price pressures keep easing."
)
WIRE_BYLINE = "Continental Wire"
WIRE_PARAGRAPHS: tuple[str, ...] = (
    (
        "FRANKFURT (Continental Wire) — The central bank held its main interest rate at 4.5% on "
        "Thursday but signalled that it could begin cutting borrowing costs as early as June, as "
        "inflation in the bloc fell to its lowest level in more than two years."
    ),
    (
        "Seven members of the rate-setting committee voted to keep rates on hold, while two "
        "favoured an immediate cut of a quarter of a percentage point."
    ),
    (
        "“The disinflation process is well under way, and we are becoming more confident that it "
        "will last,” the bank’s president, Margarethe Lind, told reporters."
    ),
    (
        "Consumer prices rose 2.4% in the year to March, down from 2.8% in February and close to "
        "the bank’s 2% target."
    ),
    (
        "Markets had already priced in a June cut, and the euro was little changed after the "
        "announcement, trading at $1.08."
    ),
    (
        "Economists said the two dissenting votes were a clear sign that the committee was moving "
        "towards easing. “The question is no longer whether, but when,” said Paolo Renzi, chief "
        "economist at Banca Meridiana."
    ),
    "Reporting by Anna Weiss; editing by Mark Holloway",
)

AGGREGATOR_SLUG = "rates-unchanged-but-cut-could-come-in-june"
AGGREGATOR_TITLE = "Rates unchanged at 4.5% but central bank hints at June cut"
AGGREGATOR_STANDFIRST = (
    "Borrowing costs stay where they are after a 7-2 vote, though a reduction may arrive in "
    "June if inflation continues to ease."
)
AGGREGATOR_BYLINE = "Staff writer"
AGGREGATOR_PARAGRAPHS: tuple[str, ...] = (
    (
        "The central bank kept its key interest rate at 4.5% on Thursday, but hinted that it may "
        "start lowering borrowing costs as soon as June, with inflation in the bloc now at its "
        "lowest in over two years."
    ),
    (
        "Consumer prices climbed 2.4% in the twelve months to March, down from 2.8% in February "
        "and near the bank’s 2% goal."
    ),
    (
        "Of the rate-setting committee, seven members backed leaving rates on hold, while two "
        "wanted an immediate quarter-point reduction."
    ),
    (
        "“The disinflation process is well under way, and we are becoming more confident that it "
        "will last,” said bank president Margarethe Lind."
    ),
    (
        "Investors had already bet on a cut in June, and the euro barely moved after the decision, "
        "changing hands at $1.08."
    ),
    (
        "According to economists, the two dissenting votes clearly showed that the committee was "
        "heading towards easing. “The question is no longer whether, but when,” said Paolo Renzi of "
        "Banca Meridiana."
    ),
)

__all__ = [
    "AGGREGATOR_BYLINE",
    "AGGREGATOR_PARAGRAPHS",
    "AGGREGATOR_SLUG",
    "AGGREGATOR_STANDFIRST",
    "AGGREGATOR_TITLE",
    "WIRE_BYLINE",
    "WIRE_PARAGRAPHS",
    "WIRE_SLUG",
    "WIRE_STANDFIRST",
    "WIRE_TITLE",
]
