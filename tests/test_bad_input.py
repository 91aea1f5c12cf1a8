"""Bad input, across the core vendors: a typed error naming vendor, event and byte offset,
or a documented `complete: false` — never a traceback from inside the decoder, never a hang."""

from __future__ import annotations

import pytest

import conformance
from conformance.errors import (
    InvalidJSONError,
    InvalidUTF8Error,
    LimitExceededError,
    ProtocolError,
    StreamError,
    UnknownEventError,
)
from conformance.limits import Limits

ANTHROPIC_START = (
    b'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message",'
    b'"role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,'
    b'"usage":{"input_tokens":5,"output_tokens":1}}}\n\n'
)
OPENAI_CHUNK = (
    b'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",'
    b'"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}\n\n'
)
GEMINI_EVENT = (
    b'data: {"candidates": [{"content": {"parts": [{"text": "hi"}],"role": "model"},"index": 0}]}\r\n\r\n'
)

PREFIX = {"anthropic": ANTHROPIC_START, "openai-chat": OPENAI_CHUNK, "gemini": GEMINI_EVENT}


@pytest.mark.parametrize("vendor", sorted(PREFIX))
def test_invalid_json_in_data_names_vendor_event_and_offset(vendor: str) -> None:
    body = PREFIX[vendor] + b'event: content_block_delta\ndata: {"type": oops}\n\n'
    with pytest.raises(InvalidJSONError) as info:
        conformance.parse(vendor, [body])
    err = info.value
    assert (err.vendor, err.event_index, err.offset) == (vendor, 1, len(PREFIX[vendor]))
    assert vendor in str(err) and "byte offset" in str(err)


@pytest.mark.parametrize("vendor", sorted(PREFIX))
def test_invalid_utf8_is_a_typed_error(vendor: str) -> None:
    body = PREFIX[vendor] + b'data: {"x": "\xc3\x28"}\n\n'
    with pytest.raises(InvalidUTF8Error) as info:
        conformance.parse(vendor, [body[i : i + 3] for i in range(0, len(body), 3)])
    assert info.value.vendor == vendor
    assert info.value.offset == body.index(b"\xc3")


@pytest.mark.parametrize("vendor", sorted(PREFIX))
def test_over_long_line_is_a_limit_error_not_a_growing_buffer(vendor: str) -> None:
    limits = Limits(max_line_bytes=1024)
    chunks = [PREFIX[vendor], b"data: " + b"x" * 600, b"x" * 600]
    with pytest.raises(LimitExceededError) as info:
        conformance.parse(vendor, chunks, limits=limits)
    assert info.value.vendor == vendor
    assert info.value.offset == len(PREFIX[vendor])


@pytest.mark.parametrize("vendor", sorted(PREFIX))
def test_stream_cut_before_its_terminator_is_incomplete(vendor: str) -> None:
    body = PREFIX[vendor] + PREFIX[vendor][:25]
    message = conformance.parse(vendor, [body])
    assert message.complete is False
    assert message.text == "hi" if vendor != "anthropic" else message.text == ""


def test_unknown_event_type_is_an_error_in_strict_mode_and_skipped_otherwise() -> None:
    body = ANTHROPIC_START + b'event: message_explode\ndata: {"type": "message_explode"}\n\n'
    with pytest.raises(UnknownEventError) as info:
        conformance.parse("anthropic", [body])
    assert (info.value.event_type, info.value.event_index) == ("message_explode", 1)
    assert conformance.parse("anthropic", [body], strict=False).complete is False


def test_delta_for_a_block_never_started_names_the_block() -> None:
    body = ANTHROPIC_START + (
        b'event: content_block_delta\ndata: {"type":"content_block_delta","index":4,'
        b'"delta":{"type":"text_delta","text":"x"}}\n\n'
    )
    with pytest.raises(ProtocolError, match="content block 4, which was never started") as info:
        conformance.parse("anthropic", [body])
    assert info.value.offset == len(ANTHROPIC_START)


def test_openai_tool_call_delta_for_an_index_never_started() -> None:
    body = (
        b'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,'
        b'"delta":{"tool_calls":[{"index":2,"function":{"arguments":"{}"}}]},"finish_reason":null}]}\n\n'
    )
    with pytest.raises(ProtocolError, match="index 2"):
        conformance.parse("openai-chat", [body])


@pytest.mark.parametrize("vendor", sorted(PREFIX))
@pytest.mark.parametrize(
    "garbage",
    [b"\x00\x01\x02", b"<html><body>502 Bad Gateway</body></html>", b"data: [1, 2]\n\n", b"data: 3\n\n"],
    ids=["binary", "html", "json-array", "json-number"],
)
def test_garbage_gives_a_stream_error_or_an_incomplete_message(vendor: str, garbage: bytes) -> None:
    try:
        message = conformance.parse(vendor, [garbage])
    except StreamError as exc:
        assert exc.vendor == vendor
    else:
        assert message.complete is False


@pytest.mark.parametrize(
    ("vendor", "body", "kind"),
    [
        (
            "anthropic",
            b'{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
            "authentication_error",
        ),
        (
            "openai-chat",
            b'{"error":{"message":"Incorrect API key","type":"invalid_request_error","code":"x"}}',
            "invalid_request_error",
        ),
        (
            "gemini",
            b'{\n  "error": {\n    "code": 400,\n    "message": "API key not valid.",\n'
            b'    "status": "INVALID_ARGUMENT"\n  }\n}\n',
            "INVALID_ARGUMENT",
        ),
    ],
)
def test_json_error_document_instead_of_a_stream_is_reported_as_the_error(
    vendor: str, body: bytes, kind: str
) -> None:
    message = conformance.parse(vendor, [body[:7], body[7:]])
    assert message.error is not None and message.error["type"] == kind
    assert (message.stop_reason, message.complete) == ("error", False)
