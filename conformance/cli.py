"""The `conformance` command: a thin edge over the library (argument parsing and printing only).

Each subcommand is a function `cmd_<name>(args) -> int` registered in `COMMANDS` with the
function that adds its arguments; the exit code is the function's return value.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from conformance.api import parse, vendors
from conformance.cassettes import load_cassette
from conformance.errors import ConformanceError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def read_body(path: Path) -> tuple[str | None, bytes]:
    """A body from a raw file or a cassette: (the cassette's vendor or None, body bytes)."""
    if path.suffix in (".yaml", ".yml"):
        cassette = load_cassette(path)
        return cassette.vendor, cassette.body
    try:
        return None, path.read_bytes()
    except OSError as exc:
        raise ConformanceError(f"{path}: cannot read: {exc.strerror}") from None


def _add_parse(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path, help="a raw body (.sse, .ndjson, .bin) or a cassette (.yaml)")
    p.add_argument("--vendor", choices=vendors(), help="adapter id (default: the cassette's vendor)")
    p.add_argument("--lenient", action="store_true", help="skip unknown event types as the SDKs do")
    p.add_argument("--chunk-size", type=int, default=0, help="feed the body in chunks of N bytes")


def cmd_parse(args: argparse.Namespace) -> int:
    """Print the Message of one body as JSON."""
    cassette_vendor, body = read_body(args.path)
    vendor = args.vendor or cassette_vendor
    if vendor is None:
        print(f"conformance parse: {args.path} is a raw body: say which --vendor", file=sys.stderr)
        return EXIT_USAGE
    size = args.chunk_size if args.chunk_size > 0 else max(len(body), 1)
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    message = parse(vendor, chunks, strict=not args.lenient)
    print(message.to_json())
    return EXIT_OK


def _add_vendors(p: argparse.ArgumentParser) -> None:
    pass


def cmd_vendors(args: argparse.Namespace) -> int:
    """List the adapter ids."""
    from conformance.adapters import ADAPTERS

    for vendor in vendors():
        print(f"{vendor:24} {ADAPTERS[vendor].description}")
    return EXIT_OK


Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]

COMMANDS: dict[str, Command] = {
    "parse": (_add_parse, cmd_parse, "parse one stream body and print its Message as JSON"),
    "vendors": (_add_vendors, cmd_vendors, "list the vendor adapters"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conformance", description="Conformance test kit for LLM vendor streaming protocols."
    )
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
