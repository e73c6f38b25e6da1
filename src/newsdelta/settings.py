"""Every setting of newsdelta, declared once.

Precedence, lowest to highest: built-in defaults < TOML config file <
``NEWSDELTA_*`` environment variables < command-line flags.

The resolved values live in one immutable :class:`Settings` object that is
passed explicitly to whatever needs it; nothing imports a global.

Each field of :class:`Settings` is a setting. Its environment variable is
``NEWSDELTA_`` + the upper-cased field name (``per_host_concurrency`` ->
``NEWSDELTA_PER_HOST_CONCURRENCY``); in the TOML file it is the field name,
at top level or in any table (``[fetch] per_host_concurrency = 2``).
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsdelta.errors import ConfigError

ENV_PREFIX = "NEWSDELTA_"


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/newsdelta`` or ``~/.local/share/newsdelta``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsdelta"


_SQLITE_HOME_PREFIX = "sqlite:///~"
"""A SQLite URL whose path starts at the user's home directory."""


@dataclass(frozen=True)
class SourceOverride:
    """Per-source settings from the config file's ``[sources.NAME]`` tables."""

    selectors: Mapping[str, str] = field(default_factory=dict)
    """CSS selectors for ``title``, ``standfirst``, ``byline``, ``body`` (paragraph container)."""
    min_interval_s: float | None = None
    max_interval_s: float | None = None


@dataclass(frozen=True)
class Settings:
    """Resolved settings. Field docs are the user-facing documentation."""

    # --- storage
    data_dir: Path = field(default_factory=default_data_dir)
    """Directory holding the SQLite database and other state."""
    db: str = ""
    """Database URL (``sqlite:///path``, ``postgresql://...``) or a plain file path
    (``~`` is the home directory in both). Empty means ``<data_dir>/newsdelta.sqlite``."""

    # --- clock
    now: str = ""
    """An ISO-8601 instant every command treats as "now" (replays, tests). Empty: real time."""

    # --- fetching
    user_agent: str = "newsdelta/0.1 (+https://github.com/newsdelta/newsdelta; change tracker)"
    """The User-Agent sent with every request; robots.txt rules for "newsdelta" apply."""
    per_host_concurrency: int = 2
    """At most this many requests in flight to one host."""
    per_host_delay_s: float = 1.0
    """Minimum delay between the starts of two requests to one host."""
    global_concurrency: int = 32
    """At most this many requests in flight overall."""
    connect_timeout_s: float = 10.0
    """Seconds to wait for a TCP/TLS connection."""
    read_timeout_s: float = 20.0
    """Seconds to wait between two chunks of a response."""
    total_timeout_s: float = 45.0
    """Seconds for one whole HTTP exchange."""
    fetch_deadline_s: float = 180.0
    """Seconds one fetch may take in all: robots.txt, every redirect, retry and back-off
    wait (waiting for the page's politeness slot does not count)."""
    max_body_bytes: int = 5_000_000
    """Bodies larger than this (after decompression) are cut off and refused."""
    max_redirects: int = 10
    """Redirect hops followed before giving up (loops are detected earlier)."""
    retries: int = 2
    """Retries on 429/5xx and connection errors, with back-off honouring Retry-After."""
    retry_base_delay_s: float = 1.0
    """First back-off delay; doubles on each retry."""
    max_retry_after_s: float = 120.0
    """A Retry-After longer than this is not waited for: the check ends as an error."""
    allow_private: bool = False
    """Allow URLs that resolve to private, loopback or link-local addresses (SSRF guard off)."""
    obey_robots: bool = True
    """Obey robots.txt (rules for "newsdelta", else "*")."""
    robots_cache_s: float = 3600.0
    """How long a robots.txt is reused."""

    # --- schedule (News Sniffer's policy by default)
    interval_after_change_s: float = 1800.0
    """Re-check interval right after a change (News Sniffer: 30 min)."""
    backoff_factor: float = 1.2
    """The interval grows by this factor after each unchanged check."""
    retire_interval_s: float = 40 * 86400.0
    """An article is retired once its interval reaches this (40 days)."""
    min_interval_s: float = 300.0
    """Never re-check an article more often than this."""
    error_backoff_factor: float = 2.0
    """The interval grows by this factor after each failed check."""
    max_consecutive_errors: int = 12
    """After this many failed checks in a row an article is retired (reported honestly)."""

    # --- discovery / runner
    discover_interval_s: float = 600.0
    """How often each source's feeds and sitemaps are read."""
    run_tick_s: float = 5.0
    """Longest sleep of the run loop between passes."""
    check_batch: int = 200
    """Articles checked per batch (bounds memory; routine writes are committed per batch)."""
    edit_batch: int = 16
    """Checks that found changed text are finished and committed this many at a time
    (each holds its page in memory until then; 1 writes every new version at once)."""

    # --- versioning
    shrink_ratio: float = 0.5
    """A new extraction shorter than this fraction of the last good version is refused."""
    min_words: int = 20
    """Extractions with fewer words than this are not articles (error pages, stubs)."""

    # --- copies index
    copies_index: bool = True
    """Index every new version in the cross-outlet copies index."""
    copies_semantic: str = "auto"
    """Semantic (sentence-embedding) stage: "auto" (on when the extra is installed), "on", "off"."""
    copies_window_hours: float = 72.0
    """The semantic stage compares an article only with articles seen within this many hours."""

    # --- web
    host: str = "127.0.0.1"
    """Web UI bind address (loopback by default)."""
    port: int = 8000
    """Web UI port."""
    admin_token: str = ""
    """Token required for changes through the web UI/API (empty: admin routes refuse)."""

    # --- per-source overrides (config file only)
    sources: Mapping[str, SourceOverride] = field(default_factory=dict)

    # ------------------------------------------------------------------ helpers

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL of the database."""
        value = self.db.strip()
        if not value:
            return f"sqlite:///{self.data_dir / 'newsdelta.sqlite'}"
        if value.startswith(_SQLITE_HOME_PREFIX):
            # SQLAlchemy would create a directory named "~" in the working
            # directory; a user who types ~ means their home, as a plain path does.
            path, sep, query = value.removeprefix("sqlite:///").partition("?")
            return f"sqlite:///{Path(path).expanduser()}{sep}{query}"
        if "://" in value:
            return value
        return f"sqlite:///{Path(value).expanduser().absolute()}"

    @property
    def database_in_memory(self) -> bool:
        """True for an in-memory SQLite database (``sqlite://``), gone when the process ends."""
        scheme, _, rest = self.database_url.partition("://")
        return scheme.startswith("sqlite") and rest.partition("?")[0] in ("", "/:memory:")

    def clock_now(self) -> datetime:
        """The instant the command treats as now (``NEWSDELTA_NOW`` or the wall clock)."""
        if not self.now:
            return datetime.now(UTC)
        return parse_instant(self.now)

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with some fields replaced (flags), validated like any other layer."""
        clean = {k: v for k, v in values.items() if v is not None}
        return _build({**_as_dict(self), **clean}, origin="flags")


def parse_instant(text: str) -> datetime:
    """Parse an ISO-8601 instant; naive values are taken as UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ConfigError(f"not an ISO-8601 instant: {text!r}") from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


_SCALAR_FIELDS = {f.name: f for f in fields(Settings) if f.name != "sources"}


def _as_dict(settings: Settings) -> dict[str, Any]:
    return {f.name: getattr(settings, f.name) for f in fields(Settings)}


def _coerce(name: str, raw: Any, origin: str) -> Any:
    """Convert a raw value (TOML scalar or env string) to the field's type."""
    f = _SCALAR_FIELDS[name]
    kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    try:
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if kind in ("int", "float") and isinstance(raw, bool):
            raise ValueError(raw)  # TOML `port = true` is not the number 1
        if kind == "int":
            if isinstance(raw, float) and not raw.is_integer():
                raise ValueError(raw)  # `retries = 1.7` is not 1
            return int(raw)
        if kind == "float":
            number = float(raw)
            if not math.isfinite(number):  # nan passes every `<= 0` check; inf never ends a wait
                raise ValueError(raw)
            return number
        if kind == "Path":
            return Path(str(raw)).expanduser()
        return str(raw)
    except (TypeError, ValueError, OverflowError) as exc:  # int(inf) overflows
        raise ConfigError(f"{origin}: invalid value for {name}: {raw!r} (expected {kind})") from exc


_AT_LEAST_ONE = (
    "per_host_concurrency", "global_concurrency", "max_redirects", "max_body_bytes",
    "check_batch", "edit_batch", "backoff_factor", "error_backoff_factor", "max_consecutive_errors",
)
_POSITIVE = (  # a zero timeout fails every fetch; a zero tick or interval spins
    "connect_timeout_s", "read_timeout_s", "total_timeout_s", "fetch_deadline_s", "run_tick_s",
    "interval_after_change_s", "retire_interval_s", "min_interval_s", "discover_interval_s",
    "copies_window_hours",
)
_NOT_NEGATIVE = (
    "per_host_delay_s", "retries", "retry_base_delay_s", "max_retry_after_s", "robots_cache_s",
    "min_words",
)


def _coerce_into(
    target: dict[str, Any], name: str, raw: Any, origin: str, problems: list[str]
) -> None:
    """``target[name] = _coerce(...)``, or the reason it can't be, added to ``problems``."""
    try:
        target[name] = _coerce(name, raw, origin)
    except ConfigError as exc:
        problems.append(exc.message)


def _build(values: Mapping[str, Any], origin: str, earlier: Sequence[str] = ()) -> Settings:
    """The settings, or one ConfigError naming every problem (``earlier`` ones first)."""
    settings = Settings(**values)
    problems = [f"{name} must be >= 1" for name in _AT_LEAST_ONE if getattr(settings, name) < 1]
    problems += [f"{name} must be > 0" for name in _POSITIVE if getattr(settings, name) <= 0]
    problems += [f"{name} must be >= 0" for name in _NOT_NEGATIVE if getattr(settings, name) < 0]
    if not 0 <= settings.shrink_ratio <= 1:
        problems.append("shrink_ratio must be between 0 and 1")
    if not 0 <= settings.port <= 65535:
        problems.append("port must be 0-65535")
    if problems or earlier:  # each earlier problem names its own origin already
        ranges = [f"{origin}: " + "; ".join(problems)] if problems else []
        raise ConfigError("; ".join([*earlier, *ranges]))
    return settings


def _flatten_toml(
    data: Mapping[str, Any], origin: str, problems: list[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a TOML document into scalar settings and ``[sources.*]`` tables."""
    scalars: dict[str, Any] = {}
    sources: dict[str, Any] = {}
    for key, value in data.items():
        if key == "sources" and isinstance(value, dict):
            sources.update(value)
        elif isinstance(value, dict):
            inner, inner_sources = _flatten_toml(value, origin, problems)
            scalars.update(inner)
            sources.update(inner_sources)
        elif key in _SCALAR_FIELDS:
            _coerce_into(scalars, key, value, origin, problems)
        else:
            problems.append(f"{origin}: unknown setting {key!r}")
    return scalars, sources


def _parse_sources(raw: Mapping[str, Any], origin: str) -> dict[str, SourceOverride]:
    result = {}
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{origin}: [sources.{name}] must be a table")
        selectors = table.get("selectors", {})
        if not isinstance(selectors, dict):
            raise ConfigError(f"{origin}: sources.{name}.selectors must be a table")
        result[name] = SourceOverride(
            selectors={str(k): str(v) for k, v in selectors.items()},
            min_interval_s=table.get("min_interval_s"),
            max_interval_s=table.get("max_interval_s"),
        )
    return result


def load_settings(
    config_file: Path | None = None,
    env: Mapping[str, str] | None = None,
    flags: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve settings: defaults < config file < environment < flags.

    ``config_file`` defaults to ``$NEWSDELTA_CONFIG`` or ``<data_dir>/config.toml`` when
    that exists.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = _as_dict(Settings())
    problems: list[str] = []  # every invalid value, so one run names them all

    env_values: dict[str, Any] = {}
    for name in _SCALAR_FIELDS:
        key = ENV_PREFIX + name.upper()
        if key in env:
            _coerce_into(env_values, name, env[key], f"${key}", problems)

    data_dir = env_values.get("data_dir", values["data_dir"])
    if flags and flags.get("data_dir"):
        data_dir = Path(flags["data_dir"])
    path = config_file or (Path(env["NEWSDELTA_CONFIG"]) if env.get("NEWSDELTA_CONFIG") else None)
    if path is None and (Path(data_dir) / "config.toml").is_file():
        path = Path(data_dir) / "config.toml"
    if path is not None:
        try:
            document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file not found: {path}") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
        scalars, sources = _flatten_toml(document, str(path), problems)
        values.update(scalars)
        values["sources"] = _parse_sources(sources, str(path))

    values.update(env_values)
    if flags:
        for key, value in flags.items():
            if value is None:
                continue
            if key not in _SCALAR_FIELDS:
                raise ConfigError(f"unknown flag setting {key!r}")
            _coerce_into(values, key, value, f"--{key.replace('_', '-')}", problems)
    settings = _build(values, "settings", problems)
    if settings.now:
        parse_instant(settings.now)  # fail early on a bad NEWSDELTA_NOW
    return settings


def describe_settings() -> list[tuple[str, str, str]]:
    """(env var, default, type) for every setting, for ``--help`` and docs."""
    defaults = Settings()
    rows = []
    for f in fields(Settings):
        if f.name == "sources":
            continue
        rows.append((ENV_PREFIX + f.name.upper(), repr(getattr(defaults, f.name)), str(f.type)))
    return rows


__all__ = [
    "Settings",
    "SourceOverride",
    "default_data_dir",
    "describe_settings",
    "load_settings",
    "parse_instant",
]
