"""Amazon Bedrock ConverseStream bodies: AWS event-stream frames, as botocore reads them.

Per the API reference (`ConverseStreamOutput`) and the recorded shape: `messageStart`;
reasoning and text blocks opened by their first `contentBlockDelta` (`reasoningContent`
text then a `signature`; `text`), tool-use blocks by `contentBlockStart` (`toolUse` name and
`toolUseId`) with `delta.toolUse.input` JSON-text fragments; `contentBlockStop` per block;
`messageStop` (`stopReason`); `metadata` (`usage`, `metrics`) last: the terminator. Every
payload is compact JSON with sorted keys and the random padding field `"p"` the service
adds. An incomplete message stops before `metadata`.
"""

from __future__ import annotations

import json
import string
from typing import Any

from conformance.adapters.bedrock_converse import USAGE_FIELDS
from conformance.framing.eventstream import encode_message
from conformance.generate.encoders._common import seeded
from conformance.generate.encoders.openai_chat import vendor_usage
from conformance.generate.fragments import Fragmentation
from conformance.message import Message

PAD = string.ascii_letters + string.digits


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    rng = seeded(message, vendor)
    out = bytearray()

    def frame(kind: str, payload: dict[str, Any]) -> None:
        payload = {**payload, "p": PAD[: rng.randint(1, len(PAD))]}
        headers = {":event-type": kind, ":content-type": "application/json", ":message-type": "event"}
        text = json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
        out.extend(encode_message(headers, text.encode("utf-8")))

    frame("messageStart", {"role": "assistant"})
    index = 0
    if message.reasoning:
        for piece in fragmentation.split("reasoning", message.reasoning):
            frame(
                "contentBlockDelta",
                {"contentBlockIndex": index, "delta": {"reasoningContent": {"text": piece}}},
            )
        for signed in (s.value for s in message.signatures if s.kind == "signature"):
            signature = {"reasoningContent": {"signature": signed}}
            frame("contentBlockDelta", {"contentBlockIndex": index, "delta": signature})
        frame("contentBlockStop", {"contentBlockIndex": index})
        index += 1
    if message.text:
        for piece in fragmentation.split("text", message.text):
            frame("contentBlockDelta", {"contentBlockIndex": index, "delta": {"text": piece}})
        frame("contentBlockStop", {"contentBlockIndex": index})
        index += 1
    for i, call in enumerate(message.tool_calls):
        start = {"toolUse": {"name": call.name, "toolUseId": call.id, "type": "tool_use"}}
        frame("contentBlockStart", {"contentBlockIndex": index, "start": start})
        text = fragmentation.arguments_json(call.arguments)
        for piece in fragmentation.split(f"args:{i}", text):
            frame("contentBlockDelta", {"contentBlockIndex": index, "delta": {"toolUse": {"input": piece}}})
        frame("contentBlockStop", {"contentBlockIndex": index})
        index += 1
    frame("messageStop", {"stopReason": message.vendor_stop_reason})
    if message.complete:
        metadata: dict[str, Any] = {"metrics": {"latencyMs": rng.randint(100, 5000)}}
        if message.usage is not None:
            metadata["usage"] = vendor_usage(message.usage, USAGE_FIELDS)
        frame("metadata", metadata)
    return bytes(out)
