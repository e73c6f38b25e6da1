"""Storage room: schema, migrations, repository API, blob compression. The only SQL."""

from newsdelta.store.records import (
    MAX_ROW_NUMBER,
    ArticleRecord,
    ChangeSummary,
    CheckWrite,
    EventRecord,
    EventWrite,
    FeedRecord,
    NewVersion,
    PreviousVersion,
    RawPage,
    ScheduleWrite,
    SourceRecord,
    VersionMeta,
)
from newsdelta.store.repository import Store, delete_sqlite_database, open_store

__all__ = [
    "MAX_ROW_NUMBER",
    "ArticleRecord",
    "ChangeSummary",
    "CheckWrite",
    "EventRecord",
    "EventWrite",
    "FeedRecord",
    "NewVersion",
    "PreviousVersion",
    "RawPage",
    "ScheduleWrite",
    "SourceRecord",
    "Store",
    "VersionMeta",
    "delete_sqlite_database",
    "open_store",
]
