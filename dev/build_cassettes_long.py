"""Build the long cassettes (`cassettes/<vendor>/long_*.yaml`): streams with enough events to
cancel at several points, for the cancel checks and the cancel matrix (docs/cancel-matrix.md):
Anthropic, OpenAI Chat and Responses, Bedrock ConverseStream (a long answer, long tool
arguments), Vertex AI (long streamed tool arguments), Gemini, Gemini Interactions, Mistral,
Ollama and Cohere (a long answer).

    python dev/build_cassettes_long.py [--check]

The short bundled cassettes have 2-25 events; a Gemini answer has 2-3, so at most one cancel
point with ~60 ms of stream after it. These answers are long on purpose: a text answer of
56 deltas (16 events for Gemini, whose events carry a phrase each), and a tool call whose
arguments arrive in 34 fragments (compact JSON for OpenAI, as its models write it; spaced for Anthropic). Every body follows the wire format of the vendor's
bundled cassettes and their builders (`dev/build_cassettes_<vendor>.py`: the same framing,
JSON spacing, fields, padding and headers), written from the vendors' streaming docs; only
the content is longer. Each event is made by a small function below from the pieces held
literally here; the expected Message is written out by hand, and the builder checks (dev/
_cassette_builder.py: whole, byte by byte, random splits, schemas) must agree with it, as the
SDK oracle tests must. Ids, obfuscation strings and token counts are made up.
"""

# ruff: noqa: E501

from __future__ import annotations

import json
import sys
from typing import Any

import build_cassettes_anthropic as anthropic_builder
import build_cassettes_bedrock_converse as bedrock_builder
import build_cassettes_cohere as cohere_builder
import build_cassettes_gemini as gemini_builder
import build_cassettes_gemini_interactions as interactions_builder
import build_cassettes_mistral as mistral_builder
import build_cassettes_ollama as ollama_builder
import build_cassettes_openai_chat as chat_builder
import build_cassettes_openai_responses as responses_builder
import build_cassettes_vertex as vertex_builder
from _cassette_builder import cassette, lf_only, main
from _cassette_builder import message as _message

from conformance.formats.cassettes import Cassette

# The answer, piece by piece as a tokenizer would stream it (56 pieces).
ANSWER_PIECES = [
    "Tide", " pools", " form", " where", " the", " sea", " leaves", " water", " behind", " in",
    " rock", " hollows", " at", " low", " tide", ".", " Each", " pool", " is", " a",
    " small", " world", ":", " anemones", " close", " up", " to", " keep", " moist", ",",
    " hermit", " crabs", " trade", " shells", ",", " and", " sea", " stars", " pry", " open",
    " mussels", ".", " When", " the", " tide", " returns", ",", " waves", " refill", " the",
    " pool", " and", " bring", " fresh", " food", ".",
]  # fmt: skip
ANSWER = (
    "Tide pools form where the sea leaves water behind in rock hollows at low tide. Each pool is a small"
    " world: anemones close up to keep moist, hermit crabs trade shells, and sea stars pry open mussels."
    " When the tide returns, waves refill the pool and bring fresh food."
)

# Gemini streams a phrase per event (16 events).
GEMINI_PIECES = [
    "Tide pools form where the sea leaves water",
    " behind in rock hollows at low tide.",
    " Each pool is a small world with its own rules:",
    " anemones close up to keep moist,",
    " hermit crabs trade shells as they grow,",
    " and sea stars pry open mussels with their tube feet.",
    " Limpets clamp down on the rock,",
    " and barnacles shut their plates until the water returns.",
    " The water warms in the sun and grows saltier as it evaporates,",
    " so everything living there must bear heat and salt.",
    " Predators such as gulls and shorebirds visit at low tide,",
    " while fish and crabs hide under ledges and in seaweed.",
    " When the tide comes back,",
    " waves refill the pool, cool it down",
    " and bring fresh plankton for the filter feeders,",
    " and the cycle starts again about twelve hours later.",
]
GEMINI_ANSWER = (
    "Tide pools form where the sea leaves water behind in rock hollows at low tide. Each pool is a small"
    " world with its own rules: anemones close up to keep moist, hermit crabs trade shells as they grow,"
    " and sea stars pry open mussels with their tube feet. Limpets clamp down on the rock, and barnacles"
    " shut their plates until the water returns. The water warms in the sun and grows saltier as it"
    " evaporates, so everything living there must bear heat and salt. Predators such as gulls and"
    " shorebirds visit at low tide, while fish and crabs hide under ledges and in seaweed. When the tide"
    " comes back, waves refill the pool, cool it down and bring fresh plankton for the filter feeders,"
    " and the cycle starts again about twelve hours later."
)

# Tool-call arguments as JSON text fragments, cut mid-key, mid-value and inside escapes (34).
ARGUMENT_PIECES = [
    '{"', "path", '": "', "notes", "/t", "ides", ".md", '", "', "content", '": "',
    "#", " Tides", "\\n", "\\n", "Most", " coasts", " see", " two", " high", " tides",
    " a", " day", ",", " about", " 12", " hours", " and", " 25", " minutes", " apart",
    ".", "\\", "n", '"}',
]  # fmt: skip
# OpenAI models write the arguments as compact JSON (no space after `:` or `,`), 34 fragments.
OPENAI_ARGUMENT_PIECES = [
    '{"', "path", '":"', "notes", "/t", "ides", ".md", '","', "content", '":"',
    "#", " Tides", "\\n", "\\n", "Most", " coasts", " see", " two", " high", " tides",
    " a", " day", ",", " about", " 12", " hours", " and", " 25", " minutes", " apart",
    ".", "\\", "n", '"}',
]  # fmt: skip
ARGUMENTS = {
    "path": "notes/tides.md",
    "content": "# Tides\n\nMost coasts see two high tides a day, about 12 hours and 25 minutes apart.\n",
}
WRITE_FILE = {
    "name": "write_file",
    "description": "Write a text file in the user's workspace.",
    "parameters": {
        "type": "object",
        "properties": {"path": {"type": "string"}, "content": {"type": "string"}},
        "required": ["path", "content"],
    },
}
PROMPT = "Explain in a short paragraph how tide pools work."
TOOL_PROMPT = "Save a note on how often the tide comes in to notes/tides.md."


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# -- Anthropic ----------------------------------------------------------------------------------

ANTHROPIC_MODEL = "claude-sonnet-4-6"


def _pad(i: int) -> str:
    """The API pads most events with spaces before the closing brace, of varying width."""
    return " " * ((i * 7) % 13)


def _anthropic_event(i: int, data: dict[str, Any]) -> str:
    text = compact(data)
    return f"event: {data['type']}\ndata: {text[:-1]}{_pad(i)}}}\n\n"


def _anthropic_body(
    blocks: list[tuple[dict[str, Any], str, list[str]]], stop: str, output_tokens: int
) -> str:
    message_id = "msg_01Lt5RqW8nVx3KcYp7ZbMd2F"
    usage = {
        "input_tokens": 21,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
        "output_tokens": 1,
        "service_tier": "standard",
        "inference_geo": "global",
    }
    start = {
        "type": "message_start",
        "message": {
            "model": ANTHROPIC_MODEL,
            "id": message_id,
            "type": "message",
            "role": "assistant",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": usage,
        },
    }
    events = [_anthropic_event(0, start)]
    for index, (block, kind, pieces) in enumerate(blocks):
        events.append(
            _anthropic_event(
                len(events), {"type": "content_block_start", "index": index, "content_block": block}
            )
        )
        if index == 0:
            events.append('event: ping\ndata: {"type": "ping"}\n\n')
        for n, piece in enumerate(pieces):
            field = "text" if kind == "text_delta" else "partial_json"
            delta = {"type": "content_block_delta", "index": index, "delta": {"type": kind, field: piece}}
            events.append(_anthropic_event(len(events), delta))
            if n == len(pieces) // 2 and index == 0:
                events.append('event: ping\ndata: {"type": "ping"}\n\n')
        events.append(_anthropic_event(len(events), {"type": "content_block_stop", "index": index}))
    end_usage = {
        "input_tokens": 21,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "output_tokens": output_tokens,
    }
    events.append(
        _anthropic_event(
            len(events),
            {
                "type": "message_delta",
                "delta": {"stop_reason": stop, "stop_sequence": None},
                "usage": end_usage,
            },
        )
    )
    events.append(_anthropic_event(len(events), {"type": "message_stop"}))
    return "".join(events)


def anthropic_cassettes() -> list[Cassette]:
    headers = anthropic_builder.REQUEST_HEADERS
    text_request = {
        "max_tokens": 1024,
        "messages": [{"role": "user", "content": PROMPT}],
        "model": ANTHROPIC_MODEL,
        "stream": True,
    }
    tool = {
        "name": "write_file",
        "description": WRITE_FILE["description"],
        "input_schema": WRITE_FILE["parameters"],
    }
    tool_request = {
        "max_tokens": 1024,
        "messages": [{"role": "user", "content": TOOL_PROMPT}],
        "model": ANTHROPIC_MODEL,
        "stream": True,
        "tools": [tool],
    }
    intro = ["I'll save", " that note", " now."]
    tool_block = {
        "type": "tool_use",
        "id": "toolu_01Wd6KpN3sRt8XbLm2QvYc9J",
        "name": "write_file",
        "input": {},
    }
    source = [anthropic_builder.STREAMING, anthropic_builder.TOOLS, anthropic_builder.SDK]
    usage = {"cache_read_tokens": 0, "cache_write_tokens": 0}
    return [
        cassette(
            vendor="anthropic",
            name="long_text",
            description="A long answer: 56 text_delta events (two pings among them), so a cancel can fall early, midway or late; end_turn.",
            features=["text", "usage", "keepalive"],
            source=[anthropic_builder.STREAMING, anthropic_builder.SDK],
            uri=anthropic_builder.URI,
            request_headers=headers,
            request_body=compact(text_request),
            response_headers=anthropic_builder.response_headers(
                "req_011CV8mT4rXq2WbZn6KdLp9H", "Mon, 20 Oct 2025 10:04:12 GMT", "9912a3c4e5f60718-LHR"
            ),
            body=_anthropic_body(
                [({"type": "text", "text": ""}, "text_delta", ANSWER_PIECES)], "end_turn", 58
            ).encode(),
            expected=_message(
                "anthropic",
                text=ANSWER,
                stop_reason="stop",
                vendor_stop_reason="end_turn",
                usage={"input_tokens": 21, "output_tokens": 58, **usage},
                complete=True,
            ),
        ),
        cassette(
            vendor="anthropic",
            name="long_tool_arguments",
            description="A short text block, then a tool_use block whose input arrives in 34 input_json_delta fragments (after an empty one), cut inside keys, values and a \\n escape; tool_use.",
            features=["text", "tool_calls", "usage", "keepalive"],
            source=source,
            uri=anthropic_builder.URI,
            request_headers=headers,
            request_body=compact(tool_request),
            response_headers=anthropic_builder.response_headers(
                "req_011CV8nK7sWd3QfYp5LxRt2M", "Mon, 20 Oct 2025 10:06:40 GMT", "9912a7b2c4d5e6f1-LHR"
            ),
            body=_anthropic_body(
                [
                    ({"type": "text", "text": ""}, "text_delta", intro),
                    (tool_block, "input_json_delta", ["", *ARGUMENT_PIECES]),
                ],
                "tool_use",
                71,
            ).encode(),
            expected=_message(
                "anthropic",
                text="I'll save that note now.",
                tool_calls=[
                    {"id": "toolu_01Wd6KpN3sRt8XbLm2QvYc9J", "name": "write_file", "arguments": ARGUMENTS}
                ],
                stop_reason="tool_calls",
                vendor_stop_reason="tool_use",
                usage={"input_tokens": 21, "output_tokens": 71, **usage},
                complete=True,
            ),
        ),
    ]


# -- OpenAI Chat Completions ------------------------------------------------------------------

OBFUSCATION = "aK3x9QmZ0pLw7TbN2vRc"


def _chat_chunk(
    completion_id: str,
    i: int,
    delta: dict[str, Any] | None,
    finish: str | None = None,
    usage: dict[str, Any] | None = None,
) -> str:
    data = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": 1768401200,
        "model": "gpt-4o-2024-08-06",
        "service_tier": "default",
        "system_fingerprint": "fp_a3b1c7e2d9",
        "choices": []
        if delta is None
        else [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
        "usage": usage,
        "obfuscation": OBFUSCATION[: 3 + (i * 5) % 15],
    }
    return f"data: {compact(data)}\n\n"


def _chat_usage(prompt: int, completion: int) -> dict[str, Any]:
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def chat_cassettes() -> list[Cassette]:
    text_id, tool_id = "chatcmpl-Cy7pL2mQx9WtRb4ZnK8vJd3Hs5Fa", "chatcmpl-Cy7pT6nRk3VxQc8YmL1wHf5Gt2Pb"
    chunks = [_chat_chunk(text_id, 0, {"role": "assistant", "content": "", "refusal": None})]
    chunks += [_chat_chunk(text_id, i, {"content": p}) for i, p in enumerate(ANSWER_PIECES, 1)]
    chunks += [
        _chat_chunk(text_id, 57, {}, "stop"),
        _chat_chunk(text_id, 58, None, usage=_chat_usage(24, 56)),
        "data: [DONE]\n\n",
    ]
    header = {
        "index": 0,
        "id": "call_Lm4TqW8xZ2nVb6KcR9pYd3Hs",
        "type": "function",
        "function": {"name": "write_file", "arguments": ""},
    }
    calls = [
        _chat_chunk(
            tool_id, 0, {"role": "assistant", "content": None, "tool_calls": [header], "refusal": None}
        )
    ]
    calls += [
        _chat_chunk(tool_id, i, {"tool_calls": [{"index": 0, "function": {"arguments": p}}]})
        for i, p in enumerate(OPENAI_ARGUMENT_PIECES, 1)
    ]
    calls += [
        _chat_chunk(tool_id, 35, {}, "tool_calls"),
        _chat_chunk(tool_id, 36, None, usage=_chat_usage(88, 41)),
        "data: [DONE]\n\n",
    ]
    include = {"include_usage": True}
    tool = {"type": "function", "function": WRITE_FILE}
    usage_text = {
        "input_tokens": 24,
        "output_tokens": 56,
        "total_tokens": 80,
        "reasoning_tokens": 0,
        "cache_read_tokens": 0,
    }
    usage_tool = {
        "input_tokens": 88,
        "output_tokens": 41,
        "total_tokens": 129,
        "reasoning_tokens": 0,
        "cache_read_tokens": 0,
    }
    out = []
    for name, description, features, request, body, expected, date, req_id, ray in (
        (
            "long_text",
            "A long answer: 56 content deltas after the role chunk, finish_reason stop, the include_usage chunk and data: [DONE].",
            ["text", "usage"],
            {
                "messages": [{"role": "user", "content": PROMPT}],
                "model": "gpt-4o",
                "stream": True,
                "stream_options": include,
            },
            chunks,
            _message(
                "openai-chat",
                text=ANSWER,
                stop_reason="stop",
                vendor_stop_reason="stop",
                usage=usage_text,
                complete=True,
            ),
            "Tue, 20 Jan 2026 09:20:00 GMT",
            "req_5b2e8c1d9f3a4e7b90c6d2a8f1e4b3c7",
            "9c0d2e4f6a8b1c3d-CDG",
        ),
        (
            "long_tool_arguments",
            "One tool call whose arguments arrive in 34 fragments, cut inside keys, values and a \\n escape; finish_reason tool_calls, include_usage chunk, data: [DONE].",
            ["tool_calls", "usage"],
            {
                "messages": [{"role": "user", "content": TOOL_PROMPT}],
                "model": "gpt-4o",
                "stream": True,
                "stream_options": include,
                "tools": [tool],
            },
            calls,
            _message(
                "openai-chat",
                tool_calls=[
                    {"id": "call_Lm4TqW8xZ2nVb6KcR9pYd3Hs", "name": "write_file", "arguments": ARGUMENTS}
                ],
                stop_reason="tool_calls",
                vendor_stop_reason="tool_calls",
                usage=usage_tool,
                complete=True,
            ),
            "Tue, 20 Jan 2026 09:21:30 GMT",
            "req_7d4f1a3c5e8b4d2a96b0c8e2f5a1d7b4",
            "9c0d31a7b9c2d4e6-CDG",
        ),
    ):
        request_body = compact(request)
        out.append(
            cassette(
                vendor="openai-chat",
                name=name,
                description=description,
                features=features,
                source=[chat_builder.STREAMING, chat_builder.FUNCTION_CALLING, chat_builder.SDK_ACCUMULATOR],
                uri=chat_builder.URI,
                request_headers=chat_builder.request_headers(request_body),
                request_body=request_body,
                response_headers=chat_builder.response_headers(date, req_id, ray, 240),
                body="".join(body).encode(),
                expected=expected,
            )
        )
    return out


# -- OpenAI Responses ---------------------------------------------------------------------------


def _response_object(
    status: str, output: list[Any], usage: dict[str, Any] | None, tools: list[Any] | None = None
) -> dict[str, Any]:
    return {
        "id": "resp_0b2d6f8a1c3e5f7a0068f4b2c3d4e5f6a70819203b4c5d6e",
        "object": "response",
        "created_at": 1770000301,
        "status": status,
        "background": False,
        "completed_at": 1770000303 if status == "completed" else None,
        "error": None,
        "frequency_penalty": 0.0,
        "incomplete_details": None,
        "instructions": None,
        "max_output_tokens": None,
        "max_tool_calls": None,
        "model": "gpt-4.1-2025-04-14",
        "output": output,
        "parallel_tool_calls": True,
        "presence_penalty": 0.0,
        "previous_response_id": None,
        "prompt_cache_key": None,
        "prompt_cache_retention": None,
        "reasoning": {"effort": None, "summary": None},
        "safety_identifier": None,
        "service_tier": "default" if status == "completed" else "auto",
        "store": True,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}, "verbosity": "medium"},
        "tool_choice": "auto",
        "tools": tools or [],
        "top_logprobs": 0,
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": usage,
        "user": None,
        "metadata": {},
    }


def responses_cassettes() -> list[Cassette]:
    item_id = "msg_0b2d6f8a1c3e5f7a0068f4b2c4e5f6a7b8c9d0e1f2a3b4c5"
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": _response_object("in_progress", [], None)},
        {"type": "response.in_progress", "response": _response_object("in_progress", [], None)},
        {
            "type": "response.output_item.added",
            "item": {
                "id": item_id,
                "type": "message",
                "status": "in_progress",
                "content": [],
                "role": "assistant",
            },
            "output_index": 0,
        },
        {
            "type": "response.content_part.added",
            "content_index": 0,
            "item_id": item_id,
            "output_index": 0,
            "part": {"type": "output_text", "annotations": [], "logprobs": [], "text": ""},
        },
    ]
    events += [
        {
            "type": "response.output_text.delta",
            "content_index": 0,
            "delta": p,
            "item_id": item_id,
            "logprobs": [],
            "obfuscation": OBFUSCATION[: 4 + (i * 3) % 12],
            "output_index": 0,
        }
        for i, p in enumerate(ANSWER_PIECES)
    ]
    part = {"type": "output_text", "annotations": [], "logprobs": [], "text": "".join(ANSWER_PIECES)}
    item = {"id": item_id, "type": "message", "status": "completed", "content": [part], "role": "assistant"}
    usage = {
        "input_tokens": 19,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 56,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 75,
    }
    events += [
        {
            "type": "response.output_text.done",
            "content_index": 0,
            "item_id": item_id,
            "logprobs": [],
            "output_index": 0,
            "text": part["text"],
        },
        {
            "type": "response.content_part.done",
            "content_index": 0,
            "item_id": item_id,
            "output_index": 0,
            "part": part,
        },
        {"type": "response.output_item.done", "item": item, "output_index": 0},
        {"type": "response.completed", "response": _response_object("completed", [item], usage)},
    ]
    request_body = compact({"input": PROMPT, "model": "gpt-4.1", "stream": True})
    text = _responses_cassette(
        "long_text",
        "A long answer: 56 response.output_text.delta events between the created/added events and output_text.done, content_part.done, output_item.done and response.completed.",
        ["text", "usage"],
        request_body,
        _sse_sequence(events),
        _message(
            "openai-responses",
            text=ANSWER,
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage={
                "input_tokens": 19,
                "output_tokens": 56,
                "total_tokens": 75,
                "reasoning_tokens": 0,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
        ("Mon, 02 Feb 2026 03:05:01 GMT", "req_9e4a2c7f1b5d48e3a6c0f2d8b7e1a5c9", "9c82f1b3ad7e4c5f-CDG"),
    )
    return [text, _responses_tool_cassette()]


def _sse_sequence(events: list[dict[str, Any]]) -> str:
    """Typed SSE events numbered by `sequence_number` (after the other fields; `text` and
    `arguments` of the `.done` events come after it, as the API orders them)."""
    lines = []
    for sequence, event in enumerate(events):
        tail = {k: event[k] for k in ("text",) if k in event and event["type"] == "response.output_text.done"}
        head = {k: v for k, v in event.items() if k not in tail}
        lines.append(
            f"event: {event['type']}\ndata: {compact({**head, 'sequence_number': sequence, **tail})}\n\n"
        )
    return "".join(lines) + "\n"


def _responses_cassette(
    name: str,
    description: str,
    features: list[str],
    request_body: str,
    body: str,
    expected: dict[str, Any],
    headers: tuple[str, str, str],
    extra_source: tuple[str, ...] = (),
) -> Cassette:
    return cassette(
        vendor="openai-responses",
        name=name,
        description=description,
        features=features,
        source=[
            responses_builder.STREAMING,
            responses_builder.STREAMING_GUIDE,
            *extra_source,
            responses_builder.SDK_EVENTS,
        ],
        uri=responses_builder.URI,
        request_headers=responses_builder.request_headers(request_body),
        request_body=request_body,
        response_headers=responses_builder.response_headers(*headers, 231),
        body=body.encode(),
        expected=expected,
    )


def _responses_tool_cassette() -> Cassette:
    item_id = "fc_0b2d6f8a1c3e5f7a0068f4b2d5e6f7a8b9c0d1e2f3a4b5c6"
    call_id = "call_Rk7nW2xQm9TbL4vZc8pYd3Fs"
    tool = {"type": "function", **WRITE_FILE, "strict": False}
    item = {
        "id": item_id,
        "type": "function_call",
        "status": "in_progress",
        "arguments": "",
        "call_id": call_id,
        "name": "write_file",
    }
    arguments = "".join(OPENAI_ARGUMENT_PIECES)
    done = {**item, "status": "completed", "arguments": arguments}
    usage = {
        "input_tokens": 83,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 41,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 124,
    }
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": _response_object("in_progress", [], None, [tool])},
        {"type": "response.in_progress", "response": _response_object("in_progress", [], None, [tool])},
        {"type": "response.output_item.added", "item": item, "output_index": 0},
    ]
    events += [
        {
            "type": "response.function_call_arguments.delta",
            "delta": p,
            "item_id": item_id,
            "obfuscation": OBFUSCATION[: 4 + (i * 3) % 12],
            "output_index": 0,
        }
        for i, p in enumerate(OPENAI_ARGUMENT_PIECES)
    ]
    events += [
        {
            "type": "response.function_call_arguments.done",
            "arguments": arguments,
            "item_id": item_id,
            "output_index": 0,
        },
        {"type": "response.output_item.done", "item": done, "output_index": 0},
        {"type": "response.completed", "response": _response_object("completed", [done], usage, [tool])},
    ]
    request = {"model": "gpt-4.1", "input": TOOL_PROMPT, "stream": True, "tools": [tool]}
    return _responses_cassette(
        "long_tool_arguments",
        "One function_call item whose arguments arrive in 34 response.function_call_arguments.delta events, cut inside keys, values and a \\n escape; then .done, output_item.done and response.completed.",
        ["tool_calls", "usage"],
        compact(request),
        _sse_sequence(events),
        _message(
            "openai-responses",
            tool_calls=[{"id": call_id, "name": "write_file", "arguments": ARGUMENTS}],
            stop_reason="tool_calls",
            vendor_stop_reason="completed",
            usage={
                "input_tokens": 83,
                "output_tokens": 41,
                "total_tokens": 124,
                "reasoning_tokens": 0,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
        ("Mon, 02 Feb 2026 03:06:12 GMT", "req_2f7b9d4e6a1c48b3957e0d2c4a6f8b1e", "9c82f3c5be8f4d61-CDG"),
        (responses_builder.FUNCTION_CALLING,),
    )


# -- Gemini -------------------------------------------------------------------------------------


def gemini_cassettes() -> list[Cassette]:
    model, response_id = "gemini-2.5-flash", "Lq8dT2mWxZ4nVb7KcR1pYs"
    lines = []
    produced = 0
    for i, piece in enumerate(GEMINI_PIECES):
        produced += 9 + (i * 5) % 7
        candidate: dict[str, Any] = {"content": {"parts": [{"text": piece}], "role": "model"}}
        if i == len(GEMINI_PIECES) - 1:
            candidate["finishReason"] = "STOP"
        candidate["index"] = 0
        data = {
            "candidates": [candidate],
            "usageMetadata": {
                "promptTokenCount": 10,
                "candidatesTokenCount": produced,
                "totalTokenCount": 10 + produced + 286,
                "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 10}],
                "thoughtsTokenCount": 286,
            },
            "modelVersion": model,
            "responseId": response_id,
        }
        text = json.dumps(data, separators=(",", ": "), ensure_ascii=False)
        lines.append(f"data: {text}\r\n\r\n")
    scenario = gemini_builder.Scenario(
        name="long_text",
        description="A long answer in 16 events, a phrase each, usageMetadata growing on every one; CRLF line ends; STOP on the last.",
        features=["text", "usage"],
        source=[
            gemini_builder.STREAM_DOC,
            gemini_builder.RESPONSE_DOC,
            gemini_builder.USAGE_DOC,
            gemini_builder.SDK_SSE,
        ],
        model=model,
        request={"contents": gemini_builder.user(PROMPT + " Be thorough.")},
        body="".join(lines),
        expected=gemini_builder.message(
            text=GEMINI_ANSWER,
            stop_reason="stop",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 10, "output_tokens": 191, "total_tokens": 487, "reasoning_tokens": 286},
            complete=True,
        ),
        date="Mon, 20 Oct 2025 10:15:09 GMT",
        duration_ms=5210,
    )
    return [gemini_builder.build(scenario)]


# -- Mistral and Ollama ---------------------------------------------------------------------------


def mistral_cassettes() -> list[Cassette]:
    """Mistral's chunks: no `logprobs` key, the usage on the chunk that carries `finish_reason`."""
    chunk_id = "6f0d3b8a2c5e4f9b0d1a4c7e9b2d5f8a"

    def chunk(delta: dict[str, Any], finish: str | None = None, usage: dict[str, int] | None = None) -> str:
        data: dict[str, Any] = {
            "id": chunk_id,
            "object": "chat.completion.chunk",
            "created": 1770007300,
            "model": "mistral-small-latest",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        if usage is not None:
            data["usage"] = usage
        return f"data: {compact(data)}\n\n"

    body = chunk({"role": "assistant", "content": ""})
    body += "".join(chunk({"content": p}) for p in ANSWER_PIECES)
    body += chunk({"content": ""}, "stop", {"prompt_tokens": 24, "total_tokens": 80, "completion_tokens": 56})
    body += "data: [DONE]\n\n"
    request_body = compact(
        {"model": "mistral-small-latest", "messages": [{"role": "user", "content": PROMPT}], "stream": True}
    )
    return [
        cassette(
            vendor="mistral",
            name="long_text",
            description="A long answer: a role chunk, 56 text chunks, then finish_reason stop with the usage in the same chunk, data: [DONE].",
            features=["text", "usage"],
            source=[mistral_builder.REFERENCE, mistral_builder.SDK_MODELS],
            uri=mistral_builder.URI,
            request_headers=mistral_builder.request_headers(request_body),
            request_body=request_body,
            response_headers=mistral_builder.response_headers(
                "Mon, 02 Feb 2026 06:10:05 GMT", "019c1f3b4c5d8e9fa0b1c2d3e4f5a6b7"
            ),
            body=body.encode(),
            expected=_message(
                "mistral",
                text=ANSWER,
                stop_reason="stop",
                vendor_stop_reason="stop",
                usage={"input_tokens": 24, "output_tokens": 56, "total_tokens": 80},
                complete=True,
            ),
        )
    ]


def ollama_cassettes() -> list[Cassette]:
    """Ollama's NDJSON: a line per piece with its `created_at`, then the `done` line with the counts."""
    lines = []
    for i, piece in enumerate(ANSWER_PIECES):
        micros = 101913 + i * 16204
        line = {
            "model": "llama3.2",
            "created_at": f"2025-10-21T09:20:{2 + micros // 1_000_000:02d}.{micros % 1_000_000:06d}Z",
            "message": {"role": "assistant", "content": piece},
            "done": False,
        }
        lines.append(compact(line))
    lines.append(
        compact(
            {
                "model": "llama3.2",
                "created_at": "2025-10-21T09:20:03.029541Z",
                "message": {"role": "assistant", "content": ""},
                "done_reason": "stop",
                "done": True,
                "total_duration": 1012558250,
                "load_duration": 21496417,
                "prompt_eval_count": 34,
                "prompt_eval_duration": 98112000,
                "eval_count": 56,
                "eval_duration": 887365000,
            }
        )
    )
    return [
        ollama_builder.build(
            "long_text",
            "A long answer: 56 message lines, a piece each, then the done line with done_reason stop and the counts.",
            ["text", "usage"],
            [ollama_builder.API, ollama_builder.STREAMING],
            "llama3.2",
            PROMPT,
            "\n".join(lines) + "\n",
            ollama_builder.expect(
                text=ANSWER,
                stop_reason="stop",
                vendor_stop_reason="stop",
                usage={"input_tokens": 34, "output_tokens": 56},
                complete=True,
            ),
            date="Tue, 21 Oct 2025 09:20:02 GMT",
        )
    ]


# -- Cohere and Gemini Interactions -----------------------------------------------------------------


def cohere_cassettes() -> list[Cassette]:
    """Cohere v2: message-start skeleton, one text content block in 56 deltas, message-end."""
    events = [cohere_builder.START % "3d7b1f9e-5a2c-4e8b-9d6f-1a3c5e7b9d2f"]
    events.append(
        'event: content-start\ndata: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}\n\n'
    )
    for piece in ANSWER_PIECES:
        delta = {"type": "content-delta", "index": 0, "delta": {"message": {"content": {"text": piece}}}}
        events.append(f"event: content-delta\ndata: {compact(delta)}\n\n")
    events.append('event: content-end\ndata: {"type":"content-end","index":0}\n\n')
    end = {
        "type": "message-end",
        "delta": {
            "finish_reason": "COMPLETE",
            "usage": {
                "billed_units": {"input_tokens": 12, "output_tokens": 56},
                "tokens": {"input_tokens": 506, "output_tokens": 58},
                "cached_tokens": 448,
            },
        },
    }
    events.append(f"event: message-end\ndata: {compact(end)}\n\n")
    events.append("data: [DONE]\n\n")
    return [
        cohere_builder.build(
            "long_text",
            "A long answer: message-start, one text content block in 56 content-delta events, message-end COMPLETE with billed units, tokens and cached_tokens, data: [DONE].",
            ["text", "usage"],
            [cohere_builder.STREAMING, cohere_builder.REFERENCE, cohere_builder.SDK],
            cohere_builder.MODEL,
            PROMPT,
            "".join(events),
            cohere_builder.expect(
                text=ANSWER,
                stop_reason="stop",
                vendor_stop_reason="COMPLETE",
                usage={"input_tokens": 506, "output_tokens": 58, "cache_read_tokens": 448},
                complete=True,
            ),
            date="Tue, 21 Oct 2025 08:10:04 GMT",
        )
    ]


def interactions_cassettes() -> list[Cassette]:
    """Gemini Interactions: created, status update, a thought step (its signature), then a
    model_output step whose text arrives in 16 step.delta events, completed, done."""
    interaction_id = "v1_ChdMb25nVGV4dFJ1bl9xN2tZcDN2Wm4SFw"
    events: list[tuple[str, dict[str, Any]]] = [
        (
            "interaction.created",
            {
                "interaction": {
                    "id": interaction_id,
                    "status": "in_progress",
                    "object": "interaction",
                    "model": interactions_builder.MODEL,
                }
            },
        ),
        ("interaction.status_update", {"interaction_id": interaction_id, "status": "in_progress"}),
        ("step.start", {"index": 0, "step": {"type": "thought"}}),
        (
            "step.delta",
            {
                "index": 0,
                "delta": {
                    "signature": "EuYBCuMBARFNMg5tVUlvQ2RZcXh2dFdJZ1pMb25n",
                    "type": "thought_signature",
                },
            },
        ),
        ("step.stop", {"index": 0}),
        ("step.start", {"index": 1, "step": {"type": "model_output"}}),
    ]
    events += [
        ("step.delta", {"index": 1, "delta": {"text": piece, "type": "text"}}) for piece in GEMINI_PIECES
    ]
    usage = {
        "total_tokens": 488,
        "total_input_tokens": 11,
        "input_tokens_by_modality": [{"modality": "text", "tokens": 11}],
        "total_cached_tokens": 0,
        "total_output_tokens": 191,
        "total_tool_use_tokens": 0,
        "total_thought_tokens": 286,
    }
    completed = {
        "id": interaction_id,
        "status": "completed",
        "usage": usage,
        "created": "2026-05-12T19:02:10Z",
        "updated": "2026-05-12T19:02:15Z",
        "service_tier": "standard",
        "object": "interaction",
        "model": interactions_builder.MODEL,
    }
    events += [("step.stop", {"index": 1}), ("interaction.completed", {"interaction": completed})]
    lines = []
    for n, (kind, data) in enumerate(events):
        payload = {**data, "event_type": kind, "event_id": f"evt_long{n:02d}"}
        lines.append(f"event: {kind}\ndata: {compact(payload)}\n\n")
    lines.append("event: done\ndata: [DONE]\n\n")
    return [
        interactions_builder.build(
            "long_text",
            "A long answer: a thought step with its signature, then a model_output step whose text arrives in 16 step.delta events; interaction.completed with usage, done.",
            ["text", "usage"],
            [interactions_builder.STREAMING, interactions_builder.REFERENCE, interactions_builder.SDK],
            PROMPT + " Be thorough.",
            "".join(lines),
            interactions_builder.expect(
                signatures=[
                    {"kind": "thought_signature", "value": "EuYBCuMBARFNMg5tVUlvQ2RZcXh2dFdJZ1pMb25n"}
                ],
                text=GEMINI_ANSWER,
                stop_reason="stop",
                vendor_stop_reason="completed",
                usage={
                    "input_tokens": 11,
                    "output_tokens": 191,
                    "total_tokens": 488,
                    "reasoning_tokens": 286,
                    "cache_read_tokens": 0,
                },
                complete=True,
            ),
            date="Tue, 12 May 2026 19:02:10 GMT",
        )
    ]


# -- Bedrock ConverseStream ---------------------------------------------------------------------------

PAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _pad_p(i: int) -> str:
    """Bedrock pads every payload with a `p` field of varying length (a side-channel guard)."""
    return PAD[: 5 + (i * 11) % 50]


def bedrock_cassettes() -> list[Cassette]:
    text: list[tuple[str, str]] = [("messageStart", compact({"p": _pad_p(0), "role": "assistant"}))]
    text += [
        ("contentBlockDelta", compact({"contentBlockIndex": 0, "delta": {"text": piece}, "p": _pad_p(i)}))
        for i, piece in enumerate(ANSWER_PIECES, 1)
    ]
    text += [
        ("contentBlockStop", compact({"contentBlockIndex": 0, "p": _pad_p(60)})),
        ("messageStop", compact({"p": _pad_p(61), "stopReason": "end_turn"})),
        (
            "metadata",
            compact(
                {
                    "metrics": {"latencyMs": 2210},
                    "p": _pad_p(62),
                    "usage": {"inputTokens": 14, "outputTokens": 56, "totalTokens": 70},
                }
            ),
        ),
    ]
    call = {"name": "write_file", "toolUseId": "tooluse_Lw3kR9mTq2XvB7nZc5pYdA", "type": "tool_use"}
    tool: list[tuple[str, str]] = [("messageStart", compact({"p": _pad_p(0), "role": "assistant"}))]
    tool += [
        ("contentBlockDelta", compact({"contentBlockIndex": 0, "delta": {"text": piece}, "p": _pad_p(i)}))
        for i, piece in enumerate(["I'll save", " that note", " now."], 1)
    ]
    tool += [
        ("contentBlockStop", compact({"contentBlockIndex": 0, "p": _pad_p(4)})),
        ("contentBlockStart", compact({"contentBlockIndex": 1, "p": _pad_p(5), "start": {"toolUse": call}})),
    ]
    tool += [
        (
            "contentBlockDelta",
            compact({"contentBlockIndex": 1, "delta": {"toolUse": {"input": piece}}, "p": _pad_p(i)}),
        )
        for i, piece in enumerate(["", *ARGUMENT_PIECES], 6)
    ]
    tool += [
        ("contentBlockStop", compact({"contentBlockIndex": 1, "p": _pad_p(41)})),
        ("messageStop", compact({"p": _pad_p(42), "stopReason": "tool_use"})),
        (
            "metadata",
            compact(
                {
                    "metrics": {"latencyMs": 2875},
                    "p": _pad_p(43),
                    "usage": {"inputTokens": 431, "outputTokens": 74, "totalTokens": 505},
                }
            ),
        ),
    ]
    return [
        bedrock_builder.build(
            "long_text",
            'A long answer: 56 contentBlockDelta text events in one block (opened by its first delta), end_turn, metadata usage and latency; every payload padded with "p".',
            ["text", "usage"],
            [bedrock_builder.API, bedrock_builder.OUTPUT, bedrock_builder.ENCODING],
            bedrock_builder.NOVA,
            PROMPT,
            bedrock_builder.frames_body(text),
            bedrock_builder.expect(
                text=ANSWER,
                stop_reason="stop",
                vendor_stop_reason="end_turn",
                usage={"input_tokens": 14, "output_tokens": 56, "total_tokens": 70},
                complete=True,
            ),
            n=41,
        ),
        bedrock_builder.build(
            "long_tool_arguments",
            "A short text block, then a toolUse block whose input arrives in 34 contentBlockDelta fragments (after an empty one), cut inside keys, values and a \\n escape; stopReason tool_use.",
            ["text", "tool_calls", "usage"],
            [bedrock_builder.API, bedrock_builder.TOOLS, bedrock_builder.OUTPUT],
            bedrock_builder.CLAUDE,
            TOOL_PROMPT,
            bedrock_builder.frames_body(tool),
            bedrock_builder.expect(
                text="I'll save that note now.",
                tool_calls=[
                    {"id": "tooluse_Lw3kR9mTq2XvB7nZc5pYdA", "name": "write_file", "arguments": ARGUMENTS}
                ],
                stop_reason="tool_calls",
                vendor_stop_reason="tool_use",
                usage={"input_tokens": 431, "output_tokens": 74, "total_tokens": 505},
                complete=True,
            ),
            n=42,
            tools=True,
        ),
    ]


# -- Vertex AI: streamed function-call arguments ---------------------------------------------------

# The content string as Vertex streams it: `partialArgs` string pieces of `$.content` (28).
VERTEX_CONTENT_PIECES = [
    "# Tides", "\n", "\n", "Most", " coasts", " see", " two", " high", " tides", " a",
    " day", ",", " about", " 12", " hours", " and", " 25", " minutes", " apart", ".",
    "\n",
]  # fmt: skip


def vertex_cassettes() -> list[Cassette]:
    """streamFunctionCallArguments: the call named first, then `partialArgs` pieces of
    `$.path` and `$.content`, each string closed by an empty piece without willContinue."""

    def event(call: dict[str, Any], extra: str = "") -> str:
        part: dict[str, Any] = {"functionCall": call}
        if extra:
            part["thoughtSignature"] = extra
        candidates = json.dumps([{"content": {"role": "model", "parts": [part]}}], separators=(",", ": "))
        return f'data: {{"candidates": {candidates},' + vertex_builder.U0 + vertex_builder.TAIL + "\n\n"

    def piece(path: str, value: str, more: bool = True) -> dict[str, Any]:
        arg: dict[str, Any] = {"jsonPath": path, "stringValue": value}
        if more:
            arg["willContinue"] = True
        return arg

    body = event({"name": "write_file", "willContinue": True}, "CmIBjz1rX1xLb25nQXJnczNxN2tZcDN2Wm4yQ2FsbA==")
    body += event({"partialArgs": [piece("$.path", "notes/")], "willContinue": True})
    body += event({"partialArgs": [piece("$.path", "tides.md")], "willContinue": True})
    body += event(
        {
            "partialArgs": [piece("$.path", "", more=False), piece("$.content", VERTEX_CONTENT_PIECES[0])],
            "willContinue": True,
        }
    )
    for text in VERTEX_CONTENT_PIECES[1:]:
        body += event({"partialArgs": [piece("$.content", text)], "willContinue": True})
    body += event({"partialArgs": [piece("$.content", "", more=False)], "willContinue": True})
    usage = '"usageMetadata": {"promptTokenCount": 29,"candidatesTokenCount": 41,"totalTokenCount": 228,"trafficType": "ON_DEMAND","promptTokensDetails": [{"modality": "TEXT","tokenCount": 29}],"candidatesTokensDetails": [{"modality": "TEXT","tokenCount": 41}],"thoughtsTokenCount": 158},'
    body += (
        'data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {}}]},"finishReason": "STOP"}],'
        + usage
        + vertex_builder.TAIL
        + "\n\n"
    )
    tool = {
        "name": "write_file",
        "description": WRITE_FILE["description"],
        "parameters": {
            "type": "OBJECT",
            "properties": {"path": {"type": "STRING"}, "content": {"type": "STRING"}},
            "required": ["path", "content"],
        },
    }
    return [
        vertex_builder.build(
            "long_tool_arguments",
            "streamFunctionCallArguments: the call named, then its arguments in 24 partialArgs events: $.path in two pieces, then $.content in 21 (newlines among them), each string closed by an empty stringValue without willContinue; functionCall {} and STOP.",
            ["tool_calls", "usage"],
            [vertex_builder.FUNCTIONS, vertex_builder.STREAM_ARGS, vertex_builder.SDK_TYPES],
            TOOL_PROMPT,
            body,
            vertex_builder.expect(
                tool_calls=[
                    {
                        "id": None,
                        "name": "write_file",
                        "arguments": ARGUMENTS,
                        "signature": "CmIBjz1rX1xLb25nQXJnczNxN2tZcDN2Wm4yQ2FsbA==",
                    }
                ],
                stop_reason="tool_calls",
                vendor_stop_reason="STOP",
                usage={"input_tokens": 29, "output_tokens": 41, "total_tokens": 228, "reasoning_tokens": 158},
                complete=True,
            ),
            date="Tue, 07 Apr 2026 17:12:40 GMT",
            tools=[tool],
            stream_args=True,
        )
    ]


GROUPS = {
    "anthropic": (anthropic_cassettes, lf_only),
    "openai-chat": (chat_cassettes, lf_only),
    "openai-responses": (responses_cassettes, lf_only),
    "gemini": (gemini_cassettes, gemini_builder.check_crlf),
    "mistral": (mistral_cassettes, lf_only),
    "ollama": (ollama_cassettes, ollama_builder.check_lines),
    "cohere": (cohere_cassettes, lf_only),
    "gemini-interactions": (interactions_cassettes, lf_only),
    "bedrock-converse": (bedrock_cassettes, bedrock_builder.check_binary),
    "vertex": (vertex_cassettes, vertex_builder.check_crlf),
}


if __name__ == "__main__":
    codes = [main(vendor, make(), doc=__doc__, extra=extra) for vendor, (make, extra) in GROUPS.items()]
    sys.exit(max(codes))
