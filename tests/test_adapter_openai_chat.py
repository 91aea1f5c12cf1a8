"""The `openai-chat` adapter on small inline bodies: one behaviour of OpenAI's Chat Completions
stream (or of a broken one) per test."""

from __future__ import annotations

import json
from typing import Any

import pytest

import conformance
from conformance import (
    ErrorReported,
    Finish,
    InvalidJSONError,
    Message,
    ProtocolError,
    StreamEnd,
    StreamStart,
    ToolCall,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    UnknownEventError,
    UsageUpdate,
    VendorEventError,
)

VENDOR = "openai-chat"
DONE = b"data: [DONE]\n\n"


def chunk(delta: dict[str, Any] | None = None, finish: str | None = None, **top: Any) -> dict[str, Any]:
    """A chat.completion.chunk as OpenAI sends it, with one choice (index 0)."""
    out: dict[str, Any] = {
        "id": "chatcmpl-T1",
        "object": "chat.completion.chunk",
        "created": 1768395121,
        "model": "gpt-4o-2024-08-06",
        "service_tier": "default",
        "system_fingerprint": "fp_a3b1c7e2d9",
        "choices": [{"index": 0, "delta": delta or {}, "logprobs": None, "finish_reason": finish}],
        "usage": None,
        "obfuscation": "pAd",
    }
    out.update(top)
    return out


def usage_chunk(usage: dict[str, Any]) -> dict[str, Any]:
    return chunk(choices=[], usage=usage)


def sse(*events: Any, done: bool = True) -> bytes:
    """A body: each event a `data:` line (dicts as JSON, strings as they are), then [DONE]."""
    lines = [e if isinstance(e, str) else json.dumps(e, separators=(",", ":")) for e in events]
    return "".join(f"data: {line}\n\n" for line in lines).encode() + (DONE if done else b"")


def parse(body: bytes, **kwargs: Any) -> Message:
    return conformance.parse(VENDOR, [body], **kwargs)


def events(body: bytes) -> list[conformance.Event]:
    return list(conformance.stream_events(VENDOR, [body]))


def call_start(index: int, call_id: str, name: str) -> dict[str, Any]:
    function = {"name": name, "arguments": ""}
    return {"tool_calls": [{"index": index, "id": call_id, "type": "function", "function": function}]}


def call_args(index: int, fragment: str) -> dict[str, Any]:
    return {"tool_calls": [{"index": index, "function": {"arguments": fragment}}]}


# -- text, start and finish ---------------------------------------------------------------


def test_text_deltas_are_joined_and_done_completes_the_message() -> None:
    body = sse(
        chunk({"role": "assistant", "content": "", "refusal": None}),
        chunk({"content": "Hel"}),
        chunk({"content": "lo"}),
        chunk({}, "stop"),
    )
    assert parse(body) == Message(
        vendor=VENDOR, text="Hello", stop_reason="stop", vendor_stop_reason="stop", complete=True
    )


def test_first_chunk_starts_the_stream_with_its_model_and_id() -> None:
    got = events(sse(chunk({"content": "a"}), chunk({"content": "b"})))
    assert [e for e in got if isinstance(e, StreamStart)] == [
        StreamStart(VENDOR, model="gpt-4o-2024-08-06", message_id="chatcmpl-T1")
    ]


@pytest.mark.parametrize(
    ("finish_reason", "normalized"),
    [
        ("stop", "stop"),
        ("length", "length"),
        ("tool_calls", "tool_calls"),
        ("function_call", "tool_calls"),
        ("content_filter", "content_filter"),
        ("end_of_world", "other"),
    ],
)
def test_finish_reason_maps_to_the_normalized_stop_reason_and_is_kept(
    finish_reason: str, normalized: str
) -> None:
    message = parse(sse(chunk({"content": "x"}), chunk({}, finish_reason)))
    assert (message.stop_reason, message.vendor_stop_reason) == (normalized, finish_reason)


def test_empty_finish_reason_is_not_a_finish_as_in_the_sdk() -> None:
    message = parse(sse(chunk({"content": "x"}, ""), chunk({"content": "y"})))
    assert (message.text, message.stop_reason, message.vendor_stop_reason) == ("xy", None, None)


def test_only_choice_zero_is_assembled_when_n_is_two() -> None:
    second = {"index": 1, "delta": {"content": "B"}, "logprobs": None, "finish_reason": None}
    first = {"index": 0, "delta": {"content": "A"}, "logprobs": None, "finish_reason": None}
    body = sse(
        chunk(choices=[second, first]), chunk(choices=[{**second, "delta": {}, "finish_reason": "length"}])
    )
    message = parse(body)
    assert (message.text, message.stop_reason) == ("A", None)


def test_refusal_deltas_fill_refusal_not_text() -> None:
    body = sse(
        chunk({"role": "assistant", "content": None, "refusal": ""}),
        chunk({"refusal": "I can't"}),
        chunk({"refusal": " help."}),
        chunk({}, "stop"),
    )
    message = parse(body)
    assert (message.text, message.refusal, message.stop_reason) == ("", "I can't help.", "stop")


# -- usage ------------------------------------------------------------------------------------


def test_usage_null_on_every_chunk_is_no_report() -> None:
    assert parse(sse(chunk({"content": "x"}), chunk({}, "stop"))).usage is None


def test_include_usage_chunk_maps_token_details_to_normalized_keys() -> None:
    usage = {
        "prompt_tokens": 1843,
        "completion_tokens": 204,
        "total_tokens": 2047,
        "prompt_tokens_details": {"cached_tokens": 1536, "audio_tokens": 0, "cache_write_tokens": 128},
        "completion_tokens_details": {"reasoning_tokens": 192, "audio_tokens": 0},
    }
    assert parse(sse(chunk({"content": "x"}, "stop"), usage_chunk(usage))).usage == {
        "input_tokens": 1843,
        "output_tokens": 204,
        "total_tokens": 2047,
        "cache_read_tokens": 1536,
        "cache_write_tokens": 128,
        "reasoning_tokens": 192,
    }


def test_usage_without_details_reports_only_what_is_there() -> None:
    usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}
    assert parse(sse(usage_chunk(usage))).usage == {"input_tokens": 5, "output_tokens": 2, "total_tokens": 7}


def test_a_later_usage_object_replaces_the_earlier_one() -> None:
    first = {
        "prompt_tokens": 5,
        "completion_tokens": 1,
        "total_tokens": 6,
        "prompt_tokens_details": {"cached_tokens": 3},
    }
    second = {"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9}
    got = [e for e in events(sse(usage_chunk(first), usage_chunk(second))) if isinstance(e, UsageUpdate)]
    assert all(e.replace for e in got)
    assert parse(sse(usage_chunk(first), usage_chunk(second))).usage == {
        "input_tokens": 5,
        "output_tokens": 4,
        "total_tokens": 9,
    }


def test_usage_null_after_the_usage_chunk_keeps_the_reported_usage() -> None:
    # Live gpt-5 streams send a `moderation` chunk with `usage: null` after the usage chunk;
    # null means "not in this chunk", so the reported usage stands.
    usage = {"prompt_tokens": 13, "completion_tokens": 11, "total_tokens": 24}
    body = sse(chunk({"content": "Paris."}, "stop"), usage_chunk(usage), chunk(choices=[], moderation={}))
    assert parse(body).usage == {"input_tokens": 13, "output_tokens": 11, "total_tokens": 24}


def test_usage_that_is_not_an_object_is_rejected() -> None:
    with pytest.raises(VendorEventError, match="'usage' should be an object or null"):
        parse(sse(chunk({}, usage=[1, 2])))


# -- tool calls ------------------------------------------------------------------------------


def test_tool_call_id_and_name_come_from_the_first_delta_and_fragments_are_joined() -> None:
    body = sse(
        chunk({"role": "assistant", "content": None, **call_start(0, "call_A", "get_weather")}),
        chunk(call_args(0, '{"loc')),
        chunk(call_args(0, 'ation":"Pa')),
        chunk(call_args(0, 'ris"}')),
        chunk({}, "tool_calls"),
    )
    message = parse(body)
    assert message.tool_calls == (ToolCall("call_A", "get_weather", {"location": "Paris"}),)
    assert (message.stop_reason, message.complete) == ("tool_calls", True)


def test_fragments_are_keyed_by_index_even_when_interleaved_in_one_chunk() -> None:
    both = {
        "tool_calls": [
            {"index": 1, "function": {"arguments": '{"b":2}'}},
            {"index": 0, "function": {"arguments": "1}"}},
        ]
    }
    body = sse(
        chunk(call_start(0, "call_A", "f")),
        chunk(call_start(1, "call_B", "g")),
        chunk(call_args(0, '{"a":')),
        chunk(both),
        chunk({}, "tool_calls"),
    )
    assert parse(body).tool_calls == (ToolCall("call_A", "f", {"a": 1}), ToolCall("call_B", "g", {"b": 2}))


def test_finish_reason_ends_every_started_call() -> None:
    got = events(
        sse(chunk(call_start(1, "call_B", "g")), chunk(call_start(0, "call_A", "f")), chunk({}, "tool_calls"))
    )
    ends = [e for e in got if isinstance(e, (ToolCallEnd, Finish))]
    assert ends == [ToolCallEnd(0), ToolCallEnd(1), Finish("tool_calls", "tool_calls")]


def test_done_without_any_finish_reason_keeps_the_calls_and_invents_no_stop_reason() -> None:
    # OpenAI-compatible servers (vLLM now and then, vllm-mlx) end with [DONE] and no chunk
    # carrying a finish_reason: the terminator arrived, so the message is complete, with the
    # calls as streamed and no stop reason (the openai SDK's finish_reason stays None too).
    body = sse(
        chunk({"role": "assistant", "content": "Checking."}),
        chunk(call_start(0, "call_A", "get_weather")),
        chunk(call_args(0, '{"city":')),
        chunk(call_args(0, '"Paris"}')),
    )
    message = parse(body)
    assert message.tool_calls == (ToolCall("call_A", "get_weather", {"city": "Paris"}),)
    assert (message.text, message.stop_reason, message.vendor_stop_reason, message.complete) == (
        "Checking.",
        None,
        None,
        True,
    )


def test_tool_call_with_empty_arguments_has_an_empty_object() -> None:
    message = parse(sse(chunk(call_start(0, "call_A", "get_time")), chunk({}, "tool_calls")))
    assert message.tool_calls == (ToolCall("call_A", "get_time", {}),)


def test_empty_argument_fragments_add_no_events() -> None:
    got = events(sse(chunk(call_start(0, "call_A", "f")), chunk(call_args(0, ""))))
    assert [e for e in got if isinstance(e, ToolCallDelta)] == []


def test_delta_for_a_tool_call_never_started_names_vendor_event_and_offset() -> None:
    first = sse(chunk({"content": "x"}), done=False)
    body = first + sse(chunk(call_args(3, '{"a":1}')))
    with pytest.raises(ProtocolError, match="index 3, which was never started") as info:
        parse(body)
    error = info.value
    assert (error.vendor, error.event_index, error.event_type, error.offset) == (
        VENDOR,
        1,
        "chunk",
        len(first),
    )
    assert f"vendor {VENDOR}, event #1 (chunk), byte offset {len(first)}" in str(error)


def test_tool_call_without_an_index_is_a_vendor_event_error() -> None:
    with pytest.raises(VendorEventError, match="missing field 'index'"):
        parse(sse(chunk({"tool_calls": [{"id": "call_A", "function": {"name": "f", "arguments": ""}}]})))


def test_legacy_function_call_delta_is_a_tool_call_without_id() -> None:
    body = sse(
        chunk({"role": "assistant", "content": None, "function_call": {"name": "get_time", "arguments": ""}}),
        chunk({"function_call": {"arguments": '{"tz":"UTC"}'}}),
        chunk({}, "function_call"),
    )
    message = parse(body)
    assert message.tool_calls == (ToolCall(None, "get_time", {"tz": "UTC"}),)
    assert message.stop_reason == "tool_calls"


def test_started_tool_call_events_carry_index_id_and_name() -> None:
    got = events(sse(chunk(call_start(2, "call_C", "h"))))
    assert [e for e in got if isinstance(e, ToolCallStart)] == [ToolCallStart(2, "call_C", "h")]


def test_three_calls_sharing_index_0_are_three_calls_numbered_in_order() -> None:
    # Ollama's OpenAI endpoint and SGLang send a whole parallel batch at `index: 0`, each
    # call's first delta with its own id and name.
    body = sse(
        *(
            piece
            for n, name in enumerate("fgh")
            for piece in (chunk(call_start(0, f"call_{n}", name)), chunk(call_args(0, f'{{"n":{n}}}')))
        ),
        chunk({}, "tool_calls"),
    )
    got = events(body)
    assert [e for e in got if isinstance(e, ToolCallStart)] == [
        ToolCallStart(0, "call_0", "f"),
        ToolCallStart(1, "call_1", "g"),
        ToolCallStart(2, "call_2", "h"),
    ]
    assert parse(body).tool_calls == tuple(
        ToolCall(f"call_{n}", name, {"n": n}) for n, name in enumerate("fgh")
    )


# -- errors in the stream ----------------------------------------------------------------------


SERVER_ERROR = {
    "error": {
        "message": "The server had an error while processing your request. Sorry about that!",
        "type": "server_error",
        "param": None,
        "code": None,
    }
}


def test_error_payload_mid_stream_sets_error_and_stop_reason_error() -> None:
    message = parse(sse(chunk({"content": "The"}), SERVER_ERROR, done=False))
    assert message.text == "The"
    assert message.error == {"type": "server_error", "message": SERVER_ERROR["error"]["message"]}
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == ("error", None, False)


def test_error_then_done_is_still_incomplete() -> None:
    assert parse(sse(chunk({"content": "The"}), SERVER_ERROR)).complete is False


def test_error_without_type_is_named_by_its_code() -> None:
    got = events(sse({"error": {"message": "Rate limit reached", "code": "rate_limit_exceeded"}}, done=False))
    assert [e for e in got if isinstance(e, ErrorReported)] == [
        ErrorReported("rate_limit_exceeded", "Rate limit reached")
    ]


def test_error_given_as_a_bare_string_is_reported() -> None:
    assert parse(sse({"error": "upstream timed out"}, done=False)).error == {
        "type": "error",
        "message": "upstream timed out",
    }


def test_error_on_a_whole_chunk_keeps_that_chunks_choices() -> None:
    # Compatible servers (OpenRouter) put the error on a chunk that also ends the choice.
    failing = chunk({"content": " in"}, "error", error={"code": 502, "message": "Provider returned error"})
    message = parse(sse(chunk({"content": "The"}), failing, done=False))
    assert (message.text, message.vendor_stop_reason, message.stop_reason) == ("The in", "error", "error")
    assert message.error == {"type": "502", "message": "Provider returned error"}


def test_null_error_field_on_a_chunk_is_not_an_error() -> None:
    message = parse(sse(chunk({"content": "ok"}, "stop", error=None)))
    assert (message.error, message.text, message.complete) == (None, "ok", True)


def test_json_error_document_instead_of_a_stream_is_reported() -> None:
    body = json.dumps(
        {
            "error": {
                "message": "Invalid model",
                "type": "invalid_request_error",
                "param": "model",
                "code": None,
            }
        }
    ).encode()
    message = parse(body)
    assert message.error == {"type": "invalid_request_error", "message": "Invalid model"}
    assert message.complete is False


# -- the end of the stream ----------------------------------------------------------------------


def test_body_cut_mid_event_is_incomplete_and_keeps_what_arrived() -> None:
    whole = sse(chunk({"content": "Once"}), chunk({"content": " upon"}), done=False)
    cut = whole + b'data: {"id":"chatcmpl-T1","object":"chat.comp'
    message = parse(cut)
    assert (message.text, message.complete, message.stop_reason) == ("Once upon", False, None)
    end = events(cut)[-1]
    assert isinstance(end, StreamEnd)
    assert end.leftover_bytes == len(cut) - len(whole)


def test_body_of_whole_events_without_done_is_incomplete() -> None:
    message = parse(sse(chunk({"content": "x"}), chunk({}, "stop"), done=False))
    assert (message.stop_reason, message.complete) == ("stop", False)


def test_chunk_after_done_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match=r"chunk after data: \[DONE\]"):
        parse(sse(chunk({"content": "x"})) + sse(chunk({"content": "y"}), done=False))


def test_second_done_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match=r"done after data: \[DONE\]"):
        parse(sse(chunk({"content": "x"})) + DONE)


# -- bad input and unknown events ---------------------------------------------------------------


def test_invalid_json_in_data_names_vendor_and_offset() -> None:
    first = sse(chunk({"content": "x"}), done=False)
    with pytest.raises(InvalidJSONError, match="invalid JSON") as info:
        parse(first + b'data: {"id": "chatcmpl-T1", "choices": [}\n\n' + DONE)
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (VENDOR, 1, len(first))


def test_data_that_is_not_an_object_is_a_vendor_event_error() -> None:
    with pytest.raises(VendorEventError, match="expected a JSON object holding 'choices', got 42"):
        parse(sse("42"))


def test_chunk_without_choices_is_a_vendor_event_error() -> None:
    body = sse({"id": "chatcmpl-T1", "object": "chat.completion.chunk", "created": 1, "model": "m"})
    with pytest.raises(VendorEventError, match="missing field 'choices'"):
        parse(body)


def test_chunk_with_null_usage_and_no_choices_is_still_a_vendor_event_error() -> None:
    body = sse(
        {"id": "chatcmpl-T1", "object": "chat.completion.chunk", "created": 1, "model": "m", "usage": None}
    )
    with pytest.raises(VendorEventError, match="missing field 'choices'"):
        parse(body)


@pytest.mark.parametrize("vendor", ["openai-chat", "vllm", "deepseek"])
def test_a_usage_chunk_without_choices_is_read_as_usage(vendor: str) -> None:
    """Some OpenAI-compatible servers end with `{"id", ..., "usage": {...}}` and no `choices`
    key (OpenAI sends `choices: []`): a usage report all the same (the openai SDK raises
    `TypeError` on it, tests/test_generate.py pins that)."""
    usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}
    last = {k: v for k, v in chunk(usage=usage).items() if k != "choices"}
    message = conformance.parse(vendor, [sse(chunk({"content": "hi"}, "stop"), last)])
    assert (message.text, message.stop_reason, message.complete) == ("hi", "stop", True)
    assert message.usage == {"input_tokens": 5, "output_tokens": 2, "total_tokens": 7}


def whole_completion() -> dict[str, Any]:
    """A non-streamed `chat.completion` sent where a chunk belongs: not an event of this stream."""
    return {"id": "chatcmpl-T1", "object": "chat.completion", "created": 1, "model": "m", "choices": []}


def test_unknown_object_type_raises_in_strict_mode() -> None:
    with pytest.raises(UnknownEventError, match=r"unknown openai-chat event type 'chat\.completion'") as info:
        parse(sse(chunk({"content": "x"}), whole_completion()))
    assert (info.value.event_index, info.value.event_type) == (1, "chat.completion")


def test_unknown_object_type_is_skipped_when_not_strict() -> None:
    message = parse(sse(chunk({"content": "x"}), whole_completion(), chunk({}, "stop")), strict=False)
    assert (message.text, message.stop_reason, message.complete) == ("x", "stop", True)


def test_named_sse_event_is_not_one_of_openais() -> None:
    body = (
        sse(chunk({"content": "x"}), done=False)
        + b'event: ping\ndata: {"object":"chat.completion.chunk"}\n\n'
    )
    with pytest.raises(UnknownEventError, match="'ping'"):
        parse(body + DONE)
    assert parse(body + DONE, strict=False).complete is True


def test_azure_annotation_chunks_are_skipped_as_the_sdk_skips_them() -> None:
    prompt_filter = {
        "choices": [],
        "created": 0,
        "id": "",
        "model": "",
        "object": "",
        "prompt_filter_results": [
            {"prompt_index": 0, "content_filter_results": {"hate": {"filtered": False}}}
        ],
    }
    got = events(sse(prompt_filter, chunk({"content": "Hi"}), chunk({}, "stop")))
    assert [e for e in got if isinstance(e, StreamStart)] == [
        StreamStart(VENDOR, model="gpt-4o-2024-08-06", message_id="chatcmpl-T1")
    ]
    assert parse(sse(prompt_filter, chunk({"content": "Hi"}), chunk({}, "stop"))).text == "Hi"


def test_every_event_type_of_the_adapter_is_documented() -> None:
    from conformance.adapters.openai_chat import EVENT_TYPES

    assert conformance.adapters.make_adapter(VENDOR).event_types == set(EVENT_TYPES)
