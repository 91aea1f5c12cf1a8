"""What every `dev/build_cassettes_<vendor>.py` of issue 6 shares: the scenario record, the
expected-message helper, the checks a body must pass before it is written, and `main`.

A builder holds its bodies literally (byte for byte as the vendor sends them) and calls
`main(VENDOR, URI, SCENARIOS, request_headers)`. Before anything is written, each body is
parsed whole and byte by byte and must give the hand-written expected Message, and every
event must validate against the vendor's schemas; otherwise nothing is written and the
differences are printed. `--check` runs the checks only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import conformance
from conformance.cassettes import Cassette, save_cassette
from conformance.message import Message
from conformance.schemas import check_body

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    features: list[str]
    source: list[str]
    request: dict[str, Any]
    headers: dict[str, list[str]]
    body: str
    expected: dict[str, Any]
    status: int = 200
    method: str = "POST"
    uri: str | None = None
    """Defaults to the builder's URI."""
    line_end: str = "\n"


def message(vendor: str, **fields: Any) -> dict[str, Any]:
    """An expected Message as `Message.to_dict()` gives it (defaults: empty, incomplete)."""
    out: dict[str, Any] = {
        "vendor": vendor,
        "text": "",
        "reasoning": "",
        "refusal": "",
        "tool_calls": [],
        "stop_reason": None,
        "vendor_stop_reason": None,
        "usage": None,
        "error": None,
        "complete": False,
    }
    unknown = set(fields) - set(out)
    if unknown:
        raise ValueError(f"unknown Message fields {sorted(unknown)}")
    out.update(fields)
    return out


def cassette(
    vendor: str, uri: str, scenario: Scenario, headers: Callable[[str], dict[str, list[str]]]
) -> Cassette:
    request_body = json.dumps(scenario.request, separators=(",", ":")) if scenario.method == "POST" else None
    return Cassette(
        path=None,
        vendor=vendor,
        scenario=scenario.name,
        method=scenario.method,
        uri=scenario.uri or uri,
        request_headers=headers(request_body or ""),
        request_body=request_body,
        status=scenario.status,
        response_headers=scenario.headers,
        body=scenario.body.encode("utf-8"),
        metadata={
            "vendor": vendor,
            "scenario": scenario.name,
            "description": scenario.description,
            "features": scenario.features,
            "source": scenario.source,
            "expected": scenario.expected,
        },
    )


def problems(vendor: str, scenario: Scenario) -> list[str]:
    """Why the scenario must not be written (empty when it is right)."""
    body = scenario.body.encode("utf-8")
    expected = Message.from_dict(scenario.expected)
    found = []
    if expected.to_dict() != scenario.expected:
        found.append("the expected Message does not round-trip through Message.from_dict")
    for label, chunks in (("whole", [body]), ("byte by byte", [body[i : i + 1] for i in range(len(body))])):
        got = conformance.parse(vendor, chunks)
        if got != expected:
            got_json, expected_json = got.to_json(indent=None), expected.to_json(indent=None)
            found.append(f"parsed {label}:\n  got      {got_json}\n  expected {expected_json}")
    if scenario.status == 200:
        found += [str(v) for v in check_body(vendor, body)]
    if scenario.line_end == "\n" and "\r" in scenario.body:
        found.append("this vendor ends lines with LF only")
    if "authorization" in {k.lower() for k in scenario.headers} or "api-key" in {
        k.lower() for k in scenario.headers
    }:
        found.append("a credential header in the response headers")
    return found


def main(
    vendor: str,
    uri: str,
    scenarios: list[Scenario],
    request_headers: Callable[[str], dict[str, list[str]]],
    doc: str | None = None,
) -> int:
    ap = argparse.ArgumentParser(description=(doc or "").splitlines()[0] if doc else None)
    ap.add_argument("--check", action="store_true", help="check every scenario, write nothing")
    args = ap.parse_args()
    failed = False
    for scenario in scenarios:
        found = problems(vendor, scenario)
        if found:
            failed = True
            print(f"{vendor}/{scenario.name}: NOT written", file=sys.stderr)
            for p in found:
                print(f"  {p}", file=sys.stderr)
    if failed:
        return 1
    out = CASSETTES / vendor
    for scenario in scenarios:
        if not args.check:
            save_cassette(cassette(vendor, uri, scenario, request_headers), out / f"{scenario.name}.yaml")
        size = len(scenario.body.encode())
        print(f"{vendor}/{scenario.name}: {size} bytes, ok{'' if args.check else ', written'}")
    return 0
