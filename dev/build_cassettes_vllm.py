"""Build the bundled `vllm` cassettes (cassettes/vllm/<scenario>.yaml).

    python dev/build_cassettes_vllm.py [--check]

vLLM's OpenAI-compatible server streams OpenAI's chunk shape from a self-hosted model: with
`stream_options: {"include_usage": true, "continuous_usage_stats": true}` every chunk
carries the usage so far (cumulative, so the last one counts); a reasoning parser puts the
thinking in `delta.reasoning` and (for older clients) an identical copy in
`delta.reasoning_content`; a finishing choice adds `stop_reason` (the stop string or token
id, or null); tool calls from a tool parser get ids `chatcmpl-tool-...`; an error after the
stream began is `data: {"error": {...}}` followed by `data: [DONE]`. Each body is held
literally; the request, response headers (uvicorn's few), sources, features and the
hand-written expected `Message` sit beside it. Checks before writing: see dev/_cassette_builder.py.
"""

# ruff: noqa: E501, RUF001  (bodies are kept as the vendor sends them: one long line per event)

from __future__ import annotations

import sys
from typing import Any

from _cassette_builder import Scenario, lf_only, main, scenario_cassettes
from _cassette_builder import message as _message

VENDOR = "vllm"
URI = "http://localhost:8000/v1/chat/completions"

SERVER = "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html"
REASONING = "https://docs.vllm.ai/en/latest/features/reasoning_outputs.html"
TOOL_CALLING = "https://docs.vllm.ai/en/latest/features/tool_calling.html"
PROTOCOL = "https://github.com/vllm-project/vllm/blob/main/vllm/entrypoints/openai/engine/protocol.py"


def message(**fields: Any) -> dict[str, Any]:
    return _message(VENDOR, **fields)


def request_headers(body: str) -> dict[str, list[str]]:
    """What openai-python sends to a local vLLM server (its dummy key is not recorded either)."""
    return {
        "accept": ["application/json"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(len(body.encode("utf-8")))],
        "content-type": ["application/json"],
        "host": ["localhost:8000"],
        "user-agent": ["OpenAI/Python 2.14.0"],
    }


def response_headers(date: str) -> dict[str, list[str]]:
    """vLLM's (uvicorn's) streaming response headers."""
    return {
        "date": [date],
        "server": ["uvicorn"],
        "content-type": ["text/event-stream; charset=utf-8"],
        "transfer-encoding": ["chunked"],
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


TEXT_CONTINUOUS_USAGE = r"""data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":21,"completion_tokens":0}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":"v"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":22,"completion_tokens":1}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":"LLM"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":23,"completion_tokens":2}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" pages"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":24,"completion_tokens":3}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" the"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":25,"completion_tokens":4}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" KV"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":26,"completion_tokens":5}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" cache"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":27,"completion_tokens":6}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" in"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":28,"completion_tokens":7}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" blocks"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":29,"completion_tokens":8}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":"."},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":30,"completion_tokens":9}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop","stop_reason":null}],"usage":{"prompt_tokens":21,"total_tokens":31,"completion_tokens":10}}

data: {"id":"chatcmpl-3b8e2f6d9a1c4e7b8f0d2a5c6e9b1f4d","object":"chat.completion.chunk","created":1770006001,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[],"usage":{"prompt_tokens":21,"total_tokens":31,"completion_tokens":10}}

data: [DONE]

"""

REASONING_BODY = r"""data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning":"Okay","reasoning_content":"Okay"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning":",","reasoning_content":","},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning":" 7","reasoning_content":" 7"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning":" times","reasoning_content":" times"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning":" 8","reasoning_content":" 8"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning":" is","reasoning_content":" is"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning":" 56","reasoning_content":" 56"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning":".","reasoning_content":"."},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":"\n\n"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":"7"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":" ×"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":" 8"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":" ="},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":" 56"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":"."},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop","stop_reason":null}]}

data: {"id":"chatcmpl-5d0a4b8f1c3e4a9d0b2f4c7e8a1d3b6f","object":"chat.completion.chunk","created":1770006066,"model":"Qwen/Qwen3-8B","choices":[],"usage":{"prompt_tokens":16,"total_tokens":40,"completion_tokens":24}}

data: [DONE]

"""

TOOL_CALL = r"""data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"id":"chatcmpl-tool-0c4e8a2f6b1d4e9a","type":"function","index":0,"function":{"name":"get_weather"}}]},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\": \""}}]},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Berlin"}}]},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":", Germany"}}]},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\", \"unit\": \""}}]},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"celsius"}}]},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"tool_calls","stop_reason":null}]}

data: {"id":"chatcmpl-7f2c6d0b3e5a4c1f2d4b6e9a0c3f5d8b","object":"chat.completion.chunk","created":1770006129,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[],"usage":{"prompt_tokens":203,"total_tokens":229,"completion_tokens":26}}

data: [DONE]

"""

ERROR_MID_STREAM = r"""data: {"id":"chatcmpl-9b4e8f2d5a7c4e3b4f6d8a1c2e5b7f0d","object":"chat.completion.chunk","created":1770006190,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-9b4e8f2d5a7c4e3b4f6d8a1c2e5b7f0d","object":"chat.completion.chunk","created":1770006190,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":"The"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-9b4e8f2d5a7c4e3b4f6d8a1c2e5b7f0d","object":"chat.completion.chunk","created":1770006190,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" mitochond"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-9b4e8f2d5a7c4e3b4f6d8a1c2e5b7f0d","object":"chat.completion.chunk","created":1770006190,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":"ria"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-9b4e8f2d5a7c4e3b4f6d8a1c2e5b7f0d","object":"chat.completion.chunk","created":1770006190,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" is"},"logprobs":null,"finish_reason":null}]}

data: {"error":{"message":"CUDA out of memory. Tried to allocate 2.00 GiB.","type":"InternalServerError","param":null,"code":500}}

data: [DONE]

"""

TRUNCATED = r"""data: {"id":"chatcmpl-1d6a0b4f7c9e4a5d6b8f0c3e4a7d9b2f","object":"chat.completion.chunk","created":1770006255,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-1d6a0b4f7c9e4a5d6b8f0c3e4a7d9b2f","object":"chat.completion.chunk","created":1770006255,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":"Paging"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-1d6a0b4f7c9e4a5d6b8f0c3e4a7d9b2f","object":"chat.completion.chunk","created":1770006255,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" keeps"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-1d6a0b4f7c9e4a5d6b8f0c3e4a7d9b2f","object":"chat.completion.chunk","created":1770006255,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":" frag"""


def req(model: str, prompt: str, **extra: Any) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": prompt}], "model": model, "stream": True, **extra}


SCENARIOS = [
    Scenario(
        name="text_continuous_usage",
        description="continuous_usage_stats: every chunk carries the cumulative usage (completion_tokens 0, 1, ... 10), the finishing choice adds stop_reason null, then the include_usage chunk (choices: []) repeats the final count, data: [DONE]. Each report replaces the last.",
        features=["text", "usage"],
        source=[SERVER, PROTOCOL],
        request=req(
            "meta-llama/Llama-3.1-8B-Instruct",
            "How does vLLM manage memory? One sentence.",
            stream_options={"include_usage": True, "continuous_usage_stats": True},
        ),
        headers=response_headers("Mon, 02 Feb 2026 05:33:21 GMT"),
        body=TEXT_CONTINUOUS_USAGE,
        expected=message(
            text="vLLM pages the KV cache in blocks.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={"input_tokens": 21, "output_tokens": 10, "total_tokens": 31},
            complete=True,
        ),
    ),
    Scenario(
        name="reasoning",
        description="A Qwen3 model served with --reasoning-parser qwen3: each thinking delta carries the text twice, in delta.reasoning and in its deprecated copy delta.reasoning_content (read once), then delta.content; the include_usage chunk.",
        features=["reasoning", "text", "usage"],
        source=[REASONING, PROTOCOL],
        request=req("Qwen/Qwen3-8B", "What is 7 times 8?", stream_options={"include_usage": True}),
        headers=response_headers("Mon, 02 Feb 2026 05:34:26 GMT"),
        body=REASONING_BODY,
        expected=message(
            text="\n\n7 × 8 = 56.",
            reasoning="Okay, 7 times 8 is 56.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={"input_tokens": 16, "output_tokens": 24, "total_tokens": 40},
            complete=True,
        ),
    ),
    Scenario(
        name="tool_call",
        description="A tool call from vLLM's hermes tool parser: the first delta has the id (chatcmpl-tool-...), type, index and name but no arguments key, then six argument fragments; finish_reason tool_calls with stop_reason null; the include_usage chunk.",
        features=["tool_calls", "usage"],
        source=[TOOL_CALLING, PROTOCOL],
        request=req(
            "Qwen/Qwen2.5-7B-Instruct",
            "Weather in Berlin?",
            tools=[WEATHER_TOOL],
            tool_choice="auto",
            stream_options={"include_usage": True},
        ),
        headers=response_headers("Mon, 02 Feb 2026 05:35:29 GMT"),
        body=TOOL_CALL,
        expected=message(
            tool_calls=[
                {
                    "id": "chatcmpl-tool-0c4e8a2f6b1d4e9a",
                    "name": "get_weather",
                    "arguments": {"location": "Berlin, Germany", "unit": "celsius"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
            usage={"input_tokens": 203, "output_tokens": 26, "total_tokens": 229},
            complete=True,
        ),
    ),
    Scenario(
        name="error_mid_stream",
        description='Four text chunks, then the engine fails: data: {"error": {message, type InternalServerError, param, code 500}} and, as vLLM\'s generator always ends, data: [DONE]. The error is reported; complete is false.',
        features=["text", "error"],
        source=[SERVER, PROTOCOL],
        request=req("meta-llama/Llama-3.1-8B-Instruct", "What is the mitochondria?"),
        headers=response_headers("Mon, 02 Feb 2026 05:36:30 GMT"),
        body=ERROR_MID_STREAM,
        expected=message(
            text="The mitochondria is",
            stop_reason="error",
            error={
                "type": "InternalServerError",
                "message": "CUDA out of memory. Tried to allocate 2.00 GiB.",
            },
            complete=False,
        ),
    ),
    Scenario(
        name="truncated",
        description="Three chunks, then the connection drops inside a chunk's JSON string (the server was killed). The unfinished event is dropped; complete is false.",
        features=["text", "truncated"],
        source=[SERVER],
        request=req("meta-llama/Llama-3.1-8B-Instruct", "Why page the KV cache?"),
        headers=response_headers("Mon, 02 Feb 2026 05:37:35 GMT"),
        body=TRUNCATED,
        expected=message(text="Paging keeps", complete=False),
    ),
]


if __name__ == "__main__":
    sys.exit(
        main(VENDOR, scenario_cassettes(VENDOR, URI, SCENARIOS, request_headers), doc=__doc__, extra=lf_only)
    )
