from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from copies_helpers import STORY, doc, sql_repo  # type: ignore[import-not-found]
from tests_copies_paths import SEED_003, SEED_003_ORIGINAL  # type: ignore[import-not-found]

from newsdelta.copies.embed import HashingEmbedder
from newsdelta.copies.index import CopyIndex
from newsdelta.copies.model import IndexedDoc
from newsdelta.errors import NotFoundError
from newsdelta.store.copies_tables import CopiesRepository

CHROME = ("Share this article",) + STORY + ("Source link -87", "© 2024 Daily Courier. All rights reserved.")
OTHER_STORY = (
    "Thousands of nurses in Chile walked off the job on Monday in a strike over pay, disrupting hospitals in Santiago.",
    "The union is demanding a raise of 12 percent to offset inflation, while the government has offered 4 percent.",
    "Union leader Rosa Reyes said the walkout would last five days unless ministers improved their offer.",
    "Health minister Ximena Aguilera called the strike irresponsible and said the budget could not bear more.",
)


def test_add_finds_verbatim_copy_and_records_it(repo: CopiesRepository) -> None:
    idx = CopyIndex(repo)
    assert idx.add(doc(1, STORY)) == []
    assert idx.add(doc(2, OTHER_STORY, outlet="Daily Courier")) == []
    found = idx.add(doc(3, CHROME, outlet="Daily Courier", hours=2))
    assert [(m.article_id, m.kind) for m in found] == [(1, "verbatim")]
    assert found[0].similarity >= 0.95
    assert [(m.a, m.b, m.kind) for m in repo.matches_of(1)] == [(3, 1, "verbatim")]
    assert idx.semantic_stage == "off"


def test_query_does_not_write(repo: CopiesRepository) -> None:
    idx = CopyIndex(repo)
    idx.add(doc(1, STORY))
    assert [m.kind for m in idx.query(doc(9, STORY[:3], outlet="X"))] == ["partial"]
    assert repo.count() == 1 and repo.matches_of(1) == []


def test_remove_forgets_article(repo: CopiesRepository) -> None:
    idx = CopyIndex(repo)
    idx.add(doc(1, STORY))
    idx.add(doc(2, CHROME, outlet="Daily Courier", hours=1))
    idx.remove(1)
    assert repo.count() == 1 and repo.matches_of(2) == []
    assert idx.query(doc(3, STORY, outlet="Y")) [0].article_id == 2
    with pytest.raises(NotFoundError):
        idx.cluster_of(1)


def test_new_version_replaces_old(repo: CopiesRepository) -> None:
    idx = CopyIndex(repo)
    idx.add(doc(1, STORY))
    idx.add(doc(2, CHROME, outlet="Daily Courier", hours=1))
    idx.add(doc(1, OTHER_STORY))  # article 1 was rewritten into another story
    assert repo.count() == 2
    assert idx.query(doc(3, STORY, outlet="Y"))[0].article_id == 2
    assert repo.matches_of(1) == []


def test_cluster_source_and_credit(repo: CopiesRepository) -> None:
    idx = CopyIndex(repo)
    idx.add(doc(1, STORY, outlet="Reuters", hours=3))  # crawled late...
    idx.add(doc(2, CHROME + ("Reuters contributed to this report.",), outlet="Daily Courier", hours=1))
    idx.add(doc(3, CHROME, outlet="Morning Ledger", hours=2))
    c = idx.cluster_of(3)
    assert c.source_article_id == 1 and c.source_reason.startswith("credited")
    assert {(m.article_id, m.kind, m.credited) for m in c.members} == {
        (2, "verbatim", True), (3, "verbatim", False)}
    assert c.semantic_stage == "off"


def test_index_survives_restart(tmp_path: Path) -> None:
    db = tmp_path / "copies.db"
    r1 = sql_repo(db)
    CopyIndex(r1).add(doc(1, STORY))
    r1.engine.dispose()
    r2 = sql_repo(db)  # a new process: new engine, same file
    found = CopyIndex(r2).add(doc(2, CHROME, outlet="Daily Courier", hours=1))
    assert [(m.article_id, m.kind) for m in found] == [(1, "verbatim")]
    assert CopyIndex(r2).cluster_of(2).source_article_id == 1
    r2.engine.dispose()


def test_semantic_stage_with_fake_embedder_persists_vectors(tmp_path: Path) -> None:
    db = tmp_path / "copies.db"
    r1 = sql_repo(db)
    idx = CopyIndex(r1, HashingEmbedder())
    assert idx.semantic_stage == "on"
    idx.add(doc(1, STORY))
    assert set(r1.get_embeddings([1])) == {1}
    r1.engine.dispose()
    r2 = sql_repo(db)
    idx2 = CopyIndex(r2, HashingEmbedder())
    found = idx2.add(doc(2, CHROME, outlet="Daily Courier", hours=1))
    assert [(m.article_id, m.kind) for m in found] == [(1, "verbatim")]
    assert idx2.cluster_of(2).semantic_stage == "on"
    r2.engine.dispose()


def _seed(credited: bool) -> tuple[IndexedDoc, IndexedDoc]:
    o = json.loads(SEED_003_ORIGINAL.read_text(encoding="utf-8"))
    lines = [x for x in SEED_003.read_text(encoding="utf-8").split("\n") if x.strip()]
    if not credited:  # the same republication with every credit removed
        lines = [x.replace("MOSCOW (Reuters) – ", "") for x in lines
                 if not x.startswith(("(Report", "©"))]
    orig = IndexedDoc(1, 1, o["outlet"], o["url"], o["title"], tuple(o["paragraphs"]),
                      datetime.fromisoformat(o["first_seen"]), datetime.fromisoformat(o["published"]))
    rep = IndexedDoc(2, 2, "Actu Monde", "https://actumonde.example/2", lines[0], tuple(lines[1:]),
                     datetime.fromisoformat("2023-02-21T19:00:00+00:00"))
    return orig, rep


@pytest.mark.parametrize("credited", [True, False])
def test_seed_003_is_traced_to_its_wire_original(repo: CopiesRepository, credited: bool) -> None:
    idx = CopyIndex(repo)
    orig, rep = _seed(credited)
    idx.add(orig)
    found = idx.add(rep)
    assert [m.article_id for m in found] == [1]
    assert found[0].kind in ("rewrite", "partial")
    c = idx.cluster_of(2)
    assert c.source_url == orig.url
    assert [(m.article_id, m.credited) for m in c.members] == [(2, credited)]


def test_two_copies_indexed_at_once_find_each_other(
    repo: CopiesRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tracker indexes from worker threads. Finding and recording were two steps:
    # both copies looked for the other before either was recorded, and both missed.
    import threading
    import time

    idx = CopyIndex(repo)
    real_find = idx.find

    def slow_find(p: object) -> object:
        found = real_find(p)  # type: ignore[arg-type]
        time.sleep(0.05)  # widen the gap between finding and recording
        return found

    monkeypatch.setattr(idx, "find", slow_find)
    results: dict[int, list[int]] = {}

    def index(aid: int, outlet: str) -> None:
        results[aid] = [m.article_id for m in idx.add(doc(aid, STORY, outlet=outlet, hours=aid))]

    threads = [threading.Thread(target=index, args=(1, "Reuters")),
               threading.Thread(target=index, args=(2, "Daily Courier"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert sorted(results.values()) == [[], [1]] or sorted(results.values()) == [[], [2]], results
    assert [m.kind for m in repo.matches_of(1)] == ["verbatim"]
