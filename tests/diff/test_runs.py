"""Capitalised runs (names label): the fast loop gives the plain loop's answer."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.core.diff.patterns import _CONNECTORS, _OPENERS, _runs, names

_WORD_RE = re.compile(r"[\w'\-]+")


def _runs_reference(text: str) -> list[tuple[list[str], bool]]:
    """The rules spelled out word by word, without the fast path for plain words.

    A run is capitalised words, possibly joined by one connector ("Bank of
    England"); punctuation between two words ends it, and so does a possessive
    (kept without its "'s"). It starts a sentence when the last non-space
    character before its first word is an opener (the text's start counts).
    """
    matches = list(_WORD_RE.finditer(text))
    words = [m.group(0) for m in matches]
    gaps = [text[(matches[i - 1].end() if i else 0) : m.start()].strip() for i, m in enumerate(matches)]
    runs: list[tuple[list[str], bool]] = []
    run: list[str] = []
    connector: str | None = None
    opens_sentence = False

    def close() -> None:
        nonlocal run, connector
        if run:
            runs.append((run, opens_sentence))
        run, connector = [], None

    for i, word in enumerate(words):
        if gaps[i]:
            close()
        capital = word[:1].isupper() and not word.isdigit()
        if not capital:
            if run and connector is None and word.lower() in _CONNECTORS:
                connector = word
            else:
                close()
            continue
        if not run:
            preceding = gaps[i][-1] if gaps[i] else (words[i - 1][-1] if i else ".")
            opens_sentence = preceding in _OPENERS
        run += [connector] if connector else []
        connector = None
        run.append(word.removesuffix("'s").rstrip("'"))
        if word.endswith(("'s", "'")):
            close()
    close()
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
