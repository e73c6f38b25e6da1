"""Full-text search over versions (SQLite FTS5 now; PostgreSQL behind the same API).

Two things are searchable for every version:

* ``body``: its text (title, standfirst, byline, paragraphs);
* ``removed``: the sentences of the *previous* version that this version no
  longer has, so "text that was removed" can be found too.

:func:`index_version` is called by the store inside the transaction that
writes a version, so the index never disagrees with the versions table.

SQLite keeps a *contentless* FTS5 table (only the inverted index; the texts
stay zstd-compressed in ``versions``), so snippets are cut here in Python
from the decompressed text of the few hits on a page. PostgreSQL keeps two
``tsvector`` columns with GIN indexes (migration 0002); only the SQL differs.

User input never reaches ``MATCH`` raw: :func:`fts_query` rebuilds it from
words and quoted phrases, each double-quoted, so operators, column filters
and stray quotes in the input are plain text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import accumulate
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement

from newsdelta.core.model import ArticleText
from newsdelta.store import blobs
from newsdelta.store.schema import articles, sources, versions
from newsdelta.store.texts import TextCache, text_bytes

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)\]]*\s+")
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_WORDS = 32
PROBE_WORDS = 3
"""Words of a sentence looked for in a paragraph before splitting it (see _Sentences)."""


# ----------------------------------------------------------------- documents


def document_text(article: ArticleText) -> str:
    """The searchable text of a version: every field, one per line."""
    parts = [article.title, article.standfirst, article.byline, *article.paragraphs]
    return "\n".join(p for p in parts if p)


def split_sentences(paragraph: str) -> list[str]:
    """Cheap sentence split (good enough to tell which sentences disappeared)."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def removed_text(article: ArticleText, previous: ArticleText | None) -> str:
    """Sentences (and title, standfirst, byline) of ``previous`` missing from ``article``.

    "Missing" compares normalised words (:func:`_norm`) against every field and
    every sentence of ``article``. Only what could be missing is looked up: the
    old fields that changed, and the sentences of old paragraphs that are not
    still there word for word (an edit usually touches a few). And a sentence is
    looked for only in the new paragraphs that contain its longest words
    (:class:`_Sentences`), so a typical edit splits a handful of paragraphs, not
    the whole article.
    """
    if previous is None:
        return ""
    still_there = set(article.paragraphs)
    field_keys = {_norm(f) for f in (article.title, article.standfirst, article.byline)}
    candidates = [
        (field, key)
        for field in (previous.title, previous.standfirst, previous.byline)
        if field and (key := _norm(field)) not in field_keys
    ]
    candidates.extend(
        (sentence, _norm(sentence))
        for paragraph in previous.paragraphs
        if paragraph not in still_there
        for sentence in split_sentences(paragraph)
    )
    if not candidates:
        return ""
    sentences = _Sentences(article.paragraphs)
    return "\n".join(
        text for text, key in candidates if key not in field_keys and key not in sentences
    )


class _Sentences:
    """Answers "does some sentence of these paragraphs normalise to this key?".

    A sentence's words, lower-cased, occur in its lower-cased paragraph, so a
    paragraph without one of the key's :data:`PROBE_WORDS` longest words cannot
    hold it and is not split. Paragraphs with the longest word are found with
    ``str.find`` over all of them joined, not by visiting each paragraph.
    """

    def __init__(self, paragraphs: tuple[str, ...]) -> None:
        self._paragraphs = paragraphs
        self._lowered = [p.lower() for p in paragraphs]  # lower() may change lengths
        self._text = "\n".join(self._lowered)
        self._starts = list(accumulate((len(low) + 1 for low in self._lowered), initial=0))

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if not key:
            return any("" in _sentence_keys(p) for p in self._paragraphs)
        longest, *others = sorted(set(key.split(" ")), key=len, reverse=True)[:PROBE_WORDS]
        at = self._text.find(longest)
        while at >= 0:
            index = bisect_right(self._starts, at) - 1
            low = self._lowered[index]
            if all(word in low for word in others) and key in _sentence_keys(
                self._paragraphs[index]
            ):
                return True
            at = self._text.find(longest, self._starts[index + 1])  # the next paragraph on
        return False


def _norm(value: str) -> str:
    return " ".join(_WORD.findall(value.lower()))


@lru_cache(maxsize=4096)
def _sentence_keys(paragraph: str) -> tuple[str, ...]:
    """Normalised sentences of a paragraph; cached, as consecutive versions share most."""
    return tuple(_norm(s) for s in split_sentences(paragraph))


# --------------------------------------------------------------------- index


def index_version(
    conn: Connection,
    version_id: int,
    article_id: int,
    text: ArticleText,
    previous: ArticleText | None,
) -> None:
    """Index a new version's text, and the text it removed from ``previous``."""
    del article_id  # the version row already links to its article
    index_versions(conn, [(version_id, text, previous)])


def index_versions(
    conn: Connection, items: Sequence[tuple[int, ArticleText, ArticleText | None]]
) -> None:
    """:func:`index_version` for several (version id, text, previous text): one statement."""
    if not items:
        return
    rows = [
        {"id": version_id, "body": document_text(text), "removed": removed_text(text, previous)}
        for version_id, text, previous in items
    ]
    if conn.dialect.name == "postgresql":
        conn.execute(_INSERT_POSTGRESQL, rows)
    else:
        conn.execute(_INSERT_SQLITE, rows)


_INSERT_POSTGRESQL = sql_text(
    "INSERT INTO version_search (version_id, body, removed) VALUES "
    "(:id, to_tsvector('simple', :body), to_tsvector('simple', :removed))"
)
_INSERT_SQLITE = sql_text(
    "INSERT INTO version_search (rowid, body, removed) VALUES (:id, :body, :removed)"
)


def rebuild_index(conn: Connection) -> int:
    """Index every stored version (used by migration 0002 on an existing database)."""
    rows = conn.execute(
        select(versions.c.id, versions.c.article_id, versions.c.text_blob, versions.c.base_version_id)
        .order_by(versions.c.article_id, versions.c.number)
    )
    count = 0
    last_article: int | None = None
    previous_bytes: bytes | None = None
    for row in rows:
        if row.article_id != last_article:
            last_article, previous_bytes = row.article_id, None
        data = blobs.decompress_text(row.text_blob, previous_bytes if row.base_version_id else None)
        previous = blobs.decode_text(previous_bytes) if previous_bytes is not None else None
        index_version(conn, int(row.id), int(row.article_id), blobs.decode_text(data), previous)
        previous_bytes = data
        count += 1
    return count


# --------------------------------------------------------------------- query


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """A word or phrase of the user's query; ``prefix`` when it ended with ``*``."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_query(query: str) -> list[QueryTerm]:
    """Words and "quoted phrases" of ``query``; everything else is dropped."""
    terms: list[QueryTerm] = []
    for phrase, bare in _TOKEN.findall(query):
        raw = phrase if phrase else bare
        words = tuple(w.lower() for w in _WORD.findall(raw))
        if not words:
            continue
        prefix = not phrase and bare.endswith("*") and len(words) == 1
        terms.append(QueryTerm(words, prefix))
    return terms[:16]  # bound the work one request can ask for


def fts_query(terms: Sequence[QueryTerm]) -> str:
    """An FTS5 MATCH expression: every term must match (AND), each one quoted."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " AND ".join(parts)


def pg_query(terms: Sequence[QueryTerm]) -> str:
    """A ``to_tsquery`` expression for PostgreSQL (phrases with ``<->``, prefixes ``:*``)."""
    parts = []
    for term in terms:
        words = [w.replace("'", "") for w in term.words if w.replace("'", "")]
        if not words:
            continue
        phrase = " <-> ".join(f"'{w}'" for w in words)
        parts.append(f"({phrase}:*)" if term.prefix else f"({phrase})")
    return " & ".join(parts)


# -------------------------------------------------------------------- search


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching version. ``snippet`` is (text, matched) pieces, never HTML."""

    article_id: int
    article_title: str | None
    article_url: str
    source_name: str | None
    version_id: int
    version_number: int
    captured_at: datetime
    title: str
    snippet: tuple[tuple[str, bool], ...]


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: list[SearchHit]
    next_cursor: int | None
    """Pass back as ``cursor`` for the next page (a version id; newest first)."""


def search(
    engine: Engine,
    query: str,
    *,
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    removed: bool = False,
    limit: int = 20,
    cursor: int | None = None,
) -> SearchPage:
    """Versions whose text (or, with ``removed``, whose removed text) matches ``query``.

    Newest first; ``cursor`` continues after the last hit of the previous page.
    An empty or operator-only query matches nothing.
    """
    terms = parse_query(query)
    if not terms:
        return SearchPage([], None)
    column = "removed" if removed else "body"
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            expression = pg_query(terms)
            if not expression:
                return SearchPage([], None)
            matching = sql_text("SELECT version_id FROM version_search "
                f"WHERE {column} @@ to_tsquery('simple', :q)"
            ).bindparams(q=expression)
        else:
            matching = sql_text("SELECT rowid FROM version_search WHERE version_search MATCH :q"
            ).bindparams(q="{" + column + "} : (" + fts_query(terms) + ")")
        conditions: list[ColumnElement[bool]] = [versions.c.id.in_(matching)]
        if source is not None:
            conditions.append(sources.c.name == source)
        if since is not None:
            conditions.append(versions.c.captured_at >= since)
        if until is not None:
            conditions.append(versions.c.captured_at < until)
        if cursor is not None:
            conditions.append(versions.c.id < cursor)
        rows = conn.execute(
            select(
                versions.c.id,
                versions.c.article_id,
                versions.c.number,
                versions.c.captured_at,
                versions.c.title,
                articles.c.title.label("article_title"),
                articles.c.url,
                sources.c.name.label("source_name"),
            )
            .select_from(
                versions.join(articles, versions.c.article_id == articles.c.id).outerjoin(
                    sources, articles.c.source_id == sources.c.id
                )
            )
            .where(and_(*conditions))
            .order_by(versions.c.id.desc())
            .limit(limit + 1)
        ).all()
        more = len(rows) > limit
        rows = rows[:limit]
        hits = [
            SearchHit(
                article_id=int(r.article_id),
                article_title=r.article_title,
                article_url=r.url,
                source_name=r.source_name,
                version_id=int(r.id),
                version_number=int(r.number),
                captured_at=r.captured_at,
                title=r.title,
                snippet=make_snippet(_snippet_source(conn, r, removed), terms),
            )
            for r in rows
        ]
    return SearchPage(hits, hits[-1].version_id if more and hits else None)


def _snippet_source(conn: Connection, row: Any, removed: bool) -> str:
    cache = TextCache(4)  # search reads outside any store; a throwaway cache per snippet
    version_id = int(row.id)
    current = blobs.decode_text(text_bytes(conn, version_id, cache))
    if not removed:
        return document_text(current)
    previous_id = conn.execute(
        select(versions.c.id).where(
            and_(
                versions.c.article_id == row.article_id,
                versions.c.number == int(row.number) - 1,
            )
        )
    ).scalar_one_or_none()
    if previous_id is None:
        return ""
    return removed_text(current, blobs.decode_text(text_bytes(conn, int(previous_id), cache)))


def make_snippet(
    source_text: str, terms: Sequence[QueryTerm], width: int = SNIPPET_WORDS
) -> tuple[tuple[str, bool], ...]:
    """A window of about ``width`` words around the first match, matches flagged."""
    if not source_text:
        return ()
    alternatives = sorted(
        (r"\W+".join(re.escape(w) for w in t.words) + (r"\w*" if t.prefix else r"\b")
         for t in terms),
        key=len,
        reverse=True,
    )
    pattern = re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE)
    flat = " ".join(source_text.split())
    first = pattern.search(flat)
    words = list(re.finditer(r"\S+", flat))
    if first is None:
        start_char, end_char = 0, words[min(width, len(words)) - 1].end() if words else 0
    else:
        index = next((i for i, m in enumerate(words) if m.end() > first.start()), 0)
        lo = max(0, index - width // 3)
        hi = min(len(words), lo + width)
        start_char, end_char = words[lo].start(), words[hi - 1].end()
    window = flat[start_char:end_char]
    pieces: list[tuple[str, bool]] = []
    if start_char > 0:
        pieces.append(("… ", False))
    position = 0
    for match in pattern.finditer(window):
        if match.start() > position:
            pieces.append((window[position : match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    if position < len(window):
        pieces.append((window[position:], False))
    if end_char < len(flat):
        pieces.append((" …", False))
    return tuple(pieces)


__all__ = [
    "QueryTerm",
    "SearchHit",
    "SearchPage",
    "document_text",
    "fts_query",
    "index_version",
    "index_versions",
    "make_snippet",
    "parse_query",
    "pg_query",
    "rebuild_index",
    "removed_text",
    "search",
    "split_sentences",
]
