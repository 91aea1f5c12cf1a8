"""Build the bundled `azure-openai` cassettes (cassettes/azure-openai/<scenario>.yaml).

    python dev/build_cassettes_azure_openai.py [--check]

Azure OpenAI's Chat Completions stream is OpenAI's with its content filter showing through:
the first chunk is an annotation (`object: ""`, empty `id`, `model` and `choices`) holding
`prompt_filter_results`; every later choice carries `content_filter_results` (the verdicts
on the text so far; `{}` on the role chunk and the last one); a filtered answer ends with
`finish_reason: "content_filter"`. The service serializes keys in alphabetical order and,
with the default (synchronous) filter, releases text in larger pieces than OpenAI does.
Each body is held literally; the request (no `api-key` header), response headers (no
cookies or account ids), sources, features and the hand-written expected `Message` sit
beside it. Checks before writing: see dev/_cassette_builder.py.
"""

# ruff: noqa: E501  (bodies are kept as the vendor sends them: one long line per event)

from __future__ import annotations

import sys
from typing import Any

from _cassette_builder import Scenario, lf_only, main, scenario_cassettes
from _cassette_builder import message as _message

VENDOR = "azure-openai"
URI = "https://contoso-eastus2.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"

CONTENT_FILTER_DOC = "https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-filter"
STREAMING_FILTER = "https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-streaming"
REFERENCE = "https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference#chat-completions"
QUOTA = "https://learn.microsoft.com/en-us/azure/ai-foundry/openai/quotas-limits"
OPENAI_STREAMING = "https://platform.openai.com/docs/api-reference/chat-streaming/streaming"


def message(**fields: Any) -> dict[str, Any]:
    return _message(VENDOR, **fields)


def request_headers(body: str) -> dict[str, list[str]]:
    """What openai-python's `AzureOpenAI` client sends, minus the `api-key` header (never recorded)."""
    return {
        "accept": ["application/json"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(len(body.encode("utf-8")))],
        "content-type": ["application/json"],
        "host": ["contoso-eastus2.openai.azure.com"],
        "user-agent": ["AzureOpenAI/Python 2.14.0"],
        "x-stainless-arch": ["x64"],
        "x-stainless-async": ["false"],
        "x-stainless-lang": ["python"],
        "x-stainless-os": ["Linux"],
        "x-stainless-package-version": ["2.14.0"],
        "x-stainless-retry-count": ["0"],
        "x-stainless-runtime": ["CPython"],
        "x-stainless-runtime-version": ["3.12.8"],
    }


def response_headers(
    date: str, request_id: str, *, status: int = 200, remaining: int = 449
) -> dict[str, list[str]]:
    """Azure OpenAI's response headers (no cookies, no subscription or deployment ids)."""
    headers = {
        "Content-Type": ["text/event-stream; charset=utf-8" if status == 200 else "application/json"],
        "Transfer-Encoding": ["chunked"],
        "Connection": ["keep-alive"],
        "apim-request-id": [request_id],
        "x-request-id": [request_id],
        "Strict-Transport-Security": ["max-age=31536000; includeSubDomains; preload"],
        "x-content-type-options": ["nosniff"],
        "x-ms-region": ["East US 2"],
        "x-ratelimit-remaining-requests": [str(remaining)],
        "x-ratelimit-limit-requests": ["450"],
        "x-ratelimit-remaining-tokens": [str(remaining * 100)],
        "x-ratelimit-limit-tokens": ["45000"],
        "azureml-model-session": ["d218-20260115154712"],
        "Date": [date],
    }
    if status == 429:
        headers["retry-after"] = ["6"]
        headers["retry-after-ms"] = ["6000"]
    return headers


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


TEXT = r"""data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}]}

data: {"choices":[{"content_filter_results":{},"delta":{"content":"","refusal":null,"role":"assistant"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001001,"id":"chatcmpl-BxQ4r7Tn2Lk9WmZ3vYc8HsP1aJdF6","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":"Azure OpenAI runs"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001001,"id":"chatcmpl-BxQ4r7Tn2Lk9WmZ3vYc8HsP1aJdF6","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":" OpenAI models in"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001001,"id":"chatcmpl-BxQ4r7Tn2Lk9WmZ3vYc8HsP1aJdF6","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":" Microsoft's cloud,"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001001,"id":"chatcmpl-BxQ4r7Tn2Lk9WmZ3vYc8HsP1aJdF6","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":" behind its content"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001001,"id":"chatcmpl-BxQ4r7Tn2Lk9WmZ3vYc8HsP1aJdF6","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":" filters."},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001001,"id":"chatcmpl-BxQ4r7Tn2Lk9WmZ3vYc8HsP1aJdF6","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"stop","index":0,"logprobs":null}],"created":1770001001,"id":"chatcmpl-BxQ4r7Tn2Lk9WmZ3vYc8HsP1aJdF6","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[],"created":1770001001,"id":"chatcmpl-BxQ4r7Tn2Lk9WmZ3vYc8HsP1aJdF6","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291","usage":{"completion_tokens":15,"completion_tokens_details":{"accepted_prediction_tokens":0,"audio_tokens":0,"reasoning_tokens":0,"rejected_prediction_tokens":0},"prompt_tokens":19,"prompt_tokens_details":{"audio_tokens":0,"cached_tokens":0},"total_tokens":34}}

data: [DONE]

"""

CONTENT_FILTER = r"""data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}]}

data: {"choices":[{"content_filter_results":{},"delta":{"content":"","refusal":null,"role":"assistant"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001062,"id":"chatcmpl-BxQ5a1Vp8Rm4XnK6wTe2JbG9cLhD3","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":"The knight drew"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001062,"id":"chatcmpl-BxQ5a1Vp8Rm4XnK6wTe2JbG9cLhD3","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":" his sword and"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001062,"id":"chatcmpl-BxQ5a1Vp8Rm4XnK6wTe2JbG9cLhD3","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":true,"severity":"high"}},"delta":{},"finish_reason":"content_filter","index":0,"logprobs":null}],"created":1770001062,"id":"chatcmpl-BxQ5a1Vp8Rm4XnK6wTe2JbG9cLhD3","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: [DONE]

"""

TOOL_CALL = r"""data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}]}

data: {"choices":[{"content_filter_results":{},"delta":{"content":null,"refusal":null,"role":"assistant","tool_calls":[{"function":{"arguments":"","name":"get_weather"},"id":"call_Qm4Rt7Wx2Zb5Nc8Vd1Hf3Jk6","index":0,"type":"function"}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"{\""},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"location"},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"\":\""},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"Seattle"},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":", WA"},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"\",\""},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"unit"},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"\":\""},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"fahrenheit"},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"\"}"},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"tool_calls","index":0,"logprobs":null}],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[],"created":1770001120,"id":"chatcmpl-BxQ6c3Xr0Tp6ZpM8yVg4LdJ1eNjF5","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291","usage":{"completion_tokens":19,"completion_tokens_details":{"accepted_prediction_tokens":0,"audio_tokens":0,"reasoning_tokens":0,"rejected_prediction_tokens":0},"prompt_tokens":84,"prompt_tokens_details":{"audio_tokens":0,"cached_tokens":0},"total_tokens":103}}

data: [DONE]

"""

TRUNCATED = r"""data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}]}

data: {"choices":[{"content_filter_results":{},"delta":{"content":"","refusal":null,"role":"assistant"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001181,"id":"chatcmpl-BxQ7e5Zt2Vr8BrO0aXi6NfL3gPlH7","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":"Here is a haiku"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001181,"id":"chatcmpl-BxQ7e5Zt2Vr8BrO0aXi6NfL3gPlH7","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":" about the sea:\n\nGrey"},"finish_reason":null,"index":0,"logprobs":null}],"created":1770001181,"id":"chatcmpl-BxQ7e5Zt2Vr8BrO0aXi6NfL3gPlH7","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_b705f0c291"}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":" waves fold"""

RATE_LIMITED = '{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit."}}'


def req(prompt: str, **extra: Any) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": prompt}], "model": "gpt-4o", "stream": True, **extra}


USAGE = {"include_usage": True}

SCENARIOS = [
    Scenario(
        name="text",
        description='The annotation chunk first (object "", choices [], prompt_filter_results), the role chunk with content_filter_results {}, five text chunks each with the filter\'s verdicts, finish_reason stop, the include_usage chunk, data: [DONE].',
        features=["text", "usage"],
        source=[CONTENT_FILTER_DOC, REFERENCE, OPENAI_STREAMING],
        request=req("What is Azure OpenAI? One sentence.", stream_options=USAGE),
        headers=response_headers("Mon, 02 Feb 2026 03:03:21 GMT", "8f1c3a5e-7b9d-4f2a-a4c6-e8b0d2f4a6c8"),
        body=TEXT,
        expected=message(
            text="Azure OpenAI runs OpenAI models in Microsoft's cloud, behind its content filters.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={
                "input_tokens": 19,
                "output_tokens": 15,
                "total_tokens": 34,
                "reasoning_tokens": 0,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="content_filter",
        description="Two text chunks, then the filter stops the answer: a chunk with an empty delta, finish_reason content_filter and content_filter_results showing violence filtered (severity high). No usage was asked for.",
        features=["text", "content_filter"],
        source=[CONTENT_FILTER_DOC, STREAMING_FILTER],
        request=req("Describe the duel in gory detail."),
        headers=response_headers("Mon, 02 Feb 2026 03:04:22 GMT", "0a2c4e6f-8b1d-4a3c-b5e7-f9a1c3e5b7d9"),
        body=CONTENT_FILTER,
        expected=message(
            text="The knight drew his sword and",
            stop_reason="content_filter",
            vendor_stop_reason="content_filter",
            complete=True,
        ),
    ),
    Scenario(
        name="tool_call",
        description="A tool call as OpenAI streams it (id, type and name in the first delta, then ten argument fragments), every choice with content_filter_results {}; finish_reason tool_calls; include_usage chunk.",
        features=["tool_calls", "usage"],
        source=[REFERENCE, OPENAI_STREAMING],
        request=req("Weather in Seattle?", tools=[WEATHER_TOOL], stream_options=USAGE),
        headers=response_headers("Mon, 02 Feb 2026 03:05:20 GMT", "2c4e6a8b-0d2f-4c5e-c7a9-b1d3e5f7a9c1"),
        body=TOOL_CALL,
        expected=message(
            tool_calls=[
                {
                    "id": "call_Qm4Rt7Wx2Zb5Nc8Vd1Hf3Jk6",
                    "name": "get_weather",
                    "arguments": {"location": "Seattle, WA", "unit": "fahrenheit"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage={
                "input_tokens": 84,
                "output_tokens": 19,
                "total_tokens": 103,
                "reasoning_tokens": 0,
                "cache_read_tokens": 0,
            },
            complete=True,
        ),
    ),
    Scenario(
        name="rate_limited",
        description='HTTP 429 before any stream: Azure answers with a JSON error document whose code is the status as a string ("429") and a retry-after header.',
        features=["error"],
        source=[QUOTA, REFERENCE],
        request=req("Summarize this document.", stream_options=USAGE),
        headers=response_headers(
            "Mon, 02 Feb 2026 03:06:01 GMT", "4e6a8c0d-2f4b-4e7a-d9c1-d3f5a7b9c1e3", status=429, remaining=0
        ),
        body=RATE_LIMITED,
        status=429,
        expected=message(
            stop_reason="error",
            error={
                "type": "429",
                "message": "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.",
            },
        ),
    ),
    Scenario(
        name="truncated",
        description="The annotation chunk, the role chunk and two text chunks, then the connection drops inside the third chunk's JSON. The unfinished event is dropped; complete is false.",
        features=["text", "truncated"],
        source=[CONTENT_FILTER_DOC, OPENAI_STREAMING],
        request=req("A haiku about the sea."),
        headers=response_headers("Mon, 02 Feb 2026 03:07:11 GMT", "6a8c0e2f-4b6d-4a9c-e1b3-f5a7c9e1b3d5"),
        body=TRUNCATED,
        expected=message(text="Here is a haiku about the sea:\n\nGrey", complete=False),
    ),
]


if __name__ == "__main__":
    sys.exit(
        main(VENDOR, scenario_cassettes(VENDOR, URI, SCENARIOS, request_headers), doc=__doc__, extra=lf_only)
    )
