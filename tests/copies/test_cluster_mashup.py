"""A roundup lifting passages from two stories does not list the other story as a copy."""

from __future__ import annotations

from copies_helpers import STORY, doc  # type: ignore[import-not-found]

from newsdelta.copies.index import CopyIndex
from newsdelta.copies.memory_repo import MemoryCopiesRepository

COUNCIL = (
    "The city council of Springfield approved a new budget on Monday that raises spending on parks and libraries by 12 percent over the next fiscal year.",
    "Mayor Linda Park said the increase would be funded by higher property tax receipts and a one-time federal grant of $4 million for infrastructure.",
    "Opponents on the council argued that the plan relied too heavily on temporary money and would leave a gap in two years when the grant runs out.",
    "The budget passed by a vote of seven to four after a three-hour debate that drew dozens of residents to the council chamber.",
    "Library hours will be extended on weekends starting in September, and three parks will receive new playground equipment.",
)


def test_roundup_cluster_lists_no_unrelated_story() -> None:
    idx = CopyIndex(MemoryCopiesRepository())
    idx.add(doc(1, STORY, outlet="Reuters"))
    idx.add(doc(2, COUNCIL, outlet="Springfield Times", hours=0.5, title="Springfield passes budget"))
    found = idx.add(doc(3, [*STORY[:3], *COUNCIL[:3]], outlet="Roundup", hours=2, title="Morning roundup"))
    assert {m.article_id for m in found} == {1, 2}  # it copies both
    c = idx.cluster_of(3)
    assert c.source_article_id == 1
    assert [(m.article_id, m.kind) for m in c.members] == [(3, "partial")]
