"""What every `dev/build_cassettes_<vendor>.py` that uses it shares: the expected-Message
helper, the cassette record (built directly, or from a `Scenario` holding a literal text
body), the checks every built cassette must pass before it is written, and the
`--check` / write command line.

A builder makes its cassettes and calls `main(VENDOR, cassettes, doc=__doc__, extra=...)`.
Checks: the expected Message round-trips through `Message.from_dict`; the body parses to
it whole, byte by byte and in a few fixed-seed random splits; every vendor event of a 200
body validates against `schemas/<vendor>/`; the features are in the shared vocabulary;
neither the request nor the response carries credentials; plus the builder's `extra`
check (such as `lf_only`). Nothing is written unless every cassette passes. `--check`
writes nothing and also says whether each file on disk is what the builder makes.

Chunk timings (`chunks`, `chunk_times_ms`, added later by `dev/add_timings.py` or kept
from a recording) are not the builder's to make: when a file on disk has them and the
same body, they are carried over, so rebuilding keeps them and `--check` does not call
the file stale for them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import conformance
from conformance.formats.cassettes import Cassette, dump_cassette, load_cassette, save_cassette
from conformance.errors import StreamError
from conformance.message import Message
from conformance.formats.schemas import check_body, describe
from conformance.suite.strategies import split_at

ROOT = Path(__file__).resolve().parents[1]

FEATURES = {
    "text", "reasoning", "tool_calls", "parallel_tool_calls", "usage", "error",
    "truncated", "keepalive", "non_ascii", "refusal", "content_filter", "server_tools", "citations",
}  # fmt: skip

SECRET_HEADERS = {
    "authorization",
    "x-api-key",
    "x-goog-api-key",
    "x-amz-security-token",
    "x-amz-date",
    "x-amz-content-sha256",
    "cookie",
    "api-key",
}

TIMING_KEYS = ("chunks", "chunk_times_ms")
"""Metadata the builders do not make (see the module docstring)."""

Check = Callable[[Cassette], list[str]]


def message(vendor: str, **fields: Any) -> dict[str, Any]:
    """An expected Message as `Message.to_dict()` writes it; unnamed fields are empty."""
    base = Message(vendor=vendor).to_dict()
    unknown = set(fields) - {f.name for f in dataclasses.fields(Message)}
    if unknown:
        raise SystemExit(f"unknown Message fields {sorted(unknown)}")
    return {**base, **fields}


def cassette(
    *,
    vendor: str,
    name: str,
    description: str,
    features: list[str],
    source: list[str],
    uri: str,
    request_headers: dict[str, list[str]],
    request_body: str | None,
    response_headers: dict[str, list[str]],
    body: bytes,
    expected: dict[str, Any],
    status: int = 200,
    method: str = "POST",
) -> Cassette:
    return Cassette(
        path=None,
        vendor=vendor,
        scenario=name,
        method=method,
        uri=uri,
        request_headers=request_headers,
        request_body=request_body,
        status=status,
        response_headers=response_headers,
        body=body,
        metadata={
            "vendor": vendor,
            "scenario": name,
            "description": description,
            "features": features,
            "source": source,
            "provenance": "hand",
            "expected": expected,
        },
    )


@dataclass(frozen=True)
class Scenario:
    """One cassette whose body is held literally as text, with its request as JSON data."""

    name: str
    description: str
    features: list[str]
    source: list[str]
    request: dict[str, Any]
    headers: dict[str, list[str]]
    """The response headers."""
    body: str
    expected: dict[str, Any]
    status: int = 200
    method: str = "POST"
    uri: str | None = None
    """Defaults to the builder's URI."""


def scenario_cassettes(
    vendor: str,
    uri: str,
    scenarios: Sequence[Scenario],
    request_headers: Callable[[str], dict[str, list[str]]],
) -> list[Cassette]:
    """The scenarios as cassettes: a POST's request is compact JSON, its headers made for it."""
    out = []
    for s in scenarios:
        request_body = json.dumps(s.request, separators=(",", ":")) if s.method == "POST" else None
        out.append(
            cassette(
                vendor=vendor,
                name=s.name,
                description=s.description,
                features=s.features,
                source=s.source,
                uri=s.uri or uri,
                request_headers=request_headers(request_body or ""),
                request_body=request_body,
                response_headers=s.headers,
                body=s.body.encode("utf-8"),
                expected=s.expected,
                status=s.status,
                method=s.method,
            )
        )
    return out


def lf_only(cassette: Cassette) -> list[str]:
    """The check for vendors that end every line with LF alone."""
    return ["this vendor ends lines with LF only"] if b"\r" in cassette.body else []


def verify(cassette: Cassette, extra: Check | None = None) -> list[str]:
    """Everything wrong with a built cassette (empty: fine to write)."""
    vendor, body = cassette.vendor, cassette.body
    expected = Message.from_dict(cassette.metadata["expected"])
    problems = []
    if expected.to_dict() != cassette.metadata["expected"]:
        problems.append("the expected Message does not round-trip through Message.from_dict")
    rng = random.Random(len(body))
    splits = [("whole", [body]), ("byte by byte", [body[i : i + 1] for i in range(len(body))])]
    for n in range(3):
        cuts = rng.sample(range(1, max(len(body), 2)), k=min(len(body) - 1, 12))
        splits.append((f"random split {n}", split_at(body, cuts)))
    for label, chunks in splits:
        try:
            got = conformance.parse(vendor, chunks)
        except StreamError as exc:
            problems.append(f"{label}: {type(exc).__name__}: {exc}")
            continue
        if got != expected:
            mine, theirs = got.to_dict(), expected.to_dict()
            diffs = [
                f"{k}: parsed {mine.get(k)!r} != expected {theirs.get(k)!r}"
                for k in {**mine, **theirs}
                if mine.get(k) != theirs.get(k)
            ]
            problems.append(f"{label}: " + "; ".join(diffs))
    if cassette.status == 200:  # an error status's body is the vendor's error document, not a stream
        try:
            violations = check_body(vendor, body)
        except StreamError as exc:
            violations = []
            problems.append(f"schema check: {type(exc).__name__}: {exc}")
        if violations:
            problems.append(describe(violations))
    unknown = set(cassette.metadata["features"]) - FEATURES
    if unknown:
        problems.append(f"unknown features {sorted(unknown)}")
    secrets = {
        h for h in cassette.request_headers if h.lower() in SECRET_HEADERS or h.lower().startswith("x-amz-")
    }
    if secrets:
        problems.append(f"credential headers in the request: {sorted(secrets)}")
    leaked = {h for h in cassette.response_headers if h.lower() in SECRET_HEADERS}
    if leaked:
        problems.append(f"credential headers in the response: {sorted(leaked)}")
    if extra is not None:
        problems += extra(cassette)
    return problems


def with_timings_on_disk(built: Cassette, path: Path) -> Cassette:
    """`built` plus the chunk timings of the file at `path`, when it holds the same body."""
    if not path.exists():
        return built
    on_disk = load_cassette(path)
    timings = {k: v for k, v in on_disk.metadata.items() if k in TIMING_KEYS}
    if on_disk.body != built.body or not timings:
        return built
    return dataclasses.replace(built, metadata={**built.metadata, **timings})


def main(
    vendor: str,
    cassettes: Sequence[Cassette],
    *,
    doc: str | None,
    extra: Check | None = None,
) -> int:
    """`python dev/build_cassettes_<vendor>.py [--check]`: verify, then write (or compare)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    ap.add_argument("--check", action="store_true", help="verify the scenarios and the files; write nothing")
    args = ap.parse_args()
    out = ROOT / "cassettes" / vendor
    names = [c.scenario for c in cassettes]
    if len(set(names)) != len(names):
        raise SystemExit(f"duplicate scenario names in {vendor}")
    found = {built.scenario: verify(built, extra) for built in cassettes}
    failed = any(found.values())
    for built in cassettes:
        problems = found[built.scenario]
        path = out / f"{built.scenario}.yaml"
        if problems:
            print(f"FAIL {built.id}:", *problems, sep="\n  ", file=sys.stderr)
            continue
        built = with_timings_on_disk(built, path)
        if args.check:
            same = path.exists() and path.read_text(encoding="utf-8") == dump_cassette(built)
            failed |= not same
            print(f"{'ok  ' if same else 'STALE'} {path.relative_to(ROOT)}")
        elif not failed:
            save_cassette(built, path)
            print(f"wrote {path.relative_to(ROOT)} ({len(built.body)} byte body)")
    if failed:
        print(f"some {vendor} cassettes are wrong or stale; nothing was written", file=sys.stderr)
    return 1 if failed else 0
