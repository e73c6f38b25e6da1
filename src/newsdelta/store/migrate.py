"""Schema migrations, run programmatically with Alembic.

``ensure_schema`` is called whenever a store is opened: a fresh database is
created at the newest revision, an older one is upgraded, and one written by
a *newer* newsdelta (a revision this install does not know) is refused with
:class:`~newsdelta.errors.SchemaTooNewError` instead of being damaged.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from newsdelta.errors import SchemaTooNewError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def ensure_schema(engine: Engine) -> str:
    """Bring the database to the newest schema; return the revision."""
    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    current = current_revision(engine)
    if current == head:
        assert head is not None
        return head
    if current is not None:
        known = {rev.revision for rev in script.walk_revisions()}
        if current not in known:
            raise SchemaTooNewError(
                f"database schema {current!r} is newer than this newsdelta understands "
                f"(newest known: {head!r}); upgrade newsdelta"
            )
    config = _config()
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so
            # each CREATE or ALTER committed on its own: a crash mid-upgrade left a
            # half-built schema no command could open ("duplicate column name").
            # SQLite's DDL is transactional; an explicit BEGIN makes the upgrade all or
            # nothing, and SQLAlchemy's commit (or rollback) ends it.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert head is not None
    return head
