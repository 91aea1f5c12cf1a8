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
from _common import API_ROOTS, azure_deployment, model, suites
from langchain_openai import AzureChatOpenAI, ChatOpenAI

from conformance import AdapterSuite, Message, from_langchain


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

    def request(self, base_url: str) -> Message:
        total = None
        name = azure_deployment() if self.vendor == "azure-openai" else model()
        for chunk in chat_model(self.vendor, base_url, name).stream("Hi"):
            total = chunk if total is None else total + chunk
        return from_langchain(total or {}, vendor=self.vendor)


VENDORS: dict[str, dict[str, Any]] = {
    "openai-chat": {},
    "openai-responses": {},
    "azure-openai": {},
    "openrouter": {},
    "groq": {},
    "deepseek": {},
    "xai": {},
    "vllm": {},
}

globals().update(suites(ChatOpenAIStream, "langchain-openai", VENDORS))
