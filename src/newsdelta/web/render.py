"""Jinja2 environment: autoescaping on for everything, plus a few filters.

Article text is untrusted. Autoescape covers text and attribute values;
:func:`safe_url` additionally refuses every URL scheme but http(s), so a
``javascript:`` link from an outlet never becomes a live ``href``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from newsdelta.web.charts import bar_chart, small_multiples


def safe_url(value: object) -> str | None:
    """``value`` if it is an absolute http(s) URL without control characters, else None."""
    text = str(value or "").strip()
    if not text or any(ord(c) < 32 or c in "<>\"'` " for c in text):
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def when(value: object) -> str:
    """A datetime (or ISO string) as ``2026-01-01 12:00 UTC``."""
    if value is None or value == "":
        return ""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def day(value: object) -> str:
    """A datetime as a long date, ``18 November 2022``."""
    if value is None or value == "":
        return ""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return f"{moment.day} {moment:%B %Y}"


def query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied (None drops a key)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


def pairs(items: list[dict[str, Any]], label: str, value: str) -> list[tuple[str, int]]:
    """``[{label: .., value: ..}]`` as (label, value) pairs, for the charts."""
    return [(str(item[label]), int(item[value])) for item in items]


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsdelta.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["safe_url"] = safe_url
    env.filters["when"] = when
    env.filters["day"] = day
    env.globals["qs"] = query
    env.globals["pairs"] = pairs
    env.globals["bar_chart"] = bar_chart
    env.globals["small_multiples"] = small_multiples
    return env


def render(
    env: Environment,
    request: Request,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HTMLResponse:
    body = env.get_template(template).render(request=request, **context)
    return HTMLResponse(body, status_code=status)
