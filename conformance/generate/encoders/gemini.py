"""Gemini `streamGenerateContent?alt=sse` streams (and Vertex AI's, a profile of it).

Per https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent and
live streams: each event is a whole `GenerateContentResponse` ending in CRLF CRLF, its JSON
escaped as Google's frontends escape it (`proto_json`: `<`, `>`, U+2028…); its
`candidates[0].content.parts` hold this event's text pieces (`thought: true` for reasoning)
and whole function calls (`functionCall` with `name`, `args`, and an `id` where the model
gave one — Gemini streams arguments whole, never in fragments); `usageMetadata` repeats on
every event with the counts so far; the last event carries `finishReason`. The stream has
no terminator: a `finishReason` makes it complete, so an incomplete message is written
without one.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters.gemini import USAGE_FIELDS
from conformance.generate.encoders._common import proto_json, seeded, sse, token
from conformance.generate.encoders.openai_chat import vendor_usage
from conformance.generate.fragments import Fragmentation
from conformance.message import Message


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    rng = seeded(message, vendor)
    response_id = token(rng, 23)
    parts: list[dict[str, Any]] = []
    if message.reasoning:
        parts += [
            {"text": p, "thought": True} for p in fragmentation.split("reasoning", message.reasoning) if p
        ]
    if message.text:
        parts += [{"text": p} for p in fragmentation.split("text", message.text) if p]
    for call in message.tool_calls:
        function: dict[str, Any] = {"name": call.name, "args": call.arguments}
        if call.id is not None:
            function["id"] = call.id
        parts.append({"functionCall": function})
    usage = vendor_usage(message.usage or {}, USAGE_FIELDS)
    events: list[dict[str, Any]] = []
    for part in parts or [{"text": ""}]:
        events.append({"candidates": [{"content": {"parts": [part], "role": "model"}, "index": 0}]})
    if message.complete:
        events[-1]["candidates"][0]["finishReason"] = message.vendor_stop_reason
    out = []
    for event in events:
        if message.usage is not None:
            event["usageMetadata"] = usage
        event["modelVersion"] = "gemini-2.5-flash"
        event["responseId"] = response_id
        out.append(sse(proto_json(event), end="\r\n"))
    return b"".join(out)
