"""Gemini `streamGenerateContent` without `alt=sse`: the `gemini` encoder's responses written
as one JSON array (`[`, elements separated by `,\\r\\n`, `\\r\\n]`), as the REST API frames
them (`adapters/gemini_array.py`). The array is always closed; an incomplete message has no
`finishReason`, which is what makes the `gemini-array` adapter call it incomplete."""

from __future__ import annotations

import json

from conformance.generate.encoders import gemini
from conformance.generate.encoders._common import proto_json
from conformance.generate.fragments import Fragmentation
from conformance.message import Message


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    sse = gemini.encode(vendor, message, fragmentation).decode("utf-8")
    events = [json.loads(line[len("data: ") :]) for line in sse.split("\r\n") if line.startswith("data: ")]
    return ("[" + "\r\n,\r\n".join(proto_json(e) for e in events) + "\r\n]").encode("utf-8")
