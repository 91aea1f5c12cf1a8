"""`google-genai` in Vertex AI mode as the oracle for `vertex` bodies.

`genai.Client(vertexai=True, project=..., location=..., credentials=...)` runs
`models.generate_content_stream` on the body through an in-memory `httpx2.MockTransport`
(no network); the credentials are an already-valid OAuth token object, so the SDK never
refreshes them. As on the Gemini API the SDK yields one `GenerateContentResponse` per event
and accumulates nothing; this module folds them as the Gemini oracle does (text and
thought parts of candidate 0, whole `function_call` parts, the last finish or block reason,
the last `usage_metadata`), with the Gemini oracle's own tables.

What the SDK cannot judge: **streamed function-call arguments**. It types Vertex's
`functionCall.partialArgs` (`types.PartialArg`: `json_path`, a value, `will_continue`) and
`willContinue`, but assembles nothing: each piece comes out as its own `FunctionCall`, with
no name after the first. Rebuilding the arguments from the pieces would be this module's
work, not the SDK's, so when a body streams any call the result has no `tool_calls`;
`sdk_cannot_judge` says so and `sdk_tool_call_names` lists the names the SDK saw, in order.
Bodies whose calls all arrive whole are judged in full.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from conformance.oracles.gemini import NO_FINISH, USAGE_ATTRIBUTES, _enum_value

SOURCE = "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py"
"""`FunctionCall.partial_args` / `PartialArg`: the SDK types the pieces and stops there."""

MODEL = "gemini-3-flash-preview"
PROJECT, LOCATION = "oracle-project", "global"
"""Any project and location: the mock transport answers every request with the body."""


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(f"the Vertex oracle needs {name!r}: pip install 'stream-conformance[dev]'") from exc


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What `google-genai` (Vertex mode) makes of `body` (served in `chunks`, if given)."""
    genai = _import("google.genai")
    types = _import("google.genai.types")
    errors = _import("google.genai.errors")
    oauth2 = _import("google.oauth2.credentials")
    httpx2 = _import("httpx2")
    pieces = list(chunks) if chunks is not None else [body]
    if b"".join(pieces) != body:
        raise ValueError("chunks do not add up to body")

    def stream_body() -> Iterator[bytes]:
        yield from pieces

    def handler(request: Any) -> Any:
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=stream_body())

    http_client = httpx2.Client(transport=httpx2.MockTransport(handler))
    client = genai.Client(
        vertexai=True,
        project=PROJECT,
        location=LOCATION,
        credentials=oauth2.Credentials(token="offline-oracle"),  # valid, so never refreshed
        http_options=types.HttpOptions(
            httpx_client=http_client, retry_options=types.HttpRetryOptions(attempts=1)
        ),
    )
    text: list[str] = []
    reasoning: list[str] = []
    calls: list[dict[str, Any]] = []
    names: list[str] = []
    streamed = False
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
                        if call.name:
                            names.append(call.name)
                        if call.partial_args or call.will_continue or not call.name:
                            streamed = True  # a piece of a streamed call: the SDK assembles nothing
                        else:
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
    except Exception as exc:  # the SDK's failure is the oracle's answer
        out["sdk_error"] = f"{type(exc).__name__}: {exc}"
    finally:
        http_client.close()
    out.update(text="".join(text), reasoning="".join(reasoning), usage=usage)
    if streamed:
        out["sdk_cannot_judge"] = ["tool_calls"]
        out["sdk_tool_call_names"] = names
    else:
        out["tool_calls"] = calls
    if "error" not in out:
        out["vendor_stop_reason"] = stop
    return out
