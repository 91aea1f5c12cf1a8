"""The official `anthropic` SDK as an oracle for the Anthropic adapter.

`sdk_message(body, chunks=...)` serves the body (in those chunks) to `anthropic.Anthropic`
through an in-memory `httpx2.MockTransport`, runs `client.messages.stream(...)` and
`get_final_message()`, and reports the final message in the normalized vocabulary:
`text`, `reasoning`, `tool_calls` (`tool_use` blocks only: the calls the client must run),
`vendor_stop_reason` and `usage` (mapped with the adapter's own `USAGE_FIELDS`, only the
fields the SDK reports as integers).

When the SDK raises (an `error` event: `APIStatusError`; a body that is not a stream), the
result holds `sdk_error` (`"<exception class>: <message>"`), plus `error` (`{type,
message}`, as our `Message.error`) when the exception carries the vendor's error body, plus
whatever the SDK had assembled before it raised (the fields above, from its snapshot).
A body cut short does not make the SDK raise: it ends the stream quietly, and the result
is the snapshot so far (typically `vendor_stop_reason: None`).

The SDK is imported by name at call time (`importlib`), as this module's own name would
otherwise read like the SDK's; a missing SDK raises ImportError naming the extra.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from conformance.adapters.anthropic import USAGE_FIELDS

SOURCE = (
    "https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/lib/streaming/_messages.py"
)
"""Where the SDK assembles a stream (`accumulate_event`): what this oracle reports."""

REQUEST = {"model": "claude-haiku-4-5", "max_tokens": 1024, "messages": [{"role": "user", "content": "Hi"}]}
"""Any valid request: the mock transport answers every request with the body."""


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(
            f"the Anthropic oracle needs {name!r}: pip install 'stream-conformance[dev]'"
        ) from exc


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What the official SDK makes of `body` (see the module docstring for the keys)."""
    sdk = _import("anthropic")
    httpx2 = _import("httpx2")
    pieces = list(chunks) if chunks is not None else [body]
    if b"".join(pieces) != body:
        raise ValueError("chunks do not add up to body")

    def stream_body() -> Iterator[bytes]:
        yield from pieces

    def handler(request: Any) -> Any:
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=stream_body())

    http_client = httpx2.Client(transport=httpx2.MockTransport(handler))
    client = sdk.Anthropic(api_key="test", base_url="http://test", http_client=http_client, max_retries=0)
    snapshot: Any = None
    try:
        with client.messages.stream(**REQUEST) as stream:
            try:
                snapshot = stream.get_final_message()
            except Exception as exc:
                return _failed(exc, _snapshot_or_none(stream))
    finally:
        http_client.close()
    return _normalize(snapshot)


def _snapshot_or_none(stream: Any) -> Any:
    try:
        return stream.current_message_snapshot
    except AssertionError:  # the SDK asserts a snapshot exists: none before message_start
        return None


def _failed(exc: Exception, snapshot: Any) -> dict[str, Any]:
    out = _normalize(snapshot) if snapshot is not None else {}
    out["sdk_error"] = f"{type(exc).__name__}: {exc}"
    body = getattr(exc, "body", None)
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        out["error"] = {"type": str(error.get("type", "error")), "message": str(error.get("message", ""))}
    return out


def _normalize(message: Any) -> dict[str, Any]:
    text, reasoning, calls = [], [], []
    for block in message.content:
        if block.type == "text":
            text.append(block.text)
        elif block.type == "thinking":
            reasoning.append(block.thinking)
        elif block.type == "tool_use":
            calls.append({"id": block.id, "name": block.name, "arguments": block.input})
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
    }
