"""A version planned against the latest stored one reuses that text; a stale plan does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from newsdelta.core.model import ArticleText
from newsdelta.store import CheckWrite, NewVersion, ScheduleWrite, Store, blobs
from newsdelta.store.search import search

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
V1 = ArticleText(title="Port", paragraphs=("Cranes stood idle at the harbour.", "Talks went on."))
V2 = ArticleText(title="Port", paragraphs=("Ferries were cancelled all week.", "Talks went on."))
V3 = ArticleText(title="Port", paragraphs=("Talks went on.",))


def _write(text: ArticleText, at: datetime, against: tuple[int, ArticleText] | None) -> CheckWrite:
    return CheckWrite(
        at=at,
        result="new_version",
        schedule=ScheduleWrite(at + timedelta(minutes=30), 1800.0, 0, False, last_change_at=at),
        version=NewVersion(
            text=text, fingerprint=f"fp{at.hour}", extractor_version="test/1",
            raw_body=b"<html></html>", final_url="https://example.org/a", planned_against=against,
        ),
    )


def _count_decodes(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    real = blobs.decode_text
    monkeypatch.setattr(blobs, "decode_text", lambda data: calls.append(data) or real(data))
    return calls


def test_plan_against_the_latest_version_is_not_decoded_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid, _ = store.track("https://example.org/a", T0)
    store.record_check(aid, _write(V1, T0, None))
    decodes = _count_decodes(monkeypatch)
    store.record_check(aid, _write(V2, T0 + timedelta(hours=1), (store.version_id(aid, 1), V1)))
    assert decodes == []
    hits = search(store.engine, "cranes", removed=True).hits
    assert [h.version_number for h in hits] == [2]


def test_a_stale_plan_is_indexed_against_the_real_latest_version(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid, _ = store.track("https://example.org/a", T0)
    store.record_check(aid, _write(V1, T0, None))
    v1_id = store.version_id(aid, 1)
    store.record_check(aid, _write(V2, T0 + timedelta(hours=1), (v1_id, V1)))
    decodes = _count_decodes(monkeypatch)
    # Planned against version 1, but version 2 was written meanwhile (another process).
    assert store.record_check(aid, _write(V3, T0 + timedelta(hours=2), (v1_id, V1))) == 3
    assert len(decodes) == 1
    removed = {h.version_number for h in search(store.engine, "ferries", removed=True).hits}
    assert removed == {3}  # removed relative to version 2, which had the ferries
    assert {h.version_number for h in search(store.engine, "cranes", removed=True).hits} == {2}
