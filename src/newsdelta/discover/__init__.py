"""discover room: feeds, sitemaps and URL canonicalisation.

Pure functions over bytes and strings; fetching is the fetch room's job.

>>> from newsdelta.discover import canonicalize_url, parse_feed, parse_sitemap, sniff_kind
"""

from newsdelta.discover.detect import Kind, sniff_kind
from newsdelta.discover.feeds import FeedResult, parse_feed
from newsdelta.discover.sitemaps import SitemapResult, parse_sitemap
from newsdelta.discover.urls import canonicalize_url, host_of, is_tracking_param, same_site, site_of

__all__ = [
    "FeedResult",
    "Kind",
    "SitemapResult",
    "canonicalize_url",
    "host_of",
    "is_tracking_param",
    "parse_feed",
    "parse_sitemap",
    "same_site",
    "site_of",
    "sniff_kind",
]
