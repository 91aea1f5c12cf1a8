"""The `google-genai` SDK as the Gemini oracle: `Client.models.generate_content_stream` run
on a recorded body through an in-memory `httpx2.MockTransport` (no network). The client is
built once per thread (`api_client()`, `_sdk.shared_client`: building one costs ~47 ms, the
read ~1 ms) and each call serves its body to it (`_sdk.serving`).

The SDK yields one `GenerateContentResponse` per event and accumulates nothing, so this
module folds the chunks the way an SDK user does: text and thought parts of candidate 0
appended, its `function_call` parts collected, the last `finish_reason` (or the prompt's
`block_reason`) and the last `usage_metadata`, mapped to the normalized usage keys as the
adapter maps them. A part's `thought_signature` (bytes: the SDK decodes the wire's base64)
is encoded back to base64 and reported on the call for a `function_call` part (every call
gets a `signature` key, None without one) and in `signatures` for any other part. An error
the SDK raises (`APIError`, from an `{"error": ...}` event or
document) is reported as `error: {type: status, message}`.
"""

from __future__ import annotations

import base64
from typing import Any

try:
    from google import genai
    from google.genai import errors, types
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("the Gemini oracle needs the official SDK: pip install google-genai") from exc

from conformance.oracles._sdk import serving, shared_client

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
    fold = Fold()
    out: dict[str, Any] = {}
    with serving(body, chunks):
        generate(api_client(), MODEL, fold, out)
    out.update(text="".join(fold.text), reasoning="".join(fold.reasoning), tool_calls=fold.calls)
    out["signatures"] = fold.signatures
    out["usage"] = fold.usage
    if "error" not in out:
        out["vendor_stop_reason"] = fold.stop
    return out


def api_client() -> Any:
    """This thread's Gemini API `genai.Client`, shared by the Gemini and Interactions oracles."""
    # an api key is required by the constructor; the in-memory transport sends nothing
    return shared_client(
        "gemini-api", lambda http_client: genai_client(http_client, api_key="offline-oracle")
    )


def genai_client(http_client: Any, **options: Any) -> Any:
    """A `genai.Client` on `http_client` that asks once (a retry would only replay the body)."""
    options["http_options"] = types.HttpOptions(
        httpx_client=http_client, retry_options=types.HttpRetryOptions(attempts=1)
    )
    return genai.Client(**options)


def generate(client: Any, model: str, fold: Fold, out: dict[str, Any]) -> None:
    """`generate_content_stream` into `fold`; an `APIError` (an error event) becomes `out["error"]`."""
    config = types.GenerateContentConfig(automatic_continuation=False)
    try:
        for chunk in client.models.generate_content_stream(model=model, contents="oracle", config=config):
            fold.chunk(chunk)
    except errors.APIError as exc:
        out["error"] = {"type": str(exc.status or exc.code), "message": str(exc.message or "")}


class Fold:
    """Candidate 0 of the chunks, the last stop reason and the last usage, as an SDK user folds them."""

    def __init__(self) -> None:
        self.text: list[str] = []
        self.reasoning: list[str] = []
        self.calls: list[dict[str, Any]] = []
        self.signatures: list[dict[str, str]] = []
        self.stop: str | None = None
        self.usage: dict[str, int] | None = None

    def chunk(self, chunk: Any) -> None:
        for candidate in chunk.candidates or []:
            if (candidate.index or 0) != 0:
                continue
            for part in (candidate.content.parts if candidate.content else None) or []:
                signature = _base64(part.thought_signature)
                if part.function_call is not None:
                    calls = len(self.calls)
                    self.call(part.function_call)
                    if len(self.calls) > calls:
                        self.calls[-1]["signature"] = signature
                    continue
                if part.text:
                    (self.reasoning if part.thought else self.text).append(part.text)
                if signature is not None:
                    self.signatures.append({"kind": "thought_signature", "value": signature})
            if candidate.finish_reason is not None and _enum_value(candidate.finish_reason) != NO_FINISH:
                self.stop = _enum_value(candidate.finish_reason)
        if chunk.prompt_feedback is not None and chunk.prompt_feedback.block_reason is not None:
            self.stop = _enum_value(chunk.prompt_feedback.block_reason)
        if chunk.usage_metadata is not None:
            self.usage = {
                key: value
                for attr, key in USAGE_ATTRIBUTES.items()
                if isinstance(value := getattr(chunk.usage_metadata, attr), int)
            }

    def call(self, call: Any) -> None:
        """A whole `function_call` part; `args` absent means no arguments: the adapter's {}
        (the wire sends `"args": {}`)."""
        self.calls.append({"id": call.id, "name": call.name, "arguments": call.args or {}})


def _base64(signature: bytes | None) -> str | None:
    """The wire form of a signature the SDK decoded (standard alphabet, padded, as Gemini sends)."""
    return base64.b64encode(signature).decode("ascii") if signature is not None else None
