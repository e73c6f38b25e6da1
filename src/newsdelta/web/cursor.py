"""Opaque pagination cursors.

A cursor is the sort key of the last row of a page, JSON-encoded and then
base64url'd, so clients treat it as an opaque token and never build one.
The format may change between releases (see docs/web.md, stability promise);
a cursor that does not decode is a 400, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from newsdelta.store.records import MAX_ROW_NUMBER
from newsdelta.web.problems import BadRequest


def encode_cursor(*parts: Any) -> str:
    """``parts`` (ints, strings, datetimes) as an opaque token."""
    plain = [p.isoformat() if isinstance(p, datetime) else p for p in parts]
    raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> list[Any]:
    try:
        padded = token + "=" * (-len(token) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise BadRequest("invalid cursor") from exc
    if not isinstance(value, list):
        raise BadRequest("invalid cursor")
    return value


def _row_id(value: object) -> int:
    """An id as a cursor carries it: a JSON integer a row can have (forged ones are refused)."""
    if type(value) is not int or not 0 < value <= MAX_ROW_NUMBER:
        raise BadRequest("invalid cursor")
    return value


def decode_time_id_cursor(token: str | None) -> tuple[datetime, int] | None:
    """A (datetime, id) cursor, as used by the recent-changes list."""
    if not token:
        return None
    parts = decode_cursor(token)
    try:
        at, ident = parts
        when = datetime.fromisoformat(str(at))
    except (ValueError, TypeError) as exc:
        raise BadRequest("invalid cursor") from exc
    if when.tzinfo is None:  # we only ever write aware instants
        raise BadRequest("invalid cursor")
    return when, _row_id(ident)


def decode_id_cursor(token: str | None) -> int | None:
    """A single-id cursor (articles list, search)."""
    if not token:
        return None
    parts = decode_cursor(token)
    if len(parts) != 1:
        raise BadRequest("invalid cursor")
    return _row_id(parts[0])
