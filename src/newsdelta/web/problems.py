"""HTTP-level errors of the web layer, and how every error maps to a status.

Handlers raise these (or any :class:`newsdelta.errors.NewsdeltaError`); the
app's one error handler turns them into the JSON envelope under ``/api/``
and into an HTML error page elsewhere.
"""

from __future__ import annotations

from newsdelta.errors import (
    BadURLError,
    ConfigError,
    NewsdeltaError,
    NotFoundError,
    StoreError,
)


class WebProblem(Exception):
    """An error with an HTTP status and a stable ``code`` slug."""

    status = 500
    code = "internal"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequest(WebProblem):
    status = 400
    code = "bad_request"


class NotFound(WebProblem):
    status = 404
    code = "not_found"


class Unauthorized(WebProblem):
    status = 401
    code = "unauthorized"


class Forbidden(WebProblem):
    status = 403
    code = "forbidden"


def status_of(exc: BaseException) -> tuple[int, str, str]:
    """(HTTP status, code slug, message safe to show) for any exception."""
    if isinstance(exc, WebProblem):
        return exc.status, exc.code, exc.message
    if isinstance(exc, NotFoundError):
        return 404, "not_found", exc.message
    if isinstance(exc, (BadURLError, ConfigError)):
        return 400, exc.reason, exc.message
    if isinstance(exc, StoreError):
        return 503, exc.reason, "the database is unavailable"
    if isinstance(exc, NewsdeltaError):
        return 400, exc.reason, exc.message
    return 500, "internal", "internal server error"
