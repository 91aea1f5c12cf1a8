"""Shared plumbing of the cassette builders for bedrock-converse, ollama, cohere,
gemini-interactions and vertex (`dev/build_cassettes_<vendor>.py`): the expected-Message
helper, the checks every built cassette must pass before it is written, and the
`--check` / write command line.

Checks: the body parses to the hand-written expected Message whole, byte by byte and in a
few fixed-seed random splits; every vendor event validates against `schemas/<vendor>/`;
the features are in the shared vocabulary; the request carries no credentials.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import conformance
from conformance.cassettes import Cassette, dump_cassette, save_cassette
from conformance.errors import StreamError
from conformance.message import Message
from conformance.schemas import check_body, describe
from conformance.strategies import split_at

ROOT = Path(__file__).resolve().parents[1]

FEATURES = {
    "text", "reasoning", "tool_calls", "parallel_tool_calls", "usage", "error",
    "truncated", "keepalive", "non_ascii", "refusal", "content_filter",
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


def message(vendor: str, **fields: Any) -> dict[str, Any]:
    """An expected Message as `Message.to_dict()` writes it; unnamed fields are empty."""
    base = Message(vendor=vendor).to_dict()
    unknown = set(fields) - set(base)
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
    request_body: str,
    response_headers: dict[str, list[str]],
    body: bytes,
    expected: dict[str, Any],
    status: int = 200,
) -> Cassette:
    return Cassette(
        path=None,
        vendor=vendor,
        scenario=name,
        method="POST",
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
            "expected": expected,
        },
    )


def verify(cassette: Cassette, extra: Callable[[Cassette], list[str]] | None = None) -> list[str]:
    """Everything wrong with a built cassette (empty: fine to write)."""
    vendor, body = cassette.vendor, cassette.body
    expected = Message.from_dict(cassette.metadata["expected"])
    problems = []
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
                f"{k}: parsed {mine[k]!r} != expected {theirs[k]!r}" for k in mine if mine[k] != theirs[k]
            ]
            problems.append(f"{label}: " + "; ".join(diffs))
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
    if extra is not None:
        problems += extra(cassette)
    return problems


def main(
    vendor: str,
    cassettes: Sequence[Cassette],
    *,
    doc: str | None,
    extra: Callable[[Cassette], list[str]] | None = None,
) -> int:
    """`python dev/build_cassettes_<vendor>.py [--check]`: verify, then write (or compare)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    ap.add_argument("--check", action="store_true", help="verify the scenarios and the files; write nothing")
    args = ap.parse_args()
    out = ROOT / "cassettes" / vendor
    failed = False
    names = [c.scenario for c in cassettes]
    if len(set(names)) != len(names):
        raise SystemExit(f"duplicate scenario names in {vendor}")
    for built in cassettes:
        problems = verify(built, extra)
        path = out / f"{built.scenario}.yaml"
        if problems:
            failed = True
            print(f"FAIL {built.id}:", *problems, sep="\n  ", file=sys.stderr)
        elif args.check:
            same = path.exists() and path.read_text(encoding="utf-8") == dump_cassette(built)
            failed |= not same
            print(f"{'ok  ' if same else 'STALE'} {path.relative_to(ROOT)}")
        else:
            save_cassette(built, path)
            print(f"wrote {path.relative_to(ROOT)} ({len(built.body)} byte body)")
    if failed:
        print(f"some {vendor} cassettes are wrong or stale; nothing wrong was written", file=sys.stderr)
    return 1 if failed else 0
