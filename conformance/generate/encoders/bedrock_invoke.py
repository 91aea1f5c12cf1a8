"""Amazon Bedrock InvokeModelWithResponseStream bodies for Claude models.

Per the API reference (`ResponseStream`) and the anthropic SDK's Bedrock stream decoder:
each Messages streaming event (`anthropic.events`) travels as an event-stream frame of
`:event-type: chunk` whose JSON payload is `{"bytes": <base64 of the event's JSON>, "p":
<padding>}`; Bedrock adds `amazon-bedrock-invocationMetrics` (token counts, latencies) to
the last event.
"""

from __future__ import annotations

import base64
import json
import string
from typing import Any

from conformance.framing.eventstream import encode_message
from conformance.generate.encoders import anthropic
from conformance.generate.encoders._common import seeded
from conformance.generate.fragments import Fragmentation
from conformance.message import Message

PAD = string.ascii_letters + string.digits
HEADERS = {":event-type": "chunk", ":content-type": "application/json", ":message-type": "event"}


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    rng = seeded(message, vendor)
    events = anthropic.events(vendor, message, fragmentation)
    if message.complete:
        usage = message.usage or {}
        metrics: dict[str, Any] = {
            "inputTokenCount": usage.get("input_tokens", 0),
            "outputTokenCount": usage.get("output_tokens", 0),
            "invocationLatency": rng.randint(200, 5000),
            "firstByteLatency": rng.randint(100, 1000),
        }
        kind, last = events[-1]
        events[-1] = (kind, {**last, "amazon-bedrock-invocationMetrics": metrics})
    out = bytearray()
    for _, data in events:
        encoded = base64.b64encode(
            json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
        ).decode()
        payload = json.dumps({"bytes": encoded, "p": PAD[: rng.randint(1, len(PAD))]}, separators=(",", ":"))
        out += encode_message(HEADERS, payload.encode())
    return bytes(out)
