"""The `generated` check: messages drawn by Hypothesis, written as the vendor streams them,
split anywhere, must read back to what was encoded."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from conformance.formats.cassettes import Cassette
from conformance.message import Message
from conformance.suite.checks.falsify import FoundExample, check_settings, objection
from conformance.suite.checks.judging import Case, check_named, failure, fields_for, judge_expected
from conformance.suite.checks.snapshots import snapshot_problem
from conformance.suite.checks.target import Target, run_incremental, run_parser
from conformance.suite.checks.vocabulary import SIGNATURE_FIELDS, Problem
from conformance.suite.diff import (
    clip,
    describe_chunking,
    project,
)
from conformance.suite.liveness import LIVE_FIELDS
from conformance.suite.strategies import chunkings


def carries_signatures(cassette: Cassette) -> bool:
    """Whether the cassette's expected message has a signature (on a reasoning block or a call)."""
    expected = cassette.expected
    return expected is not None and (
        bool(expected.signatures) or any(call.signature is not None for call in expected.tool_calls)
    )


def has_content(cassette: Cassette) -> bool:
    """A complete expected message with something to show while streaming."""
    expected = cassette.expected
    return (
        expected is not None and expected.complete and any(project(expected.to_dict(), LIVE_FIELDS).values())
    )


def check_generated(target: Target, case: Case) -> None:
    """Messages drawn by Hypothesis, encoded as the vendor streams them and split anywhere: the
    parser must return the message that was encoded (on the fields it claims, after the
    suite's declared differences), and its snapshots, if it gives them, only grow and end at
    that message. What the suite declares unsupported is not drawn."""
    __tracebackhide__ = True
    from conformance.generate import encode_stream
    from conformance.generate.strategies import fragmentations, messages

    vendor = case.cassette.vendor
    # Signatures are the `signatures` check's alone (one cause, one failure), here as on cassettes.
    fields = tuple(
        f for f in fields_for(target, check_named("generated"), case.cassette) if f not in SIGNATURE_FIELDS
    )
    without: frozenset[str] = frozenset(
        name for name in ("reasoning", "tool_calls", "refusal", "complete") if name in target.masked
    )
    if target.unsupported & {"truncated", "truncated_end"}:  # it cannot tell a stream cut short
        without |= {"complete"}

    drawn_messages = messages(vendor, without=without)

    @st.composite
    def streams(draw: st.DrawFn) -> tuple[Message, bytes, list[bytes], list[str]]:
        message = draw(drawn_messages)
        # Comment blocks are the `keepalive` check's (one cause, one check).
        fragmentation = draw(fragmentations(message, comments=False))
        body = encode_stream(vendor, message, fragmentation)
        return message, body, draw(chunkings(body)), fragmentation.wire_shapes()

    found: list[tuple[Message, bytes, list[bytes], list[str], Problem, BaseException | None]] = []

    def judge(message: Message, chunks: list[bytes]) -> Problem | None:
        expected = message.to_dict()
        problem = judge_expected(target, run_parser(target, chunks), expected, fields)
        if problem is not None or target.parse_incremental is None:
            return problem
        snapshots, outcome = run_incremental(target, chunks)  # and the snapshots, where it gives them
        for i, (a, b) in enumerate(pairwise(snapshots)):
            why = snapshot_problem(a, b)
            if why is not None:
                return Problem(
                    why.field, [f"snapshot {i + 1} -> {i + 2} of {len(snapshots)}: {why.lines[0]}"]
                )
        last = judge_expected(target, outcome, expected, fields)
        return None if last is None else Problem(last.field, ["the last snapshot:", *last.lines])

    def prop(example: tuple[Message, bytes, list[bytes], list[str]]) -> None:
        message, body, chunks, shapes = example
        problem, cause = objection(lambda c: judge(message, c), chunks)
        if problem is not None:
            found.append((message, body, chunks, shapes, problem, cause))
            raise FoundExample

    prop._hypothesis_internal_add_digest = f"generated {target.label} {vendor}".encode()  # type: ignore[attr-defined]
    try:
        check_settings()(given(streams())(prop))()
    except FoundExample:
        message, body, chunks, shapes, problem, cause = found[
            -1
        ]  # Hypothesis replays the shrunk example last
        lines = [
            f"  message: {clip(message.to_json(indent=None), 400)}",
            f"  stream:  {clip(repr(body), 400)}",
            *([f"  wire:    {'; '.join(shapes)}"] if shapes else []),
            *describe_chunking(body, chunks),
            *problem.lines,
        ]
        raise failure(
            "generated",
            case.cassette,
            "a generated stream reads differently (message and split shrunk by Hypothesis)",
            Problem(problem.field, lines),
        ) from cause
