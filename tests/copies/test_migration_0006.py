"""Migration 0006 moves existing LSH keys from copies_lsh rows into copies_keys blobs, and back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
import zstandard
from alembic import command
from copies_helpers import STORY, doc  # type: ignore[import-not-found]
from tests_copies_paths import SEED_003_ORIGINAL  # type: ignore[import-not-found]

from newsdelta.copies.clean import clean
from newsdelta.copies.index import CopyIndex
from newsdelta.core.lsh import keys_from_bytes, pack_keys
from newsdelta.core.sketch import sketch
from newsdelta.store.copies_tables import SqlCopiesRepository
from newsdelta.store.migrate import _config
from newsdelta.store.schema import copies


def _to(engine: sa.Engine, rev: str, *, down: bool = False) -> None:
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, rev)


def _seed_0005(engine: sa.Engine) -> dict[int, list[tuple[int, int]]]:
    """Three indexed articles as the 0005 code stored them (one has no text)."""
    o = json.loads(SEED_003_ORIGINAL.read_text(encoding="utf-8"))
    texts = {
        7: clean("Norway raises rates", STORY).paragraphs,
        3: clean(o["title"], o["paragraphs"]).paragraphs,
        5: (),
    }
    zc = zstandard.ZstdCompressor()
    keys: dict[int, list[tuple[int, int]]] = {}
    with engine.begin() as conn:
        for aid, pars in texts.items():
            sk = sketch("", pars)
            keys[aid] = list(sk.keys)
            conn.execute(sa.text(
                "INSERT INTO copies_docs (article_id, version_id, outlet, url, first_seen, "
                "credits, text_z, signature) VALUES (:a, :a, 'o', :u, :t, '', :z, :s)"),
                {"a": aid, "u": f"https://o.example/{aid}", "t": datetime(2024, 1, 1, tzinfo=UTC),
                 "z": zc.compress(json.dumps(["", list(pars)]).encode()),
                 "s": sk.signature_bytes()})
            for band, h in sk.keys:
                conn.execute(sa.text("INSERT INTO copies_lsh VALUES (:b, :h, :a)"),
                             {"b": band, "h": h, "a": aid})
    return keys


def test_upgrade_packs_keys_and_downgrade_restores_rows(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    _to(engine, "0005")
    keys = _seed_0005(engine)
    assert keys[5] == [] and len(keys[7]) > 16
    _to(engine, "0006")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT seq, article_id, lsh_keys FROM copies_keys")).all()
        assert "copies_lsh" not in sa.inspect(conn).get_table_names()
    assert [(int(r[0]), int(r[1])) for r in rows] == [(1, 3), (2, 5), (3, 7)]  # article order
    for _, aid, raw in rows:
        assert sorted(keys_from_bytes(raw).tolist()) == sorted(pack_keys(keys[aid]).tolist())

    # The migrated index works (with today's code, so on today's schema): a copy of
    # article 7 is found through the loaded blobs.
    _to(engine, "head")
    repo = SqlCopiesRepository(engine, copies)
    cands = repo.candidates(pack_keys(keys[7]), exclude=-1, per_key_limit=50)
    assert max(cands, key=lambda a: cands[a]) == 7
    assert repo.mirror.seen == 3
    found = CopyIndex(repo).query(doc(100, ("Share this article", *STORY), outlet="Copycat"))
    assert [m.article_id for m in found] == [7]

    _to(engine, "0005", down=True)
    with engine.connect() as conn:
        back = conn.execute(sa.text("SELECT band, hash, article_id FROM copies_lsh")).all()
        assert "copies_keys" not in sa.inspect(conn).get_table_names()
    assert sorted((int(b), int(h), int(a)) for b, h, a in back) == sorted(
        (b, h, a) for a, ks in keys.items() for b, h in ks
    )
    engine.dispose()

