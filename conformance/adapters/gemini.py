"""Gemini API streaming (`POST …/models/{model}:streamGenerateContent?alt=sse`).

Wire format (docs: https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent;
SDK: googleapis/python-genai `google/genai/models.py`, which yields one
`GenerateContentResponse` per event): SSE with no `event:` field, each `data:` a whole
`GenerateContentResponse`, events ended by CRLF CRLF. Text parts are appended (parts with
`"thought": true` are reasoning); `functionCall` parts arrive whole, several per response
possible; `finishReason` on the last candidate; `usageMetadata` repeats and grows, so the
last one reported replaces the earlier ones (the SDK user reads the last chunk's).
A blocked prompt has no candidates and a `promptFeedback.blockReason`. An error mid-stream
is `data: {"error": {"code", "message", "status"}}`.

Gemini sends no terminator: the stream is complete when a candidate gave a `finishReason`
(or the prompt was blocked) and the body ended on an event boundary.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.adapters._base import Handler, SSEAdapter, VendorEvent, optional, require, usage_from
from conformance.errors import ProtocolError
from conformance.events import (
    ErrorReported,
    Event,
    Finish,
    ReasoningDelta,
    StreamStart,
    TextDelta,
    ToolCallArguments,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.framing.sse import ServerSentEvent

# https://ai.google.dev/api/generate-content#FinishReason
STOP_REASONS = {
    "STOP": "stop",
    "MAX_TOKENS": "length",
    "SAFETY": "content_filter",
    "RECITATION": "content_filter",
    "LANGUAGE": "content_filter",
    "BLOCKLIST": "content_filter",
    "PROHIBITED_CONTENT": "content_filter",
    "SPII": "content_filter",
    "IMAGE_SAFETY": "content_filter",
    "IMAGE_PROHIBITED_CONTENT": "content_filter",
    "MALFORMED_FUNCTION_CALL": "error",
    "UNEXPECTED_TOOL_CALL": "error",
    "TOO_MANY_TOOL_CALLS": "error",
}

# UsageMetadata -> normalized keys (https://ai.google.dev/api/generate-content#UsageMetadata)
USAGE_FIELDS = {
    "promptTokenCount": "input_tokens",
    "candidatesTokenCount": "output_tokens",
    "totalTokenCount": "total_tokens",
    "thoughtsTokenCount": "reasoning_tokens",
    "cachedContentTokenCount": "cache_read_tokens",
}

RESPONSE = "response"
ERROR_EVENT = "error"


class GeminiAdapter(SSEAdapter):
    vendor = "gemini"
    description = "Gemini API streamGenerateContent?alt=sse"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._calls = 0
        self._finished = False

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        if isinstance(payload, dict) and "error" in payload and "candidates" not in payload:
            return ERROR_EVENT
        return RESPONSE

    def _handler_table(self) -> Mapping[str, Handler]:
        return {RESPONSE: self._on_response, ERROR_EVENT: self._on_error}

    def _on_response(self, event: VendorEvent) -> list[Event]:
        response = event.data
        if self._finished and optional(response, "candidates", list):
            raise ProtocolError("a candidate after the finishReason")
        out: list[Event] = []
        if not self._started:
            self._started = True
            out.append(
                StreamStart(self.vendor, optional(response, "modelVersion", str), optional(response, "responseId", str))
            )
        for candidate in optional(response, "candidates", list, []):
            if optional(candidate, "index", int, 0) == 0:
                out.extend(self._on_candidate(candidate))
        feedback = optional(response, "promptFeedback", dict, {})
        blocked = optional(feedback, "blockReason", str)
        if blocked is not None:
            out.append(Finish("content_filter", blocked))
            self._finished = self._terminated = True
        usage = optional(response, "usageMetadata", dict)
        if usage is not None:
            out.append(UsageUpdate(usage_from(usage, USAGE_FIELDS), replace=True))
        return out

    def _on_candidate(self, candidate: Any) -> list[Event]:
        out: list[Event] = []
        content = optional(candidate, "content", dict, {})
        for part in optional(content, "parts", list, []):
            out.extend(self._on_part(part))
        reason = optional(candidate, "finishReason", str)
        if reason is not None and reason != "FINISH_REASON_UNSPECIFIED":
            normalized = STOP_REASONS.get(reason, "other")
            if normalized == "stop" and self._calls:
                normalized = "tool_calls"  # Gemini says STOP after function calls too
            out.append(Finish(normalized, reason))
            self._finished = self._terminated = True
        return out

    def _on_part(self, part: Any) -> list[Event]:
        text = optional(part, "text", str)
        if text is not None:
            if not text:
                return []
            return [ReasoningDelta(text)] if optional(part, "thought", bool, False) else [TextDelta(text)]
        call = optional(part, "functionCall", dict)
        if call is not None:
            index = self._calls
            self._calls += 1
            return [
                ToolCallStart(index, optional(call, "id", str), require(call, "name", str)),
                ToolCallArguments(index, optional(call, "args", dict, {})),
                ToolCallEnd(index),
            ]
        return []  # inline data, executable code, code results: no normalized field

    def _on_error(self, event: VendorEvent) -> list[Event]:
        error = require(event.data, "error", dict)
        kind = optional(error, "status", str) or str(optional(error, "code", int, "error"))
        return [ErrorReported(kind, optional(error, "message", str, ""))]
