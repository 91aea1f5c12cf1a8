"""The Bedrock ConverseStream adapter on small bodies built frame by frame: blocks opened by
their first delta, toolUse blocks with streamed input, server tools skipped, reasoning,
stop reasons, metadata as terminator and usage, exception and error frames, the JSON error
document, the CLI on the bundled tool cassette, and the typed errors for bad input (a
flipped bit is a CRC error naming vendor and byte offset)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import conformance
from conformance.adapters.bedrock_converse import EXCEPTIONS, STOP_REASONS
from conformance.cli import main as cli
from conformance.errors import (
    FramingError,
    InvalidJSONError,
    ProtocolError,
    UnknownEventError,
    VendorEventError,
)
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.framing.eventstream import encode_message
from conformance.message import STOP_REASONS as NORMALIZED_STOP_REASONS
from conformance.suite.strategies import byte_by_byte, two_chunk_splits

VENDOR = "bedrock-converse"
ROOT = Path(__file__).resolve().parents[1]


def ev(kind: str, payload: dict[str, Any]) -> bytes:
    headers = {":event-type": kind, ":content-type": "application/json", ":message-type": "event"}
    return encode_message(headers, json.dumps(payload, separators=(",", ":")).encode())


def exc(kind: str, message: str) -> bytes:
    headers = {":exception-type": kind, ":content-type": "application/json", ":message-type": "exception"}
    return encode_message(headers, json.dumps({"message": message}).encode())


START = ev("messageStart", {"p": "abc", "role": "assistant"})


def text(index: int, piece: str) -> bytes:
    return ev("contentBlockDelta", {"contentBlockIndex": index, "delta": {"text": piece}})


def stop(index: int) -> bytes:
    return ev("contentBlockStop", {"contentBlockIndex": index})


def tool_start(index: int, name: str = "get_weather", kind: str | None = None) -> bytes:
    tool = {"name": name, "toolUseId": f"tooluse_{index}"}
    if kind:
        tool["type"] = kind
    return ev("contentBlockStart", {"contentBlockIndex": index, "start": {"toolUse": tool}})


def tool_input(index: int, piece: str) -> bytes:
    return ev("contentBlockDelta", {"contentBlockIndex": index, "delta": {"toolUse": {"input": piece}}})


def end(reason: str = "end_turn", usage: dict[str, int] | None = None) -> bytes:
    usage = usage or {"inputTokens": 5, "outputTokens": 3, "totalTokens": 8}
    return ev("messageStop", {"stopReason": reason}) + ev(
        "metadata", {"metrics": {"latencyMs": 10}, "usage": usage}
    )


def parse(body: bytes, **kwargs: Any) -> conformance.Message:
    return conformance.parse(VENDOR, [body], **kwargs)


# -- content ----------------------------------------------------------------------------------


def test_text_blocks_need_no_start_and_are_appended_in_order() -> None:
    message = parse(START + text(0, "Hello") + text(0, ", world") + stop(0) + end())
    assert (message.text, message.stop_reason, message.vendor_stop_reason, message.complete) == (
        "Hello, world",
        "stop",
        "end_turn",
        True,
    )


def test_a_tool_use_block_streams_its_input_as_json_text() -> None:
    body = (
        START
        + tool_start(1)
        + tool_input(1, "")
        + tool_input(1, '{"city": "Pa')
        + tool_input(1, 'ris"}')
        + stop(1)
    )
    message = parse(body + end("tool_use"))
    assert [c.to_dict() for c in message.tool_calls] == [
        {"id": "tooluse_1", "name": "get_weather", "arguments": {"city": "Paris"}}
    ]
    assert message.stop_reason == "tool_calls"


def test_a_tool_use_without_input_deltas_has_empty_object_arguments() -> None:
    message = parse(START + tool_start(0) + stop(0) + end("tool_use"))
    assert message.tool_calls[0].arguments == {}


def test_a_server_tool_use_block_is_not_a_client_tool_call() -> None:
    body = (
        START
        + tool_start(0, "nova_code_interpreter", "server_tool_use")
        + tool_input(0, '{"snippet":"1+1"}')
        + stop(0)
    )
    body += ev(
        "contentBlockStart",
        {"contentBlockIndex": 1, "start": {"toolResult": {"toolUseId": "tooluse_0", "status": "success"}}},
    )
    body += ev(
        "contentBlockDelta", {"contentBlockIndex": 1, "delta": {"toolResult": [{"json": {"stdOut": "2"}}]}}
    )
    body += stop(1) + tool_start(2, "final_result", "tool_use") + tool_input(2, '{"result":2}') + stop(2)
    message = parse(body + end("tool_use"))
    assert [c.name for c in message.tool_calls] == ["final_result"]


def test_reasoning_text_is_reasoning_and_signature_and_redacted_content_add_nothing() -> None:
    body = START
    body += ev(
        "contentBlockDelta", {"contentBlockIndex": 0, "delta": {"reasoningContent": {"text": "Think."}}}
    )
    body += ev(
        "contentBlockDelta", {"contentBlockIndex": 0, "delta": {"reasoningContent": {"signature": "c2ln"}}}
    )
    body += stop(0)
    body += ev(
        "contentBlockDelta",
        {"contentBlockIndex": 1, "delta": {"reasoningContent": {"redactedContent": "eA=="}}},
    )
    body += stop(1) + text(2, "Answer.") + stop(2)
    message = parse(body + end())
    assert (message.reasoning, message.text) == ("Think.", "Answer.")


def test_an_empty_text_delta_adds_nothing() -> None:
    assert parse(START + text(0, "") + stop(0) + text(1, "x") + stop(1) + end()).text == "x"


@pytest.mark.parametrize(("reason", "normalized"), sorted(STOP_REASONS.items()))
def test_stop_reason_maps_to_the_normalized_one_and_keeps_the_original(reason: str, normalized: str) -> None:
    message = parse(START + end(reason))
    assert (message.stop_reason, message.vendor_stop_reason) == (normalized, reason)
    assert normalized in NORMALIZED_STOP_REASONS


def test_an_unknown_stop_reason_is_other() -> None:
    assert parse(START + end("brand_new_reason")).stop_reason == "other"


def test_metadata_usage_maps_to_normalized_keys_including_cache_counts() -> None:
    usage = {
        "inputTokens": 7,
        "outputTokens": 2,
        "totalTokens": 2057,
        "cacheReadInputTokens": 2048,
        "cacheWriteInputTokens": 0,
    }
    assert parse(START + end(usage=usage)).usage == {
        "input_tokens": 7,
        "output_tokens": 2,
        "total_tokens": 2057,
        "cache_read_tokens": 2048,
        "cache_write_tokens": 0,
    }


def test_a_stream_ending_at_message_stop_without_metadata_is_incomplete() -> None:
    message = parse(START + text(0, "Hi") + stop(0) + ev("messageStop", {"stopReason": "end_turn"}))
    assert (message.text, message.stop_reason, message.complete) == ("Hi", "stop", False)


def test_a_body_cut_inside_a_frame_is_incomplete_and_keeps_the_whole_frames() -> None:
    body = START + text(0, "Hi") + stop(0) + end()
    message = parse(body[:-7])
    assert (message.text, message.complete) == ("Hi", False)


def test_byte_by_byte_and_two_chunk_splits_give_the_same_message() -> None:
    body = (
        START
        + text(0, "Grüße ")
        + tool_start(1)
        + tool_input(1, '{"city":"Zü')
        + tool_input(1, 'rich"}')
        + stop(1)
        + end("tool_use")
    )
    whole = parse(body)
    assert conformance.parse(VENDOR, byte_by_byte(body)) == whole
    for chunks in two_chunk_splits(body):
        assert conformance.parse(VENDOR, chunks) == whole


# -- errors the vendor reports ----------------------------------------------------------------


@pytest.mark.parametrize("kind", EXCEPTIONS)
def test_each_exception_frame_is_an_error_named_after_its_exception_type(kind: str) -> None:
    message = parse(START + text(0, "Par") + exc(kind, "it broke"))
    assert (message.text, message.error, message.stop_reason, message.complete) == (
        "Par",
        {"type": kind, "message": "it broke"},
        "error",
        False,
    )


def test_a_generic_error_frame_reads_its_code_and_message_headers() -> None:
    frame = encode_message(
        {":message-type": "error", ":error-code": "InternalFailure", ":error-message": "oops"}, b""
    )
    assert parse(START + frame).error == {"type": "InternalFailure", "message": "oops"}


def test_a_json_error_document_in_place_of_frames_is_the_error() -> None:
    message = parse(b'{"message":"The provided model identifier is invalid."}')
    assert message.error == {"type": "error", "message": "The provided model identifier is invalid."}
    assert not message.complete


def test_an_error_document_with_an_aws_type_names_it() -> None:
    body = b'{"__type":"com.amazon.coral.service#AccessDeniedException","message":"denied"}'
    assert parse(body).error == {"type": "AccessDeniedException", "message": "denied"}


# -- bad input: typed errors naming vendor, event and offset ----------------------------------


def test_a_flipped_bit_is_a_crc_framing_error_naming_vendor_and_frame_offset() -> None:
    body = START + text(0, "Hello") + stop(0) + end()
    second = len(START)
    bad = bytearray(body)
    bad[second + 70] ^= 0x10
    with pytest.raises(FramingError) as info:
        parse(bytes(bad))
    assert info.value.vendor == VENDOR
    assert info.value.offset == second
    assert f"byte offset {second}" in str(info.value) and "CRC" in str(info.value)


def test_invalid_json_in_a_payload_names_the_event_and_offset() -> None:
    broken = encode_message(
        {":event-type": "contentBlockDelta", ":message-type": "event"}, b'{"contentBlockIndex":0,'
    )
    with pytest.raises(InvalidJSONError) as info:
        parse(START + broken)
    assert (info.value.vendor, info.value.event_type, info.value.offset, info.value.event_index) == (
        VENDOR,
        "contentBlockDelta",
        len(START),
        1,
    )


def test_an_event_frame_without_event_type_is_a_vendor_event_error() -> None:
    with pytest.raises(VendorEventError, match=":event-type"):
        parse(encode_message({":message-type": "event"}, b"{}"))


def test_an_unknown_message_type_is_a_vendor_event_error() -> None:
    with pytest.raises(VendorEventError, match="unknown :message-type"):
        parse(encode_message({":message-type": "telemetry"}, b"{}"))


def test_an_unknown_event_type_is_an_error_in_strict_mode_and_skipped_leniently() -> None:
    body = START + ev("citationDelta", {"x": 1}) + text(0, "ok") + stop(0) + end()
    with pytest.raises(UnknownEventError):
        parse(body)
    assert parse(body, strict=False).text == "ok"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (text(0, "x"), "before messageStart"),
        (START + START, "a second messageStart"),
        (START + tool_input(0, "{}"), "not a started toolUse block"),
        (START + tool_start(0) + tool_start(0), "started twice"),
        (START + text(0, "x") + stop(0) + stop(0), "stopped twice"),
        (START + text(0, "x") + stop(0) + text(0, "y"), "already stopped"),
        (START + tool_start(0) + text(0, "x"), "a toolUse block"),
        (START + ev("metadata", {"usage": {}}), "metadata before messageStop"),
        (START + end() + text(0, "late"), "after messageStop"),
    ],
)
def test_events_out_of_protocol_order_are_protocol_errors(body: bytes, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason) as info:
        parse(body)
    assert info.value.vendor == VENDOR and info.value.offset is not None


def test_a_delta_missing_its_index_names_the_field() -> None:
    with pytest.raises(VendorEventError, match="contentBlockIndex"):
        parse(START + ev("contentBlockDelta", {"delta": {"text": "x"}}))


# -- the CLI and the oracle on the bundled cassettes ------------------------------------------


def test_cli_parse_prints_the_tool_call_with_parsed_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "cassettes" / VENDOR / "tool_use.yaml"
    assert cli(["parse", "--vendor", VENDOR, str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["tool_calls"] == [
        {
            "id": "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q",
            "name": "get_weather",
            "arguments": {"city": "Zürich", "unit": "celsius"},
        }
    ]


def test_cli_parse_of_a_corrupted_body_fails_naming_the_crc_and_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = bytearray(START + text(0, "Hello") + stop(0) + end())
    body[len(START) + 60] ^= 0x01
    raw = tmp_path / "body.bin"
    raw.write_bytes(bytes(body))
    assert cli(["parse", "--vendor", VENDOR, str(raw)]) == 1
    err = capsys.readouterr().err
    assert "FramingError" in err and "CRC" in err and f"byte offset {len(START)}" in err


@pytest.mark.parametrize("cassette", load_cassettes(vendor=VENDOR), ids=lambda c: c.id)
def test_botocore_reads_the_bundled_cassettes_as_we_do(cassette: Cassette) -> None:
    pytest.importorskip("botocore")
    from conformance.oracles import compare, oracle_for

    if cassette.status != 200 or "truncated" in cassette.features:
        pytest.skip("botocore reads only whole event-stream bodies")
    expected = cassette.expected
    assert expected is not None
    assert compare(expected, oracle_for(VENDOR)(cassette.body)) == []
