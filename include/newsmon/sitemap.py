"""Sitemaps as they are in the wild: gzipped or not, up to the sitemaps.org limits, streamed.

The body is fed to a :class:`SitemapReader` chunk by chunk as it arrives (see
``Fetcher.fetch(sink=...)``): a gzip stream is recognised by its magic bytes whatever the
``Content-Type`` says (``sitemap.xml.gz`` comes as ``application/x-gzip``, ``application/xml`` or
``application/octet-stream``), decompressed in bounded steps and parsed by a pull parser whose
finished entries are dropped at once, so memory stays flat however large the sitemap. The limits
are the protocol's own (50 MB uncompressed, 50,000 URLs), separate from ``crawl.max_bytes``,
which caps a page. Entities are never resolved and nothing is loaded from the network.
"""

from __future__ import annotations

import contextlib
import zlib
from datetime import datetime

from lxml import etree

from newsmon.entries import BadEntry, entry_url, rejected_page, w3c_date
from newsmon.fetch import SinkRefused
from newsmon.records import Page

# sitemaps.org: "no more than 50,000 URLs and must be no larger than 50MB (52,428,800 bytes)"
SITEMAP_MAX_BYTES = 52_428_800
SITEMAP_MAX_URLS = 50_000
GZIP_MAGIC = b"\x1f\x8b"
# Decompressed bytes produced per step: bounds what one chunk of a gzip bomb can expand to.
INFLATE_STEP = 256 * 1024
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
# entries with or without the sitemaps.org namespace (both are served)
_ENTRY_TAGS = tuple(f"{ns}{name}" for ns in (SITEMAP_NS, "") for name in ("url", "sitemap"))


class SitemapReader:
    """A streaming sitemap parser fed by the fetcher; what it read is kept when it stops early."""

    def __init__(self, source_url: str, max_bytes: int = SITEMAP_MAX_BYTES, max_urls: int = SITEMAP_MAX_URLS):
        self.source_url = source_url
        self.max_bytes = max_bytes
        self.max_urls = max_urls
        self.reset()

    def reset(self) -> None:
        """Forget everything: the fetcher calls this before each attempt."""
        self.urls: list[tuple[str, datetime | None]] = []
        self.children: list[str] = []
        self.rejected: list[Page] = []
        self.size = 0  # bytes of XML (after gunzip)
        self.dropped = 0  # URLs past max_urls
        self.broken = False  # the XML stopped parsing; what came before is kept
        self._head = b""
        self._inflater = None  # a zlib decompressor once the gzip magic was seen
        self._started = False
        self._root = ""
        self._entries = 0
        self._parser = etree.XMLPullParser(
            events=("end",),
            tag=_ENTRY_TAGS,
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
        )

    def feed(self, chunk: bytes) -> None:
        """Take the next bytes of the body; raises SinkRefused past the size limit."""
        if not self._started:
            self._head += chunk
            if len(self._head) < len(GZIP_MAGIC):
                return
            self._started = True
            chunk, self._head = self._head, b""
            if chunk.startswith(GZIP_MAGIC):
                self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self._inflater is None:
            self._xml(chunk)
            return
        data = chunk
        while data:
            try:
                out = self._inflater.decompress(data, INFLATE_STEP)
            except zlib.error as exc:
                raise SinkRefused("bad_gzip") from exc
            self._xml(out)
            data = self._inflater.unconsumed_tail

    def finish(self) -> None:
        """The body ended: flush a short head and close the parser (a truncated tail is tolerated)."""
        if not self._started and self._head:
            self._started = True
            self._xml(self._head)
        if not self.broken:
            try:
                self._parser.close()
            except etree.XMLSyntaxError:
                self.broken = True
            self._drain()

    @property
    def is_sitemap(self) -> bool:
        """True when the body had the shape of a sitemap or sitemap index."""
        return self._root in ("urlset", "sitemapindex")

    def _xml(self, data: bytes) -> None:
        if not data or self.broken:
            return
        self.size += len(data)
        if self.size > self.max_bytes:
            raise SinkRefused("sitemap_too_large")
        try:
            self._parser.feed(data)
        except etree.XMLSyntaxError:
            self.broken = True
        self._drain()

    def _drain(self) -> None:
        """Handle the parser's finished entries, then drop them (and what came before them)."""
        try:
            events = list(self._parser.read_events())
        except etree.XMLSyntaxError:
            self.broken = True
            return
        for _event, elem in events:
            parent = elem.getparent()
            if parent is None or parent.getparent() is not None:
                continue  # the root, or a <url> nested where no sitemap puts one
            if not self._root:
                self._root = etree.QName(parent).localname
            self._entry(elem)
            elem.clear()
            while elem.getprevious() is not None:
                del parent[0]

    def _entry(self, node) -> None:
        index, self._entries = self._entries, self._entries + 1
        try:
            href, when = _sitemap_entry(node)
        except BadEntry as bad:
            self.rejected.append(rejected_page(bad, self.source_url, index))
            return
        if self._root == "sitemapindex":
            self.children.append(href)
        elif len(self.urls) < self.max_urls:
            self.urls.append((href, when))
        else:
            self.dropped += 1


def _sitemap_entry(node) -> tuple[str, datetime | None]:
    """(loc, date) of a ``<url>`` or ``<sitemap>`` entry; BadEntry when either is broken."""
    loc = node.find(f"{SITEMAP_NS}loc")
    if loc is None:
        loc = node.find("loc")
    url = entry_url(loc.text if loc is not None else None)
    try:
        return url, _entry_date(node)
    except BadEntry as bad:
        raise BadEntry(bad.reason, url) from bad


def _entry_date(node) -> datetime | None:
    """A ``<url>`` entry's news publication date, else its lastmod, else None."""
    for path in (f"{NEWS_NS}news/{NEWS_NS}publication_date", f"{SITEMAP_NS}lastmod", "lastmod"):
        found = node.find(path)
        if found is not None and (found.text or "").strip():
            return w3c_date(found.text)
    return None


def read_sitemap_bytes(content: bytes, source_url: str = "") -> SitemapReader:
    """A reader fed with a whole body at once (tests, and sitemaps already in memory)."""
    reader = SitemapReader(source_url)
    with contextlib.suppress(SinkRefused):
        reader.feed(content)
    reader.finish()
    return reader
