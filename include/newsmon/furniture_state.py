"""Where an outlet's learned furniture (:mod:`newsmon.furniture`) is kept: one small JSON object
per outlet under ``_state/furniture/``. The one load/save pair, to move onto ``newsmon.state``
when main has it.

Inspect: ``python -m newsmon.furniture_state --config C OUTLET`` (the learned lines with the number
of remembered articles holding each), or read the object ``_state/furniture/outlet=<name>.json``
with any S3 client (``learned``: key -> line; ``recent``: article id -> keys of its lines).
Reset: the same command with ``--reset`` (deletes the object); learning starts again on the next
run, and ``reprocess --from-raw`` relearns from the archive.
"""

from __future__ import annotations

from newsmon.furniture import OutletFurniture, from_json, to_json
from newsmon.store import Store, safe_key_part


def furniture_key(outlet: str) -> str:
    """The object key of an outlet's learned furniture."""
    return f"_state/furniture/outlet={safe_key_part(outlet)}.json"


def load_furniture(store: Store, outlet: str) -> OutletFurniture:
    """The outlet's learned furniture; an empty state when none is stored or it is unreadable."""
    return from_json(store.get(furniture_key(outlet)))


def save_furniture(store: Store, outlet: str, state: OutletFurniture) -> None:
    """Store the outlet's learned furniture (one PUT)."""
    store.put(furniture_key(outlet), to_json(state), "application/json")


def main(argv: list[str] | None = None) -> int:
    """``python -m newsmon.furniture_state --config C OUTLET [--reset]``: print what the outlet
    learned (one line per learned block: articles holding it, text), or forget it all."""
    import argparse
    import os

    from newsmon.config import load_config

    ap = argparse.ArgumentParser(description=main.__doc__.split("\n")[0])
    ap.add_argument("outlet")
    ap.add_argument("--config", default=os.environ.get("NEWSMON_CONFIG"), help="YAML file (env NEWSMON_CONFIG)")
    ap.add_argument("--reset", action="store_true", help="delete the outlet's learned furniture")
    args = ap.parse_args(argv)
    store = Store(load_config(args.config).storage)
    if args.reset:
        store.delete(furniture_key(args.outlet))
        print(f"{furniture_key(args.outlet)}: deleted; learning starts again on the next run")
        return 0
    state = load_furniture(store, args.outlet)
    print(f"{args.outlet}: {len(state.recent)} articles remembered (window {state.window}), "
          f"furniture = lines on >= {state.min_articles} of them")
    for key in sorted(state.learned(), key=lambda k: -state.counts[k]):
        print(f"{state.counts[key]:>5}  {state.texts.get(key, '(text not kept: ' + key + ')')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
