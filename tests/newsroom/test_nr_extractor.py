"""A real extractor (trafilatura) recovers the scripted text and none of the chrome."""

from __future__ import annotations

import aiohttp
import trafilatura

from newsdelta.newsroom import NewsroomServer, chrome_scenario


async def test_trafilatura_sees_identical_text_despite_changing_chrome(
    client: aiohttp.ClientSession,
) -> None:
    newsroom = chrome_scenario(12, n_outlets=2)
    async with NewsroomServer(newsroom) as server:
        for article in newsroom.articles():
            pages = []
            for _ in range(2):
                async with client.get(server.url_for(article)) as response:
                    pages.append(await response.text())
            assert pages[0] != pages[1]
            texts = [trafilatura.extract(p, include_comments=False) for p in pages]
            assert texts[0] is not None and texts[0] == texts[1]
            version = article.versions[0]
            assert all(p in texts[0] for p in version.paragraphs)
            assert "Most read" not in texts[0] and "Advertisement" not in texts[0]
