"""Capitalised runs (names label): the fast loop gives the plain loop's answer."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.core.diff.patterns import _CONNECTORS, _OPENERS, _runs, names

_WORD_RE = re.compile(r"[\w'\-]+")


def _runs_reference(text: str) -> list[tuple[list[str], bool]]:
    """Every word walked the same way (the loop before the fast path for plain words)."""
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    pending: list[str] = []
    at_start = False
    last_end = 0
    prev_char = "."
    for m in _WORD_RE.finditer(text):
        word = m.group(0)
        gap = text[last_end : m.start()]
        last_end = m.end()
        if gap.strip() and current:
            runs.append((current, at_start))
            current, pending = [], []
        stripped = gap.strip()
        before = stripped[-1] if stripped else prev_char
        prev_char = word[-1]
        if word[:1].isupper() and not word.isdigit():
            if not current:
                at_start = before in _OPENERS
            current.extend(pending)
            pending = []
            possessive = word.endswith(("'s", "'"))
            current.append(word.removesuffix("'s").rstrip("'"))
            if possessive:
                runs.append((current, at_start))
                current = []
            continue
        if current and word.lower() in _CONNECTORS and not pending:
            pending = [word]
            continue
        if current:
            runs.append((current, at_start))
        current, pending = [], []
    if current:
        runs.append((current, at_start))
    return runs


_TOKENS = st.sampled_from([
    "Oslo", "New", "York", "Bank", "of", "de", "the", "said", "China's", "Smiths'", "O'Brien",
    "Jean-Luc", "2024", "3", "Ärzte", "İzmir", "i", "I", "UN", "-", "'", "and", "Mr",
])
_GAPS = st.sampled_from([" ", " ", " ", ". ", ", ", "; ", ": ", "\n", " (", ") ", '"', " \u2022 ", "", "  ", "?"])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(_GAPS, _TOKENS), max_size=14))
    return "".join(gap + token for gap, token in parts) + draw(_GAPS)


@settings(max_examples=3000)
@given(_texts())
def test_runs_agree_with_the_plain_loop(text: str) -> None:
    assert _runs(text) == _runs_reference(text)


def test_names_of_a_sentence() -> None:
    text = "Separately, officials of the Bank of England met China's Foreign Ministry in Oslo."
    assert names([text], {"Separately"}) == {"Separately", "Bank of England", "China", "Foreign Ministry", "Oslo"}
