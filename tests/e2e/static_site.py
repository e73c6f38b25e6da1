"""A hand-written site on 127.0.0.1 for identity tests: exact pages, links and redirects.

The newsroom always tells the truth about its pages; real sites do not (a
canonical link to the home page, a feed of short links). Tests set each path's
answer in ``Site.routes`` and may change it between checks.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

WORDS = ["council", "budget", "river", "bridge", "school", "hospital", "minister", "report", "police", "court", "election", "harbour", "railway", "market", "storm", "museum", "festival", "library", "union", "factory"]


def body_paragraphs(topic: str, count: int = 5) -> list[str]:
    """``count`` distinct paragraphs of ~30 words about ``topic`` (long enough to be an article)."""
    out = []
    for k in range(count):
        words = [WORDS[(k * 7 + n * 3 + len(topic)) % len(WORDS)] for n in range(24)]
        out.append(f"{topic} paragraph {k + 1}: the " + " ".join(words) + " officials said on Monday.")
    return out


def article_html(title: str, paragraphs: list[str], canonical: str | None = None) -> bytes:
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>{link}"
        f"</head><body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
    ).encode()


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})


@dataclass
class Site:
    base: str
    routes: dict[str, Route]
    hits: dict[str, int]

    def page(self, path: str, title: str, paragraphs: list[str], canonical: str | None = None,
             etag: str | None = None) -> None:
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if etag:
            headers["ETag"] = etag
        self.routes[path] = Route(200, article_html(title, paragraphs, canonical), headers)

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        self.routes[path] = Route(status, b"", {"Location": target})

    def feed(self, path: str, links: list[str]) -> str:
        items = "".join(
            f"<item><title>item {k}</title><link>{escape(self.base + link)}</link></item>"
            for k, link in enumerate(links)
        )
        xml = f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{items}</channel></rss>"
        self.routes[path] = Route(200, xml.encode(), {"Content-Type": "application/rss+xml"})
        return self.base + path


def serve_site() -> Iterator[Site]:
    routes: dict[str, Route] = {}
    hits: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits[self.path] = hits.get(self.path, 0) + 1
            route = routes.get(self.path) or Route(404, b"not found", {"Content-Type": "text/plain"})
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag and route.status == 200:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", routes, hits)
    finally:
        server.shutdown()
        server.server_close()
