"""Pipeline faults of ``make faults``: a budget eaten by one page, a backlog, a crashing pass, a
hijacking canonical link, credentials in the config. Real pipeline, loopback outlet, real store.

Each scenario returns its figures; ``tests/test_budget.py``, ``tests/test_canonical.py`` and
``tests/test_url_secrets.py`` assert them, ``pipeline_faults`` turns them into table rows. Every
scenario uses its own outlet name, so they can share one bucket.
"""

from __future__ import annotations

from support import SITE_DIR, FixtureSite, WebhookReceiver

from newsmon.config import parse_config
from newsmon.config_errors import ConfigError
from newsmon.fetch import Fetcher
from newsmon.pipeline import run_outlet
from newsmon.tables import read_prefix

TEMPLATE_ID = "2025110309150027461"
TEMPLATE = (SITE_DIR / "article" / "world" / f"{TEMPLATE_ID}.html").read_bytes()
CANONICAL = f"{{{{BASE}}}}/article/world/{TEMPLATE_ID}".encode()


def article_id(n: int) -> str:
    """A 19-digit asiae number per generated article."""
    return f"2025110309{n:09d}"


def outlet_site(count: int, feed_items) -> FixtureSite:
    """``count`` distinct asiae-shaped articles and a feed listing ``feed_items(base)`` links."""
    site = FixtureSite()
    for n in range(count):
        sid = article_id(n)
        body = TEMPLATE.replace(b"{{BASE}}", site.base.encode()).replace(TEMPLATE_ID.encode(), sid.encode())
        site.overrides[f"/article/world/{sid}"] = body
    _feed(site, feed_items(site.base))
    return site


def _feed(site: FixtureSite, links: list[str]) -> None:
    items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in links)
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'.encode()
    site.routes["/feed.xml"] = lambda r: _send(r, rss)
    site.routes["/robots.txt"] = lambda r: _send(r, b"User-agent: *\nAllow: /\n", "text/plain")


def _send(req, body: bytes, ctype: str = "application/rss+xml") -> None:
    req.send_response(200)
    req.send_header("Content-Type", ctype)
    req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    req.wfile.write(body)


def config_for(store, site: FixtureSite, name: str, max_pages: int = 10, alerts=None, profile: str = "asiae"):
    """One outlet ``name`` reading the site's /feed.xml into ``store``."""
    return parse_config(
        {
            "storage": {"endpoint_url": store.cfg.endpoint_url, "bucket": store.bucket},
            "crawl": {"timeout_seconds": 5, "retries": 1},
            "alerts": alerts or [],
            "outlets": [
                {
                    "name": name,
                    "profile": profile,
                    "feeds": [site.base + "/feed.xml"],
                    "allowed_domains": ["127.0.0.1"],
                    "delay_seconds": 0,
                    "max_pages": max_pages,
                    "quiet_runs": 100,
                }
            ],
        },
        env={"AWS_ACCESS_KEY_ID": store.cfg.access_key or "", "AWS_SECRET_ACCESS_KEY": store.cfg.secret_key or ""},
    )


def stored_ids(store, outlet: str) -> set[str]:
    return {a["article_id"] for a in read_prefix(store, "articles", outlet).to_pylist()}


def thousand_links(store, name: str = "dupes") -> dict:
    """One article linked 1,000 times (utm_, #fragment, trailing slash) beside 5 others, max_pages 10."""

    def links(base: str) -> list[str]:
        page = f"{base}/article/world/{article_id(0)}"
        spellings = [page, page + "/", page + "#top", page + "?utm_source=x", page + "?utm_medium=y&utm_source=z"]
        out = []
        for i in range(1000):
            s = spellings[i % len(spellings)]
            out.append(s if i < 5 else f"{s}{'&' if '?' in s else '?'}utm_campaign={i}")
        return out + [f"{base}/article/world/{article_id(n)}" for n in range(1, 6)]

    with outlet_site(6, links) as site:
        config = config_for(store, site, name, max_pages=10)
        run_outlet(config.outlets[0], config, store, f"{name}-1")
        hits = [p for p in site.requests if p.startswith(f"/article/world/{article_id(0)}")]
    return {"stored": len(stored_ids(store, name)), "fetches_of_the_page": len(hits)}


def backlog(store, name: str = "backlog") -> dict:
    """25 new articles, max_pages 10, three runs."""
    with outlet_site(25, lambda base: [f"{base}/article/world/{article_id(n)}" for n in range(25)]) as site:
        config = config_for(store, site, name, max_pages=10)
        per_run = [run_outlet(config.outlets[0], config, store, f"{name}-{i}").stored for i in range(3)]
    return {"per_run": per_run, "stored": len(stored_ids(store, name))}


def crashing_pass(store, name: str = "crashing", runs: int = 4) -> dict:
    """A pass that raises ``runs`` times (a resolver bug), then a good one; ops notices and health."""
    with (
        outlet_site(2, lambda base: [f"{base}/article/world/{article_id(n)}" for n in range(2)]) as site,
        WebhookReceiver() as ops,
    ):
        config = config_for(store, site, name, alerts=[{"type": "webhook", "url": ops.url, "name": f"{name}-ops"}])
        outlet = config.outlets[0]

        def broken(host: str) -> list[str]:
            raise RuntimeError("resolver bug")  # not an OSError: nothing in the fetcher expects it

        raised = 0
        for i in range(runs):
            try:
                run_outlet(outlet, config, store, f"{name}-{i}", fetcher=Fetcher(outlet, config.crawl, resolve=broken))
            except RuntimeError:
                raised += 1
        run_outlet(outlet, config, store, f"{name}-ok")
    runs_rows = sorted(read_prefix(store, "runs", name).to_pylist(), key=lambda r: r["run_id"])
    return {
        "raised": raised,
        "notices": [m["condition"] for m in ops.received if m.get("kind") == "ops"],
        "health": [list(r["health"]) for r in runs_rows],
    }


def hijacking_canonical(store, name: str = "plain") -> dict:
    """Six generic pages: five name the home page as canonical, one another host."""
    with FixtureSite() as site:
        claims = [site.base + "/"] * 5 + ["https://evil.example/stolen"]
        links = []
        for n, claim in enumerate(claims):
            body = TEMPLATE.replace(CANONICAL, claim.encode()).replace(b"{{BASE}}", site.base.encode())
            site.overrides[f"/news/item-{n}"] = body.replace(b"<title>", f"<title>story {n} ".encode(), 1)
            links.append(f"{site.base}/news/item-{n}")
        _feed(site, links)
        config = config_for(store, site, name, profile="generic")
        run_outlet(config.outlets[0], config, store, f"{name}-1")
    rows = read_prefix(store, "articles", name).to_pylist()
    return {
        "ids": len({r["article_id"] for r in rows}),
        "max_version": max((r["version"] for r in rows), default=0),
        "off_host": sum(not r["url"].startswith(site.base) for r in rows),
    }


def colliding_canonical(store, name: str = "collide") -> dict:
    """Six different generic pages whose canonical links all name the first one's address."""
    with FixtureSite() as site:
        links = [f"{site.base}/news/item-{n}" for n in range(6)]
        for n in range(len(links)):
            body = TEMPLATE.replace(CANONICAL, links[0].encode()).replace(b"{{BASE}}", site.base.encode())
            body = body.replace(b"<title>", f"<title>story {n} ".encode(), 1)
            site.overrides[f"/news/item-{n}"] = body.replace(b"<p>", f"<p>Item {n} reports its own news. ".encode(), 1)
        _feed(site, links)
        config = config_for(store, site, name, profile="generic")
        result = run_outlet(config.outlets[0], config, store, f"{name}-1")
        again = run_outlet(config.outlets[0], config, store, f"{name}-2")
    rows = read_prefix(store, "articles", name).to_pylist()
    return {
        "ids": len({r["article_id"] for r in rows}),
        "max_version": max((r["version"] for r in rows), default=0),
        "collisions": sum(p.startswith("canonical collision") for p in result.problems),
        "second_run_stored": again.stored,
    }


def config_refusals() -> dict:
    """Which bad configs are refused: a literal credential in a URL, allowed_domains ['.']."""
    base = {"storage": {"bucket": "news-lake"}, "outlets": [{"name": "o", "feeds": ["https://a.example/rss"]}]}
    cases = {
        "endpoint userinfo": {**base, "storage": {"bucket": "news-lake", "endpoint_url": "http://u:hunter2@h:1/"}},
        "webhook token": {**base, "alerts": [{"type": "webhook", "url": "https://h.example/in?token=abc123"}]},
        "allowed '.'": {**base, "outlets": [{**base["outlets"][0], "allowed_domains": ["."]}]},
    }
    for case in cases.values():
        case["outlets"] = [{"allowed_domains": ["a.example"], **o} for o in case["outlets"]]
    out = {}
    for label, raw in cases.items():
        try:
            parse_config(raw, env={"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"})
            out[label] = "accepted"
        except ConfigError as exc:
            out[label] = "hunter2 leaked" if "hunter2" in str(exc) else "refused"
    return out


def pipeline_faults(store) -> list[dict]:
    """One row per fault."""
    rows = []
    t = thousand_links(store)
    ok = t["stored"] == 6 and t["fetches_of_the_page"] == 1
    rows.append(
        _row(
            "1,000 links", "6 stored, page fetched once", f"{t['stored']} stored, {t['fetches_of_the_page']} fetch", ok
        )
    )
    b = backlog(store)
    rows.append(
        _row("25 new, max 10", "10, 10, 5 stored", ", ".join(map(str, b["per_run"])), b["per_run"] == [10, 10, 5])
    )
    c = crashing_pass(store)
    ok = c["notices"] == ["crashed", "recovered"] and c["health"][0] == ["crashed"]
    rows.append(_row("pass crashes x4", "1 notice, 1 recovery", ",".join(c["notices"]) or "no notice", ok))
    h = hijacking_canonical(store)
    ok = h["ids"] == 6 and h["max_version"] == 1 and h["off_host"] == 0
    rows.append(_row("canonical = home", "6 ids, none off-list", f"{h['ids']} ids, {h['off_host']} off-list", ok))
    c = colliding_canonical(store)
    ok = c["ids"] == 6 and c["max_version"] == 1 and c["collisions"] == 5 and c["second_run_stored"] == 0
    rows.append(_row("canonical claimed", "6 ids, 5 recorded", f"{c['ids']} ids, {c['collisions']} recorded", ok))
    for label, got in config_refusals().items():
        rows.append(_row(label, "config error", got, got == "refused"))
    return rows


def _row(fault: str, expected: str, got: str, survived: bool) -> dict:
    return {"fault": fault, "expected": expected, "got": got, "survived": survived}
