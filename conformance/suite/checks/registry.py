"""The registry of checks: one `Check` entry each, carrying its id, test name, fields, summary,
where it applies and how it runs. `AdapterSuite`'s test methods, the matrix columns and the
docs table come from `CHECKS`, so adding a check is one entry here."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass

from conformance.formats.cassettes import Cassette
from conformance.generate.cases import is_generated
from conformance.suite.bodies import (
    canonical_body,
    keepalive_bodies,
    line_ending_bodies,
    mid_stream_bodies,
    truncated_bodies,
)
from conformance.suite.checks.body_checks import (
    check_expected,
    check_keepalive,
    check_line_endings,
    check_request,
    check_split,
    check_truncated_end,
    check_truncated_mid,
)
from conformance.suite.checks.error_classes import check_error_class, has_incomplete_body
from conformance.suite.checks.generated import carries_signatures, check_generated, has_content
from conformance.suite.checks.judging import Case
from conformance.suite.checks.snapshots import check_incremental, check_liveness
from conformance.suite.checks.target import Target
from conformance.suite.checks.vocabulary import (
    COMPARED_FIELDS,
    FEATURE_FIELD_CHECKS,
    FIELD_CHECKS,
)
from conformance.suite.liveness import LIVE_FIELDS


def _has_expected(cassette: Cassette) -> bool:
    return cassette.expected is not None


def _always(cassette: Cassette) -> bool:
    return True


@dataclass(frozen=True)
class Check:
    """One check: its stable id (reports use it), its pytest test name, the fields it can fail
    on, what it asserts, where it applies and how it runs. Adding a check is one entry in `CHECKS`."""

    id: str
    test_name: str
    fields: tuple[str, ...]
    summary: str
    applies: Callable[[Cassette], bool]
    run: Callable[[Target, Case], None]
    asserts: str = ""
    """What it asserts, for the docs' table of checks (`checks_table`)."""
    runs_on: str = ""
    """Which cassettes it runs on, for the same table."""


CHECKS = (
    Check(
        "whole",
        "test_whole_body",
        COMPARED_FIELDS,
        "the body in one chunk gives the expected Message (the fields no other check owns)",
        _has_expected,
        check_expected,
        asserts=(
            "the body in one chunk gives the expected `refusal`, `error` and `complete` (the fields "
            "no other check owns)"
        ),
        runs_on="an expected message",
    ),
    Check(
        "split",
        "test_split_invariance",
        COMPARED_FIELDS,
        "any chunking gives what the body in one chunk gives",
        _always,
        check_split,
        asserts=(
            "any Hypothesis chunking (1-byte, inside UTF-8, CR│LF…), and the recorded chunks, give "
            "what the body in one chunk gives"
        ),
        runs_on="every cassette",
    ),
    Check(
        "tool_args",
        "test_tool_calls",
        FIELD_CHECKS["tool_args"],
        "tool-call ids, names and parsed arguments, parallel calls kept apart",
        _has_expected,
        check_expected,
        asserts="tool-call ids, names, parsed arguments, parallel calls kept apart",
        runs_on="an expected message",
    ),
    Check(
        "text",
        "test_text",
        FIELD_CHECKS["text"],
        "text concatenated in order, nothing lost or doubled",
        _has_expected,
        check_expected,
        asserts="concatenated text, nothing lost or doubled",
        runs_on="an expected message",
    ),
    Check(
        "reasoning",
        "test_reasoning",
        FIELD_CHECKS["reasoning"],
        "reasoning text, in order",
        _has_expected,
        check_expected,
        asserts="concatenated reasoning, nothing lost or doubled",
        runs_on="an expected message",
    ),
    Check(
        "usage",
        "test_usage",
        FIELD_CHECKS["usage"],
        "usage as the vendor reported it last",
        _has_expected,
        check_expected,
        asserts="usage as the vendor reported it last",
        runs_on="an expected message",
    ),
    Check(
        "stop_reason",
        "test_stop_reason",
        FIELD_CHECKS["stop_reason"],
        "normalized and vendor stop reasons",
        _has_expected,
        check_expected,
        asserts="normalized and vendor stop reasons",
        runs_on="an expected message",
    ),
    Check(
        "server_tools",
        "test_server_tools",
        FEATURE_FIELD_CHECKS["server_tools"],
        "calls the vendor ran itself and their results, kept apart from the client's tool calls",
        lambda c: c.expected is not None and "server_tools" in c.features,
        check_expected,
        asserts=(
            "calls the vendor ran itself (`server_tool_calls`) and their results "
            "(`server_tool_results`), kept apart from `tool_calls` (elsewhere `whole` owns these "
            "fields: invented ones fail it)"
        ),
        runs_on="`server_tools`",
    ),
    Check(
        "citations",
        "test_citations",
        FEATURE_FIELD_CHECKS["citations"],
        "citations as the vendor sent them, in order",
        lambda c: c.expected is not None and "citations" in c.features,
        check_expected,
        asserts="`citations` as the vendor sent them, in order",
        runs_on="`citations`",
    ),
    Check(
        "error",
        "test_error_surfaces",
        ("error", "complete"),
        "a mid-stream error surfaces as `error` (or a typed exception), not as a clean finish",
        lambda c: c.expected is not None and "error" in c.features,
        check_expected,
        asserts=(
            "a mid-stream error surfaces as `error` (or a typed exception), not a clean finish (owns "
            "`error` and `complete` there)"
        ),
        runs_on="`error`",
    ),
    Check(
        "truncated_end",
        "test_truncated_is_incomplete",
        ("complete",),
        "a body cut before its terminator, even just before it, gives complete: false (or a typed exception)",
        lambda c: bool(truncated_bodies(c)),
        check_truncated_end,
        asserts=(
            "a body cut before its terminator — even just before it, after the stop reason arrived — "
            "gives `complete: false` (or a typed exception)"
        ),
        runs_on="`truncated`, and every complete body cut short",
    ),
    Check(
        "truncated_mid",
        "test_truncated_mid_stream_is_no_normal_stop",
        ("stop_reason",),
        "a body cut before the vendor's stop reason does not read as a normal stop",
        lambda c: bool(mid_stream_bodies(c)),
        check_truncated_mid,
        asserts=(
            "a body cut before the vendor's stop reason does not read as a normal stop "
            "(`stop_reason` is not `stop`, `length`, `tool_calls` or `content_filter`)"
        ),
        runs_on="`truncated`, and complete bodies cut mid-stream",
    ),
    Check(
        "keepalive",
        "test_keepalive_changes_nothing",
        COMPARED_FIELDS,
        "comments, pings and keep-alive events change nothing",
        lambda c: any(body != canonical_body(c) for _, body in keepalive_bodies(c)),
        check_keepalive,
        asserts=(
            "the body with its recorded keep-alives, and with SSE comments (`: keep-alive`, then a "
            "bare `:`) and vendor pings before every event, gives what the canonical body gives"
        ),
        runs_on="every SSE body",
    ),
    Check(
        "line_endings",
        "test_line_endings",
        COMPARED_FIELDS,
        "an LF body with CRLF or lone-CR line endings gives the same Message",
        lambda c: bool(line_ending_bodies(c)),
        check_line_endings,
        asserts=(
            "the body with its recorded line endings, and with CRLF and lone-CR ones, gives what the "
            "LF body gives"
        ),
        runs_on="every SSE body",
    ),
    Check(
        "incremental",
        "test_snapshots_grow",
        COMPARED_FIELDS,
        "parse_incremental snapshots only grow and end at what parse gives",
        _always,
        check_incremental,
        asserts="`parse_incremental` snapshots only grow and end at what `parse` gives",
        runs_on="every cassette, if you define it",
    ),
    Check(
        "liveness",
        "test_content_arrives_live",
        LIVE_FIELDS,
        "parse_incremental shows each piece of content within a chunk of its arrival, not at the end",
        has_content,
        check_liveness,
        asserts=(
            "`parse_incremental` shows each piece of text, reasoning, refusal, each tool call's "
            "start and its arguments within one chunk of the chunk that completed it (the body fed "
            'one event per chunk), not only when the terminator comes; fails with "it buffers to the '
            'end" or "lags the stream by more than one chunk"'
        ),
        runs_on=(
            "every complete cassette with content, if you define `parse_incremental`; a batch-only "
            'parser declares `unsupported = {"liveness"}`'
        ),
    ),
    Check(
        "signatures",
        "test_signatures_kept",
        FIELD_CHECKS["signatures"],
        "reasoning signatures / encrypted content kept byte for byte, on the right block or call",
        carries_signatures,
        check_expected,
        asserts=(
            "each reasoning block's signature / redacted data / encrypted content, and a Gemini "
            "call's `thoughtSignature`, kept byte for byte where it belongs, none invented; no other "
            "check compares them"
        ),
        runs_on=(
            "cassettes whose expected message carries one (Anthropic, Bedrock, Gemini, Vertex, "
            "Gemini Interactions, OpenAI Responses)"
        ),
    ),
    Check(
        "error_class",
        "test_error_class",
        ("error",),
        "where the parser raises for an error or a cut body, it raises the class error_classes declares",
        has_incomplete_body,
        check_error_class,
        asserts=(
            "where the parser raises for a body whose expected message is incomplete, the exception is "
            "an instance of the class `error_classes` declares for its cause: the error's type "
            "(`overloaded_error`), in client mode `http_<status>` / `http_error`, then `error`; "
            "`truncated` for a body cut short (the cassette's, or the truncation checks' cuts). A "
            "returned Message passes; no other check compares the class"
        ),
        runs_on=(
            "an error or a body cut short, if you declare `error_classes` (only the causes you declare)"
        ),
    ),
    Check(
        "generated",
        "test_generated",
        COMPARED_FIELDS,
        "messages drawn by Hypothesis, written as the vendor streams them and split anywhere, read back",
        is_generated,
        check_generated,
        asserts=(
            "messages Hypothesis draws (any Unicode text, reasoning, tool calls with arguments from "
            "all of JSON, usage, every stop reason, errors, cuts), written as the vendor streams "
            "them and split anywhere, read back to the message encoded (and through "
            "`parse_incremental`'s snapshots, if you define it); a failure shrinks to a small "
            "message and split and prints the stream"
        ),
        runs_on="the vendor's generated stand-in (`<vendor>/generated`): every vendor, nothing to record",
    ),
    Check(
        "request",
        "test_request_hits_the_cassette",
        (),
        "client mode: the client's request is what the vendor requires (method, path with any model)",
        _always,
        check_request,
        asserts=(
            "client mode: your real client, pointed at a loopback server that sends the body in "
            "Hypothesis-chosen pieces, sends what the vendor requires (the cassette's method; its "
            "path with any model, deployment, project or region; Gemini's `alt=sse`) and returns the "
            "expected message"
        ),
        runs_on="every cassette, if you define `request(self, base_url)`",
    ),
)
CHECK_IDS = tuple(check.id for check in CHECKS)
CHECKS_BY_ID = {check.id: check for check in CHECKS}
CHECKS_BY_TEST = {check.test_name: check for check in CHECKS}


def run_case(target: Target, case: Case) -> None:
    """Run one case; `CheckFailed` (its message says what broke) if the parser gets it wrong,
    `CheckSkipped` if another check reports what went wrong."""
    __tracebackhide__ = True
    if target.client is not None:  # client mode: every body of the case is served from the cassette
        target = dataclasses.replace(target, parse=functools.partial(target.client.fetch, case.cassette))
    CHECKS_BY_ID[case.check].run(target, case)


def checks_table() -> str:
    """The table of checks in docs/test-your-parser.md, made from `CHECKS` (a test holds the two
    equal): `python -m conformance.suite.checks` prints it."""
    rows = [f"| `{c.id}` | {c.asserts} | {c.runs_on} |" for c in CHECKS]
    return (
        "\n".join(["| check | what it asserts | runs on cassettes with |", "| --- | --- | --- |", *rows])
        + "\n"
    )
