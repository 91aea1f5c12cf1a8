"""Cohere Chat API v2 streams (https://docs.cohere.com/v2/docs/streaming).

`message-start`, then content blocks by `index` — a `thinking` block for reasoning, a
`text` block — each `content-start`, `content-delta` pieces, `content-end`; tool calls by
their own `index`, `tool-call-start` (id, name, `arguments: ""`), `tool-call-delta`
argument fragments, `tool-call-end`; `message-end` with `finish_reason` and `usage`
(`billed_units` and `tokens`), then `data: [DONE]`. The SSE `event:` repeats each type.
An incomplete message stops before `message-end`.
"""

from __future__ import annotations

import uuid
from typing import Any

from conformance.generate.encoders._common import seeded, sse
from conformance.generate.fragments import Fragmentation
from conformance.message import Message


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    rng = seeded(message, vendor)
    out: list[bytes] = []

    def emit(kind: str, **fields: Any) -> None:
        out.append(sse({"type": kind, **fields}, event=kind))

    start = {"role": "assistant", "content": [], "tool_plan": "", "tool_calls": [], "citations": []}
    out.append(
        sse(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
                "type": "message-start",
                "delta": {"message": start},
            },
            event="message-start",
        )
    )
    index = 0
    for key, kind in (("reasoning", "thinking"), ("text", "text")):
        value = getattr(message, key)
        if not value:
            continue
        emit("content-start", index=index, delta={"message": {"content": {"type": kind, kind: ""}}})
        for piece in fragmentation.split(key, value):
            emit("content-delta", index=index, delta={"message": {"content": {kind: piece}}})
        emit("content-end", index=index)
        index += 1
    for i, call in enumerate(message.tool_calls):
        first = {"id": call.id, "type": "function", "function": {"name": call.name, "arguments": ""}}
        emit("tool-call-start", index=i, delta={"message": {"tool_calls": first}})
        text = fragmentation.arguments_json(call.arguments)
        for piece in fragmentation.split(f"args:{i}", text):
            emit(
                "tool-call-delta",
                index=i,
                delta={"message": {"tool_calls": {"function": {"arguments": piece}}}},
            )
        emit("tool-call-end", index=i)
    if message.complete:
        end: dict[str, Any] = {"finish_reason": message.vendor_stop_reason}
        if message.usage is not None:
            tokens = {
                "input_tokens": message.usage["input_tokens"],
                "output_tokens": message.usage["output_tokens"],
            }
            end["usage"] = {"billed_units": dict(tokens), "tokens": tokens}
            if "cache_read_tokens" in message.usage:
                end["usage"]["cached_tokens"] = message.usage["cache_read_tokens"]
        emit("message-end", delta=end)
        out.append(sse("[DONE]"))
    return b"".join(out)
