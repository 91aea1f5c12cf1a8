"""`langchain-anthropic` (`ChatAnthropic`), checked whole-client by stream-conformance.

`model.stream("Hi")` against the loopback server; the `AIMessageChunk`s are summed as
LangChain sums them and go through `conformance.from_langchain`.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_langchain_anthropic.py
"""

from __future__ import annotations

import functools

import anthropic
from _common import CUT_AT_THE_END, DROP_TOTAL, ENDED, model, normalized, suites
from langchain_anthropic import ChatAnthropic

from conformance import AdapterSuite, Message, from_langchain


@functools.cache
def chat_model(base_url: str, name: str) -> ChatAnthropic:
    return ChatAnthropic(model=name, api_key="test", base_url=base_url, max_retries=0)


class ChatAnthropicStream(AdapterSuite):
    # LangChain lets the SDK's errors through (an `error` event, an HTTP error status).
    typed_errors = (anthropic.APIError,)
    request_examples = 3
    unsupported = frozenset({"truncated_end", "server_tools", "citations", "signatures"})
    declared = {"usage.input_tokens": "includes_cache"}
    notes = {
        "truncated_end": CUT_AT_THE_END,
        "signatures": "from_langchain does not read the thinking blocks' signatures (a converter gap)",
        "server_tools": "from_langchain does not read LangChain's server-tool blocks (a converter gap)",
        "citations": "from_langchain does not read LangChain's citations yet (a converter gap)",
        "usage.input_tokens": "LangChain's input_tokens is the whole prompt: input, cache reads and writes",
        "normalize": f"{ENDED}; {DROP_TOTAL}",
    }
    defects = {
        "usage: usage.input_tokens": "input tokens are taken from `message_delta` only: where its usage "
        "has only output_tokens (older API versions), the `message_start` count is lost and 0 reported",
        "usage: usage": "usage is taken from `message_delta` only: a stream cut before it reports no usage, "
        "though `message_start` gave the input tokens",
    }

    normalize = normalized("total_tokens")

    def request(self, base_url: str) -> Message:
        total = None
        for chunk in chat_model(base_url, model()).stream("Hi"):
            total = chunk if total is None else total + chunk
        return from_langchain(total or {}, vendor="anthropic")


globals().update(suites(ChatAnthropicStream, "langchain-anthropic", {"anthropic": {}}))
