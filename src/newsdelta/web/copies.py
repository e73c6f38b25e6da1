"""Copies across outlets, as the web shows them: article, outlet and uncredited lists.

Two ways to read the copies index, chosen by cost:

* **The article page** asks the copies room for the article's full cluster
  (:meth:`CopiesService.cluster_of`) and shows exactly what ``newsdelta copies
  ARTICLE --json`` prints (:func:`newsdelta.service.cluster_dict`), so the CLI
  and the API agree.
* **List pages** (the uncredited-copies feed and API, outlet pages) never build
  clusters. They read recorded pairs from ``copies_matches`` and decide each
  pair's direction from a *neighbourhood*: the pair plus the articles linked to
  either side by verbatim/rewrite matches (the links the copies room follows
  transitively), for partial pairs too: a truncated copy matched against another
  copy of a wire story has the wire in its neighbourhood. Partial links never
  widen it (a partial copy often mixes two stories). The probable source is chosen by the copies room's own rule
  (:func:`newsdelta.copies.provenance.probable_source`). A pair is listed only
  when that source is one of its two sides, so two copies of one wire story
  show up as two copies of the wire, not as a copy of each other.

The web process reads with the semantic stage never loaded: the lazy embedder
only loads the model on ``encode``, which reading never calls.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsdelta.copies.provenance import is_credited, probable_source, provenance_of
from newsdelta.copies.service import CopiesService
from newsdelta.service import copies_report
from newsdelta.store import queries
from newsdelta.store.queries import CopyDocRow, CopyPairRow
from newsdelta.web.cursor import decode_cursor, encode_cursor
from newsdelta.web.problems import BadRequest

TRANSITIVE_KINDS = frozenset({"verbatim", "rewrite"})
SCAN_BATCH = 100
MAX_SCAN = 2_000
"""Pairs one list request may read before it returns a shorter page (with a cursor)."""
TAG_AUTHORITY = "tag:newsdelta,2026:"


def copy_guid(copy_id: int, source_id: int) -> str:
    """A feed GUID that never changes for a (copy, source) pair."""
    return f"{TAG_AUTHORITY}copy/{copy_id}/of/{source_id}"


@dataclass(frozen=True, slots=True)
class CopyItem:
    """One copy and its probable source; passages are (copy's text, source's text, score)."""

    pair: tuple[int, int]
    copy: CopyDocRow
    source: CopyDocRow
    kind: str
    similarity: float
    credited: bool
    source_reason: str
    passages: tuple[tuple[str, str, float], ...]

    @property
    def guid(self) -> str:
        return copy_guid(self.copy.article_id, self.source.article_id)


def resolve(engine: Any, pairs: list[CopyPairRow]) -> list[CopyItem]:
    """Each pair whose neighbourhood's probable source is one of its sides, as a CopyItem.

    Three queries whatever the number of pairs: neighbours, then documents.
    """
    if not pairs:
        return []
    ids = {p.a for p in pairs} | {p.b for p in pairs}
    links: dict[int, set[int]] = defaultdict(set)
    for n in queries.copy_pairs_touching(engine, ids):
        if n.kind in TRANSITIVE_KINDS:
            links[n.a].add(n.b)
            links[n.b].add(n.a)
    wanted = set(ids)
    for p in pairs:
        wanted |= links[p.a] | links[p.b]
    docs = queries.copy_docs(engine, wanted)
    items: list[CopyItem] = []
    for p in pairs:
        if p.a not in docs or p.b not in docs:
            continue  # removed between the two reads
        # A partial pair too: a truncated copy matched against another copy of the
        # wire must not be listed as copying that copy (the wire is a verbatim
        # neighbour of it). Only verbatim/rewrite links widen it, so a roundup's
        # two stories stay apart.
        hood = {p.a, p.b} | links[p.a] | links[p.b]
        src, reason = probable_source([provenance_of(docs[i]) for i in sorted(hood) if i in docs])
        if src.article_id not in (p.a, p.b):
            continue
        copy_id = p.b if src.article_id == p.a else p.a
        copy, source = docs[copy_id], docs[src.article_id]
        passages = p.passages if copy_id == p.a else tuple((b, a, s) for a, b, s in p.passages)
        items.append(CopyItem(p.key, copy, source, p.kind, p.similarity,
                              is_credited(provenance_of(copy), src), reason, passages))
    return items


def doc_dict(d: CopyDocRow) -> dict[str, Any]:
    return {
        "article_id": d.article_id,
        "outlet": d.outlet,
        "url": d.url,
        "title": d.title,
        "first_seen": d.first_seen.isoformat(),
        "page": f"/articles/{d.article_id}",
    }


def item_dict(item: CopyItem) -> dict[str, Any]:
    return {
        "guid": item.guid,
        "copy": doc_dict(item.copy),
        "source": doc_dict(item.source),
        "source_reason": item.source_reason,
        "kind": item.kind,
        "similarity": round(item.similarity, 3),
        "credited": item.credited,
        "passages": [{"text": a, "other_text": b, "score": round(s, 3)}
                     for a, b, s in item.passages],
    }


def _pair_cursor(token: str | None) -> tuple[int, int] | None:
    if not token:
        return None
    try:
        a, b = decode_cursor(token)
        return int(a), int(b)
    except (ValueError, TypeError) as exc:
        raise BadRequest("invalid cursor") from exc


def uncredited_copies(
    engine: Any, *, cursor: str | None, limit: int
) -> tuple[list[CopyItem], str | None]:
    """Uncredited copies, newest finder first, and the cursor of the next page (or None).

    Reads recorded pairs in primary-key order and keeps the uncredited ones; at
    most :data:`MAX_SCAN` pairs per call, so a page may come back short with a
    cursor when uncredited copies are rare.
    """
    before = _pair_cursor(cursor)
    found: list[CopyItem] = []
    scanned = 0
    while scanned < MAX_SCAN:
        batch = queries.copy_pairs(engine, limit=SCAN_BATCH, before=before)
        scanned += len(batch)
        for item in resolve(engine, batch):
            if not item.credited:
                found.append(item)
                if len(found) == limit:
                    return found, encode_cursor(*item.pair)
        if len(batch) < SCAN_BATCH:
            return found, None
        before = batch[-1].key
    return found, encode_cursor(*before) if before else None


def _counts(items: Iterable[CopyItem], side: str) -> list[dict[str, Any]]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        other = item.source.outlet if side == "source" else item.copy.outlet
        totals[other][0] += 1
        totals[other][1] += 0 if item.credited else 1
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [{"outlet": name, "copies": n, "uncredited": u} for name, (n, u) in ranked]


def outlet_copies(engine: Any, name: str) -> dict[str, Any]:
    """Who ``name`` copies from and who copies it, with (uncredited) counts per outlet."""
    ids = set(queries.copy_doc_ids_of_outlet(engine, name))
    items = resolve(engine, queries.copy_pairs_touching(engine, ids))
    from_others = [i for i in items if i.copy.outlet == name and i.source.outlet != name]
    by_others = [i for i in items if i.source.outlet == name and i.copy.outlet != name]
    return {
        "copies_from": _counts(from_others, "source"),
        "copied_by": _counts(by_others, "copy"),
        "copied_total": len(from_others),
        "copied_uncredited": sum(1 for i in from_others if not i.credited),
        "copied_by_total": len(by_others),
        "copied_by_uncredited": sum(1 for i in by_others if not i.credited),
    }


def article_copies(service: CopiesService, article_id: int) -> dict[str, Any]:
    """``newsdelta copies ARTICLE --json`` for one article (the article page's section)."""
    return copies_report(service, article_id)
