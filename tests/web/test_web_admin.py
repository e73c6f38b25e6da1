"""Admin routes refuse without the token (401) or with a wrong one (403); forms need CSRF."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from webworld import ADMIN_TOKEN, World, build_world

from newsdelta.web.app import create_app


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[World, TestClient]]:
    world = build_world(tmp_path)
    with TestClient(create_app(world.settings, world.store), follow_redirects=False) as c:
        yield world, c
    world.store.close()


BEARER = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def csrf_of(client: TestClient) -> str:
    page = client.get("/admin")
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match
    return match.group(1)


@pytest.mark.parametrize("method, path, body", [
    ("post", "/api/admin/outlets", {"name": "x", "feeds": ["https://x.example/rss"]}),
    ("delete", "/api/admin/outlets/wire", None),
    ("post", "/api/admin/track", {"url": "https://x.example/a"}),
    ("post", "/api/admin/articles/1/retire", None),
])
def test_api_admin_refuses_without_or_with_wrong_token(
    fresh: tuple[World, TestClient], method: str, path: str, body: dict[str, object] | None
) -> None:
    world, client = fresh
    none = client.request(method, path, json=body)
    assert none.status_code == 401 and none.json()["ok"] is False
    assert "bearer" in none.headers["www-authenticate"].lower()
    wrong = client.request(method, path, json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
    basic = client.request(method, path, json=body, headers={"Authorization": "Basic abc"})
    assert basic.status_code == 401
    assert len(client.get("/api/outlets").json()["outlets"]) == 3  # nothing changed
    assert world.store.find_article(1).retired is True  # seed was already retired; still one


def test_api_admin_actions_with_token(fresh: tuple[World, TestClient]) -> None:
    world, client = fresh
    added = client.post("/api/admin/outlets", json={"name": "new", "feeds": ["https://n.example/rss"]},
                        headers=BEARER)
    assert added.status_code == 201 and added.json()["outlet"]["name"] == "new"
    bad = client.post("/api/admin/outlets", json={"name": "bad", "feeds": ["javascript:alert(1)"]},
                      headers=BEARER)
    assert bad.status_code == 400 and bad.json()["ok"] is False
    slashed = client.post("/api/admin/outlets", json={"name": "a/b", "feeds": ["https://n.example/rss"]},
                          headers=BEARER)
    assert slashed.status_code == 400 and "cannot contain '/'" in slashed.json()["error"]["message"]
    tracked = client.post("/api/admin/track", json={"url": "https://n.example/story", "outlet": "new"},
                          headers=BEARER)
    assert tracked.status_code == 201
    article_id = tracked.json()["article"]["id"]
    retired = client.post(f"/api/admin/articles/{article_id}/retire", headers=BEARER)
    assert retired.status_code == 200
    assert world.store.find_article(article_id).retired is True
    page = client.get(f"/api/articles/{article_id}").json()
    assert "won't be checked again" in page["article"]["status"]
    assert client.post("/api/admin/articles/99999/retire", headers=BEARER).status_code == 404
    removed = client.delete("/api/admin/outlets/new", headers=BEARER)
    assert removed.status_code == 200
    assert "new" not in [o["name"] for o in client.get("/api/outlets").json()["outlets"]]
    assert client.delete("/api/admin/outlets/new", headers=BEARER).status_code == 404


def test_form_needs_token_and_csrf(fresh: tuple[World, TestClient]) -> None:
    world, client = fresh
    form = {"url": "https://f.example/a"}
    assert client.post("/admin/track", data=form).status_code == 401
    assert client.post("/admin/track", data={**form, "token": "wrong"}).status_code == 403
    no_csrf = client.post("/admin/track", data={**form, "token": ADMIN_TOKEN})
    assert no_csrf.status_code == 403 and "CSRF" in no_csrf.text
    token = csrf_of(client)
    forged = token.split(".")[0] + ".0000"
    client.cookies.set("nd_csrf", forged, path="/admin")
    assert client.post("/admin/track", data={**form, "token": ADMIN_TOKEN, "csrf": forged}).status_code == 403
    client.cookies.clear()
    token = csrf_of(client)
    mismatch = client.post("/admin/track", data={**form, "token": ADMIN_TOKEN, "csrf": token + "x"})
    assert mismatch.status_code == 403
    ok = client.post("/admin/track", data={**form, "token": ADMIN_TOKEN, "csrf": token})
    assert ok.status_code == 303 and ok.headers["location"].startswith("/articles/")
    assert world.store.find_article("https://f.example/a").id


def test_login_session_then_forms(fresh: tuple[World, TestClient]) -> None:
    world, client = fresh
    token = csrf_of(client)
    assert client.post("/admin/login", data={"token": "bad", "csrf": token}).status_code == 403
    login = client.post("/admin/login", data={"token": ADMIN_TOKEN, "csrf": token})
    assert login.status_code == 303 and "nd_admin" in login.cookies
    page = client.get("/admin")
    assert "Log out" in page.text
    added = client.post("/admin/outlets", data={"name": "formed", "feeds": "https://fo.example/rss",
                                                "csrf": token})
    assert added.status_code == 303
    assert "formed" in [s.name for s in world.store.list_sources()]
    no_csrf = client.post("/admin/outlets/remove", data={"name": "formed"})
    assert no_csrf.status_code == 403
    removed = client.post("/admin/outlets/remove", data={"name": "formed", "csrf": token})
    assert removed.status_code == 303
    retire = client.post("/admin/retire", data={"article": str(world.filler_ids[1]), "csrf": token})
    assert retire.status_code == 303 and world.store.find_article(world.filler_ids[1]).retired
    client.cookies.clear()
    client.cookies.set("nd_admin", "forged")
    client.cookies.set("nd_csrf", token)
    assert client.post("/admin/retire", data={"article": "2", "csrf": token}).status_code == 403


def test_admin_disabled_without_configured_token(tmp_path: Path) -> None:
    world = build_world(tmp_path, admin_token="")
    with TestClient(create_app(world.settings, world.store)) as client:
        assert "disabled" in client.get("/admin").text
        response = client.post("/api/admin/track", json={"url": "https://x.example/"},
                               headers={"Authorization": "Bearer "})
        assert response.status_code == 403 and "NEWSDELTA_ADMIN_TOKEN" in response.json()["error"]["message"]
    world.store.close()
