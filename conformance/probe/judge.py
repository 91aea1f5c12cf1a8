"""Judging one exchange with a server (sans-IO): what was sent and received in, findings out.

Checks run in layers, and a layer that fails leaves the layers above it *not judged*
rather than failed, so that one cause fails one check: a stream whose SSE framing is
broken is not also reported as breaking the schemas, the protocol and the SDK.

    http -> framing -> schema -> protocol -> scenario, sdk       (streamed scenarios)
    http(refusal) -> error_shape                                  (the invalid request)
    http -> framing -> cancel                                     (the hang-up)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.adapters import VendorEvent, make_adapter
from conformance.api import parse
from conformance.errors import FramingError, InvalidJSONError, LimitExceededError, StreamError
from conformance.message import Message
from conformance.probe.rules import breaches
from conformance.probe.scenarios import CANCEL, INVALID, STREAM, Scenario, family_of

CHECKS: dict[str, str] = {
    "http": "the status and content type a stream (or, for the invalid request, a refusal) needs",
    "framing": "the body decodes: SSE framing, UTF-8 and the JSON of every event",
    "schema": "every event matches the vendor's JSON schema",
    "protocol": "the vendor's protocol rules: order, indices, terminator, usage placement, one finish",
    "scenario": "the answer shows what the request asked for (text, tool calls, the stop reason)",
    "sdk": "the official SDK reads the stream to the same message as the kit",
    "error_shape": "the invalid request is refused with the vendor's error document",
    "cancel": "after the client hangs up, the server stops sending",
}
"""Check name -> what it proves, in report order."""

PASS, FAIL, SKIP = "pass", "fail", "skip"

CHECKS_BY_KIND: dict[str, tuple[str, ...]] = {
    STREAM: ("http", "framing", "schema", "protocol", "scenario", "sdk"),
    INVALID: ("http", "error_shape"),
    CANCEL: ("http", "framing", "cancel"),
}
"""Scenario kind -> the checks `judge` reports for it (each exactly once, in this order)."""

SSE_TYPE = "text/event-stream"

# Error documents, by vendor family (sources: the vendors' error pages, see scenarios.py).
ERROR_SHAPES: dict[str, tuple[str, ...]] = {
    "openai-chat": ("error.message",),
    "anthropic": ("type=error", "error.type", "error.message"),
}


@dataclass(frozen=True)
class CancelObservation:
    """What the probe saw around its hang-up (a half-close after the first text)."""

    hung_up: bool
    """False when the stream ended before any text arrived to hang up after."""
    events_before: int
    events_after: int
    bytes_after: int
    closed_after_ms: float | None
    """From the hang-up to the server closing the connection; None if it still sent at the end."""
    watched_ms: float
    """How long the probe kept watching after the hang-up."""
    terminated_after: bool
    """The stream's terminator arrived after the hang-up: the server finished the answer."""
    billed_output_tokens: int | None = None
    """Output tokens in usage the server sent after the hang-up, if it reported any."""
    tls: bool = False
    """Over TLS the probe cannot half-close, so it does not watch (the check is skipped)."""


@dataclass(frozen=True)
class Exchange:
    """One scenario sent to the server, and what came back (`wire` builds these)."""

    vendor: str
    scenario: Scenario
    request: Mapping[str, Any]
    url: str
    status: int | None
    """None: no HTTP answer at all (see `transport_error`)."""
    headers: Mapping[str, str] = field(default_factory=dict)
    """Response headers, names lower-cased (the last value of a repeated header)."""
    body: bytes = b""
    transport_error: str | None = None
    elapsed_ms: float = 0.0
    cancel: CancelObservation | None = None
    cancel_grace_ms: float = 1000.0


@dataclass(frozen=True)
class Finding:
    """One check of one scenario: pass, fail or skip (not judged / not applicable), and why."""

    scenario: str
    check: str
    outcome: str
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.outcome == FAIL

    def __str__(self) -> str:
        return f"{self.scenario} / {self.check}: {self.outcome}{': ' + self.detail if self.detail else ''}"


class _Findings:
    """Collects findings of one exchange; after a failure, later layers are not judged."""

    def __init__(self, scenario: str) -> None:
        self.scenario = scenario
        self.items: list[Finding] = []

    def add(self, check: str, problems: list[str], ok: str = "") -> bool:
        if problems:
            self.items.append(Finding(self.scenario, check, FAIL, "; ".join(problems)))
            return False
        self.items.append(Finding(self.scenario, check, PASS, ok))
        return True

    def skip(self, checks: tuple[str, ...], why: str) -> None:
        self.items.extend(Finding(self.scenario, c, SKIP, why) for c in checks)


def judge(exchange: Exchange) -> list[Finding]:
    """Every check that applies to this exchange's scenario, in `CHECKS` order."""
    kind = exchange.scenario.kind
    if kind == INVALID:
        return _judge_refusal(exchange)
    if kind == CANCEL:
        return _judge_cancel(exchange)
    if kind == STREAM:
        return _judge_stream(exchange)
    raise ValueError(f"unknown scenario kind {kind!r}")


STREAM_LAYERS = ("framing", "schema", "protocol", "scenario", "sdk")


def _http_problems(exchange: Exchange) -> list[str]:
    if exchange.status is None:
        return [f"no answer from {exchange.url}: {exchange.transport_error}"]
    if exchange.status != 200:
        return [f"status {exchange.status} (expected 200): {_snippet(exchange.body)}"]
    kind = exchange.headers.get("content-type", "")
    if not kind.lower().startswith(SSE_TYPE):
        return [f"content-type {kind or '(none)'!r}, not {SSE_TYPE}: SDKs read a stream only under that type"]
    return []


FRAMING_ERRORS = (FramingError, InvalidJSONError, LimitExceededError)
"""Errors of decoding (bytes, SSE, JSON, sizes); the adapter's other errors are about what an
event says, which the schema and protocol checks judge."""


def _decode(exchange: Exchange) -> tuple[list[VendorEvent] | None, str]:
    """The vendor events of the body (up to an event the adapter cannot read), or why not."""
    adapter = make_adapter(exchange.vendor, strict=False)
    adapter.vendor_events = []
    try:
        adapter.feed(exchange.body)
        adapter.close()
    except FRAMING_ERRORS as exc:
        return None, f"{type(exc).__name__}: {exc}"
    except StreamError:
        pass  # kept: the events so far, the offending one last
    return adapter.vendor_events, ""


def _judge_stream(exchange: Exchange) -> list[Finding]:
    found = _Findings(exchange.scenario.name)
    if not found.add("http", _http_problems(exchange)):
        found.skip(STREAM_LAYERS, "not judged: no stream to judge (see http)")
        return found.items
    events, why = _decode(exchange)
    if not found.add("framing", [why] if events is None else _tail_problems(exchange.body)) or events is None:
        found.skip(STREAM_LAYERS[1:], "not judged: the body does not decode (see framing)")
        return found.items
    if not found.add("schema", _schema_problems(exchange.vendor, events), f"{len(events)} events"):
        found.skip(STREAM_LAYERS[2:], "not judged: events off their schema (see schema)")
        return found.items
    message, strict_error = _read(exchange)
    problems = breaches(family_of(exchange.vendor), events, exchange.request)
    if strict_error:
        problems.insert(0, strict_error)
    protocol_ok = found.add("protocol", problems)
    if message is None:
        found.skip(("scenario", "sdk"), "not judged: the kit cannot read the stream even leniently")
        return found.items
    found.add(
        "scenario", _scenario_problems(exchange.scenario, message), _summary(exchange.scenario, message)
    )
    sdk = _sdk_finding(exchange, message)
    if sdk.failed and not protocol_ok:  # say where it most likely comes from
        sdk = Finding(
            sdk.scenario, sdk.check, sdk.outcome, sdk.detail + " (what the protocol breach does to the SDK)"
        )
    found.items.append(sdk)
    return found.items


def _tail_problems(body: bytes) -> list[str]:
    tail = body[-2:]
    if (
        body
        and tail not in (b"\n\n", b"\r\r")
        and not body.endswith(b"\r\n\r\n")
        and not body.endswith(b"\n\r\n")
    ):
        return ["the body does not end with a blank line: its last event is never dispatched by SSE readers"]
    return []


def _schema_problems(vendor: str, events: list[VendorEvent]) -> list[str]:
    from conformance.formats.schemas import check_events  # jsonschema loads only when a probe runs

    return [str(v) for v in check_events(vendor, events)[:3]]


def _read(exchange: Exchange) -> tuple[Message | None, str]:
    """The lenient message (None if even that fails) and the strict reading's error, if any."""
    strict_error = ""
    try:
        parse(exchange.vendor, [exchange.body])
    except StreamError as exc:
        strict_error = f"{type(exc).__name__}: {exc}"
    try:
        return parse(exchange.vendor, [exchange.body], strict=False), strict_error
    except StreamError:
        return None, strict_error


def _scenario_problems(scenario: Scenario, message: Message) -> list[str]:
    expect = scenario.expect
    out: list[str] = []
    if message.error is not None:
        out.append(
            f"the stream reports an error: {message.error.get('type')}: {message.error.get('message')}"
        )
    if expect.stop_reasons and message.stop_reason not in expect.stop_reasons:
        out.append(
            f"stop_reason {message.stop_reason!r} (vendor {message.vendor_stop_reason!r}); "
            f"expected {' or '.join(sorted(expect.stop_reasons))}"
        )
    if expect.text and not message.text:
        out.append("no answer text")
    calls = message.tool_calls
    if len(calls) < expect.tool_calls:
        out.append(f"{len(calls)} tool call(s), expected at least {expect.tool_calls}")
    for i, call in enumerate(calls):
        if not isinstance(call.arguments, dict):
            out.append(f"tool_calls[{i}].arguments is {call.arguments!r}, not a JSON object")
    if expect.distinct_calls and len(calls) > 1:
        ids = [c.id for c in calls]
        if len(set(ids)) != len(ids):
            out.append(f"tool calls share ids: {ids}")
    return out


def _summary(scenario: Scenario, message: Message) -> str:
    parts = [f"stop {message.stop_reason}"]
    if message.text:
        parts.append(f"{len(message.text)} chars of text")
    if message.tool_calls:
        parts.append(f"{len(message.tool_calls)} tool call(s)")
    if scenario.expect.distinct_calls and len(message.tool_calls) < 2:
        parts.append("the model made one call, so parallel calls were not exercised")
    return ", ".join(parts)


def _sdk_finding(exchange: Exchange, message: Message) -> Finding:
    from conformance.oracles import compare, oracle_for

    name = exchange.scenario.name
    try:
        oracle = oracle_for(exchange.vendor)
    except (KeyError, ImportError) as exc:
        return Finding(name, "sdk", SKIP, f"no official SDK oracle here: {exc}")
    theirs = oracle(exchange.body)
    sdk_error = theirs.get("sdk_error")
    if sdk_error and message.error is None:
        return Finding(name, "sdk", FAIL, f"the official SDK raised {sdk_error} where the kit read a message")
    differences = compare(message, theirs)
    if differences:
        return Finding(name, "sdk", FAIL, "the official SDK reads it differently: " + "; ".join(differences))
    return Finding(name, "sdk", PASS)


def _judge_refusal(exchange: Exchange) -> list[Finding]:
    found = _Findings(exchange.scenario.name)
    low, high = exchange.scenario.error_statuses
    if exchange.status is None:
        found.add("http", [f"no answer from {exchange.url}: {exchange.transport_error}"])
    elif not low <= exchange.status <= high:
        found.add("http", [f"status {exchange.status} for an invalid request (expected {low}-{high})"])
    else:
        found.add("http", [], f"status {exchange.status}")
        found.add("error_shape", _error_shape_problems(exchange))
        return found.items
    found.skip(("error_shape",), "not judged: no refusal to judge (see http)")
    return found.items


def _error_shape_problems(exchange: Exchange) -> list[str]:
    family = family_of(exchange.vendor)
    try:
        document = json.loads(exchange.body)
    except ValueError:
        return [f"the refusal is not JSON: {_snippet(exchange.body)}"]
    missing = [spec for spec in ERROR_SHAPES[family] if not _has(document, spec)]
    if missing:
        return [
            f"the refusal {_snippet(exchange.body)} lacks {', '.join(missing)} ({family}'s error document)"
        ]
    return []


def _has(document: Any, spec: str) -> bool:
    """`a.b` is a non-empty string at that path; `key=value` a key with that value."""
    if "=" in spec:
        key, value = spec.split("=", 1)
        return isinstance(document, dict) and document.get(key) == value
    for part in spec.split("."):
        if not isinstance(document, dict):
            return False
        document = document.get(part)
    return isinstance(document, str) and bool(document)


def _judge_cancel(exchange: Exchange) -> list[Finding]:
    found = _Findings(exchange.scenario.name)
    if not found.add("http", _http_problems(exchange)):
        found.skip(("framing", "cancel"), "not judged: no stream to hang up on (see http)")
        return found.items
    events, why = _decode(exchange)  # a body cut by the hang-up may end mid-event: not a framing fault
    if events is None:
        found.add("framing", [why])
        found.skip(("cancel",), "not judged: the body does not decode (see framing)")
        return found.items
    found.add("framing", [])
    found.items.append(_cancel_finding(exchange))
    return found.items


def _cancel_finding(exchange: Exchange) -> Finding:
    name, seen, grace = exchange.scenario.name, exchange.cancel, exchange.cancel_grace_ms
    if seen is None:
        return Finding(name, "cancel", SKIP, "not judged: no hang-up was attempted")
    if seen.tls:
        return Finding(
            name, "cancel", SKIP, "not judged over TLS (the probe cannot half-close it): probe the http port"
        )
    if not seen.hung_up:
        return Finding(name, "cancel", SKIP, "not judged: the stream ended before any text to hang up after")
    after = f"{seen.events_after} events / {seen.bytes_after} bytes after the hang-up"
    billed = (
        f"; billed {seen.billed_output_tokens} output tokens" if seen.billed_output_tokens is not None else ""
    )
    if seen.closed_after_ms is not None and seen.closed_after_ms <= grace and not seen.terminated_after:
        return Finding(
            name, "cancel", PASS, f"stopped {seen.closed_after_ms:.0f} ms after the hang-up ({after})"
        )
    if seen.terminated_after and (seen.closed_after_ms or seen.watched_ms) <= grace:
        return Finding(
            name,
            "cancel",
            SKIP,
            f"not judged: the answer ended {seen.closed_after_ms or seen.watched_ms:.0f} ms after "
            "the hang-up, "
            f"within the {grace:.0f} ms grace ({after}); ask for a longer answer",
        )
    how_long = (
        f"for {seen.closed_after_ms:.0f} ms"
        if seen.closed_after_ms is not None
        else f"for all {seen.watched_ms:.0f} ms watched"
    )
    return Finding(
        name,
        "cancel",
        FAIL,
        f"kept sending {how_long} after the client hung up ({after}{billed}): the server does not stop "
        "generating when its client goes away (uvicorn, Node and Go servers see the FIN at once)",
    )


def _snippet(body: bytes, limit: int = 120) -> str:
    text = body[:limit].decode("utf-8", "replace")
    return repr(text + ("…" if len(body) > limit else ""))
