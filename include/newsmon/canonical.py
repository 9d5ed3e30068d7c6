"""Which canonical link a page may claim: one that names this article, on a host of the outlet.

A page's ``<link rel="canonical">`` (or ``og:url``) decides its identity when the outlet has no
number of its own in the address. A CMS bug or a hostile page that names the site's home page or
a section page as canonical once merged different articles into versions of one id (and their
events were never alerted); one naming another host stored an article under a host off the list.
So a canonical counts only when it is on an allowed host (without an allow-list: the fetched
page's own host), and is neither the site root nor a section page; otherwise the fetched address
is the identity.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_DIGITS = re.compile(r"\d{3,}")  # an id or a date in a path: /2025/11/03/, /article/12345


def _host_ok(host: str, allowed: tuple[str, ...] | None, fetched_host: str) -> bool:
    if not host:
        return False
    if allowed is None:
        return host == fetched_host
    return any(host == d or host.endswith("." + d) for d in allowed)


def _section_like(path: str, fetched_path: str) -> bool:
    """The root, or a shorter address without an id than the page fetched: a listing, not this page."""
    segments = [s for s in path.split("/") if s]
    if not segments:
        return True
    fetched = [s for s in fetched_path.split("/") if s]
    return len(segments) < len(fetched) and not _DIGITS.search(path)


def trusted(canonical: str, fetched: str, allowed: tuple[str, ...] | None = None) -> bool:
    """Whether ``canonical`` may stand for the page fetched at ``fetched``."""
    c, f = urlsplit(canonical), urlsplit(fetched)
    c_host, f_host = (c.hostname or "").lower(), (f.hostname or "").lower()
    if not _host_ok(c_host, allowed, f_host):
        return False
    return not _section_like(c.path, f.path) or (c_host == f_host and c.path.rstrip("/") == f.path.rstrip("/"))
