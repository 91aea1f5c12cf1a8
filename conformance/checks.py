"""The conformance checks as plain code: what each asserts, on which cassettes, and how it fails.

Strategy: a *case* is one check on one cassette. `applies(check, cassette)` says whether a
check has something to check on a cassette (from its `features`, see `CHECKS`);
`run_case(target, case)` runs one and raises `CheckFailed` with a message of a few lines:
the cassette, the chunking that broke it (shrunk by Hypothesis), the first field that
differs, expected vs got. A `Target` is the parser as the checks see it: a plain function
from chunks to a Message (`conformance.aio` makes async parsers into one, and
`conformance.client_mode` makes a whole HTTP client into one). Nothing here needs pytest.

What a parser under test may do: return a `Message` (or a dict in `Message.to_dict()`
form) for every body; for a body whose expected message is incomplete (an error event, a
truncated body) it may instead raise one of the suite's `typed_errors` (default: the kit's
`ConformanceError` family), and any check on that body accepts the raise. Any other
exception is a failure that shows the parser's traceback.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import Any, Protocol
from urllib.parse import urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky

from conformance.bodies import keepalive_bodies, line_ending_bodies, truncated_bodies
from conformance.cassettes import Cassette
from conformance.diff import (
    TOOL_CALL_SIGNATURES,
    clip,
    count_chunks,
    describe_chunking,
    first_difference,
    names_of,
    project,
    show,
)
from conformance.errors import ConformanceError
from conformance.liveness import LIVE_FIELDS, WatchedChunks, liveness_problem
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

SIGNATURE_FIELDS = ("signatures", TOOL_CALL_SIGNATURES)
"""What only the `signatures` check compares: one cause (a dropped token), one failure."""

COMPARED_FIELDS = tuple(f.name for f in dataclasses.fields(Message) if f.name not in ("vendor", "signatures"))
"""`Message` fields the checks compare (`vendor` names the adapter, not the stream; signatures
are the `signatures` check's alone)."""


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
        "line_endings",
        "test_line_endings",
        COMPARED_FIELDS,
        frozenset(),
        "an LF body with CRLF or lone-CR line endings gives the same Message",
    ),
    Check(
        "incremental",
        "test_snapshots_grow",
        COMPARED_FIELDS,
        frozenset(),
        "parse_incremental snapshots only grow and end at the final Message",
    ),
    Check(
        "liveness",
        "test_content_arrives_live",
        LIVE_FIELDS,
        frozenset(),
        "parse_incremental shows each piece of content within a chunk of its arrival, not at the end",
    ),
    Check(
        "signatures",
        "test_signatures_kept",
        SIGNATURE_FIELDS,
        frozenset(),
        "reasoning signatures / encrypted content kept byte for byte, on the right block or call",
    ),
    Check(
        "request",
        "test_request_hits_the_cassette",
        (),
        frozenset(),
        "client mode: the client's request hit the cassette's method and path",
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
    "signatures": SIGNATURE_FIELDS,
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


class CheckFailed(AssertionError):
    """A check found the parser wrong; the message is what a person reads first."""


# -- the parser under test --------------------------------------------------------------------


class Client(Protocol):
    """A whole HTTP client under test (client mode), as the checks see it.

    `fetch` serves a cassette's status and headers with `pieces` as its body, each piece its
    own transfer chunk, runs the client against that server and returns what it returned
    (raising what it raised); `requests` are the (method, path) it sent during the last fetch.
    """

    def fetch(self, cassette: Cassette, pieces: Iterable[bytes]) -> Any: ...

    def requests(self) -> list[tuple[str, str]]: ...

    def chunkings(self, body: bytes) -> st.SearchStrategy[list[bytes]]: ...

    @property
    def max_examples(self) -> int: ...


@dataclass(frozen=True)
class Target:
    """A parser under test, as the checks see it (built from an `AdapterSuite`).

    `parse` is always a plain function of an iterable of chunks (async parsers are driven
    by `conformance.aio`); with a `client`, `run_case` binds `parse` to it, case by case.
    """

    label: str
    vendor: str
    parse: Callable[[Iterable[bytes]], Any]
    parse_incremental: Callable[[Iterable[bytes]], Iterable[Any]] | None = None
    masked: frozenset[str] = frozenset()
    typed_errors: tuple[type[BaseException], ...] = (ConformanceError,)
    client: Client | None = None

    @property
    def verb(self) -> str:
        """What failure messages call the code under test."""
        return "request" if self.client is not None else "parse"


@dataclass(frozen=True)
class Outcome:
    """What the parser made of one chunking: a message dict, or a typed error it raised."""

    message: dict[str, Any] | None = None
    error: BaseException | None = None

    def describe(self) -> str:
        if self.error is not None:
            return f"raised {type(self.error).__name__}: {clip(str(self.error), 160)}"
        return "a Message"


def as_message_dict(value: Any, vendor: str, verb: str = "parse") -> dict[str, Any]:
    """The parser's result in `Message.to_dict()` form, or `CheckFailed` saying what it returned."""
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, Mapping):
        data = {"vendor": vendor, **value}
        try:
            return Message.from_dict(data).to_dict()
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckFailed(f"{verb} returned a dict that is not a Message: {exc}") from None
    raise CheckFailed(
        f"{verb} returned {type(value).__name__}; expected a conformance.Message "
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
            f"{target.verb} raised {type(exc).__name__}: {clip(str(exc), 200)} (not one of typed_errors "
            f"{names_of(target.typed_errors)}; see the traceback above)"
        ) from exc
    return Outcome(message=as_message_dict(result, target.vendor, target.verb))


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
        raise CheckFailed(f"parse_incremental raised {type(exc).__name__}: {clip(str(exc), 200)}") from exc
    return out, Outcome(message=out[-1] if out else None)


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
    if check.id in ("split", "incremental", "request"):
        return True
    if check.id in ("whole", "stop_reason"):
        return has_expected
    if check.id == "truncated":
        return bool(truncated_bodies(cassette))
    if check.id == "keepalive":
        return has_expected and bool(keepalive_bodies(cassette))
    if check.id == "line_endings":
        return has_expected and bool(line_ending_bodies(cassette))
    if check.id == "signatures":
        return has_expected and carries_signatures(cassette)
    if check.id == "liveness":
        expected = cassette.expected
        content = project(expected.to_dict(), LIVE_FIELDS).values() if expected is not None else ()
        return expected is not None and expected.complete and any(content)
    return has_expected and bool(check.features & cassette.features)


def carries_signatures(cassette: Cassette) -> bool:
    """Whether the cassette's expected message has any signature (on a block or a call)."""
    expected = cassette.expected
    return expected is not None and (
        bool(expected.signatures) or any(c.signature is not None for c in expected.tool_calls)
    )


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

    strategy, examples = (
        (target.client.chunkings(cassette.body), target.client.max_examples)
        if target.client is not None
        else (chunkings(cassette.body), None)
    )
    found = falsify(strategy, problem, key=f"split {target.label} {cassette.id}", max_examples=examples)
    if found is not None:
        chunks, lines, cause = found
        raise _fail(
            "split",
            cassette,
            f"a split into {count_chunks(chunks)} gives a different result (shrunk by Hypothesis)",
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
                    f"{names_of(target.typed_errors)} raised",
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


def check_line_endings(target: Target, case: Case) -> None:
    """CRLF and lone CR end SSE lines as LF does: the same body with them gives the same Message."""
    __tracebackhide__ = True
    cassette = case.cassette
    fields = _fields(target, CHECKS_BY_ID["line_endings"])
    for label, body in line_ending_bodies(cassette):
        problem = _judge(run_parser(target, [body]), _expected(cassette), fields)
        if problem is not None:
            headline = f"the body with {label} instead of LF gives a different result"
            raise _fail("line_endings", cassette, headline, problem)


def check_request(target: Target, case: Case) -> None:
    """Client mode: the client sent the cassette's method to the cassette's path."""
    __tracebackhide__ = True
    cassette, client = case.cassette, target.client
    assert client is not None, "the request check runs in client mode only"
    run_parser(target, [cassette.body])
    wanted = (cassette.method.upper(), urlsplit(cassette.uri).path or "/")
    sent = client.requests()
    if not sent:
        raise _fail("request", cassette, "the client sent no request to base_url", [])
    if sent[0] != wanted:
        raise _fail(
            "request",
            cassette,
            "the client's request missed the cassette's method and path",
            [f"  expected: {' '.join(wanted)}", f"  got:      {' '.join(sent[0])}"],
        )


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
            return f"{name} shrank or changed: {show(before[name])} -> {show(after[name])}"
    calls_before, calls_after = before["tool_calls"], after["tool_calls"]
    if len(calls_after) < len(calls_before):
        return f"tool calls went from {len(calls_before)} to {len(calls_after)}"
    for i, (a, b) in enumerate(zip(calls_before, calls_after, strict=False)):
        for key in ("id", "name"):
            if a[key] is not None and a[key] != b[key]:
                return f"tool_calls[{i}].{key} changed: {show(a[key])} -> {show(b[key])}"
        if not grows(a["arguments"], b["arguments"]):
            return f"tool_calls[{i}].arguments did not grow: {show(a['arguments'])} -> {show(b['arguments'])}"
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
            f"snapshots went wrong over {count_chunks(chunks)} (shrunk by Hypothesis)",
            [*describe_chunking(cassette.body, chunks), *lines],
        ) from cause


def check_liveness(target: Target, case: Case) -> None:
    """Each piece of content shows in a snapshot within a chunk of the one completing it."""
    __tracebackhide__ = True
    cassette = case.cassette
    expected = _expected(cassette)
    assert target.parse_incremental is not None and expected is not None
    parse_incremental = target.parse_incremental

    def snapshots_of(chunks: WatchedChunks) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        try:
            for snapshot in parse_incremental(chunks):
                chunks.observe(snapshot)
                out.append(as_message_dict(snapshot, target.vendor))
        except CheckFailed:
            raise
        except target.typed_errors:
            return []  # a parser that gives up on a complete body fails `incremental`, not this
        except Exception as exc:
            raise CheckFailed(
                f"parse_incremental raised {type(exc).__name__}: {clip(str(exc), 200)}"
            ) from exc
        return out

    def convert(snapshot: Any) -> Any:
        return as_message_dict(snapshot, target.vendor)

    fields = _fields(target, CHECKS_BY_ID["liveness"])
    problem = liveness_problem(snapshots_of, cassette, expected, convert, fields)
    if problem is not None:
        raise _fail("liveness", cassette, problem[0], problem[1:])


RUNNERS: Mapping[str, Callable[[Target, Case], None]] = {
    "whole": check_fields,
    "split": check_split,
    "tool_args": check_fields,
    "text": check_fields,
    "reasoning": check_fields,
    "usage": check_fields,
    "stop_reason": check_fields,
    "signatures": check_fields,
    "liveness": check_liveness,
    "error": check_error,
    "truncated": check_truncated,
    "keepalive": check_keepalive,
    "line_endings": check_line_endings,
    "incremental": check_incremental,
    "request": check_request,
}


def run_case(target: Target, case: Case) -> None:
    """Run one case; `CheckFailed` (its message says what broke) if the parser gets it wrong."""
    __tracebackhide__ = True
    if target.client is not None:  # client mode: every body of the case is served from the cassette
        target = dataclasses.replace(target, parse=functools.partial(target.client.fetch, case.cassette))
    RUNNERS[case.check](target, case)


# -- Hypothesis -------------------------------------------------------------------------------


class _Falsified(Exception):
    pass


Falsified = tuple[list[bytes], list[str], BaseException | None]
"""What `falsify` found: the failing chunking, what is wrong with it, and the parser's crash if any."""


def _one_cut(found: Falsified, problem: Callable[[list[bytes]], list[str] | None]) -> Falsified:
    """The same failure from a single cut of the found chunking, if one alone gives it.

    Hypothesis shrinks well but not always to the fewest chunks: a split into 7 fixed-size
    chunks may fail only because one of its cuts falls inside a character. Trying each cut
    alone (at most the found chunking's cuts, and only once a check has failed) turns such
    a report into "this one cut breaks it".
    """
    chunks = found[0]
    if len(chunks) <= 2:
        return found
    body = b"".join(chunks)
    for cut in accumulate(map(len, chunks[:-1])):
        two = [body[:cut], body[cut:]]
        lines, cause = _objection(problem, two)
        if lines is not None:
            return two, lines, cause
    return found


def _objection(
    problem: Callable[[list[bytes]], list[str] | None], chunks: list[bytes]
) -> tuple[list[str] | None, BaseException | None]:
    """What `problem` says of `chunks`; a `CheckFailed` it raises (the parser crashed) is an
    objection too, with the crash as its cause."""
    try:
        return problem(chunks), None
    except CheckFailed as exc:
        return str(exc).splitlines(), exc.__cause__


def falsify(
    strategy: st.SearchStrategy[list[bytes]],
    problem: Callable[[list[bytes]], list[str] | None],
    *,
    key: str,
    max_examples: int | None = None,
) -> Falsified | None:
    """The smallest example `problem` objects to, its objection and the parser's crash if any.

    `problem` returns lines saying what is wrong, or None; a `CheckFailed` it raises (the
    parser crashed) is an objection too. Runs under the active Hypothesis profile
    (`--hypothesis-profile`), without deadlines or slowness health checks: a conformance
    check never fails for time. `max_examples` lowers the profile's number of examples (client
    mode: each example is an HTTP request).
    """
    found: list[Falsified] = []

    def prop(example: list[bytes]) -> None:
        lines, cause = _objection(problem, example)
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
        max_examples=min(current.max_examples, max_examples or current.max_examples),
        suppress_health_check=[
            *current.suppress_health_check,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    try:
        profile(given(strategy)(prop))()
    except _Falsified:
        return _one_cut(found[-1], problem)  # Hypothesis replays the shrunk example last
    except Flaky:  # it failed once, not when replayed: client mode over a real socket, or a stateful parser
        if not found:
            raise
        example, lines, cause = found[-1]
        return example, [*lines, "  (this chunking failed once but not when Hypothesis replayed it)"], cause
    return None
