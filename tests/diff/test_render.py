"""Renderers: HTML escapes everything; text works without colour."""

from __future__ import annotations

from newsdelta.core.diff import diff_articles, render_text
from newsdelta.core.model import ArticleText
from newsdelta.web.diff_fragment import render_html


def test_html_escapes_untrusted_text() -> None:
    old = ArticleText(title="<b>Hi</b>", paragraphs=('a "quote" & <script>alert(1)</script>',))
    new = ArticleText(title="<b>Ho</b>", paragraphs=("a 'quote' & <img src=x onerror=alert(1)>",))
    html = render_html(diff_articles(old, new))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html and "&amp;" in html


def test_text_marks_deletions_insertions_and_moves() -> None:
    a, b, c = "Alpha one two three.", "Beta four five six.", "Gamma seven eight nine."
    old = ArticleText(title="T", paragraphs=(a, b, c))
    new = ArticleText(title="T", paragraphs=(c, a, b))
    text = render_text(diff_articles(old, new), color=False)
    assert "moved" in text
    assert "[-" not in text and "{+" not in text


def test_empty_diff_says_so() -> None:
    art = ArticleText(title="T", paragraphs=("Same.",))
    assert render_text(diff_articles(art, art), color=False).startswith("No changes.")
