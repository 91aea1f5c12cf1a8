"""google-genai's `GenerateContentResponse`s (Gemini, Vertex) as the kit's `Message`."""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Mapping
from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.gemini import NO_FINISH
from conformance.adapters.gemini import STOP_REASONS as GEMINI_STOP_REASONS
from conformance.adapters.gemini import USAGE_FIELDS as GEMINI_USAGE
from conformance.live.converters.common import (
    finish_message,
    is_one_result,
    plain,
    tool_call,
)
from conformance.message import Message, Signature, ToolCall

_URL_SAFE = str.maketrans("-_", "+/")


def _wire_base64(value: Any) -> str | None:
    """A Gemini `thoughtSignature` as the wire carries it (standard base64): google-genai holds
    it as bytes and its pydantic dump writes them URL-safe."""
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return value.translate(_URL_SAFE) if isinstance(value, str) else None


def from_gemini(result: Any, *, vendor: str = "gemini", complete: bool | None = None) -> Message:
    """google-genai `GenerateContentResponse`s (a stream's, in order; or one) as a Message.

    Candidate 0's parts are appended (`thought` parts are reasoning, each `functionCall` a
    tool call), its `finishReason` is the stop reason (`STOP` after a function call reads as
    `tool_calls`, as in the adapter), a `promptFeedback.blockReason` is `content_filter`, and
    the last `usageMetadata` wins (Gemini repeats it, growing). A part's `thoughtSignature`
    is its call's on a `functionCall` part, else one of the message's signatures.
    """
    items = [plain(result)] if is_one_result(result) else [plain(item) for item in result]
    text: list[str] = []
    reasoning: list[str] = []
    calls: list[ToolCall] = []
    signatures: list[Signature] = []
    reason: str | None = None
    blocked: str | None = None
    usage: dict[str, int] | None = None
    for item in items:
        for candidate in item.get("candidates") or ():
            if (candidate.get("index") or 0) != 0:
                continue
            for part in (candidate.get("content") or {}).get("parts") or ():
                signature = _wire_base64(part.get("thoughtSignature"))
                if isinstance(part.get("functionCall"), Mapping):
                    call = part["functionCall"]
                    made = tool_call(call.get("id"), call.get("name"), call.get("args"))
                    calls.append(dataclasses.replace(made, signature=signature))
                    continue
                if isinstance(part.get("text"), str):
                    (reasoning if part.get("thought") else text).append(part["text"])
                if signature is not None:
                    signatures.append(Signature("thought_signature", signature))
            if candidate.get("finishReason") not in (None, NO_FINISH):
                reason = candidate["finishReason"]
        blocked = (item.get("promptFeedback") or {}).get("blockReason") or blocked
        if isinstance(item.get("usageMetadata"), Mapping):
            usage = usage_from(item["usageMetadata"], GEMINI_USAGE)
    stop: str | None = None
    if blocked:
        reason, stop = blocked, "content_filter"
    elif reason:
        stop = GEMINI_STOP_REASONS.get(reason, "other")
        stop = "tool_calls" if stop == "stop" and calls else stop
    return finish_message(
        vendor,
        reason,
        GEMINI_STOP_REASONS,
        text="".join(text),
        reasoning="".join(reasoning),
        calls=calls,
        usage=usage,
        complete=complete,
        stop_reason=stop,
        signatures=signatures,
    )
