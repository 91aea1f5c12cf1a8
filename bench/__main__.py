"""`python -m bench`: run the cases, print the table (see bench/__init__.py)."""

from __future__ import annotations

import argparse
import sys
import time
import warnings

from bench import _harness, assembly, memory, parse_floor, partial_json, sse, startup, suite

CASES = ["sse", "partial-json", "assembly", "parse", "memory", "suite", "startup"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="inputs a tenth the size, fewer rounds")
    parser.add_argument(
        "--only",
        action="append",
        choices=[*CASES, "tests"],
        help="run only these cases (repeatable); `tests` is the README's test command on the kit's own "
        "tests, several minutes, and runs only when asked or with no --only",
    )
    parser.add_argument("--rounds", type=int, default=5, help="interleaved runs per contender (median shown)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # SDK deprecation notices about the model names used
    only = set(args.only or [*CASES, "tests"])
    rounds = 3 if args.quick else args.rounds
    scale = 10 if args.quick else 1
    print(f"machine: {_harness.machine()}", flush=True)
    started = time.perf_counter()
    rows: list[_harness.Row] = []
    if "sse" in only:
        rows += sse.run(size=20_000_000 // scale, rounds=rounds)
    if "partial-json" in only:
        sizes = (2_000, 20_000) if args.quick else (2_000, 20_000, 200_000)
        rows += partial_json.run(sizes=sizes, rounds=rounds)
    if "assembly" in only:
        rows += assembly.run(events=10_000 // scale, rounds=rounds)
    if "parse" in only:
        rows += parse_floor.run(events=10_000 // scale, tool_bytes=200_000 // scale, rounds=rounds)
    if only & {"suite", "tests"}:
        rows += suite.run(suites="suite" in only, tests="tests" in only)
    if "startup" in only:
        rows += startup.run(rounds=rounds)
    print(_harness.table(rows, markdown=args.markdown))
    lines: list[tuple[str, str]] = []
    if "memory" in only:
        sizes_mb = (1, 10) if args.quick else (1, 10, 100)
        lines = memory.run(sizes=tuple(n * memory.MB for n in sizes_mb))
        print()
        for case, result in lines:
            print(f"- {case}: {result}" if args.markdown else f"{case}: {result}")
    print()
    print(_harness.targets(rows, lines, markdown=args.markdown))
    total = time.perf_counter() - started
    print(f"\n(times: CPU seconds, median of up to {rounds} interleaved runs; whole bench {total:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
