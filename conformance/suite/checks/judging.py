"""Cases (one check on one cassette) and judging an outcome: against the expected message on
the fields a check owns, or against the parser's own result on the unperturbed body."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from conformance.formats.cassettes import Cassette
from conformance.formats.provenance import describe as describe_provenance
from conformance.generate.cases import is_generated
from conformance.suite.bodies import (
    canonical_body,
    mid_stream_bodies,
)
from conformance.suite.checks.target import Outcome, Target, run_parser
from conformance.suite.checks.vocabulary import (
    COMPARED_FIELDS,
    FEATURE_FIELD_CHECKS,
    FIELD_CHECKS,
    CheckFailed,
    CheckSkipped,
    Problem,
)
from conformance.suite.diff import (
    clip,
    first_difference,
    project,
)

if TYPE_CHECKING:
    from conformance.suite.checks.registry import Check


def check_named(check_id: str) -> Check:
    """The registry's entry for `check_id` (imported here, late: the registry imports every
    module of checks, this one included)."""
    from conformance.suite.checks.registry import CHECKS_BY_ID

    return CHECKS_BY_ID[check_id]


def compares_expected(check: Check) -> bool:
    """Whether `check` compares with the expected message on the fields it owns per cassette
    (`whole`, the field checks, `error`, `signatures`...), rather than on fixed fields."""
    from conformance.suite.checks.body_checks import check_expected  # it imports this module

    return check.run is check_expected


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
    if compares_expected(check):
        owners = field_owners(cassette)
        return tuple(name for name in COMPARED_FIELDS if owners[name] == check.id)
    return check.fields


def applies(check: Check, cassette: Cassette) -> bool:
    """Whether `check` has something to check on `cassette` (the `generated` check runs on the
    vendor's stand-in cassette, and nothing else does)."""
    if is_generated(cassette) != (check.id == "generated"):
        return False
    return check.applies(cassette) and (
        not compares_expected(check) or bool(compared_fields(check, cassette))
    )


def fields_for(target: Target, check: Check, cassette: Cassette) -> tuple[str, ...]:
    return tuple(name for name in compared_fields(check, cassette) if name not in target.masked)


def expected_of(cassette: Cassette) -> dict[str, Any] | None:
    expected = cassette.expected
    return expected.to_dict() if expected is not None else None


def differs(expected: Mapping[str, Any], got: Mapping[str, Any], fields: Sequence[str]) -> Problem | None:
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
    return differs(declared.expected(dict(expected), vendor), declared.got(outcome.message, vendor), fields)


def judge_same(target: Target, own: Outcome, outcome: Outcome, fields: Sequence[str]) -> Problem | None:
    """Why `outcome` differs from the parser's `own` result on the unperturbed body (None: it does not)."""
    if own.error is not None or outcome.error is not None:
        if own.error is not None and outcome.error is not None:
            return _different_class(own.error, outcome.error)
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
    problem = differs(declared.got(own.message, vendor), declared.got(outcome.message, vendor), fields)
    if problem is None:
        return None
    lines = [
        line.replace("  expected:", "  one chunk:", 1).replace("  got:     ", "  this body:", 1)
        for line in problem.lines
    ]
    return Problem(problem.field, lines)


def _different_class(own: BaseException, raised: BaseException) -> Problem | None:
    """Both raised: the same class is the same outcome (messages may differ, a position in
    one, say); another class is not. A library's callers catch by class, so an error whose
    class hangs on where the network cut the body is caught on one run and not the next."""
    if type(own) is type(raised):
        return None

    def named(exc: BaseException) -> str:
        return f"raised {type(exc).__module__}.{type(exc).__qualname__}: {clip(str(exc), 160)}"

    return Problem(
        "raised",
        [
            "a different error class than for the body in one chunk",
            f"  body in one chunk: {named(own)}",
            f"  this body:         {named(raised)}",
        ],
    )


def failure(check: str, cassette: Cassette, headline: str, problem: Problem) -> CheckFailed:
    return CheckFailed("\n".join([f"{check}: {cassette.id}: {headline}", *problem.lines]), problem.field)


def provenance_lines(cassette: Cassette, problem: Problem) -> list[str]:
    """Where the expected message came from, when a value differs from it (not when the parser
    raised): a verdict against a `reference` expected is not independent of the kit."""
    if problem.field.startswith("raised"):
        return []
    return [f"  expected message provenance: {describe_provenance(cassette.provenance)}"]


def own_outcome(target: Target, case: Case) -> Outcome:
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
