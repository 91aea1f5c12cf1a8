"""The Gemini Interactions API adapter on small SSE bodies: steps (model_output, thought,
function_call with arguments_delta), interaction.completed as terminator with status and
usage, event ids, the error event, the earlier content.* revision, and the typed errors for
bad input (each naming vendor, event and byte offset)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import conformance
from conformance.adapters.gemini_interactions import STOP_REASONS
from conformance.api import vendor_events
from conformance.errors import ProtocolError, UnknownEventError, VendorEventError
from conformance.message import STOP_REASONS as NORMALIZED_STOP_REASONS
from conformance.suite.strategies import byte_by_byte, two_chunk_splits

VENDOR = "gemini-interactions"


def sse(kind: str, **data: Any) -> str:
    return f"event: {kind}\ndata: {json.dumps({**data, 'event_type': kind}, ensure_ascii=False)}\n\n"


CREATED = sse(
    "interaction.created",
    interaction={"id": "v1_x", "status": "in_progress", "model": "gemini-3-flash-preview"},
    event_id="e0",
)
DONE = "event: done\ndata: [DONE]\n\n"


def step(index: int, kind: str, **fields: Any) -> str:
    return sse("step.start", index=index, step={"type": kind, **fields})


def delta(index: int, kind: str, **fields: Any) -> str:
    return sse("step.delta", index=index, delta={"type": kind, **fields})


def stop(index: int) -> str:
    return sse("step.stop", index=index)


def completed(status: str = "completed", **usage: int) -> str:
    usage = usage or {"total_input_tokens": 11, "total_output_tokens": 5, "total_tokens": 16}
    return sse("interaction.completed", interaction={"id": "v1_x", "status": status, "usage": usage})


def parse(body: str, **kwargs: Any) -> conformance.Message:
    return conformance.parse(VENDOR, [body.encode()], **kwargs)


def test_model_output_text_deltas_are_the_text_and_completed_ends_the_stream() -> None:
    body = (
        CREATED
        + step(0, "model_output")
        + delta(0, "text", text="Hel")
        + delta(0, "text", text="lo")
        + stop(0)
        + completed()
        + DONE
    )
    message = parse(body)
    assert (message.text, message.stop_reason, message.vendor_stop_reason, message.complete) == (
        "Hello",
        "stop",
        "completed",
        True,
    )
    assert message.usage == {"input_tokens": 11, "output_tokens": 5, "total_tokens": 16}


def test_thought_summaries_are_reasoning_and_signatures_add_nothing() -> None:
    body = (
        CREATED + step(0, "thought") + delta(0, "thought_summary", content={"type": "text", "text": "Plan."})
    )
    body += delta(0, "thought_signature", signature="c2ln") + stop(0)
    body += step(1, "model_output") + delta(1, "text", text="Done.") + stop(1) + completed()
    message = parse(body)
    assert (message.reasoning, message.text) == ("Plan.", "Done.")


def test_a_function_call_step_assembles_its_arguments_delta_text() -> None:
    body = CREATED + step(0, "function_call", id="c1", name="get_weather", arguments={})
    body += (
        delta(0, "arguments_delta", arguments='{"location":')
        + delta(0, "arguments_delta", arguments='"Paris"}')
        + stop(0)
    )
    message = parse(body + completed("requires_action"))
    assert [c.to_dict() for c in message.tool_calls] == [
        {"id": "c1", "name": "get_weather", "arguments": {"location": "Paris"}}
    ]
    assert (message.stop_reason, message.vendor_stop_reason) == ("tool_calls", "requires_action")


def test_arguments_whole_in_step_start_are_kept_when_no_delta_follows() -> None:
    body = (
        CREATED
        + step(0, "function_call", id="c1", name="f", arguments={"a": 1})
        + stop(0)
        + completed("requires_action")
    )
    assert parse(body).tool_calls[0].arguments == {"a": 1}


def test_server_tool_steps_are_not_client_tool_calls() -> None:
    body = (
        CREATED
        + step(0, "google_search_call", id="s1")
        + delta(0, "google_search_call", arguments={"queries": ["x"]})
        + stop(0)
    )
    body += (
        step(1, "google_search_result", call_id="s1")
        + delta(1, "google_search_result", is_error=False)
        + stop(1)
    )
    body += step(2, "model_output") + delta(2, "text", text="Found.") + stop(2) + completed()
    message = parse(body)
    assert (message.text, message.tool_calls) == ("Found.", ())


@pytest.mark.parametrize(("status", "normalized"), sorted(STOP_REASONS.items()))
def test_final_status_maps_to_a_normalized_stop_reason(status: str, normalized: str) -> None:
    message = parse(CREATED + completed(status))
    assert (message.stop_reason, message.vendor_stop_reason) == (normalized, status)
    assert normalized in NORMALIZED_STOP_REASONS


def test_usage_maps_thought_and_cached_tokens() -> None:
    usage = {
        "total_input_tokens": 5,
        "total_output_tokens": 2,
        "total_thought_tokens": 40,
        "total_cached_tokens": 3,
        "total_tokens": 47,
    }
    assert parse(CREATED + completed(**usage)).usage == {
        "input_tokens": 5,
        "output_tokens": 2,
        "reasoning_tokens": 40,
        "cache_read_tokens": 3,
        "total_tokens": 47,
    }


def test_every_event_keeps_its_event_id_for_resumption() -> None:
    body = CREATED + step(0, "model_output") + completed()
    events = vendor_events(VENDOR, [body.encode()])
    assert events[0].data["event_id"] == "e0"


def test_the_error_event_is_the_error_and_the_stream_is_incomplete() -> None:
    body = (
        CREATED
        + step(0, "model_output")
        + delta(0, "text", text="The")
        + sse("error", error={"message": "Deadline expired.", "code": "gateway_timeout"})
    )
    message = parse(body)
    assert (message.text, message.error, message.complete) == (
        "The",
        {"type": "gateway_timeout", "message": "Deadline expired."},
        False,
    )


def test_a_stream_without_interaction_completed_is_incomplete() -> None:
    assert not parse(CREATED + step(0, "model_output") + delta(0, "text", text="x") + stop(0)).complete


def test_the_earlier_content_events_give_the_same_message_shape() -> None:
    body = sse("interaction.start", interaction={"id": "v1_y", "status": "in_progress"})
    body += sse("content.start", index=0, content={"type": "thought"})
    body += sse("content.delta", index=0, delta={"type": "thought_summary", "text": "Hmm."}) + sse(
        "content.stop", index=0
    )
    body += sse("content.start", index=1, content={"type": "text"}) + sse(
        "content.delta", index=1, delta={"type": "text", "text": "Hi."}
    )
    body += sse("content.stop", index=1) + sse("content.start", index=2, content={"type": "function_call"})
    body += sse(
        "content.delta",
        index=2,
        delta={"type": "function_call", "id": "f1", "name": "g", "arguments": {"k": "v"}},
    )
    body += sse("content.stop", index=2)
    body += sse(
        "interaction.complete",
        interaction={
            "id": "v1_y",
            "status": "requires_action",
            "outputs": [{"type": "text", "text": "ignored"}],
            "usage": {"total_reasoning_tokens": 7},
        },
    )
    message = parse(body)
    assert (message.reasoning, message.text, message.complete) == ("Hmm.", "Hi.", True)
    assert [c.to_dict() for c in message.tool_calls] == [{"id": "f1", "name": "g", "arguments": {"k": "v"}}]
    assert message.usage == {"reasoning_tokens": 7}


def test_byte_by_byte_and_two_chunk_splits_give_the_same_message() -> None:
    body = CREATED + step(0, "model_output") + delta(0, "text", text="Grüße 🌍") + stop(0)
    body += (
        step(1, "function_call", id="c", name="f", arguments={})
        + delta(1, "arguments_delta", arguments='{"q":"ü"}')
        + stop(1)
    )
    data = (body + completed("requires_action") + DONE).encode()
    whole = conformance.parse(VENDOR, [data])
    assert conformance.parse(VENDOR, byte_by_byte(data)) == whole
    for chunks in two_chunk_splits(data):
        assert conformance.parse(VENDOR, chunks) == whole


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (step(0, "model_output"), "before interaction.created"),
        (CREATED + CREATED, "a second interaction.created"),
        (CREATED + delta(0, "text", text="x"), "never started"),
        (CREATED + step(0, "model_output") + step(0, "thought"), "started twice"),
        (CREATED + step(0, "model_output") + stop(0) + delta(0, "text", text="x"), "already stopped"),
        (
            CREATED + step(0, "model_output") + delta(0, "arguments_delta", arguments="{}"),
            "arguments_delta for step 0",
        ),
        (CREATED + completed() + step(0, "model_output"), "after interaction.completed"),
    ],
)
def test_events_out_of_protocol_order_are_protocol_errors(body: str, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason) as info:
        parse(body)
    assert info.value.vendor == VENDOR and info.value.offset is not None


def test_a_function_call_step_without_a_name_names_the_field() -> None:
    with pytest.raises(VendorEventError, match="'name'"):
        parse(CREATED + step(0, "function_call", id="c"))


def test_an_unknown_event_type_is_an_error_in_strict_mode_and_skipped_leniently() -> None:
    body = CREATED + sse("interaction.heartbeat") + completed()
    with pytest.raises(UnknownEventError):
        parse(body)
    assert parse(body, strict=False).complete
