"""Build the bundled `mistral` cassettes (cassettes/mistral/<scenario>.yaml).

    python dev/build_cassettes_mistral.py [--check]

Mistral's chat stream uses OpenAI's chunk shape (`data:` lines, `data: [DONE]`) with its
own ways: no `logprobs` key, the usage on the chunk that carries `finish_reason` (no
`stream_options` needed), tool calls delivered whole in one delta in that same chunk,
and for reasoning models (Magistral) `delta.content` as a list of content chunks —
`{"type": "thinking", "thinking": [{"type": "text", ...}]}` while it thinks, then
`{"type": "text", ...}`. An HTTP error body is `{"object": "error", "message", "type",
"param", "code"}`. Each body is held literally; the request (no `authorization` header),
response headers, sources, features and the hand-written expected `Message` sit beside
it. Checks before writing: see dev/_cassette_builder.py.
"""

# ruff: noqa: E501, RUF001  (bodies are kept as the vendor sends them: one long line per event)

from __future__ import annotations

import sys
from typing import Any

from _cassette_builder import Scenario, lf_only, main, scenario_cassettes
from _cassette_builder import message as _message

VENDOR = "mistral"
URI = "https://api.mistral.ai/v1/chat/completions"

REFERENCE = "https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post"
REASONING = "https://docs.mistral.ai/capabilities/reasoning/"
FUNCTION_CALLING = "https://docs.mistral.ai/capabilities/function_calling/"
SDK_MODELS = "https://github.com/mistralai/client-python/tree/main/src/mistralai/models"
RATE_LIMITS = "https://docs.mistral.ai/deployment/laplateforme/tier/"


def message(**fields: Any) -> dict[str, Any]:
    return _message(VENDOR, **fields)


def request_headers(body: str) -> dict[str, list[str]]:
    """What the mistralai Python SDK sends, minus `authorization` (never recorded)."""
    return {
        "accept": ["text/event-stream"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(len(body.encode("utf-8")))],
        "content-type": ["application/json"],
        "host": ["api.mistral.ai"],
        "user-agent": ["mistral-client-python/1.9.11"],
    }


def response_headers(date: str, request_id: str, *, status: int = 200) -> dict[str, list[str]]:
    """Mistral's response headers (no cookies)."""
    return {
        "Date": [date],
        "Content-Type": [
            "text/event-stream; charset=utf-8" if status == 200 else "application/json; charset=utf-8"
        ],
        "Transfer-Encoding": ["chunked"],
        "Connection": ["keep-alive"],
        "mistral-correlation-id": [request_id],
        "x-kong-request-id": [request_id],
        "x-ratelimit-limit-tokens-minute": ["500000"],
        "x-ratelimit-remaining-tokens-minute": ["0" if status == 429 else "499812"],
        "x-envoy-upstream-service-time": ["88"],
        "access-control-allow-origin": ["*"],
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


TEXT = r"""data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":"Le"},"finish_reason":null}]}

data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" Mistral"},"finish_reason":null}]}

data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" est"},"finish_reason":null}]}

data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" un"},"finish_reason":null}]}

data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" vent"},"finish_reason":null}]}

data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" du"},"finish_reason":null}]}

data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" nord"},"finish_reason":null}]}

data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":"."},"finish_reason":null}]}

data: {"id":"5e9c2a7f1b4d4e8a9c0f3b6d8e1a4c7f","object":"chat.completion.chunk","created":1770007001,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"total_tokens":21,"completion_tokens":9}}

data: [DONE]

"""

REASONING_BODY = r"""data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":""},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"Okay"}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":", the"}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":" user"}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":" wants"}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":" 3⁴"}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"."}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":" 3 × 3 = 9"}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":", × 3 = 27"}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":", × 3 = 81"}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"."}]}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"text","text":"3"}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"text","text":"⁴"}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"text","text":" ="}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"text","text":" **"}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"text","text":"81"}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"text","text":"**"}]},"finish_reason":null}]}

data: {"id":"7a1e4c9b3d6f4a0c1e5d8f2b4a7c9e3d","object":"chat.completion.chunk","created":1770007066,"model":"magistral-medium-latest","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"total_tokens":50,"completion_tokens":41}}

data: [DONE]

"""

TOOL_CALL = r"""data: {"id":"9c3a6e1d5f8b4c2e3a7f0d4b6c9e1a5f","object":"chat.completion.chunk","created":1770007129,"model":"mistral-large-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"9c3a6e1d5f8b4c2e3a7f0d4b6c9e1a5f","object":"chat.completion.chunk","created":1770007129,"model":"mistral-large-latest","choices":[{"index":0,"delta":{"tool_calls":[{"id":"Fq3kR8tWz","function":{"name":"get_weather","arguments":"{\"location\": \"Lyon, France\", \"unit\": \"celsius\"}"},"index":0}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":118,"total_tokens":145,"completion_tokens":27}}

data: [DONE]

"""

# As Mistral streamed tool calls in 2024: no `index` on the call, `content: null` beside it,
# `logprobs: null` on every choice (the SDK's `ToolCall.index` defaults to 0).
TOOL_CALL_WITHOUT_INDEX = r"""data: {"id":"4b8e2d6a0c9f4e1b8a3d5c7e9f1b3d5a","object":"chat.completion.chunk","created":1724786761,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"logprobs":null}]}

data: {"id":"4b8e2d6a0c9f4e1b8a3d5c7e9f1b3d5a","object":"chat.completion.chunk","created":1724786761,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":null,"tool_calls":[{"id":"Hk2Pq7VwX","function":{"name":"get_weather","arguments":"{\"location\": \"Marseille, France\", \"unit\": \"celsius\"}"}}]},"finish_reason":"tool_calls","logprobs":null}],"usage":{"prompt_tokens":101,"total_tokens":128,"completion_tokens":27}}

data: [DONE]

"""

TOOL_CALLS_PARALLEL = r"""data: {"id":"1e5c8a3f7b0d4e4a5c9b2f6d8e3c7a1b","object":"chat.completion.chunk","created":1770007190,"model":"mistral-medium-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"1e5c8a3f7b0d4e4a5c9b2f6d8e3c7a1b","object":"chat.completion.chunk","created":1770007190,"model":"mistral-medium-latest","choices":[{"index":0,"delta":{"tool_calls":[{"id":"Yb7mN2qXc","function":{"name":"get_weather","arguments":"{\"location\": \"Nice, France\", \"unit\": \"celsius\"}"},"index":0},{"id":"Kd4vL9pTs","function":{"name":"get_weather","arguments":"{\"location\": \"Geneva, Switzerland\", \"unit\": \"celsius\"}"},"index":1}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":124,"total_tokens":180,"completion_tokens":56}}

data: [DONE]

"""

TRUNCATED = r"""data: {"id":"3a7e0c5b9d2f4a6c7e1b4d8f0a5e9c3d","object":"chat.completion.chunk","created":1770007255,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"3a7e0c5b9d2f4a6c7e1b4d8f0a5e9c3d","object":"chat.completion.chunk","created":1770007255,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":"Les"},"finish_reason":null}]}

data: {"id":"3a7e0c5b9d2f4a6c7e1b4d8f0a5e9c3d","object":"chat.completion.chunk","created":1770007255,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" crêpes"},"finish_reason":null}]}

data: {"id":"3a7e0c5b9d2f4a6c7e1b4d8f0a5e9c3d","object":"chat.completion.chunk","created":1770007255,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" se"},"finish_reason":null}]}

data: {"id":"3a7e0c5b9d2f4a6c7e1b4d8f0a5e9c3d","object":"chat.completion.chunk","created":1770007255,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" mang"""

RATE_LIMITED = '{"object":"error","message":"Requests rate limit exceeded","type":"rate_limited","param":null,"code":"1300"}'


REFERENCES = r'''data: {"id":"9b2d4f6a8c0e4b1d3f5a7c9e1b3d5f7a","object":"chat.completion.chunk","created":1770007240,"model":"mistral-medium-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"9b2d4f6a8c0e4b1d3f5a7c9e1b3d5f7a","object":"chat.completion.chunk","created":1770007240,"model":"mistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"text","text":"The Eiffel Tower is 330 m tall"}]},"finish_reason":null}]}

data: {"id":"9b2d4f6a8c0e4b1d3f5a7c9e1b3d5f7a","object":"chat.completion.chunk","created":1770007240,"model":"mistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"reference","reference_ids":[0]}]},"finish_reason":null}]}

data: {"id":"9b2d4f6a8c0e4b1d3f5a7c9e1b3d5f7a","object":"chat.completion.chunk","created":1770007240,"model":"mistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"text","text":" and was completed in 1889"}]},"finish_reason":null}]}

data: {"id":"9b2d4f6a8c0e4b1d3f5a7c9e1b3d5f7a","object":"chat.completion.chunk","created":1770007240,"model":"mistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"reference","reference_ids":[0,2]}]},"finish_reason":null}]}

data: {"id":"9b2d4f6a8c0e4b1d3f5a7c9e1b3d5f7a","object":"chat.completion.chunk","created":1770007240,"model":"mistral-medium-latest","choices":[{"index":0,"delta":{"content":[{"type":"text","text":"."}]},"finish_reason":null}]}

data: {"id":"9b2d4f6a8c0e4b1d3f5a7c9e1b3d5f7a","object":"chat.completion.chunk","created":1770007240,"model":"mistral-medium-latest","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":1523,"total_tokens":1549,"completion_tokens":26}}

data: [DONE]

'''

FINISH_ERROR = r'''data: {"id":"3c5e7a9b1d4f4c6e8a0b2d4f6a8c0e2b","object":"chat.completion.chunk","created":1770007301,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"3c5e7a9b1d4f4c6e8a0b2d4f6a8c0e2b","object":"chat.completion.chunk","created":1770007301,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":"La"},"finish_reason":null}]}

data: {"id":"3c5e7a9b1d4f4c6e8a0b2d4f6a8c0e2b","object":"chat.completion.chunk","created":1770007301,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" tour"},"finish_reason":null}]}

data: {"id":"3c5e7a9b1d4f4c6e8a0b2d4f6a8c0e2b","object":"chat.completion.chunk","created":1770007301,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":" Eiffel"},"finish_reason":null}]}

data: {"id":"3c5e7a9b1d4f4c6e8a0b2d4f6a8c0e2b","object":"chat.completion.chunk","created":1770007301,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}],"usage":{"prompt_tokens":14,"total_tokens":17,"completion_tokens":3}}

data: [DONE]

'''


def req(model: str, prompt: str, **extra: Any) -> dict[str, Any]:
    return {"model": model, "messages": [{"role": "user", "content": prompt}], "stream": True, **extra}


SCENARIOS = [
    Scenario(
        name="text",
        description='A role chunk with content "", eight text chunks (no logprobs key anywhere), then finish_reason stop with the usage in the same chunk, data: [DONE].',
        features=["text", "usage"],
        source=[REFERENCE, SDK_MODELS],
        request=req("mistral-small-latest", "Qu'est-ce que le mistral ?"),
        headers=response_headers("Mon, 02 Feb 2026 06:03:21 GMT", "019c1f2a3b4c7d8e9fa0b1c2d3e4f5a6"),
        body=TEXT,
        expected=message(
            text="Le Mistral est un vent du nord.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={"input_tokens": 12, "output_tokens": 9, "total_tokens": 21},
            complete=True,
        ),
    ),
    Scenario(
        name="reasoning",
        description='Magistral: after two chunks with content "", delta.content becomes a list: thinking chunks (each a list of text chunks) carry the reasoning, then text chunks the answer; finish_reason stop with the usage.',
        features=["reasoning", "text", "usage", "non_ascii"],
        source=[REASONING, REFERENCE, SDK_MODELS],
        request=req("magistral-medium-latest", "What is 3 to the 4th power?", prompt_mode="reasoning"),
        headers=response_headers("Mon, 02 Feb 2026 06:04:26 GMT", "019c1f2b4c5d8e9fa0b1c2d3e4f5a6b7"),
        body=REASONING_BODY,
        expected=message(
            text="3⁴ = **81**",
            reasoning="Okay, the user wants 3⁴. 3 × 3 = 9, × 3 = 27, × 3 = 81.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={"input_tokens": 9, "output_tokens": 41, "total_tokens": 50},
            complete=True,
        ),
    ),
    Scenario(
        name="tool_call",
        description="One tool call delivered whole in one delta (a 9-character id, name and complete JSON-text arguments, index 0) in the same chunk as finish_reason tool_calls and the usage.",
        features=["tool_calls", "usage"],
        source=[FUNCTION_CALLING, SDK_MODELS],
        request=req("mistral-large-latest", "Weather in Lyon?", tools=[WEATHER_TOOL], tool_choice="auto"),
        headers=response_headers("Mon, 02 Feb 2026 06:05:29 GMT", "019c1f2c5d6e9fa0b1c2d3e4f5a6b7c8"),
        body=TOOL_CALL,
        expected=message(
            tool_calls=[
                {
                    "id": "Fq3kR8tWz",
                    "name": "get_weather",
                    "arguments": {"location": "Lyon, France", "unit": "celsius"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage={"input_tokens": 118, "output_tokens": 27, "total_tokens": 145},
            complete=True,
        ),
    ),
    Scenario(
        name="tool_call_without_index",
        description="As Mistral streamed tool calls in 2024: the call whole in one delta with no `index` (the SDK's ToolCall.index defaults to 0), `content: null` beside it, `logprobs: null` on every choice; finish_reason tool_calls and the usage in the same chunk.",
        features=["tool_calls", "usage"],
        source=[FUNCTION_CALLING, SDK_MODELS],
        request=req(
            "mistral-small-latest", "Weather in Marseille?", tools=[WEATHER_TOOL], tool_choice="auto"
        ),
        headers=response_headers("Tue, 27 Aug 2024 19:26:01 GMT", "019c1f2c5d6e9fa0b1c2d3e4f5a6b7d1"),
        body=TOOL_CALL_WITHOUT_INDEX,
        expected=message(
            tool_calls=[
                {
                    "id": "Hk2Pq7VwX",
                    "name": "get_weather",
                    "arguments": {"location": "Marseille, France", "unit": "celsius"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage={"input_tokens": 101, "output_tokens": 27, "total_tokens": 128},
            complete=True,
        ),
    ),
    Scenario(
        name="tool_calls_parallel",
        description="Two tool calls whole in one delta (index 0 and 1), with finish_reason tool_calls and the usage in the same chunk.",
        features=["tool_calls", "parallel_tool_calls", "usage"],
        source=[FUNCTION_CALLING, SDK_MODELS],
        request=req(
            "mistral-medium-latest",
            "Weather in Nice and in Geneva?",
            tools=[WEATHER_TOOL],
            parallel_tool_calls=True,
        ),
        headers=response_headers("Mon, 02 Feb 2026 06:06:30 GMT", "019c1f2d6e7fa0b1c2d3e4f5a6b7c8d9"),
        body=TOOL_CALLS_PARALLEL,
        expected=message(
            tool_calls=[
                {
                    "id": "Yb7mN2qXc",
                    "name": "get_weather",
                    "arguments": {"location": "Nice, France", "unit": "celsius"},
                },
                {
                    "id": "Kd4vL9pTs",
                    "name": "get_weather",
                    "arguments": {"location": "Geneva, Switzerland", "unit": "celsius"},
                },
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage={"input_tokens": 124, "output_tokens": 56, "total_tokens": 180},
            complete=True,
        ),
    ),
    Scenario(
        name="rate_limited",
        description="HTTP 429 before any stream: Mistral's error body is the error object itself, {object: error, message, type: rate_limited, param, code}, not nested under `error`.",
        features=["error"],
        source=[RATE_LIMITS, REFERENCE],
        request=req("mistral-small-latest", "Bonjour"),
        headers=response_headers(
            "Mon, 02 Feb 2026 06:07:01 GMT", "019c1f2e7f80b1c2d3e4f5a6b7c8d9e0", status=429
        ),
        body=RATE_LIMITED,
        status=429,
        expected=message(
            stop_reason="error", error={"type": "rate_limited", "message": "Requests rate limit exceeded"}
        ),
    ),
    Scenario(
        name="truncated",
        description="Four chunks (multi-byte UTF-8 in them), then the connection drops inside a chunk's JSON string, before finish_reason, the usage and data: [DONE]. The unfinished event is dropped; complete is false.",
        features=["text", "truncated", "non_ascii"],
        source=[REFERENCE],
        request=req("mistral-small-latest", "Comment mange-t-on les crêpes ?"),
        headers=response_headers("Mon, 02 Feb 2026 06:08:35 GMT", "019c1f2f8091c2d3e4f5a6b7c8d9e0f1"),
        body=TRUNCATED,
        expected=message(text="Les crêpes se", complete=False),
    ),
    Scenario(
        name="text_with_references",
        description="A mistral-medium answer grounded in documents (a document library / web search tool): delta.content is a list of content chunks, text chunks interleaved with reference chunks ({type: reference, reference_ids}); the references add no text.",
        features=["text", "usage"],
        source=[REFERENCE, SDK_MODELS, "https://docs.mistral.ai/agents/connectors/document_library/"],
        request=req("mistral-medium-latest", "How tall is the Eiffel Tower, and when was it finished?"),
        headers=response_headers("Mon, 02 Feb 2026 06:10:40 GMT", "019c1f30a1b2d3e4f5a6b7c8d9e0f102"),
        body=REFERENCES,
        expected=message(
            text="The Eiffel Tower is 330 m tall and was completed in 1889.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={"input_tokens": 1523, "output_tokens": 26, "total_tokens": 1549},
            complete=True,
        ),
    ),
    Scenario(
        name="finish_error",
        description="Three text chunks, then finish_reason \"error\" (Mistral's FinishReason enum: the generation failed) with the usage, and data: [DONE]: the stop reason is error, not a clean stop.",
        features=["text", "usage"],
        source=[REFERENCE, SDK_MODELS + "/finishreason.py"],
        request=req("mistral-small-latest", "Parle-moi de la tour Eiffel."),
        headers=response_headers("Mon, 02 Feb 2026 06:11:41 GMT", "019c1f31b2c3e4f5a6b7c8d9e0f10213"),
        body=FINISH_ERROR,
        expected=message(
            text="La tour Eiffel",
            stop_reason="error",
            vendor_stop_reason="error",
            usage={"input_tokens": 14, "output_tokens": 3, "total_tokens": 17},
            complete=True,
        ),
    ),
]


if __name__ == "__main__":
    sys.exit(
        main(VENDOR, scenario_cassettes(VENDOR, URI, SCENARIOS, request_headers), doc=__doc__, extra=lf_only)
    )
