"""Text that every output format can carry: no characters XML 1.0 forbids.

Page text reaches feeds (XML), HTML pages, JSON and the terminal. XML 1.0 is the
strictest of them: it forbids the C0 controls but tab, line feed and carriage
return, the surrogate code points and U+FFFE / U+FFFF. Pages still deliver them,
mostly through JSON-LD, whose ``\\u0001`` or a lone ``\\ud800`` escape decodes to
exactly such a character. One of them in a stored headline made every feed that
listed the article fail (lxml refuses the string), and a lone surrogate cannot
even be encoded to UTF-8 for hashing. None of them is visible text, so they are
dropped where text enters newsdelta (extraction, feed and sitemap titles) and,
as a safety net, where feeds are built.
"""

from __future__ import annotations

import re

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def without_xml_invalid(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids; the same object when it has none."""
    if _XML_INVALID.search(text) is None:  # the common case: no copy
        return text
    return _XML_INVALID.sub("", text)


__all__ = ["without_xml_invalid"]
