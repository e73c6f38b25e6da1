"""Fixtures: a real SQLite store with the seed article, an XSS-laden outlet and filler.

Everything is written through the store's public API (``add_source``,
``track``, ``record_check``) so the web layer reads what the tracker writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from newsdelta.core.model import ArticleText
from newsdelta.settings import Settings, load_settings
from newsdelta.store import (
    ChangeSummary,
    CheckWrite,
    EventWrite,
    NewVersion,
    ScheduleWrite,
    Store,
    open_store,
)
from newsdelta.web.app import create_app

T0 = datetime(2022, 11, 18, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=50)
ADMIN_TOKEN = "s3cret-admin-token"
SEED = json.loads((Path(__file__).with_name("seed_article.json")).read_text(encoding="utf-8"))

XSS = "<script>alert('x')</script>"
XSS_IMG = '<img src=x onerror="alert(1)">'
XSS_URL = "javascript:alert(document.cookie)"
XSS_OUTLET = "evil<img src=x onerror=alert(5)>"
FILLER = 60


@dataclass
class World:
    store: Store
    settings: Settings
    seed_id: int
    xss_id: int
    js_url_id: int
    filler_ids: list[int]


def new_version(text: ArticleText, fp: str, url: str, raw: bytes = b"<html></html>",
                summary: ChangeSummary | None = None) -> NewVersion:
    return NewVersion(text=text, fingerprint=fp, extractor_version="test/1", raw_body=raw,
                      final_url=url, summary=summary or ChangeSummary())


def write(at: datetime, version: NewVersion | None = None, *, retired: bool = False,
          event: EventWrite | None = None, result: str = "new_version") -> CheckWrite:
    return CheckWrite(
        at=at,
        result=result,
        schedule=ScheduleWrite(None if retired else at + timedelta(minutes=30), 1800.0, 0,
                               retired, "quiet" if retired else None,
                               last_change_at=at if version else None),
        version=version,
        event=event,
    )


def build_world(tmp_path: Path, admin_token: str = ADMIN_TOKEN) -> World:
    settings = load_settings(env={
        "NEWSDELTA_DB": str(tmp_path / "web.sqlite"),
        "NEWSDELTA_NOW": NOW.isoformat(),
        "NEWSDELTA_ADMIN_TOKEN": admin_token,
    })
    store = open_store(settings)
    rt = store.add_source("rtcom", [("https://www.rt.com/rss/", "feed")], T0)
    seed_id, _ = store.track(SEED["url"], T0, source_id=rt)
    v1, v2 = ArticleText.from_dict(SEED["v1"]), ArticleText.from_dict(SEED["v2"])
    store.record_check(seed_id, write(T0, new_version(v1, "seed1", SEED["url"],
                                                      b"<html><script>alert(9)</script>v1</html>")))
    store.record_check(seed_id, write(T0 + timedelta(hours=3), new_version(
        v2, "seed2", SEED["url"], summary=ChangeSummary(words_added=6, words_removed=5,
                                                        headline_changed=True,
                                                        labels=("headline", "standfirst", "lede"),
                                                        significance=0.59))))
    store.record_check(seed_id, write(T0 + timedelta(days=45), retired=True, result="unchanged"))

    evil = store.add_source(XSS_OUTLET, [("https://evil.example/feed", "feed")], T0)
    xss_url = 'https://evil.example/a?x="><script>alert(2)</script>'
    xss_id, _ = store.track(xss_url, T0, source_id=evil)
    bad1 = ArticleText(title=f"Evil {XSS} headline", standfirst=XSS_IMG, byline=f'<a href="{XSS_URL}">me</a>',
                       paragraphs=(f"First {XSS} paragraph.", f"Second {XSS_IMG} one.",
                                   f"Click <a href=\"{XSS_URL}\">here</a> now."))
    bad2 = ArticleText(title=f"Evil {XSS} headline changed", standfirst=XSS_IMG + " more",
                       byline=f'<a href="{XSS_URL}">you</a>',
                       paragraphs=(f"First {XSS} paragraph edited.", f"Second {XSS_IMG} one.",
                                   f"Click <a href=\"{XSS_URL}\">there</a> now <svg onload=alert(7)>."))
    store.record_check(xss_id, write(T0 + timedelta(hours=1), new_version(bad1, "x1", xss_url,
                                                                          f"<html>{XSS}</html>".encode())))
    store.record_check(xss_id, write(T0 + timedelta(hours=2), new_version(bad2, "x2", xss_url)))
    js_url_id, _ = store.track(XSS_URL, T0, source_id=evil)
    store.record_check(js_url_id, write(T0 + timedelta(hours=1), new_version(bad1, "j1", XSS_URL)))
    store.record_check(js_url_id, write(T0 + timedelta(hours=2), new_version(bad2, "j2", XSS_URL)))

    wire = store.add_source("wire", [("https://wire.example/rss", "feed")], T0)
    store.record_discovery(wire, T0, error="feed is not XML", next_at=T0 + timedelta(hours=1))
    filler = []
    for i in range(FILLER):
        url = f"https://wire.example/story-{i}"
        aid, _ = store.track(url, T0, source_id=wire)
        base = ArticleText(title=f"Wire story {i}", standfirst="A wire story.",
                           paragraphs=(f"Story {i} begins with a zebra crossing.",
                                       "It goes on for a while."))
        changed = ArticleText(title=f"Wire story {i}" + (" updated" if i % 2 else ""),
                              standfirst="A wire story.",
                              paragraphs=(f"Story {i} begins with a zebra crossing.",
                                          "It goes on for a while, then ends."))
        at = NOW - timedelta(hours=20) + timedelta(minutes=i)
        store.record_check(aid, write(at, new_version(base, f"w{i}a", url)))
        store.record_check(aid, write(at + timedelta(hours=2), new_version(
            changed, f"w{i}b", url, summary=ChangeSummary(
                words_added=3, headline_changed=bool(i % 2),
                labels=("quote",) if i % 3 == 0 else ("number",),
                significance=0.8 if i % 3 == 0 else 0.2))))
        filler.append(aid)
    store.record_check(filler[0], write(NOW - timedelta(hours=1), result="removed",
                                        event=EventWrite(result="removed", event="removed", status=404,
                                                         reason="HTTP 404")))
    return World(store, settings, seed_id, xss_id, js_url_id, filler)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = build_world(tmp_path_factory.mktemp("web"))
    yield w
    w.store.close()


@pytest.fixture(scope="module")
def client(world: World) -> Iterator[TestClient]:
    with TestClient(create_app(world.settings, world.store)) as c:
        yield c
