"""Cohere Chat API v1 streams (https://docs.cohere.com/v1/reference/chat-stream): NDJSON.

One event a line, typed by `event_type`, each with `is_finished`: `stream-start`
(`generation_id`), `text-generation` pieces, with tools `tool-calls-chunk` (a call's name,
then its parameter text in pieces) and `tool-calls-generation` (the calls whole, no ids),
then `stream-end` with `finish_reason` and the whole `response` (`meta.tokens`,
`meta.billed_units`): the terminator. Tool calls end with `COMPLETE`, as in v1. An
incomplete message stops before `stream-end`. Written as the live API writes it (real
recordings show it): compact, non-ASCII raw, `<`, `>`, `&` escaped as Go's encoder does.
"""

from __future__ import annotations

import uuid
from typing import Any

from conformance.generate.encoders._common import go_json, seeded
from conformance.generate.fragments import Fragmentation
from conformance.message import Message


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    rng = seeded(message, vendor)
    generation_id = str(uuid.UUID(int=rng.getrandbits(128)))
    lines: list[dict[str, Any]] = [
        {"is_finished": False, "event_type": "stream-start", "generation_id": generation_id}
    ]
    if message.text:
        for piece in fragmentation.split("text", message.text):
            lines.append({"is_finished": False, "event_type": "text-generation", "text": piece})
    calls = [{"name": c.name, "parameters": c.arguments} for c in message.tool_calls]
    for i, call in enumerate(message.tool_calls):
        lines.append(
            {
                "is_finished": False,
                "event_type": "tool-calls-chunk",
                "tool_call_delta": {"index": i, "name": call.name},
            }
        )
        text = fragmentation.arguments_json(call.arguments)
        for piece in fragmentation.split(f"args:{i}", text):
            delta = {"index": i, "parameters": piece}
            lines.append({"is_finished": False, "event_type": "tool-calls-chunk", "tool_call_delta": delta})
    if calls:
        lines.append(
            {
                "is_finished": False,
                "event_type": "tool-calls-generation",
                "text": message.text,
                "tool_calls": calls,
            }
        )
    if message.complete:
        response: dict[str, Any] = {
            "response_id": str(uuid.UUID(int=rng.getrandbits(128))),
            "text": message.text,
            "generation_id": generation_id,
            "chat_history": [],
            "finish_reason": message.vendor_stop_reason,
        }
        if message.usage is not None:
            tokens = {
                "input_tokens": message.usage["input_tokens"],
                "output_tokens": message.usage["output_tokens"],
            }
            response["meta"] = {
                "api_version": {"version": "1"},
                "billed_units": dict(tokens),
                "tokens": tokens,
            }
        if calls:
            response["tool_calls"] = calls
        end = {"is_finished": True, "event_type": "stream-end", "response": response}
        lines.append({**end, "finish_reason": message.vendor_stop_reason})
    return "".join(go_json(line) + "\n" for line in lines).encode()
