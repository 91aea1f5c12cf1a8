"""The checks as plain code (conformance.suite.adapter_suite), without pytest's collection."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from hypothesis import strategies as st

import conformance
from conformance.errors import InvalidJSONError, StreamError
from conformance.formats.cassettes import Cassette
from conformance.json.incremental import IncrementalJSON
from conformance.message import Message
from conformance.suite.adapter_suite import AdapterSuite, target_of, unsupported_names
from conformance.suite.bodies import keepalive_bodies, truncated_bodies
from conformance.suite.cases import cases_for
from conformance.suite.checks import (
    CHECKS_BY_ID,
    Case,
    CheckFailed,
    CheckSkipped,
    Problem,
    Target,
    cause_of,
    compared_fields,
    falsify,
    field_owners,
    grows,
    run_case,
    snapshot_problem,
)
from conformance.suite.diff import describe_chunking, first_difference
from conformance.suite.runner import reference_suite, run_suite

TEXT_BODY = (
    b'data: {"choices":[{"index":0,"delta":{"content":"Gr\xc3\xbc\xc3\x9fe"},"finish_reason":null}]}\n\n'
    b'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n'
    b"data: [DONE]\n\n"
)
PING_BODY = (
    b'event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"c","usage":{}}}\n\n'
    b'event: content_block_start\ndata: {"type":"content_block_start","index":0,'
    b'"content_block":{"type":"text","text":""}}\n\n'
    b'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,'
    b'"delta":{"type":"text_delta","text":"Hi"}}\n\n'
    b'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n'
    b'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{}}\n\n'
    b'event: message_stop\ndata: {"type":"message_stop"}\n\n'
    b'event: ping\ndata: {"type": "ping"}\n\n'
)


def make_cassette(
    body: bytes, features: Iterable[str] = ("text",), *, vendor: str = "openai-chat", expected: bool = True
) -> Cassette:
    meta: dict[str, Any] = {"vendor": vendor, "scenario": "case", "features": list(features)}
    if expected:
        meta["expected"] = conformance.parse(vendor, [body]).to_dict()
    return Cassette(
        path=None,
        vendor=vendor,
        scenario="case",
        method="POST",
        uri="https://example.invalid",
        request_headers={},
        request_body=None,
        status=200,
        response_headers={"content-type": ["text/event-stream"]},
        body=body,
        metadata=meta,
    )


def target(parse: Any, **kwargs: Any) -> Target:
    return Target(label="t", vendor="openai-chat", parse=parse, **kwargs)


def reference(chunks: Iterable[bytes]) -> Message:
    return conformance.parse("openai-chat", chunks)


# -- differences ---------------------------------------------------------------------------------


def test_first_difference_names_the_nested_field_path() -> None:
    expected = {"text": "a", "tool_calls": [{"id": "x", "arguments": {"city": "Paris"}}]}
    got = {"text": "a", "tool_calls": [{"id": "x", "arguments": {"city": "Pa"}}]}
    diff = first_difference(expected, got)
    assert diff is not None and diff.path == "tool_calls[0].arguments.city"
    assert (diff.expected, diff.got) == ("Paris", "Pa")


def test_first_difference_reports_a_missing_list_item_at_its_index() -> None:
    diff = first_difference({"tool_calls": [1, 2]}, {"tool_calls": [1]})
    assert diff is not None and diff.path == "tool_calls[1]" and repr(diff.got) == "<missing>"


def test_first_difference_tells_true_from_one() -> None:
    assert first_difference({"a": 1}, {"a": True}) is not None
    assert first_difference({"a": 1}, {"a": 1}) is None


def test_string_difference_shows_the_character_where_it_starts() -> None:
    diff = first_difference({"text": "Grüße"}, {"text": "Gr\ufffd\ufffde"})
    assert diff is not None
    assert diff.lines()[0] == "first difference: text (at character 2)"


def test_chunking_is_shown_as_sizes_and_the_bytes_around_each_cut() -> None:
    body = b"data: caf\xc3\xa9\n\n"
    lines = describe_chunking(body, [body[:10], body[10:]])
    assert lines[0] == "chunking: 2 chunks of [10, 3] bytes"
    assert lines[1] == "  cut at byte 10: b'data: caf\\xc3' | b'\\xa9\\n\\n'"


def test_many_equal_chunks_are_shown_compactly() -> None:
    body = bytes(range(10)) * 10
    lines = describe_chunking(body, [body[i : i + 7] for i in range(0, 100, 7)])
    assert lines[0] == "chunking: 15 chunks of 14 x 7 + 2 bytes"
    assert lines[-1] == "  ... and 11 more cuts"


# -- derived bodies ------------------------------------------------------------------------------


def test_truncated_bodies_cut_a_complete_body_before_inside_and_at_its_last_event() -> None:
    bodies = truncated_bodies(make_cassette(TEXT_BODY))
    labels = [label for label, _ in bodies]
    assert any("before its last event" in label for label in labels)
    assert any("without its last blank line" in label for label in labels)
    assert all(not conformance.parse("openai-chat", [body]).complete for _, body in bodies)


def test_a_cut_that_only_drops_a_trailing_ping_is_not_called_truncated() -> None:
    bodies = truncated_bodies(make_cassette(PING_BODY, vendor="anthropic"))
    assert bodies  # cuts inside message_stop's event remain
    assert all(b"message_stop" not in body[-40:] or not body.endswith(b"\n\n") for _, body in bodies)
    assert all(not conformance.parse("anthropic", [body]).complete for _, body in bodies)


def test_keepalive_bodies_put_a_comment_and_a_ping_before_each_event() -> None:
    bodies = dict(keepalive_bodies(make_cassette(PING_BODY, vendor="anthropic")))
    assert (
        len(bodies) == 4
    )  # as recorded (it ends with a ping), then two comments and a ping before each event
    assert bodies["the body with its recorded keep-alives"] == PING_BODY
    commented = next(body for label, body in bodies.items() if "': keep-alive'" in label)
    assert commented.count(b": keep-alive\n\n") == 6  # before each event of the body without its ping
    assert conformance.parse("anthropic", [commented]) == conformance.parse("anthropic", [PING_BODY])


def test_keepalives_go_into_the_canonical_lf_body_so_line_endings_stay_apart() -> None:
    (_, body), (_, bare) = keepalive_bodies(make_cassette(TEXT_BODY.replace(b"\n", b"\r\n")))
    assert b": keep-alive\n\n" in body and b"\r" not in body
    assert b"\n:\n\n" in bare and b"\r" not in bare  # a bare `:` comment, no text


# -- applicability and unsupported ---------------------------------------------------------------


class Suite(AdapterSuite):
    vendor = "openai-chat"
    unsupported = frozenset({"thinking", "usage", "error"})


def test_unsupported_accepts_aliases_and_rejects_unknown_words() -> None:
    assert unsupported_names(Suite) == {"reasoning", "usage", "error"}

    class Typo(AdapterSuite):
        vendor = "openai-chat"
        unsupported = frozenset({"resoning"})

    with pytest.raises(ValueError, match="resoning"):
        unsupported_names(Typo)


def test_field_checks_own_their_field_on_every_cassette_so_one_wrong_field_is_one_check() -> None:
    text_only = make_cassette(TEXT_BODY, ["text"])
    assert len(cases_for(reference_suite("openai-chat"), CHECKS_BY_ID["tool_args"], [text_only])) == 1
    owners = field_owners(text_only)
    assert owners["usage"] == "usage" and owners["tool_calls"] == "tool_args"
    assert {owners["refusal"], owners["error"], owners["complete"]} == {"whole"}
    # server tools and citations: their checks own them only where the cassette has them,
    # so `whole` catches a parser that invents them anywhere else
    assert compared_fields(CHECKS_BY_ID["whole"], text_only) == (
        "refusal",
        "error",
        "complete",
        "server_tool_calls",
        "server_tool_results",
        "citations",
    )


def test_a_body_recorded_cut_short_gives_complete_and_stop_reason_to_the_truncation_checks() -> None:
    owners = field_owners(make_cassette(TEXT_BODY[:90], ["text", "truncated"]))
    assert owners["complete"] == "truncated_end" and owners["stop_reason"] == "truncated_mid"
    assert owners["vendor_stop_reason"] == "stop_reason"


def test_unsupported_cases_say_why() -> None:
    usage = make_cassette(TEXT_BODY, ["text", "usage"])
    error = make_cassette(TEXT_BODY, ["text", "error"])
    (case,) = cases_for(Suite, CHECKS_BY_ID["usage"], [usage])
    assert case.unsupported == "unsupported: usage is in unsupported"
    (case,) = cases_for(Suite, CHECKS_BY_ID["text"], [error])
    assert case.unsupported == "unsupported: openai-chat/case exercises error"
    (case,) = cases_for(Suite, CHECKS_BY_ID["text"], [usage])
    assert case.unsupported is None  # usage is masked, text is still checked


def test_incremental_is_collected_only_when_parse_incremental_is_defined() -> None:
    cassette = make_cassette(TEXT_BODY)
    assert cases_for(Suite, CHECKS_BY_ID["incremental"], [cassette]) == []
    assert len(cases_for(reference_suite("openai-chat"), CHECKS_BY_ID["incremental"], [cassette])) == 1


# -- running checks ------------------------------------------------------------------------------


def test_the_reference_parser_passes_every_check() -> None:
    cassette = make_cassette(TEXT_BODY, ["text", "non_ascii"])
    results = list(run_suite(reference_suite("openai-chat"), cassettes=[cassette]))
    assert {r.outcome for r in results} == {"passed"}
    assert {r.check for r in results} >= {
        "whole",
        "split",
        "text",
        "stop_reason",
        "truncated_end",
        "truncated_mid",
        "line_endings",
    }


def test_a_field_failure_names_cassette_field_expected_and_got_and_no_character_for_an_enum() -> None:
    cassette = make_cassette(TEXT_BODY)

    def wrong(chunks: Iterable[bytes]) -> dict[str, Any]:
        return {**reference(chunks).to_dict(), "vendor_stop_reason": "end_turn"}

    with pytest.raises(CheckFailed) as info:
        run_case(target(wrong), Case("stop_reason", cassette))
    assert str(info.value).splitlines() == [
        "stop_reason: openai-chat/case: the body in one chunk gives a different result",
        "first difference: vendor_stop_reason",
        "  expected: 'stop'",
        "  got:      'end_turn'",
        "  expected message provenance: unknown (no provenance in the cassette)",
    ]
    assert info.value.field == "vendor_stop_reason"
    run_case(target(wrong), Case("whole", cassette))  # whole compares the fields no other check owns


def test_a_consistently_wrong_parser_passes_the_invariance_checks() -> None:
    cassette = make_cassette(TEXT_BODY)

    def wrong(chunks: Iterable[bytes]) -> dict[str, Any]:
        return {**reference(chunks).to_dict(), "usage": {"input_tokens": 7}}

    for check in ("split", "keepalive", "line_endings"):
        run_case(target(wrong), Case(check, cassette))
    with pytest.raises(CheckFailed) as info:
        run_case(target(wrong), Case("usage", cassette))
    assert info.value.field == "usage"


def test_a_crash_on_the_whole_body_fails_whole_and_skips_the_checks_that_compare_with_it() -> None:
    def crash(chunks: Iterable[bytes]) -> Message:
        raise KeyError("choices")

    cassette = make_cassette(TEXT_BODY)
    with pytest.raises(CheckFailed):
        run_case(target(crash), Case("whole", cassette))
    for check in ("text", "usage", "split", "keepalive"):
        with pytest.raises(CheckSkipped, match="the whole check reports it"):
            run_case(target(crash), Case(check, cassette))


def test_split_failure_is_shrunk_to_one_cut_inside_the_character() -> None:
    cassette = make_cassette(TEXT_BODY)

    def per_chunk(chunks: Iterable[bytes]) -> Message:  # decodes every chunk alone
        return reference(c.decode("utf-8", "replace").encode("utf-8") for c in chunks)

    with pytest.raises(CheckFailed) as info:
        run_case(target(per_chunk), Case("split", cassette))
    lines = str(info.value).splitlines()
    assert (
        lines[0]
        == "split: openai-chat/case: a split into 2 chunks gives a different result (shrunk by Hypothesis)"
    )
    assert lines[1].startswith("chunking: 2 chunks of [")
    assert "\\xc3' | b'\\xbc" in lines[2] or "\\xc3' | b'\\x9f" in lines[2]
    assert lines[3].startswith("first difference: text (at character")


def test_a_crash_in_the_parser_keeps_its_traceback() -> None:
    def crash(chunks: Iterable[bytes]) -> Message:
        raise KeyError("choices")

    with pytest.raises(CheckFailed, match="parse raised KeyError") as info:
        run_case(target(crash), Case("whole", make_cassette(TEXT_BODY)))
    assert isinstance(info.value.__cause__, KeyError)


def test_a_result_that_is_not_a_message_is_a_failure() -> None:
    with pytest.raises(CheckFailed, match="parse returned str"):
        run_case(target(lambda chunks: "hello"), Case("whole", make_cassette(TEXT_BODY)))
    with pytest.raises(CheckFailed, match="unknown Message fields"):
        run_case(target(lambda chunks: {"txt": "x"}), Case("whole", make_cassette(TEXT_BODY)))


def test_a_typed_error_is_accepted_for_a_truncated_body_but_not_a_complete_one() -> None:
    truncated = make_cassette(TEXT_BODY[:-8], ["text", "truncated"])

    def strict(chunks: Iterable[bytes]) -> Message:
        message = reference(chunks)
        if not message.complete:
            raise InvalidJSONError("cut short")
        return message

    run_case(target(strict), Case("truncated_end", truncated))
    run_case(target(strict), Case("whole", truncated))
    with pytest.raises(CheckFailed, match="not one of typed_errors"):
        run_case(target(strict, typed_errors=(KeyError,)), Case("truncated_end", truncated))

    def always(chunks: Iterable[bytes]) -> Message:
        raise InvalidJSONError("no")

    with pytest.raises(CheckFailed, match="raised InvalidJSONError"):
        run_case(target(always), Case("whole", make_cassette(TEXT_BODY)))


def test_a_typed_error_whose_class_hangs_on_the_split_fails_split() -> None:
    """Both outcomes raised, so neither is a crash; but a caller catching the first class
    misses the second. The same class with another message is the same outcome."""
    truncated = make_cassette(TEXT_BODY[:-8], ["text", "truncated"])

    class CutShort(StreamError):
        pass

    def by_split(chunks: Iterable[bytes]) -> Message:
        chunks = list(chunks)
        message = reference(chunks)
        if not message.complete:
            raise (CutShort if len(chunks) == 1 else InvalidJSONError)(f"cut short ({len(chunks)} chunks)")
        return message

    with pytest.raises(CheckFailed) as info:
        run_case(target(by_split), Case("split", truncated))
    lines = str(info.value).splitlines()
    assert info.value.field == "raised"
    assert lines[0].startswith("split: openai-chat/case: a split into ")
    assert lines[-3:-1] == [
        "a different error class than for the body in one chunk",
        f"  body in one chunk: raised {__name__}.{CutShort.__qualname__}: cut short (1 chunks)",
    ]
    assert lines[-1].startswith("  this body:         raised conformance.errors.InvalidJSONError: cut")

    def same_class(chunks: Iterable[bytes]) -> Message:
        chunks = list(chunks)
        message = reference(chunks)
        if not message.complete:
            raise InvalidJSONError(f"cut short ({len(chunks)} chunks)")
        return message

    run_case(target(same_class), Case("split", truncated))


def test_truncated_check_fails_a_parser_that_calls_every_body_complete() -> None:
    def optimist(chunks: Iterable[bytes]) -> dict[str, Any]:
        return {**reference(chunks).to_dict(), "complete": True}

    with pytest.raises(CheckFailed, match="was reported complete") as info:
        run_case(target(optimist), Case("truncated_end", make_cassette(TEXT_BODY)))
    assert info.value.field == "complete"
    run_case(target(optimist), Case("truncated_mid", make_cassette(TEXT_BODY)))  # no stop reason invented


def test_truncated_mid_fails_a_parser_that_invents_a_normal_stop_and_only_it() -> None:
    def inventor(chunks: Iterable[bytes]) -> dict[str, Any]:
        message = reference(chunks).to_dict()
        return {**message, "stop_reason": message["stop_reason"] or "stop"}

    cassette = make_cassette(TEXT_BODY)
    with pytest.raises(CheckFailed, match="reads as a normal stop") as info:
        run_case(target(inventor), Case("truncated_mid", cassette))
    assert info.value.field == "stop_reason"
    run_case(target(inventor), Case("truncated_end", cassette))


def test_masked_fields_are_not_compared() -> None:
    def no_stop(chunks: Iterable[bytes]) -> dict[str, Any]:
        return {**reference(chunks).to_dict(), "stop_reason": None, "vendor_stop_reason": None}

    cassette = make_cassette(TEXT_BODY)
    run_case(
        target(no_stop, masked=frozenset({"stop_reason", "vendor_stop_reason"})),
        Case("stop_reason", cassette),
    )
    with pytest.raises(CheckFailed):
        run_case(target(no_stop), Case("stop_reason", cassette))


# -- snapshots -----------------------------------------------------------------------------------


def test_partial_json_grows_by_extending_strings_keys_and_numbers() -> None:
    assert grows({"city": "Pa"}, {"city": "Paris", "days": 2})
    assert grows({"n": 1}, {"n": 12})
    assert grows(None, {"a": 1})
    assert not grows({"city": "Pa"}, {"city": "Lyon"})
    assert not grows([1, "b"], [1])
    assert not grows([1, 2, 3], [1])


def test_a_number_being_streamed_may_vanish_for_a_snapshot_as_in_jiters_partial_mode() -> None:
    """`6`, then `6.` or `6.7e`: jiter's partial mode (the SDKs') and the kit's parser leave the
    unfinished number out, so its member or element is gone for a snapshot; a parser doing so
    keeps growing. Only the value being streamed (the last one) may vanish, and only a number."""
    parser = IncrementalJSON()
    parser.feed('{"a": {"b": 6')
    before = parser.snapshot()
    parser.feed(".")
    assert (before, parser.snapshot()) == ({"a": {"b": 6}}, {"a": {}})
    assert grows(before, parser.snapshot())
    assert grows([1, 6], [1])
    assert not grows({"b": 6, "c": "x"}, {"c": "x"})  # not the last member
    assert not grows({"b": "six"}, {})
    assert not grows({"b": True}, {})
    assert not grows(True, 1)


def test_snapshot_problem_catches_text_that_shrinks_and_calls_that_vanish() -> None:
    base = Message("openai-chat", text="Hel").to_dict()
    assert snapshot_problem(base, {**base, "text": "Hello"}) is None
    assert "text shrank" in str(snapshot_problem(base, {**base, "text": "He"}))
    call = {"id": "a", "name": "f", "arguments": {"x": "1"}}
    assert "tool calls went from 1 to 0" in str(snapshot_problem({**base, "tool_calls": [call]}, base))


def test_incremental_check_fails_snapshots_that_restart_text() -> None:
    cassette = make_cassette(TEXT_BODY)

    def restarting(chunks: Iterable[bytes]) -> Iterator[dict[str, Any]]:
        for i, snapshot in enumerate(conformance.snapshots("openai-chat", chunks)):
            yield {**snapshot.to_dict(), "text": snapshot.text if i % 2 else ""}

    suite_target = target(reference, parse_incremental=restarting)
    with pytest.raises(CheckFailed, match="text shrank or changed"):
        run_case(suite_target, Case("incremental", cassette))


def test_the_reference_suite_raises_only_stream_errors() -> None:
    assert reference_suite("gemini").typed_errors == (StreamError,)
    assert json.loads(json.dumps(reference_suite("gemini").label)) == "conformance.parse (gemini)"


def test_a_crash_under_some_split_shows_the_chunking_and_keeps_the_traceback() -> None:
    cassette = make_cassette(TEXT_BODY)

    def fragile(chunks: Iterable[bytes]) -> Message:
        chunks = list(chunks)
        if any(not c.endswith(b"\n") for c in chunks[:-1]):
            raise IndexError("line cut in two")
        return reference(chunks)

    with pytest.raises(CheckFailed) as info:
        run_case(target(fragile), Case("split", cassette))
    lines = str(info.value).splitlines()
    assert lines[0].startswith("split: openai-chat/case: a split into 2 chunks")
    assert lines[1].startswith("chunking: 2 chunks of [")
    assert lines[-1].startswith("parse raised IndexError: line cut in two")
    assert isinstance(info.value.__cause__, IndexError)


# -- what a failure reports -------------------------------------------------------------------

SEVEN_CHUNKS = [bytes([65 + i]) * 10 for i in range(7)]
"""70 bytes in 7 chunks of 10: cuts at 10, 20, ..., 60."""


def test_a_failure_that_one_cut_gives_is_reported_as_that_cut() -> None:
    """Hypothesis may stop shrinking at many chunks when one cut alone is the bug (a fixed
    size landing inside a character): the report then names that one cut."""

    def problem(chunks: list[bytes]) -> Problem | None:
        cuts = {sum(map(len, chunks[: i + 1])) for i in range(len(chunks) - 1)}
        return Problem("text", ["cut at 40"]) if 40 in cuts else None

    found = falsify(st.just(SEVEN_CHUNKS), problem, key="one cut")
    assert found is not None
    chunks, lines, _ = found
    assert chunks == [b"".join(SEVEN_CHUNKS)[:40], b"".join(SEVEN_CHUNKS)[40:]]
    assert lines == Problem("text", ["cut at 40"])


def test_a_failure_that_needs_several_cuts_keeps_the_shrunk_chunking() -> None:
    def problem(chunks: list[bytes]) -> Problem | None:
        return Problem("text", ["three or more chunks"]) if len(chunks) >= 3 else None

    found = falsify(st.just(SEVEN_CHUNKS), problem, key="several cuts")
    assert found is not None and found[0] == SEVEN_CHUNKS


def test_checks_shrink_but_skip_hypothesis_s_explain_phase_whose_report_they_drop() -> None:
    """The explain phase reruns the shrunk example's variants to annotate Hypothesis's own
    report, which a check replaces with its own: it tripled the CPU time of a failing
    `generated` check. Every other phase of the kit's profile stays (shrinking above all)."""
    from hypothesis import Phase

    from conformance.suite.checks import check_settings
    from conformance.suite.strategies import suite_settings

    phases = check_settings().phases
    assert Phase.explain not in phases and Phase.shrink in phases
    assert set(phases) == set(suite_settings().phases) - {Phase.explain}


def test_a_cause_is_the_check_and_its_field_with_indices_and_argument_keys_dropped() -> None:
    assert cause_of("tool_args", "tool_calls[1].arguments.city") == "tool_args: tool_calls[].arguments"
    assert cause_of("usage", "usage.input_tokens") == "usage: usage.input_tokens"
    # the generated check compares the same fields: named after the check owning the field
    assert cause_of("generated", "usage.input_tokens") == "usage: usage.input_tokens"
    assert cause_of("generated", "refusal") == "whole: refusal"
    assert cause_of("generated", "raised KeyError") == "generated: raised KeyError"


def test_a_suite_not_claiming_truncated_end_does_not_claim_complete() -> None:
    class SdkLike(AdapterSuite):
        vendor = "openai-chat"
        unsupported = frozenset({"truncated_end"})

        def parse(self, chunks: Iterable[bytes]) -> Message:
            return reference(chunks)

    assert "complete" in target_of(SdkLike()).masked  # generated streams cut short are not drawn
    (case,) = cases_for(SdkLike, CHECKS_BY_ID["truncated_mid"], [make_cassette(TEXT_BODY)])
    assert case.unsupported is None  # the mid-stream check still runs


@pytest.mark.parametrize(
    ("before", "after", "grew"),
    [
        (1.5, 1.55, True),
        (12, 123, True),
        (
            63.80294803346311,
            6.380294803346311e16,
            True,
        ),  # `6.38…e+1`, then `6.38…e+16`: an exponent streaming
        (10.0, 1e10, True),  # `1e1`, then `1e10`
        # `5.6438201559353416` (17 digits: read as the nearest float), then `e+16`
        (5.643820155935342, 5.6438201559353416e16, True),
        (-5.643820155935342, -5.6438201559353416e16, True),
        (5.643820155935343, 5.6438201559353416e16, False),  # no prefix of its digits reads so
        (5.643820155935342, -5.6438201559353416e16, False),
        (5, 6, False),
        (12, 1, False),
        (1, -1, False),
        (0.5, 0.6, False),
    ],
)
def test_a_number_snapshot_grows_only_as_its_text_could(before: float, after: float, grew: bool) -> None:
    """Found by the generated check on the kit's own parser (jiter's partial rules keep a number
    complete so far, exponent included): a streaming exponent is growth, another number is not."""
    from conformance.suite.checks import grows

    assert grows(before, after) is grew
