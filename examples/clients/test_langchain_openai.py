"""`langchain-openai` (`ChatOpenAI`, `AzureChatOpenAI`), checked whole-client by stream-conformance.

`model.stream("Hi")` against the loopback server: Chat Completions for OpenAI and the
OpenAI-compatible vendors (`base_url`), Azure through `AzureChatOpenAI`, and the Responses
API (`use_responses_api=True`). The `AIMessageChunk`s are summed as LangChain sums them and
go through `conformance.from_langchain`.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_langchain_openai.py
"""

from __future__ import annotations

import functools
from typing import Any

import openai
from _common import API_ROOTS, CUT_AT_THE_END, ENDED, azure_deployment, model, normalized, suites
from langchain_openai import AzureChatOpenAI, ChatOpenAI

from conformance import AdapterSuite, Message, from_langchain


class FailedResponse(Exception):
    """A `response.failed` or `error` event, which LangChain reports as a plain ValueError."""


@functools.cache
def chat_model(vendor: str, base_url: str, name: str) -> Any:
    """One chat model per vendor, server and model name (making one builds TLS contexts)."""
    if vendor == "azure-openai":
        return AzureChatOpenAI(
            api_key="test",
            azure_endpoint=base_url,
            azure_deployment=name,
            api_version="2024-10-21",
            max_retries=0,
            stream_usage=True,
        )
    return ChatOpenAI(
        model=name,
        api_key="test",
        base_url=base_url + API_ROOTS[vendor],
        max_retries=0,
        stream_usage=True,
        use_responses_api=vendor == "openai-responses",
    )


class ChatOpenAIStream(AdapterSuite):
    # LangChain lets the SDK's errors through (an error chunk, an HTTP error status).
    typed_errors = (openai.APIError,)
    request_examples = 3
    unsupported = frozenset({"truncated_end"})
    notes = {"truncated_end": CUT_AT_THE_END, "normalize": ENDED}
    normalize = normalized()

    def request(self, base_url: str) -> Message:
        try:
            return self.stream(base_url)
        except ValueError as exc:
            if type(exc) is ValueError:  # LangChain's own report; not its subclasses (UnicodeDecodeError)
                raise FailedResponse(str(exc)) from exc
            raise

    def stream(self, base_url: str) -> Message:
        total = None
        name = azure_deployment() if self.vendor == "azure-openai" else model()
        for chunk in chat_model(self.vendor, base_url, name).stream("Hi"):
            total = chunk if total is None else total + chunk
        return from_langchain(total or {}, vendor=self.vendor)


REASONING = {
    "unsupported": frozenset({"truncated_end", "reasoning"}),
    "notes": {
        "truncated_end": CUT_AT_THE_END,
        "normalize": ENDED,
        "reasoning": "ChatOpenAI reads no reasoning delta of compatible servers (`reasoning_content`, "
        "`reasoning`); the vendors' own LangChain packages do",
    },
}
UNICODE = "the openai SDK underneath raises UnicodeDecodeError for a body cut inside a UTF-8 character"

LOST_REFUSAL = (
    "langchain-openai keeps no `delta.refusal` when it streams: the refusal is lost and the answer "
    "reads as an empty normal stop"
)
SHARED_INDEX = {
    "tool_args: tool_calls[].arguments": "LangChain's `merge_lists` keeps tool-call chunks with "
    "different ids apart but merges an id-less chunk into the first chunk of its `index`: with "
    "parallel calls an OpenAI-compatible server sends all at `index: 0` (Ollama, SGLang, Dynamo), "
    "the later calls' argument fragments land in the first call and are lost"
}
VENDORS: dict[str, dict[str, Any]] = {
    "openai-chat": {"defects": {"whole: refusal": LOST_REFUSAL}},
    "openai-responses": {
        "typed_errors": (openai.APIError, FailedResponse),
        "unsupported": frozenset({"truncated_end", "server_tools", "citations", "signatures"}),
        "notes": {
            "truncated_end": CUT_AT_THE_END,
            "signatures": "from_langchain does not read reasoning items' encrypted content (a converter gap)",
            "normalize": ENDED,
            "server_tools": "from_langchain does not read LangChain's server-tool blocks (a converter gap)",
            "citations": "from_langchain does not read LangChain's annotations yet (a converter gap)",
        },
        "defects": {
            "truncated_end: raised UnicodeDecodeError": UNICODE,
            "truncated_mid: raised UnicodeDecodeError": UNICODE,
        },
    },
    "azure-openai": {"defects": {"whole: refusal": LOST_REFUSAL}},
    "openrouter": {**REASONING, "defects": SHARED_INDEX},
    "groq": {
        **REASONING,
        "defects": {
            **SHARED_INDEX,
            "usage: usage": "ChatOpenAI does not read Groq's `x_groq.usage`, where older Groq streams "
            "put their only usage: it is lost",
        },
    },
    "deepseek": {**REASONING, "defects": SHARED_INDEX},
    "xai": {**REASONING, "defects": SHARED_INDEX},
    "vllm": {
        **REASONING,
        "defects": {
            **SHARED_INDEX,
            "usage: usage.input_tokens": "summing a stream's chunks adds up their usage, and vLLM's "
            "`continuous_usage_stats` repeats the running totals on every chunk: input_tokens 252 for 21",
        },
    },
}

globals().update(suites(ChatOpenAIStream, "langchain-openai", VENDORS))
