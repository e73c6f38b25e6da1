"""Alembic environment: migrations run programmatically by newsdelta.store.migrate.

The caller passes an open connection in ``config.attributes["connection"]``;
newsdelta never runs Alembic against a URL on its own.
"""

from __future__ import annotations

from alembic import context

from newsdelta.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used by `alembic revision` during development
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///dev-migrations.sqlite"
    connection = create_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
