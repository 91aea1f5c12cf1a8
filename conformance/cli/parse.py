"""`conformance parse` (one body's Message as JSON, with where it differs from the cassette's
expected message) and `conformance vendors` (the adapter ids)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from conformance.api import parse, vendors
from conformance.cli.common import EXIT_OK, EXIT_USAGE, chunk_size
from conformance.errors import ConformanceError
from conformance.formats.cassettes import Cassette, is_cassette_id, load_cassette
from conformance.message import Message


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


def add_parse(p: argparse.ArgumentParser) -> None:
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
        type=chunk_size,
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


def add_vendors(p: argparse.ArgumentParser) -> None:
    pass


def cmd_vendors(args: argparse.Namespace) -> int:
    """List the adapter ids."""
    from conformance.adapters import ADAPTERS

    for vendor in vendors():
        print(f"{vendor:24} {ADAPTERS[vendor].description}")
    return EXIT_OK
