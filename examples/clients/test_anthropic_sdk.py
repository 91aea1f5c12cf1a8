"""The official `anthropic` SDK, checked whole-client by stream-conformance.

`client.messages.stream(...)` against the loopback server; the SDK's accumulated `Message`
(`current_message_snapshot`, what `get_final_message()` returns) goes through
`conformance.from_anthropic`.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_anthropic_sdk.py
"""

from __future__ import annotations

import functools

import anthropic
from _common import CUT_AT_THE_END, ENDED, HELLO, model, normalized, suites

from conformance import AdapterSuite, Message, from_anthropic


@functools.cache
def client(base_url: str) -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key="test", base_url=base_url, max_retries=0)


class AnthropicMessages(AdapterSuite):
    # An `error` event or an HTTP error status makes the SDK raise: how it reports them.
    typed_errors = (anthropic.APIError,)
    # The class it documents for any error the API reports (an HTTP 200 stream's `error` event
    # included); the `error_class` check holds it to that. Its `OverloadedError` is for an HTTP 529
    # answer: a mid-stream `overloaded_error` is a plain `APIStatusError`, so it is not declared.
    error_classes = {"error": anthropic.APIStatusError}
    request_examples = 3
    unsupported = frozenset({"truncated_end"})
    notes = {"truncated_end": CUT_AT_THE_END, "normalize": ENDED}
    normalize = normalized()

    def request(self, base_url: str) -> Message:
        with client(base_url).messages.stream(model=model(), max_tokens=1024, messages=HELLO) as stream:
            for _ in stream:
                pass
            return from_anthropic(stream.current_message_snapshot)


globals().update(suites(AnthropicMessages, "anthropic", {"anthropic": {}}))
