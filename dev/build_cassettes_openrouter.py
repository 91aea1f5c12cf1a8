"""Build the bundled `openrouter` cassettes (cassettes/openrouter/<scenario>.yaml).

    python dev/build_cassettes_openrouter.py [--check]

OpenRouter's Chat Completions stream is OpenAI's chunk shape with its own habits: SSE
comment lines `: OPENROUTER PROCESSING` while a provider warms up (and between chunks);
`provider` and `native_finish_reason` beside the OpenAI fields; reasoning models stream
`delta.reasoning` (with the structured copy `reasoning_details`); `finish_reason` comes on
a chunk of its own and the usage (with `cost`) on a later one, then `data: [DONE]`; an
error after the stream began is a chunk carrying `error: {code, message}` whose choice
ends with `finish_reason: "error"`. Each body is held literally; the request (no
`authorization` header), response headers, sources, features and the hand-written expected
`Message` sit beside it. Checks before writing: see dev/_cassette_builder.py.
"""

# ruff: noqa: E501, RUF001  (bodies are kept as the vendor sends them: one long line per event)

from __future__ import annotations

import sys
from typing import Any

from _cassette_builder import Scenario, lf_only, main, scenario_cassettes
from _cassette_builder import message as _message

VENDOR = "openrouter"
URI = "https://openrouter.ai/api/v1/chat/completions"

STREAMING = "https://openrouter.ai/docs/api-reference/streaming"
REASONING = "https://openrouter.ai/docs/use-cases/reasoning-tokens"
ERRORS = "https://openrouter.ai/docs/api-reference/errors"
USAGE_ACCOUNTING = "https://openrouter.ai/docs/use-cases/usage-accounting"
TOOL_CALLING = "https://openrouter.ai/docs/features/tool-calling"


def message(**fields: Any) -> dict[str, Any]:
    return _message(VENDOR, **fields)


def request_headers(body: str) -> dict[str, list[str]]:
    """What openai-python sends to OpenRouter, minus `authorization` (never recorded)."""
    return {
        "accept": ["application/json"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(len(body.encode("utf-8")))],
        "content-type": ["application/json"],
        "host": ["openrouter.ai"],
        "http-referer": ["https://github.com/stream-conformance"],
        "user-agent": ["OpenAI/Python 2.14.0"],
        "x-title": ["stream-conformance"],
    }


def response_headers(date: str, generation_id: str, ray: str) -> dict[str, list[str]]:
    """OpenRouter's streaming response headers (no cookies)."""
    return {
        "Date": [date],
        "Content-Type": ["text/event-stream"],
        "Transfer-Encoding": ["chunked"],
        "Connection": ["keep-alive"],
        "Access-Control-Allow-Origin": ["*"],
        "Cache-Control": ["no-cache"],
        "X-Generation-Id": [generation_id],
        "Vary": ["Accept-Encoding"],
        "Permissions-Policy": [
            'payment=(self "https://checkout.stripe.com" "https://connect-js.stripe.com" "https://js.stripe.com" "https://*.js.stripe.com" "https://hooks.stripe.com")'
        ],
        "Referrer-Policy": ["no-referrer, strict-origin-when-cross-origin"],
        "X-Content-Type-Options": ["nosniff"],
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


TEXT = r""": OPENROUTER PROCESSING

: OPENROUTER PROCESSING

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":"OpenRouter"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":" routes"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":" one"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":" API"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":" to"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":" many"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":" model"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":" providers"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":"."},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_560af6e559"}

: OPENROUTER PROCESSING

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop","native_finish_reason":"stop","logprobs":null}],"system_fingerprint":"fp_560af6e559"}

data: {"id":"gen-1770002001-Hq7TmW2xRk9LbV4nZc8P","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1770002001,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"usage":{"prompt_tokens":14,"completion_tokens":9,"total_tokens":23,"cost":7.5e-06,"is_byok":false,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"cost_details":{"upstream_inference_cost":null,"upstream_inference_prompt_cost":2.25e-06,"upstream_inference_completions_cost":5.25e-06},"completion_tokens_details":{"reasoning_tokens":0,"image_tokens":0}}}

data: [DONE]

"""

REASONING_BODY = r""": OPENROUTER PROCESSING

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":null,"reasoning_details":[]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"The user","reasoning_details":[{"type":"reasoning.text","text":"The user","format":"anthropic-claude-v1","index":0}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":" asks for","reasoning_details":[{"type":"reasoning.text","text":" asks for","format":"anthropic-claude-v1","index":0}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":" 17 × 24.","reasoning_details":[{"type":"reasoning.text","text":" 17 × 24.","format":"anthropic-claude-v1","index":0}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":" 17 × 24 =","reasoning_details":[{"type":"reasoning.text","text":" 17 × 24 =","format":"anthropic-claude-v1","index":0}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":" 17 × 20 + 17 × 4","reasoning_details":[{"type":"reasoning.text","text":" 17 × 20 + 17 × 4","format":"anthropic-claude-v1","index":0}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":" = 340 + 68 = 408.","reasoning_details":[{"type":"reasoning.text","text":" = 340 + 68 = 408.","format":"anthropic-claude-v1","index":0}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

: OPENROUTER PROCESSING

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":null,"reasoning_details":[{"type":"reasoning.text","signature":"EqQBCkYIBxgCKkBvc2lnbmF0dXJlLW9mLXRoZS10aGlua2luZy1ibG9jaw","format":"anthropic-claude-v1","index":0}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"17 × 24","reasoning":null,"reasoning_details":[]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":" = **408**.","reasoning":null,"reasoning_details":[]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":null,"reasoning_details":[]},"finish_reason":"stop","native_finish_reason":"end_turn","logprobs":null}]}

data: {"id":"gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1770002077,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"usage":{"prompt_tokens":44,"completion_tokens":57,"total_tokens":101,"cost":0.000987,"is_byok":false,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"cost_details":{"upstream_inference_cost":null,"upstream_inference_prompt_cost":0.0002961,"upstream_inference_completions_cost":0.0006909},"completion_tokens_details":{"reasoning_tokens":38,"image_tokens":0}}}

data: [DONE]

"""

TOOL_CALL = r""": OPENROUTER PROCESSING

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_Zt8Hn3Qb6Xw1Mv4Rk7Ps2Lc9","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":"{\""}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":"location"}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":"\":\""}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":"Lisbon"}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":", Portugal"}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":"\",\""}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":"unit"}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":"\":\""}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":"celsius"}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"type":"function","function":{"arguments":"\"}"}}]},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":"tool_calls","native_finish_reason":"tool_calls","logprobs":null}],"system_fingerprint":"fp_51e1070cf2"}

data: {"id":"gen-1770002140-Wd5LqR9yUz2NcS7tAe3K","provider":"OpenAI","model":"openai/gpt-4.1","object":"chat.completion.chunk","created":1770002140,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"usage":{"prompt_tokens":79,"completion_tokens":18,"total_tokens":97,"cost":0.000302,"is_byok":false,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"cost_details":{"upstream_inference_cost":null,"upstream_inference_prompt_cost":9.06e-05,"upstream_inference_completions_cost":0.0002114},"completion_tokens_details":{"reasoning_tokens":0,"image_tokens":0}}}

data: [DONE]

"""

ERROR_MID_STREAM = r""": OPENROUTER PROCESSING

data: {"id":"gen-1770002203-Xe6MrS0zVa3OdT8uBf4L","provider":"DeepInfra","model":"meta-llama/llama-3.3-70b-instruct","object":"chat.completion.chunk","created":1770002203,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002203-Xe6MrS0zVa3OdT8uBf4L","provider":"DeepInfra","model":"meta-llama/llama-3.3-70b-instruct","object":"chat.completion.chunk","created":1770002203,"choices":[{"index":0,"delta":{"role":"assistant","content":"The"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002203-Xe6MrS0zVa3OdT8uBf4L","provider":"DeepInfra","model":"meta-llama/llama-3.3-70b-instruct","object":"chat.completion.chunk","created":1770002203,"choices":[{"index":0,"delta":{"role":"assistant","content":" Roman"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002203-Xe6MrS0zVa3OdT8uBf4L","provider":"DeepInfra","model":"meta-llama/llama-3.3-70b-instruct","object":"chat.completion.chunk","created":1770002203,"choices":[{"index":0,"delta":{"role":"assistant","content":" Empire"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002203-Xe6MrS0zVa3OdT8uBf4L","provider":"DeepInfra","model":"meta-llama/llama-3.3-70b-instruct","object":"chat.completion.chunk","created":1770002203,"choices":[{"index":0,"delta":{"role":"assistant","content":" fell"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002203-Xe6MrS0zVa3OdT8uBf4L","provider":"DeepInfra","model":"meta-llama/llama-3.3-70b-instruct","object":"chat.completion.chunk","created":1770002203,"choices":[{"index":0,"delta":{"role":"assistant","content":" in"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002203-Xe6MrS0zVa3OdT8uBf4L","provider":"DeepInfra","model":"meta-llama/llama-3.3-70b-instruct","object":"chat.completion.chunk","created":1770002203,"error":{"code":"server_error","message":"Provider disconnected unexpectedly"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error","native_finish_reason":null,"logprobs":null}]}

data: [DONE]

"""

TRUNCATED = r""": OPENROUTER PROCESSING

: OPENROUTER PROCESSING

data: {"id":"gen-1770002266-Yf7NsT1aWb4PeU9vCg5M","provider":"Mistral","model":"mistralai/mistral-small-3.2-24b-instruct","object":"chat.completion.chunk","created":1770002266,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002266-Yf7NsT1aWb4PeU9vCg5M","provider":"Mistral","model":"mistralai/mistral-small-3.2-24b-instruct","object":"chat.completion.chunk","created":1770002266,"choices":[{"index":0,"delta":{"role":"assistant","content":"Rivers"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002266-Yf7NsT1aWb4PeU9vCg5M","provider":"Mistral","model":"mistralai/mistral-small-3.2-24b-instruct","object":"chat.completion.chunk","created":1770002266,"choices":[{"index":0,"delta":{"role":"assistant","content":" carve"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002266-Yf7NsT1aWb4PeU9vCg5M","provider":"Mistral","model":"mistralai/mistral-small-3.2-24b-instruct","object":"chat.completion.chunk","created":1770002266,"choices":[{"index":0,"delta":{"role":"assistant","content":" valleys"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

data: {"id":"gen-1770002266-Yf7NsT1aWb4PeU9vCg5M","provider":"Mistral","model":"mistralai/mistral-small-3.2-24b-instruct","object":"chat.completion.chunk","created":1770002266,"choices":[{"index":0,"delta":{"role":"assistant","content":" over"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}

: OPENROUTER PROCESSING

data: {"id":"gen-1770002266-Yf7NsT1aWb4PeU9vCg5M","provider":"Mistral","model":"mistralai/mistral-small-3.2-24b-instruct","object":"chat.completion.chunk","created":1770002266,"choices":[{"index":0,"delta":{"role":"assistant","content":" thous"""


def req(model: str, prompt: str, **extra: Any) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": prompt}], "model": model, "stream": True, **extra}


SCENARIOS = [
    Scenario(
        name="text",
        description="Two `: OPENROUTER PROCESSING` comments before the first chunk and one more before the finish, nine text chunks (every delta repeats role), finish_reason stop on a chunk of its own, then a usage chunk (choices still present, with cost and cost_details), data: [DONE].",
        features=["text", "usage", "keepalive"],
        source=[STREAMING, USAGE_ACCOUNTING],
        request=req("openai/gpt-4o-mini", "What is OpenRouter? One sentence."),
        headers=response_headers(
            "Mon, 02 Feb 2026 03:33:21 GMT", "gen-1770002001-Hq7TmW2xRk9LbV4nZc8P", "9c8231a4be1f5e2a-AMS"
        ),
        body=TEXT,
        expected=message(
            text="OpenRouter routes one API to many model providers.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={
                "input_tokens": 14,
                "output_tokens": 9,
                "total_tokens": 23,
                "reasoning_tokens": 0,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="reasoning",
        description="Claude through OpenRouter with reasoning on: delta.reasoning carries the thinking (reasoning_details repeats it as reasoning.text entries, then one with the signature only), then the answer in delta.content; native_finish_reason end_turn. Only delta.reasoning is read, so the copy in reasoning_details is not counted twice.",
        features=["reasoning", "text", "usage", "keepalive"],
        source=[REASONING, STREAMING],
        request=req("anthropic/claude-sonnet-4.5", "What is 17 × 24?", reasoning={"max_tokens": 1024}),
        headers=response_headers(
            "Mon, 02 Feb 2026 03:34:37 GMT", "gen-1770002077-Vn3KpQ8wTx1MbR6sYd2J", "9c823382d0415e2b-AMS"
        ),
        body=REASONING_BODY,
        expected=message(
            text="17 × 24 = **408**.",
            reasoning="The user asks for 17 × 24. 17 × 24 = 17 × 20 + 17 × 4 = 340 + 68 = 408.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={
                "input_tokens": 44,
                "output_tokens": 57,
                "total_tokens": 101,
                "reasoning_tokens": 38,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="tool_call",
        description="A tool call streamed OpenAI-style (id and name first, ten argument fragments, each delta repeating type), finish_reason tool_calls, the usage chunk, data: [DONE].",
        features=["tool_calls", "usage", "keepalive"],
        source=[TOOL_CALLING, STREAMING],
        request=req("openai/gpt-4.1", "Weather in Lisbon?", tools=[WEATHER_TOOL]),
        headers=response_headers(
            "Mon, 02 Feb 2026 03:35:40 GMT", "gen-1770002140-Wd5LqR9yUz2NcS7tAe3K", "9c82350b12635e2c-AMS"
        ),
        body=TOOL_CALL,
        expected=message(
            tool_calls=[
                {
                    "id": "call_Zt8Hn3Qb6Xw1Mv4Rk7Ps2Lc9",
                    "name": "get_weather",
                    "arguments": {"location": "Lisbon, Portugal", "unit": "celsius"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage={
                "input_tokens": 79,
                "output_tokens": 18,
                "total_tokens": 97,
                "reasoning_tokens": 0,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="error_mid_stream",
        description="Five text chunks, then the documented mid-stream error: a chunk with a top-level error {code: server_error, message} whose choice ends with finish_reason error (the HTTP status was already 200), then data: [DONE]. The error is reported; complete is false.",
        features=["text", "error", "keepalive"],
        source=[ERRORS, STREAMING],
        request=req("meta-llama/llama-3.3-70b-instruct", "When did the Roman Empire fall?"),
        headers=response_headers(
            "Mon, 02 Feb 2026 03:36:43 GMT", "gen-1770002203-Xe6MrS0zVa3OdT8uBf4L", "9c823696548560e2-AMS"
        ),
        body=ERROR_MID_STREAM,
        expected=message(
            text="The Roman Empire fell in",
            stop_reason="error",
            vendor_stop_reason="error",
            error={"type": "server_error", "message": "Provider disconnected unexpectedly"},
            complete=False,
        ),
    ),
    Scenario(
        name="truncated",
        description="Processing comments, five chunks and another comment, then the connection drops inside a chunk's JSON string. The unfinished event is dropped; complete is false.",
        features=["text", "truncated", "keepalive"],
        source=[STREAMING],
        request=req("mistralai/mistral-small-3.2-24b-instruct", "How do rivers shape land?"),
        headers=response_headers(
            "Mon, 02 Feb 2026 03:37:46 GMT", "gen-1770002266-Yf7NsT1aWb4PeU9vCg5M", "9c823820969762e3-AMS"
        ),
        body=TRUNCATED,
        expected=message(text="Rivers carve valleys over", complete=False),
    ),
]


if __name__ == "__main__":
    sys.exit(
        main(VENDOR, scenario_cassettes(VENDOR, URI, SCENARIOS, request_headers), doc=__doc__, extra=lf_only)
    )
