"""`litellm`, checked whole-client by stream-conformance.

`litellm.completion(..., stream=True)` against the loopback server, for every vendor litellm
routes to that the kit has cassettes for (its provider prefix, `api_base` at the loopback
server). litellm translates every vendor's stream into OpenAI `ChatCompletionChunk`s, so
all of them go through `conformance.from_openai_chat`: what is checked is litellm's reading
of each vendor's stream, in OpenAI's vocabulary.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_litellm.py
"""

from __future__ import annotations

import logging
import os
from typing import Any

# Offline: litellm fetches its model cost map, and Hugging Face tokenizers, at first use.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import litellm
import openai
from _common import (
    API_ROOTS,
    CUT_AT_THE_END,
    ENDED,
    HELLO,
    azure_deployment,
    model,
    normalized,
    suites,
)

from conformance import AdapterSuite, Message, from_openai_chat

litellm.suppress_debug_info = True
logging.getLogger("LiteLLM").setLevel(logging.ERROR)  # its offline fallbacks warn on every call

PROVIDERS = {
    "openai-chat": "openai",
    "azure-openai": "azure",
    "anthropic": "anthropic",
    "gemini": "gemini",
    "openrouter": "openrouter",
    "groq": "groq",
    "deepseek": "deepseek",
    "xai": "xai",
    "vllm": "hosted_vllm",
    "mistral": "mistral",
    "ollama": "ollama_chat",
}
"""Vendor -> litellm's provider prefix (`<provider>/<model>`)."""

ROOTS = {**API_ROOTS, "gemini": "/v1beta"}
"""litellm's `api_base` replaces the vendor's base URL, version path included."""


class LiteLLMCompletion(AdapterSuite):
    # litellm maps every provider's errors onto its exceptions, all `openai.OpenAIError`s.
    typed_errors = (openai.OpenAIError,)
    request_examples = 3
    # litellm's chunks are OpenAI's: no place for server tools or citations.
    unsupported = frozenset({"truncated_end", "server_tools", "citations"})
    declared = {"usage": "estimated"}
    normalize = normalized()
    notes = {
        "truncated_end": CUT_AT_THE_END,
        "normalize": ENDED,
        "server_tools": "litellm's OpenAI-shaped chunks have no server tool calls",
        "citations": "litellm's OpenAI-shaped chunks have no citations",
        "usage": "litellm counts tokens itself (tiktoken) where a stream reports none, and adds keys "
        "the vendor never sent: usage not compared",
    }

    def request(self, base_url: str) -> Message:
        provider = PROVIDERS[self.vendor]
        options: dict[str, Any] = {"api_base": base_url + ROOTS.get(self.vendor, "")}
        name = model()
        if self.vendor == "azure-openai":
            options["api_version"], name = "2024-10-21", azure_deployment()
        stream = litellm.completion(
            model=f"{provider}/{name}",
            messages=HELLO,
            api_key="test",
            stream=True,
            stream_options={"include_usage": True},
            num_retries=0,
            **options,
        )
        return from_openai_chat(list(stream), vendor=self.vendor)


CUT_STOP = (
    "a stream cut mid-way (no finish reason sent) comes out with finish_reason stop: it reads as a normal end"
)
ERROR_CODE = (
    "an error event whose `code` is a string (`tool_use_failed`) crashes litellm's error mapping "
    "with `ValueError: invalid literal for int()` instead of raising its APIError"
)
TRANSLATED = "litellm translates the vendor's stop reason into OpenAI's finish_reason"
VENDOR_USAGE = {
    # Vendors whose usage litellm takes from the stream (not estimated), in its own convention.
    "declared": {"usage": "missing_as_zero", "vendor_stop_reason": "absent"},
}
COUNTED = (
    "litellm adds total_tokens and a reasoning_tokens it counts itself, which the vendor does not "
    "send: not compared"
)
NO_IDS = "sends no tool-call ids, and litellm makes them up: ids not compared"
FORCED_STOP = (
    "a `finish_reason: stop` that comes with tool calls (the answer to a forced `tool_choice`) "
    "is rewritten to tool_calls (`CustomStreamWrapper._normalize_tool_call_finish_reason`): the "
    "vendor's stop reason is lost"
)

NO_REASON = (
    "a stream that ends with no finish reason gets finish_reason stop (`finish_reason_handler`), "
    "rewritten to tool_calls when it holds a call: the reason is invented, so a stream cut before "
    "its end reads as a normal one"
)

MULTI_LINE_DATA = (
    "litellm's own SSE reader for this vendor reads each `data:` line as a whole chunk, so an event "
    "whose JSON spans several `data:` lines (SSE joins them; the vendor itself sends one line) is "
    "lost, and its finish reason with it: `stop` is reported"
)

VENDORS: dict[str, dict[str, Any]] = {
    "openai-chat": {
        "defects": {
            "whole: refusal": "litellm keeps no `delta.refusal`: the refusal is lost and the answer "
            "reads as an empty normal stop",
            "stop_reason: stop_reason": FORCED_STOP,
        }
    },
    "azure-openai": {"defects": {"stop_reason: stop_reason": FORCED_STOP}},
    "anthropic": {
        **VENDOR_USAGE,
        "unsupported": LiteLLMCompletion.unsupported | {"signatures"},
        "declared": {**VENDOR_USAGE["declared"], "usage.input_tokens": "includes_cache"},
        "normalize": normalized("total_tokens", "reasoning_tokens"),
        "notes": {
            **LiteLLMCompletion.notes,
            "vendor_stop_reason": TRANSLATED,
            "usage.input_tokens": "litellm's prompt_tokens count cache reads and writes",
            "signatures": "from_openai_chat does not read litellm's `thinking_blocks`, where the signatures "
            "are (a converter gap)",
            "normalize": f"{ENDED}; {COUNTED}",
        },
        "defects": {
            "stop_reason: stop_reason": "Anthropic's `pause_turn` (a server-tool turn paused, to be "
            "continued) becomes finish_reason length: with no vendor stop reason kept, it reads as an "
            "answer cut off at max_tokens"
        },
    },
    "gemini": {
        **VENDOR_USAGE,
        "normalize": normalized("output_tokens", "total_tokens", ids=True),
        "notes": {
            **LiteLLMCompletion.notes,
            "vendor_stop_reason": TRANSLATED,
            "normalize": f"{ENDED}; litellm's completion_tokens include the thoughts, as OpenAI's do: "
            "output_tokens not compared; Gemini 2.5 " + NO_IDS,
        },
        "defects": {
            "stop_reason: stop_reason": "Gemini's `OTHER` finish becomes finish_reason content_filter: an "
            "answer stopped for an unnamed reason reads as filtered",
            "signatures: tool_calls.signature[]": "not litellm's: litellm carries a call's thought signature "
            "inside its tool-call id, which from_openai_chat does not read back (a converter gap)",
            "truncated_mid: stop_reason": CUT_STOP,
            "keepalive: text": "an SSE comment line (`: keep-alive`, which proxies add) among Gemini's "
            "events makes litellm lose the text after it (all of it, before the first event)",
            "keepalive: tool_calls[]": "the same comment lines make litellm lose the function calls",
            "keepalive: stop_reason": "the same comment lines make litellm lose the finish reason",
            "keepalive: returned a Message": "with the same comment lines, a blocked prompt's error is "
            "not raised",
        },
    },
    "openrouter": {
        "defects": {
            "whole: raised ValueError": ERROR_CODE,
            "request: raised ValueError": ERROR_CODE,
            "generated: raised BadRequestError": "litellm's OpenRouter reader takes `choices` to be in "
            "every chunk and raises on a usage chunk without it (some OpenAI-compatible servers send "
            "one; none of the recorded OpenRouter streams does)",
        }
    },
    "groq": {
        "defects": {
            "whole: raised ValueError": ERROR_CODE,
            "request: raised ValueError": ERROR_CODE,
            "stop_reason: stop_reason": MULTI_LINE_DATA,
        }
    },
    "deepseek": {
        "defects": {
            "stop_reason: stop_reason": "DeepSeek's `insufficient_system_resource` finish is unknown to "
            "litellm and becomes stop (it logs 'Unmapped finish_reason')"
        }
    },
    "xai": {"defects": {"stop_reason: stop_reason": MULTI_LINE_DATA}},
    "vllm": {
        "defects": {
            "stop_reason: stop_reason": f"{FORCED_STOP}; and {NO_REASON}",
            "truncated_mid: stop_reason": NO_REASON,
        }
    },
    "mistral": {
        "defects": {
            "stop_reason: stop_reason": "Mistral's `model_length` finish (the context window is full) is "
            "unknown to litellm and becomes stop (it logs 'Unmapped finish_reason')"
        }
    },
    "ollama": {
        **VENDOR_USAGE,
        "unsupported": LiteLLMCompletion.unsupported | {"request"},
        "normalize": normalized("total_tokens", "reasoning_tokens", ids=True),
        "notes": {
            **LiteLLMCompletion.notes,
            "vendor_stop_reason": TRANSLATED,
            "request": "litellm first asks `/api/show` for the model's details, so its first request "
            "is not the chat request",
            "normalize": f"{ENDED}; {COUNTED}; Ollama {NO_IDS}",
        },
        "defects": {
            "truncated_mid: stop_reason": CUT_STOP,
            "usage: usage.input_tokens": "a last line without `prompt_eval_count` (Go's omitempty drops a "
            "0: a prompt served from Ollama's cache) loses its usage (`_done_chunk_usage` wants both "
            "counts) and litellm reports its own tiktoken estimate instead, `eval_count` discarded",
        },
    },
}


globals().update(suites(LiteLLMCompletion, "litellm", {vendor: VENDORS[vendor] for vendor in PROVIDERS}))
