"""Which article is this URL: address normalisation and article identity, in one place.

An article id is

* ``<outlet>-<edition>-<source_id>`` when the outlet's profile reads the outlet's own article
  number from an address (asiae's 19 digits, the same in every URL shape and in both editions), or
* ``<outlet>-<sha256(normalize_url(url))[:20]>`` otherwise.

The pipeline (is this candidate stored already?), extraction (the id of a page), alerting (the
outlet's number behind an event) and reprocess all ask here. Ids are written into the lake, so
:func:`normalize_url` must never change what it returns for an address: ``tests/test_identity.py``
pins known ids. It is therefore hand-written rather than ``courlan.normalize_url``, which sorts query
parameters and keeps fragments (changing the id of every stored article with a query string);
courlan is used for what may change freely, :func:`candidate_key` (deduplicating addresses within
one run).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url as courlan_normalize

from newsmon.profiles import Profile, get_profile

# Query parameters that say where a reader came from, not which page it is.
TRACKING_PARAMS = re.compile(r"^(utm_|fbclid$|gclid$|ref$|from$|_ga$)", re.I)
# Hex digits of the URL hash in an id: 80 bits, no collision among billions of addresses.
URL_HASH_CHARS = 20
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port.

    Frozen: ids of stored articles are hashes of this string (see the module doc).
    """
    p = urlsplit(url.strip())
    host = (p.hostname or "").lower()
    if p.port and p.port != _DEFAULT_PORTS.get(p.scheme):
        host = f"{host}:{p.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(p.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)])
    return urlunsplit((p.scheme.lower(), host, p.path or "/", query, ""))


def candidate_key(url: str) -> str:
    """One key for every spelling of an address within a run: :func:`normalize_url`, sorted query
    parameters (courlan) and no trailing slash on the path. Not an id: free to improve."""
    p = urlsplit(normalize_url(url))
    path = p.path.rstrip("/") or "/"
    try:
        query = urlsplit(courlan_normalize(urlunsplit((p.scheme, p.netloc, path, p.query, "")))).query
    except ValueError:  # courlan refuses some odd addresses; the frozen form still dedups them
        query = p.query
    return urlunsplit((p.scheme, p.netloc, path, query, ""))


def article_id(outlet: str, url: str, source_id: str | None, edition: str) -> str:
    """A stable id: the outlet's own id where it has one, else a hash of the normalised URL."""
    if source_id:
        return f"{outlet}-{edition}-{source_id}"
    return f"{outlet}-" + hashlib.sha256(normalize_url(url).encode()).hexdigest()[:URL_HASH_CHARS]


def source_id(profile: Profile | None, url: str) -> str | None:
    """The outlet's own article number in ``url``, through the profile's hook (None without one)."""
    return profile.source_id(url) if profile and profile.source_id else None


def identify(outlet: str, profile: Profile | None, canonical: str, url: str, lang: str) -> tuple[str, str | None]:
    """(article_id, source_id) of a page fetched at ``url`` naming ``canonical`` as its address.

    The number is read from the canonical address first, then the fetched one; the edition comes
    from the address the number was read from (a canonical may name a section page). Without a
    number, the id hashes the canonical address and the edition is the text's language.
    """
    sid, id_url = source_id(profile, canonical), canonical
    if sid is None:
        sid, id_url = source_id(profile, url), url
    edition = profile.edition(id_url) if profile and profile.edition else lang
    return article_id(outlet, canonical, sid, edition), sid


def id_from_url(outlet: str, profile_name: str, url: str) -> str | None:
    """The id a page at ``url`` will get, when the address alone tells (the profile's number).

    None when only the page can tell (generic outlets: the canonical link decides).
    """
    prof = get_profile(profile_name)
    sid = source_id(prof, url)
    if sid is None or not (prof and prof.edition):
        return None
    return article_id(outlet, url, sid, prof.edition(url))


def source_id_of(outlet: str, article_id_: str) -> str | None:
    """The outlet's own number inside an article id made by :func:`article_id`, else None."""
    prefix = f"{outlet}-"
    if not article_id_.startswith(prefix):
        return None
    rest = article_id_[len(prefix) :]
    edition, sep, sid = rest.partition("-")
    return sid if sep and edition and sid else None
