"""Hostile article text (titles, paragraphs, bylines, URLs, outlet names) never becomes markup."""

from __future__ import annotations

from urllib.parse import quote

import feedparser
import lxml.html
import pytest
from starlette.testclient import TestClient
from webworld import XSS_OUTLET, World


def live_markup(html: str) -> list[str]:
    """Script elements, on* handlers and javascript: URLs as a browser's parser would see them."""
    if not html.strip():
        return []
    root = lxml.html.fromstring(html)
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.lower() in ("script", "iframe", "object", "embed"):
            found.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{element.tag} {name}=")
            if name.lower() in ("href", "src", "action", "formaction") and \
                    value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{element.tag} {name}={value}")
    return found


def assert_inert(html: str, where: str) -> None:
    assert live_markup(html) == [], where


def test_pages_escape_hostile_text(client: TestClient, world: World) -> None:
    outlet = quote(XSS_OUTLET, safe="")
    paths = [
        "/", "/outlets", f"/outlets/{outlet}", "/articles", f"/articles/{world.xss_id}",
        f"/articles/{world.xss_id}/diff", f"/articles/{world.xss_id}/diff?view=inline",
        f"/articles/{world.xss_id}/versions/1", f"/articles/{world.xss_id}/versions/2",
        f"/articles/{world.js_url_id}", f"/articles/{world.js_url_id}/diff",
        f"/articles/{world.js_url_id}/versions/2", "/search?q=evil", "/search?q=click&removed=1",
        "/search?q=%3Cscript%3E", "/stats", f"/?outlet={outlet}",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.text, path)
    page = client.get(f"/articles/{world.xss_id}/versions/1").text
    assert "&lt;script&gt;alert(" in page  # shown as text, not dropped
    js = client.get(f"/articles/{world.js_url_id}").text
    assert "javascript:alert(document.cookie)" in js  # visible as text...
    assert 'href="javascript' not in js  # ...never as a link


def test_api_json_and_html_fragments_are_inert(client: TestClient, world: World) -> None:
    body = client.get(f"/api/articles/{world.xss_id}/diff").json()
    assert body["ok"]
    assert "<script>" in body["title"]["ops"][0]["text"]  # JSON carries raw text, as data
    response = client.get(f"/api/articles/{world.xss_id}/diff")
    assert response.headers["content-type"].startswith("application/json")
    from newsdelta.service import load_diff
    from newsdelta.web.diff_fragment import render_html

    fragment = render_html(load_diff(world.store, world.xss_id, 1, 2).diff)
    assert_inert(fragment, "render_html fragment")


def test_feeds_carry_escaped_content(client: TestClient, world: World) -> None:
    outlet = quote(XSS_OUTLET, safe="")
    for path in (f"/feeds/articles/{world.xss_id}.rss", f"/feeds/articles/{world.xss_id}.atom",
                 f"/feeds/outlets/{outlet}.rss", f"/feeds/articles/{world.js_url_id}.atom",
                 "/feeds/search.rss?q=evil"):
        response = client.get(path)
        assert response.status_code == 200, path
        feed = feedparser.parse(response.content, sanitize_html=False)
        assert not feed.bozo
        escaped = 0
        for entry in feed.entries:
            html = entry.content[0].value if "content" in entry else entry.summary
            assert_inert(html, path)
            escaped += "&lt;script&gt;" in html
            assert entry.title_detail.type == "text/plain"  # titles are text, never HTML
        assert escaped, path


def test_the_checker_catches_live_markup() -> None:
    assert live_markup('<p><img src=x onerror="alert(1)"></p>')
    assert live_markup('<a href=" javascript:alert(1)">x</a>')
    assert live_markup("<div><script>alert(1)</script></div>")
    assert not live_markup('<p title="x onerror=alert(1)">&lt;script&gt;</p>')


def test_hostile_outlet_name_in_admin_free_pages(client: TestClient) -> None:
    body = client.get("/api/outlets").json()
    assert XSS_OUTLET in [o["name"] for o in body["outlets"]]
    page = client.get("/outlets").text
    assert "evil&lt;img src=x onerror=alert(5)&gt;" in page


def test_a_hostile_outlet_names_feed_links_are_valid_uris(client: TestClient) -> None:
    feed = feedparser.parse(client.get(f"/feeds/outlets/{quote(XSS_OUTLET, safe='')}.atom").content)
    assert not feed.bozo
    hrefs = [link.href for link in feed.feed.links]
    assert any(h.endswith(f"/outlets/{quote(XSS_OUTLET, safe='')}") for h in hrefs), hrefs
    assert not any(c in h for h in hrefs for c in '<>" '), hrefs


def test_a_500_carries_the_security_headers(world: World) -> None:
    # Starlette answers unhandled errors outside the security middleware.
    from starlette.requests import Request
    from starlette.responses import Response

    from newsdelta.web.app import create_app

    app = create_app(world.settings, world.store)

    def boom(request: Request) -> Response:
        raise RuntimeError("a bug")

    app.add_route("/boom", boom)
    app.add_route("/api/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in ("/boom", "/api/boom"):
            response = client.get(path)
            assert response.status_code == 500
            assert "script-src 'none'" in response.headers["content-security-policy"], path
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("until", ["9999-12-31", "9999-12-30"])
def test_the_last_days_there_are_are_valid_search_bounds(client: TestClient, until: str) -> None:
    response = client.get(f"/api/search?q=assertion&until={until}")
    assert response.status_code == 200, response.text
