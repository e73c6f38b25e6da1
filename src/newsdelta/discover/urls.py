"""URL canonicalisation: one spelling per article URL.

The same article reaches newsdelta under many spellings: ``HTTP://Example.com:80/a``,
``https://example.com/a?utm_source=rss``, ``.../a#comments``. If each spelling
became its own tracked article, every share link would start a new history. So
every URL that enters newsdelta goes through :func:`canonicalize_url` first.

What it does (and deliberately does not do):

* only absolute ``http``/``https`` URLs are accepted (relative ones are resolved
  against ``base`` first); anything else raises :class:`~newsdelta.errors.BadURLError`;
* scheme and host are lower-cased, the host is IDNA-encoded (``bücher.de`` ->
  ``xn--bcher-kva.de``) and a trailing dot is dropped; default ports go;
* the fragment goes (it never changes what the server sends);
* tracking parameters go (``utm_*``, ``fbclid``, ``gclid``, ... see
  :data:`TRACKING_PARAMS`); every other parameter is kept, **in its original order**
  (some CMSs care about order, and sorting would hide that two URLs differ);
* ``.`` and ``..`` path segments are resolved; an empty path becomes ``/``;
* percent-encoding is normalised: escapes of unreserved characters are decoded
  (``%7E`` -> ``~``), other escapes get upper-case hex (``%2f`` -> ``%2F``),
  characters that must be escaped are (spaces, non-ASCII as UTF-8).

Not done on purpose: ``www.`` stripping, trailing-slash changes, ``http`` -> ``https``
upgrades, query sorting. Those can point at different resources; the fetcher's
redirects (recorded as page events) are the honest way to learn that two URLs
are one.

Why not ``courlan`` (installed with trafilatura)? Its ``normalize_url`` sorts
query parameters, keeps fragments, does not resolve dot segments, and its
tracker pattern also strips ordinary parameters such as ``source`` or
``session``; we want the narrower, order-preserving behaviour above.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from tld import get_fld

from newsdelta.errors import BadURLError

TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        # ad-click identifiers
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "igsh", "srsltid",
        # mail campaigns (Mailchimp, HubSpot, Marketo, Vero)
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
        # analytics cross-domain linkers
        "_ga", "_gl",
        # newsroom campaign codes: Twitter, Guardian, MSN, Telegraph, NYT, AT Internet
        "ref_src", "ref_url", "cmp", "cmpid", "ocid", "smid", "smtyp", "xtor",
        "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3",
        "at_custom4", "at_ptr", "at_link", "at_link_id", "at_link_type",
        "at_link_origin", "at_format", "at_bbc_team", "at_campaign_type",
        "soc_src", "soc_trk", "sr_share", "guccounter", "guce_referrer",
        "guce_referrer_sig",
    }
)
"""Exact parameter names (compared case-insensitively) that only track the reader."""

TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "at_", "ns_", "pk_", "mtm_", "hsa_", "oly_", "vero_")
"""Parameter-name prefixes that only track the reader (Urchin, AT Internet, comScore,
Piwik/Matomo, HubSpot ads, Omeda, Vero)."""

_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Characters allowed literally in a path segment / query besides unreserved and "%".
_PATH_SAFE = frozenset("!$&'()*+,;=:@/")
_QUERY_SAFE = frozenset("!$'()*+,;:@/?")  # "&" and "=" are handled by the pair split
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


def is_tracking_param(name: str) -> bool:
    """True when a query parameter name only identifies a campaign or click."""
    key = name.lower().lstrip("?")  # "a??utm_source=x": a stray "?" must not hide a tracker
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _normalise_escapes(text: str, safe: frozenset[str]) -> str:
    """Normalise percent-encoding in one URL component.

    Escapes of unreserved characters are decoded, other escapes keep their
    meaning with upper-case hex, and anything not allowed literally is encoded
    as UTF-8. A ``%`` not followed by two hex digits is itself escaped.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "%":
            match = _ESCAPE.match(text, i)
            if match:
                decoded = chr(int(match.group(1), 16))
                out.append(decoded if decoded in _UNRESERVED else "%" + match.group(1).upper())
                i += 3
                continue
            out.append("%25")
        elif char in _UNRESERVED or char in safe:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
        i += 1
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4: resolve ``.`` and ``..`` segments."""
    if "." not in path:
        return path
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    result = "/".join(output)
    return result if result.startswith("/") else "/" + result


def _canonical_host(hostname: str, url: str) -> str:
    host = hostname.rstrip(".").lower()
    if not host:
        raise BadURLError(f"URL has no host: {url!r}")
    if ":" in host:  # IPv6 literal; urlsplit already removed the brackets
        return f"[{host}]"
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise BadURLError(f"URL host is not a valid domain name: {url!r}") from exc
    if any(c in host for c in " <>\"\\^`{|}%"):
        raise BadURLError(f"URL host contains characters not allowed in a host: {url!r}")
    return host


def _canonical_query(query: str) -> str:
    kept: list[str] = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = pair.split("=", 1)[0]
        if is_tracking_param(_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), name)):
            continue
        kept.append("=".join(_normalise_escapes(part, _QUERY_SAFE) for part in pair.split("=", 1)))
    return "&".join(kept)


def canonicalize_url(url: str, base: str | None = None) -> str:
    """Return the one spelling newsdelta uses for ``url``.

    ``base`` resolves relative references (as found in feeds and pages).
    Raises :class:`BadURLError` for anything that is not an absolute http(s) URL.
    Idempotent: ``canonicalize_url(canonicalize_url(u)) == canonicalize_url(u)``.

    >>> canonicalize_url("HTTPS://Example.COM:443/a/./b/../c?utm_source=x&id=7#top")
    'https://example.com/a/c?id=7'
    """
    raw = url.strip()
    if not raw:
        raise BadURLError("URL is empty")
    try:
        if base is not None:  # joining already splits, and can refuse ("http://[a]/")
            raw = urljoin(base.strip(), raw)
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise BadURLError(f"URL is malformed ({exc}): {url!r}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        if not scheme:
            raise BadURLError(f"URL is not absolute (no http:// or https://): {url!r}")
        raise BadURLError(f"URL scheme {scheme!r} is not http or https: {url!r}")
    if parts.username is not None or parts.password is not None:
        raise BadURLError(f"URL carries credentials (user:password@); refusing: {url!r}")
    host = _canonical_host(parts.hostname or "", url)
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _remove_dot_segments(_normalise_escapes(parts.path, _PATH_SAFE)) or "/"
    return urlunsplit((scheme, netloc, path, _canonical_query(parts.query), ""))


def host_of(url: str) -> str:
    """The canonical host of ``url`` (lower-case, IDNA, no port)."""
    netloc = urlsplit(canonicalize_url(url)).netloc
    if netloc.startswith("["):
        return netloc[: netloc.index("]") + 1]
    return netloc.rsplit(":", 1)[0]


def site_of(url: str) -> str:
    """The registrable domain of ``url`` (``news.bbc.co.uk`` -> ``bbc.co.uk``).

    Hosts without a public suffix (``localhost``, IP addresses, ``.test``) are
    their own site, minus a leading ``www.``.
    """
    host = host_of(url)
    fld = get_fld(f"http://{host}/", fail_silently=True)
    if isinstance(fld, str) and fld:
        return fld
    return host.removeprefix("www.")


def same_site(a: str, b: str) -> bool:
    """True when two URLs belong to the same site (same registrable domain).

    Scheme and port are ignored: a site that moved to https is still itself.
    """
    return site_of(a) == site_of(b)


_FILE_SUFFIXES = (
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".tif", ".tiff",
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".gz",
    ".mp3", ".m4a", ".ogg", ".wav", ".mp4", ".m4v", ".mov", ".webm", ".avi",
)


def names_a_file(url: str) -> bool:
    """True for a link to an image, a document, audio or video, by its path's suffix.

    Feeds list their enclosures and photo galleries as items; tracked as articles
    they failed ("not an HTML page") on every check until they retired.
    """
    return urlsplit(url).path.lower().endswith(_FILE_SUFFIXES)


_HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.php", "/home", "/default.aspx"})


def is_site_root(url: str) -> bool:
    """True for a site's home page (``https://example.com/``, ``/index.html``).

    Misconfigured CMSs give every article ``rel=canonical`` to the home page,
    and removed articles often redirect there: neither makes the home page the
    article's address.
    """
    parts = urlsplit(url)
    return parts.path.lower() in _HOME_PATHS and not parts.query


_WALL_WORDS = frozenset(
    {"login", "signin", "sign-in", "logon", "subscribe", "subscription", "subscriptions",
     "register", "registration", "account", "consent", "gdpr", "cookies", "paywall", "auth",
     "sso", "privacy-gate"}
)


def looks_like_a_wall(url: str) -> bool:
    """True for a login, subscription or consent page (a path segment says so).

    Sites redirect articles there; such a landing is a gate many articles share,
    never one article's address.
    """
    segments = urlsplit(url).path.lower().split("/")
    return any(segment in _WALL_WORDS for segment in segments)


def is_address_of_same_page(page_url: str, claimed: str) -> bool:
    """Whether a page's canonical link (``claimed``) may name the page's address.

    Only an address on the same site and not its home page: a canonical to
    another outlet (syndication) or to the site root would merge different
    articles into one and show one's text as an edit of the other.
    """
    return same_site(page_url, claimed) and not is_site_root(claimed)


__all__ = [
    "TRACKING_PARAMS",
    "TRACKING_PREFIXES",
    "canonicalize_url",
    "host_of",
    "is_address_of_same_page",
    "is_site_root",
    "is_tracking_param",
    "looks_like_a_wall",
    "names_a_file",
    "same_site",
    "site_of",
]
