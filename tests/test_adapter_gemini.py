"""The Gemini adapter (`streamGenerateContent?alt=sse`) on small inline bodies, one behaviour a
test: stop-reason map, usage replacement, whole function calls, thought parts, candidate
selection, the error event and document, prompt blocks, completeness, and the typed errors
for bad input (each naming vendor, event and byte offset)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest

import conformance
from conformance.adapters.gemini import STOP_REASONS
from conformance.errors import (
    InvalidJSONError,
    ProtocolError,
    StreamError,
    UnknownEventError,
    VendorEventError,
)
from conformance.events import (
    ReasoningSignature,
    StreamStart,
    ToolCallArguments,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.message import STOP_REASONS as NORMALIZED_STOP_REASONS
from conformance.message import Message
from conformance.suite.strategies import byte_by_byte, two_chunk_splits

VENDOR = "gemini"
USAGE = {"promptTokenCount": 9, "candidatesTokenCount": 4, "totalTokenCount": 13}


def wire(value: Any) -> str:
    """JSON as Gemini writes it: `"key": value`, items joined by a bare comma, raw UTF-8."""
    return json.dumps(value, separators=(",", ": "), ensure_ascii=False)


def response(
    *parts: dict[str, Any],
    finish: str | None = None,
    index: int | None = 0,
    usage: dict[str, int] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    candidate: dict[str, Any] = {"content": {"parts": list(parts), "role": "model"}}
    if finish is not None:
        candidate["finishReason"] = finish
    if index is not None:
        candidate["index"] = index
    out: dict[str, Any] = {"candidates": [candidate]}
    if usage is not None:
        out["usageMetadata"] = usage
    return {**out, "modelVersion": "gemini-2.5-flash", "responseId": "aBcDeFgHiJkLmNoPqRsTuVw", **extra}


def sse(*events: dict[str, Any] | str) -> bytes:
    """Each event as one `data:` line ended, like Gemini's, by CRLF CRLF."""
    return b"".join(f"data: {e if isinstance(e, str) else wire(e)}\r\n\r\n".encode() for e in events)


def parse(body: bytes, **kwargs: Any) -> Message:
    return conformance.parse(VENDOR, [body], **kwargs)


def events(body: bytes) -> list[Any]:
    return list(conformance.stream_events(VENDOR, [body]))


def text(value: str, **part: Any) -> dict[str, Any]:
    return {"text": value, **part}


def call(name: str, args: Any = None, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"name": name, **fields}
    if args is not None:
        body["args"] = args
    return {"functionCall": body}


# -- stop reasons ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vendor_reason", "normalized"),
    [
        ("STOP", "stop"),
        ("MAX_TOKENS", "length"),
        ("CONTINUATION", "length"),
        ("SAFETY", "content_filter"),
        ("RECITATION", "content_filter"),
        ("PROHIBITED_CONTENT", "content_filter"),
        ("MALFORMED_FUNCTION_CALL", "error"),
        ("OTHER", "other"),
        ("A_REASON_FROM_NEXT_YEAR", "other"),
    ],
)
def test_finish_reason_maps_to_the_normalized_one_and_keeps_the_original(
    vendor_reason: str, normalized: str
) -> None:
    message = parse(sse(response(text("Hi"), finish=vendor_reason)))
    assert (message.stop_reason, message.vendor_stop_reason) == (normalized, vendor_reason)
    assert message.complete


def test_every_mapped_finish_reason_is_a_normalized_stop_reason() -> None:
    assert set(STOP_REASONS.values()) <= set(NORMALIZED_STOP_REASONS)


def test_stop_after_a_function_call_is_normalized_to_tool_calls() -> None:
    message = parse(sse(response(call("lookup", {"q": "x"}), finish="STOP")))
    assert (message.stop_reason, message.vendor_stop_reason) == ("tool_calls", "STOP")


def test_max_tokens_after_a_function_call_stays_length() -> None:
    message = parse(sse(response(call("lookup", {"q": "x"}), finish="MAX_TOKENS")))
    assert message.stop_reason == "length"


def test_finish_reason_unspecified_is_not_a_finish() -> None:
    message = parse(sse(response(text("Hi"), finish="FINISH_REASON_UNSPECIFIED")))
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == (None, None, False)


# -- usage ------------------------------------------------------------------------------------


def test_usage_metadata_maps_to_normalized_keys() -> None:
    usage = {
        "promptTokenCount": 30,
        "cachedContentTokenCount": 8,
        "candidatesTokenCount": 12,
        "toolUsePromptTokenCount": 5,
        "thoughtsTokenCount": 40,
        "totalTokenCount": 87,
        "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 30}],
    }
    message = parse(sse(response(text("Hi"), finish="STOP", usage=usage)))
    assert message.usage == {
        "input_tokens": 30,
        "cache_read_tokens": 8,
        "output_tokens": 12,
        "reasoning_tokens": 40,
        "total_tokens": 87,
    }


def test_each_usage_metadata_replaces_the_last_rather_than_merging() -> None:
    # Thinking streams report candidatesTokenCount early, then (in real traffic) can drop it:
    # the stream's usage is the last event's, as the SDK user reads it.
    first = {"promptTokenCount": 10, "candidatesTokenCount": 3, "totalTokenCount": 13}
    last = {"promptTokenCount": 10, "totalTokenCount": 60, "thoughtsTokenCount": 50}
    message = parse(sse(response(text("a"), usage=first), response(text("b"), finish="STOP", usage=last)))
    assert message.usage == {"input_tokens": 10, "total_tokens": 60, "reasoning_tokens": 50}
    updates = [e for e in events(sse(response(text("a"), usage=first))) if isinstance(e, UsageUpdate)]
    assert all(e.replace for e in updates)


def test_an_event_without_usage_metadata_keeps_the_last_usage() -> None:
    body = sse(response(text("a"), usage=USAGE), response(text("b"), finish="STOP"))
    assert parse(body).usage == {"input_tokens": 9, "output_tokens": 4, "total_tokens": 13}


def test_no_usage_metadata_anywhere_gives_null_usage() -> None:
    assert parse(sse(response(text("Hi"), finish="STOP"))).usage is None


# -- text, thoughts, other parts ---------------------------------------------------------------


def test_text_parts_are_appended_across_parts_and_events() -> None:
    body = sse(response(text("Hel"), text("lo")), response(text(", world"), finish="STOP"))
    assert parse(body).text == "Hello, world"


def test_thought_parts_are_reasoning_and_the_rest_is_text() -> None:
    body = sse(
        response(text("**Plan**\n\nAdd them.", thought=True)),
        response(text("4"), finish="STOP", usage={"promptTokenCount": 5, "thoughtsTokenCount": 20}),
    )
    message = parse(body)
    assert (message.reasoning, message.text) == ("**Plan**\n\nAdd them.", "4")
    assert message.usage == {"input_tokens": 5, "reasoning_tokens": 20}


def test_thought_false_is_answer_text() -> None:
    assert parse(sse(response(text("plain", thought=False), finish="STOP"))).text == "plain"


def test_signature_only_and_empty_text_parts_add_nothing() -> None:
    signature = "CpwB5+7nYV7zXzDkm0guFcrnUAcgHhJh"
    body = sse(
        response(text("Done.")),
        response(text("", thoughtSignature=signature), {"thoughtSignature": signature}, finish="STOP"),
    )
    message = parse(body)
    assert (message.text, message.reasoning, message.tool_calls) == ("Done.", "", ())


def test_a_thought_signature_names_its_part_by_its_place_in_candidate_zero() -> None:
    # The block number is the part's index across the whole stream (0 for the first part),
    # so a client can hand each signature back on the part it came with.
    body = sse(
        response(text("Plan.", thought=True, thoughtSignature="c2lnMA==")),
        response(text("Done."), text("", thoughtSignature="c2lnMg=="), finish="STOP"),
    )
    got = [(e.block, e.value) for e in events(body) if isinstance(e, ReasoningSignature)]
    assert got == [(0, "c2lnMA=="), (2, "c2lnMg==")]


def test_code_execution_parts_have_no_normalized_field_and_are_skipped() -> None:
    body = sse(
        response(
            {"executableCode": {"language": "PYTHON", "code": "print(6 * 7)"}},
            {"codeExecutionResult": {"outcome": "OUTCOME_OK", "output": "42\n"}},
            text("It is 42."),
            finish="STOP",
        )
    )
    assert parse(body).text == "It is 42."


def test_non_ascii_text_survives_every_two_chunk_split() -> None:
    body = sse(response(text("Grüße 👋🏽 日本"), finish="STOP"))
    whole = parse(body)
    assert whole.text == "Grüße 👋🏽 日本"
    for chunks in two_chunk_splits(body):
        assert conformance.parse(VENDOR, chunks) == whole


def test_crlf_and_lf_line_ends_give_the_same_message() -> None:
    crlf = sse(response(text("a")), response(text("b"), finish="STOP", usage=USAGE))
    assert parse(crlf.replace(b"\r\n", b"\n")) == parse(crlf)


def test_stream_start_carries_model_version_and_response_id() -> None:
    first = events(sse(response(text("Hi"), finish="STOP")))[0]
    assert first == StreamStart(VENDOR, "gemini-2.5-flash", "aBcDeFgHiJkLmNoPqRsTuVw")


def test_only_the_first_response_starts_the_stream() -> None:
    # Every response repeats modelVersion and responseId; the stream starts once.
    got = events(sse(response(text("a")), response(text("b")), response(text("c"), finish="STOP")))
    assert [e for e in got if isinstance(e, StreamStart)] == [
        StreamStart(VENDOR, "gemini-2.5-flash", "aBcDeFgHiJkLmNoPqRsTuVw")
    ]


# -- candidates --------------------------------------------------------------------------------


def test_a_candidate_without_index_is_candidate_zero() -> None:
    assert parse(sse(response(text("Hi"), finish="STOP", index=None))).text == "Hi"


def test_only_candidate_zero_is_assembled() -> None:
    other = response(text("second answer"), index=1)["candidates"][0]
    first = response(text("first answer"), finish="STOP")
    first["candidates"].append(other)
    message = parse(sse(first))
    assert (message.text, message.complete) == ("first answer", True)


def test_another_candidate_may_go_on_after_candidate_zero_finished() -> None:
    body = sse(response(text("zero"), finish="STOP"), response(text("one"), index=1, finish="STOP"))
    assert parse(body).text == "zero"


# -- function calls ----------------------------------------------------------------------------


def test_a_function_call_arrives_whole_as_start_arguments_end() -> None:
    args = {"location": "Zurich, CH", "days": 3, "hourly": False, "fields": ["temp"], "geo": {"lat": 47.4}}
    got = [e for e in events(sse(response(call("get_weather", args, id="k2v8x1qd"), finish="STOP"))) if
           isinstance(e, (ToolCallStart, ToolCallArguments, ToolCallEnd))]  # fmt: skip
    assert got == [ToolCallStart(0, "k2v8x1qd", "get_weather"), ToolCallArguments(0, args), ToolCallEnd(0)]


def test_parallel_calls_in_one_response_and_across_events_get_running_indices() -> None:
    body = sse(
        response(call("a", {"n": 1}), call("b", {"n": 2})),
        response(call("c", {"n": 3}), finish="STOP"),
    )
    calls = parse(body).tool_calls
    assert [(c.name, c.arguments) for c in calls] == [("a", {"n": 1}), ("b", {"n": 2}), ("c", {"n": 3})]


def test_a_call_without_id_has_id_none_and_absent_args_are_an_empty_object() -> None:
    (only,) = parse(sse(response(call("now"), finish="STOP"))).tool_calls
    assert (only.id, only.name, only.arguments, only.arguments_json) == (None, "now", {}, None)


def test_a_function_call_without_a_name_is_a_vendor_event_error_naming_the_field() -> None:
    body = sse(response(text("ok")), response({"functionCall": {"args": {}}}, finish="STOP"))
    with pytest.raises(VendorEventError, match="'name'") as info:
        parse(body)
    error = info.value
    assert (error.vendor, error.event_index, error.event_type) == (VENDOR, 1, "response")
    assert error.offset == body.index(b"data:", 1)


# -- the end of the stream ---------------------------------------------------------------------


def test_a_finish_reason_and_a_body_ending_on_an_event_boundary_is_complete() -> None:
    assert parse(sse(response(text("Hi"), finish="STOP"))).complete


def test_a_body_ending_on_a_boundary_without_finish_reason_is_incomplete() -> None:
    message = parse(sse(response(text("Hi"), usage=USAGE)))
    assert (message.text, message.stop_reason, message.complete, message.error) == ("Hi", None, False, None)


def test_a_body_cut_inside_an_event_is_incomplete_and_keeps_the_whole_events() -> None:
    whole = sse(response(text("one ")), response(text("two"), finish="STOP"))
    cut = whole[: len(whole) - 30]
    message = parse(cut)
    assert (message.text, message.stop_reason, message.complete) == ("one ", None, False)


def test_a_last_event_without_its_blank_line_is_not_dispatched() -> None:
    # WHATWG drops it, and so do we (google-genai would still parse it): complete is false.
    body = sse(response(text("Hi"), finish="STOP"))[: -len(b"\r\n")]
    message = parse(body)
    assert (message.text, message.complete) == ("", False)


def test_trailing_bytes_after_the_finish_make_the_stream_incomplete() -> None:
    body = sse(response(text("Hi"), finish="STOP")) + b'data: {"candi'
    assert parse(body).complete is False


# -- errors reported by the vendor ----------------------------------------------------------------


def test_an_error_event_mid_stream_ends_the_message_with_the_error() -> None:
    overloaded = "The model is overloaded. Please try again later."
    error = {"error": {"code": 503, "message": overloaded, "status": "UNAVAILABLE"}}
    message = parse(sse(response(text("partial"), usage=USAGE), error))
    assert message.text == "partial"
    assert message.error == {"type": "UNAVAILABLE", "message": overloaded}
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == ("error", None, False)
    assert message.usage == {"input_tokens": 9, "output_tokens": 4, "total_tokens": 13}


def test_an_error_event_without_status_is_typed_by_its_code() -> None:
    message = parse(sse({"error": {"code": 500, "message": "Internal error encountered."}}))
    assert message.error == {"type": "500", "message": "Internal error encountered."}


def test_an_error_after_the_finish_still_makes_the_message_an_error() -> None:
    body = sse(
        response(text("Hi"), finish="STOP"), {"error": {"code": 500, "message": "x", "status": "INTERNAL"}}
    )
    message = parse(body)
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == ("error", "STOP", False)


def test_a_json_error_document_instead_of_a_stream_is_reported() -> None:
    invalid = "API key not valid. Please pass a valid API key."
    document = json.dumps(
        {"error": {"code": 400, "message": invalid, "status": "INVALID_ARGUMENT"}}, indent=2
    )
    message = parse(document.encode() + b"\n")
    assert message.error == {"type": "INVALID_ARGUMENT", "message": invalid}
    assert (message.stop_reason, message.complete) == ("error", False)


def test_a_blocked_prompt_finishes_with_content_filter_and_the_block_reason() -> None:
    blocked = {
        "promptFeedback": {
            "blockReason": "PROHIBITED_CONTENT",
            "safetyRatings": [
                {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": True}
            ],
        },
        "usageMetadata": {"promptTokenCount": 7, "totalTokenCount": 7},
    }
    message = parse(sse(blocked))
    assert (message.text, message.stop_reason, message.vendor_stop_reason) == (
        "",
        "content_filter",
        "PROHIBITED_CONTENT",
    )
    assert (message.usage, message.complete) == ({"input_tokens": 7, "total_tokens": 7}, True)


def test_a_safety_finish_with_no_content_keeps_the_text_so_far() -> None:
    ratings = [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": True}]
    body = sse(
        response(text("Some of it")),
        {"candidates": [{"finishReason": "SAFETY", "index": 0, "safetyRatings": ratings}]},
    )
    message = parse(body)
    assert (message.text, message.stop_reason, message.vendor_stop_reason, message.complete) == (
        "Some of it",
        "content_filter",
        "SAFETY",
        True,
    )


# -- bad input: typed errors naming vendor, event and offset ---------------------------------------


def test_invalid_json_in_data_is_an_invalid_json_error_with_its_offset() -> None:
    good = sse(response(text("Hi")))
    body = good + b'data: {"candidates": [}\r\n\r\n'
    with pytest.raises(InvalidJSONError) as info:
        parse(body)
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (VENDOR, 1, len(good))
    assert "vendor gemini" in str(info.value) and f"byte offset {len(good)}" in str(info.value)


def test_a_named_sse_event_is_unknown_in_strict_mode() -> None:
    good = sse(response(text("Hi")))
    body = good + b'event: ping\r\ndata: {"t": 1}\r\n\r\n' + sse(response(text("!"), finish="STOP"))
    with pytest.raises(UnknownEventError, match="'ping'") as info:
        parse(body)
    assert (info.value.vendor, info.value.event_index, info.value.event_type, info.value.offset) == (
        VENDOR,
        1,
        "ping",
        len(good),
    )


def test_a_named_sse_event_is_skipped_when_not_strict() -> None:
    ping = b'event: ping\r\ndata: {"t": 1}\r\n\r\n'
    body = sse(response(text("Hi"))) + ping + sse(response(text("!"), finish="STOP"))
    message = parse(body, strict=False)
    assert (message.text, message.complete) == ("Hi!", True)


def test_content_after_the_finish_reason_is_a_protocol_error_with_its_offset() -> None:
    first = sse(response(text("Hi"), finish="STOP"))
    body = first + sse(response(text("more")))
    with pytest.raises(ProtocolError, match="after the stream finished") as info:
        parse(body)
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (VENDOR, 1, len(first))


def test_usage_only_events_after_the_finish_are_allowed() -> None:
    body = sse(response(text("Hi"), finish="STOP"), {"usageMetadata": USAGE})
    message = parse(body)
    assert (message.complete, message.usage) == (
        True,
        {"input_tokens": 9, "output_tokens": 4, "total_tokens": 13},
    )


@pytest.mark.parametrize(
    ("payload", "complaint"),
    [
        ("[1, 2]", "is a JSON object, not list"),
        ('{"candidates": {"index": 0}}', "'candidates'"),
        ('{"candidates": [{"content": {"parts": [{"text": 7}]}}]}', "'text'"),
        ('{"candidates": [{"content": {"parts": [{"text": "x", "thought": "yes"}]}}]}', "'thought'"),
        ('{"candidates": [{"index": "0"}]}', "'index'"),
        ('{"candidates": [{"finishReason": 1}]}', "'finishReason'"),
        ('{"usageMetadata": [1]}', "'usageMetadata'"),
        ('{"error": "overloaded"}', "'error'"),
    ],
    ids=["array", "candidates-object", "text-number", "thought-string", "index-string", "finish-number",
         "usage-array", "error-string"],
)  # fmt: skip
def test_a_malformed_event_is_a_vendor_event_error_naming_the_field(payload: str, complaint: str) -> None:
    body = sse(payload)
    with pytest.raises(VendorEventError, match=complaint) as info:
        parse(body)
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (VENDOR, 0, 0)


def test_bad_input_never_escapes_as_anything_but_a_stream_error() -> None:
    body = sse(response(text("Hi"), finish="STOP"))
    for cut in range(len(body)):
        mangled = body[:cut] + b"\x00{]" + body[cut:]
        with contextlib.suppress(StreamError):
            parse(mangled)


def test_byte_by_byte_feeding_gives_the_same_message() -> None:
    body = sse(
        response(text("think", thought=True)),
        response(call("f", {"k": "v"}), text("ünïcode"), finish="STOP", usage=USAGE),
    )
    assert conformance.parse(VENDOR, byte_by_byte(body)) == parse(body)
