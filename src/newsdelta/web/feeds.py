"""RSS 2.0 and Atom feeds of changes, built with feedgen.

Each item is one new version and carries the diff itself as HTML
(:func:`newsdelta.web.diff_fragment.render_html`, which escapes every piece of
article text), not just "X changed". GUIDs are ``tag:`` URIs that never
change for a given article version:
``tag:newsdelta,2026:article/ID/version/N``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from feedgen.feed import FeedGenerator

from newsdelta.core.xml_chars import without_xml_invalid
from newsdelta.errors import NotFoundError
from newsdelta.service import load_diff
from newsdelta.store import Store
from newsdelta.store.queries import ChangeRow
from newsdelta.web.copies import CopyItem
from newsdelta.web.diff_fragment import render_html

FEED_ITEMS = 30
TAG_AUTHORITY = "tag:newsdelta,2026:"


def item_guid(article_id: int, number: int) -> str:
    return f"{TAG_AUTHORITY}article/{article_id}/version/{number}"


@dataclass(frozen=True, slots=True)
class FeedItem:
    guid: str
    title: str
    link: str
    updated: datetime
    content_html: str


def change_item(store: Store, base_url: str, article_id: int, number: int, title: str,
                outlet: str | None, at: datetime) -> FeedItem:
    """A feed item for version ``number`` of an article: its diff against the one before."""
    link = f"{base_url}/articles/{article_id}/diff?from={number - 1}&to={number}"
    try:
        view = load_diff(store, article_id, number - 1, number)
        content = render_html(view.diff)
    except NotFoundError:  # first version (search hits) or a vanished article
        content = "<p>First version.</p>"
        link = f"{base_url}/articles/{article_id}/versions/{number}"
    prefix = f"[{outlet}] " if outlet else ""
    return FeedItem(item_guid(article_id, number), f"{prefix}{title} (version {number})",
                    link, at, content)


def items_from_changes(store: Store, base_url: str, rows: list[ChangeRow]) -> list[FeedItem]:
    return [
        change_item(store, base_url, r.article_id, r.number, r.title, r.source_name, r.captured_at)
        for r in rows
    ]


def copy_html(item: CopyItem) -> str:
    """An uncredited copy as feed HTML: who, what kind, and the passages side by side.

    Every piece of article text goes through :func:`html.escape`.
    """
    c, s = item.copy, item.source
    rows = "".join(
        f"<tr><td>{escape(a)}</td><td>{escape(b)}</td></tr>" for a, b, _ in item.passages
    )
    return (
        f"<p>{escape(c.outlet)}: {escape(c.title or c.url)} ({escape(c.url)}) is a "
        f"{escape(item.kind)} copy (similarity {item.similarity:.2f}), "
        f"{'credited' if item.credited else 'uncredited'}, of {escape(s.outlet)}: "
        f"{escape(s.title or s.url)} ({escape(s.url)}), the probable source "
        f"({escape(item.source_reason)}).</p>"
        f"<table><thead><tr><th>{escape(c.outlet)} (copy)</th>"
        f"<th>{escape(s.outlet)} (source)</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def copy_item(base_url: str, item: CopyItem) -> FeedItem:
    """A feed item for an uncredited copy; its GUID names the (copy, source) pair."""
    c = item.copy
    title = (f"[{c.outlet}] {c.title or c.url} copies [{item.source.outlet}] "
             f"({item.kind}, {'credited' if item.credited else 'uncredited'})")
    return FeedItem(item.guid, title, f"{base_url}/articles/{c.article_id}", c.first_seen,
                    copy_html(item))


def build_feed(
    fmt: str, *, feed_id: str, title: str, link: str, self_link: str, items: list[FeedItem],
    updated: datetime,
) -> tuple[bytes, str]:
    """(body, content type) of the feed in ``fmt`` ("rss" or "atom")."""
    # Extraction and discovery already drop what XML forbids; this is the safety net for
    # older rows and for text from elsewhere (a search query in the feed's title).
    title, feed_id = without_xml_invalid(title), without_xml_invalid(feed_id)
    fg = FeedGenerator()
    fg.id(TAG_AUTHORITY + feed_id)
    fg.title(title)
    # feedgen's RSS <link> is the last link given: the page, not the feed itself.
    fg.link(href=self_link, rel="self")
    fg.link(href=link, rel="alternate")
    fg.description(title)
    fg.language("en")
    fg.updated(items[0].updated if items else updated)
    for item in reversed(items):  # feedgen prepends: add oldest first, newest ends on top
        entry = fg.add_entry()
        entry.id(item.guid)
        entry.guid(item.guid, permalink=False)
        entry.title(without_xml_invalid(item.title))
        entry.link(href=item.link)
        entry.updated(item.updated)
        entry.published(item.updated)
        # description() also sets the Atom content, without a type (read as plain
        # text, escaped tags shown); content() second gives it type="html".
        content = without_xml_invalid(item.content_html)
        entry.description(content)
        entry.content(content, type="html")
    if fmt == "atom":
        return fg.atom_str(pretty=False), "application/atom+xml; charset=utf-8"
    return fg.rss_str(pretty=False), "application/rss+xml; charset=utf-8"
