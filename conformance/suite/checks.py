"""The conformance checks as plain code: what each asserts, on which cassettes, and how it fails.

Strategy: a *case* is one check on one cassette. `applies(check, cassette)` says whether a
check has something to check on a cassette (each `CHECKS` entry says where it applies);
`run_case(target, case)` runs one and raises `CheckFailed` with a message of a few lines:
the cassette, the chunking that broke it (shrunk by Hypothesis), the first field that
differs, expected vs got, and the cause's field path for reports to group by.

One cause, one failure: the checks that compare with the expected message each own some of
its fields on each cassette (`field_owners`), and every check that perturbs the body (split,
keep-alives, line endings, snapshots) compares with the parser's *own* result on the
unperturbed body, so a parser that is consistently wrong fails one check per cassette. The
unperturbed body is the *canonical* one (`bodies.canonical_body`: keep-alives removed), and
the suite's declared differences (`conformance.suite.declared`) are applied before comparing.

A `Target` is the parser as the checks see it: a plain function from chunks to a Message
(`conformance.suite.aio` makes async parsers into one, and `conformance.suite.client_mode` makes a
whole HTTP client into one). Nothing here needs pytest.

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
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import Any, Protocol

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky

from conformance.errors import ConformanceError
from conformance.formats.cassettes import Cassette
from conformance.formats.provenance import describe as describe_provenance
from conformance.generate.cases import is_generated
from conformance.message import Message
from conformance.suite.bodies import (
    canonical_body,
    keepalive_bodies,
    line_ending_bodies,
    mid_stream_bodies,
    truncated_bodies,
)
from conformance.suite.declared import NORMAL_STOP_REASONS, Declared
from conformance.suite.diff import (
    TOOL_CALL_SIGNATURES,
    clip,
    count_chunks,
    describe_chunking,
    first_difference,
    names_of,
    project,
    show,
)
from conformance.suite.liveness import LIVE_FIELDS, WatchedChunks, liveness_problem
from conformance.suite.strategies import chunkings, suite_settings

# -- vocabulary -------------------------------------------------------------------------------

SIGNATURE_FIELDS = ("signatures", TOOL_CALL_SIGNATURES)
"""Reasoning signatures and each tool call's signature: the `signatures` check's alone (a
projected `tool_calls` leaves each call's `signature` out, see `diff.project`)."""

COMPARED_FIELDS = (*(f.name for f in dataclasses.fields(Message) if f.name != "vendor"), TOOL_CALL_SIGNATURES)
"""`Message` fields the checks compare (`vendor` names the adapter, not the stream), and the
tool calls' signatures apart from the calls."""

FIELD_CHECKS: Mapping[str, tuple[str, ...]] = {
    "tool_args": ("tool_calls",),
    "text": ("text",),
    "reasoning": ("reasoning",),
    "usage": ("usage",),
    "stop_reason": ("stop_reason", "vendor_stop_reason"),
    "signatures": SIGNATURE_FIELDS,
}
"""Checks that own a field of the expected message on every cassette; `whole` owns the rest."""

FEATURE_FIELD_CHECKS: Mapping[str, tuple[str, ...]] = {
    "server_tools": ("server_tool_calls", "server_tool_results"),
    "citations": ("citations",),
}
"""Checks that own fields only on cassettes with the feature of the same name (elsewhere
`whole` owns them, so a parser that invents server tool calls or citations still fails)."""

MASKS = {
    "text": ("text",),
    "reasoning": ("reasoning",),
    "refusal": ("refusal",),
    "tool_calls": ("tool_calls",),
    "tool_args": ("tool_calls",),
    "usage": ("usage",),
    "stop_reason": ("stop_reason", "vendor_stop_reason"),
    "server_tools": ("server_tool_calls", "server_tool_results"),
    "citations": ("citations",),
    # a parser that cannot tell a body cut just before its terminator from a complete one (the
    # official SDKs) does not claim `complete`: generated streams cut short are not drawn for it
    "truncated_end": ("complete",),
    "signatures": SIGNATURE_FIELDS,
}
"""An `unsupported` name -> the Message fields no check compares for that suite."""

WHOLE_CASSETTE = frozenset({"error", "truncated", "non_ascii", "parallel_tool_calls", "content_filter"})
"""Unsupported features with no field of their own: a cassette exercising one is skipped whole."""

CHECK_FEATURE = {"tool_args": "tool_calls", "truncated_end": "truncated", "truncated_mid": "truncated"}
"""A check id -> the feature name that, when unsupported, also skips the check."""

ALIASES = {"thinking": "reasoning", "tool_use": "tool_calls"}
"""Other vendors' words accepted in `unsupported`."""


class CheckFailed(AssertionError):
    """A check found the parser wrong; the message is what a person reads first.

    `field` is the cause's field path (`usage.input_tokens`, `complete`, `raised KeyError`):
    reports group failures by check and field.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class CheckSkipped(Exception):
    """Nothing for this case to judge on its own: the parser crashed where another check reports it."""


@dataclass(frozen=True)
class Problem:
    """What a check objects to: the field path of the cause, and the lines that show it."""

    field: str
    lines: list[str]


# -- the parser under test --------------------------------------------------------------------


class Client(Protocol):
    """A whole HTTP client under test (client mode), as the checks see it.

    `fetch` serves a cassette's status and headers with `pieces` as its body, each piece its
    own transfer chunk, runs the client against that server and returns what it returned
    (raising what it raised); `requests` are the (method, path?query) it sent during the last fetch.
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
    by `conformance.suite.aio`); with a `client`, `run_case` binds `parse` to it, case by case.
    `declared` holds the suite's declared differences, applied before every comparison.
    """

    label: str
    vendor: str
    parse: Callable[[Iterable[bytes]], Any]
    parse_incremental: Callable[[Iterable[bytes]], Iterable[Any]] | None = None
    masked: frozenset[str] = frozenset()
    typed_errors: tuple[type[BaseException], ...] = (ConformanceError,)
    client: Client | None = None
    declared: Declared = field(default_factory=Declared)
    unsupported: frozenset[str] = frozenset()
    """The suite's `unsupported` names (aliases resolved): what generated streams leave out."""

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
            raise CheckFailed(
                f"{verb} returned a dict that is not a Message: {exc}", "returned no Message"
            ) from None
    raise CheckFailed(
        f"{verb} returned {type(value).__name__}; expected a conformance.Message "
        "or a dict in Message.to_dict() form",
        "returned no Message",
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
            f"{names_of(target.typed_errors)})",  # pytest shows the traceback; reports have none to point at
            f"raised {type(exc).__name__}",
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
        raise CheckFailed(
            f"parse_incremental raised {type(exc).__name__}: {clip(str(exc), 200)}",
            f"raised {type(exc).__name__}",
        ) from exc
    return out, Outcome(message=out[-1] if out else None)


# -- cases and what each compares ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One check on one cassette; `unsupported` says why the suite does not claim it (or None);
    `declared` lists the suite's declared differences that apply to what it compares."""

    check: str
    cassette: Cassette
    unsupported: str | None = None
    declared: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.cassette.id

    def __repr__(self) -> str:  # pytest shows it beside a crash; the cassette's repr is long
        return f"Case({self.check!r}, {self.id!r})"


def field_owners(cassette: Cassette) -> dict[str, str]:
    """Which check compares each field of the expected message on `cassette`: one owner per
    field, so that one wrong field fails one check (the field checks, `error` on error cassettes,
    the truncation checks on a body recorded cut short, and `whole` for the rest)."""
    owners = dict.fromkeys(COMPARED_FIELDS, "whole")
    for check_id, names in FIELD_CHECKS.items():
        owners.update(dict.fromkeys(names, check_id))
    for check_id, names in FEATURE_FIELD_CHECKS.items():
        if check_id in cassette.features:
            owners.update(dict.fromkeys(names, check_id))
    if "error" in cassette.features:
        owners["error"] = owners["complete"] = "error"
    if "truncated" in cassette.features:
        owners["complete"] = "truncated_end"
        if mid_stream_bodies(cassette):
            owners["stop_reason"] = "truncated_mid"
    return owners


def compared_fields(check: Check, cassette: Cassette) -> tuple[str, ...]:
    """The fields `check` compares on `cassette` (before the suite's `unsupported` masks any)."""
    if check.run is check_expected:
        owners = field_owners(cassette)
        return tuple(name for name in COMPARED_FIELDS if owners[name] == check.id)
    return check.fields


def applies(check: Check, cassette: Cassette) -> bool:
    """Whether `check` has something to check on `cassette` (the `generated` check runs on the
    vendor's stand-in cassette, and nothing else does)."""
    if is_generated(cassette) != (check.id == "generated"):
        return False
    return check.applies(cassette) and (
        check.run is not check_expected or bool(compared_fields(check, cassette))
    )


def _fields(target: Target, check: Check, cassette: Cassette) -> tuple[str, ...]:
    return tuple(name for name in compared_fields(check, cassette) if name not in target.masked)


def _expected(cassette: Cassette) -> dict[str, Any] | None:
    expected = cassette.expected
    return expected.to_dict() if expected is not None else None


def _diff(expected: Mapping[str, Any], got: Mapping[str, Any], fields: Sequence[str]) -> Problem | None:
    found = first_difference(project(expected, fields), project(got, fields))
    return None if found is None else Problem(found.path, found.lines())


def judge_expected(
    target: Target, outcome: Outcome, expected: Mapping[str, Any], fields: Sequence[str]
) -> Problem | None:
    """Why `outcome` is wrong against the expected message on `fields` (None: it is right).

    A typed error is right for a body whose expected message is incomplete.
    """
    if outcome.error is not None:
        if not expected.get("complete"):
            return None
        return Problem(
            f"raised {type(outcome.error).__name__}",
            [
                "the parser raised on a complete body",
                "  expected: a Message",
                f"  got:      {outcome.describe()}",
            ],
        )
    assert outcome.message is not None
    declared, vendor = target.declared, target.vendor
    return _diff(declared.expected(dict(expected), vendor), declared.got(outcome.message, vendor), fields)


def judge_same(target: Target, own: Outcome, outcome: Outcome, fields: Sequence[str]) -> Problem | None:
    """Why `outcome` differs from the parser's `own` result on the unperturbed body (None: it does not)."""
    if own.error is not None or outcome.error is not None:
        if own.error is not None and outcome.error is not None:
            return None
        return Problem(
            "raised" if outcome.error is not None else "returned a Message",
            [
                "a different outcome than for the body in one chunk",
                f"  body in one chunk: {own.describe()}",
                f"  this body:         {outcome.describe()}",
            ],
        )
    assert own.message is not None and outcome.message is not None
    declared, vendor = target.declared, target.vendor
    problem = _diff(declared.got(own.message, vendor), declared.got(outcome.message, vendor), fields)
    if problem is None:
        return None
    lines = [
        line.replace("  expected:", "  one chunk:", 1).replace("  got:     ", "  this body:", 1)
        for line in problem.lines
    ]
    return Problem(problem.field, lines)


def _fail(check: str, cassette: Cassette, headline: str, problem: Problem) -> CheckFailed:
    return CheckFailed("\n".join([f"{check}: {cassette.id}: {headline}", *problem.lines]), problem.field)


def _provenance(cassette: Cassette, problem: Problem) -> list[str]:
    """Where the expected message came from, when a value differs from it (not when the parser
    raised): a verdict against a `reference` expected is not independent of the kit."""
    if problem.field.startswith("raised"):
        return []
    return [f"  expected message provenance: {describe_provenance(cassette.provenance)}"]


def _own(target: Target, case: Case) -> Outcome:
    """The parser's own result on the canonical body in one chunk: what invariance checks compare
    with. If the parser crashed on it, `whole` reports the crash (where it applies) and this case
    is skipped, so one crash is one failure."""
    __tracebackhide__ = True
    try:
        return run_parser(target, [canonical_body(case.cassette)])
    except CheckFailed:
        if case.cassette.expected is None:
            raise
        raise CheckSkipped(
            f"{target.verb} crashed on the body in one chunk (the whole check reports it)"
        ) from None


# -- the checks -------------------------------------------------------------------------------

HEADLINES = {"error": "the mid-stream error did not surface"}
"""A check's headline where it is not "the body in one chunk gives a different result"."""


def check_expected(target: Target, case: Case) -> None:
    """`whole`, the field checks and `error`: the canonical body in one chunk against the
    expected message, on the fields this check owns on this cassette (`field_owners`)."""
    __tracebackhide__ = True
    check, cassette = CHECKS_BY_ID[case.check], case.cassette
    expected = _expected(cassette)
    assert expected is not None
    try:
        outcome = run_parser(target, [canonical_body(cassette)])
    except CheckFailed:
        if check.id == "whole":
            raise
        raise CheckSkipped(f"{target.verb} crashed on this body (the whole check reports it)") from None
    problem = judge_expected(target, outcome, expected, _fields(target, check, cassette))
    if problem is not None and problem.field.startswith("raised") and check.id != "whole":
        raise CheckSkipped(f"{target.verb} raised on this complete body (the whole check reports it)")
    if problem is not None:
        raise _fail(
            check.id,
            cassette,
            HEADLINES.get(check.id, "the body in one chunk gives a different result"),
            Problem(problem.field, [*problem.lines, *_provenance(cassette, problem)]),
        )


def check_split(target: Target, case: Case) -> None:
    """Any chunking (the recorded one first, then Hypothesis's) gives what the body in one chunk gives."""
    __tracebackhide__ = True
    cassette = case.cassette
    body = canonical_body(cassette)
    own = _own(target, case)
    fields = _fields(target, CHECKS_BY_ID["split"], cassette)

    def problem(chunks: list[bytes]) -> Problem | None:
        return judge_same(target, own, run_parser(target, chunks), fields)

    recorded = cassette.recorded_chunks()
    if len(recorded) > 1 and body == cassette.body:
        lines, cause = _objection(problem, recorded)
        if lines is not None:
            raise _fail(
                "split",
                cassette,
                f"the {len(recorded)} chunks it was recorded in give a different result",
                Problem(lines.field, [*describe_chunking(body, recorded), *lines.lines]),
            ) from cause
    strategy, examples = (
        (target.client.chunkings(body), target.client.max_examples)
        if target.client is not None
        else (chunkings(body), None)
    )
    found = falsify(strategy, problem, key=f"split {target.label} {cassette.id}", max_examples=examples)
    if found is not None:
        chunks, lines, cause = found
        raise _fail(
            "split",
            cassette,
            f"a split into {count_chunks(chunks)} gives a different result (shrunk by Hypothesis)",
            Problem(lines.field, [*describe_chunking(body, chunks), *lines.lines]),
        ) from cause


def _check_variants(target: Target, case: Case, variants: list[tuple[str, bytes]], headline: str) -> None:
    __tracebackhide__ = True
    own = _own(target, case)
    fields = _fields(target, CHECKS_BY_ID[case.check], case.cassette)
    canonical = canonical_body(case.cassette)
    for label, body in variants:
        if body == canonical:
            continue
        lines, cause = _objection(
            lambda chunks: judge_same(target, own, run_parser(target, chunks), fields), [body]
        )
        if lines is not None:
            raise _fail(case.check, case.cassette, headline.format(label=label), lines) from cause


def check_keepalive(target: Target, case: Case) -> None:
    """Keep-alives (SSE comments, vendor pings) between events change nothing."""
    __tracebackhide__ = True
    _check_variants(target, case, keepalive_bodies(case.cassette), "keep-alives changed the result ({label})")


def check_line_endings(target: Target, case: Case) -> None:
    """CRLF and lone CR end SSE lines as LF does: the same body with them gives the same Message."""
    __tracebackhide__ = True
    variants = line_ending_bodies(case.cassette)
    _check_variants(target, case, variants, "{label} gives a different result than with LF line endings")


def check_truncated_end(target: Target, case: Case) -> None:
    """Every body cut before its terminator gives `complete: false` or a typed exception."""
    __tracebackhide__ = True
    for label, body in truncated_bodies(case.cassette):
        outcome = run_parser(target, [body])
        if outcome.message is not None and outcome.message["complete"]:
            raise _fail(
                "truncated_end",
                case.cassette,
                f"{label} was reported complete",
                Problem(
                    "complete",
                    [
                        f"  it ends: ...{body[-24:]!r}",
                        "  expected: complete: false, or one of typed_errors "
                        f"{names_of(target.typed_errors)} raised",
                        "  got:      complete: true",
                    ],
                ),
            )


def check_truncated_mid(target: Target, case: Case) -> None:
    """A body cut before the vendor's stop reason does not read as a normal stop."""
    __tracebackhide__ = True
    for label, body in mid_stream_bodies(case.cassette):
        outcome = run_parser(target, [body])
        stop = outcome.message["stop_reason"] if outcome.message is not None else None
        if stop in NORMAL_STOP_REASONS:
            raise _fail(
                "truncated_mid",
                case.cassette,
                f"{label}, before the vendor's stop reason, reads as a normal stop",
                Problem(
                    "stop_reason",
                    [
                        f"  it ends: ...{body[-24:]!r}",
                        "  expected: stop_reason null (or error, cancelled, other), or one of typed_errors "
                        f"{names_of(target.typed_errors)} raised",
                        f"  got:      stop_reason {stop!r}",
                    ],
                ),
            )


def check_request(target: Target, case: Case) -> None:
    """Client mode: the client sent what the vendor requires for this stream (method, path
    with any model or deployment, required query), as `client_mode.RequestShape` says."""
    __tracebackhide__ = True
    from conformance.suite.client_mode import RequestShape  # here: client_mode imports uvicorn

    cassette, client = case.cassette, target.client
    assert client is not None, "the request check runs in client mode only"
    run_parser(target, [cassette.body])
    wanted = RequestShape.of(cassette)
    sent = client.requests()
    if not sent:
        raise _fail("request", cassette, "the client sent no request to base_url", Problem("request", []))
    problems = wanted.problems(*sent[0])
    if problems:
        raise _fail(
            "request",
            cassette,
            "the client's request missed what the vendor requires: " + "; ".join(problems),
            Problem("request", [f"  expected: {wanted}", f"  got:      {' '.join(sent[0])}"]),
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
        # A number still streaming: its text grew. An exponent changes the value's scale as it
        # streams (`6.38e+1` is 63.8, then `6.38e+16`), so compare the significant digits too.
        return (
            bool(before == after)
            or str(after).startswith(str(before))
            or ((before < 0) == (after < 0) and _digits(after).startswith(_digits(before)))
        )
    return bool(before == after)


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
    fields = _fields(target, CHECKS_BY_ID["incremental"], cassette)
    own = _own(target, case)

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
        raise _fail(
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
    expected = _expected(cassette)
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

    fields = _fields(target, CHECKS_BY_ID["liveness"], cassette)
    wanted = declared.expected(dict(expected), vendor)
    problem = liveness_problem(snapshots_of, cassette, wanted, convert, fields)
    if problem is not None:
        raise _fail("liveness", cassette, problem.headline, Problem(problem.field, problem.lines))


def carries_signatures(cassette: Cassette) -> bool:
    """Whether the cassette's expected message has a signature (on a reasoning block or a call)."""
    expected = cassette.expected
    return expected is not None and (
        bool(expected.signatures) or any(call.signature is not None for call in expected.tool_calls)
    )


def _has_content(cassette: Cassette) -> bool:
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
        f for f in _fields(target, CHECKS_BY_ID["generated"], case.cassette) if f not in SIGNATURE_FIELDS
    )
    without: frozenset[str] = frozenset(
        name for name in ("reasoning", "tool_calls", "refusal", "complete") if name in target.masked
    )
    if target.unsupported & {"truncated", "truncated_end"}:  # it cannot tell a stream cut short
        without |= {"complete"}

    @st.composite
    def streams(draw: st.DrawFn) -> tuple[Message, bytes, list[bytes]]:
        message = draw(messages(vendor, without=without))
        body = encode_stream(vendor, message, draw(fragmentations(message)))
        return message, body, draw(chunkings(body))

    found: list[tuple[Message, bytes, list[bytes], Problem, BaseException | None]] = []

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

    def prop(example: tuple[Message, bytes, list[bytes]]) -> None:
        message, body, chunks = example
        problem, cause = _objection(lambda c: judge(message, c), chunks)
        if problem is not None:
            found.append((message, body, chunks, problem, cause))
            raise _Falsified

    prop._hypothesis_internal_add_digest = f"generated {target.label} {vendor}".encode()  # type: ignore[attr-defined]
    try:
        _suite_profile()(given(streams())(prop))()
    except _Falsified:
        message, body, chunks, problem, cause = found[-1]  # Hypothesis replays the shrunk example last
        lines = [
            f"  message: {clip(message.to_json(indent=None), 400)}",
            f"  stream:  {clip(repr(body), 400)}",
            *describe_chunking(body, chunks),
            *problem.lines,
        ]
        raise _fail(
            "generated",
            case.cassette,
            "a generated stream reads differently (message and split shrunk by Hypothesis)",
            Problem(problem.field, lines),
        ) from cause


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


CHECKS = (
    Check(
        "whole",
        "test_whole_body",
        COMPARED_FIELDS,
        "the body in one chunk gives the expected Message (the fields no other check owns)",
        _has_expected,
        check_expected,
    ),
    Check(
        "split",
        "test_split_invariance",
        COMPARED_FIELDS,
        "any chunking gives what the body in one chunk gives",
        _always,
        check_split,
    ),
    Check(
        "tool_args",
        "test_tool_calls",
        FIELD_CHECKS["tool_args"],
        "tool-call ids, names and parsed arguments, parallel calls kept apart",
        _has_expected,
        check_expected,
    ),
    Check(
        "text",
        "test_text",
        FIELD_CHECKS["text"],
        "text concatenated in order, nothing lost or doubled",
        _has_expected,
        check_expected,
    ),
    Check(
        "reasoning",
        "test_reasoning",
        FIELD_CHECKS["reasoning"],
        "reasoning text, in order",
        _has_expected,
        check_expected,
    ),
    Check(
        "usage",
        "test_usage",
        FIELD_CHECKS["usage"],
        "usage as the vendor reported it last",
        _has_expected,
        check_expected,
    ),
    Check(
        "stop_reason",
        "test_stop_reason",
        FIELD_CHECKS["stop_reason"],
        "normalized and vendor stop reasons",
        _has_expected,
        check_expected,
    ),
    Check(
        "server_tools",
        "test_server_tools",
        FEATURE_FIELD_CHECKS["server_tools"],
        "calls the vendor ran itself and their results, kept apart from the client's tool calls",
        lambda c: c.expected is not None and "server_tools" in c.features,
        check_expected,
    ),
    Check(
        "citations",
        "test_citations",
        FEATURE_FIELD_CHECKS["citations"],
        "citations as the vendor sent them, in order",
        lambda c: c.expected is not None and "citations" in c.features,
        check_expected,
    ),
    Check(
        "error",
        "test_error_surfaces",
        ("error", "complete"),
        "a mid-stream error surfaces as `error` (or a typed exception), not as a clean finish",
        lambda c: c.expected is not None and "error" in c.features,
        check_expected,
    ),
    Check(
        "truncated_end",
        "test_truncated_is_incomplete",
        ("complete",),
        "a body cut before its terminator, even just before it, gives complete: false (or a typed exception)",
        lambda c: bool(truncated_bodies(c)),
        check_truncated_end,
    ),
    Check(
        "truncated_mid",
        "test_truncated_mid_stream_is_no_normal_stop",
        ("stop_reason",),
        "a body cut before the vendor's stop reason does not read as a normal stop",
        lambda c: bool(mid_stream_bodies(c)),
        check_truncated_mid,
    ),
    Check(
        "keepalive",
        "test_keepalive_changes_nothing",
        COMPARED_FIELDS,
        "comments, pings and keep-alive events change nothing",
        lambda c: any(body != canonical_body(c) for _, body in keepalive_bodies(c)),
        check_keepalive,
    ),
    Check(
        "line_endings",
        "test_line_endings",
        COMPARED_FIELDS,
        "an LF body with CRLF or lone-CR line endings gives the same Message",
        lambda c: bool(line_ending_bodies(c)),
        check_line_endings,
    ),
    Check(
        "incremental",
        "test_snapshots_grow",
        COMPARED_FIELDS,
        "parse_incremental snapshots only grow and end at what parse gives",
        _always,
        check_incremental,
    ),
    Check(
        "liveness",
        "test_content_arrives_live",
        LIVE_FIELDS,
        "parse_incremental shows each piece of content within a chunk of its arrival, not at the end",
        _has_content,
        check_liveness,
    ),
    Check(
        "signatures",
        "test_signatures_kept",
        FIELD_CHECKS["signatures"],
        "reasoning signatures / encrypted content kept byte for byte, on the right block or call",
        carries_signatures,
        check_expected,
    ),
    Check(
        "generated",
        "test_generated",
        COMPARED_FIELDS,
        "messages drawn by Hypothesis, written as the vendor streams them and split anywhere, read back",
        is_generated,
        check_generated,
    ),
    Check(
        "request",
        "test_request_hits_the_cassette",
        (),
        "client mode: the client's request is what the vendor requires (method, path with any model)",
        _always,
        check_request,
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


# -- Hypothesis -------------------------------------------------------------------------------


class _Falsified(Exception):
    pass


Falsified = tuple[list[bytes], Problem, BaseException | None]
"""What `falsify` found: the failing chunking, what is wrong with it, and the parser's crash if any."""


def _one_cut(found: Falsified, problem: Callable[[list[bytes]], Problem | None]) -> Falsified:
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
    problem: Callable[[list[bytes]], Problem | None], chunks: list[bytes]
) -> tuple[Problem | None, BaseException | None]:
    """What `problem` says of `chunks`; a `CheckFailed` it raises (the parser crashed) is an
    objection too, with the crash as its cause."""
    try:
        return problem(chunks), None
    except CheckFailed as exc:
        return Problem(exc.field, str(exc).splitlines()), exc.__cause__


def _suite_profile(max_examples: int | None = None) -> settings:
    """The kit's profile, passed explicitly (the user's own stays theirs), with no deadline and no
    slowness health checks: a conformance check never fails for time."""
    current = suite_settings()
    return settings(
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


def falsify(
    strategy: st.SearchStrategy[list[bytes]],
    problem: Callable[[list[bytes]], Problem | None],
    *,
    key: str,
    max_examples: int | None = None,
) -> Falsified | None:
    """The smallest example `problem` objects to, its objection and the parser's crash if any.

    `problem` returns a `Problem` saying what is wrong, or None; a `CheckFailed` it raises (the
    parser crashed) is an objection too. Runs under the kit's Hypothesis profile
    (`conformance.suite.strategies.suite_settings`), without deadlines or slowness health checks:
    a conformance check never fails for time. `max_examples` lowers the profile's number of examples (client
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
    try:
        _suite_profile(max_examples)(given(strategy)(prop))()
    except _Falsified:
        return _one_cut(found[-1], problem)  # Hypothesis replays the shrunk example last
    except Flaky:  # it failed once, not when replayed: client mode over a real socket, or a stateful parser
        if not found:
            raise
        example, lines, cause = found[-1]
        note = "  (this chunking failed once but not when Hypothesis replayed it)"
        return example, Problem(lines.field, [*lines.lines, note]), cause
    return None
