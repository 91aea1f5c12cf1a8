"""`pydantic-ai` models, checked whole-client by stream-conformance.

`pydantic_ai.direct.model_request_stream_sync(model, ...)` against the loopback server, with
the model class pydantic-ai has for each vendor (OpenAI Chat and Responses, Anthropic,
Google; OpenAI-compatible vendors through `OpenAIChatModel` and their provider); the final
`ModelResponse` goes through `conformance.from_pydantic_ai`.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_pydantic_ai.py
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from _common import API_ROOTS, CUT_AT_THE_END, ENDED, UNTERMINATED, model, suites
from google import genai
from google.genai import types
from pydantic_ai.direct import model_request_stream_sync
from pydantic_ai.exceptions import ModelAPIError, UnexpectedModelBehavior
from pydantic_ai.messages import ModelRequest
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.google import GoogleModel
from pydantic_ai.models.openai import OpenAIChatModel, OpenAIResponsesModel
from pydantic_ai.providers.anthropic import AnthropicProvider
from pydantic_ai.providers.google import GoogleProvider
from pydantic_ai.providers.openai import OpenAIProvider

from conformance import AdapterSuite, Message, from_pydantic_ai


def openai_chat(vendor: str) -> Callable[[str], Any]:
    def make(base_url: str) -> Any:
        return OpenAIChatModel(model(), provider=openai_provider(base_url + API_ROOTS[vendor]))

    return make


@functools.cache
def openai_provider(base_url: str) -> OpenAIProvider:
    """One provider (and SDK client) per base URL: making one builds a TLS context."""
    return OpenAIProvider(api_key="test", base_url=base_url)


@functools.cache
def anthropic_provider(base_url: str) -> AnthropicProvider:
    return AnthropicProvider(api_key="test", base_url=base_url)


@functools.cache
def google_provider(base_url: str) -> GoogleProvider:
    return GoogleProvider(
        client=genai.Client(api_key="test", http_options=types.HttpOptions(base_url=base_url))
    )


MODELS: dict[str, Callable[[str], Any]] = {
    "openai-chat": openai_chat("openai-chat"),
    "openai-responses": lambda url: OpenAIResponsesModel(
        model(), provider=OpenAIProvider(api_key="test", base_url=url + "/v1")
    ),
    "anthropic": lambda url: AnthropicModel(
        model(), provider=AnthropicProvider(api_key="test", base_url=url)
    ),
    "gemini": lambda url: GoogleModel(
        model(),
        provider=GoogleProvider(
            client=genai.Client(api_key="test", http_options=types.HttpOptions(base_url=url))
        ),
    ),
    **{vendor: openai_chat(vendor) for vendor in ("openrouter", "groq", "deepseek", "xai", "vllm")},
}
"""Vendor -> the pydantic-ai model for the loopback server at a base URL."""


class PydanticAIStream(AdapterSuite):
    # pydantic-ai wraps the vendors' errors in ModelAPIError (ModelHTTPError and the like),
    # and a stream it cannot read in UnexpectedModelBehavior.
    typed_errors = (ModelAPIError, UnexpectedModelBehavior)
    request_examples = 3
    unsupported = frozenset({"truncated_end", "server_tools", "citations", "signatures"})
    declared = {"usage": "missing_as_zero"}
    notes = {
        "truncated_end": CUT_AT_THE_END,
        "signatures": "from_pydantic_ai does not read a ThinkingPart's `signature` (a converter gap)",
        "server_tools": "from_pydantic_ai does not read builtin-tool parts (a converter gap)",
        "citations": "from_pydantic_ai does not read citations (a converter gap)",
        "usage": "RequestUsage has every key, 0 where the vendor sent none",
        "normalize": f"{ENDED}; pydantic-ai keeps no total_tokens (its total is input + output), and "
        "no usage reads as all zeros: total_tokens not compared, an empty usage is none",
    }

    def normalize(self, message: dict[str, Any]) -> dict[str, Any]:
        ended = message.get("stop_reason") is not None and message.get("error") is None
        message = {**message, "complete": ended}  # ENDED
        usage = message.get("usage")
        if usage is not None:
            kept = {k: v for k, v in usage.items() if k not in self.uncompared_usage}
            message = {**message, "usage": kept or None}
        if self.uncompared_ids:
            message = {**message, "tool_calls": [{**c, "id": None} for c in message.get("tool_calls") or ()]}
        return message

    uncompared_usage: tuple[str, ...] = ("total_tokens",)
    uncompared_ids = False

    def request(self, base_url: str) -> Message:
        messages = [ModelRequest.user_text_prompt("Hi")]
        with model_request_stream_sync(MODELS[self.vendor](base_url), messages) as stream:
            for _ in stream:
                pass
            return from_pydantic_ai(stream.response, vendor=self.vendor)


CUT_STOP = (
    "a stream cut mid-way (no finish reason sent) comes out with finish_reason stop and reads as "
    "complete: a normal end"
)
CONTINUOUS = (
    "pydantic-ai adds up the usage of every chunk, and vLLM's `continuous_usage_stats` repeats the "
    "running totals on each: input_tokens 252 for 21"
)
SHARED_INDEX = (
    "pydantic-ai keys a stream's tool calls by `index` alone (`vendor_part_id=dtc.index`): parallel "
    "calls an OpenAI-compatible server sends all at `index: 0`, told apart by id (Ollama, SGLang, "
    "Dynamo), become one call with the last call's id"
)
NO_REASON = (
    "a stream that ends with `data: [DONE]` and no finish reason gets finish_reason stop "
    "(`_missing_finish_reason`, for providers that never send one): with a tool call it reads as a "
    "plain answer"
)
REFUSAL_REASON = "with a refusal, pydantic-ai keeps no vendor finish reason (`provider_details`)"
REFUSAL = {
    "refusal": "as_content_filter",
}
VENDORS: dict[str, dict[str, Any]] = {
    "openai-chat": {
        "declared": {**PydanticAIStream.declared, **REFUSAL},
        "defects": {
            "truncated_mid: stop_reason": CUT_STOP,
            "stop_reason: vendor_stop_reason": REFUSAL_REASON,
        },
    },
    "openai-responses": {
        "declared": {**PydanticAIStream.declared, **REFUSAL},
        "defects": {
            "truncated_mid: stop_reason": CUT_STOP,
            "stop_reason: vendor_stop_reason": REFUSAL_REASON,
        },
    },
    "anthropic": {
        "declared": {**PydanticAIStream.declared, "usage.input_tokens": "includes_cache"},
        "unsupported": PydanticAIStream.unsupported - {"signatures"},  # from_pydantic_ai reads them here
        "notes": {
            **{k: v for k, v in PydanticAIStream.notes.items() if k != "signatures"},
            "usage.input_tokens": "pydantic-ai's input_tokens count cache reads and writes",
        },
    },
    "gemini": {
        "uncompared_usage": ("total_tokens", "output_tokens"),
        "uncompared_ids": True,
        "notes": {
            **PydanticAIStream.notes,
            "normalize": f"{ENDED}; pydantic-ai's output_tokens include the thoughts and no total: "
            "output_tokens and total_tokens not compared; Gemini 2.5 sends no tool-call ids, and "
            "pydantic-ai makes them up: ids not compared",
        },
        "defects": {
            "truncated_mid: stop_reason": "google-genai underneath: " + UNTERMINATED,
            "keepalive: raised ModelAPIError": "GoogleModel (google-genai's async reader) takes an SSE "
            "comment line (`: keep-alive`, which proxies add) for data and raises",
            "line_endings: raised ModelAPIError": "GoogleModel (google-genai's async reader) raises on a "
            "body with CR line endings, which SSE allows",
            "stop_reason: vendor_stop_reason": "a blocked prompt's `promptFeedback.blockReason` is not kept",
        },
    },
    "openrouter": {
        "defects": {"truncated_mid: stop_reason": CUT_STOP, "tool_args: tool_calls[].id": SHARED_INDEX}
    },
    "groq": {
        "defects": {
            "truncated_mid: stop_reason": CUT_STOP,
            "tool_args: tool_calls[].id": SHARED_INDEX,
            "usage: usage": "OpenAIChatModel does not read Groq's `x_groq.usage`, where older "
            "Groq streams put their only usage",
        }
    },
    "deepseek": {
        "defects": {
            "truncated_mid: stop_reason": CUT_STOP,
            "tool_args: tool_calls[].id": SHARED_INDEX,
            "stop_reason: stop_reason": "DeepSeek's `insufficient_system_resource` finish reads as a "
            "normal stop",
            "error: complete": "DeepSeek's `insufficient_system_resource` finish reads as a complete answer",
        }
    },
    "xai": {"defects": {"truncated_mid: stop_reason": CUT_STOP, "tool_args: tool_calls[].id": SHARED_INDEX}},
    "vllm": {
        "defects": {
            "truncated_mid: stop_reason": CUT_STOP,
            "usage: usage.input_tokens": CONTINUOUS,
            "tool_args: tool_calls[].id": SHARED_INDEX,
            "stop_reason: stop_reason": NO_REASON,
        }
    },
}

globals().update(suites(PydanticAIStream, "pydantic-ai", {vendor: VENDORS[vendor] for vendor in MODELS}))
