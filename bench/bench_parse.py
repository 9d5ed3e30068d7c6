"""DAG parse time: each file under dags/ parsed the way the dag-processor does, beside the cost of
importing Airflow's SDK alone (the floor every DAG file pays), measured in the same run.

    .venv/bin/python bench/bench_parse.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys, time, importlib.util
t0 = time.perf_counter()
import airflow.sdk  # noqa: F401
t1 = time.perf_counter()
spec = importlib.util.spec_from_file_location("dagfile", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
t2 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f}")
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    env = {
        **os.environ,
        "AIRFLOW_HOME": tempfile.mkdtemp(),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "PYTHONPATH": str(REPO / "plugins"),
    }
    print(f"{'dag file':<28}{'sdk import s':>14}{'file parse s':>14}   (median of {args.repeat} fresh processes)")
    worst = 0.0
    for path in sorted((REPO / "dags").glob("*.py")):
        sdk, parse = [], []
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)], env=env, capture_output=True, text=True, check=True
            ).stdout.split()
            sdk.append(float(out[0]))
            parse.append(float(out[1]))
        worst = max(worst, statistics.median(parse))
        print(f"{path.name:<28}{statistics.median(sdk):>14.3f}{statistics.median(parse):>14.3f}")
    print(f"slowest file parse: {worst:.3f} s (target < 1 s per file, beyond the SDK import)")
    return 0 if worst < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
