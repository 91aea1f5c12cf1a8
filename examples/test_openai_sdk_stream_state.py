"""Worked example: the official `openai` SDK's stream assembly, checked by stream-conformance.

The parser under test is the SDK itself, end to end: its SSE decoder and `Stream` (fed the
recorded body, chunk by chunk, through an in-memory `httpx2.MockTransport`: no network) and
`ChatCompletionStreamState`, which folds `ChatCompletionChunk`s into a completion. The
suite only needs `parse(chunks)` to map that completion onto the kit's `Message`.

    pip install stream-conformance openai
    pytest examples/test_openai_sdk_stream_state.py
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import httpx2
import openai
from openai.lib.streaming.chat import ChatCompletionStreamState

from conformance import AdapterSuite

# https://platform.openai.com/docs/api-reference/chat/object (choices[].finish_reason)
STOP_REASONS = {
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
    "content_filter": "content_filter",
}
# CompletionUsage -> the kit's normalized usage keys
USAGE = {
    ("prompt_tokens",): "input_tokens",
    ("completion_tokens",): "output_tokens",
    ("total_tokens",): "total_tokens",
    ("completion_tokens_details", "reasoning_tokens"): "reasoning_tokens",
    ("prompt_tokens_details", "cached_tokens"): "cache_read_tokens",
}


def sdk_chunks(chunks: Iterable[bytes]) -> Iterator[Any]:
    """The SDK's `ChatCompletionChunk`s for a recorded body, exactly as a live call yields them."""
    body = list(chunks)

    def respond(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=iter(body))

    client = openai.OpenAI(
        api_key="offline",
        base_url="http://replay.invalid/v1",
        http_client=httpx2.Client(transport=httpx2.MockTransport(respond)),
    )
    yield from client.chat.completions.create(model="gpt-4o", messages=[], stream=True)


def _arguments(text: str | None) -> Any:
    """Parsed arguments; a stream cut inside them leaves the text as it came (not a crash)."""
    try:
        return json.loads(text or "{}")
    except ValueError:
        return text


def to_message(state: ChatCompletionStreamState[Any] | None) -> dict[str, Any]:
    """The SDK's accumulated completion in the kit's `Message.to_dict()` form."""
    if state is None:  # not one chunk arrived
        return {"complete": False}
    completion = state.current_completion_snapshot
    choice = completion.choices[0] if completion.choices else None
    message = choice.message if choice else None
    calls = [
        {"id": call.id, "name": call.function.name, "arguments": _arguments(call.function.arguments)}
        for call in (message.tool_calls or [] if message else [])
    ]
    reason = choice.finish_reason if choice else None
    usage = completion.usage.model_dump() if completion.usage else None
    return {
        "text": (message.content or "") if message else "",
        "refusal": (message.refusal or "") if message else "",
        "tool_calls": calls,
        "stop_reason": STOP_REASONS.get(reason, "other") if reason else None,
        "vendor_stop_reason": reason,
        "usage": _usage(usage) if usage is not None else None,
        # The SDK ends its iteration at `data: [DONE]` and at the end of the body alike, so
        # the finish reason is the best sign of a complete stream it offers.
        "complete": reason is not None,
    }


def _usage(raw: dict[str, Any]) -> dict[str, int]:
    out = {}
    for path, key in USAGE.items():
        value: Any = raw
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, int):
            out[key] = value
    return out


class TestOpenAISdkStreamState(AdapterSuite):
    vendor = "openai-chat"
    # The SDK cannot tell a body cut after its finish chunk from a complete one (see above).
    # (`truncated_end` alone would keep truncated_mid, which it passes, but also let the
    # generated check draw usage keys this example's mapping leaves out.)
    unsupported = frozenset({"truncated"})
    # A mid-stream `{"error": ...}` makes the SDK raise APIError: an accepted way to surface it.
    typed_errors = (openai.APIError,)

    def parse(self, chunks: Iterable[bytes]) -> dict[str, Any]:
        state: ChatCompletionStreamState[Any] | None = None
        for chunk in sdk_chunks(chunks):
            state = state or ChatCompletionStreamState()
            state.handle_chunk(chunk)
        return to_message(state)
