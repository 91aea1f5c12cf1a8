"""Small timed cassettes for the replay, cancel and timing tests, built in memory.

Bodies follow the vendors' documented wire shapes (Anthropic pads its JSON before `}` as the
live API does). Each event is its own chunk; the pace is slow on purpose (first chunk at
`TTFT_MS`, then one every `GAP_MS`), so that a client that closes properly is noticed long
before the next chunk is due, even on a busy machine.
"""

from __future__ import annotations

import json
from typing import Any

from conformance.api import parse
from conformance.formats.cassettes import Cassette

TTFT_MS = 40
GAP_MS = 150


def sse(event: str | None, data: Any, *, event_id: str | None = None, crlf: bool = False) -> bytes:
    text = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"))
    lines = ([f"id: {event_id}"] if event_id is not None else []) + ([f"event: {event}"] if event else [])
    lines.append(f"data: {text}")
    end = "\r\n" if crlf else "\n"
    return (end.join(lines) + end + end).encode()


def build(
    vendor: str,
    scenario: str,
    events: list[bytes],
    *,
    uri: str,
    gap_ms: int = GAP_MS,
    ttft_ms: int = TTFT_MS,
    expected: bool = True,
    content_type: str = "text/event-stream; charset=utf-8",
) -> Cassette:
    body = b"".join(events)
    metadata: dict[str, Any] = {
        "vendor": vendor,
        "scenario": scenario,
        "description": f"test cassette: {scenario}",
        "chunks": [len(e) for e in events],
        "chunk_times_ms": [ttft_ms + i * gap_ms for i in range(len(events))],
    }
    if expected:
        metadata["expected"] = parse(vendor, [body]).to_dict()
    return Cassette(
        path=None,
        vendor=vendor,
        scenario=scenario,
        method="POST",
        uri=uri,
        request_headers={"content-type": ["application/json"]},
        request_body=None,
        status=200,
        response_headers={"content-type": [content_type], "request-id": ["req_test"]},
        body=body,
        metadata=metadata,
    )


def _anthropic_events() -> list[tuple[str, dict[str, Any]]]:
    text = ["Tide", " pools hold", " anemones", " and crabs."]
    out: list[tuple[str, dict[str, Any]]] = [
        (
            "message_start",
            {
                "type": "message_start",
                "message": {
                    "id": "msg_replay01",
                    "type": "message",
                    "role": "assistant",
                    "model": "claude-sonnet-4-5",
                    "content": [],
                    "stop_reason": None,
                    "stop_sequence": None,
                    "usage": {"input_tokens": 25, "output_tokens": 1},
                },
            },
        ),
        (
            "content_block_start",
            {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        ),
        ("ping", {"type": "ping"}),
    ]
    out += [
        (
            "content_block_delta",
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": t}},
        )
        for t in text
    ]
    out += [
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        (
            "content_block_start",
            {
                "type": "content_block_start",
                "index": 1,
                "content_block": {
                    "type": "tool_use",
                    "id": "toolu_replay01",
                    "name": "get_tide",
                    "input": {},
                },
            },
        ),
    ]
    out += [
        (
            "content_block_delta",
            {
                "type": "content_block_delta",
                "index": 1,
                "delta": {"type": "input_json_delta", "partial_json": p},
            },
        )
        for p in ['{"place": "Mon', 'terey", "day"', ': "today"}']
    ]
    out += [
        ("content_block_stop", {"type": "content_block_stop", "index": 1}),
        (
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": "tool_use", "stop_sequence": None},
                "usage": {"output_tokens": 42},
            },
        ),
        ("message_stop", {"type": "message_stop"}),
    ]
    return out


def _padded(event: str, data: dict[str, Any], event_id: str | None = None) -> bytes:
    text = json.dumps(data, separators=(",", ":"))[:-1] + "      }"  # as the live API pads
    return sse(event, text, event_id=event_id)


def anthropic_tool_use() -> Cassette:
    """15 events: text in four deltas, then a tool call in three argument fragments."""
    events = [_padded(name, data) for name, data in _anthropic_events()]
    return build("anthropic", "replay_tool_use", events, uri="https://api.anthropic.com/v1/messages")


def anthropic_with_ids() -> Cassette:
    """The same stream with an SSE `id:` on every event, for `Last-Event-ID` resumes."""
    events = [_padded(name, data, event_id=f"evt_{i}") for i, (name, data) in enumerate(_anthropic_events())]
    return build("anthropic", "replay_with_ids", events, uri="https://api.anthropic.com/v1/messages")


def _chunk(delta: dict[str, Any], finish: str | None = None, usage: dict[str, int] | None = None) -> bytes:
    data: dict[str, Any] = {
        "id": "chatcmpl-replay01",
        "object": "chat.completion.chunk",
        "created": 1760000000,
        "model": "gpt-4o-mini-2024-07-18",
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]
        if delta is not None
        else [],
        "usage": usage,
    }
    return sse(None, data)


def openai_chat_tool_use() -> Cassette:
    """11 events: text in three deltas, a tool call in three fragments, usage, `[DONE]`."""
    call = {
        "index": 0,
        "id": "call_replay01",
        "type": "function",
        "function": {"name": "get_tide", "arguments": ""},
    }
    events = [
        _chunk({"role": "assistant", "content": "", "refusal": None}),
        _chunk({"content": "Checking"}),
        _chunk({"content": " the tide"}),
        _chunk({"content": " tables."}),
        _chunk({"tool_calls": [call]}),
        _chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"place": "Mon'}}]}),
        _chunk({"tool_calls": [{"index": 0, "function": {"arguments": 'terey", "day"'}}]}),
        _chunk({"tool_calls": [{"index": 0, "function": {"arguments": ': "today"}'}}]}),
        _chunk({}, finish="tool_calls"),
        _chunk(None, usage={"prompt_tokens": 30, "completion_tokens": 24, "total_tokens": 54}),  # type: ignore[arg-type]
        sse(None, "[DONE]"),
    ]
    return build("openai-chat", "replay_tool_use", events, uri="https://api.openai.com/v1/chat/completions")


def openai_chat_long_text(words: int = 40) -> Cassette:
    """`words` + 4 events: a long answer a word per chunk, so a cancel early on leaves seconds
    of stream at the recorded pace (room to tell a prompt close from a late one)."""
    events = [_chunk({"role": "assistant", "content": "", "refusal": None})]
    events += [_chunk({"content": f" word{i}"}) for i in range(words)]
    events += [
        _chunk({}, finish="stop"),
        _chunk(None, usage={"prompt_tokens": 9, "completion_tokens": words, "total_tokens": 9 + words}),  # type: ignore[arg-type]
        sse(None, "[DONE]"),
    ]
    return build("openai-chat", "replay_long_text", events, uri="https://api.openai.com/v1/chat/completions")


def gemini_text() -> Cassette:
    """Gemini's CRLF-framed SSE, usage repeated (and growing) on every response."""
    pieces = ["Tide pools", " hold anemones", " and crabs", "."]
    events = []
    for i, text in enumerate(pieces):
        candidate: dict[str, Any] = {"content": {"role": "model", "parts": [{"text": text}]}, "index": 0}
        if i == len(pieces) - 1:
            candidate["finishReason"] = "STOP"
        data = {
            "candidates": [candidate],
            "usageMetadata": {
                "promptTokenCount": 9,
                "candidatesTokenCount": 3 * (i + 1),
                "totalTokenCount": 9 + 3 * (i + 1),
            },
            "modelVersion": "gemini-2.5-flash",
            "responseId": "resp_replay01",
        }
        events.append(sse(None, data, crlf=True))
    return build(
        "gemini",
        "replay_text",
        events,
        uri="https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    )


def openai_responses_sequenced() -> Cassette:
    """An OpenAI Responses stream (every event has a `sequence_number`) for `starting_after`."""
    rid = "resp_replay01"
    item = {
        "id": "msg_replay01",
        "type": "message",
        "status": "in_progress",
        "role": "assistant",
        "content": [],
    }
    response = {
        "id": rid,
        "object": "response",
        "status": "in_progress",
        "model": "gpt-4.1-mini",
        "output": [],
    }
    body: list[tuple[str, dict[str, Any]]] = [
        ("response.created", {"response": response}),
        ("response.in_progress", {"response": response}),
        ("response.output_item.added", {"output_index": 0, "item": item}),
        (
            "response.content_part.added",
            {
                "item_id": "msg_replay01",
                "output_index": 0,
                "content_index": 0,
                "part": {"type": "output_text", "text": "", "annotations": []},
            },
        ),
    ]
    words = ["Tide", " pools", " hold", " crabs."]
    body += [
        (
            "response.output_text.delta",
            {"item_id": "msg_replay01", "output_index": 0, "content_index": 0, "delta": w},
        )
        for w in words
    ]
    done_item = {
        **item,
        "status": "completed",
        "content": [{"type": "output_text", "text": "".join(words), "annotations": []}],
    }
    body += [
        (
            "response.output_text.done",
            {"item_id": "msg_replay01", "output_index": 0, "content_index": 0, "text": "".join(words)},
        ),
        ("response.output_item.done", {"output_index": 0, "item": done_item}),
        (
            "response.completed",
            {
                "response": {
                    **response,
                    "status": "completed",
                    "output": [done_item],
                    "usage": {"input_tokens": 12, "output_tokens": 5, "total_tokens": 17},
                }
            },
        ),
    ]
    events = [sse(name, {"type": name, "sequence_number": n, **data}) for n, (name, data) in enumerate(body)]
    return build(
        "openai-responses",
        "replay_sequenced",
        events,
        uri="https://api.openai.com/v1/responses",
        expected=False,
    )


def gemini_interactions_with_event_ids() -> Cassette:
    """A Gemini Interactions stream whose events carry `event_id`, for `last_event_id` resumes."""
    body: list[tuple[str, dict[str, Any]]] = [
        (
            "interaction.created",
            {"interaction": {"id": "int_replay01", "model": "gemini-2.5-flash", "status": "in_progress"}},
        ),
        ("step.start", {"index": 0, "step": {"type": "model_output"}}),
    ]
    body += [
        ("step.delta", {"index": 0, "delta": {"type": "text", "text": w}})
        for w in ["Tide", " pools", " hold crabs."]
    ]
    body += [
        ("step.stop", {"index": 0}),
        (
            "interaction.completed",
            {
                "interaction": {
                    "id": "int_replay01",
                    "status": "completed",
                    "usage": {"total_input_tokens": 8, "total_output_tokens": 4},
                }
            },
        ),
    ]
    events = [
        sse(name, {"event_type": name, "event_id": f"ev-{n:03d}", **data})
        for n, (name, data) in enumerate(body)
    ]
    return build(
        "gemini-interactions",
        "replay_event_ids",
        events,
        uri="https://generativelanguage.googleapis.com/v1beta/interactions",
        expected=False,
    )
