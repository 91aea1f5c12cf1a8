"""The checks on `parse_incremental`'s snapshots: they only grow (`incremental`) and show
content while the stream still runs (`liveness`)."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from conformance.suite.bodies import (
    canonical_body,
)
from conformance.suite.checks.falsify import falsify
from conformance.suite.checks.judging import (
    Case,
    check_named,
    expected_of,
    failure,
    fields_for,
    judge_same,
    own_outcome,
)
from conformance.suite.checks.target import Target, as_message_dict, run_incremental
from conformance.suite.checks.vocabulary import CheckFailed, Problem
from conformance.suite.diff import (
    clip,
    count_chunks,
    describe_chunking,
    show,
)
from conformance.suite.liveness import WatchedChunks, liveness_problem
from conformance.suite.strategies import chunkings


def grows(before: Any, after: Any) -> bool:
    """Whether `after` can be a later snapshot of the partial JSON value `before`."""
    if before is None:
        return True
    if isinstance(before, str):
        return isinstance(after, str) and after.startswith(before)
    # The value being streamed is the last member or element. When it is a number it may vanish
    # for a snapshot: `6`, then `6.` or `6.7e`, is no number yet, and jiter's partial mode (what
    # the official SDKs re-run) leaves it out until it is one again.
    if isinstance(before, Mapping):
        last = next(reversed(before), None)
        return isinstance(after, Mapping) and all(
            grows(v, after[k]) if k in after else k == last and _is_number(v) for k, v in before.items()
        )
    if isinstance(before, list):
        if isinstance(after, list) and len(after) == len(before) - 1 and _is_number(before[-1]):
            before = before[:-1]
        return isinstance(after, list) and len(after) >= len(before) and all(map(grows, before, after))
    if isinstance(before, bool) or isinstance(after, bool):
        return type(before) is type(after) and before == after
    if isinstance(before, (int, float)) and isinstance(after, (int, float)):
        # A number still streaming: its text grew. An exponent changes the value's scale as it
        # streams (`6.38e+1` is 63.8, then `6.38e+16`), so compare the significant digits too.
        return (
            bool(before == after)
            or str(after).startswith(str(before))
            or ((before < 0) == (after < 0) and _digits(after).startswith(_digits(before)))
            or _rounded_prefix(before, after)
        )
    return bool(before == after)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _rounded_prefix(before: float, after: float) -> bool:
    """Whether a prefix of `after`'s digits, at `before`'s scale, reads as `before`: a number
    cut after more digits than a float holds (`5.6438201559353416`, then `e+16`) reads as
    the float nearest to it (`5.643820155935342`), whose digits are no prefix of `after`'s."""
    if isinstance(before, bool) or not before or (before < 0) != (after < 0):
        return False
    digits, exponent = _digits(after), int(f"{before:e}".partition("e")[2])
    sign = "-" if before < 0 else ""
    return any(
        float(f"{sign}{digits[0]}.{digits[1:k]}e{scale}") == before
        for k in range(len(_digits(before)), len(digits) + 1)
        for scale in (exponent, exponent - 1)  # `9.99…` may read as `10.0`
    )


def _digits(number: float) -> str:
    """The significant digits of a number's shortest form: `6.38e+16` and `63.8` give `638`."""
    mantissa = repr(number).lower().partition("e")[0]
    return mantissa.replace("-", "").replace(".", "").strip("0") or "0"


def snapshot_problem(before: Mapping[str, Any], after: Mapping[str, Any]) -> Problem | None:
    """Why `after` cannot follow `before` in a stream of snapshots (None: it can)."""
    for name in ("text", "reasoning", "refusal"):
        if not str(after[name]).startswith(str(before[name])):
            return Problem(name, [f"{name} shrank or changed: {show(before[name])} -> {show(after[name])}"])
    calls_before, calls_after = before["tool_calls"], after["tool_calls"]
    if len(calls_after) < len(calls_before):
        return Problem("tool_calls", [f"tool calls went from {len(calls_before)} to {len(calls_after)}"])
    for i, (a, b) in enumerate(zip(calls_before, calls_after, strict=False)):
        for key in ("id", "name"):
            if a[key] is not None and a[key] != b[key]:
                return Problem(
                    f"tool_calls[{i}].{key}",
                    [f"tool_calls[{i}].{key} changed: {show(a[key])} -> {show(b[key])}"],
                )
        if not grows(a["arguments"], b["arguments"]):
            return Problem(
                f"tool_calls[{i}].arguments",
                [f"tool_calls[{i}].arguments did not grow: {show(a['arguments'])} -> {show(b['arguments'])}"],
            )
    if before["error"] is not None and after["error"] is None:
        return Problem("error", ["an error disappeared"])
    return None


def check_incremental(target: Target, case: Case) -> None:
    """Snapshots only grow, and the last one is what `parse` gives for the body in one chunk."""
    __tracebackhide__ = True
    cassette = case.cassette
    body = canonical_body(cassette)
    fields = fields_for(target, check_named("incremental"), cassette)
    own = own_outcome(target, case)

    def problem(chunks: list[bytes]) -> Problem | None:
        snapshots, outcome = run_incremental(target, chunks)
        for i, (a, b) in enumerate(pairwise(snapshots)):
            why = snapshot_problem(a, b)
            if why is not None:
                return Problem(
                    why.field, [f"snapshot {i + 1} -> {i + 2} of {len(snapshots)}: {why.lines[0]}"]
                )
        if outcome.message is None and outcome.error is None:
            return Problem("snapshots", ["parse_incremental yielded no snapshot"])
        found = judge_same(target, own, outcome, fields)
        return (
            None
            if found is None
            else Problem(found.field, ["the last snapshot is not what parse gives:", *found.lines])
        )

    found = falsify(chunkings(body), problem, key=f"incremental {target.label} {cassette.id}")
    if found is not None:
        chunks, lines, cause = found
        raise failure(
            "incremental",
            cassette,
            f"snapshots went wrong over {count_chunks(chunks)} (shrunk by Hypothesis)",
            Problem(lines.field, [*describe_chunking(body, chunks), *lines.lines]),
        ) from cause


def check_liveness(target: Target, case: Case) -> None:
    """Each piece of content shows in a snapshot within a chunk of the one completing it
    (`conformance.suite.liveness`), not only when the terminator comes."""
    __tracebackhide__ = True
    cassette = case.cassette
    expected = expected_of(cassette)
    assert target.parse_incremental is not None and expected is not None
    parse_incremental = target.parse_incremental
    declared, vendor = target.declared, target.vendor

    def snapshots_of(chunks: WatchedChunks) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        try:
            for snapshot in parse_incremental(chunks):
                chunks.observe(snapshot)
                out.append(as_message_dict(snapshot, vendor))
        except CheckFailed:
            raise
        except target.typed_errors:
            return []  # giving up on a complete body is `incremental`'s to report
        except Exception as exc:
            raise CheckFailed(
                f"parse_incremental raised {type(exc).__name__}: {clip(str(exc), 200)}",
                f"raised {type(exc).__name__}",
            ) from exc
        return [declared.got(snapshot, vendor) for snapshot in out]

    def convert(snapshot: Any) -> Any:
        return declared.got(as_message_dict(snapshot, vendor), vendor)

    fields = fields_for(target, check_named("liveness"), cassette)
    wanted = declared.expected(dict(expected), vendor)
    problem = liveness_problem(snapshots_of, cassette, wanted, convert, fields)
    if problem is not None:
        raise failure("liveness", cassette, problem.headline, Problem(problem.field, problem.lines))
