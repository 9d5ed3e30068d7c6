"""Where an outlet's learned furniture (:mod:`newsmon.furniture`) is kept: one small JSON object
per outlet under ``_state/furniture/`` (:func:`newsmon.keys.furniture`), read and written through
:mod:`newsmon.state` (missing: empty; unreadable: kept under ``_state/unreadable/``, said in the
run's problems, empty).

Inspect: ``python -m newsmon.furniture_state --config C OUTLET`` (the learned lines with the number
of remembered articles holding each), or read the object ``_state/furniture/outlet=<name>.json``
with any S3 client (``learned``: key -> line; ``recent``: article id -> keys of its lines).
Reset: the same command with ``--reset`` (deletes the object); learning starts again on the next
run, and ``reprocess --from-raw`` relearns from the archive.
"""

from __future__ import annotations

from newsmon import keys, state
from newsmon.furniture import MIN_ARTICLES, WINDOW, OutletFurniture, from_dict, to_dict
from newsmon.store import Store


def furniture_key(outlet: str) -> str:
    """The object key of an outlet's learned furniture."""
    return keys.furniture(outlet)


def load_furniture(
    store: Store, outlet: str, problems: list[str] | None = None, window: int = WINDOW, min_articles: int = MIN_ARTICLES
) -> OutletFurniture:
    """The outlet's learned furniture with these knobs; empty when none is stored, or unreadable
    (then kept for a person and said in ``problems``, the one policy of :mod:`newsmon.state`)."""
    return state.load(
        store,
        keys.furniture(outlet),
        default=lambda: OutletFurniture(window=window, min_articles=min_articles),
        problems=problems,
        parse=lambda doc: from_dict(doc, window, min_articles),
    )


def save_furniture(store: Store, outlet: str, learned: OutletFurniture) -> None:
    """Store the outlet's learned furniture (one PUT)."""
    state.save(store, keys.furniture(outlet), to_dict(learned))


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
    learned = load_furniture(store, args.outlet)
    print(
        f"{args.outlet}: {len(learned.recent)} articles remembered (window {learned.window}), "
        f"furniture = lines on >= {learned.min_articles} of them"
    )
    for key in sorted(learned.learned(), key=lambda k: -learned.counts[k]):
        print(f"{learned.counts[key]:>5}  {learned.texts.get(key, '(text not kept: ' + key + ')')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
