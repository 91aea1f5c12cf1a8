"""Development check (not part of the test suite): our adapters vs the official SDKs on the
real recorded streams beside the project (../shared/real-streams), under random splits.

    python dev/real_streams.py [--vendor V] [--splits N] [--seed S] [-v]

For each body: parse it whole and in N random chunkings with our adapter, run the vendor's
official SDK on it (conformance.oracles), and report every body where any of them differ.
The folder is not shipped with the project; this script is for people who have it.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

import conformance
from conformance.oracles import ORACLE_MODULES, compare, oracle_for
from conformance.strategies import split_at

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-streams"
ALIASES = {"openrouter-responses": "openai-responses"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vendor", action="append")
    ap.add_argument("--splits", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--real", type=Path, default=REAL)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    totals: collections.Counter[str] = collections.Counter()
    bad = 0
    for folder in sorted(p for p in args.real.iterdir() if p.is_dir()):
        vendor = ALIASES.get(folder.name, folder.name)
        if vendor not in conformance.vendors() or (args.vendor and folder.name not in args.vendor):
            continue
        oracle = oracle_for(vendor) if vendor in ORACLE_MODULES else None
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            body = path.read_bytes()
            totals[folder.name] += 1
            problems = []
            try:
                whole = conformance.parse(vendor, [body])
                for _ in range(args.splits):
                    cuts = rng.sample(range(1, max(len(body), 2)), k=min(len(body) - 1, rng.randint(1, 40)))
                    split = conformance.parse(vendor, split_at(body, cuts))
                    if split != whole:
                        problems.append(f"split {sorted(cuts)} changes the Message")
                        break
                if not (whole.complete or whole.error):
                    problems.append("complete is false")
                if oracle is not None:
                    problems += compare(whole, oracle(body))
            except Exception as exc:  # noqa: BLE001 - a development report lists everything
                problems.append(f"{type(exc).__name__}: {exc}")
            if problems:
                bad += 1
                print(f"{path.relative_to(args.real)}:")
                for p in problems[: None if args.verbose else 3]:
                    print(f"   {p[:400]}")
    n = sum(totals.values())
    print(f"\n{n - bad}/{n} real streams agree ({dict(totals)})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
