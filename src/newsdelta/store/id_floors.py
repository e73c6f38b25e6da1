"""Ids that are never handed out twice, on SQLite too.

SQLite gives a new row the highest id plus one, so deleting the rows with the
highest ids frees them for the next rows. For versions that leaked a deleted
text's search words and cached text (migration 0009); for articles it made a
saved reference ("article 2", a permalink) name a different story after a
delete or a merge. ``id_floors`` remembers the highest id each table has ever
given; new rows are numbered above it. PostgreSQL sequences never reuse ids, and
these functions do nothing there.
"""

from __future__ import annotations

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.engine import Connection

from newsdelta.store.schema import id_floors


def raise_id_floor(conn: Connection, table: Table) -> None:
    """Remember ``table``'s highest id so far: call it before deleting rows."""
    if conn.dialect.name != "sqlite":
        return
    top = conn.execute(select(func.max(table.c.id))).scalar_one_or_none()
    if top is None:
        return
    floor = conn.execute(
        select(id_floors.c.floor).where(id_floors.c.name == table.name)
    ).scalar_one_or_none()
    if floor is None:
        conn.execute(insert(id_floors).values(name=table.name, floor=int(top)))
    elif int(top) > int(floor):
        conn.execute(update(id_floors).where(id_floors.c.name == table.name).values(floor=int(top)))


def first_free_id(conn: Connection, table: Table) -> int | None:
    """The id ``table``'s next row must take, or ``None`` to let the database choose.

    Not ``None`` only after a delete took the highest ids away: then SQLite's own
    choice would reuse them.
    """
    if conn.dialect.name != "sqlite":
        return None
    row = conn.execute(
        select(
            select(id_floors.c.floor).where(id_floors.c.name == table.name).scalar_subquery().label("floor"),
            select(func.max(table.c.id)).scalar_subquery().label("top"),
        )
    ).one()
    floor, top = row.floor, row.top
    if floor is None or (top is not None and int(top) >= int(floor)):
        return None
    return int(floor) + 1


__all__ = ["first_free_id", "raise_id_floor"]
