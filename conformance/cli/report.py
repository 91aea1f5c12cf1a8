"""`conformance report`: a results file's matrix (`pytest --conformance-json`), or what changed
between two (regressions exit 1)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from conformance.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE


def add_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", nargs="?", type=Path, metavar="RESULTS.json", help="print this run's matrix")
    p.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("OLD.json", "NEW.json"),
        help="print regressions, fixes, new and removed tests; exit 1 if anything regressed",
    )
    p.add_argument("--markdown", action="store_true", help="as Markdown (for a pull-request comment)")


def cmd_report(args: argparse.Namespace) -> int:
    """Results files (`pytest --conformance-json`): one run's matrix, or what changed between two."""
    from conformance.suite import compare, report
    from conformance.suite.results import ResultsError, load_results

    if (args.results is None) == (args.compare is None):
        print("conformance report: give RESULTS.json, or --compare OLD.json NEW.json", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.compare is not None:
            (_, old), (_, new) = (load_results(path) for path in args.compare)
        else:
            _, results = load_results(args.results)
    except ResultsError as exc:
        print(f"conformance report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.compare is not None:
        comparison = compare.compare(old, new)
        print(compare.to_markdown(comparison) if args.markdown else compare.to_text(comparison), end="")
        return EXIT_FAILED if comparison.regressed else EXIT_OK
    matrix = report.matrix_of_results(results)
    print(report.to_markdown(matrix) if args.markdown else report.to_text(matrix) + "\n", end="")
    return EXIT_FAILED if matrix.failed else EXIT_OK
