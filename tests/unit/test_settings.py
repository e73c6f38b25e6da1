"""Settings precedence: defaults < config file < environment < flags."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdelta.errors import ConfigError
from newsdelta.settings import Settings, load_settings


def test_defaults_without_anything(tmp_path: Path) -> None:
    s = load_settings(env={"NEWSDELTA_DATA_DIR": str(tmp_path)})
    assert s.per_host_concurrency == Settings().per_host_concurrency
    assert s.database_url == f"sqlite:///{tmp_path / 'newsdelta.sqlite'}"
    assert s.allow_private is False


def test_precedence_file_env_flags(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        "[fetch]\nper_host_concurrency = 3\nper_host_delay_s = 0.5\n"
        "[sources.wire.selectors]\nbody = 'div.story'\n"
    )
    env = {"NEWSDELTA_PER_HOST_DELAY_S": "0.25", "NEWSDELTA_ALLOW_PRIVATE": "1"}
    s = load_settings(config, env=env, flags={"per_host_concurrency": 5})
    assert s.per_host_concurrency == 5  # flag beats file
    assert s.per_host_delay_s == 0.25  # env beats file
    assert s.allow_private is True
    assert s.sources["wire"].selectors == {"body": "div.story"}
    file_only = load_settings(config, env={})
    assert file_only.per_host_concurrency == 3


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEWSDELTA_PER_HOST_CONCURRENCY": "many"}, "expected int"),
        ({"NEWSDELTA_PER_HOST_CONCURRENCY": "0"}, ">= 1"),
        ({"NEWSDELTA_EDIT_BATCH": "0"}, "edit_batch must be >= 1"),
        ({"NEWSDELTA_ALLOW_PRIVATE": "perhaps"}, "expected bool"),
        ({"NEWSDELTA_NOW": "yesterday"}, "ISO-8601"),
        ({"NEWSDELTA_CONNECT_TIMEOUT_S": "0"}, "connect_timeout_s must be > 0"),
        ({"NEWSDELTA_TOTAL_TIMEOUT_S": "-5"}, "total_timeout_s must be > 0"),
        ({"NEWSDELTA_RUN_TICK_S": "0"}, "run_tick_s must be > 0"),
        ({"NEWSDELTA_PER_HOST_DELAY_S": "-1"}, "per_host_delay_s must be >= 0"),
        ({"NEWSDELTA_RETRIES": "-1"}, "retries must be >= 0"),
        ({"NEWSDELTA_MAX_CONSECUTIVE_ERRORS": "0"}, "max_consecutive_errors must be >= 1"),
        ({"NEWSDELTA_SHRINK_RATIO": "5"}, "shrink_ratio must be between 0 and 1"),
        ({"NEWSDELTA_PORT": "70000"}, "port must be 0-65535"),
        ({"NEWSDELTA_FETCH_DEADLINE_S": "nan"}, "invalid value for fetch_deadline_s: 'nan'"),
        ({"NEWSDELTA_TOTAL_TIMEOUT_S": "inf"}, "invalid value for total_timeout_s: 'inf'"),
        ({"NEWSDELTA_SHRINK_RATIO": "-nan"}, "invalid value for shrink_ratio"),
    ],
)
def test_bad_values_are_config_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env=env)


def test_every_problem_is_named_at_once() -> None:
    env = {"NEWSDELTA_RETRIES": "-1", "NEWSDELTA_READ_TIMEOUT_S": "0"}
    with pytest.raises(ConfigError, match="retries must be >= 0") as raised:
        load_settings(env=env)
    assert "read_timeout_s must be > 0" in str(raised.value)


def test_values_of_the_wrong_type_are_named_together_with_range_problems(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('port = "abc"\nretries = 1.7\nmax_redirects = true\nshrink_ratio = 2\ntypo = 1\n'
                      "edit_batch = inf\n")
    env = {"NEWSDELTA_READ_TIMEOUT_S": "x", "NEWSDELTA_ALLOW_PRIVATE": "maybe", "NEWSDELTA_EDIT_BATCH": "0"}
    with pytest.raises(ConfigError) as raised:
        load_settings(config, env=env)
    message = raised.value.message
    for needle in (
        f"{config}: invalid value for port: 'abc'", f"{config}: invalid value for retries: 1.7",
        f"{config}: invalid value for max_redirects: True", f"{config}: unknown setting 'typo'",
        f"{config}: invalid value for edit_batch: inf",
        "$NEWSDELTA_READ_TIMEOUT_S: invalid value for read_timeout_s: 'x'",
        "$NEWSDELTA_ALLOW_PRIVATE: invalid value for allow_private: 'maybe'",
        "settings: edit_batch must be >= 1; shrink_ratio must be between 0 and 1",
    ):
        assert needle in message, message
    assert "\n" not in message


def test_zero_where_zero_means_none_is_fine() -> None:
    settings = load_settings(env={"NEWSDELTA_PER_HOST_DELAY_S": "0", "NEWSDELTA_RETRIES": "0",
                                  "NEWSDELTA_MIN_WORDS": "0", "NEWSDELTA_PORT": "0"})
    assert (settings.per_host_delay_s, settings.retries, settings.min_words, settings.port) == (0, 0, 0, 0)


def test_unknown_setting_in_file_is_rejected(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("per_host_concurency = 3\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(config, env={})


def test_now_and_db_path(tmp_path: Path) -> None:
    s = load_settings(env={"NEWSDELTA_NOW": "2026-03-01T10:00:00Z", "NEWSDELTA_DB": "x.sqlite"})
    assert s.clock_now() == datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert s.database_url.startswith("sqlite:////") and s.database_url.endswith("x.sqlite")
    assert load_settings(env={"NEWSDELTA_DB": "postgresql://u@h/db"}).database_url == "postgresql://u@h/db"


def test_sqlite_url_with_tilde_means_the_home_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # SQLAlchemy alone would make a directory literally named "~" in the working directory.
    monkeypatch.setenv("HOME", str(tmp_path))
    s = load_settings(env={"NEWSDELTA_DB": "sqlite:///~/news/x.sqlite?timeout=5"})
    assert s.database_url == f"sqlite:///{tmp_path}/news/x.sqlite?timeout=5"
    assert load_settings(env={"NEWSDELTA_DB": "sqlite:////srv/x.sqlite"}).database_url == "sqlite:////srv/x.sqlite"
