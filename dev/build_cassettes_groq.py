"""Build the bundled `groq` cassettes (cassettes/groq/<scenario>.yaml).

    python dev/build_cassettes_groq.py [--check]

Groq's Chat Completions stream is OpenAI's chunk shape plus `x_groq`: the first chunk's
`x_groq.id` names the request, and the usage (with Groq's queue and compute timings) sits
in the last chunk's `x_groq.usage` — newer streams repeat it in a top-level `usage` too.
Reasoning models with `reasoning_format: "parsed"` stream `delta.reasoning` (gpt-oss adds
a `channel`); tool calls arrive whole in one delta; an error after the stream began is a
named SSE event, `event: error`, with OpenAI's error object plus `failed_generation`. Each
body is held literally; the request (no `authorization` header), response headers,
sources, features and the hand-written expected `Message` sit beside it. Checks before
writing: see dev/_cassette_builder.py.
"""

# ruff: noqa: E501  (bodies are kept as the vendor sends them: one long line per event)

from __future__ import annotations

import sys
from typing import Any

from _cassette_builder import Scenario, lf_only, main, scenario_cassettes
from _cassette_builder import message as _message

VENDOR = "groq"
URI = "https://api.groq.com/openai/v1/chat/completions"

REFERENCE = "https://console.groq.com/docs/api-reference#chat-create"
REASONING = "https://console.groq.com/docs/reasoning"
TOOL_USE = "https://console.groq.com/docs/tool-use"
ERRORS = "https://console.groq.com/docs/errors"


def message(**fields: Any) -> dict[str, Any]:
    return _message(VENDOR, **fields)


def request_headers(body: str) -> dict[str, list[str]]:
    """What the groq Python SDK sends, minus `authorization` (never recorded)."""
    return {
        "accept": ["application/json"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(len(body.encode("utf-8")))],
        "content-type": ["application/json"],
        "host": ["api.groq.com"],
        "user-agent": ["Groq/Python 0.31.0"],
        "x-stainless-arch": ["x64"],
        "x-stainless-lang": ["python"],
        "x-stainless-os": ["Linux"],
        "x-stainless-package-version": ["0.31.0"],
        "x-stainless-retry-count": ["0"],
        "x-stainless-runtime": ["CPython"],
        "x-stainless-runtime-version": ["3.12.8"],
    }


def response_headers(date: str, request_id: str, ray: str) -> dict[str, list[str]]:
    """Groq's streaming response headers (no cookies)."""
    return {
        "Date": [date],
        "Content-Type": ["text/event-stream"],
        "Transfer-Encoding": ["chunked"],
        "Connection": ["keep-alive"],
        "Cache-Control": ["no-cache"],
        "vary": ["Origin"],
        "x-groq-region": ["dls"],
        "x-ratelimit-limit-requests": ["14400"],
        "x-ratelimit-limit-tokens": ["6000"],
        "x-ratelimit-remaining-requests": ["14399"],
        "x-ratelimit-remaining-tokens": ["5958"],
        "x-ratelimit-reset-requests": ["6s"],
        "x-ratelimit-reset-tokens": ["420ms"],
        "x-request-id": [request_id],
        "via": ["1.1 google"],
        "alt-svc": ['h3=":443"; ma=86400'],
        "cf-cache-status": ["DYNAMIC"],
        "Server": ["cloudflare"],
        "CF-RAY": [ray],
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


TEXT = r"""data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"x_groq":{"id":"req_01kabc7q3mf2b9x4t8e6w1n5rz"}}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":"Gro"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":"q"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" runs"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" models"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" on"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" its"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" own"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" LPU"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" chips"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":"."},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5f2b8c1e-3d7a-4e9b-a6c4-1f8d2e7b9a3c","object":"chat.completion.chunk","created":1770003001,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"x_groq":{"id":"req_01kabc7q3mf2b9x4t8e6w1n5rz","usage":{"queue_time":0.0213,"prompt_tokens":42,"prompt_time":0.0081,"completion_tokens":11,"completion_time":0.0412,"total_tokens":53,"total_time":0.0493}}}

data: [DONE]

"""

REASONING_BODY = r"""data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"x_groq":{"id":"req_01kabd2w8nh4c7y5v0f3k6p9sa","seed":1092834756}}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":"User","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":" asks","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":" capital","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":" of","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":" Australia","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":".","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":" It","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":"'s","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":" Canberra","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"reasoning":".","channel":"analysis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"content":"The","channel":"final"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"content":" capital","channel":"final"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"content":" of","channel":"final"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"content":" Australia","channel":"final"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"content":" is","channel":"final"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"content":" Canberra","channel":"final"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{"content":".","channel":"final"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7a4d0e3f-5c9b-4f1d-b8e6-3a0f4c9d1b5e","object":"chat.completion.chunk","created":1770003066,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_e99e93f2ac","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"x_groq":{"id":"req_01kabd2w8nh4c7y5v0f3k6p9sa","usage":{"queue_time":0.0213,"prompt_tokens":81,"prompt_time":0.0081,"completion_tokens":27,"completion_time":0.0412,"total_tokens":108,"total_time":0.0493,"completion_tokens_details":{"reasoning_tokens":12}}},"usage":{"queue_time":0.0213,"prompt_tokens":81,"prompt_time":0.0081,"completion_tokens":27,"completion_time":0.0412,"total_tokens":108,"total_time":0.0493,"completion_tokens_details":{"reasoning_tokens":12}}}

data: [DONE]

"""

TOOL_CALL = r"""data: {"id":"chatcmpl-9c6f2a5b-7e1d-4b3f-d0a8-5c2b6e1f3d7a","object":"chat.completion.chunk","created":1770003129,"model":"moonshotai/kimi-k2-instruct-0905","system_fingerprint":"fp_6e6ff3688b","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"x_groq":{"id":"req_01kabe5y1pj6d9z7w2g5m8q0tb"}}

data: {"id":"chatcmpl-9c6f2a5b-7e1d-4b3f-d0a8-5c2b6e1f3d7a","object":"chat.completion.chunk","created":1770003129,"model":"moonshotai/kimi-k2-instruct-0905","system_fingerprint":"fp_6e6ff3688b","choices":[{"index":0,"delta":{"tool_calls":[{"id":"functions.get_weather:0","type":"function","function":{"name":"get_weather","arguments":"{\"location\": \"Oslo, Norway\", \"unit\": \"celsius\"}"},"index":0}]},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-9c6f2a5b-7e1d-4b3f-d0a8-5c2b6e1f3d7a","object":"chat.completion.chunk","created":1770003129,"model":"moonshotai/kimi-k2-instruct-0905","system_fingerprint":"fp_6e6ff3688b","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"x_groq":{"id":"req_01kabe5y1pj6d9z7w2g5m8q0tb","usage":{"queue_time":0.0213,"prompt_tokens":163,"prompt_time":0.0081,"completion_tokens":24,"completion_time":0.0412,"total_tokens":187,"total_time":0.0493}},"usage":{"queue_time":0.0213,"prompt_tokens":163,"prompt_time":0.0081,"completion_tokens":24,"completion_time":0.0412,"total_tokens":187,"total_time":0.0493}}

data: [DONE]

"""

ERROR_TOOL_USE_FAILED = r"""data: {"id":"chatcmpl-2e8b4d7c-9f3a-4d5b-e2c0-7e4d8a3b5f9c","object":"chat.completion.chunk","created":1770003190,"model":"llama-3.1-8b-instant","system_fingerprint":"fp_c523237e5d","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"x_groq":{"id":"req_01kabf8a3rk8fb1y4h7p0s2vcd"}}

event: error
data: {"error":{"message":"Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details.","type":"invalid_request_error","code":"tool_use_failed","failed_generation":"<function=get_weather{\"location\": \"Oslo\"}</function>","status_code":400}}

"""

TRUNCATED = r"""data: {"id":"chatcmpl-4a0d6f9e-1b5c-4f7d-a4e2-9a6f0c5d7b1e","object":"chat.completion.chunk","created":1770003255,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"x_groq":{"id":"req_01kabgbc5tm0hd3a6j9r2u4xef"}}

data: {"id":"chatcmpl-4a0d6f9e-1b5c-4f7d-a4e2-9a6f0c5d7b1e","object":"chat.completion.chunk","created":1770003255,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":"Photos"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-4a0d6f9e-1b5c-4f7d-a4e2-9a6f0c5d7b1e","object":"chat.completion.chunk","created":1770003255,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":"ynthesis"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-4a0d6f9e-1b5c-4f7d-a4e2-9a6f0c5d7b1e","object":"chat.completion.chunk","created":1770003255,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" converts"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-4a0d6f9e-1b5c-4f7d-a4e2-9a6f0c5d7b1e","object":"chat.completion.chunk","created":1770003255,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" light"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-4a0d6f9e-1b5c-4f7d-a4e2-9a6f0c5d7b1e","object":"chat.completion.chunk","created":1770003255,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_3f3b593e33","choices":[{"index":0,"delta":{"content":" ener"""


def req(model: str, prompt: str, **extra: Any) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": prompt}], "model": model, "stream": True, **extra}


SCENARIOS = [
    Scenario(
        name="text",
        description="x_groq.id on the first chunk, ten text chunks, then finish_reason stop with the usage only under x_groq.usage (prompt/completion tokens beside queue_time and the other timings, which are not token counts), data: [DONE].",
        features=["text", "usage"],
        source=[REFERENCE],
        request=req("llama-3.3-70b-versatile", "What does Groq run models on?"),
        headers=response_headers(
            "Mon, 02 Feb 2026 04:03:21 GMT", "req_01kabc7q3mf2b9x4t8e6w1n5rz", "9c825e51ab4c2b7a-DFW"
        ),
        body=TEXT,
        expected=message(
            text="Groq runs models on its own LPU chips.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={"input_tokens": 42, "output_tokens": 11, "total_tokens": 53},
            complete=True,
        ),
    ),
    Scenario(
        name="reasoning",
        description="gpt-oss with reasoning_format parsed: delta.reasoning (channel analysis) then delta.content (channel final); the last chunk has the usage twice, under x_groq.usage and at the top level, with completion_tokens_details.reasoning_tokens.",
        features=["reasoning", "text", "usage"],
        source=[REASONING, REFERENCE],
        request=req("openai/gpt-oss-20b", "What is the capital of Australia?", reasoning_format="parsed"),
        headers=response_headers(
            "Mon, 02 Feb 2026 04:04:26 GMT", "req_01kabd2w8nh4c7y5v0f3k6p9sa", "9c825fe6cd6e2b7b-DFW"
        ),
        body=REASONING_BODY,
        expected=message(
            text="The capital of Australia is Canberra.",
            reasoning="User asks capital of Australia. It's Canberra.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={"input_tokens": 81, "output_tokens": 27, "total_tokens": 108, "reasoning_tokens": 12},
            complete=True,
        ),
    ),
    Scenario(
        name="tool_call",
        description="A tool call delivered whole in one delta (id, type, name and the complete arguments, index 0), then finish_reason tool_calls with the usage under x_groq and at the top level.",
        features=["tool_calls", "usage"],
        source=[TOOL_USE, REFERENCE],
        request=req("moonshotai/kimi-k2-instruct-0905", "Weather in Oslo?", tools=[WEATHER_TOOL]),
        headers=response_headers(
            "Mon, 02 Feb 2026 04:05:29 GMT", "req_01kabe5y1pj6d9z7w2g5m8q0tb", "9c826170ef902b7c-DFW"
        ),
        body=TOOL_CALL,
        expected=message(
            tool_calls=[
                {
                    "id": "functions.get_weather:0",
                    "name": "get_weather",
                    "arguments": {"location": "Oslo, Norway", "unit": "celsius"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage={"input_tokens": 163, "output_tokens": 24, "total_tokens": 187},
            complete=True,
        ),
    ),
    Scenario(
        name="error_tool_use_failed",
        description="The first chunk, then Groq's mid-stream error as a named SSE event (event: error) carrying OpenAI's error object with code tool_use_failed and failed_generation (the model's malformed call); the stream ends there, with no finish_reason and no data: [DONE].",
        features=["error"],
        source=[ERRORS, TOOL_USE],
        request=req("llama-3.1-8b-instant", "Weather in Oslo?", tools=[WEATHER_TOOL], tool_choice="required"),
        headers=response_headers(
            "Mon, 02 Feb 2026 04:06:30 GMT", "req_01kabf8a3rk8fb1y4h7p0s2vcd", "9c8262f113b22b7d-DFW"
        ),
        body=ERROR_TOOL_USE_FAILED,
        expected=message(
            stop_reason="error",
            error={
                "type": "invalid_request_error",
                "message": "Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details.",
            },
            complete=False,
        ),
    ),
    Scenario(
        name="truncated",
        description="Five chunks, then the connection drops inside a chunk's JSON string, before the x_groq usage and data: [DONE]. The unfinished event is dropped; complete is false.",
        features=["text", "truncated"],
        source=[REFERENCE],
        request=req("llama-3.3-70b-versatile", "Explain photosynthesis."),
        headers=response_headers(
            "Mon, 02 Feb 2026 04:07:35 GMT", "req_01kabgbc5tm0hd3a6j9r2u4xef", "9c826487359c2b7e-DFW"
        ),
        body=TRUNCATED,
        expected=message(text="Photosynthesis converts light", complete=False),
    ),
]


if __name__ == "__main__":
    sys.exit(
        main(VENDOR, scenario_cassettes(VENDOR, URI, SCENARIOS, request_headers), doc=__doc__, extra=lf_only)
    )
