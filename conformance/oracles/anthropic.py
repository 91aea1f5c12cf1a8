"""The official `anthropic` SDK as an oracle for the Anthropic adapter.

`sdk_message(body, chunks=...)` serves the body (in those chunks) to `anthropic.Anthropic`
through an in-memory `httpx2.MockTransport`, runs `client.messages.stream(...)` and
`get_final_message()`, and reports the final message in the normalized vocabulary:
`text`, `reasoning`, `tool_calls` (`tool_use` blocks only: the calls the client must run),
`vendor_stop_reason` and `usage` (mapped with the adapter's own `USAGE_FIELDS`, only the
fields the SDK reports as integers), and what the API's own tools did: `server_tool_calls`
(`server_tool_use` blocks), `server_tool_results` (`*_tool_result` blocks, content as JSON)
and `citations` (every text block's, in order, as JSON); and `signatures` (each thinking
block's `signature`, each `redacted_thinking` block's `data`, in block order, as
`Message.signatures` lists them).

When the SDK raises (an `error` event: `APIStatusError`; a body that is not a stream), the
result holds `sdk_error` (`"<exception class>: <message>"`), plus `error` (`{type,
message}`, as our `Message.error`) when the exception carries the vendor's error body, plus
whatever the SDK had assembled before it raised (the fields above, from its snapshot).
A body cut short does not make the SDK raise: it ends the stream quietly, and the result
is the snapshot so far (typically `vendor_stop_reason: None`).

The SDK is imported by name at call time (`_sdk.needs`), as this module's own name would
otherwise read like the SDK's; a missing SDK raises ImportError naming the extra.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters.anthropic import USAGE_FIELDS
from conformance.oracles._sdk import mock_client, needs, reported

SOURCE = (
    "https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/lib/streaming/_messages.py"
)
"""Where the SDK assembles a stream (`accumulate_event`): what this oracle reports."""

REQUEST = {"model": "claude-haiku-4-5", "max_tokens": 1024, "messages": [{"role": "user", "content": "Hi"}]}
"""Any valid request: the mock transport answers every request with the body."""


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What the official SDK makes of `body` (see the module docstring for the keys)."""
    sdk = needs("the Anthropic oracle", "anthropic")
    failure: dict[str, Any] = {}
    snapshot: Any = None
    with mock_client(body, chunks) as http_client:
        client = sdk.Anthropic(api_key="test", base_url="http://test", http_client=http_client, max_retries=0)
        with client.messages.stream(**REQUEST) as stream:
            with reported(failure, error=_body_error):
                snapshot = stream.get_final_message()
            if failure:
                snapshot = _snapshot_or_none(stream)
    out = _normalize(snapshot) if snapshot is not None else {}
    return {**out, **failure}


def _snapshot_or_none(stream: Any) -> Any:
    try:
        return stream.current_message_snapshot
    except AssertionError:  # the SDK asserts a snapshot exists: none before message_start
        return None


def _body_error(exc: Exception) -> dict[str, str] | None:
    """The vendor's `{type, message}` when the exception carries its error body."""
    body = getattr(exc, "body", None)
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return {"type": str(error.get("type", "error")), "message": str(error.get("message", ""))}
    return None


def _normalize(message: Any) -> dict[str, Any]:
    text, reasoning, calls, signatures = [], [], [], []
    server_calls: list[dict[str, Any]] = []
    server_results: list[dict[str, Any]] = []
    citations: list[Any] = []
    for block in message.content:
        if block.type == "text":
            text.append(block.text)
            citations.extend(_as_json(c) for c in getattr(block, "citations", None) or [])
        elif block.type == "thinking":
            reasoning.append(block.thinking)
            if block.signature:  # "" until a signature_delta sets it
                signatures.append({"kind": "signature", "value": block.signature})
        elif block.type == "redacted_thinking":
            signatures.append({"kind": "redacted", "value": block.data})
        elif block.type == "tool_use":
            calls.append({"id": block.id, "name": block.name, "arguments": block.input})
        elif block.type == "server_tool_use":
            server_calls.append({"id": block.id, "name": block.name, "arguments": block.input})
        elif block.type.endswith("_tool_result"):
            content = getattr(block, "content", None)
            server_results.append(
                {
                    "tool_use_id": getattr(block, "tool_use_id", None),
                    "type": block.type,
                    "content": _as_json(content),
                }
            )
    usage = {}
    for field, key in USAGE_FIELDS.items():
        value = getattr(message.usage, field, None)
        if isinstance(value, int) and not isinstance(value, bool):
            usage[key] = value
    return {
        "text": "".join(text),
        "reasoning": "".join(reasoning),
        "tool_calls": calls,
        "vendor_stop_reason": message.stop_reason,
        "usage": usage,
        "server_tool_calls": server_calls,
        "server_tool_results": server_results,
        "citations": citations,
        "signatures": signatures,
    }


def _as_json(value: Any) -> Any:
    """An SDK model (or list of them) as the JSON the wire carried (fields it set, by alias)."""
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else value
