"""Every page and its API twin, pagination, filters, 404s and the error envelope."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient
from webworld import FILLER, SEED, World

HEADER = [
    "This article is from the source 'rtcom' and was first published or seen on 18 November 2022.",
    "It last changed over 49 days ago and won't be checked again for changes.",
    "You can find the current article at its original source at " + SEED["url"],
    "The article has changed 1 time.",
    "There is an RSS feed of changes available.",
]


def text_of(html: str) -> str:
    """Visible text, roughly: tags dropped, entities for quotes undone, spaces collapsed."""
    plain = re.sub(r"<[^>]+>", "", html)
    plain = plain.replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"')
    return " ".join(plain.split())


def test_article_page_shows_the_seed_header(client: TestClient, world: World) -> None:
    page = client.get(f"/articles/{world.seed_id}")
    assert page.status_code == 200
    visible = text_of(page.text)
    for sentence in HEADER:
        assert sentence in visible
    assert "about 3 hours later" in visible
    assert SEED["v1"]["title"] in visible and SEED["v2"]["title"] in visible
    assert f'href="/feeds/articles/{world.seed_id}.rss"' in page.text


def test_article_api_mirrors_the_page(client: TestClient, world: World) -> None:
    body = client.get(f"/api/articles/{world.seed_id}").json()
    assert body["ok"] is True
    assert body["header"] == HEADER
    assert [v["number"] for v in body["versions"]] == [1, 2]
    assert body["versions"][1]["later"] == "about 3 hours later"
    versions = client.get(f"/api/articles/{world.seed_id}/versions").json()
    assert versions["versions"] == body["versions"]
    events = client.get(f"/api/articles/{world.filler_ids[0]}/events").json()
    assert [e["event"] for e in events["events"]] == ["removed"]
    page = client.get(f"/articles/{world.filler_ids[0]}")
    assert "removed" in page.text and "HTTP 404" in page.text


def test_diff_page_side_by_side(client: TestClient, world: World) -> None:
    page = client.get(f"/articles/{world.seed_id}/diff")
    assert page.status_code == 200
    html = page.text
    assert "Version 1" in html and "Version 2" in html
    assert "(about 3 hours later)" in html
    for removed in ("about", "an assertion", "a claim by"):
        assert re.search(rf"<del>[^<]*{removed}[^<]*</del>", html), removed
    for added in ("on", "a statement", "Furthermore,", "the", "asserted"):
        assert re.search(rf"<ins>[^<]*{re.escape(added)}[^<]*</ins>", html), added
    assert "<details class=\"same\">" in html and "unchanged paragraph" in html
    assert f'href="/articles/{world.seed_id}/diff?from=1&amp;to=2"' in html  # permalink
    assert 'name="from"' in html and 'name="to"' in html  # pickers
    assert "&amp;view=inline" in html


def test_diff_inline_and_pickers(client: TestClient, world: World) -> None:
    page = client.get(f"/articles/{world.seed_id}/diff?from=1&to=2&view=inline")
    assert page.status_code == 200
    assert 'class="diff inline"' in page.text
    assert re.search(r"<del>about</del>\s*<ins>on</ins>", page.text)
    same = client.get(f"/articles/{world.seed_id}/diff?from=2&to=2")
    assert same.status_code == 200 and "<ins>" not in same.text.split("legend")[1].split("</p>", 1)[1]


def test_diff_api_is_the_cli_json(client: TestClient, world: World) -> None:
    from newsdelta.service import load_diff

    body = client.get(f"/api/articles/{world.seed_id}/diff?from=1&to=2").json()
    expected = load_diff(world.store, world.seed_id, 1, 2).to_json()
    for key, value in expected.items():
        if key != "elapsed":
            assert body[key] == value, key
    assert body["elapsed"] == "about 3 hours later"
    assert body["navigation"]["previous"] is None and body["navigation"]["next"] is None
    assert body["title"]["changed"] is True


@pytest.mark.parametrize("query, status", [
    ("from=9&to=2", 404), ("from=x", 400), ("from=0", 400), ("to=1&from=-3", 400),
])
def test_diff_bad_versions(client: TestClient, world: World, query: str, status: int) -> None:
    assert client.get(f"/articles/{world.seed_id}/diff?{query}").status_code == status
    api = client.get(f"/api/articles/{world.seed_id}/diff?{query}")
    assert api.status_code == status
    assert api.json()["ok"] is False and api.json()["status"] == status


def test_version_page_and_raw_page(client: TestClient, world: World) -> None:
    page = client.get(f"/articles/{world.seed_id}/versions/2")
    assert page.status_code == 200
    for paragraph in SEED["v2"]["paragraphs"]:
        assert paragraph in page.text.replace("&#34;", '"')
    assert f'href="/articles/{world.seed_id}/versions/2/raw"' in page.text
    assert "2022-11-18 12:00 UTC" in page.text
    raw = client.get(f"/articles/{world.seed_id}/versions/1/raw")
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("text/plain")
    assert "sandbox" in raw.headers["content-security-policy"]
    assert raw.headers["x-content-type-options"] == "nosniff"
    assert "<script>alert(9)</script>" in raw.text  # inert text, byte for byte
    api = client.get(f"/api/articles/{world.seed_id}/versions/1").json()
    assert api["version"]["text"]["title"] == SEED["v1"]["title"]


@pytest.mark.parametrize("path", [
    "/articles/99999", "/articles/99999/diff", "/articles/1/versions/77",
    "/articles/99999/versions/1/raw", "/outlets/nope", "/feeds/articles/99999.rss",
    "/feeds/outlets/nope.atom", "/feeds/changes.json", "/no/such/page",
])
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"] or "404" in response.text


@pytest.mark.parametrize("path", [
    "/api/articles/99999", "/api/articles/99999/diff", "/api/articles/1/versions/77",
    "/api/outlets/nope", "/api/articles/99999/events", "/api/nothing-here",
    # Numbers past what a 64-bit SQL integer holds name nothing (they were a 500).
    "/api/articles/99999999999999999999999", "/api/articles/99999999999999999999999/diff",
    "/api/articles/1/versions/99999999999999999999999",
    "/api/articles/1/diff?from=9223372036854775807",
])
def test_api_404_envelope(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    body = response.json()
    assert body == {"ok": False, "error": {"code": "not_found", "message": body["error"]["message"]},
                    "status": 404}
    assert body["error"]["message"]


def test_api_bad_request_envelope(client: TestClient) -> None:
    for path in ("/api/changes?cursor=%%%", "/api/changes?limit=abc", "/api/search?q=a&since=nope",
                 "/api/articles?cursor=WyJ4Il0", "/api/articles/1/diff?to=99999999999999999999999"):
        response = client.get(path)
        assert response.status_code == 400, path
        assert response.json()["ok"] is False and response.json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize(
    "path",
    [
        # Found by the web audit: each was a 500 ("internal").
        "/api/changes?cursor=WyIyMDI2LTExLTIyVDAwOjAwOjAwIiwgMV0",  # a time with no zone
        "/api/articles?cursor=WzEwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMF0",  # an id no row can have
        "/api/search?q=a&cursor=WzEwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMF0",
        "/api/articles?cursor=WzEuNV0",  # forged ids: 1.5, true, -1
        "/api/articles?cursor=W3RydWVd",
        "/api/articles?cursor=Wy0xXQ",
        "/api/search?q=a&since=0001-01-01T00:00%2B01:00",  # no UTC instant
        "/api/search?q=a&until=9999-12-31T23:59-01:00",
        "/feeds/search.rss?q=a&since=bad",
    ],
)
def test_forged_cursors_and_dates_out_of_range_are_bad_requests(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400, path
    if path.startswith("/api/"):
        assert response.json()["error"]["code"] == "bad_request"


def test_method_not_allowed_is_enveloped(client: TestClient) -> None:
    response = client.post("/api/changes")
    assert response.status_code == 405
    assert response.json()["ok"] is False


def test_recent_changes_pagination_visits_every_change_once(client: TestClient) -> None:
    seen: list[tuple[int, int]] = []
    cursor = None
    for _ in range(20):
        url = "/api/changes?limit=7" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen += [(c["article_id"], c["version"]) for c in body["changes"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert cursor is None
    assert len(seen) == len(set(seen)) == FILLER + 3  # filler + seed + two evil articles
    stamps = [client.get("/api/changes?limit=200").json()["changes"][i]["captured_at"]
              for i in range(3)]
    assert stamps == sorted(stamps, reverse=True)


def test_recent_changes_page_filters_and_pager(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'rel="next"' in page.text  # 63 changes, 50 per page
    nxt = re.search(r'rel="next" href="\?([^"]+)"', page.text)
    assert nxt is not None
    second = client.get("/?" + nxt.group(1).replace("&amp;", "&"))
    assert second.status_code == 200 and 'rel="next"' not in second.text
    wire = client.get("/api/changes?outlet=wire&limit=200").json()["changes"]
    assert len(wire) == FILLER and {c["outlet"] for c in wire} == {"wire"}
    headline = client.get("/api/changes?headline=1&limit=200").json()["changes"]
    assert headline and all(c["headline_changed"] for c in headline)
    assert len(headline) == FILLER // 2 + 1
    filtered = client.get("/?outlet=rtcom&headline=1")
    assert SEED["v2"]["title"] in filtered.text.replace("&#39;", "'")
    assert "Wire story" not in filtered.text


def test_articles_list_pagination_and_filters(client: TestClient, world: World) -> None:
    ids: list[int] = []
    cursor = None
    while True:
        body = client.get("/api/articles?limit=25" + (f"&cursor={cursor}" if cursor else "")).json()
        ids += [a["id"] for a in body["articles"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(ids, reverse=True) == ids and len(ids) == len(set(ids)) == FILLER + 3
    rt = client.get("/api/articles?outlet=rtcom").json()["articles"]
    assert [a["id"] for a in rt] == [world.seed_id]
    assert client.get("/articles?outlet=wire&changed=1").status_code == 200


def test_outlets_page_and_api(client: TestClient) -> None:
    body = client.get("/api/outlets").json()
    by_name = {o["name"]: o for o in body["outlets"]}
    assert by_name["rtcom"]["articles"] == 1 and by_name["rtcom"]["versions"] == 2
    assert by_name["wire"]["changes_last_day"] > 0
    assert by_name["wire"]["failing"] is True and by_name["wire"]["error"] == "feed is not XML"
    page = client.get("/outlets")
    assert "failing: feed is not XML" in page.text
    one = client.get("/api/outlets/wire").json()
    assert one["outlet"]["name"] == "wire" and len(one["articles"]) == 50 and one["next_cursor"]
    assert client.get("/outlets/wire").status_code == 200


def test_search_page_api_and_filters(client: TestClient, world: World) -> None:
    body = client.get("/api/search?q=assertion").json()
    assert [(r["article_id"], r["version"]) for r in body["results"]] == [(world.seed_id, 1)]
    assert any(piece["match"] and piece["text"] == "assertion" for piece in body["results"][0]["snippet"])
    removed = client.get("/api/search?q=assertion&removed=1").json()["results"]
    assert [(r["article_id"], r["version"]) for r in removed] == [(world.seed_id, 2)]
    assert client.get("/api/search?q=assertion&outlet=wire").json()["results"] == []
    assert client.get("/api/search?q=assertion&until=2022-11-17").json()["results"] == []
    assert len(client.get("/api/search?q=assertion&since=2022-11-18&until=2022-11-18").json()["results"]) == 1
    page = client.get("/search?q=statement")
    assert "<mark>statement</mark>" in page.text
    for hostile in ('"', "NEAR(", "a OR", "*", "body:x", "'; DROP TABLE versions; --", "^", "(((("):
        response = client.get("/api/search", params={"q": hostile})
        assert response.status_code == 200 and response.json()["ok"] is True


def test_search_pagination(client: TestClient) -> None:
    seen: list[tuple[int, int]] = []
    cursor = None
    for _ in range(30):
        body = client.get("/api/search?q=zebra&limit=9" + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [(r["article_id"], r["version"]) for r in body["results"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 2 * FILLER


def test_stats_page_and_api(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert len(body["days"]) == 30
    assert sum(body["changes_per_day"]["wire"].values()) == FILLER
    buckets = {b["bucket"]: b["changes"] for b in body["time_to_change"]}
    assert sum(buckets.values()) == FILLER  # the seed and evil changes are older than 30 days
    page = client.get("/stats")
    assert page.text.count("<svg") == 2 and "wire" in page.text


def test_api_index_and_openapi(client: TestClient) -> None:
    index = client.get("/api").json()
    assert index["ok"] and "/api/changes" in index["endpoints"]
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    for path in ("/api/changes", "/api/articles/{id}/diff", "/api/search", "/api/admin/track"):
        assert path in doc["paths"]


def test_security_headers_on_every_response(client: TestClient, world: World) -> None:
    for path in ("/", f"/articles/{world.seed_id}/diff", "/api/changes", "/feeds/changes.rss",
                 "/articles/99999", "/static/newsdelta.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_pages_use_no_script_and_no_cdn(client: TestClient, world: World) -> None:
    for path in ("/", "/outlets", f"/articles/{world.seed_id}", f"/articles/{world.seed_id}/diff",
                 "/search?q=zebra", "/stats", "/admin", "/articles"):
        html = client.get(path).text
        assert "<script" not in html
        assert not re.search(r'(src|href)="(https?:)?//(?!www\.rt\.com|wire\.example|evil\.example)', html)


def test_an_article_is_found_by_its_address_in_any_spelling(client: TestClient, world: World) -> None:
    from urllib.parse import quote

    url = SEED["url"]
    for spelling in (url, f"{url}?utm_source=rss", f"{url}#top", url.replace("https://", "HTTPS://")):
        api = client.get(f"/api/articles?url={quote(spelling, safe='')}").json()
        assert [a["id"] for a in api["articles"]] == [world.seed_id], spelling
    page = client.get(f"/articles?url={quote(url, safe='')}").text
    assert f'href="/articles/{world.seed_id}"' in page
    missing = client.get("/articles?url=https%3A%2F%2Fnowhere.example%2Fx")
    assert missing.status_code == 200 and "No tracked article at that address." in missing.text


def test_an_unknown_outlet_filter_is_a_404_not_an_empty_list(client: TestClient) -> None:
    assert client.get("/api/articles?outlet=nosuch").status_code == 404
    assert client.get("/articles?outlet=nosuch").status_code == 404
