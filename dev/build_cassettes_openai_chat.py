"""Build the bundled `openai-chat` cassettes (cassettes/openai-chat/<scenario>.yaml).

    python dev/build_cassettes_openai_chat.py [--check]

Each scenario holds its body literally, byte for byte as OpenAI's Chat Completions API
sends it (`data:` lines with no `event:` names, LF line ends, field order `id, object,
created, model, service_tier, system_fingerprint, choices, usage, obfuscation`, `usage:
null` on every chunk but the include_usage one, a random `obfuscation` pad on every chunk,
`logprobs: null` on gpt-4o/4.1 choices but not on gpt-5 ones), written from the docs and
shaped like the live traffic recorded in ../shared/real-streams/openai-chat (not copied
from it). Beside it: the request that would produce it (no credentials: the
`authorization` header is left out), realistic response headers (no cookies, no
organization or project ids), the sources it follows, its features, and the expected
`Message` written out by hand.

Before anything is written, each body is parsed whole and byte by byte and must give the
expected Message, and every event must validate against schemas/openai-chat; otherwise
the script stops with the difference and writes nothing. `--check` runs those checks only.
"""

# ruff: noqa: E501  (bodies are kept as the vendor sends them: one long line per event)

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import conformance
from conformance.formats.cassettes import Cassette, save_cassette
from conformance.message import Message
from conformance.formats.schemas import check_body

VENDOR = "openai-chat"
OUT = Path(__file__).resolve().parents[1] / "cassettes" / VENDOR
URI = "https://api.openai.com/v1/chat/completions"

STREAMING = "https://platform.openai.com/docs/api-reference/chat-streaming/streaming"
CREATE = "https://platform.openai.com/docs/api-reference/chat/create"
CHAT_OBJECT = "https://platform.openai.com/docs/api-reference/chat/object"
FUNCTION_CALLING = "https://platform.openai.com/docs/guides/function-calling#streaming"
REFUSALS = "https://platform.openai.com/docs/guides/structured-outputs#refusals"
REASONING = "https://platform.openai.com/docs/guides/reasoning"
PROMPT_CACHING = "https://platform.openai.com/docs/guides/prompt-caching"
ERROR_CODES = "https://platform.openai.com/docs/guides/error-codes"
SDK_ACCUMULATOR = (
    "https://github.com/openai/openai-python/blob/main/src/openai/lib/streaming/chat/_completions.py"
)
SDK_STREAMING = "https://github.com/openai/openai-python/blob/main/src/openai/_streaming.py"


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
        "access-control-expose-headers": ["X-Request-ID"],
        "openai-processing-ms": [str(processing_ms)],
        "openai-version": ["2020-10-01"],
        "x-envoy-upstream-service-time": [str(processing_ms + 41)],
        "x-ratelimit-limit-requests": ["5000"],
        "x-ratelimit-limit-tokens": ["800000"],
        "x-ratelimit-remaining-requests": ["4999"],
        "x-ratelimit-remaining-tokens": ["799987"],
        "x-ratelimit-reset-requests": ["12ms"],
        "x-ratelimit-reset-tokens": ["0s"],
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
    "function": {
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
    },
}


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    features: list[str]
    source: list[str]
    request: dict[str, Any]
    headers: dict[str, list[str]]
    body: str
    expected: dict[str, Any]


def message(**fields: Any) -> dict[str, Any]:
    """An expected Message as `Message.to_dict()` gives it (defaults: empty, incomplete)."""
    out: dict[str, Any] = {
        "vendor": VENDOR,
        "text": "",
        "reasoning": "",
        "refusal": "",
        "tool_calls": [],
        "stop_reason": None,
        "vendor_stop_reason": None,
        "usage": None,
        "error": None,
        "complete": False,
    }
    out.update(fields)
    return out


def usage(prompt: int, completion: int, *, cached: int = 0, reasoning: int = 0) -> dict[str, int]:
    """The normalized usage of an include_usage chunk (see adapters.openai_chat.USAGE_FIELDS)."""
    return {
        "input_tokens": prompt,
        "output_tokens": completion,
        "total_tokens": prompt + completion,
        "reasoning_tokens": reasoning,
        "cache_read_tokens": cached,
    }


# -- bodies, as the vendor sends them ---------------------------------------------------------

TEXT = r"""data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"aXKjcJ8K0kM"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"fgHb"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"WTBQV0nw2VpRgd8"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" How"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"RKfIhL4FKCq"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" can"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"NbwvF"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" I"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"OCj9qnfw"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" help"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"nNZWY1ld"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" you"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"cZy"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" today"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"LdrZuEi"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"?"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"wI8ZiMrmcg"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null,"obfuscation":"BCqRUA39alHOTe5"}

data: {"id":"chatcmpl-Cx3kT9bQe1LwZr7YvN2pD4sHa8JmF","object":"chat.completion.chunk","created":1768395121,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":9,"total_tokens":28,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":"7Vggdtkto"}

data: [DONE]

"""

TOOL_CALL = r"""data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_7HqLm2VxK9cRtB4nYwZ1fJ8s","type":"function","function":{"name":"get_weather","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"y4unub3v4SfAuH"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"G8Ak"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"location"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"ijn1VQ7F6HUw"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"4tWzm"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Paris"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"IsPtoXzKsf9IQM"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":","}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"2uXEvsC5"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":" France"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Aacdtoi0XtsTc"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\",\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"fMCH4zS8"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"unit"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"GfaT4"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"TPexr"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"c"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"8S8Cx"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"elsius"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"KS7zNj3kZPey3n"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"NmU9IH0"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null,"obfuscation":"JwomuBnIA9kJ"}

data: {"id":"chatcmpl-Cx3lA2fRk8TqWn5XcB7uJ1gPz6VdE","object":"chat.completion.chunk","created":1768395186,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[],"usage":{"prompt_tokens":82,"completion_tokens":18,"total_tokens":100,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":"jOpzlMB9YH"}

data: [DONE]

"""

TOOL_CALLS_PARALLEL = r"""data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"dlTgxQlJvjeR"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_Vd3kQ8mZ1xR7tLb2NcY9pW4e","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"oROJ"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_Hn6sJ2fT9aK4wEq1ZrM8uB3c","type":"function","function":{"name":"get_local_time","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"iM7gSwfuYE"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"SW7QQWje"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"ti"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"3oG31zqB"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"TyK4w1HUZor"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"mezone"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"UuZOoDraNp"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Tok"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"rPw"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\":\"Asia"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"gevNiegD2geE277"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"yo\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"543dJZ"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"/Tokyo\"}"}},{"index":0,"function":{"arguments":",\"unit\":\"celsius\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"KgCzRiDcnj"}

data: {"id":"chatcmpl-Cx3mQ5hYp3GsVe9KaD1tL7rNw2XbC","object":"chat.completion.chunk","created":1768395240,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null,"obfuscation":"XkQvbs2GNGAG"}

data: [DONE]

"""

TOOL_CALLS_IDENTICAL = r"""data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"cWs84"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_Qm4tX8nB2vK7rLz1WcP9sJ3d","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"WTbxpCSh0"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"n7T"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"city"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Tqc"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"fCWTGG"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Paris"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Rq91vQJocdOwer"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"kgY5Jr6pK"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_Ty6hN1pR5wE3kFx8MbV2qG7a","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"ch9vbu9"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"HpHB5d1yL"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"city"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"KY1tsR850nRAKpM"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"pwre9RlEg6KfAZK"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"Paris"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"wB0gTnEt"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"wIEJ"}

data: {"id":"chatcmpl-Cx3uP8vGn4UrHs1YpQ7fW2kDb5LaZ","object":"chat.completion.chunk","created":1768395750,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_5d2e9b8c41","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null,"obfuscation":"zjKBrQ67h7EVW"}

data: [DONE]

"""

REFUSAL = r"""data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":""},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Xu4"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":"I'm"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"6LNOZ45JB02X29R"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":" sorry"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Hms39"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":","},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"9yjA"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":" but"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"7ZxG"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":" I"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"BUta1vNkqjd52uD"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":" can't"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"m7qGGM"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":" help"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"yPEOytvGX4"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":" with"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"p7pRigaxnv1hZZ2"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":" that"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"aMTnE2pcv"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":" request"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"vjzOIuC9rY"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"refusal":"."},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"kgV2"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null,"obfuscation":"G8YjVQKq3hL"}

data: {"id":"chatcmpl-Cx3nW8jUa6HdXf2MbE4vK9sPq1YcG","object":"chat.completion.chunk","created":1768395302,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[],"usage":{"prompt_tokens":97,"completion_tokens":12,"total_tokens":109,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":"zro"}

data: [DONE]

"""

ERROR_MID_STREAM = r"""data: {"id":"chatcmpl-Cx3oB1kVc9JfYg5NdF7wL2tRs4ZaH","object":"chat.completion.chunk","created":1768395377,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"TRf"}

data: {"id":"chatcmpl-Cx3oB1kVc9JfYg5NdF7wL2tRs4ZaH","object":"chat.completion.chunk","created":1768395377,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":"The"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"5yiNVN1xLu38"}

data: {"id":"chatcmpl-Cx3oB1kVc9JfYg5NdF7wL2tRs4ZaH","object":"chat.completion.chunk","created":1768395377,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" Treaty"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"QnporRaA75GCAvr"}

data: {"id":"chatcmpl-Cx3oB1kVc9JfYg5NdF7wL2tRs4ZaH","object":"chat.completion.chunk","created":1768395377,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" of"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"lLWqyeN9ljE"}

data: {"id":"chatcmpl-Cx3oB1kVc9JfYg5NdF7wL2tRs4ZaH","object":"chat.completion.chunk","created":1768395377,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" Westphalia"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"GAGR8xU99BJ"}

data: {"id":"chatcmpl-Cx3oB1kVc9JfYg5NdF7wL2tRs4ZaH","object":"chat.completion.chunk","created":1768395377,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" was"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"UBV0xJA4XAO"}

data: {"id":"chatcmpl-Cx3oB1kVc9JfYg5NdF7wL2tRs4ZaH","object":"chat.completion.chunk","created":1768395377,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" signed"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"8dHRFlNT"}

data: {"id":"chatcmpl-Cx3oB1kVc9JfYg5NdF7wL2tRs4ZaH","object":"chat.completion.chunk","created":1768395377,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" in"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"oox"}

data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}

"""

USAGE = r"""data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null}],"usage":null,"obfuscation":"vxbLxuq7"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":"Use"},"finish_reason":null}],"usage":null,"obfuscation":"c0sm37KdcTQUUEx"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":" a"},"finish_reason":null}],"usage":null,"obfuscation":"UztN7qs"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":" composite"},"finish_reason":null}],"usage":null,"obfuscation":"OGh2wCl9MqZ5"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":" index"},"finish_reason":null}],"usage":null,"obfuscation":"KwhSlKuXM07S"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":" on"},"finish_reason":null}],"usage":null,"obfuscation":"wQmJ3UQ0n"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":" ("},"finish_reason":null}],"usage":null,"obfuscation":"GkG"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":"customer"},"finish_reason":null}],"usage":null,"obfuscation":"tct"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":"_id"},"finish_reason":null}],"usage":null,"obfuscation":"JEwsOqcuKYem"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":","},"finish_reason":null}],"usage":null,"obfuscation":"9nLTxZMexKZ"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":" created"},"finish_reason":null}],"usage":null,"obfuscation":"UVYfGxtzL"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":"_at"},"finish_reason":null}],"usage":null,"obfuscation":"qrooT6"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":")."},"finish_reason":null}],"usage":null,"obfuscation":"AJr16Te"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null,"obfuscation":"20hfjGyr5s3"}

data: {"id":"chatcmpl-Cx3pD4mXe2LhZi8PfG1yM5uTt7BcJ","object":"chat.completion.chunk","created":1768395431,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":null,"choices":[],"usage":{"prompt_tokens":1843,"completion_tokens":204,"total_tokens":2047,"prompt_tokens_details":{"cached_tokens":1536,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":192,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":"QxDHdT5x0ZCfzd2"}

data: [DONE]

"""

NON_ASCII = r"""data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Z4ihtvT1"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"Gr"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"mwfWenkd1pHS9"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"üß"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"MYo4FhQIdIsjaV"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"e"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"ZSJt3ROIsC"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" aus"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"sv0a67Bf"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" Zü"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"gM6tZqjl8Uc2oJ"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"rich"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"mCX9qq"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"cUzsuYDB6HR"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" 東京"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"k7Wa2nmBHOzhy"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"は"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"MllXC4s"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"晴れ"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"SdYC77"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"です"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"HPzXAXOtz"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" ☀"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"cAACItJQ"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"️"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"pTs64yumBn27amm"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" —"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"NHydaUbH"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" «"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"tUVOrAbCJ"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"ça"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"G8QG"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" va"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"MW8fY"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"»"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"qFJgiAyZd"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" "},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"peytAM"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"🎉"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"kAw3PoEKh9tfuHB"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" Sch\u00f6ne Gr\u00fc\u00dfe"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"nd4"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" \ud83c\udf0a"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"CEXLjYj1iUv"}

data: {"id":"chatcmpl-Cx3qF7nZg5NjAk1RhH4zN8vWu9DeK","object":"chat.completion.chunk","created":1768395498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null,"obfuscation":"pWnKt35pAVE"}

data: [DONE]

"""

TRUNCATED = r"""data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"xa5EEr9BfrG"}

data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"Once"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"DCb6UEJz6"}

data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" upon"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"wqORFUqwNaE"}

data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" a"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"6MitHMQ"}

data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" time"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"e8z8BJ"}

data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":","},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"yz2HaZGCgF3C"}

data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" a"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"rcdNeXNGcqZ"}

data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" lighthouse"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"t6CZF9E5E"}

data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" keeper"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"WHUDmjvw0GLdmN"}

data: {"id":"chatcmpl-Cx3rH9pBi7PlCm3TjJ6aP1xYw2FgL","object":"chat.completion.chunk","created":1768395560,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" fo"""

LENGTH = r"""data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"V81RZa"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":"Photos"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"hZPa50g"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":"ynthesis"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"lFHZ6"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" is"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"b6cCVl0Gw9OU1"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" the"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Q3e9EfEaCKBiO4j"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" process"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"pz7uqsGO"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" by"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"aDQs5dEA7"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" which"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"iaus4sjXN3J"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" green"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"qqp34e645Ya"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" plants"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"EKxcfKPdUy"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{"content":" turn"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"fBJb"}

data: {"id":"chatcmpl-Cx3sK2rDk9RnEo5VlL8cR3zAy4HiM","object":"chat.completion.chunk","created":1768395623,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_e8c4b2a917","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"length"}],"usage":null,"obfuscation":"vaXZ9Gz6TsSxj"}

data: [DONE]

"""

CONTENT_FILTER = r"""data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"pOOOMYc"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":"Here"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"6rEz"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" is"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"pCT"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" the"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"dnI5dgYQ7"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" full"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"2P31E2"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" text"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"E4Nwwmj1hhc"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" of"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Hr71L"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" the"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"6di6mmM"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":" song"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"v5KGh"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{"content":":"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"44RGEd725d3cwEd"}

data: {"id":"chatcmpl-Cx3tM5tFm2TpGq8XnN1eT6bCa7JkP","object":"chat.completion.chunk","created":1768395689,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_a3b1c7e2d9","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"content_filter"}],"usage":null,"obfuscation":"trzDjh9whuaKlX9"}

data: [DONE]

"""


def user(text: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": text}]


INCLUDE_USAGE = {"include_usage": True}

SCENARIOS = [
    Scenario(
        name="text",
        description="Plain text in nine deltas after an empty role chunk, finish_reason stop, then the include_usage chunk (choices: []) and data: [DONE].",
        features=["text", "usage"],
        source=[STREAMING, CREATE],
        request={
            "messages": user("Say hello and offer help, in one short sentence."),
            "model": "gpt-4o",
            "stream": True,
            "stream_options": INCLUDE_USAGE,
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 12:52:01 GMT",
            "req_3f9c2a7e1b8d4c6fa0e5b2d9c7a41e83",
            "9bd41c2e8f3a6d17-CDG",
            214,
        ),
        body=TEXT,
        expected=message(
            text="Hello! How can I help you today?",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage=usage(19, 9),
            complete=True,
        ),
    ),
    Scenario(
        name="tool_call",
        description='One tool call: id, type and name only in the first delta (arguments ""), then the arguments as twelve JSON-text fragments cut mid-key and mid-value; finish_reason tool_calls; include_usage chunk.',
        features=["tool_calls", "usage"],
        source=[FUNCTION_CALLING, STREAMING, SDK_ACCUMULATOR],
        request={
            "messages": user("What's the weather in Paris right now? Use celsius."),
            "model": "gpt-4o",
            "stream": True,
            "stream_options": INCLUDE_USAGE,
            "tools": [WEATHER_TOOL],
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 12:53:06 GMT",
            "req_8a1d5e3c9f274b0e86c1d4a7f2b95e60",
            "9bd41dc6a1b27e44-CDG",
            387,
        ),
        body=TOOL_CALL,
        expected=message(
            tool_calls=[
                {
                    "id": "call_7HqLm2VxK9cRtB4nYwZ1fJ8s",
                    "name": "get_weather",
                    "arguments": {"location": "Paris, France", "unit": "celsius"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage=usage(82, 18),
            complete=True,
        ),
    ),
    Scenario(
        name="tool_calls_parallel",
        description="Two tool calls told apart by index (0 and 1): both started before any arguments, fragments interleaved by index, and one chunk carrying fragments of both calls (index 1 before index 0). The protocol keys fragments by index only, so a parser must not assume one call finishes before the next begins. No include_usage.",
        features=["tool_calls", "parallel_tool_calls"],
        source=[FUNCTION_CALLING, STREAMING, SDK_ACCUMULATOR],
        request={
            "messages": user("What's the weather and the local time in Tokyo?"),
            "model": "gpt-4.1",
            "parallel_tool_calls": True,
            "stream": True,
            "tools": [
                {
                    "type": "function",
                    "function": {
                        "name": "get_weather",
                        "description": "Get the current weather for a city.",
                        "parameters": {
                            "type": "object",
                            "properties": {
                                "city": {"type": "string"},
                                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                            },
                            "required": ["city"],
                        },
                    },
                },
                {
                    "type": "function",
                    "function": {
                        "name": "get_local_time",
                        "description": "Get the local time in an IANA time zone.",
                        "parameters": {
                            "type": "object",
                            "properties": {"timezone": {"type": "string"}},
                            "required": ["timezone"],
                        },
                    },
                },
            ],
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 12:54:00 GMT",
            "req_c27e0b94d61f4a3895e2f7a0b1d8c346",
            "9bd41f18b5c93a02-CDG",
            452,
        ),
        body=TOOL_CALLS_PARALLEL,
        expected=message(
            tool_calls=[
                {
                    "id": "call_Vd3kQ8mZ1xR7tLb2NcY9pW4e",
                    "name": "get_weather",
                    "arguments": {"city": "Tokyo", "unit": "celsius"},
                },
                {
                    "id": "call_Hn6sJ2fT9aK4wEq1ZrM8uB3c",
                    "name": "get_local_time",
                    "arguments": {"timezone": "Asia/Tokyo"},
                },
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            complete=True,
        ),
    ),
    Scenario(
        name="tool_calls_identical",
        description="Two parallel calls of the same function with the same arguments (the user asked twice), told apart only by index and id, streamed one after the other; a parser that merges or deduplicates calls by name or arguments loses one.",
        features=["tool_calls", "parallel_tool_calls"],
        source=[FUNCTION_CALLING, STREAMING, SDK_ACCUMULATOR],
        request={
            "messages": user("Check the weather in Paris for me. Then check it again, I want to be sure."),
            "model": "gpt-4.1",
            "parallel_tool_calls": True,
            "stream": True,
            "tools": [
                {
                    "type": "function",
                    "function": {
                        "name": "get_weather",
                        "description": "Get the current weather for a city.",
                        "parameters": {
                            "type": "object",
                            "properties": {"city": {"type": "string"}},
                            "required": ["city"],
                        },
                    },
                },
            ],
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 13:02:30 GMT",
            "req_5f1a8c3e9b2d4076a1c8e5f3b7d9a204",
            "9bd42b7e0c4f1d93-CDG",
            388,
        ),
        body=TOOL_CALLS_IDENTICAL,
        expected=message(
            tool_calls=[
                {
                    "id": "call_Qm4tX8nB2vK7rLz1WcP9sJ3d",
                    "name": "get_weather",
                    "arguments": {"city": "Paris"},
                },
                {
                    "id": "call_Ty6hN1pR5wE3kFx8MbV2qG7a",
                    "name": "get_weather",
                    "arguments": {"city": "Paris"},
                },
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            complete=True,
        ),
    ),
    Scenario(
        name="refusal",
        description='A refusal under structured outputs: the first delta has content null and refusal "", then the refusal text in delta.refusal fragments (content stays empty); finish_reason stop; include_usage chunk.',
        features=["refusal", "usage"],
        source=[REFUSALS, STREAMING],
        request={
            "messages": user("Give me step-by-step instructions to pick my neighbour's door lock."),
            "model": "gpt-4o-2024-08-06",
            "response_format": {
                "type": "json_schema",
                "json_schema": {
                    "name": "instructions",
                    "strict": True,
                    "schema": {
                        "type": "object",
                        "properties": {"steps": {"type": "array", "items": {"type": "string"}}},
                        "required": ["steps"],
                        "additionalProperties": False,
                    },
                },
            },
            "stream": True,
            "stream_options": INCLUDE_USAGE,
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 12:55:02 GMT",
            "req_5b8f1c3a7e0d4926b4a9e1c6d3f7a082",
            "9bd4209c7d1e5b63-CDG",
            296,
        ),
        body=REFUSAL,
        expected=message(
            refusal="I'm sorry, but I can't help with that request.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage=usage(97, 12),
            complete=True,
        ),
    ),
    Scenario(
        name="error_mid_stream",
        description='Seven text deltas, then data: {"error": {...}} (a server_error) instead of a chunk; the connection then closes without finish_reason or data: [DONE]. The SDK raises APIError on it; we report the error, stop_reason error, complete false.',
        features=["text", "error"],
        source=[SDK_STREAMING, ERROR_CODES, STREAMING],
        request={
            "messages": user("When was the Peace of Westphalia signed, and what did it settle?"),
            "model": "gpt-4o-mini",
            "stream": True,
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 12:56:17 GMT",
            "req_e4a9c1f70b3d4e2a9c58b6f1d0e7a395",
            "9bd422717f0c4e88-CDG",
            173,
        ),
        body=ERROR_MID_STREAM,
        expected=message(
            text="The Treaty of Westphalia was signed in",
            stop_reason="error",
            error={
                "type": "server_error",
                "message": "The server had an error while processing your request. Sorry about that!",
            },
        ),
    ),
    Scenario(
        name="usage",
        description="A gpt-5 (reasoning) answer: its choices carry no logprobs and system_fingerprint is null; the include_usage chunk reports cached prompt tokens (prompt_tokens_details.cached_tokens) and hidden reasoning tokens (completion_tokens_details.reasoning_tokens, counted in completion_tokens).",
        features=["text", "usage"],
        source=[CREATE, REASONING, PROMPT_CACHING, STREAMING],
        request={
            "messages": [
                {
                    "role": "developer",
                    "content": "You are a PostgreSQL performance assistant. Answer in one sentence.",
                },
                {
                    "role": "user",
                    "content": "Orders are filtered by customer_id and sorted by created_at; what index helps most?",
                },
            ],
            "model": "gpt-5",
            "reasoning_effort": "low",
            "stream": True,
            "stream_options": INCLUDE_USAGE,
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 12:57:11 GMT",
            "req_1c7d3e9a5f0b4a82b6e4c2d8f9a1b357",
            "9bd423c5a8e16f21-CDG",
            2931,
        ),
        body=USAGE,
        expected=message(
            text="Use a composite index on (customer_id, created_at).",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage=usage(1843, 204, cached=1536, reasoning=192),
            complete=True,
        ),
    ),
    Scenario(
        name="non_ascii",
        description="Multi-byte UTF-8 sent raw, as OpenAI does (2-, 3- and 4-byte characters, a U+FE0F variation selector in its own delta), then two deltas whose JSON escapes the text instead (\\u00f6 and a \\ud83c\\udf0a surrogate pair), as ASCII-only JSON encoders and re-serializing proxies send it: the same text to any JSON parser.",
        features=["text", "non_ascii"],
        source=[STREAMING, "https://www.rfc-editor.org/rfc/rfc8259#section-7"],
        request={
            "messages": user("Greet me from Zürich and Tokyo, with emoji."),
            "model": "gpt-4o",
            "stream": True,
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 12:58:18 GMT",
            "req_9e2b4d6f8a1c4e3b8d7f0a2c5e9b1d46",
            "9bd4256b3c7d8a90-CDG",
            265,
        ),
        body=NON_ASCII,
        expected=message(
            text="Grüße aus Zürich! 東京は晴れです ☀️ — «ça va» 🎉 Schöne Grüße 🌊",
            stop_reason="stop",
            vendor_stop_reason="stop",
            complete=True,
        ),
    ),
    Scenario(
        name="truncated",
        description="The connection drops in the middle of a data: line (inside a JSON string), before finish_reason, the include_usage chunk and data: [DONE]. The unfinished event is dropped; complete is false and usage was never reported.",
        features=["text", "truncated"],
        source=[STREAMING, CREATE],
        request={
            "messages": user("Tell me a very short story about a lighthouse keeper."),
            "model": "gpt-4o",
            "stream": True,
            "stream_options": INCLUDE_USAGE,
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 12:59:20 GMT",
            "req_4d0f2b8e6c1a4975a3e8d1b7c0f5e269",
            "9bd426f0d2a94c35-CDG",
            188,
        ),
        body=TRUNCATED,
        expected=message(text="Once upon a time, a lighthouse keeper"),
    ),
    Scenario(
        name="length",
        description="The answer stops at max_completion_tokens (10): finish_reason length, mid-sentence.",
        features=["text"],
        source=[CHAT_OBJECT, STREAMING],
        request={
            "max_completion_tokens": 10,
            "messages": user("Explain photosynthesis."),
            "model": "gpt-4o-mini",
            "stream": True,
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 13:00:23 GMT",
            "req_7a3c5e1b9d0f4b62a8c4e6d2f1b3a9c7",
            "9bd428791e6b2d54-CDG",
            151,
        ),
        body=LENGTH,
        expected=message(
            text="Photosynthesis is the process by which green plants turn",
            stop_reason="length",
            vendor_stop_reason="length",
            complete=True,
        ),
    ),
    Scenario(
        name="content_filter",
        description="Generation stopped by OpenAI's content filter: some text, then a chunk with an empty delta and finish_reason content_filter.",
        features=["text", "content_filter"],
        source=[CHAT_OBJECT, STREAMING],
        request={
            "messages": user("Print the complete lyrics of a current chart-topping song."),
            "model": "gpt-4o",
            "stream": True,
        },
        headers=response_headers(
            "Wed, 14 Jan 2026 13:01:29 GMT",
            "req_2f8e6a4c0b1d4e7f9a3c5b8d1e0f6a24",
            "9bd42a13b7f05e81-CDG",
            233,
        ),
        body=CONTENT_FILTER,
        expected=message(
            text="Here is the full text of the song:",
            stop_reason="content_filter",
            vendor_stop_reason="content_filter",
            complete=True,
        ),
    ),
]


def cassette(scenario: Scenario) -> Cassette:
    request_body = json.dumps(scenario.request, separators=(",", ":"), ensure_ascii=False)
    return Cassette(
        path=None,
        vendor=VENDOR,
        scenario=scenario.name,
        method="POST",
        uri=URI,
        request_headers=request_headers(request_body),
        request_body=request_body,
        status=200,
        response_headers=scenario.headers,
        body=scenario.body.encode("utf-8"),
        metadata={
            "vendor": VENDOR,
            "scenario": scenario.name,
            "description": scenario.description,
            "features": scenario.features,
            "source": scenario.source,
            "provenance": "hand",
            "expected": scenario.expected,
        },
    )


def problems(scenario: Scenario) -> list[str]:
    """Why the scenario must not be written (empty when it is right)."""
    body = scenario.body.encode("utf-8")
    expected = Message.from_dict(scenario.expected)
    found = []
    if Message.from_dict(expected.to_dict()).to_dict() != scenario.expected:
        found.append("the expected Message does not round-trip through Message.from_dict")
    for label, chunks in (("whole", [body]), ("byte by byte", [body[i : i + 1] for i in range(len(body))])):
        got = conformance.parse(VENDOR, chunks)
        if got != expected:
            found.append(
                f"parsed {label}:\n  got      {got.to_json(indent=None)}\n  expected {expected.to_json(indent=None)}"
            )
    found += [str(v) for v in check_body(VENDOR, body)]
    if "\r" in scenario.body:
        found.append("OpenAI ends lines with LF only")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="check every scenario, write nothing")
    args = ap.parse_args()
    failed = False
    for scenario in SCENARIOS:
        found = problems(scenario)
        if found:
            failed = True
            print(f"{VENDOR}/{scenario.name}: NOT written", file=sys.stderr)
            for p in found:
                print(f"  {p}", file=sys.stderr)
    if failed:
        return 1
    for scenario in SCENARIOS:
        if not args.check:
            save_cassette(cassette(scenario), OUT / f"{scenario.name}.yaml")
        print(
            f"{VENDOR}/{scenario.name}: {len(scenario.body.encode())} bytes, ok{'' if args.check else ', written'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
