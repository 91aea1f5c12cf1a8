"""The `openai-responses` adapter on small inline bodies: one behaviour of the Responses API
stream (or of a broken one) per test."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance import (
    InvalidJSONError,
    Message,
    ProtocolError,
    StreamEnd,
    StreamError,
    StreamStart,
    ToolCall,
    UnknownEventError,
    VendorEventError,
)
from conformance.adapters.openai_responses_types import TOLERATED
from conformance.formats.cassettes import load_cassettes

VENDOR = "openai-responses"
RESP_ID = "resp_T1"
MSG = "msg_T1"
FC = "fc_T1"


class Stream:
    """Builds a Responses body event by event, numbering `sequence_number` as the API does."""

    def __init__(self, *, named: bool = True) -> None:
        self.named = named
        self.seq = 0
        self.parts: list[bytes] = []

    def event(self, kind: str, *, seq: int | None = None, **fields: Any) -> Stream:
        number = self.seq if seq is None else seq
        payload = {"type": kind, **fields, "sequence_number": number}
        self.seq = number + 1
        head = f"event: {kind}\n" if self.named else ""
        self.parts.append(f"{head}data: {json.dumps(payload)}\n\n".encode())
        return self

    def raw(self, text: str) -> Stream:
        self.parts.append(text.encode())
        return self

    def start(self, model: str = "gpt-4.1-2025-04-14") -> Stream:
        response = {
            "id": RESP_ID,
            "object": "response",
            "status": "in_progress",
            "model": model,
            "output": [],
        }
        return self.event("response.created", response=response).event(
            "response.in_progress", response=response
        )

    def message(self, index: int = 0, item_id: str = MSG) -> Stream:
        item = {"id": item_id, "type": "message", "status": "in_progress", "content": [], "role": "assistant"}
        self.event("response.output_item.added", output_index=index, item=item)
        part = {"type": "output_text", "annotations": [], "text": ""}
        return self.event(
            "response.content_part.added", item_id=item_id, output_index=index, content_index=0, part=part
        )

    def text(self, delta: str, index: int = 0, item_id: str = MSG) -> Stream:
        return self.event(
            "response.output_text.delta", item_id=item_id, output_index=index, content_index=0, delta=delta
        )

    def call(
        self, index: int = 0, item_id: str = FC, call_id: str = "call_1", name: str = "get_weather"
    ) -> Stream:
        item = {
            "id": item_id,
            "type": "function_call",
            "status": "in_progress",
            "arguments": "",
            "call_id": call_id,
            "name": name,
        }
        return self.event("response.output_item.added", output_index=index, item=item)

    def args(self, delta: str, index: int = 0, item_id: str = FC) -> Stream:
        return self.event(
            "response.function_call_arguments.delta", item_id=item_id, output_index=index, delta=delta
        )

    def item_done(self, item: dict[str, Any], index: int = 0) -> Stream:
        return self.event("response.output_item.done", output_index=index, item=item)

    def end(self, kind: str = "response.completed", **response: Any) -> Stream:
        status = {
            "response.completed": "completed",
            "response.incomplete": "incomplete",
            "response.failed": "failed",
        }
        body = {"id": RESP_ID, "object": "response", "status": status[kind], "output": [], **response}
        return self.event(kind, response=body)

    def body(self) -> bytes:
        return b"".join(self.parts)


def parse(body: bytes, **kwargs: Any) -> Message:
    return conformance.parse(VENDOR, [body], **kwargs)


USAGE = {
    "input_tokens": 36,
    "input_tokens_details": {"cached_tokens": 12, "cache_write_tokens": 20},
    "output_tokens": 54,
    "output_tokens_details": {"reasoning_tokens": 30},
    "total_tokens": 90,
}


# -- a well-formed stream ----------------------------------------------------------------------


def test_text_deltas_and_completed_make_a_complete_message_with_usage() -> None:
    body = Stream().start().message().text("Hello").text(", world").end(usage=USAGE).body()
    assert parse(body) == Message(
        vendor=VENDOR,
        text="Hello, world",
        stop_reason="stop",
        vendor_stop_reason="completed",
        usage={
            "input_tokens": 36,
            "output_tokens": 54,
            "total_tokens": 90,
            "reasoning_tokens": 30,
            "cache_read_tokens": 12,
            "cache_write_tokens": 20,
        },
        complete=True,
    )


def test_stream_start_names_model_and_response_id() -> None:
    events = list(conformance.stream_events(VENDOR, [Stream().start("o4-mini").body()]))
    assert events[0] == StreamStart(VENDOR, "o4-mini", RESP_ID)


def test_a_function_call_is_keyed_by_call_id_and_completed_means_tool_calls() -> None:
    body = Stream().start().call(call_id="call_Vb3").args('{"location":').args('"Paris"}').end().body()
    message = parse(body)
    assert message.tool_calls == (ToolCall("call_Vb3", "get_weather", {"location": "Paris"}),)
    assert (message.stop_reason, message.vendor_stop_reason) == ("tool_calls", "completed")


def test_parallel_calls_are_told_apart_by_output_index() -> None:
    s = Stream().start().call(0, "fc_a", "call_a").call(1, "fc_b", "call_b", "get_time")
    body = s.args('{"x":', 0, "fc_a").args('{"tz":"UTC"}', 1, "fc_b").args("1}", 0, "fc_a").end().body()
    assert parse(body).tool_calls == (
        ToolCall("call_a", "get_weather", {"x": 1}),
        ToolCall("call_b", "get_time", {"tz": "UTC"}),
    )


def test_arguments_only_in_the_done_event_are_taken_from_it() -> None:
    s = Stream().start().call()
    s.event("response.function_call_arguments.done", item_id=FC, output_index=0, arguments='{"a":1}')
    assert parse(s.end().body()).tool_calls == (ToolCall("call_1", "get_weather", {"a": 1}),)


def test_arguments_in_deltas_are_not_doubled_by_the_done_events() -> None:
    s = Stream().start().call().args('{"a":').args("1}")
    s.event("response.function_call_arguments.done", item_id=FC, output_index=0, arguments='{"a":1}')
    item = {
        "id": FC,
        "type": "function_call",
        "status": "completed",
        "arguments": '{"a":1}',
        "call_id": "call_1",
        "name": "get_weather",
    }
    assert parse(s.item_done(item).end().body()).tool_calls == (ToolCall("call_1", "get_weather", {"a": 1}),)


def test_reasoning_summary_and_reasoning_text_deltas_are_reasoning() -> None:
    s = Stream().start()
    s.event(
        "response.output_item.added", output_index=0, item={"id": "rs_1", "type": "reasoning", "summary": []}
    )
    s.event(
        "response.reasoning_summary_part.added",
        item_id="rs_1",
        output_index=0,
        summary_index=0,
        part={"type": "summary_text", "text": ""},
    )
    s.event(
        "response.reasoning_summary_text.delta",
        item_id="rs_1",
        output_index=0,
        summary_index=0,
        delta="**Plan** ",
    )
    s.event(
        "response.reasoning_text.delta", item_id="rs_1", output_index=0, content_index=0, delta="raw thought"
    )
    s.item_done({"id": "rs_1", "type": "reasoning", "summary": []})
    message = parse(s.message(1, "msg_2").text("Answer", 1, "msg_2").end().body())
    assert (message.reasoning, message.text) == ("**Plan** raw thought", "Answer")


def test_refusal_deltas_are_the_refusal_not_the_text() -> None:
    s = Stream().start()
    s.event(
        "response.output_item.added",
        output_index=0,
        item={"id": MSG, "type": "message", "content": [], "role": "assistant"},
    )
    s.event(
        "response.content_part.added",
        item_id=MSG,
        output_index=0,
        content_index=0,
        part={"type": "refusal", "refusal": ""},
    )
    s.event(
        "response.refusal.delta",
        item_id=MSG,
        output_index=0,
        content_index=0,
        delta="I can't help with that.",
    )
    message = parse(s.end().body())
    assert (message.text, message.refusal, message.stop_reason) == ("", "I can't help with that.", "stop")


def test_a_custom_tool_call_gives_its_free_text_input_as_the_arguments() -> None:
    s = Stream().start()
    item = {"id": "ctc_1", "type": "custom_tool_call", "call_id": "call_c", "name": "run_sql", "input": ""}
    s.event("response.output_item.added", output_index=0, item=item)
    s.event("response.custom_tool_call_input.delta", item_id="ctc_1", output_index=0, delta="SELECT 1")
    s.event("response.custom_tool_call_input.delta", item_id="ctc_1", output_index=0, delta=";")
    message = parse(s.item_done({**item, "input": "SELECT 1;"}).end().body())
    assert message.tool_calls == (ToolCall("call_c", "run_sql", "SELECT 1;"),)
    assert message.stop_reason == "tool_calls"


def test_a_custom_tool_calls_input_only_in_its_done_event_is_taken_from_it() -> None:
    s = Stream().start()
    item = {"id": "ctc_1", "type": "custom_tool_call", "call_id": "call_c", "name": "run_sql", "input": ""}
    s.event("response.output_item.added", output_index=0, item=item)
    message = parse(s.item_done({**item, "input": "SELECT 1;"}).end().body())
    assert message.tool_calls == (ToolCall("call_c", "run_sql", "SELECT 1;"),)


@pytest.mark.parametrize(
    ("reason", "stop_reason"),
    [("max_output_tokens", "length"), ("content_filter", "content_filter"), ("max_messages", "other")],
)
def test_incomplete_maps_its_reason_and_is_still_a_complete_stream(reason: str, stop_reason: str) -> None:
    body = (
        Stream()
        .start()
        .message()
        .text("Cut")
        .end("response.incomplete", incomplete_details={"reason": reason})
        .body()
    )
    message = parse(body)
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == (stop_reason, reason, True)


def test_failed_reports_the_response_error_and_is_not_complete() -> None:
    error = {"code": "server_error", "message": "An error occurred."}
    message = parse(Stream().start().end("response.failed", error=error).body())
    assert message.error == {"type": "server_error", "message": "An error occurred."}
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == ("error", "failed", False)


def test_the_documented_error_event_is_reported() -> None:
    body = Stream().start().event("error", code="rate_limit_exceeded", message="Slow down", param=None).body()
    message = parse(body)
    assert message.error == {"type": "rate_limit_exceeded", "message": "Slow down"}
    assert message.complete is False


def test_an_error_event_with_a_nested_error_object_is_reported() -> None:
    body = (
        Stream()
        .start()
        .raw('event: error\ndata: {"error": {"type": "server_error", "message": "boom"}}\n\n')
        .body()
    )
    assert parse(body).error == {"type": "server_error", "message": "boom"}


def test_a_stream_cut_before_a_terminal_event_is_incomplete() -> None:
    message = parse(Stream().start().message().text("Once upon").body())
    assert (message.text, message.complete, message.stop_reason) == ("Once upon", False, None)


def test_json_error_document_instead_of_a_stream_is_the_error() -> None:
    body = (
        b'{"error": {"message": "Incorrect API key provided.", '
        b'"type": "invalid_request_error", "code": "invalid_api_key"}}'
    )
    message = parse(body)
    assert message.error == {"type": "invalid_request_error", "message": "Incorrect API key provided."}


# -- sequence_number -----------------------------------------------------------------------------


def test_sequence_number_going_backwards_is_a_protocol_error_naming_the_event() -> None:
    s = Stream().start().message().text("a")
    offset = len(s.body())
    s.text("b")
    s.seq = 2
    body = s.text("c").body()
    with pytest.raises(ProtocolError, match="sequence_number 2 after 5: it went backwards") as info:
        parse(body)
    err = info.value
    assert (err.vendor, err.event_type, err.event_index) == (VENDOR, "response.output_text.delta", 6)
    assert err.offset == offset + len(Stream().text("b").body())


def test_a_repeated_sequence_number_is_a_protocol_error() -> None:
    s = Stream().start().message().text("a")
    s.seq -= 1
    with pytest.raises(ProtocolError, match="sequence_number 4 repeats"):
        parse(s.text("a").body())


def test_gaps_in_sequence_numbers_are_allowed() -> None:
    s = Stream().start().message()
    s.seq += 10
    assert parse(s.text("ok").end().body()).text == "ok"


def test_events_without_sequence_number_are_accepted_as_older_streams_sent_them() -> None:
    body = b"".join(
        f"event: {t}\ndata: {json.dumps({'type': t, **f})}\n\n".encode()
        for t, f in [
            ("response.created", {"response": {"id": RESP_ID, "status": "in_progress"}}),
            (
                "response.output_item.added",
                {"output_index": 0, "item": {"id": MSG, "type": "message", "content": []}},
            ),
            (
                "response.content_part.added",
                {
                    "item_id": MSG,
                    "output_index": 0,
                    "content_index": 0,
                    "part": {"type": "output_text", "text": ""},
                },
            ),
            (
                "response.output_text.delta",
                {"item_id": MSG, "output_index": 0, "content_index": 0, "delta": "old"},
            ),
            ("response.completed", {"response": {"id": RESP_ID, "status": "completed"}}),
        ]
    )
    assert parse(body).text == "old"


# -- order and addressing ------------------------------------------------------------------------


def test_an_event_before_response_created_is_a_protocol_error() -> None:
    body = Stream().message().body()
    with pytest.raises(ProtocolError, match=r"before response\.created") as info:
        parse(body)
    assert info.value.offset == 0


def test_a_resumed_background_stream_may_start_at_response_queued() -> None:
    s = Stream()
    s.seq = 1
    s.event("response.queued", response={"id": RESP_ID, "status": "queued"})
    assert parse(s.message().text("resumed").end().body()).text == "resumed"


def test_a_second_response_created_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match=r"second response\.created"):
        parse(Stream().start().start().body())


def test_a_second_response_created_with_no_in_progress_between_is_a_protocol_error() -> None:
    response = {"id": RESP_ID, "object": "response", "status": "in_progress", "output": []}
    s = Stream().event("response.created", response=response).event("response.created", response=response)
    with pytest.raises(ProtocolError, match=r"second response\.created"):
        parse(s.body())


def test_a_delta_for_an_output_item_never_added_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="output item 3, which was never added"):
        parse(Stream().start().message().text("x", index=3).body())


def test_a_delta_whose_item_id_is_not_the_items_is_a_protocol_error() -> None:
    # The message names both ids, so the reader sees which one the stream got wrong.
    with pytest.raises(
        ProtocolError, match=r"item_id 'msg_other' is not the id of output item 0 \('msg_T1'\)"
    ):
        parse(Stream().start().message().text("x", item_id="msg_other").body())


def test_a_delta_found_by_item_id_alone_is_accepted() -> None:
    s = Stream().start().message()
    s.event("response.output_text.delta", item_id=MSG, content_index=0, delta="by id")
    assert parse(s.end().body()).text == "by id"


def test_arguments_for_a_message_item_are_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="of type 'message'"):
        parse(Stream().start().message().args("{}", item_id=MSG).body())


def test_reasoning_for_a_message_item_is_a_protocol_error() -> None:
    s = Stream().start().message()
    s.event("response.reasoning_summary_text.delta", item_id=MSG, output_index=0, summary_index=0, delta="x")
    with pytest.raises(
        ProtocolError, match=r"reasoning_summary_text\.delta for output item 0 of type 'message'"
    ):
        parse(s.body())


def test_text_before_its_content_part_was_added_is_a_protocol_error() -> None:
    s = Stream().start()
    s.event("response.output_item.added", output_index=0, item={"id": MSG, "type": "message", "content": []})
    with pytest.raises(ProtocolError, match="content part 0 of output item 0, never added"):
        parse(s.text("early").body())


def test_a_refusal_before_its_content_part_was_added_is_a_protocol_error() -> None:
    s = Stream().start()
    s.event("response.output_item.added", output_index=0, item={"id": MSG, "type": "message", "content": []})
    s.event("response.refusal.delta", content_index=0, delta="No.", item_id=MSG, output_index=0)
    with pytest.raises(ProtocolError, match="content part 0 of output item 0, never added"):
        parse(s.body())


def test_a_delta_after_its_item_is_done_is_a_protocol_error() -> None:
    s = Stream().start().message().text("a").item_done({"id": MSG, "type": "message", "content": []})
    with pytest.raises(ProtocolError, match="already done"):
        parse(s.text("late").body())


def test_an_output_index_added_twice_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="output item 0 added twice"):
        parse(Stream().start().message().message().body())


def test_an_event_after_the_terminal_event_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="after the response ended"):
        parse(Stream().start().end().message().body())


def test_an_item_announced_only_by_its_done_event_is_taken_whole() -> None:
    s = Stream().start()
    s.event("response.output_item.added", output_index=0, item=None)  # the SDK skips an empty added event
    s.item_done({"id": MSG, "type": "message", "content": [{"type": "output_text", "text": "whole"}]})
    item = {"id": FC, "type": "function_call", "arguments": '{"q":1}', "call_id": "call_w", "name": "search"}
    message = parse(s.item_done(item, 1).end().body())
    assert message.text == "whole"
    assert message.tool_calls == (ToolCall("call_w", "search", {"q": 1}),)


def test_a_message_announced_only_by_its_done_event_keeps_its_refusal() -> None:
    s = Stream().start()
    s.item_done({"id": MSG, "type": "message", "content": [{"type": "refusal", "refusal": "I can't help."}]})
    message = parse(s.end().body())
    assert (message.text, message.refusal) == ("", "I can't help.")


# -- framing variants: OpenRouter's Responses endpoint --------------------------------------------


def test_unnamed_events_are_typed_by_their_payload() -> None:
    named = Stream().start().message().text("same").end().body()
    unnamed = Stream(named=False).start().message().text("same").end().body()
    assert parse(unnamed) == parse(named)


def test_done_marker_after_the_terminal_event_is_accepted() -> None:
    body = Stream(named=False).start().message().text("4").end().raw("data: [DONE]\n\n").body()
    message = parse(body)
    assert (message.text, message.complete) == ("4", True)


def test_done_marker_does_not_make_a_cut_stream_complete() -> None:
    body = Stream(named=False).start().message().text("4").raw("data: [DONE]\n\n").body()
    assert parse(body).complete is False


def test_an_event_after_the_done_marker_is_a_protocol_error() -> None:
    body = Stream().start().raw("data: [DONE]\n\n").message().body()
    with pytest.raises(ProtocolError, match=r"after data: \[DONE\]"):
        parse(body)


# -- strictness ----------------------------------------------------------------------------------


def test_hosted_tool_events_are_tolerated_in_strict_mode() -> None:
    s = Stream().start()
    s.event(
        "response.output_item.added",
        output_index=0,
        item={"id": "ws_1", "type": "web_search_call", "status": "in_progress"},
    )
    for kind in (
        "response.web_search_call.in_progress",
        "response.web_search_call.searching",
        "response.web_search_call.completed",
    ):
        s.event(kind, item_id="ws_1", output_index=0)
    s.item_done({"id": "ws_1", "type": "web_search_call", "status": "completed"})
    message = parse(s.message(1, "msg_2").text("Found it.", 1, "msg_2").end().body(), strict=True)
    assert (message.text, message.tool_calls, message.stop_reason) == ("Found it.", (), "stop")


def test_every_tolerated_type_is_one_the_sdk_knows() -> None:
    types = pytest.importorskip("openai.types.responses")
    from typing import get_args

    union = get_args(get_args(types.ResponseStreamEvent)[0])
    known = {get_args(cls.model_fields["type"].annotation)[0] for cls in union}
    assert known >= TOLERATED


def test_an_unknown_event_type_is_an_error_in_strict_mode_and_skipped_otherwise() -> None:
    body = Stream().start().event("response.telepathy.delta", delta="?").message().text("ok").end().body()
    with pytest.raises(UnknownEventError, match=r"response\.telepathy\.delta"):
        parse(body)
    assert parse(body, strict=False).text == "ok"


def test_invalid_json_names_vendor_event_and_offset() -> None:
    prefix = Stream().start().body()
    with pytest.raises(InvalidJSONError) as info:
        parse(prefix + b'event: response.output_text.delta\ndata: {"type": oops}\n\n')
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (VENDOR, 2, len(prefix))


def test_a_delta_that_is_not_a_string_is_a_vendor_event_error() -> None:
    s = Stream().start().message()
    s.event("response.output_text.delta", item_id=MSG, output_index=0, content_index=0, delta=7)
    with pytest.raises(VendorEventError, match="'delta' should be a string"):
        parse(s.body())


def test_the_stream_ends_with_exactly_one_stream_end() -> None:
    events = list(conformance.stream_events(VENDOR, [Stream().start().message().text("x").end().body()]))
    assert [e for e in events if isinstance(e, StreamEnd)] == [StreamEnd(complete=True)]


@given(data=st.data())
def test_a_corrupted_cassette_gives_a_message_or_a_stream_error(data: st.DataObject) -> None:
    body = bytearray(data.draw(st.sampled_from(load_cassettes(vendor=VENDOR))).body)
    for _ in range(data.draw(st.integers(1, 3))):
        body[data.draw(st.integers(0, len(body) - 1))] = data.draw(st.integers(0, 255))
    try:
        parse(bytes(body))
    except StreamError as exc:
        assert exc.vendor == VENDOR
