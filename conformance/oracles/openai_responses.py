"""The official `openai` SDK as an oracle for `openai-responses` bodies.

The body is served by an in-memory `httpx2.MockTransport` (no network) to
`client.responses.create(..., stream=True)`, which types every event with the SDK's own
models (`types/responses/response_stream_event.py`). The answer is the *final response*
the SDK parsed from the terminal event (`response.completed`, `.incomplete`, `.failed`),
read in the normalized vocabulary: `text` (the SDK's `Response.output_text`), `refusal`,
`reasoning` (each reasoning item's summary texts, then its `reasoning_text` content),
`tool_calls` (`function_call` items: `{call_id, name, arguments}` with arguments parsed
by `json.loads`, `{}` when empty, the raw text when not JSON; `custom_tool_call` items with
their input string), `vendor_stop_reason` (the incomplete reason, else the status, as the
adapter names it), `stop_reason` (the adapter's mapping of that status), `usage` (mapped
with the adapter's own `USAGE_FIELDS`) and `error`.

This is an independent path from the adapter's: the adapter assembles deltas, the oracle
reads the server's final snapshot, so a delta the adapter drops shows up as a difference.
The raw stream is used rather than `client.responses.stream()`, whose state machine
refuses a resumed background stream (one that starts at `response.queued`).

What the SDK does instead of returning a final response, and what we report for it:

- `event: error` with `{"error": {...}}`: the SDK raises `APIError` (`_streaming.py`); the
  result holds `sdk_error` and `error` (`{type, message}`, as our `Message.error`).
- An `error` event of the documented shape (`{"type": "error", "code", "message"}`): the
  SDK yields it as a `ResponseErrorEvent`; it is reported as `error`.
- No terminal event (a body cut short): the SDK has no final response; the result says only
  `vendor_stop_reason: None` and `usage: None`.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.openai_responses_types import INCOMPLETE_REASONS, USAGE_FIELDS
from conformance.oracles._sdk import json_arguments, mock_client, needs, reported

SOURCE = (
    "https://github.com/openai/openai-python/blob/main/src/openai/types/responses/response_stream_event.py"
)
"""The SDK's union of Responses stream events: what this oracle parses with."""

MODEL = "gpt-4o-mini"
"""The model named in the request; the SDK never checks it against the body."""

TERMINAL = ("response.completed", "response.incomplete", "response.failed")


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What the official SDK makes of `body` (see the module docstring for the keys)."""
    openai = needs("the openai-responses oracle", "openai")
    http_client = mock_client(body, chunks)
    client = openai.OpenAI(api_key="test", base_url="http://test/v1", http_client=http_client, max_retries=0)
    final: Any = None
    error: dict[str, str] | None = None
    failure: dict[str, Any] = {}
    with client, reported(failure, catch=(openai.APIError,), error=_api_error):
        stream = client.responses.create(model=MODEL, input="oracle", stream=True)
        for event in stream:
            if event.type in TERMINAL:
                final = event.response
            elif event.type == "error" and error is None:
                error = {"type": str(event.code or "error"), "message": event.message}
    out = _normalized(final) if final is not None else _no_final_response()
    if failure:  # the SDK raised: its exception's error, not an earlier error event's
        return {**out, **failure}
    if error is not None:
        out["error"] = error
    return out


def _api_error(exc: Exception) -> dict[str, str]:
    body = getattr(exc, "body", None)
    body_error = body if isinstance(body, dict) else {}
    kind = body_error.get("code") or body_error.get("type") or getattr(exc, "type", None) or "error"
    return {"type": str(kind), "message": str(getattr(exc, "message", exc))}


def _no_final_response() -> dict[str, Any]:
    """All the SDK knows of a stream with no terminal event."""
    return {"vendor_stop_reason": None, "usage": None}


def _normalized(response: Any) -> dict[str, Any]:
    refusal: list[str] = []
    reasoning: list[str] = []
    calls: list[dict[str, Any]] = []
    signatures: list[dict[str, str]] = []
    server_calls: list[dict[str, Any]] = []
    citations: list[dict[str, Any]] = []
    for item in response.output or []:
        if item.type == "message":
            refusal.extend(part.refusal for part in item.content if part.type == "refusal")
        elif item.type == "reasoning":
            reasoning.extend(part.text for part in item.summary or [])
            reasoning.extend(part.text for part in item.content or [])
            if item.encrypted_content is not None:
                signatures.append({"kind": "encrypted_content", "value": item.encrypted_content})
        elif item.type == "function_call":
            calls.append({"id": item.call_id, "name": item.name, "arguments": json_arguments(item.arguments)})
        elif item.type == "custom_tool_call":
            calls.append({"id": item.call_id, "name": item.name, "arguments": item.input})
        elif item.type == "web_search_call":
            action = item.action.to_dict() if getattr(item, "action", None) is not None else {}
            server_calls.append({"id": item.id, "name": "web_search", "arguments": action})
        if item.type == "message":
            for part in item.content:
                if part.type == "output_text":
                    citations.extend(a.to_dict() for a in part.annotations or [])
    status = response.status
    reason = response.incomplete_details.reason if response.incomplete_details is not None else None
    out: dict[str, Any] = {
        "text": response.output_text,
        "refusal": "".join(refusal),
        "reasoning": "".join(reasoning),
        "tool_calls": calls,
        "signatures": signatures,
        "vendor_stop_reason": (reason or "incomplete") if status == "incomplete" else status,
        "usage": usage_from(response.usage.to_dict(), USAGE_FIELDS) if response.usage is not None else None,
        "server_tool_calls": server_calls,
        "citations": citations,
    }
    if status == "completed":
        out["stop_reason"] = "tool_calls" if calls else "stop"
    elif status == "incomplete":
        out["stop_reason"] = INCOMPLETE_REASONS.get(reason or "", "other")
    elif status == "failed":
        out["stop_reason"] = "error"
    if response.error is not None:
        out["error"] = {"type": str(response.error.code or "error"), "message": response.error.message}
    return out
