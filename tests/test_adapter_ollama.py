"""The Ollama /api/chat adapter on small NDJSON bodies: content and thinking pieces, whole
tool calls with object arguments, the done line as terminator with done_reason and eval
counts, error lines and documents, an unterminated last line, and the typed errors for bad
input (each naming vendor, line and byte offset)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import conformance
from conformance.adapters.ollama import STOP_REASONS
from conformance.errors import InvalidJSONError, ProtocolError, VendorEventError
from conformance.message import STOP_REASONS as NORMALIZED_STOP_REASONS
from conformance.suite.strategies import byte_by_byte, two_chunk_splits

VENDOR = "ollama"


def line(**message: Any) -> str:
    return (
        json.dumps(
            {
                "model": "llama3.2",
                "created_at": "2025-10-21T09:14:02Z",
                "message": {"role": "assistant", **message},
                "done": False,
            }
        )
        + "\n"
    )


def done(reason: str = "stop", **counts: int) -> str:
    counts = counts or {"prompt_eval_count": 10, "eval_count": 4}
    return (
        json.dumps(
            {
                "model": "llama3.2",
                "created_at": "2025-10-21T09:14:03Z",
                "message": {"role": "assistant", "content": ""},
                "done_reason": reason,
                "done": True,
                "total_duration": 1000,
                **counts,
            }
        )
        + "\n"
    )


def call(name: str, **arguments: Any) -> dict[str, Any]:
    return {"function": {"name": name, "arguments": arguments}}


def parse(body: str | bytes, **kwargs: Any) -> conformance.Message:
    return conformance.parse(VENDOR, [body.encode() if isinstance(body, str) else body], **kwargs)


def test_content_pieces_are_appended_and_the_done_line_completes_the_stream() -> None:
    message = parse(line(content="Hel") + line(content="lo") + done())
    assert (message.text, message.stop_reason, message.vendor_stop_reason, message.complete) == (
        "Hello",
        "stop",
        "stop",
        True,
    )


def test_thinking_pieces_are_reasoning() -> None:
    message = parse(
        line(content="", thinking="Hmm, ") + line(content="", thinking="yes.") + line(content="Yes.") + done()
    )
    assert (message.reasoning, message.text) == ("Hmm, yes.", "Yes.")


def test_eval_counts_are_the_usage_and_no_total_is_invented() -> None:
    assert parse(line(content="x") + done(prompt_eval_count=31, eval_count=9)).usage == {
        "input_tokens": 31,
        "output_tokens": 9,
    }


def test_a_done_line_without_counts_reports_no_usage() -> None:
    body = (
        line(content="x")
        + json.dumps(
            {
                "model": "m",
                "created_at": "t",
                "message": {"role": "assistant", "content": ""},
                "done_reason": "stop",
                "done": True,
            }
        )
        + "\n"
    )
    assert parse(body).usage is None


def test_a_tool_call_arrives_whole_with_object_arguments() -> None:
    message = parse(line(content="", tool_calls=[call("get_weather", city="Toronto", days=3)]) + done())
    assert [c.to_dict() for c in message.tool_calls] == [
        {"id": None, "name": "get_weather", "arguments": {"city": "Toronto", "days": 3}}
    ]
    assert (message.stop_reason, message.vendor_stop_reason) == ("tool_calls", "stop")


def test_calls_in_one_line_and_across_lines_keep_their_order() -> None:
    body = (
        line(content="", tool_calls=[call("a", x=1), call("b")])
        + line(content="", tool_calls=[call("c", y=[1, 2])])
        + done()
    )
    assert [(c.name, c.arguments) for c in parse(body).tool_calls] == [
        ("a", {"x": 1}),
        ("b", {}),
        ("c", {"y": [1, 2]}),
    ]


def test_a_tool_call_id_is_kept_when_the_server_sends_one() -> None:
    assert (
        parse(line(content="", tool_calls=[{"id": "call_1", **call("f")}]) + done()).tool_calls[0].id
        == "call_1"
    )


@pytest.mark.parametrize(("reason", "normalized"), sorted(STOP_REASONS.items()))
def test_done_reason_maps_to_a_normalized_stop_reason(reason: str, normalized: str) -> None:
    message = parse(line(content="x") + done(reason))
    assert (message.stop_reason, message.vendor_stop_reason) == (normalized, reason)
    assert normalized in NORMALIZED_STOP_REASONS


def test_an_error_line_mid_stream_is_the_error() -> None:
    message = parse(line(content="Here") + '{"error":"an error was encountered while running the model"}\n')
    assert (message.text, message.error, message.stop_reason, message.complete) == (
        "Here",
        {"type": "error", "message": "an error was encountered while running the model"},
        "error",
        False,
    )


def test_an_error_document_without_a_newline_is_the_error() -> None:
    message = parse('{"error":"model \\"x\\" not found, try pulling it first"}')
    assert message.error == {"type": "error", "message": 'model "x" not found, try pulling it first'}


def test_a_last_line_without_its_newline_still_counts_when_it_is_whole_json() -> None:
    message = parse(line(content="Hi") + done().rstrip("\n"))
    assert (message.text, message.complete) == ("Hi", True)


def test_a_body_cut_inside_a_line_is_incomplete_not_an_error() -> None:
    body = line(content="Hello") + line(content=" world")
    message = parse(body[:-15])
    assert (message.text, message.complete) == ("Hello", False)


def test_a_body_without_the_done_line_is_incomplete() -> None:
    assert not parse(line(content="Hi")).complete


def test_crlf_line_ends_give_the_same_message() -> None:
    body = line(content="Hi") + done()
    assert parse(body.replace("\n", "\r\n")) == parse(body)


def test_byte_by_byte_and_two_chunk_splits_give_the_same_message() -> None:
    body = (line(content="Grüße 🌍") + line(content="", tool_calls=[call("f", q="ü")]) + done()).encode()
    whole = parse(body)
    assert conformance.parse(VENDOR, byte_by_byte(body)) == whole
    for chunks in two_chunk_splits(body):
        assert conformance.parse(VENDOR, chunks) == whole


def test_invalid_json_in_a_terminated_line_names_the_line_and_offset() -> None:
    first = line(content="ok")
    with pytest.raises(InvalidJSONError) as info:
        parse(first + '{"model": oops}\n')
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (VENDOR, 1, len(first))


def test_a_line_that_is_not_an_object_is_a_vendor_event_error() -> None:
    with pytest.raises(VendorEventError, match="not a JSON object"):
        parse("[1, 2]\n")


def test_a_tool_call_without_a_function_name_names_the_field() -> None:
    with pytest.raises(VendorEventError, match="'name'"):
        parse(line(content="", tool_calls=[{"function": {"arguments": {}}}]) + done())


def test_a_line_after_the_done_line_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="after the done line") as info:
        parse(line(content="a") + done() + line(content="late"))
    assert info.value.offset is not None


def test_a_non_string_error_is_a_vendor_event_error() -> None:
    with pytest.raises(VendorEventError, match="'error'"):
        parse('{"error": 42}\n')
