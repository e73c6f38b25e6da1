"""Turn a page's bytes into text: which encoding, and is it really one?

Order (close to the WHATWG "encoding sniffing" algorithm, minus the parts a
change tracker does not need):

1. a byte-order mark, which beats any declaration;
2. the ``charset`` of the ``Content-Type`` header, if it names a known
   encoding *and* the body decodes with it strictly;
3. ``<meta charset>`` / ``<meta http-equiv=Content-Type>`` / an XML
   declaration in the first 4 KB, same conditions;
4. strict UTF-8 (most of the web, and a cheap test);
5. charset-normalizer's guess. Its ranking is shaky between the Western
   single-byte code pages on short texts, so windows-1252 (the web's default
   legacy encoding) wins any near tie.

Nothing plausible -> :class:`~newsdelta.errors.DecodeError`.

Labels are read as browsers read them: ``iso-8859-1``, ``latin1`` and
``ascii`` mean windows-1252 (servers say latin-1 and send curly quotes from
0x80-0x9F), and a ``<meta>`` claiming UTF-16 in an ASCII-compatible document
means UTF-8.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from newsdelta.errors import DecodeError

#: How far into the body <meta> / XML declarations are looked for.
PRESCAN_BYTES = 4096
#: A windows-1252 candidate this close (in "chaos") to the best guess is preferred.
CP1252_MARGIN = 0.05

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARATION = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
_WINDOWS_1252_ALIASES = frozenset({"latin_1", "ascii", "iso8859_1"})


def normalize_label(label: str | None) -> str | None:
    """The Python codec for an encoding label as a browser would read it, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name.replace("-", "_") in _WINDOWS_1252_ALIASES:
        return "cp1252"
    return name


def declared_in_document(body: bytes) -> str | None:
    """The encoding label of the first <meta> charset or XML declaration in the prescan window."""
    match = _DECLARATION.search(body, 0, PRESCAN_BYTES)
    if match is None:
        return None
    raw = match.group(1) or match.group(2)
    return raw.decode("ascii", "replace")


def _strict(body: bytes, encoding: str | None) -> str | None:
    if encoding is None:
        return None
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(body: bytes) -> tuple[str, str]:
    matches = list(charset_normalizer.from_bytes(body))
    if not matches:
        raise DecodeError("the body does not decode as text in any known encoding")
    best = matches[0]
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + CP1252_MARGIN:
            best = match
            break
    return str(best), best.encoding


def decode_text(body: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``body``; ``declared`` is the Content-Type charset. Returns ``(text, codec)``."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            text = _strict(body, encoding)
            if text is not None:
                return text, encoding
    header = normalize_label(declared)
    text = _strict(body, header)
    if text is not None and header is not None:
        return text, header
    meta_label = declared_in_document(body)
    meta = normalize_label(meta_label)
    if meta is not None and meta.startswith("utf-16"):
        meta = "utf-8"
    if meta is not None and meta != header:
        text = _strict(body, meta)
        if text is not None:
            return text, meta
    if "utf-8" not in (header, meta):
        text = _strict(body, "utf-8")
        if text is not None:
            return text, "utf-8"
    return _guess(body)


__all__ = ["declared_in_document", "decode_text", "normalize_label"]
