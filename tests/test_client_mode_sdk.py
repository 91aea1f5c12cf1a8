"""Client mode with the official SDKs: `anthropic` and `openai` (over `httpx2`) pointed at base_url.

Each class below is what a user writes: `request(base_url)` runs the SDK's real client
against the kit's loopback server, which plays every bundled cassette of the vendor with
its recorded status and headers, the body cut at Hypothesis-chosen points and each piece
flushed as its own transfer chunk. The SDK's events are written back as the SSE they came
from and read by the kit's parser, so what is checked is the SDK's HTTP client and SSE
decoder: every byte of every piece must reach its events. The plugin collects these classes
like any user's: the checks run as this module's tests.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

import conformance
from conformance import AdapterSuite, Message
from conformance.live.clients import encode_sse

anthropic = pytest.importorskip("anthropic")
openai = pytest.importorskip("openai")

HELLO = [{"role": "user", "content": "Hi"}]


@functools.cache
def anthropic_client(base_url: str) -> Any:
    return anthropic.Anthropic(api_key="test-key", base_url=base_url, max_retries=0)


@functools.cache
def openai_client(base_url: str) -> Any:
    return openai.OpenAI(api_key="test-key", base_url=base_url + "/v1", max_retries=0)


@functools.cache
def async_openai_client(base_url: str) -> Any:
    # One client for the whole run: the suite runs every async request on the same loop.
    return openai.AsyncOpenAI(api_key="test-key", base_url=base_url + "/v1", max_retries=0)


class TestAnthropicSDK(AdapterSuite):
    vendor = "anthropic"
    # An `event: error` makes the SDK raise (APIStatusError): an accepted way to surface it.
    typed_errors = (anthropic.APIError,)

    def request(self, base_url: str) -> Message:
        events = anthropic_client(base_url).messages.create(
            model="claude-sonnet-4-6", max_tokens=1024, messages=HELLO, stream=True
        )
        body = b"".join(encode_sse(event.type, event.to_json(indent=None)) for event in events)
        return conformance.parse("anthropic", [body])  # message_stop among them: complete


class TestOpenAIChatSDK(AdapterSuite):
    vendor = "openai-chat"
    # The SDK ends its iteration at `data: [DONE]` and at the end of the body alike: it
    # cannot tell a truncated stream from a complete one, so it does not claim `truncated`.
    unsupported = frozenset({"truncated"})
    typed_errors = (openai.APIError,)  # a mid-stream `{"error": ...}` makes the SDK raise

    def request(self, base_url: str) -> Message:
        chunks = openai_client(base_url).chat.completions.create(model="gpt-4o", messages=HELLO, stream=True)
        body = b"".join(encode_sse(None, chunk.to_json(indent=None)) for chunk in chunks)
        return conformance.parse("openai-chat", [body + b"data: [DONE]\n\n"])


class TestOpenAIResponsesSDKAsync(AdapterSuite):
    vendor = "openai-responses"
    # Found by the `truncated` check: for a body cut inside a UTF-8 character, the SDK's SSE
    # decoder decodes the unfinished last line strictly and raises UnicodeDecodeError. It is
    # how this client reports that broken stream, so it is listed with the SDK's own errors.
    typed_errors = (openai.APIError, UnicodeDecodeError)

    async def request(self, base_url: str) -> Message:  # async: run on the suite's own event loop
        events = await async_openai_client(base_url).responses.create(model="gpt-4o", input="Hi", stream=True)
        body = b"".join([encode_sse(event.type, event.to_json(indent=None)) async for event in events])
        return conformance.parse("openai-responses", [body])
