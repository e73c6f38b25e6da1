"""Clusters of copies read from recorded matches, with provenance.

A cluster is grown from one article over recorded match rows. Verbatim and
rewrite links are followed transitively; partial links only from the article
asked about, because a partial copy often mixes two stories and following it
further would merge unrelated clusters. Members are then related to the
probable source: through their recorded match with it when there is one,
otherwise by verifying the pair now from stored text and vectors. A member that
is not a copy of the source (the other story of a roundup that lifted passages
from two) is left out rather than listed as an "independent" copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdelta.copies.model import COPY_KINDS, Cluster, ClusterMember, Kind, SharedPassage
from newsdelta.copies.provenance import is_credited, probable_source, provenance_of
from newsdelta.errors import NotFoundError
from newsdelta.store.copies_tables import MatchRecord

if TYPE_CHECKING:
    from newsdelta.copies.index import CopyIndex

MAX_MEMBERS = 200
_TRANSITIVE = frozenset({"verbatim", "rewrite"})


def _as_kind(s: str) -> Kind:
    kinds: dict[str, Kind] = {"verbatim": "verbatim", "partial": "partial", "rewrite": "rewrite"}
    return kinds.get(s, "independent")


def _passages(rec: MatchRecord, viewer: int) -> tuple[SharedPassage, ...]:
    """Passages oriented so that ``query_text`` is the viewer's text."""
    flip = rec.a != viewer
    return tuple(
        SharedPassage(b, a, s) if flip else SharedPassage(a, b, s) for a, b, s in rec.passages
    )


def member_ids(index: CopyIndex, article_id: int) -> tuple[set[int], dict[frozenset[int], MatchRecord]]:
    """Breadth-first walk over match rows; returns members and the edges seen."""
    members = {article_id}
    edges: dict[frozenset[int], MatchRecord] = {}
    frontier = [article_id]
    while frontier and len(members) < MAX_MEMBERS:
        nxt: list[int] = []
        for aid in frontier:
            for m in index.repo.matches_of(aid):
                edges[frozenset((m.a, m.b))] = m
                other = m.b if m.a == aid else m.a
                if other in members:
                    continue
                if aid != article_id and m.kind not in _TRANSITIVE:
                    continue
                members.add(other)
                nxt.append(other)
        frontier = nxt
    return members, edges


def build_cluster(index: CopyIndex, article_id: int) -> Cluster:
    if not index.repo.get_docs([article_id]):
        raise NotFoundError(f"article {article_id} is not in the copies index")
    ids, edges = member_ids(index, article_id)
    docs = index.repo.get_docs(ids)
    src_prov, reason = probable_source([provenance_of(d) for d in docs.values()])
    src = docs[src_prov.article_id]
    members: list[ClusterMember] = []
    for aid, d in sorted(docs.items()):
        if aid == src.article_id:
            continue
        edge = edges.get(frozenset((aid, src.article_id)))
        if edge is not None:
            kind, sim, passages = edge.kind, edge.similarity, _passages(edge, aid)
        else:
            v = index.verify_records(d, src)
            kind, sim, passages = v.kind, v.similarity, v.passages
            if v.kind not in COPY_KINDS and aid != article_id:
                # Reached through a partial copy that mixes two stories (a roundup):
                # not a copy of this source, so not listed as one.
                continue
        members.append(
            ClusterMember(
                article_id=aid,
                url=d.url,
                outlet=d.outlet,
                kind=_as_kind(kind),
                similarity=sim,
                credited=is_credited(provenance_of(d), src_prov),
                passages=passages,
            )
        )
    return Cluster(src.article_id, src.url, reason, tuple(members), index.semantic_stage, src.outlet)
