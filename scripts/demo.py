"""`make demo`: the whole pipeline offline, so a newcomer sees it work end to end.

Starts the embedded SeaweedFS store, the asiae-shaped fixture site and a webhook receiver on
loopback, runs `newsmon run` twice (the second run must add nothing), prints what arrived.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "helpers"))

from support import FixtureSite, WebhookReceiver, write_config  # noqa: E402

from newsmon import embedded  # noqa: E402


def main() -> int:
    work = REPO / "var" / "demo"
    work.mkdir(parents=True, exist_ok=True)
    store_dir = work / "seaweedfs"
    s3, master, volume, filer = embedded.free_ports(4)
    info = embedded.start(
        store_dir, ports={"s3": s3, "master": master, "volume": volume, "filer": filer}, bucket="newsmon-demo"
    )
    try:
        with FixtureSite() as site, WebhookReceiver() as hook:
            cfg = write_config(work / "config.yaml", site.base, hook.url, info.endpoint_url, bucket="newsmon-demo")
            env = {**os.environ, **info.env()}
            for attempt in (1, 2):
                print(f"\n=== run {attempt}: newsmon run --config {cfg.relative_to(REPO)}")
                proc = subprocess.run(
                    [sys.executable, "-m", "newsmon", "run", "--config", str(cfg)],
                    env=env,
                    text=True,
                    capture_output=True,
                )
                print(proc.stdout, end="")
                if proc.returncode != 0:
                    print(proc.stderr, file=sys.stderr)
                    return proc.returncode
                if attempt == 1:
                    print(f"\nalerts received by the webhook ({len(hook.received)}):")
                    for msg in hook.received:
                        print(f"  [{msg['topic']}/{msg['kind']}] {msg['title'][:60]}")
                        print(f"      \u201c{msg['evidence'][:150]}\u201d")
                    first = len(hook.received)
            print(f"\nsecond run sent {len(hook.received) - first} new alerts (expected 0)")
    finally:
        # the store is demo-only: stop it, keep its data under var/demo for a look
        embedded.stop(store_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
