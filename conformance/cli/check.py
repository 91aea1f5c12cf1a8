"""`conformance check`: the conformance suite without pytest (failures, then the matrix and a
summary; `--jobs N` in N processes), or with `--schemas` only the cassettes against the schemas."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from conformance.api import vendors
from conformance.cli.common import EXIT_FAILED, EXIT_OK, existing_directory, job_count
from conformance.errors import ConformanceError
from conformance.options import PROFILES, select_profile

if TYPE_CHECKING:
    from conformance.suite.adapter_suite import AdapterSuite
    from conformance.suite.baseline import Baseline
    from conformance.suite.report import Matrix
    from conformance.suite.results import TestResult
    from conformance.suite.runner import CaseResult


def add_check(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--adapter",
        metavar="MODULE:CLASS",
        help="your AdapterSuite subclass: module:Class or file.py:Class (default: the kit's own parser)",
    )
    p.add_argument(
        "--cassettes",
        action="append",
        default=[],
        type=existing_directory,
        metavar="DIR",
        help="a cassette folder (<vendor>/<scenario>.yaml) checked besides the bundled ones; repeatable",
    )
    p.add_argument(
        "--vendor",
        action="append",
        default=[],
        choices=vendors(),
        metavar="VENDOR",
        help="without --adapter: only this vendor's reference suite (repeatable); with --schemas: only "
        "this vendor's cassettes",
    )
    p.add_argument("--report-md", type=Path, metavar="PATH", help="write the matrix as Markdown")
    p.add_argument("--report-html", type=Path, metavar="PATH", help="write the matrix as HTML")
    p.add_argument(
        "--baseline",
        type=Path,
        metavar="PATH",
        help="JSON file of known failures (test ids, as the pytest plugin writes them): the run fails "
        "only on failures it does not list",
    )
    p.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="write the results as JSON (schemas/results/v2.json), for `conformance report --compare`",
    )
    p.add_argument(
        "--hypothesis-profile",
        choices=tuple(PROFILES),
        default="conformance-ci",
        help="the kit's Hypothesis profile for the chunkings: conformance-dev (quick), conformance-ci "
        "(derandomized: the same examples everywhere; the default), conformance-fuzz (long)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=job_count,
        default=1,
        metavar="N",
        help="run the cases in N processes (0: one per CPU); the output is the same (default: 1)",
    )
    p.add_argument(
        "--schemas",
        action="store_true",
        help="only validate every event of the cassettes (bundled, or --cassettes DIR) against the schemas",
    )


def check_schemas(directories: list[Path], vendor_filter: list[str]) -> int:
    """Every event of every cassette against its vendor's schemas; one line per violation."""
    from conformance.formats.cassettes import load_cassettes
    from conformance.formats.schemas import check_body

    folders: list[Path | None] = [*directories] if directories else [None]  # None: the bundled ones
    cassettes = [c for d in folders for c in load_cassettes(d)]
    cassettes = [c for c in cassettes if not vendor_filter or c.vendor in vendor_filter]
    if not cassettes:
        where = ", ".join(map(str, directories)) or "the bundled cassettes"
        only = f" of vendor {', '.join(vendor_filter)}" if vendor_filter else ""
        print(f"conformance check: no cassette{only} in {where}", file=sys.stderr)
        return EXIT_FAILED
    bad = 0
    for cassette in cassettes:
        if cassette.vendor not in vendors():
            print(f"{cassette.id}: no adapter for vendor {cassette.vendor!r}")
            bad += 1
            continue
        try:
            violations = [str(v) for v in check_body(cassette.vendor, cassette.body)]
        except ConformanceError as exc:
            violations = [f"{type(exc).__name__}: {exc}"]
        for line in violations:
            print(f"{cassette.id}: {line}")
        bad += bool(violations)
    print(f"{len(cassettes) - bad}/{len(cassettes)} cassettes match the schemas")
    return EXIT_FAILED if bad or not cassettes else EXIT_OK


def _run_suites(classes: list[type[AdapterSuite]], args: argparse.Namespace) -> Iterator[CaseResult]:
    """The cases of every suite, in this process or (with `--jobs N`) in N of them."""
    from conformance.suite import parallel, runner

    if args.jobs == 1:
        for cls in classes:
            yield from runner.run_suite(cls, args.cassettes)
        return
    specs = [parallel.SuiteSpec(cls.vendor, _absolute_adapter(args.adapter)) for cls in classes]
    yield from parallel.run_suites(
        specs, [str(d) for d in args.cassettes], jobs=args.jobs, profile=args.hypothesis_profile
    )


def _absolute_adapter(spec: str | None) -> str | None:
    """`file.py:Class` with the file's absolute path, so that `--jobs` workers find it wherever they run."""
    if spec is None:
        return None
    module, _, name = spec.rpartition(":")
    return f"{Path(module).resolve()}:{name}" if module.endswith(".py") else spec


def _progress(results: Iterator[CaseResult]) -> Iterator[CaseResult]:
    """`results` unchanged, with a line on stderr as each suite finishes (its tests, failures, time)."""
    import time

    start, current, counts = time.perf_counter(), None, {"failed": 0, "all": 0}

    def line() -> None:
        failed = f", {counts['failed']} failed" if counts["failed"] else ""
        print(
            f"{current}: {counts['all']} tests{failed} ({time.perf_counter() - start:.1f} s)",
            file=sys.stderr,
            flush=True,
        )

    for result in results:
        if result.adapter != current:
            if current is not None:
                line()
            current, counts, start = result.adapter, {"failed": 0, "all": 0}, time.perf_counter()
        counts["all"] += 1
        counts["failed"] += result.outcome == "failed"
        yield result
    if current is not None:
        line()


def _summary(results: Sequence[CaseResult], matrix: Matrix) -> str:
    """The last line of `conformance check`: how many suites and tests, and how they went."""
    counts = {
        outcome: sum(r.outcome == outcome for r in results)
        for outcome in ("passed", "failed", "unsupported", "skipped")
    }
    suites = len({r.adapter for r in results})
    head = matrix.summary_line() if counts["failed"] else "no failure"
    rest = ", ".join(f"{n} {outcome}" for outcome, n in counts.items() if outcome != "failed")
    suites_text = f"{suites} suite{'s' if suites != 1 else ''}"
    return f"conformance check: {head}; {rest} ({suites_text}, {len(results)} tests)"


def _reference_expected(directories: Sequence[Path], checked: set[str]) -> list[str]:
    """The ids of the checked cassettes in `directories` whose expected has `reference` provenance."""
    from conformance.formats.cassettes import load_cassettes
    from conformance.formats.provenance import REFERENCE

    return sorted(
        {
            c.id
            for d in directories
            for c in load_cassettes(d)
            if c.provenance == REFERENCE and c.id in checked
        }
    )


def cmd_check(args: argparse.Namespace) -> int:
    """Run the conformance suite without pytest: failures, then the matrix; exit 1 on a failure
    that the baseline (if any) does not list."""

    from conformance.suite import outputs, report, runner
    from conformance.suite.baseline import load_baseline

    if args.schemas:
        return check_schemas(args.cassettes, args.vendor)
    baseline = load_baseline(args.baseline) if args.baseline is not None else None
    select_profile(args.hypothesis_profile)
    if args.adapter:
        classes = [runner.load_suite(args.adapter)]
    else:
        classes = [runner.reference_suite(vendor) for vendor in args.vendor or vendors()]
    results = []
    for result in _progress(_run_suites(classes, args)):
        results.append(result)
        if result.outcome == "failed":
            known = " (known: in the baseline)" if baseline and result.test_id in baseline.known else ""
            print(f"FAILED {result.adapter} {result.check}[{result.cassette}]{known}")
            print("  " + result.message.replace("\n", "\n  "))
    recorded = outputs.results_of(results, baseline)
    matrix = report.matrix_of_results(recorded)
    print(report.to_text(matrix) if matrix else "no cassette to check")
    reference = _reference_expected(args.cassettes, {r.cassette for r in results})
    if reference:
        print(
            f"note: {len(reference)} cassette(s) checked against an expected message written by the "
            f"kit's own reference parser (provenance 'reference', not independent: review them): "
            + ", ".join(reference)
        )
    outputs.write_matrix_reports(matrix, base=Path(), markdown=args.report_md, html=args.report_html)
    outputs.append_step_summary(matrix, written_to=args.report_md)
    stale = _baseline_notes(baseline, recorded, classes)
    if args.json is not None:
        from conformance.suite.results import results_document, write_results

        document = results_document(
            recorded,
            baseline=str(args.baseline) if args.baseline else None,
            stale=stale,
            hypothesis_profile=args.hypothesis_profile,
        )
        write_results(args.json, document)
    if matrix:
        print(_summary(results, matrix))
    return EXIT_FAILED if any(r.red for r in recorded) else EXIT_OK


def _baseline_notes(
    baseline: Baseline | None, recorded: Sequence[TestResult], classes: Sequence[type[AdapterSuite]]
) -> list[str]:
    """Print the baseline's fixed and stale entries, as the plugin does; return the stale ones."""
    if baseline is None:
        return []
    from conformance.suite.baseline import stale_entries

    fixed = sorted(r.id for r in recorded if r.baseline == "fixed")
    if fixed:
        print(f"fixed: remove it from the baseline ({len(fixed)}):")
        print("".join(f"  {test_id}\n" for test_id in fixed), end="")
    stale = stale_entries(baseline.known, {r.id for r in recorded}, {c.__qualname__ for c in classes})
    for test_id in stale.gone:
        print(f"baseline entry naming no test: {test_id}  (no such test: renamed or removed?)")
    return [*stale.gone, *stale.elsewhere]
