"""The `bedrock-invoke` adapter: InvokeModelWithResponseStream frames whose `chunk.bytes` is
base64 of the model vendor's own events. Claude's events read exactly as the anthropic
adapter reads them over SSE, Nova's as the bedrock-converse adapter reads its frames, Titan's
chunks by their own rules; bad frames are typed errors naming the frame."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance import ProtocolError, ToolCall, UnknownEventError, VendorEventError
from conformance.formats.cassettes import load_cassettes
from conformance.framing.eventstream import encode_message
from conformance.suite.strategies import chunkings

VENDOR = "bedrock-invoke"
EVENT = {":content-type": "application/json", ":message-type": "event"}


def chunk(event: Any, *, raw: bytes | None = None, pad: str = "abc") -> bytes:
    """One `chunk` frame carrying `event` (or `raw` bytes) base64-encoded, as Bedrock sends it."""
    data = raw if raw is not None else json.dumps(event).encode()
    wrapper = {"bytes": base64.b64encode(data).decode(), "p": pad}
    return encode_message({":event-type": "chunk", **EVENT}, json.dumps(wrapper).encode())


def parse(body: bytes, **options: Any) -> conformance.Message:
    return conformance.parse(VENDOR, [body[i : i + 7] for i in range(0, len(body), 7)], **options)


CLAUDE_EVENTS: list[dict[str, Any]] = [
    {
        "type": "message_start",
        "message": {
            "id": "msg_bdrk_1",
            "type": "message",
            "role": "assistant",
            "model": "claude-3-5-haiku-20241022",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 20, "output_tokens": 1},
        },
    },
    {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Checking."}},
    {"type": "content_block_stop", "index": 0},
    {
        "type": "content_block_start",
        "index": 1,
        "content_block": {"type": "tool_use", "id": "toolu_bdrk_9", "name": "lookup", "input": {}},
    },
    {
        "type": "content_block_delta",
        "index": 1,
        "delta": {"type": "input_json_delta", "partial_json": '{"q": '},
    },
    {
        "type": "content_block_delta",
        "index": 1,
        "delta": {"type": "input_json_delta", "partial_json": '"x"}'},
    },
    {"type": "content_block_stop", "index": 1},
    {
        "type": "message_delta",
        "delta": {"stop_reason": "tool_use", "stop_sequence": None},
        "usage": {"output_tokens": 30},
    },
    {
        "type": "message_stop",
        "amazon-bedrock-invocationMetrics": {"inputTokenCount": 20, "outputTokenCount": 30},
    },
]


def test_claude_events_read_as_the_anthropic_adapter_reads_them_over_sse() -> None:
    sse = b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in CLAUDE_EVENTS)
    over_sse = conformance.parse("anthropic", [sse])
    ours = parse(b"".join(chunk(e) for e in CLAUDE_EVENTS))
    assert ours.to_dict() == {**over_sse.to_dict(), "vendor": VENDOR}
    assert ours.tool_calls == (ToolCall("toolu_bdrk_9", "lookup", {"q": "x"}),)
    assert (ours.stop_reason, ours.complete) == ("tool_calls", True)


def test_claude_stream_without_message_stop_is_not_complete() -> None:
    message = parse(b"".join(chunk(e) for e in CLAUDE_EVENTS[:-1]))
    assert (message.text, message.complete) == ("Checking.", False)


NOVA_MEMBERS: list[tuple[str, dict[str, Any]]] = [
    ("messageStart", {"role": "assistant"}),
    ("contentBlockDelta", {"delta": {"text": "Hi"}, "contentBlockIndex": 0}),
    ("contentBlockStop", {"contentBlockIndex": 0}),
    ("contentBlockDelta", {"delta": {"text": " there"}, "contentBlockIndex": 1}),
    ("contentBlockStop", {"contentBlockIndex": 1}),
    ("messageStop", {"stopReason": "max_tokens"}),
    ("metadata", {"usage": {"inputTokens": 5, "outputTokens": 2}, "metrics": {}, "trace": {}}),
]


def test_nova_members_read_as_the_converse_adapter_reads_its_frames() -> None:
    converse = b"".join(
        encode_message({":event-type": name, **EVENT}, json.dumps(value).encode())
        for name, value in NOVA_MEMBERS
    )
    over_converse = conformance.parse("bedrock-converse", [converse])
    ours = parse(b"".join(chunk({name: value}) for name, value in NOVA_MEMBERS))
    assert ours.to_dict() == {**over_converse.to_dict(), "vendor": VENDOR}
    assert (ours.text, ours.stop_reason, ours.complete) == ("Hi there", "length", True)


def test_nova_cache_counters_under_novas_own_names_are_read() -> None:
    usage = {
        "inputTokens": 5,
        "outputTokens": 2,
        "cacheReadInputTokenCount": 3,
        "cacheWriteInputTokenCount": 0,
    }
    members = [*NOVA_MEMBERS[:-1], ("metadata", {"usage": usage})]
    assert parse(b"".join(chunk({n: v}) for n, v in members)).usage == {
        "input_tokens": 5,
        "output_tokens": 2,
        "cache_read_tokens": 3,
        "cache_write_tokens": 0,
    }


def test_titan_chunks_end_with_the_one_holding_the_total_and_float_counts_are_counts() -> None:
    body = chunk({"outputText": "Hello", "index": 0, "inputTextTokenCount": 4.0}) + chunk(
        {"outputText": " world", "index": 0, "totalOutputTextTokenCount": 2.0, "completionReason": "LENGTH"}
    )
    message = parse(body)
    assert (message.text, message.stop_reason, message.vendor_stop_reason) == (
        "Hello world",
        "length",
        "LENGTH",
    )
    assert (message.usage, message.complete) == ({"input_tokens": 4, "output_tokens": 2}, True)


def test_titan_chunk_after_the_last_one_is_a_protocol_error() -> None:
    last = chunk({"outputText": "a", "totalOutputTextTokenCount": 1, "completionReason": "FINISH"})
    with pytest.raises(ProtocolError, match="after the last one") as info:
        parse(last + chunk({"outputText": "b"}))
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (VENDOR, 1, len(last))


def test_an_exception_frame_is_the_error_with_its_type() -> None:
    frame = encode_message(
        {
            ":exception-type": "throttlingException",
            ":content-type": "application/json",
            ":message-type": "exception",
        },
        b'{"message":"Too many requests."}',
    )
    message = parse(chunk(CLAUDE_EVENTS[0]) + frame)
    assert message.error == {"type": "throttlingException", "message": "Too many requests."}
    assert (message.stop_reason, message.complete) == ("error", False)


def test_a_chunk_whose_bytes_are_not_base64_names_the_frame() -> None:
    first = chunk(CLAUDE_EVENTS[0])
    bad = encode_message({":event-type": "chunk", **EVENT}, b'{"bytes":"not base64!"}')
    with pytest.raises(VendorEventError, match="not base64") as info:
        parse(first + bad)
    assert (info.value.event_index, info.value.offset) == (1, len(first))


def test_a_chunk_without_bytes_is_an_error() -> None:
    with pytest.raises(VendorEventError, match="without a base64 string in 'bytes'"):
        parse(encode_message({":event-type": "chunk", **EVENT}, b'{"p":"abc"}'))


def test_a_chunk_of_no_known_model_family_is_an_error() -> None:
    with pytest.raises(VendorEventError, match="neither an Anthropic Messages event"):
        parse(chunk({"generation": "Llama says hi"}))


def test_invalid_json_inside_the_base64_is_located_at_its_frame() -> None:
    with pytest.raises(conformance.InvalidJSONError) as info:
        parse(chunk(None, raw=b'{"type": "message_start", oops}'))
    assert (info.value.vendor, info.value.event_index) == (VENDOR, 0)


def test_events_of_another_family_mid_stream_are_a_protocol_error() -> None:
    first = chunk(CLAUDE_EVENTS[0])
    with pytest.raises(ProtocolError, match="a nova chunk in a anthropic stream") as info:
        parse(first + chunk({"messageStart": {"role": "assistant"}}))
    assert (info.value.event_index, info.value.offset) == (1, len(first))


def test_an_unknown_event_type_is_an_error_in_strict_mode_and_skipped_otherwise() -> None:
    other = encode_message({":event-type": "somethingNew", **EVENT}, b"{}")
    body = (
        b"".join(chunk(e) for e in CLAUDE_EVENTS[:3]) + other + b"".join(chunk(e) for e in CLAUDE_EVENTS[3:])
    )
    with pytest.raises(VendorEventError, match="unknown :event-type 'somethingNew'"):
        parse(body)
    assert parse(body, strict=False).complete


def test_an_unknown_anthropic_event_type_is_unknown_as_for_the_anthropic_adapter() -> None:
    with pytest.raises(UnknownEventError, match="content_block_explode"):
        parse(chunk(CLAUDE_EVENTS[0]) + chunk({"type": "content_block_explode"}))


CASSETTES = [c for c in load_cassettes(vendor=VENDOR) if c.expected is not None]


def test_the_cassettes_cover_three_model_families_errors_and_truncation() -> None:
    assert {"text", "tool_call", "nova_text", "titan_text", "error_model_stream", "truncated"} <= {
        c.scenario for c in CASSETTES
    }


@pytest.mark.parametrize("cassette", CASSETTES, ids=[c.scenario for c in CASSETTES])
@given(data=st.data())
def test_any_split_of_a_cassette_gives_its_expected_message(cassette: Any, data: st.DataObject) -> None:
    assert conformance.parse(VENDOR, data.draw(chunkings(cassette.body))) == cassette.expected
