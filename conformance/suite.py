"""The conformance checks as plain code, and `AdapterSuite`, the test class users subclass.

Strategy: a *case* is one check on one cassette. `cases_for(suite, cassettes)` says which
checks apply to which cassettes (from the cassette's `features`, see `CHECKS`) and which
the suite does not claim (its `unsupported` set); `run_case(target, case)` runs one and
raises `CheckFailed` with a message of a few lines: the cassette, the chunking that broke
it (shrunk by Hypothesis), the first field that differs, expected vs got. Nothing here
needs pytest: `plugin.py` turns cases into test ids, `conformance check` runs them
directly (`run_suite`).

What a parser under test may do: return a `Message` (or a dict in `Message.to_dict()`
form) for every body; for a body whose expected message is incomplete (an error event, a
truncated body) it may instead raise one of the suite's `typed_errors` (default: the kit's
`ConformanceError` family), and any check on that body accepts the raise. Any other
exception is a failure that shows the parser's traceback.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import importlib.util
import inspect
import json
import os
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any, ClassVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.api import parse as reference_parse
from conformance.api import snapshots as reference_snapshots
from conformance.api import vendors as known_vendors
from conformance.cassettes import Cassette, bundled_cassette_dir, load_cassettes
from conformance.errors import ConformanceError, StreamError
from conformance.framing.sse import SSEDecoder
from conformance.message import Message
from conformance.strategies import chunkings

# -- vocabulary -------------------------------------------------------------------------------

FEATURES = frozenset(
    {
        "text",
        "reasoning",
        "tool_calls",
        "parallel_tool_calls",
        "usage",
        "error",
        "truncated",
        "keepalive",
        "non_ascii",
        "refusal",
        "content_filter",
    }
)
"""What a cassette's `features` may name: what a parser must support for it."""

COMPARED_FIELDS = tuple(f.name for f in dataclasses.fields(Message) if f.name != "vendor")
"""`Message` fields the checks compare (`vendor` names the adapter, not the stream)."""


@dataclass(frozen=True)
class Check:
    """One check: its stable id (reports use it), its pytest test name, what it compares."""

    id: str
    test_name: str
    fields: tuple[str, ...]
    features: frozenset[str]
    """The check applies to cassettes exercising any of these (empty: see `applies`)."""
    summary: str


CHECKS = (
    Check(
        "whole",
        "test_whole_body",
        COMPARED_FIELDS,
        frozenset(),
        "the body in one chunk gives the expected Message",
    ),
    Check(
        "split", "test_split_invariance", COMPARED_FIELDS, frozenset(), "any chunking gives the same Message"
    ),
    Check(
        "tool_args",
        "test_tool_calls",
        ("tool_calls",),
        frozenset({"tool_calls", "parallel_tool_calls"}),
        "tool-call ids, names and parsed arguments, parallel calls kept apart",
    ),
    Check(
        "text",
        "test_text",
        ("text",),
        frozenset({"text"}),
        "text concatenated in order, nothing lost or doubled",
    ),
    Check(
        "reasoning", "test_reasoning", ("reasoning",), frozenset({"reasoning"}), "reasoning text, in order"
    ),
    Check("usage", "test_usage", ("usage",), frozenset({"usage"}), "usage as the vendor reported it last"),
    Check(
        "stop_reason",
        "test_stop_reason",
        ("stop_reason", "vendor_stop_reason"),
        frozenset(),
        "normalized and vendor stop reasons",
    ),
    Check(
        "error",
        "test_error_surfaces",
        ("error", "stop_reason", "complete"),
        frozenset({"error"}),
        "a mid-stream error surfaces as `error` (or a typed exception), not as a clean finish",
    ),
    Check(
        "truncated",
        "test_truncated_is_incomplete",
        ("complete",),
        frozenset({"truncated"}),
        "a body cut before its terminator gives complete: false (or a typed exception)",
    ),
    Check(
        "keepalive",
        "test_keepalive_changes_nothing",
        COMPARED_FIELDS,
        frozenset({"keepalive"}),
        "comments, pings and keep-alive events change nothing",
    ),
    Check(
        "incremental",
        "test_snapshots_grow",
        COMPARED_FIELDS,
        frozenset(),
        "parse_incremental snapshots only grow and end at the final Message",
    ),
)
CHECK_IDS = tuple(check.id for check in CHECKS)
CHECKS_BY_ID = {check.id: check for check in CHECKS}
CHECKS_BY_TEST = {check.test_name: check for check in CHECKS}

MASKS = {
    "text": ("text",),
    "reasoning": ("reasoning",),
    "refusal": ("refusal",),
    "tool_calls": ("tool_calls",),
    "tool_args": ("tool_calls",),
    "usage": ("usage",),
    "stop_reason": ("stop_reason", "vendor_stop_reason"),
}
"""An `unsupported` name -> the Message fields no check compares for that suite."""

WHOLE_CASSETTE = frozenset(
    {"error", "truncated", "keepalive", "non_ascii", "parallel_tool_calls", "content_filter"}
)
"""Unsupported features with no field of their own: a cassette exercising one is skipped whole."""

CHECK_FEATURE = {"tool_args": "tool_calls"}
"""A check id -> the feature name that, when unsupported, also skips the check."""

ALIASES = {"thinking": "reasoning", "tool_use": "tool_calls"}
"""Other vendors' words accepted in `unsupported`."""

KEEPALIVES: Mapping[str, tuple[bytes, ...]] = {
    # https://html.spec.whatwg.org/multipage/server-sent-events.html (a line starting with ":" is a comment)
    "*": (b": keep-alive",),
    # https://docs.anthropic.com/en/api/messages-streaming#ping-events
    "anthropic": (b": keep-alive", b'event: ping\ndata: {"type": "ping"}'),
}
"""Keep-alives the `keepalive` check inserts between events, per vendor ("*": any SSE vendor)."""


class CheckFailed(AssertionError):
    """A check found the parser wrong; the message is what a person reads first."""


# -- the parser under test --------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A parser under test, as the checks see it (built from an `AdapterSuite`)."""

    label: str
    vendor: str
    parse: Callable[[Iterable[bytes]], Any]
    parse_incremental: Callable[[Iterable[bytes]], Iterable[Any]] | None = None
    masked: frozenset[str] = frozenset()
    typed_errors: tuple[type[BaseException], ...] = (ConformanceError,)


@dataclass(frozen=True)
class Outcome:
    """What the parser made of one chunking: a message dict, or a typed error it raised."""

    message: dict[str, Any] | None = None
    error: BaseException | None = None

    def describe(self) -> str:
        if self.error is not None:
            return f"raised {type(self.error).__name__}: {_clip(str(self.error), 160)}"
        return "a Message"


def as_message_dict(value: Any, vendor: str) -> dict[str, Any]:
    """The parser's result in `Message.to_dict()` form, or `CheckFailed` saying what it returned."""
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, Mapping):
        data = {"vendor": vendor, **value}
        try:
            return Message.from_dict(data).to_dict()
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckFailed(f"parse returned a dict that is not a Message: {exc}") from None
    raise CheckFailed(
        f"parse returned {type(value).__name__}; expected a conformance.Message "
        "or a dict in Message.to_dict() form"
    )


def run_parser(target: Target, chunks: Sequence[bytes]) -> Outcome:
    """Feed `chunks` (as an iterator, as a live response gives them) to the parser."""
    __tracebackhide__ = True
    try:
        result = target.parse(iter(chunks))
    except target.typed_errors as exc:
        return Outcome(error=exc)
    except Exception as exc:
        raise CheckFailed(
            f"parse raised {type(exc).__name__}: {_clip(str(exc), 200)} (not one of typed_errors "
            f"{_names(target.typed_errors)}; see the traceback above)"
        ) from exc
    return Outcome(message=as_message_dict(result, target.vendor))


def run_incremental(target: Target, chunks: Sequence[bytes]) -> tuple[list[dict[str, Any]], Outcome]:
    """The snapshots `parse_incremental` yields, and how it ended."""
    __tracebackhide__ = True
    assert target.parse_incremental is not None
    out: list[dict[str, Any]] = []
    try:
        for snapshot in target.parse_incremental(iter(chunks)):
            out.append(as_message_dict(snapshot, target.vendor))
    except CheckFailed:
        raise
    except target.typed_errors as exc:
        return out, Outcome(error=exc)
    except Exception as exc:
        raise CheckFailed(f"parse_incremental raised {type(exc).__name__}: {_clip(str(exc), 200)}") from exc
    return out, Outcome(message=out[-1] if out else None)


# -- differences ------------------------------------------------------------------------------

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<missing>"})()


@dataclass(frozen=True)
class Difference:
    """The first place two messages differ: a field path such as `tool_calls[1].arguments.city`."""

    path: str
    expected: Any
    got: Any

    def lines(self) -> list[str]:
        where = self.path or "the message"
        exp, got = self.expected, self.got
        if isinstance(exp, str) and isinstance(got, str):
            pairs = enumerate(zip(exp, got, strict=False))
            at = next((i for i, (a, b) in pairs if a != b), min(len(exp), len(got)))
            return [
                f"first difference: {where} (at character {at})",
                f"  expected: {_window(exp, at)}",
                f"  got:      {_window(got, at)}",
            ]
        return [f"first difference: {where}", f"  expected: {_show(exp)}", f"  got:      {_show(got)}"]


def first_difference(expected: Any, got: Any, path: str = "") -> Difference | None:
    """The first differing field path of two JSON-like values (dict keys in `expected`'s order)."""
    if isinstance(expected, Mapping) and isinstance(got, Mapping):
        for key in [*expected, *(k for k in got if k not in expected)]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in got or key not in expected:
                return Difference(sub, expected.get(key, MISSING), got.get(key, MISSING))
            found = first_difference(expected[key], got[key], sub)
            if found is not None:
                return found
        return None
    if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)):
        for i, (a, b) in enumerate(zip(expected, got, strict=False)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found is not None:
                return found
        if len(expected) != len(got):
            n = min(len(expected), len(got))
            return Difference(
                f"{path}[{n}]",
                expected[n] if n < len(expected) else MISSING,
                got[n] if n < len(got) else MISSING,
            )
        return None
    if isinstance(expected, bool) is not isinstance(got, bool) or expected != got:
        return Difference(path, expected, got)
    return None


def project(message: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {name: message.get(name) for name in fields}


def describe_chunking(body: bytes, chunks: Sequence[bytes]) -> list[str]:
    """The chunking in a line or four: chunk sizes, and the bytes on either side of each cut."""
    sizes = [len(c) for c in chunks]
    if len(sizes) <= 1:
        return [f"chunking: the whole body in one chunk ({len(body)} bytes)"]
    lines = [f"chunking: {len(sizes)} chunks of {_sizes(sizes)} bytes"]
    cuts = list(accumulate(sizes))[:-1]
    for cut in cuts[:3]:
        lines.append(f"  cut at byte {cut}: {body[max(0, cut - 16) : cut]!r} | {body[cut : cut + 16]!r}")
    if len(cuts) > 3:
        lines.append(f"  ... and {len(cuts) - 3} more cuts")
    return lines


# -- derived bodies ---------------------------------------------------------------------------


def sse_event_offsets(body: bytes) -> list[int]:
    """Byte offsets where the body's SSE events start; [] if it is not SSE (or not valid)."""
    decoder = SSEDecoder()
    try:
        events = decoder.feed(body)
        decoder.close()
    except StreamError:
        return []
    return [event.offset for event in events]


def _line_end(body: bytes, start: int) -> bytes:
    for i in range(start, len(body)):
        if body[i] == 0x0D:
            return b"\r\n" if body[i + 1 : i + 2] == b"\n" else b"\r"
        if body[i] == 0x0A:
            return b"\n"
    return b"\n"


def _is_sse(cassette: Cassette) -> bool:
    types = [v for k, vs in cassette.response_headers.items() if k.lower() == "content-type" for v in vs]
    if types:
        return any("text/event-stream" in t for t in types)
    return bool(sse_event_offsets(cassette.body))


def _reference_agrees(cassette: Cassette, body: bytes) -> bool:
    """Whether the kit's own parser gives the same Message for `body` as for the cassette's body."""
    if cassette.vendor not in known_vendors():
        return True  # SSE comments are neutral by the spec; nothing to verify them against
    try:
        return reference_parse(cassette.vendor, [body]) == reference_parse(cassette.vendor, [cassette.body])
    except StreamError:
        return False


def keepalive_bodies(cassette: Cassette) -> list[tuple[str, bytes]]:
    """The body with keep-alives before every event, one body per kind of keep-alive.

    Each derived body is kept only if the kit's reference parser agrees it changes nothing.
    """
    body = cassette.body
    offsets = sse_event_offsets(body) if _is_sse(cassette) else []
    out = []
    if "keepalive" in cassette.features:
        out.append(("the body as recorded", body))
    if offsets:
        eol = _line_end(body, offsets[0])
        for keepalive in KEEPALIVES.get(cassette.vendor, KEEPALIVES["*"]):
            block = keepalive.replace(b"\n", eol) + eol + eol
            edges = [0, *offsets, len(body)]
            parts = [body[a:b] for a, b in pairwise(edges)]
            derived = parts[0] + b"".join(block + part for part in parts[1:])
            if _reference_agrees(cassette, derived):
                label = keepalive.split(b"\n")[0].decode("ascii", "replace")
                out.append((f"{label!r} before each of its {len(offsets)} events", derived))
    return out


def truncated_bodies(cassette: Cassette) -> list[tuple[str, bytes]]:
    """Bodies that must read as incomplete: the cassette's own if it is truncated, and cuts of a
    complete body (before its last event, inside it, without its last blank line).

    Cuts are derived only for vendors the kit knows, and kept only where the kit's reference
    parser calls the cut body incomplete, so a trailing keep-alive never yields a bad case.
    """
    out = []
    if "truncated" in cassette.features:
        out.append(("the body as recorded", cassette.body))
    expected = cassette.expected
    if expected is None or not expected.complete or cassette.vendor not in known_vendors():
        return out
    body = cassette.body
    offsets = sse_event_offsets(body)
    cuts: dict[int, str] = {}
    if offsets:
        last = offsets[-1]
        cuts[last] = "before its last event"
        cuts[last + (len(body) - last) // 2] = "inside its last event"
    for ending, drop in ((b"\r\n\r\n", 2), (b"\n\n", 1), (b"\r\r", 1)):
        if body.endswith(ending):
            cuts.setdefault(len(body) - drop, "without its last blank line")
            break
    cuts.setdefault(len(body) // 2, "in the middle")
    for cut, where in sorted(cuts.items()):
        if 0 < cut < len(body):
            try:
                complete = reference_parse(cassette.vendor, [body[:cut]]).complete
            except StreamError:
                complete = False
            if not complete:
                out.append((f"cut at byte {cut} of {len(body)} ({where})", body[:cut]))
    return out


# -- the checks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One check on one cassette; `unsupported` says why the suite does not claim it (or None)."""

    check: str
    cassette: Cassette
    unsupported: str | None = None

    @property
    def id(self) -> str:
        return self.cassette.id

    def __repr__(self) -> str:  # pytest shows it beside a crash; the cassette's repr is long
        return f"Case({self.check!r}, {self.id!r})"


def applies(check: Check, cassette: Cassette) -> bool:
    """Whether `check` has something to check on `cassette`."""
    has_expected = cassette.expected is not None
    if check.id in ("split", "incremental"):
        return True
    if check.id in ("whole", "stop_reason"):
        return has_expected
    if check.id == "truncated":
        return bool(truncated_bodies(cassette))
    if check.id == "keepalive":
        return has_expected and bool(keepalive_bodies(cassette))
    return has_expected and bool(check.features & cassette.features)


def _fields(target: Target, check: Check) -> tuple[str, ...]:
    return tuple(name for name in check.fields if name not in target.masked)


def _expected(cassette: Cassette) -> dict[str, Any] | None:
    expected = cassette.expected
    return expected.to_dict() if expected is not None else None


def _judge(outcome: Outcome, expected: Mapping[str, Any] | None, fields: Sequence[str]) -> list[str] | None:
    """Why `outcome` is wrong against `expected` on `fields` (None: it is right).

    A typed error is right for a body whose expected message is incomplete (or unknown).
    """
    if outcome.error is not None:
        if expected is None or not expected.get("complete"):
            return None
        return [
            "the parser raised on a complete body",
            "  expected: a Message",
            f"  got:      {outcome.describe()}",
        ]
    assert outcome.message is not None
    if expected is None:
        return None
    diff = first_difference(project(expected, fields), project(outcome.message, fields))
    return None if diff is None else diff.lines()


def _recorded_chunkings(cassette: Cassette) -> list[tuple[str, list[bytes]]]:
    out = [("the whole body in one chunk", [cassette.body])]
    recorded = cassette.recorded_chunks()
    if len(recorded) > 1:
        out.append((f"the {len(recorded)} chunks it was recorded in", recorded))
    return out


def _fail(check: str, cassette: Cassette, headline: str, lines: Iterable[str]) -> CheckFailed:
    return CheckFailed("\n".join([f"{check}: {cassette.id}: {headline}", *lines]))


def check_fields(target: Target, case: Case) -> None:
    """`whole` and the field checks: the expected fields, whole and in the recorded chunks."""
    __tracebackhide__ = True
    check, cassette = CHECKS_BY_ID[case.check], case.cassette
    chunkings_ = _recorded_chunkings(cassette)[:1] if check.id == "whole" else _recorded_chunkings(cassette)
    for label, chunks in chunkings_:
        problem = _judge(run_parser(target, chunks), _expected(cassette), _fields(target, check))
        if problem is not None:
            raise _fail(check.id, cassette, f"{label} gives a different result", problem)


def check_split(target: Target, case: Case) -> None:
    """Any Hypothesis chunking gives the expected message (or, with none, the whole-body one)."""
    __tracebackhide__ = True
    cassette = case.cassette
    fields = _fields(target, CHECKS_BY_ID["split"])
    expected = _expected(cassette)
    if expected is None:
        whole = run_parser(target, [cassette.body])
        reference = whole.message
    else:
        whole, reference = Outcome(message=expected), expected

    def problem(chunks: list[bytes]) -> list[str] | None:
        outcome = run_parser(target, chunks)
        if whole.error is not None:  # no expected message, and the whole body raised
            if outcome.error is not None:
                return None
            return [
                "a Message where the whole body raised",
                f"  expected: {whole.describe()}",
                "  got:      a Message",
            ]
        return _judge(outcome, reference, fields)

    found = falsify(chunkings(cassette.body), problem, key=f"split {target.label} {cassette.id}")
    if found is not None:
        chunks, lines, cause = found
        raise _fail(
            "split",
            cassette,
            f"a split into {_chunks(chunks)} gives a different result (shrunk by Hypothesis)",
            [*describe_chunking(cassette.body, chunks), *lines],
        ) from cause


def check_error(target: Target, case: Case) -> None:
    """The error event surfaces: a typed exception, or `error` set and no clean finish."""
    __tracebackhide__ = True
    cassette = case.cassette
    expected = _expected(cassette)
    assert expected is not None
    for label, chunks in _recorded_chunkings(cassette):
        outcome = run_parser(target, chunks)
        if outcome.error is not None:
            continue
        problem = _judge(outcome, expected, CHECKS_BY_ID["error"].fields)
        if problem is not None:
            raise _fail("error", cassette, f"the mid-stream error did not surface ({label})", [*problem])


def check_truncated(target: Target, case: Case) -> None:
    """Every truncated body gives `complete: false` or a typed exception."""
    __tracebackhide__ = True
    for label, body in truncated_bodies(case.cassette):
        outcome = run_parser(target, [body])
        if outcome.message is not None and outcome.message["complete"]:
            tail = body[-24:]
            raise _fail(
                "truncated",
                case.cassette,
                f"the body {label} was reported complete",
                [
                    f"  it ends: ...{tail!r}",
                    "  expected: complete: false, or one of typed_errors "
                    f"{_names(target.typed_errors)} raised",
                    "  got:      complete: true",
                ],
            )


def check_keepalive(target: Target, case: Case) -> None:
    """Keep-alives (SSE comments, vendor pings) between events change nothing."""
    __tracebackhide__ = True
    cassette = case.cassette
    fields = _fields(target, CHECKS_BY_ID["keepalive"])
    for label, body in keepalive_bodies(cassette):
        problem = _judge(run_parser(target, [body]), _expected(cassette), fields)
        if problem is not None:
            raise _fail("keepalive", cassette, f"keep-alives changed the result ({label})", problem)


def grows(before: Any, after: Any) -> bool:
    """Whether `after` can be a later snapshot of the partial JSON value `before`."""
    if before is None:
        return True
    if isinstance(before, str):
        return isinstance(after, str) and after.startswith(before)
    if isinstance(before, Mapping):
        return isinstance(after, Mapping) and all(
            k in after and grows(v, after[k]) for k, v in before.items()
        )
    if isinstance(before, list):
        return isinstance(after, list) and len(after) >= len(before) and all(map(grows, before, after))
    if isinstance(before, bool) or isinstance(after, bool):
        return type(before) is type(after) and before == after
    if isinstance(before, (int, float)) and isinstance(after, (int, float)):
        return bool(before == after) or str(after).startswith(str(before))  # a number still streaming
    return bool(before == after)


def snapshot_problem(before: Mapping[str, Any], after: Mapping[str, Any]) -> str | None:
    """Why `after` cannot follow `before` in a stream of snapshots (None: it can)."""
    for name in ("text", "reasoning", "refusal"):
        if not str(after[name]).startswith(str(before[name])):
            return f"{name} shrank or changed: {_show(before[name])} -> {_show(after[name])}"
    calls_before, calls_after = before["tool_calls"], after["tool_calls"]
    if len(calls_after) < len(calls_before):
        return f"tool calls went from {len(calls_before)} to {len(calls_after)}"
    for i, (a, b) in enumerate(zip(calls_before, calls_after, strict=False)):
        for key in ("id", "name"):
            if a[key] is not None and a[key] != b[key]:
                return f"tool_calls[{i}].{key} changed: {_show(a[key])} -> {_show(b[key])}"
        if not grows(a["arguments"], b["arguments"]):
            return (
                f"tool_calls[{i}].arguments did not grow: {_show(a['arguments'])} -> {_show(b['arguments'])}"
            )
    if before["error"] is not None and after["error"] is None:
        return "an error disappeared"
    return None


def check_incremental(target: Target, case: Case) -> None:
    """Snapshots only grow, and the last one is the expected message."""
    __tracebackhide__ = True
    cassette = case.cassette
    fields = _fields(target, CHECKS_BY_ID["incremental"])
    expected = _expected(cassette)
    if expected is None:
        expected = run_parser(target, [cassette.body]).message

    def problem(chunks: list[bytes]) -> list[str] | None:
        snapshots, outcome = run_incremental(target, chunks)
        for i, (a, b) in enumerate(pairwise(snapshots)):
            why = snapshot_problem(a, b)
            if why is not None:
                return [f"snapshot {i + 1} -> {i + 2} of {len(snapshots)}: {why}"]
        if outcome.message is None and outcome.error is None:
            return ["parse_incremental yielded no snapshot"]
        found = _judge(outcome, expected, fields)
        return None if found is None else ["the last snapshot is not the final Message:", *found]

    found = falsify(chunkings(cassette.body), problem, key=f"incremental {target.label} {cassette.id}")
    if found is not None:
        chunks, lines, cause = found
        raise _fail(
            "incremental",
            cassette,
            f"snapshots went wrong over {_chunks(chunks)} (shrunk by Hypothesis)",
            [*describe_chunking(cassette.body, chunks), *lines],
        ) from cause


RUNNERS: Mapping[str, Callable[[Target, Case], None]] = {
    "whole": check_fields,
    "split": check_split,
    "tool_args": check_fields,
    "text": check_fields,
    "reasoning": check_fields,
    "usage": check_fields,
    "stop_reason": check_fields,
    "error": check_error,
    "truncated": check_truncated,
    "keepalive": check_keepalive,
    "incremental": check_incremental,
}


def run_case(target: Target, case: Case) -> None:
    """Run one case; `CheckFailed` (its message says what broke) if the parser gets it wrong."""
    __tracebackhide__ = True
    RUNNERS[case.check](target, case)


# -- Hypothesis -------------------------------------------------------------------------------


class _Falsified(Exception):
    pass


def falsify(
    strategy: st.SearchStrategy[list[bytes]],
    problem: Callable[[list[bytes]], list[str] | None],
    *,
    key: str,
) -> tuple[list[bytes], list[str], BaseException | None] | None:
    """The smallest example `problem` objects to, its objection and the parser's crash if any.

    `problem` returns lines saying what is wrong, or None; a `CheckFailed` it raises (the
    parser crashed) is an objection too. Runs under the active Hypothesis profile
    (`--hypothesis-profile`), without deadlines or slowness health checks: a conformance
    check never fails for time.
    """
    found: list[tuple[list[bytes], list[str], BaseException | None]] = []

    def prop(example: list[bytes]) -> None:
        try:
            lines, cause = problem(example), None
        except CheckFailed as exc:
            lines, cause = str(exc).splitlines(), exc.__cause__
        if lines is not None:
            found.append((example, lines, cause))
            raise _Falsified

    # One database entry per check and cassette, as Hypothesis's pytest plugin does per test id.
    prop._hypothesis_internal_add_digest = key.encode()  # type: ignore[attr-defined]
    current = settings.default
    assert current is not None
    profile = settings(
        current,
        deadline=None,
        report_multiple_bugs=False,
        suppress_health_check=[
            *current.suppress_health_check,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    try:
        profile(given(strategy)(prop))()
    except _Falsified:
        return found[-1]  # Hypothesis replays the shrunk example last
    return None


# -- suites -----------------------------------------------------------------------------------


class AdapterSuite:
    """Subclass once per vendor your parser reads; pytest then runs every check on every cassette.

        class TestMyParser(AdapterSuite):
            vendor = "openai-chat"
            unsupported = {"reasoning"}

            def parse(self, chunks):          # Iterable[bytes] -> Message, or a dict
                return to_message(mylib.parse(chunks))

    `unsupported` names checks (`CHECK_IDS`) or features (`FEATURES`) the parser does not
    claim: their checks are reported as unsupported, not failed, and their fields are not
    compared elsewhere. `cassette_dirs` adds your own cassettes (`<vendor>/<name>.yaml`,
    relative to the test module); `bundled_cassettes = False` leaves the kit's out.
    """

    vendor: ClassVar[str]
    unsupported: ClassVar[Collection[str]] = frozenset()
    cassette_dirs: ClassVar[Sequence[str | os.PathLike[str]]] = ()
    bundled_cassettes: ClassVar[bool] = True
    typed_errors: ClassVar[tuple[type[BaseException], ...]] = (ConformanceError,)
    """Exceptions the parser raises on purpose for a broken or failed stream."""
    label: ClassVar[str | None] = None
    """The row name in the conformance matrix (default: `ClassName (vendor)`)."""

    def parse(self, chunks: Iterable[bytes]) -> Message | Mapping[str, Any]:
        """Your parser: the body's chunks in, the stream's `Message` out."""
        raise NotImplementedError(f"{type(self).__name__} must define parse(self, chunks)")

    def parse_incremental(self, chunks: Iterable[bytes]) -> Iterable[Message | Mapping[str, Any]]:
        """Optional: a snapshot after each chunk, the final message last (checked by `incremental`)."""
        raise NotImplementedError

    # One test method per check; `plugin.py` parametrizes `conformance_case` with the cassettes.
    def test_whole_body(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_split_invariance(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_tool_calls(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_text(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_reasoning(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_usage(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_stop_reason(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_error_surfaces(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_truncated_is_incomplete(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_keepalive_changes_nothing(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def test_snapshots_grow(self, conformance_case: Case) -> None:
        self._conformance_run(conformance_case)

    def _conformance_run(self, case: Case) -> None:
        __tracebackhide__ = True
        try:
            run_case(target_of(self), case)
        except CheckFailed as exc:
            if exc.__cause__ is not None:
                raise  # the parser crashed: its traceback is what the reader needs
            failure = str(exc)
        else:
            return
        import pytest

        pytest.fail(failure, pytrace=False)  # outside `except`: no "during handling" context


def suite_label(cls: type[AdapterSuite]) -> str:
    return cls.label or f"{cls.__qualname__} ({cls.vendor})"


def has_incremental(cls: type[AdapterSuite]) -> bool:
    return cls.parse_incremental is not AdapterSuite.parse_incremental


def unsupported_names(cls: type[AdapterSuite]) -> frozenset[str]:
    """The suite's `unsupported`, aliases resolved; ValueError naming any unknown word."""
    names = frozenset(ALIASES.get(name, name) for name in cls.unsupported)
    unknown = names - FEATURES - set(CHECK_IDS)
    if unknown:
        raise ValueError(
            f"{cls.__qualname__}.unsupported names {sorted(unknown)}; known checks: {', '.join(CHECK_IDS)}; "
            f"known features: {', '.join(sorted(FEATURES))}"
        )
    return names


def target_of(suite: AdapterSuite) -> Target:
    cls = type(suite)
    masked = frozenset(f for name in unsupported_names(cls) for f in MASKS.get(name, ()))
    return Target(
        label=suite_label(cls),
        vendor=cls.vendor,
        parse=suite.parse,
        parse_incremental=suite.parse_incremental if has_incremental(cls) else None,
        masked=masked,
        typed_errors=cls.typed_errors,
    )


def suite_cassette_dirs(cls: type[AdapterSuite], extra: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Where the suite's cassettes come from: bundled, then `cassette_dirs`, then `extra`."""
    dirs = []
    if cls.bundled_cassettes:
        with contextlib.suppress(FileNotFoundError):  # an install without bundled cassettes
            dirs.append(bundled_cassette_dir())
    module = sys.modules.get(cls.__module__)
    base = (
        Path(inspect.getfile(module)).parent if module is not None and hasattr(module, "__file__") else Path()
    )
    dirs.extend(base / Path(d) for d in cls.cassette_dirs)
    dirs.extend(Path(d) for d in extra)
    return dirs


def suite_cassettes(
    cls: type[AdapterSuite],
    extra: Iterable[str | os.PathLike[str]] = (),
    *,
    load: Loader | None = None,
) -> list[Cassette]:
    """The suite's cassettes, sorted by id; a later directory's cassette replaces an earlier one's."""
    by_id = _index(suite_cassette_dirs(cls, extra), cls.vendor, load)
    return [by_id[key] for key in sorted(by_id)]


def find_cassette(cassette_id: str, dirs: Iterable[Path], *, load: Loader | None = None) -> Cassette:
    """One cassette by id (`anthropic/tool_use`), from the last of `dirs` that has it."""
    by_id = _index(dirs, cassette_id.partition("/")[0] or None, load)
    try:
        return by_id[cassette_id]
    except KeyError:
        known = ", ".join(sorted(by_id)) or "none"
        raise LookupError(f"no cassette {cassette_id!r}; known: {known}") from None


Loader = Callable[[Path, "str | None"], list[Cassette]]


def _index(dirs: Iterable[Path], vendor: str | None, load: Loader | None) -> dict[str, Cassette]:
    loader = load or (lambda directory, vendor: load_cassettes(directory, vendor=vendor))
    by_id: dict[str, Cassette] = {}
    for directory in dirs:
        for cassette in loader(directory, vendor):
            by_id[cassette.id] = cassette
    return by_id


def cases_for(cls: type[AdapterSuite], check: Check, cassettes: Iterable[Cassette]) -> list[Case]:
    """The cases of one check: the cassettes it applies to, each marked if unsupported."""
    if check.id == "incremental" and not has_incremental(cls):
        return []
    names = unsupported_names(cls)
    masked = {f for name in names for f in MASKS.get(name, ())}
    cases = []
    for cassette in cassettes:
        if not applies(check, cassette):
            continue
        reason = None
        if check.id in names or CHECK_FEATURE.get(check.id, check.id) in names:
            reason = f"{check.id} is in unsupported"
        elif cassette.features & names & WHOLE_CASSETTE:
            reason = f"{cassette.id} exercises {', '.join(sorted(cassette.features & names))}"
        elif all(f in masked for f in check.fields):
            reason = f"{', '.join(check.fields)} not compared ({', '.join(sorted(names & set(MASKS)))})"
        cases.append(Case(check.id, cassette, f"unsupported: {reason}" if reason else None))
    return cases


def load_suite(spec: str) -> type[AdapterSuite]:
    """The `AdapterSuite` subclass named by `module:Class` or `path/to/file.py:Class`."""
    module_name, _, name = spec.partition(":")
    if not module_name or not name:
        raise ConformanceError(f"--adapter {spec!r}: expected module:Class or file.py:Class")
    try:
        if module_name.endswith(".py"):
            path = Path(module_name).resolve()
            loader = importlib.util.spec_from_file_location(path.stem, path)
            if loader is None or loader.loader is None:
                raise ImportError(f"cannot import {path}")
            module = importlib.util.module_from_spec(loader)
            sys.modules[path.stem] = module
            loader.loader.exec_module(module)
        else:
            if "" not in sys.path and os.getcwd() not in sys.path:
                sys.path.insert(0, os.getcwd())  # as `python -m` does, so local modules import
            module = importlib.import_module(module_name)
    except (ImportError, OSError) as exc:
        raise ConformanceError(f"--adapter {spec!r}: {exc}") from None
    cls = getattr(module, name, None)
    if not (isinstance(cls, type) and issubclass(cls, AdapterSuite) and hasattr(cls, "vendor")):
        raise ConformanceError(f"--adapter {spec!r}: not an AdapterSuite subclass with a vendor")
    return cls


@dataclass(frozen=True)
class CaseResult:
    """How one case went, for reports: `outcome` is passed, failed or unsupported."""

    adapter: str
    check: str
    cassette: str
    outcome: str
    message: str = ""


def run_suite(
    cls: type[AdapterSuite],
    extra_dirs: Iterable[str | os.PathLike[str]] = (),
    *,
    cassettes: Iterable[Cassette] | None = None,
) -> Iterator[CaseResult]:
    """Every case of a suite, without pytest (what `conformance check` runs).

    `cassettes` replaces the suite's own (bundled, `cassette_dirs`, `extra_dirs`).
    """
    cassettes = list(cassettes) if cassettes is not None else suite_cassettes(cls, extra_dirs)
    label = suite_label(cls)
    for check in CHECKS:
        for case in cases_for(cls, check, cassettes):
            if case.unsupported:
                yield CaseResult(label, check.id, case.id, "unsupported", case.unsupported)
                continue
            try:
                run_case(target_of(cls()), case)
            except CheckFailed as exc:
                cause = f"\n{type(exc.__cause__).__name__}: {exc.__cause__}" if exc.__cause__ else ""
                yield CaseResult(label, check.id, case.id, "failed", f"{exc}{cause}")
            else:
                yield CaseResult(label, check.id, case.id, "passed")


def reference_suite(vendor: str) -> type[AdapterSuite]:
    """An `AdapterSuite` over the kit's own parser: the bundled cassettes checked against the kit."""

    class ReferenceSuite(AdapterSuite):
        typed_errors = (StreamError,)

        def parse(self, chunks: Iterable[bytes]) -> Message:
            return reference_parse(self.vendor, chunks)

        def parse_incremental(self, chunks: Iterable[bytes]) -> Iterator[Message]:
            return reference_snapshots(self.vendor, chunks)

    ReferenceSuite.vendor = vendor
    ReferenceSuite.label = f"conformance.parse ({vendor})"
    ReferenceSuite.__qualname__ = ReferenceSuite.__name__ = f"Reference_{vendor.replace('-', '_')}"
    return ReferenceSuite


# -- formatting -------------------------------------------------------------------------------


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def _show(value: Any) -> str:
    if value is MISSING:
        return "<missing>"
    if isinstance(value, str):
        return _clip(repr(value), 160)
    try:
        return _clip(json.dumps(value, ensure_ascii=False, sort_keys=False), 160)
    except (TypeError, ValueError):
        return _clip(repr(value), 160)


def _window(text: str, at: int, span: int = 30) -> str:
    start = max(0, at - span)
    piece = repr(text[start : at + span])
    return ("..." if start else "") + piece + ("..." if at + span < len(text) else "")


def _sizes(sizes: Sequence[int]) -> str:
    if len(set(sizes[:-1])) == 1 and len(sizes) > 2:
        head = f"{len(sizes) - 1} x {sizes[0]}"
        return head if sizes[-1] == sizes[0] else f"{head} + {sizes[-1]}"
    if len(sizes) <= 8:
        return str(list(sizes))
    return f"[{', '.join(map(str, sizes[:6]))}, ...] ({len(sizes)} chunks)"


def _chunks(chunks: Sequence[bytes]) -> str:
    return "1 chunk" if len(chunks) == 1 else f"{len(chunks)} chunks"


def _names(kinds: tuple[type[BaseException], ...]) -> str:
    return "(" + ", ".join(k.__name__ for k in kinds) + ")"
