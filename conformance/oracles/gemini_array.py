"""The `google-genai` SDK as the oracle of Gemini's JSON-array streaming (no `alt=sse`).

google-genai always asks for `alt=sse` and has no reader for the JSON-array framing, so the
oracle judges the *responses*, not the framing: the body is read whole with `json.loads`
(independent of the kit's incremental splitter), each element is written as one SSE event,
and the Gemini oracle (`conformance.oracles.gemini`, the SDK's own SSE reader and types) is
run on that. What it reports is what the SDK makes of the same responses. A bare JSON
error document is given to the SDK as it is; a body that is not a whole array (cut short)
is `sdk_unsupported`, since the SDK has no reader for part of one.
"""

from __future__ import annotations

import json
from typing import Any

from conformance.oracles import gemini
from conformance.oracles._sdk import body_pieces

SOURCE = "https://github.com/googleapis/python-genai/blob/main/google/genai/_api_client.py"
"""The SDK's stream reader (`_iter_response_stream`): SSE `data:` lines only."""


def as_sse(body: bytes) -> bytes | None:
    """The array's elements as SSE events (Gemini's CRLF), or None if `body` is not a whole array."""
    try:
        value = json.loads(body)
    except ValueError:
        return None
    if not isinstance(value, list):
        return None
    return b"".join(b"data: " + json.dumps(e, ensure_ascii=False).encode() + b"\r\n\r\n" for e in value)


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What `google-genai` makes of the responses in `body` (see the module docstring)."""
    body_pieces(body, chunks)  # the same check as every oracle: the chunks must be the body
    sse = as_sse(body)
    if sse is not None:
        return gemini.sdk_message(sse)
    if body.lstrip()[:1] == b"{":  # a bare JSON error document: the SDK reads it as one
        return gemini.sdk_message(body)
    return {"sdk_unsupported": "not a whole JSON array (cut short?): the SDK has no reader for part of one"}
