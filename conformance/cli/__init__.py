"""The `conformance` command: a thin edge over the library (argument parsing and printing only).

Each subcommand is a function `cmd_<name>(args) -> int` registered in `COMMANDS` with the
function that adds its arguments; the exit code is the function's return value. The
subcommands live one group a module: `parse` (parse, vendors), `check`, `recording` (record,
import), `serve`, `report`, and `conformance.probe.command`; `common` holds the exit codes
and argument types they share.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from conformance import __version__
from conformance.cli.check import add_check, check_schemas, cmd_check
from conformance.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from conformance.cli.parse import add_parse, add_vendors, cmd_parse, cmd_vendors, read_body
from conformance.cli.recording import add_import, add_record, cmd_import, cmd_record
from conformance.cli.report import add_report, cmd_report
from conformance.cli.serve import add_serve, cmd_serve
from conformance.errors import ConformanceError
from conformance.probe import command as probe_command

__all__ = [
    "COMMANDS",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "build_parser",
    "check_schemas",
    "main",
    "read_body",
]

Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]

COMMANDS: dict[str, Command] = {
    "parse": (add_parse, cmd_parse, "parse one stream body and print its Message as JSON"),
    "vendors": (add_vendors, cmd_vendors, "list the vendor adapters"),
    "check": (add_check, cmd_check, "run the conformance suite on an AdapterSuite (default: the kit's)"),
    "record": (add_record, cmd_record, "re-record cassettes against the live APIs (needs keys)"),
    "serve": (add_serve, cmd_serve, "serve a cassette on loopback at its recorded pace (for real clients)"),
    "import": (
        add_import,
        cmd_import,
        "turn existing vcrpy/pytest-recording cassettes and HAR files into kit cassettes",
    ),
    "report": (add_report, cmd_report, "print a results file's matrix, or compare two (regressions exit 1)"),
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
