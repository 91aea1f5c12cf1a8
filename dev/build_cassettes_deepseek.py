"""Build the bundled `deepseek` cassettes (cassettes/deepseek/<scenario>.yaml).

    python dev/build_cassettes_deepseek.py [--check]

DeepSeek's Chat Completions stream is OpenAI's chunk shape with `usage: null` on every
chunk but the last (which carries it without `stream_options`), the context-cache counts
`prompt_cache_hit_tokens` / `prompt_cache_miss_tokens` beside OpenAI's fields,
`delta.reasoning_content` for deepseek-reasoner (with `content: null` while it thinks), SSE
comments `: keep-alive` while the request waits in the queue, and a `finish_reason` of
`insufficient_system_resource` when the service cuts an answer short. Each body is held
literally; the request (no `authorization` header), response headers, sources, features
and the hand-written expected `Message` sit beside it. Checks before writing: see
dev/_cassette_builder.py.
"""

# ruff: noqa: E501, RUF001  (bodies are kept as the vendor sends them: one long line per event)

from __future__ import annotations

import sys
from typing import Any

from _cassette_builder import Scenario, lf_only, main, scenario_cassettes
from _cassette_builder import message as _message

VENDOR = "deepseek"
URI = "https://api.deepseek.com/chat/completions"

REFERENCE = "https://api-docs.deepseek.com/api/create-chat-completion"
REASONING = "https://api-docs.deepseek.com/guides/reasoning_model"
CACHING = "https://api-docs.deepseek.com/guides/kv_cache"
FUNCTION_CALLING = "https://api-docs.deepseek.com/guides/function_calling"
RATE_LIMIT = "https://api-docs.deepseek.com/quick_start/rate_limit"


def message(**fields: Any) -> dict[str, Any]:
    return _message(VENDOR, **fields)


def request_headers(body: str) -> dict[str, list[str]]:
    """What openai-python sends to DeepSeek, minus `authorization` (never recorded)."""
    return {
        "accept": ["application/json"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(len(body.encode("utf-8")))],
        "content-type": ["application/json"],
        "host": ["api.deepseek.com"],
        "user-agent": ["OpenAI/Python 2.14.0"],
        "x-stainless-lang": ["python"],
        "x-stainless-package-version": ["2.14.0"],
        "x-stainless-retry-count": ["0"],
    }


def response_headers(date: str, trace_id: str) -> dict[str, list[str]]:
    """DeepSeek's streaming response headers (no cookies)."""
    return {
        "Date": [date],
        "Content-Type": ["text/event-stream; charset=utf-8"],
        "Transfer-Encoding": ["chunked"],
        "Connection": ["keep-alive"],
        "vary": ["origin, access-control-request-method, access-control-request-headers"],
        "access-control-allow-credentials": ["true"],
        "x-ds-trace-id": [trace_id],
        "Cache-Control": ["no-cache"],
        "Strict-Transport-Security": ["max-age=31536000; includeSubDomains; preload"],
        "X-Content-Type-Options": ["nosniff"],
        "Server": ["CW"],
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


TEXT = r""": keep-alive

: keep-alive

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":"Deep"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":"Seek"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" caches"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" repeated"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" prompt"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" prefixes"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" on"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" disk"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":"."},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"b7e3c9a1-5d2f-4e8b-9c6a-0f3d7e1b5a9c","object":"chat.completion.chunk","created":1770004001,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":1303,"completion_tokens":10,"total_tokens":1313,"prompt_tokens_details":{"cached_tokens":1280},"prompt_cache_hit_tokens":1280,"prompt_cache_miss_tokens":23}}

data: [DONE]

"""

REASONING_BODY = r"""data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":""},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"Hmm"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":","},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" 2"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"^10"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" is"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" 1024"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"."},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" Minus"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" 24"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" gives"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" 1000"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"."},"logprobs":null,"finish_reason":null}],"usage":null}

: keep-alive

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":"2","reasoning_content":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":"^10","reasoning_content":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":" − 24","reasoning_content":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":" = **","reasoning_content":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":"1000","reasoning_content":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":"**.","reasoning_content":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"d9a5e1c3-7f4b-4a0d-b1e8-2b5f9a3d7c1e","object":"chat.completion.chunk","created":1770004066,"model":"deepseek-reasoner","system_fingerprint":"fp_393bca965e_prod0623_fp8_kvcache","choices":[{"index":0,"delta":{"content":"","reasoning_content":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":18,"completion_tokens":31,"total_tokens":49,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":17},"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":18}}

data: [DONE]

"""

TOOL_CALL = r"""data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_0_8e2f4a6c-1b3d-4f5a-9c7e-2d4f6a8b0c1e","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"location"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Hangzhou"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":", China"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\",\""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"unit"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"celsius"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"f1c7a3e5-9b6d-4c2f-d3a0-4d7b1c5f9e3a","object":"chat.completion.chunk","created":1770004129,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":213,"completion_tokens":21,"total_tokens":234,"prompt_tokens_details":{"cached_tokens":192},"prompt_cache_hit_tokens":192,"prompt_cache_miss_tokens":21}}

data: [DONE]

"""

INSUFFICIENT_SYSTEM_RESOURCE = r""": keep-alive

data: {"id":"a3e9c5b7-1d8f-4e4b-f5c2-6f9d3e7b1a5c","object":"chat.completion.chunk","created":1770004190,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"a3e9c5b7-1d8f-4e4b-f5c2-6f9d3e7b1a5c","object":"chat.completion.chunk","created":1770004190,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":"The"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"a3e9c5b7-1d8f-4e4b-f5c2-6f9d3e7b1a5c","object":"chat.completion.chunk","created":1770004190,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" Great"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"a3e9c5b7-1d8f-4e4b-f5c2-6f9d3e7b1a5c","object":"chat.completion.chunk","created":1770004190,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" Wall"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"a3e9c5b7-1d8f-4e4b-f5c2-6f9d3e7b1a5c","object":"chat.completion.chunk","created":1770004190,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" stretches"},"logprobs":null,"finish_reason":null}],"usage":null}

: keep-alive

: keep-alive

data: {"id":"a3e9c5b7-1d8f-4e4b-f5c2-6f9d3e7b1a5c","object":"chat.completion.chunk","created":1770004190,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"insufficient_system_resource"}],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16,"prompt_tokens_details":{"cached_tokens":0},"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":12}}

data: [DONE]

"""

TRUNCATED = r"""data: {"id":"c5a1e7d9-3f0b-4a6d-a7e4-8b1f5a9d3c7e","object":"chat.completion.chunk","created":1770004255,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"c5a1e7d9-3f0b-4a6d-a7e4-8b1f5a9d3c7e","object":"chat.completion.chunk","created":1770004255,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":"Tea"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"c5a1e7d9-3f0b-4a6d-a7e4-8b1f5a9d3c7e","object":"chat.completion.chunk","created":1770004255,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" was"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"c5a1e7d9-3f0b-4a6d-a7e4-8b1f5a9d3c7e","object":"chat.completion.chunk","created":1770004255,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" first"},"logprobs":null,"finish_reason":null}],"usage":null}

: keep-alive

data: {"id":"c5a1e7d9-3f0b-4a6d-a7e4-8b1f5a9d3c7e","object":"chat.completion.chunk","created":1770004255,"model":"deepseek-chat","system_fingerprint":"fp_feb633d1f5_prod0820_fp8_kvcache","choices":[{"index":0,"delta":{"content":" brew"""

INSUFFICIENT_BALANCE = '{"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}}'


def req(model: str, prompt: str, **extra: Any) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": prompt}], "model": model, "stream": True, **extra}


SCENARIOS = [
    Scenario(
        name="text",
        description="Two `: keep-alive` comments while queued, a role chunk and nine text chunks with usage: null, then finish_reason stop with the usage: 1280 of 1303 prompt tokens were a context-cache hit (prompt_cache_hit_tokens, repeated in prompt_tokens_details.cached_tokens).",
        features=["text", "usage", "keepalive"],
        source=[REFERENCE, CACHING, RATE_LIMIT],
        request=req("deepseek-chat", "How does DeepSeek's context cache work? One sentence."),
        headers=response_headers("Mon, 02 Feb 2026 04:33:21 GMT", "0c1e3a5b7d9f41a3c5e7b9d1f3a5c7e9"),
        body=TEXT,
        expected=message(
            text="DeepSeek caches repeated prompt prefixes on disk.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={
                "input_tokens": 1303,
                "output_tokens": 10,
                "total_tokens": 1313,
                "cache_read_tokens": 1280,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="reasoning",
        description="deepseek-reasoner: delta.reasoning_content while content is null, a keep-alive comment, then delta.content while reasoning_content is null; the usage counts reasoning_tokens.",
        features=["reasoning", "text", "usage", "keepalive"],
        source=[REASONING, REFERENCE],
        request=req("deepseek-reasoner", "What is 2^10 - 24?"),
        headers=response_headers("Mon, 02 Feb 2026 04:34:26 GMT", "2e3a5c7d9f1b43c5e7a9d1f3b5c7e9a1"),
        body=REASONING_BODY,
        expected=message(
            text="2^10 − 24 = **1000**.",
            reasoning="Hmm, 2^10 is 1024. Minus 24 gives 1000.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={
                "input_tokens": 18,
                "output_tokens": 31,
                "total_tokens": 49,
                "reasoning_tokens": 17,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="tool_call",
        description="A tool call streamed OpenAI-style: the first delta names it (id call_0_..., type, name, empty arguments), then ten argument fragments; finish_reason tool_calls with the usage.",
        features=["tool_calls", "usage"],
        source=[FUNCTION_CALLING, REFERENCE],
        request=req("deepseek-chat", "Weather in Hangzhou?", tools=[WEATHER_TOOL]),
        headers=response_headers("Mon, 02 Feb 2026 04:35:29 GMT", "4a5c7e9f1b3d45e7a9c1f3b5d7e9a1c3"),
        body=TOOL_CALL,
        expected=message(
            tool_calls=[
                {
                    "id": "call_0_8e2f4a6c-1b3d-4f5a-9c7e-2d4f6a8b0c1e",
                    "name": "get_weather",
                    "arguments": {"location": "Hangzhou, China", "unit": "celsius"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage={"input_tokens": 213, "output_tokens": 21, "total_tokens": 234, "cache_read_tokens": 192},
            complete=True,
        ),
    ),
    Scenario(
        name="insufficient_system_resource",
        description="Four text chunks and keep-alive comments, then DeepSeek stops the answer for lack of capacity: finish_reason insufficient_system_resource (normalized to error; no error object is sent), the usage, data: [DONE].",
        features=["text", "error", "usage", "keepalive"],
        source=[REFERENCE],
        request=req("deepseek-chat", "Tell me about the Great Wall."),
        headers=response_headers("Mon, 02 Feb 2026 04:36:30 GMT", "6c7e9a1b3d5f47a9c1e3b5d7f9a1c3e5"),
        body=INSUFFICIENT_SYSTEM_RESOURCE,
        expected=message(
            text="The Great Wall stretches",
            stop_reason="error",
            vendor_stop_reason="insufficient_system_resource",
            usage={"input_tokens": 12, "output_tokens": 4, "total_tokens": 16, "cache_read_tokens": 0},
            complete=True,
        ),
    ),
    Scenario(
        name="insufficient_balance",
        description="HTTP 402 before any stream: the account is out of credit, and DeepSeek answers with OpenAI's JSON error document shape (type unknown_error, code invalid_request_error).",
        features=["error"],
        source=["https://api-docs.deepseek.com/quick_start/error_codes", REFERENCE],
        request=req("deepseek-chat", "Hello"),
        headers={
            **response_headers("Mon, 02 Feb 2026 04:36:58 GMT", "7d8f0a2c4e6b48d0f2a4c6e8b0d2f4a6"),
            "Content-Type": ["application/json"],
        },
        body=INSUFFICIENT_BALANCE,
        status=402,
        expected=message(
            stop_reason="error", error={"type": "unknown_error", "message": "Insufficient Balance"}
        ),
    ),
    Scenario(
        name="truncated",
        description="Four chunks and a keep-alive comment, then the connection drops inside a chunk's JSON string, before the usage and data: [DONE]. The unfinished event is dropped; complete is false.",
        features=["text", "truncated", "keepalive"],
        source=[REFERENCE],
        request=req("deepseek-chat", "Where does tea come from?"),
        headers=response_headers("Mon, 02 Feb 2026 04:37:35 GMT", "8e9a1c3d5f7b49c1e3a5d7f9b1c3e5a7"),
        body=TRUNCATED,
        expected=message(text="Tea was first", complete=False),
    ),
]


if __name__ == "__main__":
    sys.exit(
        main(VENDOR, scenario_cassettes(VENDOR, URI, SCENARIOS, request_headers), doc=__doc__, extra=lf_only)
    )
