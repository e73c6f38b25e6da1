"""core/xml_chars.py: what XML 1.0 forbids is dropped, everything else kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsdelta.core.xml_chars import without_xml_invalid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain headline", "plain headline"),
        ("tab\tnew\nline\rreturn", "tab\tnew\nline\rreturn"),  # the three allowed controls
        ("a\x00b\x01c\x08d\x0be\x0cf\x1fg", "abcdefg"),
        ("lone \ud800 high and \udfff low", "lone  high and  low"),
        ("non\ufffecharacters\uffff", "noncharacters"),
        ("kept: \ufffd \u202e rtl \U0001f600 \x7f \x85", "kept: \ufffd \u202e rtl \U0001f600 \x7f \x85"),
    ],
)
def test_table(text: str, expected: str) -> None:
    assert without_xml_invalid(text) == expected


def test_text_without_forbidden_characters_is_returned_as_is() -> None:
    text = "nothing to drop"
    assert without_xml_invalid(text) is text


@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=80))
def test_the_result_is_always_valid_xml_text(text: str) -> None:
    element = etree.Element("t")
    element.text = without_xml_invalid(text)  # lxml raises ValueError on forbidden characters
    assert etree.fromstring(etree.tostring(element, encoding="utf-8")).text in (element.text, None)
