"""The `conformance` command: a thin edge over the library (argument parsing and printing only).

Each subcommand is a function `cmd_<name>(args) -> int` registered in `COMMANDS` with the
function that adds its arguments; the exit code is the function's return value.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from conformance import __version__
from conformance.api import parse, vendors
from conformance.errors import ConformanceError
from conformance.formats.cassettes import Cassette, is_cassette_id, load_cassette
from conformance.message import Message
from conformance.options import PROFILES, select_profile
from conformance.probe import command as probe_command

if TYPE_CHECKING:
    from conformance.suite.adapter_suite import AdapterSuite
    from conformance.suite.report import Matrix
    from conformance.suite.runner import CaseResult

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def read_body(path: Path) -> tuple[str | None, bytes]:
    """A body from a raw file, a cassette or a bundled cassette's id: (the cassette's vendor or
    None, body bytes)."""
    if path.suffix in (".yaml", ".yml") or is_cassette_id(path):
        cassette = load_cassette(path)
        return cassette.vendor, cassette.body
    try:
        return None, path.read_bytes()
    except OSError as exc:
        raise ConformanceError(f"{path}: cannot read: {exc.strerror}") from None


def _add_parse(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "path",
        type=Path,
        help="a raw body (.sse, .ndjson, .bin), a cassette (.yaml) or a bundled cassette's id",
    )
    p.add_argument(
        "--vendor",
        choices=vendors(),
        metavar="VENDOR",
        help="adapter id, see `conformance vendors` (default: the cassette's vendor)",
    )
    p.add_argument("--lenient", action="store_true", help="skip unknown event types as the SDKs do")
    p.add_argument(
        "--chunk-size",
        type=_chunk_size,
        metavar="N",
        help="feed the body in chunks of N bytes, N >= 1 (default: the whole body as one chunk)",
    )


def cmd_parse(args: argparse.Namespace) -> int:
    """Print the Message of one body as JSON."""
    cassette_vendor, body = read_body(args.path)
    vendor = args.vendor or cassette_vendor
    if vendor is None:
        print(f"conformance parse: {args.path} is a raw body: say which --vendor", file=sys.stderr)
        return EXIT_USAGE
    size = args.chunk_size or max(len(body), 1)
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    message = parse(vendor, chunks, strict=not args.lenient)
    if args.path.suffix in (".yaml", ".yml") and vendor == cassette_vendor:
        _show_disagreement(load_cassette(args.path), message)
    text = message.to_json()
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:  # a lone surrogate (a JSON "\ud800" the vendor sent): escape all
        text = json.dumps(message.to_dict(), indent=2, ensure_ascii=True)
    print(text)
    return EXIT_OK


def _show_disagreement(cassette: Cassette, message: Message) -> None:
    """On stderr: where `message` and the cassette's expected differ, and where expected came from."""
    from conformance.formats.provenance import describe, field_differences

    expected = cassette.expected
    if expected is None or message == expected:
        return
    print(
        f"conformance parse: {cassette.id}: differs from the cassette's expected message "
        f"(provenance: {describe(cassette.provenance)}):",
        file=sys.stderr,
    )
    for line in field_differences(message, expected):
        print(f"  {line}", file=sys.stderr)


def _add_vendors(p: argparse.ArgumentParser) -> None:
    pass


def cmd_vendors(args: argparse.Namespace) -> int:
    """List the adapter ids."""
    from conformance.adapters import ADAPTERS

    for vendor in vendors():
        print(f"{vendor:24} {ADAPTERS[vendor].description}")
    return EXIT_OK


def _add_record(p: argparse.ArgumentParser) -> None:
    from conformance.options import RECORD_MODES

    p.add_argument(
        "--vendor", action="append", choices=vendors(), metavar="VENDOR", help="only this vendor (repeatable)"
    )
    p.add_argument("--scenario", action="append", help="only this scenario, e.g. tool_use (repeatable)")
    p.add_argument(
        "--record-mode",
        choices=RECORD_MODES,
        default="none",
        help="none (default): show the plan and cost, send nothing; once: only missing cassettes; "
        "new_episodes: write only new or drifted ones; all: re-record everything",
    )
    p.add_argument(
        "--cassettes",
        type=_directory,
        metavar="DIR",
        help="the scenarios' cassette folder (default: bundled)",
    )
    p.add_argument(
        "--output",
        type=Path,
        metavar="DIR",
        help="write cassettes here instead of over the scenarios (bundled scenarios: default ./cassettes)",
    )
    p.add_argument("--base-url", help="send requests to this host instead (a proxy, a local fake vendor)")
    p.add_argument("--drift-report", type=Path, help="also write the drift report as Markdown")


def cmd_record(args: argparse.Namespace) -> int:
    """Re-record scenarios against the live APIs (keys from the vendors' usual variables)."""
    from conformance.formats.cassettes import load_cassettes
    from conformance.live.drift import drift_markdown
    from conformance.live.record import (
        MissingKeyError,
        Recorder,
        RecordTargetError,
        estimate_cost_usd,
        is_synthetic,
    )

    cassettes = [
        c
        for c in load_cassettes(args.cassettes)
        if (not args.vendor or c.vendor in args.vendor) and (not args.scenario or c.scenario in args.scenario)
    ]
    if not cassettes:
        print("conformance record: no scenario matches --vendor/--scenario", file=sys.stderr)
        return EXIT_USAGE
    live = [c for c in cassettes if not is_synthetic(c)]
    recorder = Recorder(
        mode=args.record_mode, base_url=args.base_url, progress=lambda line: print(line, file=sys.stderr)
    )
    if args.record_mode == "none":  # the plan: what would be sent, and which keys are missing
        print(
            f"{len(live)} scenario(s) to record ({len(cassettes) - len(live)} synthetic skipped); "
            f"estimated cost at most ${estimate_cost_usd(live):.4f}"
        )
        for cassette in live:
            print(f"  {cassette.id}: {cassette.method} {cassette.uri}")
        for vendor in sorted({c.vendor for c in live}):
            try:
                recorder.check_keys([c for c in live if c.vendor == vendor])
            except MissingKeyError as exc:
                print(f"  {vendor}: cannot record yet: {exc}")
        print("record mode 'none': nothing was sent. Use --record-mode once|new_episodes|all to record.")
        return EXIT_OK
    try:
        recorder.check_keys(live)
    except MissingKeyError as exc:
        print(f"conformance record: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"{len(live)} scenario(s) to record ({len(cassettes) - len(live)} synthetic skipped); "
        f"estimated cost at most ${estimate_cost_usd(live):.4f}"
    )
    # The bundled scenarios are never re-recorded in place: inside an installed package
    # they are not the user's to change.
    output = args.output if args.output is not None or args.cassettes is not None else Path("cassettes")
    try:
        outcomes = recorder.record_all(cassettes, output)
    except RecordTargetError as exc:
        print(f"conformance record: {exc}", file=sys.stderr)
        return EXIT_USAGE
    drift = [d for o in outcomes for d in o.drift]
    for outcome in outcomes:
        print(outcome)
        for warning in outcome.warnings:
            print(f"  warning: {warning}")
    for d in drift:
        print(f"  drift: {d}")
    if args.drift_report:
        args.drift_report.write_text(drift_markdown(drift), encoding="utf-8")
    return EXIT_FAILED if any(o.status == "failed" for o in outcomes) else EXIT_OK


def _existing(text: str) -> Path:
    path = Path(text)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"{text!r} does not exist")
    return path


def _add_import(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        type=_existing,
        metavar="PATH",
        help="vcrpy / pytest-recording cassettes (YAML or JSON, maybe .gz), HAR files, or folders of them",
    )
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="write kit cassettes to DIR/<vendor>/<scenario>.yaml",
    )
    p.add_argument("--force", action="store_true", help="overwrite cassettes that exist in DIR")
    p.add_argument("-v", "--verbose", action="store_true", help="also list what was skipped and why")


def cmd_import(args: argparse.Namespace) -> int:
    """Import the streamed vendor responses of existing recordings as kit cassettes."""
    from conformance.live.importer import expand, import_paths

    if args.out.exists() and not args.out.is_dir():
        print(f"conformance import: --out {str(args.out)!r} is not a directory", file=sys.stderr)
        return EXIT_USAGE
    results = import_paths(expand(args.paths), args.out, force=args.force)
    written = [r for r in results if r.path is not None]
    disputed = [r for r in results if r.disagreements]
    for r in results:
        where = f"{r.recording.source}#{r.recording.interaction}"
        if r.path is not None:
            print(f"wrote {r.path} ({r.vendor}, expected: {r.provenance or 'withheld'})")
        elif r.vendor is not None or args.verbose or r.recording.interaction < 0:
            print(f"skipped {where}: {r.skipped}")
        for warning in r.warnings:
            print(f"  warning: {warning}")
        for line in r.disagreements:
            print(f"  SDK disagrees: {line}")
    print(f"{len(written)} cassette(s) written to {args.out}; {len(disputed)} with an SDK disagreement")
    if written:
        print(f"run your parser on them: pytest --conformance-cassettes {args.out}")
    return EXIT_FAILED if disputed or not written else EXIT_OK


def _add_check(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--adapter",
        metavar="MODULE:CLASS",
        help="your AdapterSuite subclass: module:Class or file.py:Class (default: the kit's own parser)",
    )
    p.add_argument(
        "--cassettes",
        action="append",
        default=[],
        type=_directory,
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
        "--hypothesis-profile",
        choices=tuple(PROFILES),
        default="conformance-ci",
        help="the kit's Hypothesis profile for the chunkings: conformance-dev (quick), conformance-ci "
        "(derandomized: the same examples everywhere; the default), conformance-fuzz (long)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
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


def _chunk_size(text: str) -> int:
    try:
        size = int(text)
    except ValueError:
        size = 0
    if size < 1:
        raise argparse.ArgumentTypeError(f"expected a number of bytes, 1 or more, not {text!r}")
    return size


def _directory(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        problem = "is not a directory" if path.exists() else "does not exist"
        raise argparse.ArgumentTypeError(f"{text!r} {problem}")
    return path


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a number of processes (0: one per CPU), not {text!r}")
    return jobs or os.cpu_count() or 1


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
    """Run the conformance suite without pytest: failures, then the matrix; exit 1 on a failure."""

    from conformance.suite import report, runner

    if args.schemas:
        return check_schemas(args.cassettes, args.vendor)
    select_profile(args.hypothesis_profile)
    if args.adapter:
        classes = [runner.load_suite(args.adapter)]
    else:
        classes = [runner.reference_suite(vendor) for vendor in args.vendor or vendors()]
    results = []
    for result in _progress(_run_suites(classes, args)):
        results.append(result)
        if result.outcome == "failed":
            print(f"FAILED {result.adapter} {result.check}[{result.cassette}]")
            print("  " + result.message.replace("\n", "\n  "))
    matrix = report.matrix_of(results)
    print(report.to_text(matrix) if matrix else "no cassette to check")
    reference = _reference_expected(args.cassettes, {r.cassette for r in results})
    if reference:
        print(
            f"note: {len(reference)} cassette(s) checked against an expected message written by the "
            f"kit's own reference parser (provenance 'reference', not independent: review them): "
            + ", ".join(reference)
        )
    for path, render in ((args.report_md, report.to_markdown), (args.report_html, report.to_html)):
        if path is not None:
            path.write_text(render(matrix), encoding="utf-8")
    if matrix:
        print(_summary(results, matrix))
    return EXIT_FAILED if matrix.failed else EXIT_OK


def _add_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("cassette", type=Path, help="the cassette (.yaml, or a bundled one's id: anthropic/text)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port (default: 0, a free one; printed at start)")
    p.add_argument(
        "--speed", type=float, default=1.0, help="1 = recorded pace, 10 = ten times faster, 0 = no pauses"
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a cassette over HTTP/1.1 at its recorded pace until interrupted (Ctrl-C)."""
    from conformance.live.replay import ConnectionLog, ReplayServer, serve

    def started(server: ReplayServer) -> None:
        program = server.program
        assert program is not None
        pace = "as fast as possible" if program.speed is None else f"{program.speed:g}x the recorded pace"
        print(f"serving {program.cassette.id} on {server.base_url}", flush=True)
        print(f"  {program.cassette.method} {program.path} ({pace}); Ctrl-C stops", flush=True)

    def ended(log: ConnectionLog) -> None:
        print(log.describe(), flush=True)

    if not args.speed >= 0:
        message = f"--speed must be 0 (no pauses) or positive, not {args.speed}"
        print(f"conformance serve: {message}", file=sys.stderr)
        return EXIT_USAGE
    if not 0 <= args.port <= 65535:
        print(f"conformance serve: --port must be 0 (a free one) to 65535, not {args.port}", file=sys.stderr)
        return EXIT_USAGE
    speed = args.speed or None
    serve(args.cassette, host=args.host, port=args.port, speed=speed, on_start=started, on_end=ended)
    return EXIT_OK


def _add_report(p: argparse.ArgumentParser) -> None:
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


Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]

COMMANDS: dict[str, Command] = {
    "parse": (_add_parse, cmd_parse, "parse one stream body and print its Message as JSON"),
    "vendors": (_add_vendors, cmd_vendors, "list the vendor adapters"),
    "check": (_add_check, cmd_check, "run the conformance suite on an AdapterSuite (default: the kit's)"),
    "record": (_add_record, cmd_record, "re-record cassettes against the live APIs (needs keys)"),
    "serve": (_add_serve, cmd_serve, "serve a cassette on loopback at its recorded pace (for real clients)"),
    "import": (
        _add_import,
        cmd_import,
        "turn existing vcrpy/pytest-recording cassettes and HAR files into kit cassettes",
    ),
    "report": (_add_report, cmd_report, "print a results file's matrix, or compare two (regressions exit 1)"),
    "probe": (
        probe_command.add_arguments,
        probe_command.run,
        "probe a server that speaks a vendor's protocol: scenarios sent, answers judged",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conformance", description="Conformance test kit for LLM vendor streaming protocols."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (add_arguments, _, help_text) in COMMANDS.items():
        add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _, run, _ = COMMANDS[args.command]
    try:
        return run(args)
    except ConformanceError as exc:
        print(f"conformance {args.command}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
