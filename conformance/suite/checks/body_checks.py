"""The checks that feed a parser the cassette's body, whole or perturbed: `whole` and the field
checks, `split`, `keepalive`, `line_endings`, the two truncations and client mode's `request`."""

from __future__ import annotations

from conformance.suite.bodies import (
    canonical_body,
    keepalive_bodies,
    line_ending_bodies,
    mid_stream_bodies,
    truncated_bodies,
)
from conformance.suite.checks.falsify import falsify, objection
from conformance.suite.checks.judging import (
    HEADLINES,
    Case,
    check_named,
    expected_of,
    failure,
    fields_for,
    judge_expected,
    judge_same,
    own_outcome,
    provenance_lines,
)
from conformance.suite.checks.target import Target, run_parser
from conformance.suite.checks.vocabulary import CheckFailed, CheckSkipped, Problem
from conformance.suite.declared import NORMAL_STOP_REASONS
from conformance.suite.diff import (
    count_chunks,
    describe_chunking,
    names_of,
)
from conformance.suite.strategies import chunkings


def check_expected(target: Target, case: Case) -> None:
    """`whole`, the field checks and `error`: the canonical body in one chunk against the
    expected message, on the fields this check owns on this cassette (`field_owners`)."""
    __tracebackhide__ = True
    check, cassette = check_named(case.check), case.cassette
    expected = expected_of(cassette)
    assert expected is not None
    try:
        outcome = run_parser(target, [canonical_body(cassette)])
    except CheckFailed:
        if check.id == "whole":
            raise
        raise CheckSkipped(f"{target.verb} crashed on this body (the whole check reports it)") from None
    problem = judge_expected(target, outcome, expected, fields_for(target, check, cassette))
    if problem is not None and problem.field.startswith("raised") and check.id != "whole":
        raise CheckSkipped(f"{target.verb} raised on this complete body (the whole check reports it)")
    if problem is not None:
        raise failure(
            check.id,
            cassette,
            HEADLINES.get(check.id, "the body in one chunk gives a different result"),
            Problem(problem.field, [*problem.lines, *provenance_lines(cassette, problem)]),
        )


def check_split(target: Target, case: Case) -> None:
    """Any chunking (the recorded one first, then Hypothesis's) gives what the body in one chunk gives."""
    __tracebackhide__ = True
    cassette = case.cassette
    body = canonical_body(cassette)
    own = own_outcome(target, case)
    fields = fields_for(target, check_named("split"), cassette)

    def problem(chunks: list[bytes]) -> Problem | None:
        return judge_same(target, own, run_parser(target, chunks), fields)

    recorded = cassette.recorded_chunks()
    if len(recorded) > 1 and body == cassette.body:
        lines, cause = objection(problem, recorded)
        if lines is not None:
            raise failure(
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
        raise failure(
            "split",
            cassette,
            f"a split into {count_chunks(chunks)} gives a different result (shrunk by Hypothesis)",
            Problem(lines.field, [*describe_chunking(body, chunks), *lines.lines]),
        ) from cause


def _check_variants(target: Target, case: Case, variants: list[tuple[str, bytes]], headline: str) -> None:
    __tracebackhide__ = True
    own = own_outcome(target, case)
    fields = fields_for(target, check_named(case.check), case.cassette)
    canonical = canonical_body(case.cassette)
    for label, body in variants:
        if body == canonical:
            continue
        lines, cause = objection(
            lambda chunks: judge_same(target, own, run_parser(target, chunks), fields), [body]
        )
        if lines is not None:
            raise failure(case.check, case.cassette, headline.format(label=label), lines) from cause


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
            raise failure(
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
            raise failure(
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
        raise failure("request", cassette, "the client sent no request to base_url", Problem("request", []))
    problems = wanted.problems(*sent[0])
    if problems:
        raise failure(
            "request",
            cassette,
            "the client's request missed what the vendor requires: " + "; ".join(problems),
            Problem("request", [f"  expected: {wanted}", f"  got:      {' '.join(sent[0])}"]),
        )
