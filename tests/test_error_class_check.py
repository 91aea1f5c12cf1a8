"""The `error_class` check (conformance.suite.checks.error_classes): where a parser raises for an
error or a cut body, the class it raised is the one the suite declares for that body's cause;
the suite's `error_classes` validated and counted as typed errors; opt-in, one cause one check."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

import httpx
import pytest

import conformance
from conformance.errors import ConformanceError, StreamError
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.message import Message
from conformance.suite.adapter_suite import AdapterSuite, target_of
from conformance.suite.cases import cases_for
from conformance.suite.checks import (
    CHECKS,
    CHECKS_BY_ID,
    Case,
    CheckFailed,
    CheckSkipped,
    Target,
    applies,
    cause_of,
    error_classes_of,
    judged_bodies,
    run_case,
)
from conformance.suite.client_mode import HttpClient


class OverloadedError(Exception):
    """A library's class for Anthropic's overloaded_error (not a ConformanceError)."""


class RetryableError(Exception):
    """A library's base class of what may be retried."""


class RateLimited(RetryableError):
    pass


class IncompleteStreamError(ConformanceError):
    """A library's class for a body cut before its terminator."""


def cassette(vendor: str, scenario: str) -> Cassette:
    (found,) = [c for c in load_cassettes(vendor=vendor) if c.scenario == scenario]
    return found


OVERLOADED = cassette("anthropic", "error_overloaded")
TEXT = cassette("anthropic", "text")
CUT = cassette("anthropic", "truncated")
RATE_LIMITED = cassette("mistral", "rate_limited")  # HTTP 429, error type rate_limited


def target(parse: Any, classes: dict[str, Any], vendor: str = "anthropic") -> Target:
    declared = error_classes_of("TestSuite", classes)
    typed = (ConformanceError, *(c for cs in declared.values() for c in cs))
    return Target(label="t", vendor=vendor, parse=parse, typed_errors=typed, error_classes=declared)


def raising(exc_type: type[BaseException], vendor: str = "anthropic") -> Any:
    """The kit's parser, raising `exc_type` for every body that reads as incomplete."""

    def parse(chunks: Iterable[bytes]) -> Message:
        message = conformance.parse(vendor, chunks)
        if not message.complete:
            raise exc_type(message.error["message"] if message.error else "the stream was cut")
        return message

    return parse


# -- judging ------------------------------------------------------------------------------------


def test_a_generic_typed_error_for_a_declared_cause_fails_naming_cause_class_and_what_was_raised() -> None:
    with pytest.raises(CheckFailed) as failed:
        run_case(
            target(raising(StreamError), {"overloaded_error": OverloadedError}),
            Case("error_class", OVERLOADED),
        )
    text = str(failed.value)
    assert text.splitlines()[0] == (
        "error_class: anthropic/error_overloaded: raised StreamError: Overloaded; "
        "expected OverloadedError (error_classes['overloaded_error'])"
    )
    assert "cause:    overloaded_error (the expected message's error type is 'overloaded_error'" in text
    assert f"expected: an instance of {__name__}.OverloadedError" in text
    assert "got:      conformance.errors.StreamError: Overloaded" in text
    assert cause_of("error_class", failed.value.field) == "error_class: overloaded_error"


def test_the_declared_class_or_a_subclass_of_it_passes() -> None:
    run_case(
        target(raising(OverloadedError), {"overloaded_error": OverloadedError}),
        Case("error_class", OVERLOADED),
    )
    run_case(
        target(raising(RateLimited), {"overloaded_error": RetryableError}), Case("error_class", OVERLOADED)
    )


def test_a_tuple_accepts_any_of_its_classes_and_names_them_all_when_none_matches() -> None:
    classes = {"overloaded_error": (OverloadedError, RetryableError)}
    run_case(target(raising(RateLimited), classes), Case("error_class", OVERLOADED))
    with pytest.raises(CheckFailed, match=r"expected one of \(OverloadedError, RetryableError\)"):
        run_case(target(raising(StreamError), classes), Case("error_class", OVERLOADED))


def test_a_returned_message_passes_the_other_checks_judge_it() -> None:
    parse = lambda chunks: conformance.parse("anthropic", chunks)  # noqa: E731
    run_case(target(parse, {"overloaded_error": OverloadedError}), Case("error_class", OVERLOADED))


def test_error_is_the_fallback_for_a_type_the_suite_does_not_name_and_the_type_comes_first() -> None:
    with pytest.raises(CheckFailed, match=r"expected OverloadedError \(error_classes\['error'\]\)"):
        run_case(target(raising(StreamError), {"error": OverloadedError}), Case("error_class", OVERLOADED))
    # the type's own entry wins over the fallback
    run_case(
        target(raising(OverloadedError), {"error": RateLimited, "overloaded_error": OverloadedError}),
        Case("error_class", OVERLOADED),
    )


def test_a_cut_body_is_judged_against_truncated_and_the_failure_says_where_it_was_cut() -> None:
    with pytest.raises(CheckFailed) as failed:
        run_case(
            target(raising(StreamError), {"truncated": IncompleteStreamError}), Case("error_class", TEXT)
        )
    headline = str(failed.value).splitlines()[0]
    assert headline.startswith("error_class: anthropic/text: the body cut at byte ")
    assert headline.endswith("expected IncompleteStreamError (error_classes['truncated'])")
    assert failed.value.field == "truncated"
    run_case(
        target(raising(IncompleteStreamError), {"truncated": IncompleteStreamError}),
        Case("error_class", TEXT),
    )
    run_case(
        target(raising(IncompleteStreamError), {"truncated": IncompleteStreamError}), Case("error_class", CUT)
    )


def test_a_crash_that_is_no_typed_error_is_left_to_the_check_that_reports_it() -> None:
    with pytest.raises(CheckSkipped, match="another check reports it"):
        run_case(
            target(raising(KeyError), {"overloaded_error": OverloadedError}), Case("error_class", OVERLOADED)
        )


def test_a_wrong_but_typed_class_fails_no_other_check() -> None:
    """One cause, one check: every other check accepts a typed error on an incomplete body."""
    wrong = target(
        raising(StreamError), {"overloaded_error": OverloadedError, "truncated": IncompleteStreamError}
    )
    ran = set()
    for check in CHECKS:
        for one in (OVERLOADED, CUT, TEXT):
            if check.id in ("error_class", "incremental", "liveness", "request") or not applies(check, one):
                continue
            run_case(wrong, Case(check.id, one))
            ran.add(check.id)
    assert {"whole", "error", "text", "split", "keepalive", "truncated_end", "truncated_mid"} <= ran


# -- causes ------------------------------------------------------------------------------------


def test_the_keys_of_an_error_body_go_from_its_type_to_any_error() -> None:
    (body,) = judged_bodies(OVERLOADED, client=False)
    assert body.keys == ("overloaded_error", "error") and body.label == ""


def test_in_client_mode_an_error_status_adds_its_http_keys_after_the_type() -> None:
    assert judged_bodies(RATE_LIMITED, client=False)[0].keys == ("rate_limited", "error")
    assert judged_bodies(RATE_LIMITED, client=True)[0].keys == (
        "rate_limited",
        "http_429",
        "http_error",
        "error",
    )
    assert judged_bodies(OVERLOADED, client=True)[0].keys == ("overloaded_error", "error")  # HTTP 200


def test_a_recorded_cut_is_truncated_and_a_complete_body_gives_its_cuts_unless_truncated_is_unsupported() -> (
    None
):
    assert [b.keys for b in judged_bodies(CUT, client=False)] == [("truncated",)]
    cuts = judged_bodies(TEXT, client=False)
    assert cuts and all(b.keys == ("truncated",) and b.label.startswith("the body cut at byte") for b in cuts)
    assert judged_bodies(TEXT, client=False, unsupported={"truncated"}) == []


# -- the suite's declaration ---------------------------------------------------------------------


class Declares(AdapterSuite):
    vendor = "anthropic"
    error_classes: ClassVar[dict[str, Any]] = {"overloaded_error": OverloadedError}

    def parse(self, chunks: Any) -> Any:
        return conformance.parse("anthropic", chunks)


def test_declared_classes_count_as_typed_errors_and_values_become_tuples() -> None:
    built = target_of(Declares())
    assert built.typed_errors == (ConformanceError, OverloadedError)
    assert built.error_classes == {"overloaded_error": (OverloadedError,)}


@pytest.mark.parametrize(
    ("declared", "named"),
    [
        ({"overloaded_error": "OverloadedError"}, "error_classes['overloaded_error'] is 'OverloadedError'"),
        ({"error": ()}, "error_classes['error'] is ()"),
        ({"error": (OverloadedError, int)}, "error_classes['error'] is"),
        ({1: OverloadedError}, "error_classes[1] is"),
        ([OverloadedError], "error_classes is list"),
    ],
)
def test_a_bad_declaration_is_a_type_error_naming_the_suite_and_the_key(declared: Any, named: str) -> None:
    bad = type("BadSuite", (Declares,), {"error_classes": declared})
    with pytest.raises(TypeError, match="^" + re.escape(f"BadSuite.{named}")):
        target_of(bad())
    with pytest.raises(TypeError, match="BadSuite"):
        cases_for(bad, CHECKS_BY_ID["error_class"], [OVERLOADED])


def test_a_suite_that_declares_nothing_has_no_error_class_case() -> None:
    quiet = type("Quiet", (Declares,), {"error_classes": {}})
    assert cases_for(quiet, CHECKS_BY_ID["error_class"], [OVERLOADED, TEXT, CUT]) == []


def test_cases_only_where_a_declared_cause_can_arise_and_unsupported_is_honoured() -> None:
    anthropic = load_cassettes(vendor="anthropic")
    cases = cases_for(Declares, CHECKS_BY_ID["error_class"], anthropic)
    expected_ids = sorted(
        c.id
        for c in anthropic
        if c.expected is not None and (c.expected.error or {}).get("type") == "overloaded_error"
    )
    assert sorted(case.id for case in cases) == expected_ids and "anthropic/error_overloaded" in expected_ids
    declining = type("Declining", (Declares,), {"unsupported": {"error_class"}})
    assert {case.unsupported for case in cases_for(declining, CHECKS_BY_ID["error_class"], anthropic)} == {
        "unsupported: error_class is in unsupported"
    }


# -- client mode: the answer's HTTP status ---------------------------------------------------------


def mistral_client(on_429: type[BaseException] | None) -> Any:
    """A real httpx client of Mistral's chat stream; on HTTP 429 it raises `on_429`, or httpx's
    generic `HTTPStatusError` (`raise_for_status`) where it is None."""

    def request(base_url: str) -> Message:
        with httpx.Client() as client, client.stream("POST", base_url + "/v1/chat/completions") as response:
            if response.status_code == 429 and on_429 is not None:
                raise on_429(response.read().decode())
            response.raise_for_status()
            return conformance.parse("mistral", response.iter_bytes())

    return request


def client_target(request: Any) -> Target:
    classes = error_classes_of("TestClient", {"http_429": RateLimited})
    typed = (ConformanceError, httpx.HTTPStatusError, RateLimited)
    return Target(
        "client",
        "mistral",
        lambda chunks: None,
        typed_errors=typed,
        client=HttpClient(request),
        error_classes=classes,
    )


def test_in_client_mode_a_429_raised_as_a_generic_status_error_fails_naming_http_429() -> None:
    with pytest.raises(CheckFailed) as failed:
        run_case(client_target(mistral_client(None)), Case("error_class", RATE_LIMITED))
    assert (
        str(failed.value)
        .splitlines()[0]
        .startswith(
            "error_class: mistral/rate_limited: raised HTTPStatusError: Client error '429 Too Many Requests'"
        )
    )
    assert "expected RateLimited (error_classes['http_429'])" in str(failed.value)
    assert cause_of("error_class", failed.value.field) == "error_class: http_429"
    run_case(client_target(mistral_client(RateLimited)), Case("error_class", RATE_LIMITED))
