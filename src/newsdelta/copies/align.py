"""Sentence alignment between two cleaned articles (lexical, optionally semantic).

Each article is split into sentences. Every query sentence is compared with
every sentence of the other article with rapidfuzz's normalised Indel ratio
(``process.cdist``, C speed), optionally together with a cosine matrix from
sentence embeddings. Pairs are then matched one-to-one greedily, best first,
so a sentence is never counted twice. Runs of matched pairs that advance
together on both sides become :class:`SharedPassage` evidence.

This is deliberately small; the diff room's aligner can replace
:func:`align` later as long as it returns :class:`Alignment`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from newsdelta.copies.model import SharedPassage
from newsdelta.core.sketch import tokens

FloatMatrix = npt.NDArray[np.float32]

_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
MIN_PAIR = 0.55  # below this a pair is not considered aligned at all


def sentences(paragraphs: Sequence[str]) -> list[str]:
    """Split paragraphs into sentences; very short fragments join the previous one."""
    out: list[str] = []
    for par in paragraphs:
        for piece in _SPLIT.split(par):
            piece = piece.strip()
            if not piece:
                continue
            if out and len(piece.split()) < 3:
                out[-1] = f"{out[-1]} {piece}"
            else:
                out.append(piece)
    return out


_FACT = re.compile(r"\d[\d.,]*|(?<=\s)[A-Z][\w'’-]+")


def facts(sentence: str) -> frozenset[str]:
    """Numbers and mid-sentence capitalised words: the names and figures of a sentence.

    Copies, rewrites and translations keep them; a different story written from
    the same template ("The central bank of X raised rates by N") does not.
    """
    return frozenset(f.lower().rstrip(".,").replace("’", "'") for f in _FACT.findall(sentence))


def facts_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when each sentence names facts the other lacks and at most half agree.

    One-sided differences are allowed: a merged sentence names more, a
    shortened one fewer. A swap (another person, another figure) is not.
    """
    if not (a - b) or not (b - a):
        return False
    return len(a & b) <= 0.5 * min(len(a), len(b))


def normalise(sentence: str) -> str:
    return " ".join(tokens(sentence))


@dataclass(frozen=True)
class Pair:
    q: int  # query sentence index
    o: int  # other sentence index
    lexical: float  # 0..1 rapidfuzz ratio
    semantic: float | None  # cosine, when embeddings were given


@dataclass(frozen=True)
class Alignment:
    query: tuple[str, ...]
    other: tuple[str, ...]
    pairs: tuple[Pair, ...]

    def passages(self, min_lexical: float = 0.0) -> tuple[SharedPassage, ...]:
        """Runs of consecutive aligned pairs (i, j), (i+1, j+1), ... as evidence."""
        chosen = sorted((p for p in self.pairs if p.lexical >= min_lexical), key=lambda p: p.q)
        runs: list[list[Pair]] = []
        for p in chosen:
            if runs and runs[-1][-1].q == p.q - 1 and runs[-1][-1].o == p.o - 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        return tuple(
            SharedPassage(
                query_text=" ".join(self.query[p.q] for p in run),
                other_text=" ".join(self.other[p.o] for p in run),
                score=round(sum(max(p.lexical, p.semantic or 0.0) for p in run) / len(run), 3),
            )
            for run in runs
        )


def align(
    query: Sequence[str],
    other: Sequence[str],
    q_emb: FloatMatrix | None = None,
    o_emb: FloatMatrix | None = None,
    *,
    q_norm: Sequence[str] | None = None,
    o_norm: Sequence[str] | None = None,
) -> Alignment:
    """Greedy one-to-one sentence matching by max(lexical, semantic) score.

    ``q_norm``/``o_norm`` are the sentences already passed through
    :func:`normalise` (the index normalises a query once for all its candidates).
    """
    qn = list(q_norm) if q_norm is not None else [normalise(s) for s in query]
    on = list(o_norm) if o_norm is not None else [normalise(s) for s in other]
    if not qn or not on:
        return Alignment(tuple(query), tuple(other), ())
    use_sem = q_emb is not None and o_emb is not None and len(q_emb) == len(qn) and len(o_emb) == len(on)
    pairs: list[Pair] = []
    rows = list(range(len(qn)))
    cols = list(range(len(on)))
    limit = min(len(qn), len(on))
    if not use_sem:
        # Identical sentences score 1.0, the top lexical score, and the greedy
        # below takes them first in row-major order: pair them with a dict, in
        # the same order, and score only the rest (a verbatim copy then needs no
        # matrix at all). With embeddings a cosine may tie or exceed 1.0, so the
        # full matrix decides.
        free: dict[str, list[int]] = {}
        for j, s in enumerate(on):
            free.setdefault(s, []).append(j)
        taken: set[int] = set()
        rows = []
        for i, s in enumerate(qn):
            js = free.get(s)
            if js:
                j = js.pop(0)
                taken.add(j)
                pairs.append(Pair(i, j, 1.0, None))
            else:
                rows.append(i)
        cols = [j for j in cols if j not in taken]
        if not rows or not cols:
            return Alignment(tuple(query), tuple(other), tuple(sorted(pairs, key=lambda p: p.q)))
    lex = process.cdist(
        [qn[i] for i in rows], [on[j] for j in cols], scorer=fuzz.ratio, dtype=np.float32
    ) / np.float32(100.0)
    sem: FloatMatrix | None = None
    score = lex
    if use_sem:
        assert q_emb is not None and o_emb is not None
        sem = (q_emb @ o_emb.T).astype(np.float32)
        score = np.maximum(lex, sem)
    flat = np.argsort(-score, axis=None, kind="stable")
    used_q: set[int] = set()
    used_o: set[int] = set()
    n_o = len(cols)
    q_facts: dict[int, frozenset[str]] = {}
    o_facts: dict[int, frozenset[str]] = {}
    for idx in flat:
        a, b = divmod(int(idx), n_o)
        if score[a, b] < MIN_PAIR:
            break
        if a in used_q or b in used_o:
            continue
        i, j = rows[a], cols[b]
        if qn[i] != on[j]:  # the same words name the same facts: nothing to check
            fq = q_facts.get(i)
            if fq is None:
                fq = q_facts[i] = facts(query[i])
            fo = o_facts.get(j)
            if fo is None:
                fo = o_facts[j] = facts(other[j])
            if facts_conflict(fq, fo):
                continue
        used_q.add(a)
        used_o.add(b)
        pairs.append(Pair(i, j, float(lex[a, b]), None if sem is None else float(sem[a, b])))
        if len(pairs) == limit:
            break
    return Alignment(tuple(query), tuple(other), tuple(sorted(pairs, key=lambda p: p.q)))
