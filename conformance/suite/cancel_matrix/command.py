"""`python -m conformance.suite.cancel_matrix`: run the matrix (or `--only` some libraries),
print progress to stderr, and print or write the Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from conformance.suite.cancel_matrix.run import WAYS, Row, run_matrix
from conformance.suite.cancel_matrix.table import latency_text, markdown, verdict_cell

DESCRIPTION = "The cancel matrix: how the libraries people use stop a stream, judged by the cancel checks."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m conformance.suite.cancel_matrix", description=DESCRIPTION
    )
    parser.add_argument("--out", type=Path, help="write the Markdown here (default: print it)")
    parser.add_argument("--only", default="", help="comma-separated libraries to run (default: all)")
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    known = {way.library for way in WAYS}
    if only - known:
        parser.error(f"unknown libraries {sorted(only - known)}; known: {', '.join(sorted(known))}")
    ways = [way for way in WAYS if not only or way.library in only]

    def progress(row: Row) -> None:
        status = verdict_cell(row) + (f", {latency_text(row.verdict)}" if row.verdict is not None else "")
        print(f"{row.way.library} {row.way.name} @{row.cancel_after}: {status}", file=sys.stderr, flush=True)

    text = markdown(run_matrix(ways, progress=progress))
    if args.out is None:
        print(text)
    else:
        tmp = args.out.with_suffix(args.out.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.out)  # nothing good is overwritten by a half-written file
        print(f"wrote {args.out}", file=sys.stderr)
    return 0
