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

from collections.abc import Callable
from typing import Any

try:
    import openai
    from openai.lib.streaming.chat import ChatCompletionStream
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("the openai-chat oracle needs the official SDK: pip install openai") from exc

from conformance.adapters._payload import usage_from
from conformance.adapters.openai_chat import USAGE_FIELDS
from conformance.oracles._sdk import ErrorReader, json_arguments, mock_client, reported

MODEL = "gpt-4o-mini"
"""The model named in the request; the SDK never checks it against the body."""


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What the official SDK assembles from `body` (served in `chunks`, if given)."""
    completion, failure = final_completion(body, chunks)
    out = _normalized(completion) if completion is not None else no_completion()
    return {**out, **failure}


def no_completion() -> dict[str, Any]:
    """What the SDK knows when it raised before a first chunk."""
    return {"text": "", "refusal": "", "tool_calls": [], "vendor_stop_reason": None, "usage": None}


def final_completion(
    body: bytes,
    chunks: list[bytes] | None,
    *,
    model: str = MODEL,
    on_chunk: Callable[[Any], None] | None = None,
    error: ErrorReader | None = None,
) -> tuple[Any, dict[str, Any]]:
    """The SDK's final completion of `body` and its failure notes (`sdk_error`, `error`).

    When the SDK raises, the completion is its snapshot so far (None before a first chunk);
    `on_chunk` sees each chunk the SDK typed, for what a profile reads beside the accumulator.
    """
    failure: dict[str, Any] = {}
    completion: Any = None
    messages: Any = [{"role": "user", "content": "oracle"}]
    http_client = mock_client(body, chunks)
    client = openai.OpenAI(api_key="test", base_url="http://test/v1", max_retries=0, http_client=http_client)
    with client, client.chat.completions.stream(model=model, messages=messages) as stream:
        with reported(failure, error=error or _api_error):
            try:
                if on_chunk is not None:
                    for event in stream:
                        if event.type == "chunk":
                            on_chunk(event.chunk)
                completion = stream.get_final_completion()
            except (openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError) as exc:
                completion = exc.completion
        if failure:
            completion = _snapshot_or_none(stream)
    return completion, failure


def _api_error(exc: Exception) -> dict[str, str] | None:
    if isinstance(exc, openai.APIError):
        return {"type": str(exc.type or "error"), "message": exc.message}
    return None


def _snapshot_or_none(stream: ChatCompletionStream[Any]) -> Any:
    """The SDK's accumulated completion after it raised (None if no chunk had arrived)."""
    try:
        return stream.current_completion_snapshot
    except AssertionError:  # the state asserts that a first chunk has been seen
        return None


def _normalized(completion: Any) -> dict[str, Any]:
    choice = next((c for c in completion.choices if c.index == 0), None)
    message = choice.message if choice is not None else None
    calls = (message.tool_calls if message is not None else None) or []
    usage = completion.usage
    return {
        "text": (message.content if message is not None else None) or "",
        "refusal": (message.refusal if message is not None else None) or "",
        "tool_calls": [
            {"id": call.id, "name": call.function.name, "arguments": json_arguments(call.function.arguments)}
            for call in calls
        ],
        "vendor_stop_reason": choice.finish_reason if choice is not None else None,
        "usage": usage_from(usage.to_dict(), USAGE_FIELDS) if usage is not None else None,
    }
