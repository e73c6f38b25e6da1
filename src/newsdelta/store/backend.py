"""Everything that differs between database backends lives here.

SQLite (the embedded default): WAL journal so readers never block the one
writer, ``synchronous=NORMAL`` (durable at checkpoints, safe against
corruption on crash), foreign keys on, a busy timeout so a second process
waits instead of failing. PostgreSQL needs none of these.

One *tracker* per database (:func:`claim_tracker_lock`): only one process at a
time checks articles and writes versions. Two trackers would both read "no
version yet" and both write the same text, and each keeps its own in-memory
copies index. For a SQLite file the claim is an OS file lock next to it, which
the OS releases when the process ends, however it ends.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import filelock
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from newsdelta.errors import ConfigError, DataDirError, TrackerBusyError


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _prepare_sqlite_path(url: str) -> None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return
    path = Path(database)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:  # its place, or a parent's, is a file
        raise DataDirError(f"data directory {path.parent} cannot be created: a file is in the way") from exc
    except OSError as exc:
        raise DataDirError(f"cannot create data directory {path.parent}: {exc.strerror}") from exc
    import os

    if path.exists() and not os.access(path, os.W_OK):
        raise DataDirError(f"database file {path} is not writable")
    if not os.access(path.parent, os.W_OK):  # SQLite writes its journal files next to the database
        raise DataDirError(f"data directory {path.parent} is not writable")


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def create_db_engine(url: str) -> Engine:
    """An engine for ``url`` with the backend's settings applied."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"not a database URL: {url!r}") from exc
    if is_sqlite(url):
        _prepare_sqlite_path(url)
        engine = create_engine(parsed, future=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, future=True, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        # An unknown scheme, or a known database whose driver is not installed.
        raise ConfigError(
            f"cannot use {parsed.drivername!r} databases: {exc} "
            "(install the database's driver, or give a sqlite:/// URL or a file path)"
        ) from None


def claim_tracker_lock(engine: Engine) -> filelock.BaseFileLock | None:
    """Hold this database's tracker lock, or raise :class:`TrackerBusyError` at once.

    Returns the held lock (release it when the process stops tracking), or None
    where there is nothing to lock: an in-memory database is one process's own,
    and other backends will take their own lock (PostgreSQL: an advisory lock)
    when they are supported.
    """
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    lock = filelock.FileLock(f"{database}.tracker.lock", timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:  # a TimeoutError, so an OSError too: it is caught first
        raise TrackerBusyError(
            f"another newsdelta process is already tracking {engine.url} "
            "(`newsdelta run`, `check` or `demo`); only one may check articles at a time. "
            "Stop it, or add work for it: `newsdelta track URL`, `newsdelta source add`"
        ) from None
    except OSError as exc:  # the lock file cannot be created next to the database
        raise DataDirError(f"cannot create the tracker lock {lock.lock_file}: {exc.strerror}") from None
    return lock
