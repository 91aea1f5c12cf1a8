"""The official `openai` SDK as an oracle for `openai-chat` bodies.

The body is served by an in-memory `httpx2.MockTransport` (no network) to
`client.chat.completions.stream(...)`, the SDK's own accumulator
(`lib/streaming/chat/_completions.py`, `ChatCompletionStreamState`), and the final
completion is read back in the normalized vocabulary: `text`, `refusal`, `tool_calls`
(`[{id, name, arguments}]`, arguments parsed with `json.loads`, `{}` when empty, the raw
text when not JSON), `vendor_stop_reason` and `usage` (mapped with the adapter's own
`USAGE_FIELDS`, so only the values are compared, never the naming).

What the SDK does instead of returning a completion, and what we report for it:

- `finish_reason` `length` or `content_filter`: `get_final_completion()` raises
  `LengthFinishReasonError` / `ContentFilterFinishReasonError` (even with no response
  format); the accumulated completion they carry is used as if returned.
- `data: {"error": {...}}`: the SDK raises `APIError` (`_streaming.py`). The result holds
  `sdk_error` (`"<exception class>: <message>"`), `error` (`{type, message}`, as our
  `Message.error`, from the exception), and what the SDK had accumulated before it raised.
- Anything else it raises (a malformed chunk): `sdk_error`, plus the snapshot so far.
- A body cut before `data: [DONE]`: the SDK cannot tell; it drops the unfinished event and
  returns what it has, with no error. (We report `complete: false`; the SDK has no field.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

try:
    import httpx2
    import openai
    from openai.lib.streaming.chat import ChatCompletionStream
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("the openai-chat oracle needs the official SDK: pip install openai") from exc

from conformance.adapters._base import usage_from
from conformance.adapters.openai_chat import USAGE_FIELDS

MODEL = "gpt-4o-mini"
"""The model named in the request; the SDK never checks it against the body."""


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What the official SDK assembles from `body` (served in `chunks`, if given)."""
    pieces = list(chunks) if chunks is not None else [body]
    if b"".join(pieces) != body:
        raise ValueError("chunks do not add up to body")

    def handler(request: httpx2.Request) -> httpx2.Response:
        def stream() -> Iterator[bytes]:
            yield from pieces

        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=stream())

    client = openai.OpenAI(
        api_key="test",
        base_url="http://test/v1",
        max_retries=0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
    )
    with (
        client,
        client.chat.completions.stream(
            model=MODEL, messages=[{"role": "user", "content": "oracle"}]
        ) as stream,
    ):
        try:
            completion: Any = stream.get_final_completion()
        except (openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError) as exc:
            completion = exc.completion
        except Exception as exc:  # the SDK's failure is the oracle's answer
            out = _snapshot(stream)
            out["sdk_error"] = f"{type(exc).__name__}: {exc}"
            if isinstance(exc, openai.APIError):
                out["error"] = {"type": str(exc.type or "error"), "message": exc.message}
            return out
    return _normalized(completion)


def _snapshot(stream: ChatCompletionStream[Any]) -> dict[str, Any]:
    """The SDK's accumulated state after it raised (empty if no chunk had arrived)."""
    try:
        completion = stream.current_completion_snapshot
    except AssertionError:  # the state asserts that a first chunk has been seen
        return {"text": "", "refusal": "", "tool_calls": [], "vendor_stop_reason": None, "usage": None}
    return _normalized(completion)


def _normalized(completion: Any) -> dict[str, Any]:
    choice = next((c for c in completion.choices if c.index == 0), None)
    message = choice.message if choice is not None else None
    calls = (message.tool_calls if message is not None else None) or []
    usage = completion.usage
    return {
        "text": (message.content if message is not None else None) or "",
        "refusal": (message.refusal if message is not None else None) or "",
        "tool_calls": [
            {"id": call.id, "name": call.function.name, "arguments": _arguments(call.function.arguments)}
            for call in calls
        ],
        "vendor_stop_reason": choice.finish_reason if choice is not None else None,
        "usage": usage_from(usage.to_dict(), USAGE_FIELDS) if usage is not None else None,
    }


def _arguments(text: str | None) -> Any:
    if not text or not text.strip():
        return {}
    try:
        return json.loads(text)
    except ValueError:
        return text
