"""Build the bundled `openai-responses` cassettes (cassettes/openai-responses/<scenario>.yaml).

    python dev/build_cassettes_openai_responses.py [--check]

Each scenario holds its body literally, byte for byte as OpenAI's Responses API sends it:
an `event:` line naming the type and a `data:` line repeating it in `"type"`, LF line ends;
lifecycle events as `{type, response, sequence_number}` carrying the whole Response object
(fields in the API's order); every other event as `type` followed by its fields in
alphabetical order, deltas with a random `obfuscation` pad; `sequence_number` counting from
0. Written from the streaming reference and the SDK's event types, shaped like the live
traffic in ../shared/real-streams/openai-responses (not copied from it). Beside it: the
request that would produce it (no `authorization` header), realistic response headers (no
cookies, organization or project ids), the sources, the features, and the expected
`Message` written out by hand. Checks before writing: see dev/_cassette_builder.py.
"""

# ruff: noqa: E501  (bodies are kept as the vendor sends them: one long line per event)

from __future__ import annotations

import sys
from typing import Any

from _cassette_builder import Scenario, lf_only, main, scenario_cassettes
from _cassette_builder import message as _message

VENDOR = "openai-responses"
URI = "https://api.openai.com/v1/responses"

STREAMING = "https://platform.openai.com/docs/api-reference/responses-streaming"
RESPONSE_OBJECT = "https://platform.openai.com/docs/api-reference/responses/object"
STREAMING_GUIDE = "https://platform.openai.com/docs/guides/streaming-responses?api-mode=responses"
FUNCTION_CALLING = "https://platform.openai.com/docs/guides/function-calling?api-mode=responses#streaming"
REASONING = "https://platform.openai.com/docs/guides/reasoning#reasoning-summaries"
REFUSALS = "https://platform.openai.com/docs/guides/structured-outputs#refusals"
ERROR_CODES = "https://platform.openai.com/docs/guides/error-codes"
WEB_SEARCH_GUIDE = "https://platform.openai.com/docs/guides/tools-web-search?api-mode=responses"
SDK_EVENTS = (
    "https://github.com/openai/openai-python/blob/main/src/openai/types/responses/response_stream_event.py"
)
SDK_ACCUMULATOR = (
    "https://github.com/openai/openai-python/blob/main/src/openai/lib/streaming/responses/_responses.py"
)


def message(**fields: Any) -> dict[str, Any]:
    return _message(VENDOR, **fields)


def usage(input_tokens: int, output_tokens: int, *, cached: int = 0, reasoning: int = 0) -> dict[str, int]:
    """Normalized usage of a ResponseUsage (total = input + output, as the API reports)."""
    return {
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "total_tokens": input_tokens + output_tokens,
        "reasoning_tokens": reasoning,
        "cache_read_tokens": cached,
    }


def request_headers(body: str) -> dict[str, list[str]]:
    """What openai-python sends, minus `authorization` (never recorded)."""
    return {
        "accept": ["application/json"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(len(body.encode("utf-8")))],
        "content-type": ["application/json"],
        "host": ["api.openai.com"],
        "user-agent": ["OpenAI/Python 2.14.0"],
        "x-stainless-arch": ["x64"],
        "x-stainless-async": ["false"],
        "x-stainless-lang": ["python"],
        "x-stainless-os": ["Linux"],
        "x-stainless-package-version": ["2.14.0"],
        "x-stainless-read-timeout": ["600"],
        "x-stainless-retry-count": ["0"],
        "x-stainless-runtime": ["CPython"],
        "x-stainless-runtime-version": ["3.12.8"],
    }


def response_headers(date: str, request_id: str, ray: str, processing_ms: int) -> dict[str, list[str]]:
    """OpenAI's streaming response headers, as recorded in public cassettes (cookies and
    account identifiers left out)."""
    return {
        "Date": [date],
        "Content-Type": ["text/event-stream; charset=utf-8"],
        "Transfer-Encoding": ["chunked"],
        "Connection": ["keep-alive"],
        "openai-processing-ms": [str(processing_ms)],
        "openai-version": ["2020-10-01"],
        "x-envoy-upstream-service-time": [str(processing_ms + 37)],
        "x-request-id": [request_id],
        "strict-transport-security": ["max-age=31536000; includeSubDomains; preload"],
        "cf-cache-status": ["DYNAMIC"],
        "X-Content-Type-Options": ["nosniff"],
        "Server": ["cloudflare"],
        "CF-RAY": [ray],
        "alt-svc": ['h3=":443"; ma=86400'],
    }


WEATHER_TOOL: dict[str, Any] = {
    "type": "function",
    "name": "get_weather",
    "description": "Get the current weather for a location.",
    "parameters": {
        "type": "object",
        "properties": {
            "location": {"type": "string", "description": "City and country, e.g. Paris, France"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
        },
        "required": ["location", "unit"],
        "additionalProperties": False,
    },
    "strict": True,
}

TEXT = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_0a1c5e7f9b2d4c6e0068f3a1b2c3d4e5f60718293a4b5c6d","object":"response","created_at":1770000101,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_0a1c5e7f9b2d4c6e0068f3a1b2c3d4e5f60718293a4b5c6d","object":"response","created_at":1770000101,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","type":"message","status":"in_progress","content":[],"role":"assistant"},"output_index":0,"sequence_number":2}

event: response.content_part.added
data: {"type":"response.content_part.added","content_index":0,"item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""},"sequence_number":3}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"The","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"K0fFWqcajQLE9WV","output_index":0,"sequence_number":4}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" sky","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"uXbrFZmU","output_index":0,"sequence_number":5}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" looks","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"6IIRgmKJS","output_index":0,"sequence_number":6}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" blue","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"UqQZNRf2BvfxZAZ","output_index":0,"sequence_number":7}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" because","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"CSgWmSO","output_index":0,"sequence_number":8}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" air","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"sg8cL5m0P6xF716","output_index":0,"sequence_number":9}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" scatters","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"GKPS5Z","output_index":0,"sequence_number":10}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" short","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"6bOxpMBtwLh","output_index":0,"sequence_number":11}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" blue","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"G4RH","output_index":0,"sequence_number":12}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" wavelengths","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"hMQrtU","output_index":0,"sequence_number":13}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" of","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"yEoiMn","output_index":0,"sequence_number":14}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" sunlight","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"HamXkbPvJ5QNNt","output_index":0,"sequence_number":15}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" more","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"yHysiRFd","output_index":0,"sequence_number":16}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" than","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"BMVzg","output_index":0,"sequence_number":17}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" red","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"pZf5MQ34CC","output_index":0,"sequence_number":18}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" ones","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"1yYeHBEtT0A8fmV","output_index":0,"sequence_number":19}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":".","item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"obfuscation":"rCFUY9lbbIhqL","output_index":0,"sequence_number":20}

event: response.output_text.done
data: {"type":"response.output_text.done","content_index":0,"item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","logprobs":[],"output_index":0,"sequence_number":21,"text":"The sky looks blue because air scatters short blue wavelengths of sunlight more than red ones."}

event: response.content_part.done
data: {"type":"response.content_part.done","content_index":0,"item_id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"The sky looks blue because air scatters short blue wavelengths of sunlight more than red ones."},"sequence_number":22}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"The sky looks blue because air scatters short blue wavelengths of sunlight more than red ones."}],"role":"assistant"},"output_index":0,"sequence_number":23}

event: response.completed
data: {"type":"response.completed","response":{"id":"resp_0a1c5e7f9b2d4c6e0068f3a1b2c3d4e5f60718293a4b5c6d","object":"response","created_at":1770000101,"status":"completed","background":false,"completed_at":1770000102,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[{"id":"msg_0a1c5e7f9b2d4c6e0068f3a1b3d4e5f6a7b8c9d0e1f2a3b4","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"The sky looks blue because air scatters short blue wavelengths of sunlight more than red ones."}],"role":"assistant"}],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":14,"input_tokens_details":{"cached_tokens":0},"output_tokens":17,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":31},"user":null,"metadata":{}},"sequence_number":24}

"""

TOOL_CALL = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_0b2d6f8a0c3e5d7f0068f3a2c4d5e6f7081929a3b4c5d6e7","object":"response","created_at":1770000163,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[{"type":"function","description":"Get the current weather for a location.","name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string","description":"City and country, e.g. Paris, France"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location","unit"],"additionalProperties":false},"strict":true}],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_0b2d6f8a0c3e5d7f0068f3a2c4d5e6f7081929a3b4c5d6e7","object":"response","created_at":1770000163,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[{"type":"function","description":"Get the current weather for a location.","name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string","description":"City and country, e.g. Paris, France"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location","unit"],"additionalProperties":false},"strict":true}],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","type":"function_call","status":"in_progress","arguments":"","call_id":"call_Vb3qR8sLm2XcT7nYwK4pD9hJ","name":"get_weather"},"output_index":0,"sequence_number":2}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"{\"","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"xmqGCv7HqA74ANF","output_index":0,"sequence_number":3}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"location","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"MEQEFjU","output_index":0,"sequence_number":4}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"\":\"","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"FtOZDuxQk","output_index":0,"sequence_number":5}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"Paris","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"ySMruPzFUYk7","output_index":0,"sequence_number":6}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":",","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"JaNC9dl","output_index":0,"sequence_number":7}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":" France","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"NXK","output_index":0,"sequence_number":8}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"\",\"","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"RTxx","output_index":0,"sequence_number":9}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"unit","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"2Ld6mj8rNa","output_index":0,"sequence_number":10}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"\":\"","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"ZYZ0HFeEo","output_index":0,"sequence_number":11}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"c","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"xx9j","output_index":0,"sequence_number":12}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"elsius","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"OpMujcOQgTgcP","output_index":0,"sequence_number":13}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"\"}","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","obfuscation":"DU5eObSJiN","output_index":0,"sequence_number":14}

event: response.function_call_arguments.done
data: {"type":"response.function_call_arguments.done","arguments":"{\"location\":\"Paris, France\",\"unit\":\"celsius\"}","item_id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","output_index":0,"sequence_number":15}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","type":"function_call","status":"completed","arguments":"{\"location\":\"Paris, France\",\"unit\":\"celsius\"}","call_id":"call_Vb3qR8sLm2XcT7nYwK4pD9hJ","name":"get_weather"},"output_index":0,"sequence_number":16}

event: response.completed
data: {"type":"response.completed","response":{"id":"resp_0b2d6f8a0c3e5d7f0068f3a2c4d5e6f7081929a3b4c5d6e7","object":"response","created_at":1770000163,"status":"completed","background":false,"completed_at":1770000164,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[{"id":"fc_0b2d6f8a0c3e5d7f0068f3a2c5e6f7a8b9c0d1e2f3a4b5c6","type":"function_call","status":"completed","arguments":"{\"location\":\"Paris, France\",\"unit\":\"celsius\"}","call_id":"call_Vb3qR8sLm2XcT7nYwK4pD9hJ","name":"get_weather"}],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[{"type":"function","description":"Get the current weather for a location.","name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string","description":"City and country, e.g. Paris, France"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location","unit"],"additionalProperties":false},"strict":true}],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":71,"input_tokens_details":{"cached_tokens":0},"output_tokens":23,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":94},"user":null,"metadata":{}},"sequence_number":17}

"""

TOOL_CALLS_PARALLEL = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_0c3e7a9b1d4f6e8a0068f3a3d5e6f7a8b9c0d1e2f3a4b5c6","object":"response","created_at":1770000220,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[{"type":"function","description":"Get the current weather for a location.","name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string","description":"City and country, e.g. Paris, France"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location","unit"],"additionalProperties":false},"strict":true}],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_0c3e7a9b1d4f6e8a0068f3a3d5e6f7a8b9c0d1e2f3a4b5c6","object":"response","created_at":1770000220,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[{"type":"function","description":"Get the current weather for a location.","name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string","description":"City and country, e.g. Paris, France"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location","unit"],"additionalProperties":false},"strict":true}],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"fc_0c3e7a9b1d4f6e8a0068f3a3d6f7a8b9c0d1e2f3a4b5c6d7","type":"function_call","status":"in_progress","arguments":"","call_id":"call_Kx7Wm3Qp9RsT2vLn5YdF8bHc","name":"get_weather"},"output_index":0,"sequence_number":2}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"{\"location\":\"","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d6f7a8b9c0d1e2f3a4b5c6d7","obfuscation":"kNO6","output_index":0,"sequence_number":3}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"Paris, France","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d6f7a8b9c0d1e2f3a4b5c6d7","obfuscation":"615PCFS","output_index":0,"sequence_number":4}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"\",\"unit\":\"","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d6f7a8b9c0d1e2f3a4b5c6d7","obfuscation":"YOi","output_index":0,"sequence_number":5}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"celsius\"}","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d6f7a8b9c0d1e2f3a4b5c6d7","obfuscation":"67CEXC","output_index":0,"sequence_number":6}

event: response.function_call_arguments.done
data: {"type":"response.function_call_arguments.done","arguments":"{\"location\":\"Paris, France\",\"unit\":\"celsius\"}","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d6f7a8b9c0d1e2f3a4b5c6d7","output_index":0,"sequence_number":7}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"fc_0c3e7a9b1d4f6e8a0068f3a3d6f7a8b9c0d1e2f3a4b5c6d7","type":"function_call","status":"completed","arguments":"{\"location\":\"Paris, France\",\"unit\":\"celsius\"}","call_id":"call_Kx7Wm3Qp9RsT2vLn5YdF8bHc","name":"get_weather"},"output_index":0,"sequence_number":8}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"fc_0c3e7a9b1d4f6e8a0068f3a3d7a8b9c0d1e2f3a4b5c6d7e8","type":"function_call","status":"in_progress","arguments":"","call_id":"call_Pq2Nv6Zr4TmW8sJk1XcB5gYd","name":"get_weather"},"output_index":1,"sequence_number":9}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"{\"location\":\"","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"JrETLe1Zsx","output_index":1,"sequence_number":10}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"Tokyo, Japan","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"x8cfG2r","output_index":1,"sequence_number":11}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"\",\"unit\":\"","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"r9EBC7x","output_index":1,"sequence_number":12}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","delta":"celsius\"}","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"Tfp","output_index":1,"sequence_number":13}

event: response.function_call_arguments.done
data: {"type":"response.function_call_arguments.done","arguments":"{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}","item_id":"fc_0c3e7a9b1d4f6e8a0068f3a3d7a8b9c0d1e2f3a4b5c6d7e8","output_index":1,"sequence_number":14}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"fc_0c3e7a9b1d4f6e8a0068f3a3d7a8b9c0d1e2f3a4b5c6d7e8","type":"function_call","status":"completed","arguments":"{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}","call_id":"call_Pq2Nv6Zr4TmW8sJk1XcB5gYd","name":"get_weather"},"output_index":1,"sequence_number":15}

event: response.completed
data: {"type":"response.completed","response":{"id":"resp_0c3e7a9b1d4f6e8a0068f3a3d5e6f7a8b9c0d1e2f3a4b5c6","object":"response","created_at":1770000220,"status":"completed","background":false,"completed_at":1770000222,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[{"id":"fc_0c3e7a9b1d4f6e8a0068f3a3d6f7a8b9c0d1e2f3a4b5c6d7","type":"function_call","status":"completed","arguments":"{\"location\":\"Paris, France\",\"unit\":\"celsius\"}","call_id":"call_Kx7Wm3Qp9RsT2vLn5YdF8bHc","name":"get_weather"},{"id":"fc_0c3e7a9b1d4f6e8a0068f3a3d7a8b9c0d1e2f3a4b5c6d7e8","type":"function_call","status":"completed","arguments":"{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}","call_id":"call_Pq2Nv6Zr4TmW8sJk1XcB5gYd","name":"get_weather"}],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[{"type":"function","description":"Get the current weather for a location.","name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string","description":"City and country, e.g. Paris, France"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location","unit"],"additionalProperties":false},"strict":true}],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":78,"input_tokens_details":{"cached_tokens":0},"output_tokens":54,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":132},"user":null,"metadata":{}},"sequence_number":16}

"""

REASONING_BODY = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_0d4f8b0c2e5a7f9b0068f3a4e6f7a8b9c0d1e2f3a4b5c6d7","object":"response","created_at":1770000301,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"o4-mini-2025-04-16","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":"medium","summary":"detailed"},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_0d4f8b0c2e5a7f9b0068f3a4e6f7a8b9c0d1e2f3a4b5c6d7","object":"response","created_at":1770000301,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"o4-mini-2025-04-16","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":"medium","summary":"detailed"},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","type":"reasoning","summary":[]},"output_index":0,"sequence_number":2}

event: response.reasoning_summary_part.added
data: {"type":"response.reasoning_summary_part.added","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","output_index":0,"part":{"type":"summary_text","text":""},"sequence_number":3,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":"**Comparing","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"OpIVcVlvxcd8","output_index":0,"sequence_number":4,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" decimals","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"WW8nSBv4ekURhz","output_index":0,"sequence_number":5,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":"**\n\n","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"iDVFOeiewHb","output_index":0,"sequence_number":6,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":"9.11","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"HTjls","output_index":0,"sequence_number":7,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" and","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"jGK2yYo8oSKT6i","output_index":0,"sequence_number":8,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" 9.9","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"SkWupJKaY","output_index":0,"sequence_number":9,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" share","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"KymWu2yHCaz2HJ2","output_index":0,"sequence_number":10,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" the","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"iToPIZVxrQljk","output_index":0,"sequence_number":11,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" whole","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"OiyedacEWdhPTI","output_index":0,"sequence_number":12,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" part","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"RxMc","output_index":0,"sequence_number":13,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" 9;","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"IoY","output_index":0,"sequence_number":14,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" compare","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"oWKS78sfE","output_index":0,"sequence_number":15,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" tenths","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"UK3d","output_index":0,"sequence_number":16,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":":","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"5QCh9","output_index":0,"sequence_number":17,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" 1","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"SldR","output_index":0,"sequence_number":18,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" <","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"W1R","output_index":0,"sequence_number":19,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" 9","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"BPTsqCom02PXIY","output_index":0,"sequence_number":20,"summary_index":0}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":".","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"nrLaqHYUVT3Rv","output_index":0,"sequence_number":21,"summary_index":0}

event: response.reasoning_summary_text.done
data: {"type":"response.reasoning_summary_text.done","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","output_index":0,"sequence_number":22,"summary_index":0,"text":"**Comparing decimals**\n\n9.11 and 9.9 share the whole part 9; compare tenths: 1 < 9."}

event: response.reasoning_summary_part.done
data: {"type":"response.reasoning_summary_part.done","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","output_index":0,"part":{"type":"summary_text","text":"**Comparing decimals**\n\n9.11 and 9.9 share the whole part 9; compare tenths: 1 < 9."},"sequence_number":23,"summary_index":0}

event: response.reasoning_summary_part.added
data: {"type":"response.reasoning_summary_part.added","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","output_index":0,"part":{"type":"summary_text","text":""},"sequence_number":24,"summary_index":1}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":"**Answer","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"HfLMPcxxSho8Wbx","output_index":0,"sequence_number":25,"summary_index":1}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":"**\n\n","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"8vBR1dwibaveFa","output_index":0,"sequence_number":26,"summary_index":1}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":"So","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"1qfRLNroii","output_index":0,"sequence_number":27,"summary_index":1}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" 9.9","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"IlpQyMBKH","output_index":0,"sequence_number":28,"summary_index":1}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" is","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"1E7rqit4cmWCg","output_index":0,"sequence_number":29,"summary_index":1}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":" larger","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"lKg87ZaGkhjLzEF","output_index":0,"sequence_number":30,"summary_index":1}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","delta":".","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","obfuscation":"XSIZYEn1P5y","output_index":0,"sequence_number":31,"summary_index":1}

event: response.reasoning_summary_text.done
data: {"type":"response.reasoning_summary_text.done","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","output_index":0,"sequence_number":32,"summary_index":1,"text":"**Answer**\n\nSo 9.9 is larger."}

event: response.reasoning_summary_part.done
data: {"type":"response.reasoning_summary_part.done","item_id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","output_index":0,"part":{"type":"summary_text","text":"**Answer**\n\nSo 9.9 is larger."},"sequence_number":33,"summary_index":1}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","type":"reasoning","summary":[{"type":"summary_text","text":"**Comparing decimals**\n\n9.11 and 9.9 share the whole part 9; compare tenths: 1 < 9."},{"type":"summary_text","text":"**Answer**\n\nSo 9.9 is larger."}]},"output_index":0,"sequence_number":34}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","type":"message","status":"in_progress","content":[],"role":"assistant"},"output_index":1,"sequence_number":35}

event: response.content_part.added
data: {"type":"response.content_part.added","content_index":0,"item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","output_index":1,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""},"sequence_number":36}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"9.9","item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","logprobs":[],"obfuscation":"X6D36","output_index":1,"sequence_number":37}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" is","item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","logprobs":[],"obfuscation":"vAq","output_index":1,"sequence_number":38}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" larger","item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","logprobs":[],"obfuscation":"isxL2Rxo","output_index":1,"sequence_number":39}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":":","item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","logprobs":[],"obfuscation":"Xtl","output_index":1,"sequence_number":40}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" 9.90","item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","logprobs":[],"obfuscation":"ANNX","output_index":1,"sequence_number":41}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" >","item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","logprobs":[],"obfuscation":"7PfmyA","output_index":1,"sequence_number":42}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" 9.11","item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","logprobs":[],"obfuscation":"W661j","output_index":1,"sequence_number":43}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":".","item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","logprobs":[],"obfuscation":"79dHHX9F6x4","output_index":1,"sequence_number":44}

event: response.output_text.done
data: {"type":"response.output_text.done","content_index":0,"item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","logprobs":[],"output_index":1,"sequence_number":45,"text":"9.9 is larger: 9.90 > 9.11."}

event: response.content_part.done
data: {"type":"response.content_part.done","content_index":0,"item_id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","output_index":1,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"9.9 is larger: 9.90 > 9.11."},"sequence_number":46}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"9.9 is larger: 9.90 > 9.11."}],"role":"assistant"},"output_index":1,"sequence_number":47}

event: response.completed
data: {"type":"response.completed","response":{"id":"resp_0d4f8b0c2e5a7f9b0068f3a4e6f7a8b9c0d1e2f3a4b5c6d7","object":"response","created_at":1770000301,"status":"completed","background":false,"completed_at":1770000306,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"o4-mini-2025-04-16","output":[{"id":"rs_0d4f8b0c2e5a7f9b0068f3a4e7a8b9c0d1e2f3a4b5c6d7e8","type":"reasoning","summary":[{"type":"summary_text","text":"**Comparing decimals**\n\n9.11 and 9.9 share the whole part 9; compare tenths: 1 < 9."},{"type":"summary_text","text":"**Answer**\n\nSo 9.9 is larger."}]},{"id":"msg_0d4f8b0c2e5a7f9b0068f3a4f8b9c0d1e2f3a4b5c6d7e8f9","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"9.9 is larger: 9.90 > 9.11."}],"role":"assistant"}],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":"medium","summary":"detailed"},"safety_identifier":null,"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":19,"input_tokens_details":{"cached_tokens":0},"output_tokens":211,"output_tokens_details":{"reasoning_tokens":192},"total_tokens":230},"user":null,"metadata":{}},"sequence_number":48}

"""

# The reasoning scenario asked with `store: false` and `include: ["reasoning.encrypted_content"]`
# (stateless / zero data retention): the reasoning item carries `encrypted_content`, a Fernet
# token the client must send back next turn. Live streams put one token on the item's `.added`
# and a different, final one on its `.done` and in `response.completed` (the SDK's final
# response): the final one is the item's. Tokens are our own random bytes.
ENCRYPTED_ADDED = "gAAAAABpUiPazXScfnbVub6LbC1Y4i5NiMaa3CcpU_ef8rteAUshb7OK9I_o2IBDbhMNIf7vZBl0vx6yO3a1yHR49pjftkgMc98RT_G5YADcVRPJez0JCLKz_WGfFX5q5MYB0ZryWjV_1u-MP5p4vopxIs90JBplxGSxQOkichVTPj8pC17gvGgSb7hOpPztgkSc2HyFyEl5Zdjq2m1dsPp2qlPbXgVomjZlPDPoH7ljaggmupHp"
ENCRYPTED_DONE = "gAAAAABpJ58qbZyW8XZ2VjlS572axwVK9PWhy73GYKIUeym9dNA5xJfsv0a6JZ70AM3GO4_bN-JFZa1atDXfoOlBECFXjRCaIewZ4bcLpKD6g_uSf7yUIV3qi6fkxGgJvGacn4l3iMzmnkz9WYiu1MY9WoeSt2J0aR2FaL_M-sw0snHqLLZ-f7RfzogX59PFJZMAOwJpUJaiDxSFAUam7HzgxOo0f8_fQ6O8PwvjaPK9BgPnkbqD"
REASONING_ENCRYPTED_BODY = (
    REASONING_BODY.replace(
        "resp_0d4f8b0c2e5a7f9b0068f3a4e6f7a8b9c0d1e2f3a4b5c6d7",
        "resp_0e5a9c1d3f6b8a0c0068f3a5f7a8b9c0d1e2f3a4b5c6d7e8",
    )
    .replace('"store":true', '"store":false')
    .replace(
        '"type":"reasoning","summary":[]}',
        '"type":"reasoning","summary":[],"encrypted_content":"' + ENCRYPTED_ADDED + '"}',
    )
    .replace(
        '"text":"**Answer**\\n\\nSo 9.9 is larger."}]}',
        '"text":"**Answer**\\n\\nSo 9.9 is larger."}],"encrypted_content":"' + ENCRYPTED_DONE + '"}',
    )
)

REFUSAL = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_0e5a9c1d3f6b8a0c0068f3a5f7a8b9c0d1e2f3a4b5c6d7e8","object":"response","created_at":1770000402,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4o-2024-08-06","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_0e5a9c1d3f6b8a0c0068f3a5f7a8b9c0d1e2f3a4b5c6d7e8","object":"response","created_at":1770000402,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4o-2024-08-06","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","type":"message","status":"in_progress","content":[],"role":"assistant"},"output_index":0,"sequence_number":2}

event: response.content_part.added
data: {"type":"response.content_part.added","content_index":0,"item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","output_index":0,"part":{"type":"refusal","refusal":""},"sequence_number":3}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":"I'm","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"1TLy3rPQ","output_index":0,"sequence_number":4}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":" sorry","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"9eqichLMNUj0GGh","output_index":0,"sequence_number":5}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":",","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"SWX9ff1QWhnwvkU","output_index":0,"sequence_number":6}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":" but","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"l9loOi","output_index":0,"sequence_number":7}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":" I","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"V7DNhUNiDZ","output_index":0,"sequence_number":8}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":" can't","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"KxUjvO","output_index":0,"sequence_number":9}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":" help","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"6erWad4","output_index":0,"sequence_number":10}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":" with","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"bEODudar5Ugy7","output_index":0,"sequence_number":11}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":" that","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"vgV12xj1WjxQ","output_index":0,"sequence_number":12}

event: response.refusal.delta
data: {"type":"response.refusal.delta","content_index":0,"delta":".","item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","obfuscation":"EVzYb8I41jgCxa5","output_index":0,"sequence_number":13}

event: response.refusal.done
data: {"type":"response.refusal.done","content_index":0,"item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","output_index":0,"refusal":"I'm sorry, but I can't help with that.","sequence_number":14}

event: response.content_part.done
data: {"type":"response.content_part.done","content_index":0,"item_id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","output_index":0,"part":{"type":"refusal","refusal":"I'm sorry, but I can't help with that."},"sequence_number":15}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","type":"message","status":"completed","content":[{"type":"refusal","refusal":"I'm sorry, but I can't help with that."}],"role":"assistant"},"output_index":0,"sequence_number":16}

event: response.completed
data: {"type":"response.completed","response":{"id":"resp_0e5a9c1d3f6b8a0c0068f3a5f7a8b9c0d1e2f3a4b5c6d7e8","object":"response","created_at":1770000402,"status":"completed","background":false,"completed_at":1770000403,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4o-2024-08-06","output":[{"id":"msg_0e5a9c1d3f6b8a0c0068f3a5f8b9c0d1e2f3a4b5c6d7e8f9","type":"message","status":"completed","content":[{"type":"refusal","refusal":"I'm sorry, but I can't help with that."}],"role":"assistant"}],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":41,"input_tokens_details":{"cached_tokens":0},"output_tokens":10,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":51},"user":null,"metadata":{}},"sequence_number":17}

"""

MAX_OUTPUT_TOKENS = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_0f6b0d2e4a7c9b1d0068f3a6a8b9c0d1e2f3a4b5c6d7e8f9","object":"response","created_at":1770000510,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":16,"max_tool_calls":null,"model":"gpt-4o-mini-2024-07-18","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_0f6b0d2e4a7c9b1d0068f3a6a8b9c0d1e2f3a4b5c6d7e8f9","object":"response","created_at":1770000510,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":16,"max_tool_calls":null,"model":"gpt-4o-mini-2024-07-18","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","type":"message","status":"in_progress","content":[],"role":"assistant"},"output_index":0,"sequence_number":2}

event: response.content_part.added
data: {"type":"response.content_part.added","content_index":0,"item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""},"sequence_number":3}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"The","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"RJEqe","output_index":0,"sequence_number":4}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" seven","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"hzTmYI3kCv","output_index":0,"sequence_number":5}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" continents","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"ZIXwsIS","output_index":0,"sequence_number":6}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" are","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"CJ4TXcG","output_index":0,"sequence_number":7}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":":","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"pQNaH40FJIqk2c","output_index":0,"sequence_number":8}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" Africa","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"a2nKtmjr","output_index":0,"sequence_number":9}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":",","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"rUt","output_index":0,"sequence_number":10}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" Antarctica","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"4xnTUkMaf040wK","output_index":0,"sequence_number":11}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":",","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"wlE7O","output_index":0,"sequence_number":12}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" Asia","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"Ey4JNw","output_index":0,"sequence_number":13}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":",","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"PUfB","output_index":0,"sequence_number":14}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" Australia","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"L5N","output_index":0,"sequence_number":15}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":",","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"MCroOd","output_index":0,"sequence_number":16}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" Europe","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"QPG1HqHrOx","output_index":0,"sequence_number":17}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":",","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"YBVxgWI","output_index":0,"sequence_number":18}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" North","item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"obfuscation":"5Pk8rdPGu","output_index":0,"sequence_number":19}

event: response.output_text.done
data: {"type":"response.output_text.done","content_index":0,"item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","logprobs":[],"output_index":0,"sequence_number":20,"text":"The seven continents are: Africa, Antarctica, Asia, Australia, Europe, North"}

event: response.content_part.done
data: {"type":"response.content_part.done","content_index":0,"item_id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"The seven continents are: Africa, Antarctica, Asia, Australia, Europe, North"},"sequence_number":21}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","type":"message","status":"incomplete","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"The seven continents are: Africa, Antarctica, Asia, Australia, Europe, North"}],"role":"assistant"},"output_index":0,"sequence_number":22}

event: response.incomplete
data: {"type":"response.incomplete","response":{"id":"resp_0f6b0d2e4a7c9b1d0068f3a6a8b9c0d1e2f3a4b5c6d7e8f9","object":"response","created_at":1770000510,"status":"incomplete","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":{"reason":"max_output_tokens"},"instructions":null,"max_output_tokens":16,"max_tool_calls":null,"model":"gpt-4o-mini-2024-07-18","output":[{"id":"msg_0f6b0d2e4a7c9b1d0068f3a6a9c0d1e2f3a4b5c6d7e8f9a0","type":"message","status":"incomplete","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"The seven continents are: Africa, Antarctica, Asia, Australia, Europe, North"}],"role":"assistant"}],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":18,"input_tokens_details":{"cached_tokens":0},"output_tokens":16,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":34},"user":null,"metadata":{}},"sequence_number":23}

"""

CONTENT_FILTER = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_107c1e3f5b8d0c2e0068f3a7b9c0d1e2f3a4b5c6d7e8f9a0","object":"response","created_at":1770000577,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4o-2024-08-06","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_107c1e3f5b8d0c2e0068f3a7b9c0d1e2f3a4b5c6d7e8f9a0","object":"response","created_at":1770000577,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4o-2024-08-06","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","type":"message","status":"in_progress","content":[],"role":"assistant"},"output_index":0,"sequence_number":2}

event: response.content_part.added
data: {"type":"response.content_part.added","content_index":0,"item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""},"sequence_number":3}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"Here","item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","logprobs":[],"obfuscation":"GdfQhdCBIflRq","output_index":0,"sequence_number":4}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" is","item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","logprobs":[],"obfuscation":"aerTtwyz","output_index":0,"sequence_number":5}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" the","item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","logprobs":[],"obfuscation":"T21TeVhsZFCU","output_index":0,"sequence_number":6}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" scene","item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","logprobs":[],"obfuscation":"5tpXa6d","output_index":0,"sequence_number":7}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" you","item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","logprobs":[],"obfuscation":"GI3yjoYsPP3V5ag","output_index":0,"sequence_number":8}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" asked","item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","logprobs":[],"obfuscation":"Y9iJhbz","output_index":0,"sequence_number":9}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" for","item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","logprobs":[],"obfuscation":"FneUrWl","output_index":0,"sequence_number":10}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":":","item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","logprobs":[],"obfuscation":"jg2bY","output_index":0,"sequence_number":11}

event: response.output_text.done
data: {"type":"response.output_text.done","content_index":0,"item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","logprobs":[],"output_index":0,"sequence_number":12,"text":"Here is the scene you asked for:"}

event: response.content_part.done
data: {"type":"response.content_part.done","content_index":0,"item_id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"Here is the scene you asked for:"},"sequence_number":13}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","type":"message","status":"incomplete","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Here is the scene you asked for:"}],"role":"assistant"},"output_index":0,"sequence_number":14}

event: response.incomplete
data: {"type":"response.incomplete","response":{"id":"resp_107c1e3f5b8d0c2e0068f3a7b9c0d1e2f3a4b5c6d7e8f9a0","object":"response","created_at":1770000577,"status":"incomplete","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":{"reason":"content_filter"},"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4o-2024-08-06","output":[{"id":"msg_107c1e3f5b8d0c2e0068f3a7bad1e2f3a4b5c6d7e8f9a0b1","type":"message","status":"incomplete","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Here is the scene you asked for:"}],"role":"assistant"}],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":36,"input_tokens_details":{"cached_tokens":0},"output_tokens":8,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":44},"user":null,"metadata":{}},"sequence_number":15}

"""

FAILED = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_118d2f4a6c9e1d3f0068f3a8cad1e2f3a4b5c6d7e8f9a0b1","object":"response","created_at":1770000633,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-mini-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_118d2f4a6c9e1d3f0068f3a8cad1e2f3a4b5c6d7e8f9a0b1","object":"response","created_at":1770000633,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-mini-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.failed
data: {"type":"response.failed","response":{"id":"resp_118d2f4a6c9e1d3f0068f3a8cad1e2f3a4b5c6d7e8f9a0b1","object":"response","created_at":1770000633,"status":"failed","background":false,"completed_at":null,"error":{"code":"server_error","message":"An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists. Please include the request ID req_6f1c0e8d4b2a49d7a3e5c1b9f0d2e4a6 in your message."},"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-mini-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":2}

"""

ERROR_EVENT = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_129e3a5b7d0f2e4a0068f3a9dbe2f3a4b5c6d7e8f9a0b1c2","object":"response","created_at":1770000705,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_129e3a5b7d0f2e4a0068f3a9dbe2f3a4b5c6d7e8f9a0b1c2","object":"response","created_at":1770000705,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"msg_129e3a5b7d0f2e4a0068f3a9dcf3a4b5c6d7e8f9a0b1c2d3","type":"message","status":"in_progress","content":[],"role":"assistant"},"output_index":0,"sequence_number":2}

event: response.content_part.added
data: {"type":"response.content_part.added","content_index":0,"item_id":"msg_129e3a5b7d0f2e4a0068f3a9dcf3a4b5c6d7e8f9a0b1c2d3","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""},"sequence_number":3}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"Here","item_id":"msg_129e3a5b7d0f2e4a0068f3a9dcf3a4b5c6d7e8f9a0b1c2d3","logprobs":[],"obfuscation":"Mu5A5S","output_index":0,"sequence_number":4}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" are","item_id":"msg_129e3a5b7d0f2e4a0068f3a9dcf3a4b5c6d7e8f9a0b1c2d3","logprobs":[],"obfuscation":"NKFCu9NDmZ","output_index":0,"sequence_number":5}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" three","item_id":"msg_129e3a5b7d0f2e4a0068f3a9dcf3a4b5c6d7e8f9a0b1c2d3","logprobs":[],"obfuscation":"IhoQ0","output_index":0,"sequence_number":6}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" tips","item_id":"msg_129e3a5b7d0f2e4a0068f3a9dcf3a4b5c6d7e8f9a0b1c2d3","logprobs":[],"obfuscation":"zoLwD","output_index":0,"sequence_number":7}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":":","item_id":"msg_129e3a5b7d0f2e4a0068f3a9dcf3a4b5c6d7e8f9a0b1c2d3","logprobs":[],"obfuscation":"XPrL1M2mK6oV","output_index":0,"sequence_number":8}

event: error
data: {"type":"error","code":"server_error","message":"The server had an error while processing your request. Sorry about that!","param":null,"sequence_number":9}

"""

TRUNCATED = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_13af4b6c8e1a3f5b0068f3aaecf3a4b5c6d7e8f9a0b1c2d3","object":"response","created_at":1770000788,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_13af4b6c8e1a3f5b0068f3aaecf3a4b5c6d7e8f9a0b1c2d3","object":"response","created_at":1770000788,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","type":"message","status":"in_progress","content":[],"role":"assistant"},"output_index":0,"sequence_number":2}

event: response.content_part.added
data: {"type":"response.content_part.added","content_index":0,"item_id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""},"sequence_number":3}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"Once","item_id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","logprobs":[],"obfuscation":"Apz","output_index":0,"sequence_number":4}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" upon","item_id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","logprobs":[],"obfuscation":"Vh6Pc5uxZFPq","output_index":0,"sequence_number":5}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" a","item_id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","logprobs":[],"obfuscation":"ytxHTLxL5","output_index":0,"sequence_number":6}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" time","item_id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","logprobs":[],"obfuscation":"AOL","output_index":0,"sequence_number":7}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":",","item_id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","logprobs":[],"obfuscation":"tsLQE","output_index":0,"sequence_number":8}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" a","item_id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","logprobs":[],"obfuscation":"gD4Kkx","output_index":0,"sequence_number":9}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" lighthouse","item_id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","logprobs":[],"obfuscation":"BR9DZueDBFa2","output_index":0,"sequence_number":10}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" keeper","item_id":"msg_13af4b6c8e1a3f5b0068f3aaeda4b5c6d7e8f9a0b1c2d3e4","logprobs":[],"obfuscation":"MeEB","output_index":0,"sequence_number":11}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" fo"""

NON_ASCII = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_14b05c7d9f2b4a6c0068f3abfda4b5c6d7e8f9a0b1c2d3e4","object":"response","created_at":1770000850,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_14b05c7d9f2b4a6c0068f3abfda4b5c6d7e8f9a0b1c2d3e4","object":"response","created_at":1770000850,"status":"in_progress","background":false,"completed_at":null,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","type":"message","status":"in_progress","content":[],"role":"assistant"},"output_index":0,"sequence_number":2}

event: response.content_part.added
data: {"type":"response.content_part.added","content_index":0,"item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""},"sequence_number":3}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"Größe","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"IezLMhbw0P","output_index":0,"sequence_number":4}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" auf","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"NVIq17","output_index":0,"sequence_number":5}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" Japanisch","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"H4Z7q1YyxT8a","output_index":0,"sequence_number":6}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":":","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"wAtlF2YwcbIZ","output_index":0,"sequence_number":7}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" 大","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"aXc0bE","output_index":0,"sequence_number":8}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"きさ","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"gJAEu74Emnxjh","output_index":0,"sequence_number":9}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"。","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"d7o3rA","output_index":0,"sequence_number":10}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" Gut","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"wExjxS","output_index":0,"sequence_number":11}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" gemacht","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"4OUr1mV05JdGmmz","output_index":0,"sequence_number":12}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" 👍","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"76cRBO9b668","output_index":0,"sequence_number":13}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"🏽","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"eUfhRMQYmGWgH","output_index":0,"sequence_number":14}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" — ","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"KEv4QlCnX2X9","output_index":0,"sequence_number":15}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"ça","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"oun","output_index":0,"sequence_number":16}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":" va","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"KsjMabsgzG4","output_index":0,"sequence_number":17}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"?","item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"obfuscation":"QnUAJM","output_index":0,"sequence_number":18}

event: response.output_text.done
data: {"type":"response.output_text.done","content_index":0,"item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","logprobs":[],"output_index":0,"sequence_number":19,"text":"Größe auf Japanisch: 大きさ。 Gut gemacht 👍🏽 — ça va?"}

event: response.content_part.done
data: {"type":"response.content_part.done","content_index":0,"item_id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","output_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"Größe auf Japanisch: 大きさ。 Gut gemacht 👍🏽 — ça va?"},"sequence_number":20}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Größe auf Japanisch: 大きさ。 Gut gemacht 👍🏽 — ça va?"}],"role":"assistant"},"output_index":0,"sequence_number":21}

event: response.completed
data: {"type":"response.completed","response":{"id":"resp_14b05c7d9f2b4a6c0068f3abfda4b5c6d7e8f9a0b1c2d3e4","object":"response","created_at":1770000850,"status":"completed","background":false,"completed_at":1770000851,"error":null,"frequency_penalty":0.0,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4.1-2025-04-14","output":[{"id":"msg_14b05c7d9f2b4a6c0068f3abfeb5c6d7e8f9a0b1c2d3e4f5","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Größe auf Japanisch: 大きさ。 Gut gemacht 👍🏽 — ça va?"}],"role":"assistant"}],"parallel_tool_calls":true,"presence_penalty":0.0,"previous_response_id":null,"prompt_cache_key":null,"prompt_cache_retention":null,"reasoning":{"effort":null,"summary":null},"safety_identifier":null,"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":22,"input_tokens_details":{"cached_tokens":0},"output_tokens":15,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":37},"user":null,"metadata":{}},"sequence_number":22}

"""


WEB_SEARCH = r"""event: response.created
data: {"type":"response.created","response":{"id":"resp_07c2e4a6b8d0f2a4c0068f3b1a2c3d4e5f60718293a4b5c6e","object":"response","created_at":1770000901,"status":"in_progress","background":false,"completed_at":null,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[{"type":"web_search","filters":null,"search_context_size":"medium","user_location":{"type":"approximate","city":null,"country":"US","region":null,"timezone":null}}],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":0}

event: response.in_progress
data: {"type":"response.in_progress","response":{"id":"resp_07c2e4a6b8d0f2a4c0068f3b1a2c3d4e5f60718293a4b5c6e","object":"response","created_at":1770000901,"status":"in_progress","background":false,"completed_at":null,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[{"type":"web_search","filters":null,"search_context_size":"medium","user_location":{"type":"approximate","city":null,"country":"US","region":null,"timezone":null}}],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}},"sequence_number":1}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"ws_07c2e4a6b8d0f2a4c0068f3b1a3d4e5f6a7b8c9d0e1f2a3b4","type":"web_search_call","status":"in_progress"},"output_index":0,"sequence_number":2}

event: response.web_search_call.in_progress
data: {"type":"response.web_search_call.in_progress","item_id":"ws_07c2e4a6b8d0f2a4c0068f3b1a3d4e5f6a7b8c9d0e1f2a3b4","output_index":0,"sequence_number":3}

event: response.web_search_call.searching
data: {"type":"response.web_search_call.searching","item_id":"ws_07c2e4a6b8d0f2a4c0068f3b1a3d4e5f6a7b8c9d0e1f2a3b4","output_index":0,"sequence_number":4}

event: response.web_search_call.completed
data: {"type":"response.web_search_call.completed","item_id":"ws_07c2e4a6b8d0f2a4c0068f3b1a3d4e5f6a7b8c9d0e1f2a3b4","output_index":0,"sequence_number":5}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"ws_07c2e4a6b8d0f2a4c0068f3b1a3d4e5f6a7b8c9d0e1f2a3b4","type":"web_search_call","status":"completed","action":{"type":"search","query":"Lisbon tram 28 route","queries":["Lisbon tram 28 route"]}},"output_index":0,"sequence_number":6}

event: response.output_item.added
data: {"type":"response.output_item.added","item":{"id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","type":"message","status":"in_progress","content":[],"role":"assistant"},"output_index":1,"sequence_number":7}

event: response.content_part.added
data: {"type":"response.content_part.added","content_index":0,"item_id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","output_index":1,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""},"sequence_number":8}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"Tram 28 runs from ","item_id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","logprobs":[],"obfuscation":"Xk2pQ","output_index":1,"sequence_number":9}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"Martim Moniz to ","item_id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","logprobs":[],"obfuscation":"a9LmZt","output_index":1,"sequence_number":10}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"Campo de Ourique ","item_id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","logprobs":[],"obfuscation":"Rw","output_index":1,"sequence_number":11}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":"(Prazeres)","item_id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","logprobs":[],"obfuscation":"q7VbN3","output_index":1,"sequence_number":12}

event: response.output_text.delta
data: {"type":"response.output_text.delta","content_index":0,"delta":". ([carris.pt](https://www.carris.pt/en/tram-28?utm_source=openai))","item_id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","logprobs":[],"obfuscation":"T","output_index":1,"sequence_number":13}

event: response.output_text.annotation.added
data: {"type":"response.output_text.annotation.added","annotation":{"type":"url_citation","end_index":128,"start_index":62,"title":"Tram 28 – Carris","url":"https://www.carris.pt/en/tram-28?utm_source=openai"},"annotation_index":0,"content_index":0,"item_id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","output_index":1,"sequence_number":14}

event: response.output_text.done
data: {"type":"response.output_text.done","content_index":0,"item_id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","logprobs":[],"output_index":1,"text":"Tram 28 runs from Martim Moniz to Campo de Ourique (Prazeres). ([carris.pt](https://www.carris.pt/en/tram-28?utm_source=openai))","sequence_number":15}

event: response.content_part.done
data: {"type":"response.content_part.done","content_index":0,"item_id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","output_index":1,"part":{"type":"output_text","annotations":[{"type":"url_citation","end_index":128,"start_index":62,"title":"Tram 28 – Carris","url":"https://www.carris.pt/en/tram-28?utm_source=openai"}],"logprobs":[],"text":"Tram 28 runs from Martim Moniz to Campo de Ourique (Prazeres). ([carris.pt](https://www.carris.pt/en/tram-28?utm_source=openai))"},"sequence_number":16}

event: response.output_item.done
data: {"type":"response.output_item.done","item":{"id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","type":"message","status":"completed","content":[{"type":"output_text","annotations":[{"type":"url_citation","end_index":128,"start_index":62,"title":"Tram 28 – Carris","url":"https://www.carris.pt/en/tram-28?utm_source=openai"}],"logprobs":[],"text":"Tram 28 runs from Martim Moniz to Campo de Ourique (Prazeres). ([carris.pt](https://www.carris.pt/en/tram-28?utm_source=openai))"}],"role":"assistant"},"output_index":1,"sequence_number":17}

event: response.completed
data: {"type":"response.completed","response":{"id":"resp_07c2e4a6b8d0f2a4c0068f3b1a2c3d4e5f60718293a4b5c6e","object":"response","created_at":1770000901,"status":"completed","background":false,"completed_at":1770000904,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-4.1-2025-04-14","output":[{"id":"ws_07c2e4a6b8d0f2a4c0068f3b1a3d4e5f6a7b8c9d0e1f2a3b4","type":"web_search_call","status":"completed","action":{"type":"search","query":"Lisbon tram 28 route","queries":["Lisbon tram 28 route"]}},{"id":"msg_07c2e4a6b8d0f2a4c0068f3b1a5e6f7a8b9c0d1e2f3a4b5c6","type":"message","status":"completed","content":[{"type":"output_text","annotations":[{"type":"url_citation","end_index":128,"start_index":62,"title":"Tram 28 – Carris","url":"https://www.carris.pt/en/tram-28?utm_source=openai"}],"logprobs":[],"text":"Tram 28 runs from Martim Moniz to Campo de Ourique (Prazeres). ([carris.pt](https://www.carris.pt/en/tram-28?utm_source=openai))"}],"role":"assistant"}],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"service_tier":"auto","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[{"type":"web_search","filters":null,"search_context_size":"medium","user_location":{"type":"approximate","city":null,"country":"US","region":null,"timezone":null}}],"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":312,"input_tokens_details":{"cached_tokens":0},"output_tokens":29,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":341},"user":null,"metadata":{}},"sequence_number":18}

"""


def req(model: str, prompt: str, **extra: Any) -> dict[str, Any]:
    return {"model": model, "input": prompt, "stream": True, **extra}


SCENARIOS = [
    Scenario(
        name="web_search",
        description="The hosted web_search tool: a web_search_call item (in_progress, searching, completed events; its action, the query, only in output_item.done), then a message whose text carries a url_citation given by response.output_text.annotation.added. The API ran the search: tool_calls is empty, stop_reason stop.",
        features=["text", "usage", "server_tools", "citations", "non_ascii"],
        source=[STREAMING, WEB_SEARCH_GUIDE, SDK_EVENTS],
        request=req("gpt-4.1", "Which way does Lisbon's tram 28 run?", tools=[{"type": "web_search"}]),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:55:01 GMT",
            "req_5d7f9b1c3e5a47c9b1d3f5a7c9e1b3d5",
            "9c81f3a2bc4d2a40-CDG",
            2411,
        ),
        body=WEB_SEARCH,
        expected=message(
            text="Tram 28 runs from Martim Moniz to Campo de Ourique (Prazeres). ([carris.pt](https://www.carris.pt/en/tram-28?utm_source=openai))",
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage=usage(312, 29),
            complete=True,
            server_tool_calls=[
                {
                    "id": "ws_07c2e4a6b8d0f2a4c0068f3b1a3d4e5f6a7b8c9d0e1f2a3b4",
                    "name": "web_search",
                    "arguments": {
                        "type": "search",
                        "query": "Lisbon tram 28 route",
                        "queries": ["Lisbon tram 28 route"],
                    },
                }
            ],
            citations=[
                {
                    "type": "url_citation",
                    "end_index": 128,
                    "start_index": 62,
                    "title": "Tram 28 – Carris",
                    "url": "https://www.carris.pt/en/tram-28?utm_source=openai",
                }
            ],
        ),
    ),
    Scenario(
        name="text",
        description="Plain text: response.created and .in_progress, one message item whose output_text part grows by seventeen deltas, the .done events of part and item, then response.completed with the whole response and its usage.",
        features=["text", "usage"],
        source=[STREAMING, STREAMING_GUIDE, SDK_EVENTS],
        request=req("gpt-4.1", "Why is the sky blue? One sentence."),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:41:41 GMT",
            "req_3c1f9e6a0b8d47f2a5c4e1d9b7a2f0c6",
            "9c81e4a1fb6d2a3e-CDG",
            214,
        ),
        body=TEXT,
        expected=message(
            text="The sky looks blue because air scatters short blue wavelengths of sunlight more than red ones.",
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage=usage(14, 17),
            complete=True,
        ),
    ),
    Scenario(
        name="tool_call",
        description="One function_call item: output_item.added names the call (call_id, name, empty arguments), twelve function_call_arguments.delta events cut mid-key and mid-value, .done with the whole arguments, then response.completed: stop_reason tool_calls.",
        features=["tool_calls", "usage"],
        source=[STREAMING, FUNCTION_CALLING, SDK_ACCUMULATOR],
        request=req("gpt-4.1", "What's the weather in Paris?", tools=[WEATHER_TOOL]),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:42:43 GMT",
            "req_8b2e4d6f1a3c459e8d7b0f2a4c6e8b1d",
            "9c81e6277c1e2a3f-CDG",
            388,
        ),
        body=TOOL_CALL,
        expected=message(
            tool_calls=[
                {
                    "id": "call_Vb3qR8sLm2XcT7nYwK4pD9hJ",
                    "name": "get_weather",
                    "arguments": {"location": "Paris, France", "unit": "celsius"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="completed",
            usage=usage(71, 23),
            complete=True,
        ),
    ),
    Scenario(
        name="tool_calls_parallel",
        description="Two function_call items at output_index 0 and 1, each added, streamed and done in turn; their arguments deltas are told apart by output_index and item_id. The call id is call_id (what the client sends back), not the item id (fc_...).",
        features=["tool_calls", "parallel_tool_calls", "usage"],
        source=[STREAMING, FUNCTION_CALLING, SDK_ACCUMULATOR],
        request=req("gpt-4.1", "Weather in Paris and in Tokyo?", tools=[WEATHER_TOOL]),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:43:40 GMT",
            "req_1d3f5b7e9a2c4e6f8b0d2f4a6c8e0b2d",
            "9c81e78d2a4b2a40-CDG",
            612,
        ),
        body=TOOL_CALLS_PARALLEL,
        expected=message(
            tool_calls=[
                {
                    "id": "call_Kx7Wm3Qp9RsT2vLn5YdF8bHc",
                    "name": "get_weather",
                    "arguments": {"location": "Paris, France", "unit": "celsius"},
                },
                {
                    "id": "call_Pq2Nv6Zr4TmW8sJk1XcB5gYd",
                    "name": "get_weather",
                    "arguments": {"location": "Tokyo, Japan", "unit": "celsius"},
                },
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="completed",
            usage=usage(78, 54),
            complete=True,
        ),
    ),
    Scenario(
        name="reasoning",
        description="An o4-mini answer with reasoning.summary detailed: a reasoning item with two summary parts (reasoning_summary_part.added, reasoning_summary_text.delta..., .done) before the message item at output_index 1. The summaries are concatenated as sent (no separator is streamed); usage counts the hidden reasoning tokens.",
        features=["reasoning", "text", "usage"],
        source=[STREAMING, REASONING, SDK_EVENTS],
        request=req(
            "o4-mini", "Which is larger, 9.11 or 9.9?", reasoning={"effort": "medium", "summary": "detailed"}
        ),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:45:01 GMT",
            "req_5e7a9c1b3d5f47a9b1d3f5a7c9e1b3d5",
            "9c81e98b6c0d2a41-CDG",
            4817,
        ),
        body=REASONING_BODY,
        expected=message(
            text="9.9 is larger: 9.90 > 9.11.",
            reasoning="**Comparing decimals**\n\n9.11 and 9.9 share the whole part 9; compare tenths: 1 < 9.**Answer**\n\nSo 9.9 is larger.",
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage=usage(19, 211, reasoning=192),
            complete=True,
        ),
    ),
    Scenario(
        name="reasoning_encrypted",
        description="The reasoning scenario with store false and include reasoning.encrypted_content: the reasoning item's encrypted_content on its .added (a provisional token) and a different one on its .done and in response.completed; the .done one is the item's, byte for byte.",
        features=["reasoning", "text", "usage"],
        source=[
            STREAMING,
            REASONING,
            SDK_EVENTS,
            "https://platform.openai.com/docs/guides/reasoning#encrypted-reasoning-items",
        ],
        request=req(
            "o4-mini",
            "Which is larger, 9.11 or 9.9?",
            reasoning={"effort": "medium", "summary": "detailed"},
            store=False,
            include=["reasoning.encrypted_content"],
        ),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:51:37 GMT",
            "req_6f8b0d2c4e6a48b0c2e4a6b8d0f2c4e6",
            "9c81f3a27d1e4b52-CDG",
            4630,
        ),
        body=REASONING_ENCRYPTED_BODY,
        expected=message(
            text="9.9 is larger: 9.90 > 9.11.",
            reasoning="**Comparing decimals**\n\n9.11 and 9.9 share the whole part 9; compare tenths: 1 < 9.**Answer**\n\nSo 9.9 is larger.",
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage=usage(19, 211, reasoning=192),
            complete=True,
            signatures=[{"kind": "encrypted_content", "value": ENCRYPTED_DONE}],
        ),
    ),
    Scenario(
        name="refusal",
        description='A refusal: the message item\'s content part is of type refusal (content_part.added with refusal ""), grown by response.refusal.delta events, with no output_text at all.',
        features=["refusal", "usage"],
        source=[STREAMING, REFUSALS, SDK_EVENTS],
        request=req(
            "gpt-4o-2024-08-06",
            "Explain how to pick a lock on a neighbour's door.",
            text={
                "format": {
                    "type": "json_schema",
                    "name": "steps",
                    "schema": {
                        "type": "object",
                        "properties": {"steps": {"type": "array", "items": {"type": "string"}}},
                        "required": ["steps"],
                        "additionalProperties": False,
                    },
                    "strict": True,
                }
            },
        ),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:46:42 GMT",
            "req_7f9b1d3e5a7c49b1d3f5a7b9d1f3a5c7",
            "9c81ec02ae1f2a42-CDG",
            402,
        ),
        body=REFUSAL,
        expected=message(
            refusal="I'm sorry, but I can't help with that.",
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage=usage(41, 10),
            complete=True,
        ),
    ),
    Scenario(
        name="max_output_tokens",
        description="The answer hits max_output_tokens (16): the message item is done with status incomplete and the stream ends with response.incomplete (incomplete_details.reason max_output_tokens) — the terminator, so the message is complete, with stop_reason length.",
        features=["text", "usage"],
        source=[STREAMING, RESPONSE_OBJECT],
        request=req("gpt-4o-mini", "List the seven continents.", max_output_tokens=16),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:48:30 GMT",
            "req_9a1c3e5f7b9d41c3e5a7c9e1b3d5f7a9",
            "9c81eea63f212a43-CDG",
            311,
        ),
        body=MAX_OUTPUT_TOKENS,
        expected=message(
            text="The seven continents are: Africa, Antarctica, Asia, Australia, Europe, North",
            stop_reason="length",
            vendor_stop_reason="max_output_tokens",
            usage=usage(18, 16),
            complete=True,
        ),
    ),
    Scenario(
        name="content_filter",
        description="Generation stopped by the content filter: some text, the message item done as incomplete, then response.incomplete with incomplete_details.reason content_filter.",
        features=["text", "content_filter", "usage"],
        source=[STREAMING, RESPONSE_OBJECT],
        request=req("gpt-4o", "Write the fight scene in full detail."),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:49:37 GMT",
            "req_0b2d4f6a8c0e42d4f6b8d0f2a4c6e8b0",
            "9c81f04bd1432a44-CDG",
            268,
        ),
        body=CONTENT_FILTER,
        expected=message(
            text="Here is the scene you asked for:",
            stop_reason="content_filter",
            vendor_stop_reason="content_filter",
            usage=usage(36, 8),
            complete=True,
        ),
    ),
    Scenario(
        name="failed",
        description="response.created and .in_progress, then response.failed before any output item: status failed, error {code: server_error, message}, usage null. The terminator came, but the response failed: stop_reason error, vendor_stop_reason failed, the error reported, complete false.",
        features=["error"],
        source=[STREAMING, RESPONSE_OBJECT, ERROR_CODES],
        request=req("gpt-4.1-mini", "Explain photosynthesis."),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:50:33 GMT",
            "req_6f1c0e8d4b2a49d7a3e5c1b9f0d2e4a6",
            "9c81f1aa83652a45-CDG",
            1950,
        ),
        body=FAILED,
        expected=message(
            stop_reason="error",
            vendor_stop_reason="failed",
            error={
                "type": "server_error",
                "message": "An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists. Please include the request ID req_6f1c0e8d4b2a49d7a3e5c1b9f0d2e4a6 in your message.",
            },
            complete=False,
        ),
    ),
    Scenario(
        name="error_event",
        description="Five text deltas, then an `error` event of the documented shape ({type: error, code, message, param, sequence_number}); the connection closes with no terminal response event.",
        features=["text", "error"],
        source=[STREAMING, ERROR_CODES, SDK_EVENTS],
        request=req("gpt-4.1", "Give me three tips for writing."),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:51:45 GMT",
            "req_2c4e6a8b0d2f44e6a8c0e2b4d6f8a0c2",
            "9c81f36c25872a46-CDG",
            733,
        ),
        body=ERROR_EVENT,
        expected=message(
            text="Here are three tips:",
            stop_reason="error",
            error={
                "type": "server_error",
                "message": "The server had an error while processing your request. Sorry about that!",
            },
            complete=False,
        ),
    ),
    Scenario(
        name="truncated",
        description="The connection drops in the middle of a data: line (inside the JSON string of a delta), before the .done events and response.completed. The unfinished event is dropped; complete is false and usage was never reported.",
        features=["text", "truncated"],
        source=[STREAMING, SDK_ACCUMULATOR],
        request=req("gpt-4.1", "Tell me a short story."),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:53:08 GMT",
            "req_4d6f8b0c2e4a46f8b0d2a4c6e8a0c2e4",
            "9c81f5729ba92a47-CDG",
            190,
        ),
        body=TRUNCATED,
        expected=message(text="Once upon a time, a lighthouse keeper", complete=False),
    ),
    Scenario(
        name="non_ascii",
        description="Multi-byte UTF-8 sent raw, as the Responses API does: 2-byte (ö, ß, ç), 3-byte CJK, an em dash, and a 4-byte emoji whose skin-tone modifier arrives in its own delta.",
        features=["text", "non_ascii", "usage"],
        source=[STREAMING, SDK_EVENTS],
        request=req("gpt-4.1", "Say 'size' in Japanese, in German."),
        headers=response_headers(
            "Mon, 02 Feb 2026 02:54:10 GMT",
            "req_6e8a0c2d4f6b48a0c2e4b6d8f0a2c4e6",
            "9c81f6f8ed4b2a48-CDG",
            276,
        ),
        body=NON_ASCII,
        expected=message(
            text="Größe auf Japanisch: 大きさ。 Gut gemacht 👍🏽 — ça va?",
            stop_reason="stop",
            vendor_stop_reason="completed",
            usage=usage(22, 15),
            complete=True,
        ),
    ),
]


if __name__ == "__main__":
    sys.exit(
        main(VENDOR, scenario_cassettes(VENDOR, URI, SCENARIOS, request_headers), doc=__doc__, extra=lf_only)
    )
