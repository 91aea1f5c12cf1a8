"""The `error_class` check: where the parser *raised* for a body whose reading is incomplete, the
exception is of the class the suite declares for that body's cause (`AdapterSuite.error_classes`).

Why a check of its own: every other check accepts any of the suite's `typed_errors` where the
expected message is incomplete ("an error" is enough), but callers branch on the class. A
mid-stream `overloaded_error` raised as a generic error never reaches the retry that catches
`OverloadedError`; a cut body raised as a JSON error is not an incomplete stream.

The cause of a body, as the keys of `error_classes` name it (the first key the suite declares
decides): for a body whose expected message carries an error, that error's `type`
(`overloaded_error`, `rate_limit_error`, `server_error`…), then in client mode `http_<status>` and
`http_error` for an answer with an error status, then `error` for any vendor error; for a body cut
before its terminator with no error (a `truncated` cassette, and the cuts of complete bodies the
truncation checks feed), `truncated`. A parser that returns a Message instead passes: the other
checks judge the message. A body the suite declares no class for is not judged.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from conformance.formats.cassettes import Cassette
from conformance.suite.bodies import canonical_body, truncated_bodies
from conformance.suite.checks.judging import Case, failure
from conformance.suite.checks.target import Target, run_parser
from conformance.suite.checks.vocabulary import CheckFailed, CheckSkipped, Problem
from conformance.suite.diff import clip

ANY_ERROR = "error"
"""The key for any vendor error the suite names no class for by its type."""
TRUNCATED = "truncated"
"""The key for a body cut before its terminator, with no error in it."""
HTTP_ERROR = "http_error"
"""Client mode: the key for any error status the suite names no class for by `http_<status>`."""

ErrorClasses = Mapping[str, tuple[type[BaseException], ...]]
"""Cause key -> the exception classes a raise for that cause must be an instance of."""


def error_classes_of(owner: str, declared: object) -> dict[str, tuple[type[BaseException], ...]]:
    """`declared` (a suite's `error_classes`) with each value as a tuple of classes; `TypeError`
    naming `owner` and the key for anything that is not a mapping of str to an exception class
    or a non-empty tuple of them. Keys are not checked against a list: vendors name their own."""
    if not isinstance(declared, Mapping):
        raise TypeError(
            f"{owner}.error_classes is {type(declared).__name__}; expected a dict of cause -> exception class"
        )
    out: dict[str, tuple[type[BaseException], ...]] = {}
    for key, value in declared.items():
        classes = value if isinstance(value, tuple) else (value,)
        if not isinstance(key, str) or not classes or not all(_is_exception_class(c) for c in classes):
            raise TypeError(
                f"{owner}.error_classes[{key!r}] is {value!r}; expected a str key and an exception "
                "class (a subclass of BaseException) or a non-empty tuple of them"
            )
        out[key] = classes
    return out


def _is_exception_class(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, BaseException)


@dataclass(frozen=True)
class JudgedBody:
    """A body the check may judge: what a failure calls it (empty: the cassette's own body), its
    bytes, the cause keys it answers to in order, and why it has that cause."""

    label: str
    body: bytes
    keys: tuple[str, ...]
    why: str


def judged_bodies(cassette: Cassette, *, client: bool, unsupported: Collection[str] = ()) -> list[JudgedBody]:
    """The bodies of `cassette` whose reading is incomplete, each with its cause keys: the
    cassette's own body if its expected message is incomplete, else the truncation checks' cuts
    (none where the suite declares `truncated` unsupported)."""
    expected = cassette.expected
    if expected is not None and not expected.complete:
        error = expected.error
        if error is None:
            keys, why = (TRUNCATED,), "the body is cut before its terminator, with no error in it"
        else:
            http = (f"http_{cassette.status}", HTTP_ERROR) if client and cassette.status >= 400 else ()
            typed = (error["type"],) if error.get("type") else ()
            keys = tuple(dict.fromkeys((*typed, *http, ANY_ERROR)))
            why = f"the expected message's error type is {error.get('type')!r}" + (
                f", the HTTP status {cassette.status}" if http else ""
            )
        return [JudgedBody("", canonical_body(cassette), keys, why)]
    if TRUNCATED in unsupported:
        return []
    why = "the body is cut before its terminator, with no error in it"
    return [JudgedBody(label, body, (TRUNCATED,), why) for label, body in truncated_bodies(cassette)]


def declared_key(keys: tuple[str, ...], classes: ErrorClasses) -> str | None:
    """The first of `keys` the suite declares a class for (None: the body is not judged)."""
    return next((key for key in keys if key in classes), None)


def has_incomplete_body(cassette: Cassette) -> bool:
    """Where the check can apply: an incomplete expected message, or bodies cut short."""
    expected = cassette.expected
    return (expected is not None and not expected.complete) or bool(truncated_bodies(cassette))


def declares_a_cause(
    classes: ErrorClasses, cassette: Cassette, *, client: bool, unsupported: Collection[str] = ()
) -> bool:
    """Whether the suite declares a class for some body of `cassette` (else it has no case)."""
    bodies = judged_bodies(cassette, client=client, unsupported=unsupported)
    return any(declared_key(judged.keys, classes) is not None for judged in bodies)


def _class_names(classes: tuple[type[BaseException], ...], qualified: bool = False) -> str:
    names = [f"{c.__module__}.{c.__qualname__}" if qualified else c.__qualname__ for c in classes]
    return names[0] if len(names) == 1 else f"one of ({', '.join(names)})"


def check_error_class(target: Target, case: Case) -> None:
    """Each body of the case the suite declares a class for: if the parser raised, it raised that class."""
    __tracebackhide__ = True
    cassette, classes = case.cassette, target.error_classes
    for judged in judged_bodies(cassette, client=target.client is not None, unsupported=target.unsupported):
        key = declared_key(judged.keys, classes)
        if key is None:
            continue
        try:
            outcome = run_parser(target, [judged.body])
        except CheckFailed:  # not a typed error: `whole` or the truncation checks report it
            raise CheckSkipped(f"{target.verb} crashed on this body (another check reports it)") from None
        raised = outcome.error
        if raised is None or isinstance(raised, classes[key]):
            continue
        wanted = _class_names(classes[key])
        headline = (
            f"{judged.label + ' ' if judged.label else ''}raised {type(raised).__qualname__}: "
            f"{clip(str(raised), 120)}; expected {wanted} (error_classes[{key!r}])"
        )
        lines = [
            f"  cause:    {key} ({judged.why}; the keys in order: {', '.join(judged.keys)})",
            f"  expected: an instance of {_class_names(classes[key], qualified=True)}",
            f"  got:      {type(raised).__module__}.{type(raised).__qualname__}: {clip(str(raised), 200)}",
        ]
        raise failure("error_class", cassette, headline, Problem(key, lines))
