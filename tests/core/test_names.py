"""Outlet names: what commands, config tables and web addresses can all carry."""

from __future__ import annotations

import pytest

from newsdelta.core.names import MAX_SOURCE_NAME, source_name_problem


@pytest.mark.parametrize(
    "name", ["bbc", "Le Monde", "Süddeutsche Zeitung", "france24", "ap.news", "x" * MAX_SOURCE_NAME]
)
def test_good_names(name: str) -> None:
    assert source_name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "needs a name"),
        ("   ", "needs a name"),
        (" bbc", "start or end with spaces"),
        ("bbc\t", "start or end with spaces"),
        ("x" * (MAX_SOURCE_NAME + 1), f"at most {MAX_SOURCE_NAME} characters"),
        ("news/world", "cannot contain '/'"),
        ("bb\x00c", "control"),
        ("bb\u200bc", "control"),  # a zero-width space: two names that look alike
    ],
)
def test_bad_names(name: str, problem: str) -> None:
    found = source_name_problem(name)
    assert found is not None and problem in found
