"""Build the Gemini Interactions API cassettes (`cassettes/gemini-interactions/<scenario>.yaml`).

    python dev/build_cassettes_gemini_interactions.py [--check]

Each body is written literally as `POST /v1beta/interactions` with `"stream": true` sends
it, following the streaming guide's examples: SSE, `event: <event_type>` then a compact
JSON `data:` line with `event_type` last (here followed by the `event_id` resume token each
event may carry), a blank line (LF) after each event, `interaction.completed` with the
final status and usage but no steps, then `event: done` / `data: [DONE]`. The
`legacy_content_events` scenario uses the earlier revision's `interaction.start`,
`content.start|delta|stop` and `interaction.complete`. The request is what python-genai's
`client.interactions.create(..., stream=True)` sends, without the `x-goog-api-key` header.
Ids, event ids, signatures and counts are made up.
"""

# ruff: noqa: E501, RUF001  (bodies are held literally, one event per two lines)

from __future__ import annotations

import json
import sys
from typing import Any

from _cassette_builder import cassette, main, message

from conformance.formats.cassettes import Cassette

VENDOR = "gemini-interactions"
STREAMING = "https://ai.google.dev/gemini-api/docs/interactions/streaming"
REFERENCE = "https://ai.google.dev/api/interactions"
FUNCTIONS = "https://ai.google.dev/gemini-api/docs/interactions/function-calling"
THINKING = "https://ai.google.dev/gemini-api/docs/interactions/thinking"
MIGRATE = "https://ai.google.dev/gemini-api/docs/migrate-to-interactions"
SDK = "https://github.com/googleapis/python-genai/blob/main/google/genai/_gaos/types/interactions/interactionsseevent.py"

AGENT = "google-genai-sdk/3.6.1 gl-python/3.12.7"
MODEL = "gemini-3-flash-preview"

WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "Get the current weather in a given location",
    "parameters": {
        "type": "object",
        "properties": {
            "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"}
        },
        "required": ["location"],
    },
}


def build(
    name: str,
    description: str,
    features: list[str],
    source: list[str],
    prompt: str,
    body: str,
    expected: dict[str, Any],
    *,
    date: str,
    tools: bool = False,
    summaries: bool = False,
) -> Cassette:
    req: dict[str, Any] = {"model": MODEL, "input": prompt, "stream": True}
    if tools:
        req["tools"] = [WEATHER_TOOL]
    if summaries:
        req["generation_config"] = {"thinking_summaries": "auto"}
    request_body = json.dumps(req)
    return cassette(
        vendor=VENDOR,
        name=name,
        description=description,
        features=features,
        source=source,
        uri="https://generativelanguage.googleapis.com/v1beta/interactions",
        request_headers={
            "accept": ["*/*"],
            "accept-encoding": ["gzip, deflate"],
            "connection": ["keep-alive"],
            "content-length": [str(len(request_body.encode()))],
            "content-type": ["application/json"],
            "api-revision": ["2026-05-20"],
            "host": ["generativelanguage.googleapis.com"],
            "user-agent": [AGENT],
            "x-goog-api-client": [AGENT],
        },
        request_body=request_body,
        response_headers={
            "Content-Type": ["text/event-stream"],
            "Vary": ["Origin", "X-Origin", "Referer"],
            "Transfer-Encoding": ["chunked"],
            "Date": [date],
            "Server": ["scaffolding on HTTPServer2"],
            "X-XSS-Protection": ["0"],
            "X-Frame-Options": ["SAMEORIGIN"],
            "X-Content-Type-Options": ["nosniff"],
            "Alt-Svc": ['h3=":443"; ma=2592000,h3-29=":443"; ma=2592000'],
        },
        body=body.encode("utf-8"),
        expected=expected,
    )


def expect(**fields: Any) -> dict[str, Any]:
    return message(VENDOR, **fields)


TEXT = """\
event: interaction.created
data: {"interaction":{"id":"v1_ChdxS2RhYVlXQkxfNmt4TjhQMGJXSmdRaxIX","status":"in_progress","object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.created","event_id":"evt_0RxtZ2Ft"}

event: interaction.status_update
data: {"interaction_id":"v1_ChdxS2RhYVlXQkxfNmt4TjhQMGJXSmdRaxIX","status":"in_progress","event_type":"interaction.status_update","event_id":"evt_1m9QvKc4"}

event: step.start
data: {"index":0,"step":{"type":"thought"},"event_type":"step.start","event_id":"evt_2Pz7Lw0a"}

event: step.delta
data: {"index":0,"delta":{"signature":"EuYBCuMBARFNMg5tVUlvQ2RZcXh2dFdJZ1pL","type":"thought_signature"},"event_type":"step.delta","event_id":"evt_3Hq1Nd8s"}

event: step.stop
data: {"index":0,"event_type":"step.stop","event_id":"evt_4Ak6Ue2x"}

event: step.start
data: {"index":1,"step":{"type":"model_output"},"event_type":"step.start","event_id":"evt_5Cv8Rj3m"}

event: step.delta
data: {"index":1,"delta":{"text":"1, 2, 3, 4, 5, 6, ","type":"text"},"event_type":"step.delta","event_id":"evt_6Ye4Tb9q"}

event: step.delta
data: {"index":1,"delta":{"text":"7, 8, 9, 10.","type":"text"},"event_type":"step.delta","event_id":"evt_7Wn2Gs5f"}

event: step.stop
data: {"index":1,"event_type":"step.stop","event_id":"evt_8Dm5Xp1k"}

event: interaction.completed
data: {"interaction":{"id":"v1_ChdxS2RhYVlXQkxfNmt4TjhQMGJXSmdRaxIX","status":"completed","usage":{"total_tokens":154,"total_input_tokens":11,"input_tokens_by_modality":[{"modality":"text","tokens":11}],"total_cached_tokens":0,"total_output_tokens":30,"total_tool_use_tokens":0,"total_thought_tokens":113},"created":"2026-05-12T18:44:51Z","updated":"2026-05-12T18:44:51Z","service_tier":"standard","object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.completed","event_id":"evt_9Fb3Kc7v"}

event: done
data: [DONE]

"""

FUNCTION_CALL = """\
event: interaction.created
data: {"interaction":{"id":"v1_ChdGUVFJYXBXVUdLVEF4TjhQd2ZpeHFRRRIX","status":"in_progress","object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.created","event_id":"evt_a01"}

event: interaction.status_update
data: {"interaction_id":"v1_ChdGUVFJYXBXVUdLVEF4TjhQd2ZpeHFRRRIX","status":"in_progress","event_type":"interaction.status_update","event_id":"evt_a02"}

event: step.start
data: {"index":0,"step":{"type":"thought"},"event_type":"step.start","event_id":"evt_a03"}

event: step.delta
data: {"index":0,"delta":{"signature":"Cs4BAY89a1+Zt3pJyN0mV6cFq2l8R0dUc3Q=","type":"thought_signature"},"event_type":"step.delta","event_id":"evt_a04"}

event: step.stop
data: {"index":0,"event_type":"step.stop","event_id":"evt_a05"}

event: step.start
data: {"index":1,"step":{"id":"un6k8t18","type":"function_call","name":"get_weather","arguments":{}},"event_type":"step.start","event_id":"evt_a06"}

event: step.delta
data: {"index":1,"delta":{"arguments":"{\\"location\\":","type":"arguments_delta"},"event_type":"step.delta","event_id":"evt_a07"}

event: step.delta
data: {"index":1,"delta":{"arguments":"\\"Paris, France\\"}","type":"arguments_delta"},"event_type":"step.delta","event_id":"evt_a08"}

event: step.stop
data: {"index":1,"event_type":"step.stop","event_id":"evt_a09"}

event: interaction.completed
data: {"interaction":{"id":"v1_ChdGUVFJYXBXVUdLVEF4TjhQd2ZpeHFRRRIX","status":"requires_action","usage":{"total_tokens":251,"total_input_tokens":98,"input_tokens_by_modality":[{"modality":"text","tokens":98}],"total_cached_tokens":0,"total_output_tokens":17,"total_tool_use_tokens":0,"total_thought_tokens":136},"created":"2026-05-12T17:24:26Z","updated":"2026-05-12T17:24:26Z","service_tier":"standard","object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.completed","event_id":"evt_a10"}

event: done
data: [DONE]

"""

FUNCTION_CALLS_PARALLEL = """\
event: interaction.created
data: {"interaction":{"id":"v1_ChdwYXJhbGxlbENhbGxzRXhhbXBsZTAxEhc","status":"in_progress","object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.created","event_id":"evt_b01"}

event: step.start
data: {"index":0,"step":{"id":"k2m9q1xz","type":"function_call","name":"get_weather","arguments":{}},"event_type":"step.start","event_id":"evt_b02"}

event: step.delta
data: {"index":0,"delta":{"arguments":"{\\"location\\":\\"Paris, France\\"}","type":"arguments_delta"},"event_type":"step.delta","event_id":"evt_b03"}

event: step.stop
data: {"index":0,"event_type":"step.stop","event_id":"evt_b04"}

event: step.start
data: {"index":1,"step":{"id":"p7d3w8nc","type":"function_call","name":"get_weather","arguments":{}},"event_type":"step.start","event_id":"evt_b05"}

event: step.delta
data: {"index":1,"delta":{"arguments":"{\\"location\\":\\"Lyon, France\\"}","type":"arguments_delta"},"event_type":"step.delta","event_id":"evt_b06"}

event: step.stop
data: {"index":1,"event_type":"step.stop","event_id":"evt_b07"}

event: interaction.completed
data: {"interaction":{"id":"v1_ChdwYXJhbGxlbENhbGxzRXhhbXBsZTAxEhc","status":"requires_action","usage":{"total_tokens":166,"total_input_tokens":101,"total_output_tokens":34,"total_thought_tokens":31},"object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.completed","event_id":"evt_b08"}

event: done
data: [DONE]

"""

THOUGHTS = """\
event: interaction.created
data: {"interaction":{"id":"v1_ChdHQ0RFeGFtcGxlVGhvdWdodFN1bW1hcnkSFw","status":"in_progress","object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.created","event_id":"evt_c01"}

event: interaction.status_update
data: {"interaction_id":"v1_ChdHQ0RFeGFtcGxlVGhvdWdodFN1bW1hcnkSFw","status":"in_progress","event_type":"interaction.status_update","event_id":"evt_c02"}

event: step.start
data: {"index":0,"step":{"type":"thought"},"event_type":"step.start","event_id":"evt_c03"}

event: step.delta
data: {"index":0,"delta":{"content":{"text":"**Implementing Euclidean Algorithm**\\n\\n1071 = 2 × 462 + 147, ","type":"text"},"type":"thought_summary"},"event_type":"step.delta","event_id":"evt_c04"}

event: step.delta
data: {"index":0,"delta":{"content":{"text":"462 = 3 × 147 + 21, 147 = 7 × 21.","type":"text"},"type":"thought_summary"},"event_type":"step.delta","event_id":"evt_c05"}

event: step.delta
data: {"index":0,"delta":{"signature":"EpYDCpMDAY89a18xWmZQcmxZbFlvM2pRb0hOMg==","type":"thought_signature"},"event_type":"step.delta","event_id":"evt_c06"}

event: step.stop
data: {"index":0,"event_type":"step.stop","event_id":"evt_c07"}

event: step.start
data: {"index":1,"step":{"type":"model_output"},"event_type":"step.start","event_id":"evt_c08"}

event: step.delta
data: {"index":1,"delta":{"text":"The greatest common divisor is **21**.","type":"text"},"event_type":"step.delta","event_id":"evt_c09"}

event: step.stop
data: {"index":1,"event_type":"step.stop","event_id":"evt_c10"}

event: interaction.completed
data: {"interaction":{"id":"v1_ChdHQ0RFeGFtcGxlVGhvdWdodFN1bW1hcnkSFw","status":"completed","usage":{"total_tokens":402,"total_input_tokens":19,"total_cached_tokens":0,"total_output_tokens":12,"total_tool_use_tokens":0,"total_thought_tokens":371},"object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.completed","event_id":"evt_c11"}

event: done
data: [DONE]

"""

ERROR = """\
event: interaction.created
data: {"interaction":{"id":"v1_ChdEZWFkbGluZUV4cGlyZWRFeGFtcGxlMRIX","status":"in_progress","object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.created","event_id":"evt_d01"}

event: interaction.status_update
data: {"interaction_id":"v1_ChdEZWFkbGluZUV4cGlyZWRFeGFtcGxlMRIX","status":"in_progress","event_type":"interaction.status_update","event_id":"evt_d02"}

event: step.start
data: {"index":0,"step":{"type":"model_output"},"event_type":"step.start","event_id":"evt_d03"}

event: step.delta
data: {"index":0,"delta":{"text":"The history of","type":"text"},"event_type":"step.delta","event_id":"evt_d04"}

event: error
data: {"error":{"message":"Deadline expired before operation could complete.","code":"gateway_timeout"},"event_type":"error"}

"""

INCOMPLETE = """\
event: interaction.created
data: {"interaction":{"id":"v1_ChdJbmNvbXBsZXRlTWF4VG9rZW5zRXgxEhc","status":"in_progress","object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.created","event_id":"evt_e01"}

event: step.start
data: {"index":0,"step":{"type":"model_output"},"event_type":"step.start","event_id":"evt_e02"}

event: step.delta
data: {"index":0,"delta":{"text":"Once upon a time, in a","type":"text"},"event_type":"step.delta","event_id":"evt_e03"}

event: step.stop
data: {"index":0,"event_type":"step.stop","event_id":"evt_e04"}

event: interaction.completed
data: {"interaction":{"id":"v1_ChdJbmNvbXBsZXRlTWF4VG9rZW5zRXgxEhc","status":"incomplete","usage":{"total_tokens":24,"total_input_tokens":8,"total_output_tokens":16},"object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.completed","event_id":"evt_e05"}

event: done
data: [DONE]

"""

NON_ASCII = """\
event: interaction.created
data: {"interaction":{"id":"v1_ChdOb25Bc2NpaUV4YW1wbGVJbnRlcmFjdBIX","status":"in_progress","object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.created","event_id":"evt_f01"}

event: step.start
data: {"index":0,"step":{"type":"model_output"},"event_type":"step.start","event_id":"evt_f02"}

event: step.delta
data: {"index":0,"delta":{"text":"Привет, мир! ","type":"text"},"event_type":"step.delta","event_id":"evt_f03"}

event: step.delta
data: {"index":0,"delta":{"text":"你好，世界！🌍 \\u00a0«ok»","type":"text"},"event_type":"step.delta","event_id":"evt_f04"}

event: step.stop
data: {"index":0,"event_type":"step.stop","event_id":"evt_f05"}

event: interaction.completed
data: {"interaction":{"id":"v1_ChdOb25Bc2NpaUV4YW1wbGVJbnRlcmFjdBIX","status":"completed","usage":{"total_tokens":29,"total_input_tokens":12,"total_output_tokens":17},"object":"interaction","model":"gemini-3-flash-preview"},"event_type":"interaction.completed","event_id":"evt_f06"}

event: done
data: [DONE]

"""

LEGACY = """\
event: interaction.start
data: {"event_type": "interaction.start", "interaction": {"id": "v1_ChdTMjQ0YWJ5TUF1TzcxZThQdjRpcnFRcxIXUzI0NGFieU1BdU83MWU4UHY0aXJxUXM", "model": "gemini-3-flash-preview", "object": "interaction", "status": "in_progress"}}

event: interaction.status_update
data: {"event_type": "interaction.status_update", "interaction_id": "v1_ChdTMjQ0YWJ5TUF1TzcxZThQdjRpcnFRcxIXUzI0NGFieU1BdU83MWU4UHY0aXJxUXM", "status": "in_progress"}

event: content.start
data: {"event_type": "content.start", "content": {"type": "thought"}, "index": 0}

event: content.delta
data: {"event_type": "content.delta", "delta": {"type": "thought_summary", "content": {"type": "text", "text": "Need Paris weather."}}, "index": 0}

event: content.stop
data: {"event_type": "content.stop", "index": 0}

event: content.start
data: {"event_type": "content.start", "content": {"type": "text"}, "index": 1}

event: content.delta
data: {"event_type": "content.delta", "delta": {"type": "text", "text": "Let me check."}, "index": 1}

event: content.stop
data: {"event_type": "content.stop", "index": 1}

event: content.start
data: {"event_type": "content.start", "content": {"type": "function_call"}, "index": 2}

event: content.delta
data: {"event_type": "content.delta", "delta": {"type": "function_call", "id": "gth23981", "name": "get_weather", "arguments": {"location": "Paris, France"}}, "index": 2}

event: content.stop
data: {"event_type": "content.stop", "index": 2}

event: interaction.complete
data: {"event_type": "interaction.complete", "interaction": {"created": "2025-12-09T18:45:40Z", "id": "v1_ChdTMjQ0YWJ5TUF1TzcxZThQdjRpcnFRcxIXUzI0NGFieU1BdU83MWU4UHY0aXJxUXM", "model": "gemini-3-flash-preview", "object": "interaction", "outputs": [{"summary": [{"text": "Need Paris weather.", "type": "text"}], "type": "thought"}, {"text": "Let me check.", "type": "text"}, {"arguments": {"location": "Paris, France"}, "id": "gth23981", "name": "get_weather", "type": "function_call"}], "role": "model", "status": "requires_action", "updated": "2025-12-09T18:45:40Z", "usage": {"input_tokens_by_modality": [{"modality": "text", "tokens": 52}], "total_cached_tokens": 0, "total_input_tokens": 52, "total_output_tokens": 21, "total_reasoning_tokens": 64, "total_tokens": 137, "total_tool_use_tokens": 0}}}

"""

TRUNCATED = FUNCTION_CALL[
    : FUNCTION_CALL.index('event: step.delta\ndata: {"index":1,"delta":{"arguments":"\\"Paris') + 40
]

CALL = {"id": "un6k8t18", "name": "get_weather"}

CASSETTES = [
    build(
        "text",
        "The streaming guide's flow: interaction.created, status_update, a thought step holding only a signature, a model_output step in two text deltas, interaction.completed (usage, no steps), done; an event_id on every event.",
        ["text", "usage"],
        [STREAMING, REFERENCE, SDK],
        "Count from 1 to 10.",
        TEXT,
        expect(
            signatures=[{"kind": "thought_signature", "value": "EuYBCuMBARFNMg5tVUlvQ2RZcXh2dFdJZ1pL"}],
            text="1, 2, 3, 4, 5, 6, 7, 8, 9, 10.",
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage={
                "input_tokens": 11,
                "output_tokens": 30,
                "total_tokens": 154,
                "reasoning_tokens": 113,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
        date="Tue, 12 May 2026 18:44:51 GMT",
    ),
    build(
        "function_call",
        "A function_call step (id, name, arguments {}) whose arguments stream as two arguments_delta JSON-text pieces; status requires_action.",
        ["tool_calls", "usage"],
        [STREAMING, FUNCTIONS, REFERENCE],
        "What is the weather in Paris right now?",
        FUNCTION_CALL,
        expect(
            signatures=[{"kind": "thought_signature", "value": "Cs4BAY89a1+Zt3pJyN0mV6cFq2l8R0dUc3Q="}],
            tool_calls=[{**CALL, "arguments": {"location": "Paris, France"}}],
            stop_reason="tool_calls",
            vendor_stop_reason="requires_action",
            usage={
                "input_tokens": 98,
                "output_tokens": 17,
                "total_tokens": 251,
                "reasoning_tokens": 136,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
        date="Tue, 12 May 2026 17:24:26 GMT",
        tools=True,
    ),
    build(
        "function_calls_parallel",
        "Two function_call steps, one after the other, each with its arguments in one arguments_delta.",
        ["tool_calls", "parallel_tool_calls", "usage"],
        [STREAMING, FUNCTIONS],
        "Weather in Paris and Lyon?",
        FUNCTION_CALLS_PARALLEL,
        expect(
            tool_calls=[
                {"id": "k2m9q1xz", "name": "get_weather", "arguments": {"location": "Paris, France"}},
                {"id": "p7d3w8nc", "name": "get_weather", "arguments": {"location": "Lyon, France"}},
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="requires_action",
            usage={"input_tokens": 101, "output_tokens": 34, "total_tokens": 166, "reasoning_tokens": 31},
            complete=True,
        ),
        date="Tue, 12 May 2026 17:30:02 GMT",
        tools=True,
    ),
    build(
        "thinking",
        "thinking_summaries auto: a thought step with two thought_summary deltas and a signature as its last delta, then the answer.",
        ["reasoning", "text", "usage", "non_ascii"],
        [STREAMING, THINKING],
        "What is the greatest common divisor of 1071 and 462?",
        THOUGHTS,
        expect(
            signatures=[{"kind": "thought_signature", "value": "EpYDCpMDAY89a18xWmZQcmxZbFlvM2pRb0hOMg=="}],
            text="The greatest common divisor is **21**.",
            reasoning="**Implementing Euclidean Algorithm**\n\n1071 = 2 × 462 + 147, 462 = 3 × 147 + 21, 147 = 7 × 21.",
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage={
                "input_tokens": 19,
                "output_tokens": 12,
                "total_tokens": 402,
                "reasoning_tokens": 371,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
        date="Tue, 12 May 2026 18:50:10 GMT",
        summaries=True,
    ),
    build(
        "error",
        "Text, then the documented error event (code gateway_timeout); no interaction.completed.",
        ["text", "error"],
        [STREAMING, REFERENCE],
        "Write a history of Rome.",
        ERROR,
        expect(
            text="The history of",
            stop_reason="error",
            error={"type": "gateway_timeout", "message": "Deadline expired before operation could complete."},
        ),
        date="Tue, 12 May 2026 19:00:00 GMT",
    ),
    build(
        "incomplete",
        "The output token limit hit: interaction.completed with status incomplete.",
        ["text", "usage"],
        [STREAMING, REFERENCE],
        "Tell me a long story.",
        INCOMPLETE,
        expect(
            text="Once upon a time, in a",
            stop_reason="length",
            vendor_stop_reason="incomplete",
            usage={"input_tokens": 8, "output_tokens": 16, "total_tokens": 24},
            complete=True,
        ),
        date="Tue, 12 May 2026 19:05:00 GMT",
    ),
    build(
        "non_ascii",
        "Cyrillic, Chinese (with a full-width comma), an emoji and guillemets as raw UTF-8, an escaped no-break space.",
        ["text", "non_ascii", "usage"],
        [STREAMING],
        "Say hello world in Russian and Chinese.",
        NON_ASCII,
        expect(
            text="Привет, мир! 你好，世界！🌍 \u00a0«ok»",
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage={"input_tokens": 12, "output_tokens": 17, "total_tokens": 29},
            complete=True,
        ),
        date="Tue, 12 May 2026 19:10:00 GMT",
    ),
    build(
        "legacy_content_events",
        "The earlier API revision the migration guide still shows: interaction.start, content.start|delta|stop (a thought summary, text, a whole function_call delta with arguments as an object), interaction.complete with outputs (not read) and total_reasoning_tokens; JSON with spaces, no event_id, no done.",
        ["reasoning", "text", "tool_calls", "usage"],
        [MIGRATE, "https://ai.google.dev/gemini-api/docs/interactions"],
        "What is the weather in Paris?",
        LEGACY,
        expect(
            text="Let me check.",
            reasoning="Need Paris weather.",
            tool_calls=[
                {"id": "gth23981", "name": "get_weather", "arguments": {"location": "Paris, France"}}
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="requires_action",
            usage={
                "input_tokens": 52,
                "output_tokens": 21,
                "total_tokens": 137,
                "reasoning_tokens": 64,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
        date="Tue, 09 Dec 2025 18:45:40 GMT",
        tools=True,
    ),
    build(
        "truncated",
        "The function_call stream cut inside the second arguments_delta event: no step.stop, no interaction.completed; arguments so far as partial JSON.",
        ["tool_calls", "truncated"],
        [STREAMING],
        "What is the weather in Paris right now?",
        TRUNCATED,
        expect(
            signatures=[{"kind": "thought_signature", "value": "Cs4BAY89a1+Zt3pJyN0mV6cFq2l8R0dUc3Q="}],
            tool_calls=[{**CALL, "arguments": {}, "arguments_json": '{"location":'}],
        ),
        date="Tue, 12 May 2026 17:24:26 GMT",
        tools=True,
    ),
]

if __name__ == "__main__":
    sys.exit(main(VENDOR, CASSETTES, doc=__doc__))
