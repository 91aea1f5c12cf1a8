"""The `google-genai` SDK as the Gemini oracle: `Client.models.generate_content_stream` run
on a recorded body through an in-memory `httpx2.MockTransport` (no network).

The SDK yields one `GenerateContentResponse` per event and accumulates nothing, so this
module folds the chunks the way an SDK user does: text and thought parts of candidate 0
appended, its `function_call` parts collected, the last `finish_reason` (or the prompt's
`block_reason`) and the last `usage_metadata`, mapped to the normalized usage keys as the
adapter maps them. An error the SDK raises (`APIError`, from an `{"error": ...}` event or
document) is reported as `error: {type: status, message}`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

try:
    import httpx2
    from google import genai
    from google.genai import errors, types
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("the Gemini oracle needs the official SDK: pip install google-genai") from exc

MODEL = "gemini-2.5-flash"
NO_FINISH = "FINISH_REASON_UNSPECIFIED"

# types.GenerateContentResponseUsageMetadata attribute -> normalized key (as the adapter's USAGE_FIELDS)
USAGE_ATTRIBUTES = {
    "prompt_token_count": "input_tokens",
    "candidates_token_count": "output_tokens",
    "total_token_count": "total_tokens",
    "thoughts_token_count": "reasoning_tokens",
    "cached_content_token_count": "cache_read_tokens",
}


def _enum_value(value: Any) -> str:
    return str(getattr(value, "value", value))


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What `google-genai` makes of `body` (delivered in `chunks`, if given)."""
    pieces = chunks if chunks is not None else [body]

    def handler(request: httpx2.Request) -> httpx2.Response:
        def stream() -> Iterator[bytes]:
            yield from pieces

        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=stream())

    http = httpx2.Client(transport=httpx2.MockTransport(handler))
    client = genai.Client(
        api_key="offline-oracle",  # required by the constructor; the mock transport sends nothing
        http_options=types.HttpOptions(httpx_client=http, retry_options=types.HttpRetryOptions(attempts=1)),
    )
    text: list[str] = []
    reasoning: list[str] = []
    calls: list[dict[str, Any]] = []
    stop: str | None = None
    usage: dict[str, int] | None = None
    out: dict[str, Any] = {}
    config = types.GenerateContentConfig(automatic_continuation=False)
    try:
        for chunk in client.models.generate_content_stream(model=MODEL, contents="oracle", config=config):
            for candidate in chunk.candidates or []:
                if (candidate.index or 0) != 0:
                    continue
                for part in (candidate.content.parts if candidate.content else None) or []:
                    if part.text:
                        (reasoning if part.thought else text).append(part.text)
                    elif part.function_call is not None:
                        call = part.function_call
                        # `args` absent means no arguments: the adapter's {} (the wire sends "args": {}).
                        calls.append({"id": call.id, "name": call.name, "arguments": call.args or {}})
                if candidate.finish_reason is not None and _enum_value(candidate.finish_reason) != NO_FINISH:
                    stop = _enum_value(candidate.finish_reason)
            if chunk.prompt_feedback is not None and chunk.prompt_feedback.block_reason is not None:
                stop = _enum_value(chunk.prompt_feedback.block_reason)
            if chunk.usage_metadata is not None:
                usage = {
                    key: value
                    for attr, key in USAGE_ATTRIBUTES.items()
                    if isinstance(value := getattr(chunk.usage_metadata, attr), int)
                }
    except errors.APIError as exc:
        out["error"] = {"type": str(exc.status or exc.code), "message": str(exc.message or "")}
    finally:
        http.close()
    out.update(text="".join(text), reasoning="".join(reasoning), tool_calls=calls, usage=usage)
    if "error" not in out:
        out["vendor_stop_reason"] = stop
    return out
