"""The official `cohere` SDK as the Cohere oracle: `ClientV2.chat_stream` (Chat API v2).

The SDK still uses `httpx` (not `httpx2`), so the body is served by an in-memory
`httpx.MockTransport` (no network) given as `httpx_client`. Its reader
(`v2/raw_client.py` `chat_stream`: `EventSource(...).iter_sse()`, stop at `data: [DONE]`,
`parse_sse_obj` into `V2ChatStreamResponse` by the payload's `"type"`) yields one typed
event per SSE event and accumulates nothing, so this module folds them the way the docs'
streaming examples do (`FOLD_SOURCE`): `content-delta` text and thinking appended,
`tool-plan-delta` appended to reasoning (the plan the model states before it calls tools;
the adapter files it under reasoning too), `tool-call-start` opening a call (`id`,
`function.name`) by the event's `index` and `tool-call-delta` arguments joined, then
parsed with `json.loads` (`{}` when empty); `message-end` gives `finish_reason`, `usage`
(`tokens.*`, `cached_tokens`) and an `error` text, reported as `error: {type:
finish_reason, message}`.

The SDK types token counts as floats (`types/usage_tokens.py`); whole numbers are read back
as the integers the wire sent. It does not raise on an event it cannot read: a `data:` that
is not JSON is logged (`core/pydantic_utilities.py` `parse_sse_obj`) and becomes an event
with no content, and a model it cannot build is skipped with a warning, so a malformed
stream shows up here as missing pieces, never as `sdk_error`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.cohere import USAGE_FIELDS
from conformance.oracles._sdk import json_arguments, mock_client, needs, reported

SOURCE = "https://github.com/cohere-ai/cohere-python/blob/main/src/cohere/v2/raw_client.py"
"""`chat_stream`: the SDK call this oracle makes, and the reader it uses."""
FOLD_SOURCE = "https://docs.cohere.com/v2/docs/streaming"
"""The documented reading of the events: what this module's fold follows."""

MODEL = "command-a-03-2025"
"""The model named in the request; the SDK never checks it against the body."""

ERROR_REASONS = ("ERROR", "TIMEOUT")
"""`ChatFinishReason` values that mean the generation failed (`types/chat_finish_reason.py`)."""


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What `cohere` makes of `body` (served in `chunks`, if given)."""
    cohere = needs("the Cohere oracle", "cohere")
    http_client = mock_client(body, chunks, library="httpx")
    client = cohere.ClientV2(api_key="test", base_url="http://test", httpx_client=http_client)
    text: list[str] = []
    reasoning: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    out: dict[str, Any] = {"vendor_stop_reason": None, "usage": None}
    with http_client, reported(out):
        for event in client.chat_stream(model=MODEL, messages=[{"role": "user", "content": "oracle"}]):
            message = getattr(event.delta, "message", None) if getattr(event, "delta", None) else None
            if event.type in ("content-start", "content-delta") and message and message.content:
                reasoning.append(message.content.thinking or "")
                text.append(message.content.text or "")
            elif event.type == "tool-plan-delta" and message:
                reasoning.append(message.tool_plan or "")
            elif event.type == "tool-call-start" and message and message.tool_calls:
                call = message.tool_calls
                function = call.function
                calls[event.index or 0] = {
                    "id": call.id,
                    "name": function.name if function else None,
                    "arguments": [(function.arguments if function else None) or ""],
                }
            elif event.type == "tool-call-delta" and message and message.tool_calls and event.index in calls:
                function = message.tool_calls.function
                calls[event.index]["arguments"].append((function.arguments if function else None) or "")
            elif event.type == "message-end" and event.delta is not None:
                out.update(_message_end(event.delta))
    out["text"] = "".join(text)
    out["reasoning"] = "".join(reasoning)
    out["tool_calls"] = [
        {"id": call["id"], "name": call["name"], "arguments": json_arguments("".join(call["arguments"]))}
        for call in calls.values()
    ]
    return out


def _message_end(delta: Any) -> dict[str, Any]:
    reason = str(delta.finish_reason) if delta.finish_reason is not None else None
    out: dict[str, Any] = {"vendor_stop_reason": reason}
    if delta.usage is not None:
        out["usage"] = usage_from(_whole_numbers(delta.usage.dict()), USAGE_FIELDS)
    if reason in ERROR_REASONS or delta.error:
        out["error"] = {"type": reason or "ERROR", "message": delta.error or ""}
    return out


def _whole_numbers(data: Any) -> Any:
    """The SDK's float counts back as the integers the wire sent."""
    if isinstance(data, Mapping):
        return {key: _whole_numbers(value) for key, value in data.items()}
    if isinstance(data, float) and data.is_integer():
        return int(data)
    return data
