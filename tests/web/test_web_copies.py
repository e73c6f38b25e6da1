"""Copies in the web UI: article and outlet pages, the uncredited list, feed and API."""

from __future__ import annotations

import feedparser
import pytest
from copiesworld import CopiesWorld, cclient, cworld
from lxml import html as lxml_html
from starlette.testclient import TestClient
from webworld import XSS_OUTLET

from newsdelta.copies.service import CopiesService
from newsdelta.service import cluster_dict

__all__ = ["cclient", "cworld"]


def page(client: TestClient, path: str) -> lxml_html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:300])
    return lxml_html.fromstring(response.text)


def no_script(tree: lxml_html.HtmlElement) -> None:
    """No live script element, event-handler attribute or script URL anywhere."""
    assert not tree.xpath("//script")
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (el.tag, name, value)


def text_of(tree: lxml_html.HtmlElement, css: str) -> str:
    return " ".join(" ".join(e.text_content().split()) for e in tree.cssselect(css))


def cells(tree: lxml_html.HtmlElement, css: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.cssselect(css)]


def test_copy_page_names_the_wire_as_uncredited_source(cclient: TestClient,
                                                       cworld: CopiesWorld) -> None:
    tree = page(cclient, f"/articles/{cworld.aggregator_id}")
    section = text_of(tree, "section.copies")
    assert "Also published as" in section
    assert "Probable source: wire" in section
    assert "earliest first seen" in section
    (item,) = tree.cssselect("li.related-item")
    item_text = " ".join(item.text_content().split())
    assert "probable source" in item_text and "uncredited" in item_text
    assert "rewrite" in item_text
    assert item.cssselect(f'a[href="/articles/{cworld.wire_id}"]')
    # Side by side: this article's sentence on the left, the wire's on the right.
    rows = item.cssselect("table.passages tbody tr")
    assert rows
    left, right = (" ".join(td.text_content().split()) for td in rows[0].cssselect("td"))
    assert "kept its key interest rate" in left
    assert "held its main interest rate" in right


def test_wire_page_lists_the_copy(cclient: TestClient, cworld: CopiesWorld) -> None:
    tree = page(cclient, f"/articles/{cworld.wire_id}")
    assert "This article is the probable source" in text_of(tree, "section.copies")
    (item,) = tree.cssselect("li.related-item")
    assert item.cssselect(f'a[href="/articles/{cworld.aggregator_id}"]')
    assert "aggregator" in item.text_content() and "uncredited" in item.text_content()


def test_article_api_matches_the_cli_json(cclient: TestClient, cworld: CopiesWorld) -> None:
    body = cclient.get(f"/api/articles/{cworld.aggregator_id}/copies").json()
    assert body.pop("ok") is True
    service = CopiesService(cworld.settings, cworld.store, embedder=None)
    expected = cluster_dict(service.cluster_of(cworld.aggregator_id), cworld.aggregator_id)
    assert body["source_outlet"] == "wire"
    assert body == expected
    (related,) = body["related"]
    assert related["article_id"] == cworld.wire_id and related["credited"] is False
    article = cclient.get(f"/api/articles/{cworld.aggregator_id}").json()
    assert article["copies"]["source_article_id"] == cworld.wire_id


def test_credited_copy_and_credit_based_source(cclient: TestClient, cworld: CopiesWorld) -> None:
    body = cclient.get(f"/api/articles/{cworld.mirror_id}/copies").json()
    assert body["source_article_id"] == cworld.reuters_id
    assert body["source_reason"].startswith("credited by")
    by_id = {r["article_id"]: r for r in body["related"]}
    assert by_id[cworld.reuters_id]["credited"] is True
    assert by_id[cworld.evil_id]["credited"] is False


def test_outlet_pages_show_counts(cclient: TestClient, cworld: CopiesWorld) -> None:
    wire = cclient.get("/api/outlets/wire").json()["copies"]
    assert wire["copied_by"] == [{"outlet": "aggregator", "copies": 1, "uncredited": 1}]
    assert wire["copies_from"] == []
    agg = cclient.get("/api/outlets/aggregator").json()["copies"]
    assert agg["copies_from"] == [{"outlet": "wire", "copies": 1, "uncredited": 1}]
    assert agg["copied_by"] == []
    reuters = cclient.get("/api/outlets/reuters").json()["copies"]
    assert sorted(reuters["copied_by"], key=lambda c: c["outlet"]) == [
        {"outlet": XSS_OUTLET, "copies": 1, "uncredited": 1},
        {"outlet": "mirror", "copies": 1, "uncredited": 0},
    ]
    assert (reuters["copied_by_total"], reuters["copied_by_uncredited"]) == (2, 1)
    # Two copies of one story are not reported as copies of each other.
    assert cclient.get("/api/outlets/mirror").json()["copies"]["copied_by"] == []

    tree = page(cclient, "/outlets/wire")
    assert cells(tree, "table.copied-by tbody td") == ["aggregator", "1", "1"]
    assert "No copies of other outlets found." in text_of(tree, "section.copies")
    tree = page(cclient, "/outlets/aggregator")
    assert cells(tree, "table.copies-from tbody td") == ["wire", "1", "1"]


def test_uncredited_api_lists_only_uncredited_copies(cclient: TestClient,
                                                     cworld: CopiesWorld) -> None:
    body = cclient.get("/api/copies/uncredited").json()
    assert body["ok"] is True and body["next_cursor"] is None
    pairs = [(c["copy"]["article_id"], c["source"]["article_id"]) for c in body["copies"]]
    assert sorted(pairs) == sorted([(cworld.aggregator_id, cworld.wire_id),
                                    (cworld.evil_id, cworld.reuters_id)])
    agg = next(c for c in body["copies"] if c["copy"]["article_id"] == cworld.aggregator_id)
    assert agg["kind"] == "rewrite" and agg["credited"] is False
    assert 0.5 < agg["similarity"] <= 1.0
    assert agg["source"]["outlet"] == "wire" and agg["copy"]["outlet"] == "aggregator"
    assert agg["passages"] and "kept its key interest rate" in agg["passages"][0]["text"]
    assert agg["guid"] == f"tag:newsdelta,2026:copy/{cworld.aggregator_id}/of/{cworld.wire_id}"


def test_uncredited_pagination_walks_every_copy_once(cclient: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        suffix = f"&cursor={cursor}" if cursor else ""
        body = cclient.get(f"/api/copies/uncredited?limit=1{suffix}").json()
        seen += [c["guid"] for c in body["copies"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    full = [c["guid"] for c in cclient.get("/api/copies/uncredited").json()["copies"]]
    assert seen == full and len(full) == 2


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_uncredited_feed_round_trips(cclient: TestClient, cworld: CopiesWorld, fmt: str) -> None:
    response = cclient.get(f"/feeds/copies/uncredited.{fmt}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    again = feedparser.parse(cclient.get(f"/feeds/copies/uncredited.{fmt}").content)
    assert [e.id for e in feed.entries] == [e.id for e in again.entries]
    by_id = {e.id: e for e in feed.entries}
    assert set(by_id) == {
        f"tag:newsdelta,2026:copy/{cworld.aggregator_id}/of/{cworld.wire_id}",
        f"tag:newsdelta,2026:copy/{cworld.evil_id}/of/{cworld.reuters_id}",
    }
    entry = by_id[f"tag:newsdelta,2026:copy/{cworld.aggregator_id}/of/{cworld.wire_id}"]
    assert entry.link.endswith(f"/articles/{cworld.aggregator_id}")
    assert "[aggregator]" in entry.title and "[wire]" in entry.title
    content = entry.content[0].value if "content" in entry else entry.summary
    tree = lxml_html.fromstring(f"<div>{content}</div>")
    assert "uncredited" in tree.text_content() and "rewrite" in tree.text_content()
    assert "wire.example" in tree.text_content()
    cells = [" ".join(td.text_content().split()) for td in tree.xpath("//td")]
    assert any("kept its key interest rate" in c for c in cells)
    assert any("held its main interest rate" in c for c in cells)


def test_passages_and_names_are_escaped(cclient: TestClient, cworld: CopiesWorld) -> None:
    for path in (f"/articles/{cworld.evil_id}", f"/articles/{cworld.reuters_id}",
                 "/copies/uncredited", "/outlets/reuters", f"/outlets/{XSS_OUTLET}"):
        response = cclient.get(path)
        assert response.status_code == 200, path
        tree = lxml_html.fromstring(response.text)
        no_script(tree)
        shown = XSS_OUTLET if path.startswith("/outlets/") else "<script>alert('x')</script>"
        assert shown in tree.text_content(), path  # hostile text is shown, as text
    tree = lxml_html.fromstring(cclient.get(f"/articles/{cworld.evil_id}").text)
    assert not tree.xpath("//img")
    for fmt in ("rss", "atom"):
        feed = feedparser.parse(cclient.get(f"/feeds/copies/uncredited.{fmt}").content)
        assert not feed.bozo
        for entry in feed.entries:
            content = entry.content[0].value if "content" in entry else entry.summary
            fragment = lxml_html.fromstring(f"<div>{content}</div>")
            no_script(fragment)
            assert not fragment.xpath("//img")
        evil = [e for e in feed.entries if e.id.endswith(f"copy/{cworld.evil_id}/of/{cworld.reuters_id}")]
        assert evil and "<script>" in evil[0].title  # the title is text, shown literally


def test_unknown_ids_and_bad_cursors(cclient: TestClient) -> None:
    response = cclient.get("/api/articles/99999/copies")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "status": 404, "error": {
        "code": "not_found", "message": response.json()["error"]["message"]}}
    assert cclient.get("/articles/99999").status_code == 404
    assert cclient.get("/api/outlets/nobody").status_code == 404
    assert cclient.get("/feeds/copies/uncredited.txt").status_code == 404
    bad = cclient.get("/api/copies/uncredited?cursor=notacursor")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_request"
