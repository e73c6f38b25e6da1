"""Value types of the copies room: what goes into the index and what comes out.

Everything here is immutable and free of I/O so that the pure stages (cleaning,
sketching, alignment, classification, provenance) can be tested with plain
values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from newsdelta.core.model import DatePrecision

Kind = Literal["verbatim", "partial", "rewrite", "independent"]
"""How two articles relate. ``independent`` means *not a copy*: the same event
written separately (shared names and numbers, different sentences)."""

COPY_KINDS: frozenset[str] = frozenset({"verbatim", "partial", "rewrite"})

SemanticStage = Literal["on", "off"]


@dataclass(frozen=True)
class IndexedDoc:
    """One article version as the index sees it.

    ``paragraphs`` is the extracted body (the title goes in ``title``); scraper
    debris inside them is fine, the cleaner removes it. ``credits`` are credit or
    byline lines the extractor found outside the body ("Reuters", "By AP staff").
    ``published`` is the date the page claims; ``first_seen`` is when newsdelta
    first fetched it (the only date we can fully trust).
    """

    article_id: int
    version_id: int
    outlet: str
    url: str
    title: str
    paragraphs: tuple[str, ...]
    first_seen: datetime
    published: datetime | None = None
    credits: tuple[str, ...] = ()
    published_precision: DatePrecision | None = None
    """How precise ``published`` is (see :mod:`.provenance`); ``None``: not known."""


@dataclass(frozen=True)
class Stripped:
    """A line the cleaner removed, kept as evidence ("why this was not scored")."""

    text: str
    reason: str  # "credit", "footer", "debris", "prompt", "disclaimer", "dateline"


@dataclass(frozen=True)
class Credit:
    """An agency or outlet named as the origin of a text ("(Reuters)", "AFP")."""

    agency: str  # canonical short name: "reuters", "ap", "afp", or an outlet key
    evidence: str  # the line or fragment that names it


@dataclass(frozen=True)
class CleanText:
    """A document after boilerplate removal: the text that is actually scored."""

    title: str
    paragraphs: tuple[str, ...]
    stripped: tuple[Stripped, ...] = ()
    credits: tuple[Credit, ...] = ()

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class SharedPassage:
    """A run of aligned sentences: text in the queried article and in the other one."""

    query_text: str
    other_text: str
    score: float  # 0..1, mean sentence similarity over the run


@dataclass(frozen=True)
class Verdict:
    """The outcome of verifying one candidate pair."""

    kind: Kind
    similarity: float  # 0..1, how much of the pair is shared (see classify.py)
    coverage_query: float
    coverage_other: float
    passages: tuple[SharedPassage, ...] = ()
    semantic: float | None = None  # mean aligned-sentence cosine when the stage ran


@dataclass(frozen=True)
class CopyMatch:
    """One related article found by :meth:`CopyIndex.query`."""

    article_id: int
    url: str
    outlet: str
    kind: Kind
    similarity: float
    passages: tuple[SharedPassage, ...] = ()
    via: str = "lsh"  # "lsh" or "semantic": which stage proposed the candidate


@dataclass(frozen=True)
class ClusterMember:
    article_id: int
    url: str
    outlet: str
    kind: Kind  # relation to the cluster's source
    similarity: float
    credited: bool
    passages: tuple[SharedPassage, ...] = ()


@dataclass(frozen=True)
class Cluster:
    """Articles that copy each other, with the probable source and how sure we are."""

    source_article_id: int
    source_url: str
    source_reason: str  # "credited by copies", "earliest published", "earliest first seen"
    members: tuple[ClusterMember, ...] = field(default_factory=tuple)
    semantic_stage: SemanticStage = "off"
    source_outlet: str = ""  # the source's outlet as indexed (source name, else host)
