"""`conformance probe`: argument parsing and printing for the probe (the CLI registers these)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from conformance.probe.judge import CHECKS
from conformance.probe.scenarios import FAMILIES, probe_vendors

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_arguments(p: argparse.ArgumentParser) -> None:
    scenario_names = sorted({s.name for family in FAMILIES.values() for s in family})
    p.add_argument(
        "--vendor", required=True, choices=probe_vendors(), help="the protocol the server claims to speak"
    )
    p.add_argument(
        "--base-url",
        required=True,
        help="what you would give the vendor's SDK as base_url (OpenAI-compatible: http://host:8000/v1)",
    )
    p.add_argument("--model", default="default", help="model name sent in every request (default: 'default')")
    p.add_argument(
        "--api-key-env",
        metavar="VAR",
        help="environment variable holding the key to send (none is sent unless named)",
    )
    p.add_argument(
        "--scenario",
        action="append",
        default=[],
        choices=scenario_names,
        help="run only this scenario (repeatable; default: all of the vendor's)",
    )
    p.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per scenario (default 60)")
    p.add_argument(
        "--cancel-grace-ms",
        type=float,
        default=1000.0,
        help="how long a server may keep sending after the client hangs up (default 1000 ms)",
    )
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the findings as JSON to FILE")
    p.add_argument("--report-md", type=Path, metavar="FILE", help="also write the matrix as Markdown to FILE")
    p.add_argument(
        "--record", type=Path, metavar="DIR", help="keep every answer as a scrubbed cassette in DIR"
    )
    p.epilog = "checks: " + "; ".join(f"{name}: {what}" for name, what in CHECKS.items())


def _usage_error(message: str) -> int:
    print(f"conformance probe: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Probe a server and print the matrix; exit 1 if any check failed."""
    from conformance.probe.run import probe

    parts = urlsplit(args.base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _usage_error(f"--base-url {args.base_url!r} is not an http:// or https:// URL")
    if not args.timeout > 0:
        return _usage_error(f"--timeout must be a positive number of seconds, not {args.timeout}")
    if not args.cancel_grace_ms > 0:
        return _usage_error(f"--cancel-grace-ms must be positive, not {args.cancel_grace_ms}")
    for path in (args.json, args.report_md):
        if path is not None and not path.parent.is_dir():
            return _usage_error(f"{path}: folder {path.parent} does not exist")
    if args.record is not None and args.record.exists() and not args.record.is_dir():
        return _usage_error(f"--record {args.record}: not a folder")

    def progress(name: str) -> None:
        print(f"  probed {name}", file=sys.stderr, flush=True)

    print(f"probing {args.base_url} as {args.vendor} (model {args.model})", file=sys.stderr, flush=True)
    report = probe(
        args.vendor,
        args.base_url,
        model=args.model,
        api_key_env=args.api_key_env,
        scenarios=args.scenario,
        timeout_s=args.timeout,
        cancel_grace_ms=args.cancel_grace_ms,
        record_dir=args.record,
        on_scenario=progress,
    )
    print(report.to_text(), end="")
    if args.json is not None:
        args.json.write_text(report.to_json(), encoding="utf-8")
    if args.report_md is not None:
        args.report_md.write_text(report.to_markdown(), encoding="utf-8")
    return EXIT_OK if report.passed else EXIT_FAILED
