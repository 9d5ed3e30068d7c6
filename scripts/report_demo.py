"""`make report`: the analyst report built from the demo data, offline; prints where it is.

Starts the embedded SeaweedFS store of `make demo` (var/demo/seaweedfs), crawls the asiae-shaped
fixture site into it when it holds no events yet (as `make demo` does), then runs
`newsmon report` over the publish dates the events cover and writes var/demo/report/.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "helpers"))

from support import FixtureSite, write_config  # noqa: E402

from newsmon import embedded  # noqa: E402
from newsmon.config import load_config  # noqa: E402
from newsmon.store import Store  # noqa: E402
from newsmon.tables import read_prefix  # noqa: E402

BUCKET = "newsmon-demo"


def _newsmon(*args: str, env: dict) -> subprocess.CompletedProcess:
    """The CLI in a child process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "newsmon", *args], env=env, text=True, capture_output=True)


def main() -> int:
    """Start the demo store, fill it when empty, build the report; the exit code."""
    work = REPO / "var" / "demo"
    store_dir = work / "seaweedfs"
    s3, master, volume, filer = embedded.free_ports(4)
    info = embedded.start(
        store_dir, ports={"s3": s3, "master": master, "volume": volume, "filer": filer}, bucket=BUCKET
    )
    env = {**os.environ, **info.env()}
    try:
        with FixtureSite() as site:
            cfg = write_config(work / "report-config.yaml", site.base, None, info.endpoint_url, bucket=BUCKET)
            store = Store(load_config(cfg, env=env).storage)
            if not any(True for _ in store.keys("events/")):
                print(f"no demo data yet: newsmon run --config {cfg.relative_to(REPO)} (the fixture site)")
                proc = _newsmon("run", "--config", str(cfg), env=env)
                if proc.returncode != 0:
                    print(proc.stdout, proc.stderr, file=sys.stderr)
                    return proc.returncode
            days = sorted(
                {r["published_at"].date() for r in read_prefix(store, "events").to_pylist() if r["published_at"]}
            )
            if not days:
                print("the demo crawl found no agreement or dispute: nothing to report", file=sys.stderr)
                return 1
            out = work / "report"
            proc = _newsmon(
                "report",
                "--config",
                str(cfg),
                "--since",
                str(days[0]),
                "--until",
                str(days[-1]),
                "--out",
                str(out),
                env=env,
            )
            print(proc.stdout, end="")
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
            return proc.returncode
    finally:
        embedded.stop(store_dir)  # the data stays under var/demo for `make report` to rebuild from


if __name__ == "__main__":
    sys.exit(main())
