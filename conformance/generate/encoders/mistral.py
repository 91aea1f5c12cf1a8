"""Mistral chat completions streams (https://docs.mistral.ai/api/#tag/chat).

The OpenAI chunk shape with Mistral's habits, as the live API and mistralai's models show:
`delta.content` a string for text, or a list of content chunks for reasoning
(`{"type": "thinking", "thinking": [{"type": "text", "text"}]}`); tool calls whole, one
delta each with `id`, `function.name`, the whole `function.arguments` JSON text and
`index`, in the chunk that also carries `finish_reason` and `usage`; no `[DONE]` when the
message is incomplete.
"""

from __future__ import annotations

from typing import Any

from conformance.generate.encoders._common import seeded, sse, token
from conformance.generate.fragments import Fragmentation
from conformance.message import Message


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    rng = seeded(message, vendor)
    base = {
        "id": token(rng, 32).lower(),
        "object": "chat.completion.chunk",
        "created": 1770007000 + rng.randint(0, 10**6),
        "model": "magistral-medium-latest" if message.reasoning else "mistral-large-latest",
    }

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
        return sse({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra})

    out = [chunk({"role": "assistant", "content": ""})]
    if message.reasoning:
        for piece in fragmentation.split("reasoning", message.reasoning):
            out.append(
                chunk({"content": [{"type": "thinking", "thinking": [{"type": "text", "text": piece}]}]})
            )
    if message.text:
        out += [chunk({"content": p}) for p in fragmentation.split("text", message.text)]
    last: dict[str, Any] = {"content": ""}
    if message.tool_calls:
        last = {
            "tool_calls": [
                {
                    "id": call.id,
                    "function": {
                        "name": call.name,
                        "arguments": fragmentation.arguments_json(call.arguments),
                    },
                    "index": i,
                }
                for i, call in enumerate(message.tool_calls)
            ]
        }
    extra: dict[str, Any] = {}
    if message.usage is not None:
        usage = message.usage
        extra["usage"] = {
            "prompt_tokens": usage["input_tokens"],
            "total_tokens": usage["total_tokens"],
            "completion_tokens": usage["output_tokens"],
        }
    out.append(chunk(last, message.vendor_stop_reason, **extra))
    if message.complete:
        out.append(sse("[DONE]"))
    return b"".join(out)
