"""The Hypothesis search behind every check that splits a body: the smallest chunking a
check objects to, under the kit's own profile, with no deadline (a check never fails for time)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky

from conformance.suite.checks.vocabulary import CheckFailed, Problem
from conformance.suite.strategies import suite_settings

# -- Hypothesis -------------------------------------------------------------------------------


class FoundExample(Exception):
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
        lines, cause = objection(problem, two)
        if lines is not None:
            return two, lines, cause
    return found


def objection(
    problem: Callable[[list[bytes]], Problem | None], chunks: list[bytes]
) -> tuple[Problem | None, BaseException | None]:
    """What `problem` says of `chunks`; a `CheckFailed` it raises (the parser crashed) is an
    objection too, with the crash as its cause."""
    try:
        return problem(chunks), None
    except CheckFailed as exc:
        return Problem(exc.field, str(exc).splitlines()), exc.__cause__


def check_settings(max_examples: int | None = None) -> settings:
    """The kit's profile, passed explicitly (the user's own stays theirs), with no deadline and no
    slowness health checks: a conformance check never fails for time.

    Without Hypothesis's `explain` phase: after shrinking it reruns the test on variants of the
    shrunk example to annotate Hypothesis's own report (which parts of the input mattered), but
    a check reports the example in its own words and drops that report; the phase cost ~14% of
    a failing `generated` check (9 of 68 s under cProfile) and changes nothing it prints."""
    current = suite_settings()
    return settings(
        current,
        deadline=None,
        phases=[phase for phase in current.phases if phase is not Phase.explain],
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
        lines, cause = objection(problem, example)
        if lines is not None:
            found.append((example, lines, cause))
            raise FoundExample

    # One database entry per check and cassette, as Hypothesis's pytest plugin does per test id.
    prop._hypothesis_internal_add_digest = key.encode()  # type: ignore[attr-defined]
    try:
        check_settings(max_examples)(given(strategy)(prop))()
    except FoundExample:
        return _one_cut(found[-1], problem)  # Hypothesis replays the shrunk example last
    except Flaky:  # it failed once, not when replayed: client mode over a real socket, or a stateful parser
        if not found:
            raise
        example, lines, cause = found[-1]
        note = "  (this chunking failed once but not when Hypothesis replayed it)"
        return example, Problem(lines.field, [*lines.lines, note]), cause
    return None
