"""Refusal reasons read from a page's visible words."""

from __future__ import annotations

import pytest

from newsdelta.core.versioning import stub_phrase_in_page
from newsdelta.extract import visible_text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<html><body><h1>Story</h1><div class=paywall><p>Subscribe to continue reading.</p></div></body></html>", "paywall stub"),
        ("<html><body><h1>Oops</h1><p>Page not found</p></body></html>", "error page"),
        ("<html><body><h1>Story</h1><p>Ordinary words only.</p></body></html>", None),
        ("<html><body><script>var t='subscribe to continue reading'</script><p>Hi</p></body></html>", None),
        ("", None),
    ],
)
def test_stub_phrase_in_page(html: str, reason: str | None) -> None:
    found = stub_phrase_in_page(visible_text(html))
    if reason is None:
        assert found is None
    else:
        assert found is not None and found.startswith(reason)
