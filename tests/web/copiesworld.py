"""A store with copies indexed the way the tracker indexes them.

Versions go in through ``Store.record_check``; each is then indexed with the
real ``CopiesService`` (semantic stage off: no model load in tests):

* ``wire`` publishes the newsroom's rates story; ``aggregator`` republishes it
  reworded and uncredited an hour later (``newsroom.copytext``).
* ``reuters`` publishes a story whose text carries HTML/script payloads;
  ``mirror`` republishes it verbatim with a "Reuters" credit (credited) and an
  outlet with a hostile name republishes it verbatim without credit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from webworld import XSS, XSS_IMG, XSS_OUTLET, new_version, write

from newsdelta.copies.service import CopiesService
from newsdelta.core.model import ArticleText
from newsdelta.newsroom import copytext
from newsdelta.settings import Settings, load_settings
from newsdelta.store import Store, open_store
from newsdelta.web.app import create_app

T0 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=1)

XSS_PARAGRAPHS: tuple[str, ...] = (
    (f"LISBON (Reuters) - Harbour authorities closed the northern container terminal on Monday {XSS} "
    "after a crane collapsed onto a cargo ship during a night shift."),
    ("No one was injured in the collapse, according to the port operator, which said "
    f"an inspection of the remaining eleven cranes would take at least a week {XSS_IMG}."),
    ("Shipping lines diverted four vessels to the southern terminal, where queues of lorries "
    "stretched for three kilometres along the coastal road by mid-morning."),
    ("The terminal handles roughly a third of the country's container traffic and employs "
    "about nine hundred dock workers across three shifts."),
    ("A union spokesman said workers had complained for months about worn cables and delayed "
    "maintenance on the older cranes at the northern quay."),
    ("The port operator said it would publish the findings of the inspection and compensate "
    "shipping lines for the delays caused by the closure."),
)


@dataclass
class CopiesWorld:
    store: Store
    settings: Settings
    wire_id: int
    aggregator_id: int
    reuters_id: int
    mirror_id: int
    evil_id: int


def add(store: Store, service: CopiesService, outlet: str, url: str, text: ArticleText,
        at: datetime) -> int:
    feed = f"https://feeds.example/{len(store.list_sources())}.rss"
    source_id = store.add_source(outlet, [(feed, "feed")], at)
    article_id, _ = store.track(url, at, source_id=source_id)
    number = store.record_check(article_id, write(at, new_version(text, f"fp-{article_id}", url)))
    assert number == 1
    service.index_version(article_id=article_id, version_id=store.version_id(article_id, 1),
                          outlet=outlet, url=url, text=text,
                          first_seen=store.find_article(article_id).first_seen_at)
    return article_id


def build_copies_world(tmp_path: Path) -> CopiesWorld:
    settings = load_settings(env={
        "NEWSDELTA_DB": str(tmp_path / "copies.sqlite"),
        "NEWSDELTA_NOW": NOW.isoformat(),
        "NEWSDELTA_COPIES_SEMANTIC": "off",
    })
    store = open_store(settings)
    service = CopiesService(settings, store, embedder=None)
    wire = ArticleText(title=copytext.WIRE_TITLE, standfirst=copytext.WIRE_STANDFIRST,
                       byline=copytext.WIRE_BYLINE, paragraphs=copytext.WIRE_PARAGRAPHS)
    agg = ArticleText(title=copytext.AGGREGATOR_TITLE, standfirst=copytext.AGGREGATOR_STANDFIRST,
                      byline=copytext.AGGREGATOR_BYLINE, paragraphs=copytext.AGGREGATOR_PARAGRAPHS)
    wire_id = add(store, service, "wire", f"https://wire.example/{copytext.WIRE_SLUG}", wire, T0)
    agg_id = add(store, service, "aggregator",
                 f"https://aggregator.example/{copytext.AGGREGATOR_SLUG}", agg,
                 T0 + timedelta(hours=1))
    title = f"Crane collapse closes port terminal {XSS}"
    story = ArticleText(title=title, byline="Reuters", paragraphs=XSS_PARAGRAPHS)
    reuters_id = add(store, service, "reuters", "https://reuters.example/port", story,
                     T0 + timedelta(hours=2))
    mirror_id = add(store, service, "mirror", "https://mirror.example/port",
                    ArticleText(title=title, byline="Reuters", paragraphs=XSS_PARAGRAPHS),
                    T0 + timedelta(hours=2, minutes=30))
    # The hostile copy drops the dateline credit "LISBON (Reuters) - ": uncredited.
    uncredited = (XSS_PARAGRAPHS[0].removeprefix("LISBON (Reuters) - "), *XSS_PARAGRAPHS[1:])
    evil_id = add(store, service, XSS_OUTLET, 'https://evil.example/port?x="><script>alert(3)</script>',
                  ArticleText(title=title, byline="Staff", paragraphs=uncredited),
                  T0 + timedelta(hours=3))
    return CopiesWorld(store, settings, wire_id, agg_id, reuters_id, mirror_id, evil_id)


@pytest.fixture(scope="module")
def cworld(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CopiesWorld]:
    w = build_copies_world(tmp_path_factory.mktemp("copies"))
    yield w
    w.store.close()


@pytest.fixture(scope="module")
def cclient(cworld: CopiesWorld) -> Iterator[TestClient]:
    with TestClient(create_app(cworld.settings, cworld.store)) as c:
        yield c
