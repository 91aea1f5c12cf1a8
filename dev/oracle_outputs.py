"""Dump what every SDK oracle reports on every bundled cassette under a few chunkings.

A dev-time differential check for changes to how the oracles feed their SDKs (such as the
shared per-thread clients of `conformance/oracles/_sdk.py`): dump with the old code, dump
with the new, and compare the two files; they must be equal byte for byte.

    git archive HEAD~1 | tar -x -C /tmp/old            # the code before the change
    PYTHONPATH=/tmp/old python dev/oracle_outputs.py /tmp/before.json
    python dev/oracle_outputs.py /tmp/after.json
    python dev/oracle_outputs.py --compare /tmp/before.json /tmp/after.json

Chunkings per body: whole, one byte at a time, 7-byte pieces and three random splits
(seeded by the cassette id, so both runs serve the same chunks).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sys
import time
from pathlib import Path
from typing import Any


def chunkings(cassette_id: str, body: bytes) -> dict[str, list[bytes]]:
    """The named chunkings of `body`, the same in every run."""
    out = {"whole": [body], "bytes": [body[i : i + 1] for i in range(len(body))] or [body]}
    out["sevens"] = [body[i : i + 7] for i in range(0, len(body), 7)] or [body]
    seed = int.from_bytes(hashlib.sha256(cassette_id.encode()).digest()[:8], "big")
    rng = random.Random(seed)
    for n in range(3):
        count = min(len(body) - 1, rng.randint(1, 12))
        cuts = sorted(rng.sample(range(1, len(body)), count)) if len(body) > 1 else []
        edges = [0, *cuts, len(body)]
        out[f"random{n}"] = [body[a:b] for a, b in itertools.pairwise(edges)]
    return out


def dump(path: Path) -> None:
    import conformance
    from conformance.formats.cassettes.reading import load_cassettes
    from conformance.oracles import ORACLE_MODULES, oracle_for

    print(f"conformance from {Path(conformance.__file__).parent}", file=sys.stderr)
    results: dict[str, Any] = {}
    started = time.process_time()
    for cassette in load_cassettes():
        if cassette.vendor not in ORACLE_MODULES:
            continue
        oracle = oracle_for(cassette.vendor)
        for name, chunks in chunkings(cassette.id, cassette.body).items():
            try:
                result: Any = oracle(cassette.body, chunks=chunks)
            except Exception as exc:  # an oracle that raises: its exception is its output here
                result = {"raised": f"{type(exc).__name__}: {exc}"}
            results[f"{cassette.id} {name}"] = result
    path.write_text(json.dumps(results, sort_keys=True, indent=1, default=repr) + "\n")
    spent = time.process_time() - started
    print(f"{len(results)} oracle calls in {spent:.1f} CPU s -> {path}", file=sys.stderr)


def compare(before: Path, after: Path) -> int:
    old, new = json.loads(before.read_text()), json.loads(after.read_text())
    differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    for key in differ[:20]:
        print(f"{key}:\n  before {old.get(key)!r}\n  after  {new.get(key)!r}")
    print(f"{len(old)} before, {len(new)} after, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", help="where to write the dump (JSON)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give a file to dump into, or --compare BEFORE AFTER")
    dump(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
