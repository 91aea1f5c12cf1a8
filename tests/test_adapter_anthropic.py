"""The Anthropic adapter on small inline bodies shaped like the Messages API's stream: stop
reasons, usage merging, tool-call fragments, thinking, the error event, and bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

import conformance
from conformance.adapters.anthropic import STOP_REASONS
from conformance.errors import InvalidJSONError, ProtocolError, UnknownEventError, VendorEventError
from conformance.events import (
    Finish,
    StreamEnd,
    StreamStart,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.message import Message


def sse(event: str, data: Any, *, pad: str = "") -> bytes:
    """One SSE event as the API writes it: compact JSON, optionally padded before its last `}`."""
    text = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    if pad:
        text = text[:-1] + pad + text[-1]
    return f"event: {event}\ndata: {text}\n\n".encode()


def start(usage: dict[str, Any] | None = None) -> bytes:
    message = {
        "model": "claude-haiku-4-5-20251001",
        "id": "msg_01Test",
        "type": "message",
        "role": "assistant",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": usage if usage is not None else {"input_tokens": 10, "output_tokens": 1},
    }
    return sse("message_start", {"type": "message_start", "message": message})


def block_start(index: int, block: dict[str, Any]) -> bytes:
    return sse("content_block_start", {"type": "content_block_start", "index": index, "content_block": block})


def delta(index: int, body: dict[str, Any]) -> bytes:
    return sse("content_block_delta", {"type": "content_block_delta", "index": index, "delta": body})


def text(index: int, piece: str) -> bytes:
    return delta(index, {"type": "text_delta", "text": piece})


def json_piece(index: int, piece: str) -> bytes:
    return delta(index, {"type": "input_json_delta", "partial_json": piece})


def block_stop(index: int) -> bytes:
    return sse("content_block_stop", {"type": "content_block_stop", "index": index})


def message_delta(stop_reason: str | None = "end_turn", usage: dict[str, Any] | None = None) -> bytes:
    return sse(
        "message_delta",
        {
            "type": "message_delta",
            "delta": {"stop_reason": stop_reason, "stop_sequence": None},
            "usage": usage if usage is not None else {"output_tokens": 5},
        },
    )


STOP = sse("message_stop", {"type": "message_stop"})
PING = b'event: ping\ndata: {"type": "ping"}\n\n'


def tool(index: int, tool_id: str, name: str, initial: dict[str, Any] | None = None) -> bytes:
    return block_start(index, {"type": "tool_use", "id": tool_id, "name": name, "input": initial or {}})


def parse(*parts: bytes, strict: bool = True) -> Message:
    """Parse the parts joined, and check that byte-by-byte feeding agrees."""
    body = b"".join(parts)
    message = conformance.parse("anthropic", [body], strict=strict)
    assert (
        conformance.parse("anthropic", [body[i : i + 1] for i in range(len(body))], strict=strict) == message
    )
    return message


# -- the happy path ----------------------------------------------------------------------------


def test_text_blocks_concatenate_and_message_stop_completes() -> None:
    message = parse(
        start(), block_start(0, {"type": "text", "text": ""}), PING, text(0, "Hel"), text(0, "lo"),
        block_stop(0), message_delta(), STOP,
    )  # fmt: skip
    assert (message.text, message.stop_reason, message.vendor_stop_reason) == ("Hello", "stop", "end_turn")
    assert message.complete is True and message.error is None


def test_padding_before_the_closing_brace_is_just_json_whitespace() -> None:
    padded = [
        start(), sse("content_block_start", {"type": "content_block_start", "index": 0,
                                             "content_block": {"type": "text", "text": ""}}, pad="       "),
        sse("content_block_delta", {"type": "content_block_delta", "index": 0,
                                    "delta": {"type": "text_delta", "text": "ok"}}, pad="  "),
        sse("content_block_stop", {"type": "content_block_stop", "index": 0}, pad="            "),
        message_delta(), sse("message_stop", {"type": "message_stop"}, pad="     "),
    ]  # fmt: skip
    assert parse(*padded).text == "ok"


def test_text_in_content_block_start_counts() -> None:
    message = parse(
        start(), block_start(0, {"type": "text", "text": "Pre"}), text(0, "fix"), block_stop(0), STOP
    )
    assert message.text == "Prefix"


def test_ping_may_come_before_message_start_and_after_message_stop() -> None:
    message = parse(PING, start(), message_delta(), STOP, PING)
    assert message.complete is True


def test_normalized_events_of_a_tool_call_in_order() -> None:
    body = start() + tool(0, "toolu_01A", "get_weather") + json_piece(0, '{"city": "Oslo"}')
    body += block_stop(0) + message_delta("tool_use", {"output_tokens": 9}) + STOP
    events = list(conformance.stream_events("anthropic", [body]))
    assert events == [
        StreamStart("anthropic", "claude-haiku-4-5-20251001", "msg_01Test"),
        UsageUpdate({"input_tokens": 10, "output_tokens": 1}),
        ToolCallStart(0, "toolu_01A", "get_weather"),
        ToolCallDelta(0, '{"city": "Oslo"}'),
        ToolCallEnd(0),
        Finish("tool_calls", "tool_use"),
        UsageUpdate({"output_tokens": 9}),
        StreamEnd(complete=True),
    ]


# -- stop reasons --------------------------------------------------------------------------------


@pytest.mark.parametrize(("vendor_reason", "normalized"), sorted(STOP_REASONS.items()))
def test_stop_reason_is_mapped_and_kept(vendor_reason: str, normalized: str) -> None:
    message = parse(start(), message_delta(vendor_reason), STOP)
    assert (message.stop_reason, message.vendor_stop_reason) == (normalized, vendor_reason)


def test_documented_stop_reasons_are_all_mapped() -> None:
    # https://docs.anthropic.com/en/api/handling-stop-reasons
    assert STOP_REASONS["end_turn"] == "stop"
    assert STOP_REASONS["max_tokens"] == "length"
    assert STOP_REASONS["tool_use"] == "tool_calls"
    assert STOP_REASONS["refusal"] == "content_filter"
    assert {"stop_sequence", "pause_turn", "model_context_window_exceeded"} <= set(STOP_REASONS)


def test_an_unknown_stop_reason_is_other_and_kept_verbatim() -> None:
    message = parse(start(), message_delta("compaction_needed"), STOP)
    assert (message.stop_reason, message.vendor_stop_reason) == ("other", "compaction_needed")


def test_a_null_stop_reason_sets_nothing() -> None:
    message = parse(start(), message_delta(None), STOP)
    assert (message.stop_reason, message.vendor_stop_reason) == (None, None)


# -- usage -----------------------------------------------------------------------------------------


def test_message_delta_usage_merges_into_message_start_usage() -> None:
    usage = {
        "input_tokens": 21,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "output_tokens": 1,
    }
    message = parse(start(usage), message_delta("max_tokens", {"output_tokens": 16}), STOP)
    assert message.usage == {
        "input_tokens": 21,
        "output_tokens": 16,
        "cache_read_tokens": 0,
        "cache_write_tokens": 0,
    }


def test_cumulative_message_delta_counts_replace_earlier_ones() -> None:
    first = {"input_tokens": 50, "cache_read_input_tokens": 0, "output_tokens": 1}
    later = {"input_tokens": 64, "cache_read_input_tokens": 2048, "output_tokens": 30}
    message = parse(start(first), message_delta("end_turn", later), STOP)
    assert message.usage == {"input_tokens": 64, "output_tokens": 30, "cache_read_tokens": 2048}


def test_usage_takes_only_integer_counts_it_knows() -> None:
    usage = {
        "input_tokens": 8,
        "output_tokens": 1,
        "cache_creation_input_tokens": None,
        "cache_read_input_tokens": None,
        "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
        "server_tool_use": {"web_search_requests": 1},
        "service_tier": "standard",
    }
    assert parse(start(usage), STOP).usage == {"input_tokens": 8, "output_tokens": 1}


def test_cache_fields_map_to_read_and_write() -> None:
    usage = {
        "input_tokens": 3,
        "cache_creation_input_tokens": 348,
        "cache_read_input_tokens": 21874,
        "output_tokens": 1,
    }
    assert parse(start(usage), STOP).usage == {
        "input_tokens": 3,
        "output_tokens": 1,
        "cache_write_tokens": 348,
        "cache_read_tokens": 21874,
    }


# -- tool calls --------------------------------------------------------------------------------------


def test_tool_arguments_join_fragments_split_inside_keys_and_values() -> None:
    message = parse(
        start(), tool(0, "toolu_01A", "get_weather"), json_piece(0, ""), json_piece(0, '{"loc'),
        json_piece(0, 'ation": "Lisbon, '), json_piece(0, 'Portugal"'), json_piece(0, ', "unit": "celsius"}'),
        block_stop(0), message_delta("tool_use"), STOP,
    )  # fmt: skip
    (call,) = message.tool_calls
    assert (call.id, call.name) == ("toolu_01A", "get_weather")
    assert call.arguments == {"location": "Lisbon, Portugal", "unit": "celsius"}
    assert call.arguments_json is None
    assert message.stop_reason == "tool_calls"


def test_a_tool_with_no_input_has_empty_object_arguments() -> None:
    message = parse(start(), tool(0, "toolu_01B", "now"), json_piece(0, ""), block_stop(0), STOP)
    assert message.tool_calls[0].arguments == {}


def test_input_given_whole_in_content_block_start_is_kept_without_deltas() -> None:
    message = parse(start(), tool(0, "toolu_01C", "f", {"x": 1}), block_stop(0), STOP)
    assert message.tool_calls[0].arguments == {"x": 1}


def test_input_json_deltas_replace_the_start_input_as_the_sdk_does() -> None:
    message = parse(
        start(), tool(0, "toolu_01D", "f", {"x": 1}), json_piece(0, '{"y": 2}'), block_stop(0), STOP
    )
    assert message.tool_calls[0].arguments == {"y": 2}


def test_parallel_tool_calls_keep_their_order_ids_and_arguments_apart() -> None:
    message = parse(
        start(), block_start(0, {"type": "text", "text": ""}), text(0, "Both."), block_stop(0),
        tool(1, "toolu_01E", "get_weather"), json_piece(1, '{"location": "Tok'), json_piece(1, 'yo"}'),
        block_stop(1),
        tool(2, "toolu_01F", "get_time"), json_piece(2, '{"timezone"'), json_piece(2, ': "Asia/Tokyo"}'),
        block_stop(2), message_delta("tool_use"), STOP,
    )  # fmt: skip
    assert [c.to_dict() for c in message.tool_calls] == [
        {"id": "toolu_01E", "name": "get_weather", "arguments": {"location": "Tokyo"}},
        {"id": "toolu_01F", "name": "get_time", "arguments": {"timezone": "Asia/Tokyo"}},
    ]
    assert message.text == "Both."


def test_server_tool_use_is_not_a_client_tool_call() -> None:
    message = parse(
        start(),
        block_start(0, {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search", "input": {}}),
        json_piece(0, '{"query": "tides"}'), block_stop(0),
        block_start(1, {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01", "content": []}),
        block_stop(1), message_delta(), STOP,
    )  # fmt: skip
    assert message.tool_calls == ()
    assert message.complete is True


def test_only_blocks_named_tool_result_are_server_tool_results() -> None:
    # An MCP connector turn (beta `mcp-client-2025-04-04`): `mcp_tool_use` streams its input
    # like a tool call but is no client call, and only `mcp_tool_result` is a result.
    message = parse(
        start(),
        block_start(0, {"type": "mcp_tool_use", "id": "mcptoolu_01", "name": "echo", "server_name": "s",
                        "input": {}}),
        json_piece(0, '{"q": 1}'), block_stop(0),
        block_start(1, {"type": "mcp_tool_result", "tool_use_id": "mcptoolu_01", "is_error": False,
                        "content": [{"type": "text", "text": "1"}]}),
        block_stop(1), message_delta(), STOP,
    )  # fmt: skip
    assert [(r.type, r.tool_use_id) for r in message.server_tool_results] == [
        ("mcp_tool_result", "mcptoolu_01")
    ]
    assert message.tool_calls == ()


def test_arguments_that_never_become_json_keep_their_raw_text() -> None:
    message = parse(start(), tool(0, "toolu_01G", "f"), json_piece(0, '{"a": [1, 2'), block_stop(0), STOP)
    call = message.tool_calls[0]
    assert call.arguments == {"a": [1, 2]}
    assert call.arguments_json == '{"a": [1, 2'


# -- thinking ------------------------------------------------------------------------------------------


def test_thinking_deltas_are_reasoning_and_the_signature_is_not() -> None:
    message = parse(
        start(), block_start(0, {"type": "thinking", "thinking": "", "signature": ""}),
        delta(0, {"type": "thinking_delta", "thinking": "Let me "}),
        delta(0, {"type": "thinking_delta", "thinking": "think."}),
        delta(0, {"type": "thinking_delta", "thinking": ""}),
        delta(0, {"type": "signature_delta", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3h"}),
        block_stop(0), block_start(1, {"type": "text", "text": ""}), text(1, "Answer."), block_stop(1),
        message_delta(), STOP,
    )  # fmt: skip
    assert (message.reasoning, message.text) == ("Let me think.", "Answer.")


def test_redacted_thinking_adds_no_reasoning_and_no_text() -> None:
    message = parse(
        start(), block_start(0, {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"}), block_stop(0),
        block_start(1, {"type": "text", "text": ""}), text(1, "Hi."), block_stop(1), message_delta(), STOP,
    )  # fmt: skip
    assert (message.reasoning, message.text, message.complete) == ("", "Hi.", True)


def test_unknown_and_citation_deltas_are_skipped_as_the_sdk_skips_them() -> None:
    citation = {"type": "char_location", "cited_text": "x", "document_index": 0}
    message = parse(
        start(), block_start(0, {"type": "text", "text": ""}), text(0, "a"),
        delta(0, {"type": "citations_delta", "citation": citation}),
        delta(0, {"type": "future_delta", "whatever": 1}), text(0, "b"), block_stop(0), STOP,
    )  # fmt: skip
    assert message.text == "ab"


# -- errors reported by the vendor ----------------------------------------------------------------------


OVERLOADED = sse("error", {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})


def test_error_event_mid_stream_is_the_message_error() -> None:
    message = parse(start(), block_start(0, {"type": "text", "text": ""}), text(0, "Half"), OVERLOADED)
    assert message.error == {"type": "overloaded_error", "message": "Overloaded"}
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == ("error", None, False)
    assert message.text == "Half"


def test_error_event_before_message_start_is_reported_too() -> None:
    message = parse(OVERLOADED)
    assert message.error == {"type": "overloaded_error", "message": "Overloaded"}
    assert message.complete is False


def test_error_event_without_its_error_object_names_the_field() -> None:
    with pytest.raises(VendorEventError, match="missing field 'error'") as info:
        parse(start(), sse("error", {"type": "error"}))
    assert (info.value.vendor, info.value.event_type, info.value.event_index) == ("anthropic", "error", 1)


def test_an_http_error_document_instead_of_a_stream_is_the_error() -> None:
    body = (
        b'{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011C"}'
    )
    message = parse(body)
    assert message.error == {"type": "overloaded_error", "message": "Overloaded"}
    assert (message.stop_reason, message.complete) == ("error", False)


# -- bad input -----------------------------------------------------------------------------------------


def test_unknown_event_type_raises_in_strict_mode() -> None:
    body = start() + sse("message_explode", {"type": "message_explode"}) + STOP
    with pytest.raises(UnknownEventError) as info:
        conformance.parse("anthropic", [body])
    err = info.value
    assert (err.vendor, err.event_index, err.event_type, err.offset) == (
        "anthropic", 1, "message_explode", len(start()),
    )  # fmt: skip
    assert "byte offset" in str(err)


def test_unknown_event_type_is_skipped_when_not_strict() -> None:
    body = start() + sse("message_explode", {"type": "message_explode"}) + message_delta() + STOP
    message = conformance.parse("anthropic", [body], strict=False)
    assert (message.complete, message.stop_reason) == (True, "stop")


def test_an_event_without_an_event_name_is_unknown_as_the_sdk_skips_it() -> None:
    nameless = b'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}\n\n'
    body = start() + block_start(0, {"type": "text", "text": ""}) + nameless + block_stop(0) + STOP
    with pytest.raises(UnknownEventError, match="'message'"):
        conformance.parse("anthropic", [body])
    assert conformance.parse("anthropic", [body], strict=False).text == ""


def test_event_name_and_data_type_that_disagree_raise_in_strict_mode() -> None:
    body = start() + b'event: content_block_stop\ndata: {"type":"message_stop"}\n\n'
    with pytest.raises(ProtocolError, match="'content_block_stop' but data type 'message_stop'") as info:
        conformance.parse("anthropic", [body])
    assert (info.value.vendor, info.value.event_index, info.value.offset) == ("anthropic", 1, len(start()))


def test_event_name_and_data_type_that_disagree_follow_the_data_when_not_strict() -> None:
    body = start() + b'event: content_block_stop\ndata: {"type":"message_stop"}\n\n'
    assert conformance.parse("anthropic", [body], strict=False).complete is True


def test_a_delta_for_a_block_never_started_is_a_protocol_error_with_its_location() -> None:
    body = start() + text(3, "x")
    with pytest.raises(ProtocolError, match="content block 3, which was never started") as info:
        conformance.parse("anthropic", [body[:50], body[50:]])
    err = info.value
    assert (err.vendor, err.event_index, err.event_type, err.offset) == (
        "anthropic", 1, "content_block_delta", len(start()),
    )  # fmt: skip


def test_a_delta_after_its_block_stopped_is_a_protocol_error() -> None:
    body = start() + block_start(0, {"type": "text", "text": ""}) + block_stop(0) + text(0, "late")
    with pytest.raises(ProtocolError, match="content block 0, which was already stopped"):
        conformance.parse("anthropic", [body])


def test_a_text_delta_for_a_tool_use_block_is_a_protocol_error() -> None:
    body = start() + tool(0, "toolu_01H", "f") + text(0, "x")
    with pytest.raises(ProtocolError, match="text_delta for content block 0 of type 'tool_use'"):
        conformance.parse("anthropic", [body])


def test_a_block_started_twice_is_a_protocol_error() -> None:
    body = (
        start() + block_start(0, {"type": "text", "text": ""}) + block_start(0, {"type": "text", "text": ""})
    )
    with pytest.raises(ProtocolError, match="content block 0 started twice"):
        conformance.parse("anthropic", [body])


def test_a_second_message_start_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="second message_start"):
        conformance.parse("anthropic", [start() + start()])


def test_content_before_message_start_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="before message_start"):
        conformance.parse("anthropic", [block_start(0, {"type": "text", "text": ""})])


def test_events_after_message_stop_are_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="after message_stop"):
        conformance.parse("anthropic", [start() + STOP + message_delta()])


def test_a_missing_required_field_is_named() -> None:
    body = start() + sse(
        "content_block_delta", {"type": "content_block_delta", "delta": {"type": "text_delta"}}
    )
    with pytest.raises(VendorEventError, match="missing field 'index'") as info:
        conformance.parse("anthropic", [body])
    assert info.value.offset == len(start())


def test_a_field_of_the_wrong_type_is_named() -> None:
    body = start() + block_start(0, {"type": "text", "text": ""}) + text(0, "x").replace(b'"x"', b"42")
    with pytest.raises(VendorEventError, match="field 'text' should be a string, got 42"):
        conformance.parse("anthropic", [body])


def test_invalid_json_in_data_is_an_invalid_json_error_with_its_location() -> None:
    body = start() + b'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,\n\n'
    with pytest.raises(InvalidJSONError) as info:
        conformance.parse("anthropic", [body])
    err = info.value
    assert (err.vendor, err.event_index, err.event_type, err.offset) == (
        "anthropic", 1, "content_block_delta", len(start()),
    )  # fmt: skip


# -- truncation ----------------------------------------------------------------------------------------


def test_a_body_cut_mid_event_is_incomplete_with_what_arrived() -> None:
    body = start() + block_start(0, {"type": "text", "text": ""}) + text(0, "kept") + text(0, "lost")[:60]
    message = parse(body)
    assert (message.text, message.complete, message.stop_reason) == ("kept", False, None)
    end = list(conformance.stream_events("anthropic", [body]))[-1]
    assert isinstance(end, StreamEnd) and end.leftover_bytes == 60


def test_a_body_that_ends_between_events_without_message_stop_is_incomplete() -> None:
    message = parse(
        start(), block_start(0, {"type": "text", "text": ""}), text(0, "a"), block_stop(0), message_delta()
    )
    assert (message.complete, message.stop_reason) == (False, "stop")


def test_message_stop_without_its_blank_line_is_not_complete() -> None:
    assert parse(start(), STOP[:-1]).complete is False


def test_an_empty_body_is_incomplete() -> None:
    message = conformance.parse("anthropic", [])
    assert (message.complete, message.text, message.usage) == (False, "", None)


def test_leftover_bytes_after_message_stop_make_it_incomplete() -> None:
    assert parse(start(), STOP, b"event: ping\ndata: {").complete is False


def test_a_truncated_tool_call_keeps_its_partial_arguments() -> None:
    message = parse(start(), tool(0, "toolu_01J", "f"), json_piece(0, '{"city": "Os'))
    call = message.tool_calls[0]
    assert (call.arguments, call.arguments_json, message.complete) == ({"city": "Os"}, '{"city": "Os', False)


def test_event_types_are_the_documented_ones() -> None:
    from conformance.adapters import make_adapter

    assert make_adapter("anthropic").event_types == {
        "message_start", "content_block_start", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop", "ping", "error",
    }  # fmt: skip
