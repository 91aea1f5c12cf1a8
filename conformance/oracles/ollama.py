"""The official `ollama` Python library as the Ollama oracle: `Client.chat(..., stream=True)`.

The library uses `httpx` (not `httpx2`) and hands its keyword arguments to `httpx.Client`,
so the body is served by an in-memory `httpx.MockTransport` given as `transport` (no
network). Its reader (`_client.py` `_request`: `iter_lines()`, `json.loads` of each line,
`ResponseError` for a line holding `"error"`) yields one `ChatResponse` per line and
accumulates nothing, so this module folds them the way the library's streaming example
does (`FOLD_SOURCE`): `message.thinking` and `message.content` appended, every
`message.tool_calls` entry collected (arguments arrive as an object), the last
`done_reason`, and `prompt_eval_count` / `eval_count` of the final line as usage (the
adapter's `USAGE_FIELDS`).

A `ResponseError` (an error line) is reported as `error: {type: "error", message}`, as the
adapter reports it, with `sdk_error` and the fold so far; any other exception (a line cut
short, which `json.loads` refuses) as `sdk_error` alone.

What the library cannot see: tool-call ids. Its `Message.ToolCall` has only `function`, and
its models ignore unknown keys, so an `id` a server sends is dropped and the oracle reports
`id: None` (the adapter keeps it; tests/test_oracle_ollama.py pins the difference).
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.ollama import USAGE_FIELDS
from conformance.oracles._sdk import mock_transport, needs, reported

SOURCE = "https://github.com/ollama/ollama-python/blob/main/ollama/_client.py"
"""`Client._request` with `stream=True`: the reader this oracle runs."""
FOLD_SOURCE = "https://github.com/ollama/ollama-python/blob/main/examples/multi-tool.py"
"""The library's own example of folding a streamed chat (thinking, content, tool calls)."""

MODEL = "llama3.2"
"""The model named in the request; the library never checks it against the body."""


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What the `ollama` library makes of `body` (served in `chunks`, if given)."""
    ollama = needs("the Ollama oracle", "ollama")
    transport = mock_transport(body, chunks, content_type="application/x-ndjson", library="httpx")
    client = ollama.Client(host="http://test", transport=transport)
    text: list[str] = []
    reasoning: list[str] = []
    calls: list[dict[str, Any]] = []
    out: dict[str, Any] = {"vendor_stop_reason": None, "usage": None}
    messages = [{"role": "user", "content": "oracle"}]
    with client, reported(out):
        try:
            for part in client.chat(model=MODEL, messages=messages, stream=True):
                message = part.message
                reasoning.append(message.thinking or "")
                text.append(message.content or "")
                calls.extend(
                    {"id": None, "name": call.function.name, "arguments": dict(call.function.arguments)}
                    for call in message.tool_calls or []
                )
                if part.done:
                    out["vendor_stop_reason"] = part.done_reason
                    # `or None`: a final line without counts reported no usage (as the adapter says)
                    out["usage"] = usage_from(part.model_dump(), USAGE_FIELDS) or None
        except ollama.ResponseError as exc:  # an error line: its text, without the status code
            out["sdk_error"] = f"ResponseError: {exc.error}"
            out["error"] = {"type": "error", "message": str(exc.error)}
    out.update(text="".join(text), reasoning="".join(reasoning), tool_calls=calls)
    return out
