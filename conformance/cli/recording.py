"""The subcommands that write cassettes: `conformance record` (re-record scenarios against the
live APIs; by default only the plan and its cost) and `conformance import` (existing vcrpy,
pytest-recording and HAR recordings turned into kit cassettes)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from conformance.api import vendors
from conformance.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, existing_directory, existing_path


def add_record(p: argparse.ArgumentParser) -> None:
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
        type=existing_directory,
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


def add_import(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        type=existing_path,
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
