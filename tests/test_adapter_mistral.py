"""The `mistral` adapter: the chat adapter under Mistral's profile, plus content chunks
(thinking and text) and tool calls delivered whole, with arguments as text or as an object."""

from __future__ import annotations

import json
from typing import Any

import pytest

import conformance
from conformance import Message, ProtocolError, ToolCall, VendorEventError

VENDOR = "mistral"
DONE = b"data: [DONE]\n\n"


def chunk(delta: dict[str, Any] | None = None, finish: str | None = None, **top: Any) -> bytes:
    """A chunk as Mistral sends it: no logprobs key, usage only beside the finish."""
    out = {
        "id": "5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f",
        "object": "chat.completion.chunk",
        "created": 1770007001,
        "model": "magistral-medium-latest",
        "choices": [{"index": 0, "delta": delta or {}, "finish_reason": finish}],
    }
    out.update(top)
    return f"data: {json.dumps(out)}\n\n".encode()


def parse(*parts: bytes) -> Message:
    body = b"".join(parts)
    return conformance.parse(VENDOR, [body[i : i + 3] for i in range(0, len(body), 3)])


def thinking(text: str) -> dict[str, Any]:
    return {"content": [{"type": "thinking", "thinking": [{"type": "text", "text": text}]}]}


USAGE = {"prompt_tokens": 9, "total_tokens": 50, "completion_tokens": 41}


def test_string_content_is_text_and_usage_comes_with_the_finish() -> None:
    body = (
        chunk({"role": "assistant", "content": ""})
        + chunk({"content": "Bonjour"})
        + chunk({"content": ""}, "stop", usage=USAGE)
    )
    assert parse(body, DONE) == Message(
        vendor=VENDOR,
        text="Bonjour",
        stop_reason="stop",
        vendor_stop_reason="stop",
        usage={"input_tokens": 9, "output_tokens": 41, "total_tokens": 50},
        complete=True,
    )


def test_thinking_chunks_are_reasoning_and_text_chunks_are_text() -> None:
    answer = {"content": [{"type": "text", "text": "3⁴ = 81"}]}
    message = parse(
        chunk(thinking("3 * 3 = 9")), chunk(thinking(", * 9 = 81")), chunk(answer), chunk({}, "stop"), DONE
    )
    assert (message.reasoning, message.text) == ("3 * 3 = 9, * 9 = 81", "3⁴ = 81")


def test_one_delta_may_hold_thinking_and_text_chunks_in_order() -> None:
    mixed = {
        "content": [
            {"type": "thinking", "thinking": [{"type": "text", "text": "hm"}], "closed": True},
            {"type": "text", "text": "ok"},
        ]
    }
    message = parse(chunk(mixed), chunk({}, "stop"), DONE)
    assert (message.reasoning, message.text) == ("hm", "ok")


def test_other_content_chunk_types_add_nothing() -> None:
    reference = {"content": [{"type": "reference", "reference_ids": [1, 2]}, {"type": "text", "text": "[1]"}]}
    assert parse(chunk(reference), chunk({}, "stop"), DONE).text == "[1]"


def test_a_content_chunk_without_a_type_is_a_vendor_event_error() -> None:
    with pytest.raises(VendorEventError, match="'type'") as info:
        parse(chunk({"content": [{"text": "untyped"}]}))
    assert info.value.vendor == VENDOR


def test_a_tool_call_arrives_whole_with_the_finish_and_usage() -> None:
    call = {
        "id": "Fq3kR8tWz",
        "function": {"name": "get_weather", "arguments": '{"location": "Lyon"}'},
        "index": 0,
    }
    message = parse(chunk({"tool_calls": [call]}, "tool_calls", usage=USAGE), DONE)
    assert message.tool_calls == (ToolCall("Fq3kR8tWz", "get_weather", {"location": "Lyon"}),)
    assert (message.stop_reason, message.complete) == ("tool_calls", True)


def test_parallel_tool_calls_arrive_whole_in_one_delta() -> None:
    calls = [
        {"id": "Yb7mN2qXc", "function": {"name": "a", "arguments": "{}"}, "index": 0},
        {"id": "Kd4vL9pTs", "function": {"name": "b", "arguments": '{"x": 1}'}, "index": 1},
    ]
    assert parse(chunk({"tool_calls": calls}, "tool_calls"), DONE).tool_calls == (
        ToolCall("Yb7mN2qXc", "a", {}),
        ToolCall("Kd4vL9pTs", "b", {"x": 1}),
    )


def test_arguments_given_as_an_object_are_taken_whole() -> None:
    call = {
        "id": "Ob1ectArg",
        "function": {"name": "get_weather", "arguments": {"location": "Nice"}},
        "index": 0,
    }
    assert parse(chunk({"tool_calls": [call]}, "tool_calls"), DONE).tool_calls == (
        ToolCall("Ob1ectArg", "get_weather", {"location": "Nice"}),
    )


def test_a_second_delta_for_a_call_appends_to_its_arguments() -> None:
    first = {"id": "Sp1itArgs", "function": {"name": "f", "arguments": '{"a": '}, "index": 0}
    rest = {"id": "null", "function": {"name": "", "arguments": "1}"}, "index": 0}
    assert parse(
        chunk({"tool_calls": [first]}), chunk({"tool_calls": [rest]}), chunk({}, "tool_calls"), DONE
    ).tool_calls == (ToolCall("Sp1itArgs", "f", {"a": 1}),)


def test_a_tool_call_without_index_is_call_0_as_the_sdk_reads_it() -> None:
    # Mistral streamed calls without `index` in 2024; `mistralai`'s ToolCall.index defaults to 0.
    call = {"id": "EscTeQY62", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}
    message = parse(chunk({"tool_calls": [call]}, "tool_calls", usage=USAGE), DONE)
    assert message.tool_calls == (ToolCall("EscTeQY62", "get_weather", {"city": "Paris"}),)
    assert (message.stop_reason, message.complete) == ("tool_calls", True)


def test_a_tool_call_with_an_index_that_is_not_an_integer_is_still_an_error() -> None:
    call = {"id": "x", "function": {"name": "f", "arguments": "{}"}, "index": "0"}
    with pytest.raises(VendorEventError, match="'index' should be an integer"):
        parse(chunk({"tool_calls": [call]}, "tool_calls"), DONE)


def test_arguments_for_a_call_never_started_are_a_protocol_error() -> None:
    call = {"function": {"name": "", "arguments": "{}"}, "index": 2}
    with pytest.raises(ProtocolError, match="index 2, which was never started"):
        parse(chunk({"tool_calls": [call]}))


@pytest.mark.parametrize(
    ("reason", "normalized"), [("model_length", "length"), ("length", "length"), ("error", "error")]
)
def test_mistral_finish_reasons(reason: str, normalized: str) -> None:
    message = parse(chunk({"content": "x"}), chunk({}, reason), DONE)
    assert (message.stop_reason, message.vendor_stop_reason) == (normalized, reason)


def test_the_error_object_sent_bare_with_an_http_error_is_the_error() -> None:
    body = (
        b'{"object":"error","message":"Requests rate limit exceeded",'
        b'"type":"rate_limited","param":null,"code":"1300"}'
    )
    message = conformance.parse(VENDOR, [body[:10], body[10:]])
    assert message.error == {"type": "rate_limited", "message": "Requests rate limit exceeded"}
    assert (message.stop_reason, message.complete) == ("error", False)


def test_a_stream_cut_before_done_is_incomplete() -> None:
    body = chunk({"content": "Les crêpes"})
    message = parse(body, body[:40])
    assert (message.text, message.complete) == ("Les crêpes", False)
