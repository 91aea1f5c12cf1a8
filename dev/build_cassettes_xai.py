"""Build the bundled `xai` cassettes (cassettes/xai/<scenario>.yaml).

    python dev/build_cassettes_xai.py [--check]

xAI's Chat Completions stream (Grok) is OpenAI's chunk shape with a few habits of its own:
chunks carry no `finish_reason` key at all until the last one; `system_fingerprint` comes
after `choices`; reasoning models stream `delta.reasoning_content`; a tool call (or several)
arrives whole in a single delta; the include_usage chunk's usage adds `num_sources_used`
and counts reasoning tokens in `total_tokens` but not in `completion_tokens`; an HTTP error
body is `{"code": "<status text>", "error": "<message>"}` (a string, not OpenAI's object).
Each body is held literally; the request (no `authorization` header), response headers,
sources, features and the hand-written expected `Message` sit beside it. Checks before
writing: see dev/_cassette_builder.py.
"""

# ruff: noqa: E501, RUF001  (bodies are kept as the vendor sends them: one long line per event)

from __future__ import annotations

import sys
from typing import Any

from _cassette_builder import Scenario, lf_only, main, scenario_cassettes
from _cassette_builder import message as _message

VENDOR = "xai"
URI = "https://api.x.ai/v1/chat/completions"

STREAMING = "https://docs.x.ai/docs/guides/streaming-response"
REASONING = "https://docs.x.ai/docs/guides/reasoning"
FUNCTION_CALLING = "https://docs.x.ai/docs/guides/function-calling"
REFERENCE = "https://docs.x.ai/docs/api-reference#chat-completions"
DEBUGGING = "https://docs.x.ai/docs/key-information/debugging"


def message(**fields: Any) -> dict[str, Any]:
    return _message(VENDOR, **fields)


def request_headers(body: str) -> dict[str, list[str]]:
    """What openai-python sends to xAI, minus `authorization` (never recorded)."""
    return {
        "accept": ["application/json"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(len(body.encode("utf-8")))],
        "content-type": ["application/json"],
        "host": ["api.x.ai"],
        "user-agent": ["OpenAI/Python 2.14.0"],
        "x-stainless-lang": ["python"],
        "x-stainless-package-version": ["2.14.0"],
        "x-stainless-retry-count": ["0"],
    }


def response_headers(date: str, *, status: int = 200) -> dict[str, list[str]]:
    """xAI's response headers (no cookies)."""
    return {
        "Date": [date],
        "Content-Type": ["text/event-stream" if status == 200 else "application/json"],
        "Transfer-Encoding": ["chunked"],
        "Connection": ["keep-alive"],
        "vary": ["origin, access-control-request-method, access-control-request-headers"],
        "access-control-allow-origin": ["*"],
        "access-control-expose-headers": ["*"],
        "cf-cache-status": ["DYNAMIC"],
        "Server": ["cloudflare"],
        "alt-svc": ['h3=":443"; ma=86400'],
    }


WEATHER_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather for a location.",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["location", "unit"],
        },
    },
}


TEXT = r"""data: {"id":"8d3f1b7a-6c2e-4d9f-b5a1-3e7c9f2d6b4a","object":"chat.completion.chunk","created":1770005001,"model":"grok-3","choices":[{"index":0,"delta":{"content":"Grok","role":"assistant"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"8d3f1b7a-6c2e-4d9f-b5a1-3e7c9f2d6b4a","object":"chat.completion.chunk","created":1770005001,"model":"grok-3","choices":[{"index":0,"delta":{"content":" is"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"8d3f1b7a-6c2e-4d9f-b5a1-3e7c9f2d6b4a","object":"chat.completion.chunk","created":1770005001,"model":"grok-3","choices":[{"index":0,"delta":{"content":" built"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"8d3f1b7a-6c2e-4d9f-b5a1-3e7c9f2d6b4a","object":"chat.completion.chunk","created":1770005001,"model":"grok-3","choices":[{"index":0,"delta":{"content":" by"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"8d3f1b7a-6c2e-4d9f-b5a1-3e7c9f2d6b4a","object":"chat.completion.chunk","created":1770005001,"model":"grok-3","choices":[{"index":0,"delta":{"content":" xAI"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"8d3f1b7a-6c2e-4d9f-b5a1-3e7c9f2d6b4a","object":"chat.completion.chunk","created":1770005001,"model":"grok-3","choices":[{"index":0,"delta":{"content":"."}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"8d3f1b7a-6c2e-4d9f-b5a1-3e7c9f2d6b4a","object":"chat.completion.chunk","created":1770005001,"model":"grok-3","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"8d3f1b7a-6c2e-4d9f-b5a1-3e7c9f2d6b4a","object":"chat.completion.chunk","created":1770005001,"model":"grok-3","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":6,"total_tokens":17,"prompt_tokens_details":{"text_tokens":11,"audio_tokens":0,"image_tokens":0,"cached_tokens":3},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0},"num_sources_used":0},"system_fingerprint":"fp_9362061f30"}

data: [DONE]

"""

REASONING_BODY = r"""data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":"The","role":"assistant"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" user"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" wants"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" 15%"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" of"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" 80"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":"."}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" 0.15"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" ×"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" 80"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" ="}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":" 12"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"reasoning_content":"."}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"content":"15%"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"content":" of"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"content":" 80"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"content":" is"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"content":" **12**"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{"content":"."}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"2f5b3d9c-8e4a-4f1b-d7c3-5a9e1b4f8d6c","object":"chat.completion.chunk","created":1770005066,"model":"grok-3-mini","choices":[],"usage":{"prompt_tokens":17,"completion_tokens":7,"total_tokens":142,"prompt_tokens_details":{"text_tokens":17,"audio_tokens":0,"image_tokens":0,"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":118,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0},"num_sources_used":0},"system_fingerprint":"fp_9362061f30"}

data: [DONE]

"""

TOOL_CALLS_PARALLEL = r"""data: {"id":"4b7d5f1e-0a6c-4b3d-f9e5-7c1a3d6b0f8e","object":"chat.completion.chunk","created":1770005129,"model":"grok-4-fast-reasoning","choices":[{"index":0,"delta":{"role":"assistant"}}],"system_fingerprint":"fp_3d7ed3b779"}

data: {"id":"4b7d5f1e-0a6c-4b3d-f9e5-7c1a3d6b0f8e","object":"chat.completion.chunk","created":1770005129,"model":"grok-4-fast-reasoning","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_51851897","function":{"name":"get_weather","arguments":"{\"location\":\"Florence, Italy\",\"unit\":\"celsius\"}"},"index":0,"type":"function"},{"id":"call_51851898","function":{"name":"get_weather","arguments":"{\"location\":\"Rome, Italy\",\"unit\":\"celsius\"}"},"index":1,"type":"function"}]}}],"system_fingerprint":"fp_3d7ed3b779"}

data: {"id":"4b7d5f1e-0a6c-4b3d-f9e5-7c1a3d6b0f8e","object":"chat.completion.chunk","created":1770005129,"model":"grok-4-fast-reasoning","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"system_fingerprint":"fp_3d7ed3b779"}

data: {"id":"4b7d5f1e-0a6c-4b3d-f9e5-7c1a3d6b0f8e","object":"chat.completion.chunk","created":1770005129,"model":"grok-4-fast-reasoning","choices":[],"usage":{"prompt_tokens":361,"completion_tokens":58,"total_tokens":652,"prompt_tokens_details":{"text_tokens":361,"audio_tokens":0,"image_tokens":0,"cached_tokens":152},"completion_tokens_details":{"reasoning_tokens":233,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0},"num_sources_used":0},"system_fingerprint":"fp_3d7ed3b779"}

data: [DONE]

"""

TRUNCATED = r"""data: {"id":"6d9f7b3a-2c8e-4d5f-b1a7-9e3c5f8d2b0a","object":"chat.completion.chunk","created":1770005190,"model":"grok-3","choices":[{"index":0,"delta":{"content":"Saturn","role":"assistant"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"6d9f7b3a-2c8e-4d5f-b1a7-9e3c5f8d2b0a","object":"chat.completion.chunk","created":1770005190,"model":"grok-3","choices":[{"index":0,"delta":{"content":"'s"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"6d9f7b3a-2c8e-4d5f-b1a7-9e3c5f8d2b0a","object":"chat.completion.chunk","created":1770005190,"model":"grok-3","choices":[{"index":0,"delta":{"content":" rings"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"6d9f7b3a-2c8e-4d5f-b1a7-9e3c5f8d2b0a","object":"chat.completion.chunk","created":1770005190,"model":"grok-3","choices":[{"index":0,"delta":{"content":" are"}}],"system_fingerprint":"fp_9362061f30"}

data: {"id":"6d9f7b3a-2c8e-4d5f-b1a7-9e3c5f8d2b0a","object":"chat.completion.chunk","created":1770005190,"model":"grok-3","choices":[{"index":0,"delta":{"content":" mos"""

RATE_LIMITED = '{"code":"Some resource has been exhausted","error":"Your team has either used all available credits or reached its monthly spending limit. To continue making API requests, please purchase more credits or raise your spending limit."}'


def req(model: str, prompt: str, **extra: Any) -> dict[str, Any]:
    return {
        "messages": [{"role": "user", "content": prompt}],
        "model": model,
        "stream": True,
        "stream_options": {"include_usage": True},
        **extra,
    }


SCENARIOS = [
    Scenario(
        name="text",
        description="Six text chunks whose choices have no finish_reason key (the first delta carries content and role together), a chunk with finish_reason stop, then the usage chunk (choices: [], num_sources_used, prompt_tokens_details.text_tokens and cached_tokens), data: [DONE].",
        features=["text", "usage"],
        source=[STREAMING, REFERENCE],
        request=req("grok-3", "Who builds Grok?"),
        headers=response_headers("Mon, 02 Feb 2026 05:03:21 GMT"),
        body=TEXT,
        expected=message(
            text="Grok is built by xAI.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={
                "input_tokens": 11,
                "output_tokens": 6,
                "total_tokens": 17,
                "reasoning_tokens": 0,
                "cache_read_tokens": 3,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="reasoning",
        description="grok-3-mini: delta.reasoning_content first (the first delta with the role), then delta.content; the usage chunk counts 118 reasoning tokens in total_tokens (17 + 7 + 118) but not in completion_tokens.",
        features=["reasoning", "text", "usage"],
        source=[REASONING, STREAMING],
        request=req("grok-3-mini", "What is 15% of 80?", reasoning_effort="low"),
        headers=response_headers("Mon, 02 Feb 2026 05:04:26 GMT"),
        body=REASONING_BODY,
        expected=message(
            text="15% of 80 is **12**.",
            reasoning="The user wants 15% of 80. 0.15 × 80 = 12.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={
                "input_tokens": 17,
                "output_tokens": 7,
                "total_tokens": 142,
                "reasoning_tokens": 118,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="tool_calls_parallel",
        description="A role-only chunk, then two tool calls whole in a single delta (ids, names and complete arguments, index 0 and 1), finish_reason tool_calls, the usage chunk.",
        features=["tool_calls", "parallel_tool_calls", "usage"],
        source=[FUNCTION_CALLING, STREAMING],
        request=req("grok-4-fast", "Weather in Florence and in Rome?", tools=[WEATHER_TOOL]),
        headers=response_headers("Mon, 02 Feb 2026 05:05:29 GMT"),
        body=TOOL_CALLS_PARALLEL,
        expected=message(
            tool_calls=[
                {
                    "id": "call_51851897",
                    "name": "get_weather",
                    "arguments": {"location": "Florence, Italy", "unit": "celsius"},
                },
                {
                    "id": "call_51851898",
                    "name": "get_weather",
                    "arguments": {"location": "Rome, Italy", "unit": "celsius"},
                },
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage={
                "input_tokens": 361,
                "output_tokens": 58,
                "total_tokens": 652,
                "reasoning_tokens": 233,
                "cache_read_tokens": 152,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="rate_limited",
        description="HTTP 429 before any stream: xAI's error body is {code: <status text>, error: <message as a string>}, not OpenAI's error object.",
        features=["error"],
        source=[DEBUGGING, REFERENCE],
        request=req("grok-3", "Hello"),
        headers=response_headers("Mon, 02 Feb 2026 05:06:30 GMT", status=429),
        body=RATE_LIMITED,
        status=429,
        expected=message(
            stop_reason="error",
            error={
                "type": "Some resource has been exhausted",
                "message": "Your team has either used all available credits or reached its monthly spending limit. To continue making API requests, please purchase more credits or raise your spending limit.",
            },
        ),
    ),
    Scenario(
        name="truncated",
        description="Four chunks, then the connection drops inside a chunk's JSON string, before finish_reason, the usage chunk and data: [DONE]. The unfinished event is dropped; complete is false.",
        features=["text", "truncated"],
        source=[STREAMING],
        request=req("grok-3", "What are Saturn's rings made of?"),
        headers=response_headers("Mon, 02 Feb 2026 05:07:35 GMT"),
        body=TRUNCATED,
        expected=message(text="Saturn's rings are", complete=False),
    ),
]


if __name__ == "__main__":
    sys.exit(
        main(VENDOR, scenario_cassettes(VENDOR, URI, SCENARIOS, request_headers), doc=__doc__, extra=lf_only)
    )
