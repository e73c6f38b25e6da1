"""Security headers, admin authentication and CSRF protection.

* Every response gets a strict Content-Security-Policy (``default-src 'self'``,
  no scripts at all: the UI needs none) and the usual hardening headers.
  Responses that set their own CSP (the sandboxed raw page) keep it.
* Reading is public. Changing anything needs the admin token
  (``NEWSDELTA_ADMIN_TOKEN``), given as ``Authorization: Bearer TOKEN``
  (scripts), as a ``token`` form field, or through the session cookie set by
  the admin login form. No token: 401. Wrong token, or admin disabled
  because no token is configured: 403.
* Forms are protected by a double-submit CSRF token: a random nonce plus
  ``HMAC(admin token, nonce)``, sent both as a cookie and as a hidden form
  field. A cross-site form cannot read the cookie, so cannot echo it; and a
  cookie planted by someone who lacks the admin token cannot carry a valid
  HMAC. Bearer requests carry no ambient credentials and skip the check.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdelta.web.problems import Forbidden, Unauthorized

CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
RAW_CSP = "sandbox; default-src 'none'"
"""For archived raw pages: even if a browser sniffed HTML, nothing could run."""

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

SESSION_COOKIE = "nd_admin"
CSRF_COOKIE = "nd_csrf"
CSRF_FIELD = "csrf"


def hardening_headers() -> dict[str, str]:
    """The CSP and hardening headers as a plain mapping (for responses made outside the middleware)."""
    headers = {"Content-Security-Policy": CSP}
    headers.update((name.decode(), value.decode()) for name, value in SECURITY_HEADERS)
    return headers


class SecurityHeadersMiddleware:
    """Pure ASGI middleware adding CSP and hardening headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in names)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _sign(secret: str, purpose: str, value: str) -> str:
    return hmac.new(secret.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def session_value(admin_token: str) -> str:
    """The admin session cookie: proves the token was given, without storing it."""
    return _sign(admin_token, "session", "admin")


def new_csrf_token(admin_token: str) -> str:
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_sign(admin_token or 'disabled', 'csrf', nonce)}"


def csrf_token_valid(admin_token: str, token: str) -> bool:
    nonce, _, mac = token.partition(".")
    if not nonce or not mac:
        return False
    return hmac.compare_digest(mac, _sign(admin_token or "disabled", "csrf", nonce))


def csrf_for_page(request: Request, admin_token: str) -> tuple[str, bool]:
    """The CSRF token to embed in a page's forms; True when a new cookie must be set."""
    current = request.cookies.get(CSRF_COOKIE, "")
    if current and csrf_token_valid(admin_token, current):
        return current, False
    return new_csrf_token(admin_token), True


def require_admin(
    request: Request, admin_token: str, form: Mapping[str, str] | None
) -> None:
    """Raise 401/403 unless the request carries the admin token (and, for forms, CSRF)."""
    if not admin_token:
        raise Forbidden("admin actions are disabled: set NEWSDELTA_ADMIN_TOKEN to enable them")
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise Unauthorized(
                "use Authorization: Bearer <admin token>",
                headers={"WWW-Authenticate": 'Bearer realm="newsdelta"'},
            )
        if not hmac.compare_digest(given.strip().encode(), admin_token.encode()):
            raise Forbidden("the admin token is wrong")
        return  # no ambient credentials: no CSRF possible
    given_field = (form or {}).get("token", "")
    session = request.cookies.get(SESSION_COOKIE, "")
    if not given_field and not session:
        raise Unauthorized(
            "this action needs the admin token (NEWSDELTA_ADMIN_TOKEN)",
            headers={"WWW-Authenticate": 'Bearer realm="newsdelta"'},
        )
    if given_field:
        if not hmac.compare_digest(given_field.encode(), admin_token.encode()):
            raise Forbidden("the admin token is wrong")
    elif not hmac.compare_digest(session, session_value(admin_token)):
        raise Forbidden("the admin session is not valid; log in again")
    field = (form or {}).get(CSRF_FIELD, "")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not field or not cookie or not hmac.compare_digest(field, cookie):
        raise Forbidden("CSRF check failed: reload the form and try again")
    if not csrf_token_valid(admin_token, field):
        raise Forbidden("CSRF check failed: reload the form and try again")
