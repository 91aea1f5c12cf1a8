"""Anthropic Messages API streams (https://docs.anthropic.com/en/api/messages-streaming).

`message_start` (usage with the input counts), then one content block per part — thinking
blocks first (thinking deltas, then a `signature_delta`), the text block, then one
`tool_use` block per call (empty `input` at start, `input_json_delta` fragments) — each
opened, grown and stopped by index; a `ping` after the first block starts, as the live API
sends; `message_delta` with the stop reason and the cumulative usage; `message_stop` unless
the message is incomplete.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters.anthropic import STOP_REASONS, USAGE_FIELDS
from conformance.generate.encoders._common import seeded, sse, token
from conformance.generate.fragments import Fragmentation
from conformance.message import Message

VENDOR_USAGE = {normalized: field for field, normalized in USAGE_FIELDS.items()}


def vendor_usage(usage: Any) -> dict[str, int]:
    return {VENDOR_USAGE[k]: v for k, v in (usage or {}).items() if k in VENDOR_USAGE}


Event = tuple[str, dict[str, Any]]
"""(event type, JSON payload): the Messages streaming events, before any framing."""


def events(vendor: str, message: Message, fragmentation: Fragmentation) -> list[Event]:
    """The Messages API events of `message` (also what Claude on Bedrock sends, base64-framed)."""
    rng = seeded(message, vendor)
    usage = vendor_usage(message.usage)
    # `message_start` counts the first output token (1, as live streams do), never more than the
    # cumulative count `message_delta` ends with: a count that shrinks is no stream Anthropic sends.
    start_output = min(1, usage.get("output_tokens", 1))
    start_usage = {k: v for k, v in usage.items() if k != "output_tokens"} | {"output_tokens": start_output}
    out: list[Event] = [
        (
            "message_start",
            {
                "type": "message_start",
                "message": {
                    "id": f"msg_{token(rng, 24)}",
                    "type": "message",
                    "role": "assistant",
                    "model": "claude-sonnet-4-5",
                    "content": [],
                    "stop_reason": None,
                    "stop_sequence": None,
                    "usage": start_usage,
                },
            },
        )
    ]
    index = 0

    def block(start: dict[str, Any], deltas: list[dict[str, Any]]) -> None:
        nonlocal index
        out.append(
            ("content_block_start", {"type": "content_block_start", "index": index, "content_block": start})
        )
        if index == 0:
            out.append(("ping", {"type": "ping"}))
        for delta in deltas:
            out.append(
                ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})
            )
        out.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
        index += 1

    if message.reasoning:
        pieces = fragmentation.split("reasoning", message.reasoning)
        deltas = [{"type": "thinking_delta", "thinking": p} for p in pieces]
        deltas += [
            {"type": "signature_delta", "signature": s.value}
            for s in message.signatures
            if s.kind == "signature"
        ]
        block({"type": "thinking", "thinking": "", "signature": ""}, deltas)
    if message.text:
        pieces = fragmentation.split("text", message.text)
        block({"type": "text", "text": ""}, [{"type": "text_delta", "text": p} for p in pieces])
    for i, call in enumerate(message.tool_calls):
        text = fragmentation.arguments_json(call.arguments)
        pieces = fragmentation.split(f"args:{i}", text)
        block(
            {"type": "tool_use", "id": call.id, "name": call.name, "input": {}},
            [{"type": "input_json_delta", "partial_json": p} for p in pieces],
        )
    delta = {"stop_reason": message.vendor_stop_reason, "stop_sequence": None}
    out.append(("message_delta", {"type": "message_delta", "delta": delta, "usage": usage}))
    if message.complete:
        out.append(("message_stop", {"type": "message_stop"}))
    return out


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    rng = seeded(message, "padding")

    def pad(kind: str) -> int:
        return rng.randint(0, 12) if fragmentation.padding and kind != "ping" else 0

    return b"".join(
        sse(data, event=kind, pad=pad(kind)) for kind, data in events(vendor, message, fragmentation)
    )


STOP_REASON_OF = STOP_REASONS
"""Vendor stop reason -> normalized (the adapter's own table: the strategy draws from it)."""
