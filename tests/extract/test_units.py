"""Table tests for the small pure pieces: clean-up rules, dates, versions."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdelta.errors import ExtractionError
from newsdelta.extract import EXTRACTOR_VERSION, extract_article, extractor_version
from newsdelta.extract._text import parse_datetime
from newsdelta.extract.article import _to_utf8
from newsdelta.extract.cleanup import clean_paragraphs, is_byline_line, is_dateline


@pytest.mark.parametrize(
    ("line", "byline", "result"),
    [
        ("By Jane Smith", "", True),
        ("By Jane Smith and John Doe", "", True),
        ("BY JANE SMITH", "", True),
        ("Par Élise Durand", "Élise Durand", True),
        ("Jane Smith", "Jane Smith", True),
        ("By then, the talks had collapsed.", "", False),
        ("By Friday the ministry had agreed to talk.", "", False),
        ("By the numbers", "", False),
        ("Jane Smith said the deal was done.", "Jane Smith", False),
    ],
)
def test_is_byline_line(line: str, byline: str, result: bool) -> None:
    assert is_byline_line(line, byline) is result


@pytest.mark.parametrize(
    ("line", "result"),
    [
        ("Updated 12 seconds ago", True),
        ("Published 7 Oct, 2022 11:31 GMT", True),
        ("Last updated: 3 June 2024, 10:30 BST", True),
        ("12 March 2024", True),
        ("2024-06-03", True),
        ("Publié le 2 mars 2024 à 06h00", True),
        ("Veröffentlicht: 03.06.2024, 08:15 Uhr", True),
        ("On 3 June 2024 the council met.", False),
        ("Updated guidance was issued on Monday.", False),
        ("Monday", False),
        ("", False),
    ],
)
def test_is_dateline(line: str, result: bool) -> None:
    assert is_dateline(line) is result


def test_clean_paragraphs() -> None:
    raw = [
        "  The Headline ", "The standfirst.", "By Jane Smith", "Updated 5 minutes ago",
        "First\n  real   paragraph.", "Advertisement", "", "The standfirst.", "Second paragraph.",
    ]
    assert clean_paragraphs(raw, title="The Headline", standfirst="The standfirst.", byline="Jane Smith") == (
        "First real paragraph.",
        "The standfirst.",  # only a *leading* repeat of the standfirst is dropped
        "Second paragraph.",
    )


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("2022-10-07T14:31:00+03:00", datetime(2022, 10, 7, 11, 31, tzinfo=UTC)),
        ("2022-10-07T11:31:00Z", datetime(2022, 10, 7, 11, 31, tzinfo=UTC)),
        ("2022-10-07 11:31:00", datetime(2022, 10, 7, 11, 31, tzinfo=UTC)),
        ("2022-10-07", datetime(2022, 10, 7, tzinfo=UTC)),
        ("Fri, 07 Oct 2022 14:31:00 +0300", datetime(2022, 10, 7, 11, 31, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_datetime(text: str | None, when: datetime | None) -> None:
    assert parse_datetime(text) == when


def test_extractor_versions() -> None:
    assert EXTRACTOR_VERSION == f"trafilatura-{trafilatura.__version__}/nd4"
    assert extractor_version(None) == EXTRACTOR_VERSION
    assert extractor_version({}) == EXTRACTOR_VERSION
    a = extractor_version({"body": "div.text", "title": "h1"})
    assert a.startswith(EXTRACTOR_VERSION + "+css-")
    assert a == extractor_version({"title": "h1", "body": "div.text"})
    assert a != extractor_version({"body": "div.text"})


_CONTROL_REFERENCE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(max_codepoint=0x9F), st.characters()), max_size=60))
def test_control_bytes_match_removing_the_characters(text: str) -> None:
    # Deleting control *bytes* from UTF-8 equals deleting control *characters* from text.
    try:
        expected = _CONTROL_REFERENCE.sub("", text).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: not text, rejected either way
        with pytest.raises(ExtractionError):
            _to_utf8(text)
        return
    assert _to_utf8(text) == expected
    # Bytes lose a leading byte order mark first, as "utf-8-sig" decoding does.
    from_bytes = _CONTROL_REFERENCE.sub("", text.encode("utf-8").decode("utf-8-sig"))
    assert _to_utf8(text.encode("utf-8")) == from_bytes.encode("utf-8")


@pytest.mark.parametrize(
    "tail",
    [
        '<time datetime="2024-05-01T10:00Z">3 minutes ago</time>',
        "| Updated 58 minutes ago",
        "· 2 hrs ago",
        "- just now",
    ],
)
def test_a_byline_block_s_time_is_not_the_byline(tail: str) -> None:
    # "3 minutes ago" changes on every request: kept, it made a version on every check.
    body = "".join(f"<p>{'Paragraph text with enough words to count here. ' * 8}</p>" for _ in range(3))
    html = (
        "<html><head><title>T</title></head><body><article><h1>Storm hits coast</h1>"
        f'<p class="byline">By Jane Doe {tail}</p>{body}</article></body></html>'
    )
    assert extract_article(html, "https://example.org/a").byline == "Jane Doe"


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ("2024-05-01T07:30:00Z", "exact"),
        ("2024-05-01T07:30:00-04:00", "exact"),
        ("2024-05-01", "day"),
        ("2024-05-01T07:30:00", "naive"),
        ("Wed, 01 May 2024 07:30:00 -0000", "naive"),  # RFC 2822's "zone unknown"
        ("Wed, 01 May 2024 07:30:00 +0200", "exact"),
    ],
)
def test_the_published_dates_precision_is_kept(value: str, precision: str) -> None:
    body = "".join(f"<p>{'Paragraph text with enough words to count here. ' * 8}</p>" for _ in range(3))
    html = (
        f"<html><head><meta property='article:published_time' content='{value}'><title>T</title>"
        f"</head><body><article><h1>Storm hits coast</h1>{body}</article></body></html>"
    )
    text = extract_article(html, "https://example.org/a")
    assert text.published is not None and text.published_precision == precision
    assert type(text).from_dict(text.to_dict()).published_precision == precision  # stored and read back


def test_a_published_date_with_no_utc_instant_is_no_date() -> None:
    # 0001-01-01T00:00+01:00 falls before year 1 in UTC: converting it raised
    # OverflowError, which ended the page's check as an internal error.
    body = "".join(f"<p>{'Paragraph text with enough words to count here. ' * 8}</p>" for _ in range(3))
    html = (
        "<html><head><meta property='article:published_time' content='0001-01-01T00:00+01:00'>"
        f"<title>T</title></head><body><article><h1>Storm hits coast</h1>{body}</article></body></html>"
    )
    text = extract_article(html, "https://example.org/a")
    assert text.published is None and text.paragraphs
