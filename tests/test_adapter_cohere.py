"""The Cohere v2 chat stream adapter on small SSE bodies: text and thinking content blocks,
the tool plan as reasoning, tool calls with JSON-text arguments, citations, message-end as
terminator with finish reason, usage and error, data: [DONE], and the typed errors for bad
input (each naming vendor, event and byte offset)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import conformance
from conformance.adapters.cohere import STOP_REASONS
from conformance.errors import InvalidJSONError, ProtocolError, UnknownEventError, VendorEventError
from conformance.message import STOP_REASONS as NORMALIZED_STOP_REASONS
from conformance.suite.strategies import byte_by_byte, two_chunk_splits

VENDOR = "cohere"


def sse(kind: str, **data: Any) -> str:
    return f"event: {kind}\ndata: {json.dumps({'type': kind, **data}, ensure_ascii=False)}\n\n"


START = sse(
    "message-start",
    id="m1",
    delta={
        "message": {"role": "assistant", "content": [], "tool_plan": "", "tool_calls": [], "citations": []}
    },
)
DONE = "data: [DONE]\n\n"


def content_start(index: int, kind: str = "text") -> str:
    return sse("content-start", index=index, delta={"message": {"content": {"type": kind, kind: ""}}})


def content(index: int, piece: str, kind: str = "text") -> str:
    return sse("content-delta", index=index, delta={"message": {"content": {kind: piece}}})


def call_start(index: int, name: str = "get_weather", arguments: str = "") -> str:
    return sse(
        "tool-call-start",
        index=index,
        delta={
            "message": {
                "tool_calls": {
                    "id": f"{name}_{index}",
                    "type": "function",
                    "function": {"name": name, "arguments": arguments},
                }
            }
        },
    )


def call_delta(index: int, piece: str) -> str:
    return sse(
        "tool-call-delta", index=index, delta={"message": {"tool_calls": {"function": {"arguments": piece}}}}
    )


def end(reason: str = "COMPLETE", **delta: Any) -> str:
    return sse(
        "message-end",
        delta={
            "finish_reason": reason,
            "usage": {
                "billed_units": {"input_tokens": 3, "output_tokens": 2},
                "tokens": {"input_tokens": 90, "output_tokens": 4},
            },
            **delta,
        },
    )


def parse(body: str, **kwargs: Any) -> conformance.Message:
    return conformance.parse(VENDOR, [body.encode()], **kwargs)


def test_text_deltas_are_appended_and_message_end_completes_the_stream() -> None:
    message = parse(
        START
        + content_start(0)
        + content(0, "Hel")
        + content(0, "lo")
        + sse("content-end", index=0)
        + end()
        + DONE
    )
    assert (message.text, message.stop_reason, message.vendor_stop_reason, message.complete) == (
        "Hello",
        "stop",
        "COMPLETE",
        True,
    )


def test_done_is_optional_after_message_end() -> None:
    assert parse(START + content(0, "x") + end()).complete


def test_usage_takes_tokens_not_billed_units_and_cached_tokens_as_cache_reads() -> None:
    body = START + sse(
        "message-end",
        delta={
            "finish_reason": "COMPLETE",
            "usage": {
                "billed_units": {"input_tokens": 1, "output_tokens": 1},
                "tokens": {"input_tokens": 501, "output_tokens": 21},
                "cached_tokens": 448,
            },
        },
    )
    assert parse(body).usage == {"input_tokens": 501, "output_tokens": 21, "cache_read_tokens": 448}


def test_thinking_content_is_reasoning_and_text_content_is_text() -> None:
    body = (
        START
        + content_start(0, "thinking")
        + content(0, "Let me see.", "thinking")
        + sse("content-end", index=0)
    )
    body += content_start(1) + content(1, "42.") + sse("content-end", index=1) + end()
    message = parse(body)
    assert (message.reasoning, message.text) == ("Let me see.", "42.")


def test_the_tool_plan_is_reasoning_and_tool_calls_assemble_their_json_text() -> None:
    body = (
        START
        + sse("tool-plan-delta", delta={"message": {"tool_plan": "I will "}})
        + sse("tool-plan-delta", delta={"message": {"tool_plan": "look."}})
    )
    body += (
        call_start(0)
        + call_delta(0, '{"location":')
        + call_delta(0, ' "Toronto"}')
        + sse("tool-call-end", index=0)
        + end("TOOL_CALL")
    )
    message = parse(body)
    assert message.reasoning == "I will look."
    assert [c.to_dict() for c in message.tool_calls] == [
        {"id": "get_weather_0", "name": "get_weather", "arguments": {"location": "Toronto"}}
    ]
    assert message.stop_reason == "tool_calls"


def test_arguments_already_in_tool_call_start_are_kept() -> None:
    message = parse(
        START + call_start(0, arguments='{"a": 1}') + sse("tool-call-end", index=0) + end("TOOL_CALL")
    )
    assert message.tool_calls[0].arguments == {"a": 1}


def test_citations_add_nothing_to_the_message() -> None:
    citation = {
        "message": {
            "citations": {
                "start": 0,
                "end": 2,
                "text": "Hi",
                "sources": [{"type": "document", "id": "doc:0"}],
                "type": "TEXT_CONTENT",
            }
        }
    }
    body = (
        START
        + content_start(0)
        + content(0, "Hi")
        + sse("citation-start", index=0, delta=citation)
        + sse("citation-end", index=0)
        + end()
    )
    assert parse(body).text == "Hi"


@pytest.mark.parametrize(("reason", "normalized"), sorted(STOP_REASONS.items()))
def test_finish_reason_maps_to_a_normalized_stop_reason(reason: str, normalized: str) -> None:
    message = parse(START + end(reason))
    assert (message.stop_reason, message.vendor_stop_reason) == (normalized, reason)
    assert normalized in NORMALIZED_STOP_REASONS


def test_an_error_finish_carries_the_error_text_and_keeps_the_vendor_reason() -> None:
    message = parse(START + content(0, "The") + end("ERROR", error="internal server error") + DONE)
    assert (message.error, message.stop_reason, message.vendor_stop_reason, message.complete) == (
        {"type": "ERROR", "message": "internal server error"},
        "error",
        "ERROR",
        False,
    )


def test_a_stream_without_message_end_is_incomplete() -> None:
    message = parse(START + content_start(0) + content(0, "Hi"))
    assert (message.text, message.complete) == ("Hi", False)


def test_byte_by_byte_and_two_chunk_splits_give_the_same_message() -> None:
    body = (
        START
        + content(0, "Grüße 🌍")
        + call_start(0)
        + call_delta(0, '{"q": "ü"}')
        + sse("tool-call-end", index=0)
        + end("TOOL_CALL")
        + DONE
    ).encode()
    whole = conformance.parse(VENDOR, [body])
    assert conformance.parse(VENDOR, byte_by_byte(body)) == whole
    for chunks in two_chunk_splits(body):
        assert conformance.parse(VENDOR, chunks) == whole


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (content(0, "x"), "before message-start"),
        (START + START, "a second message-start"),
        (START + call_delta(0, "{}"), "never started"),
        (START + call_start(0) + call_start(0), "started twice"),
        (START + call_start(0) + sse("tool-call-end", index=0) + call_delta(0, "x"), "already ended"),
        (START + content_start(0) + content_start(0), "started twice"),
        (START + content_start(0) + sse("content-end", index=0) + content(0, "x"), "already ended"),
        (START + end() + content(0, "late"), "after message-end"),
        (START + DONE, r"\[DONE\] before message-end"),
    ],
)
def test_events_out_of_protocol_order_are_protocol_errors(body: str, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason) as info:
        parse(body)
    assert info.value.vendor == VENDOR and info.value.offset is not None


def test_invalid_json_names_the_event_and_offset() -> None:
    with pytest.raises(InvalidJSONError) as info:
        parse(START + "event: content-delta\ndata: {oops}\n\n")
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (VENDOR, 1, len(START))


def test_a_tool_call_start_without_a_function_name_names_the_field() -> None:
    body = START + sse(
        "tool-call-start", index=0, delta={"message": {"tool_calls": {"id": "x", "function": {}}}}
    )
    with pytest.raises(VendorEventError, match="'name'"):
        parse(body)


def test_an_unknown_event_type_is_an_error_in_strict_mode_and_skipped_leniently() -> None:
    body = START + sse("search-results", results=[]) + content(0, "ok") + end()
    with pytest.raises(UnknownEventError):
        parse(body)
    assert parse(body, strict=False).text == "ok"
