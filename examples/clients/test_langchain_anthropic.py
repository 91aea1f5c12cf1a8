"""`langchain-anthropic` (`ChatAnthropic`), checked whole-client by stream-conformance.

`model.stream("Hi")` against the loopback server; the `AIMessageChunk`s are summed as
LangChain sums them and go through `conformance.from_langchain`.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_langchain_anthropic.py
"""

from __future__ import annotations

import functools

import anthropic
from _common import model, suites
from langchain_anthropic import ChatAnthropic

from conformance import AdapterSuite, Message, from_langchain


@functools.cache
def chat_model(base_url: str, name: str) -> ChatAnthropic:
    return ChatAnthropic(model=name, api_key="test", base_url=base_url, max_retries=0)


class ChatAnthropicStream(AdapterSuite):
    # LangChain lets the SDK's errors through (an `error` event, an HTTP error status).
    typed_errors = (anthropic.APIError,)
    request_examples = 3

    def request(self, base_url: str) -> Message:
        total = None
        for chunk in chat_model(base_url, model()).stream("Hi"):
            total = chunk if total is None else total + chunk
        return from_langchain(total or {}, vendor="anthropic")


globals().update(suites(ChatAnthropicStream, "langchain-anthropic", {"anthropic": {}}))
