"""Helpers for copies tests: a story, documents, a SQLite repository.

A module with its own name rather than ``conftest``: test files import from it, and
with several test directories in one run ``import conftest`` may find another
directory's conftest (tests/e2e has one).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from newsdelta.copies.model import IndexedDoc
from newsdelta.store.copies_tables import SqlCopiesRepository, define_copies_tables

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "copies"
T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)

STORY = (
    "The central bank of Norway raised its benchmark interest rate by 50 basis points to 4.5 percent on Thursday, its fifth increase since the start of the cycle.",
    "Governor Ida Wolden Bache told reporters in Oslo that inflation, which stood at 7.4 percent in March, remained far above the bank's target.",
    "\"We will do what is necessary to bring prices back under control,\" Bache said. Economists had expected a smaller move of 25 basis points.",
    "Mortgage lenders said they would pass the increase on to borrowers within weeks, adding to pressure on households squeezed by food and energy bills.",
    "The krone strengthened 1.2 percent against the euro after the announcement, its biggest one-day gain since January.",
    "The bank's next policy meeting is scheduled for June, when new staff forecasts for growth and inflation will be published.",
    "Finance minister Trygve Slagsvold Vedum said the government respected the independence of the bank but hoped the cycle was close to its end.",
)


def doc(aid: int, paragraphs: tuple[str, ...] | list[str], *, outlet: str = "Reuters",
        hours: float = 0.0, published: datetime | None = None, title: str = "Norway raises rates",
        credits: tuple[str, ...] = ()) -> IndexedDoc:
    return IndexedDoc(
        article_id=aid, version_id=aid, outlet=outlet, url=f"https://{outlet.lower().replace(' ', '')}.example/{aid}",
        title=title, paragraphs=tuple(paragraphs), first_seen=T0 + timedelta(hours=hours),
        published=published, credits=credits,
    )


def sql_repo(path: Path) -> SqlCopiesRepository:
    engine = sa.create_engine(f"sqlite:///{path}")
    md = sa.MetaData()
    tables = define_copies_tables(md)
    md.create_all(engine)
    return SqlCopiesRepository(engine, tables)
