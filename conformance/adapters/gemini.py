"""Gemini API streaming (`POST /v1beta/models/{model}:streamGenerateContent?alt=sse`).

Wire format (docs: https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent;
SDK: googleapis/python-genai `google/genai/_api_client.py` reads the SSE lines and
`google/genai/models.py` `generate_content_stream` yields one `GenerateContentResponse` per
event, accumulating nothing): SSE with no `event:` field, each `data:` a whole
`GenerateContentResponse`, every line ended by CRLF. Text parts are appended (parts with
`"thought": true` are reasoning); `functionCall` parts arrive whole (name and parsed `args`,
Gemini 3 adds an `id`), several per response possible; `finishReason` comes on candidate 0's
last event; `usageMetadata` repeats on every event and grows, so each one replaces the
last (the SDK user reads the last chunk's). A blocked prompt has no candidates and a
`promptFeedback.blockReason`. An error mid-stream is `data: {"error": {"code", "message",
"status"}}`; an error before the stream is a plain JSON error document (HTTP 4xx/5xx).

Gemini sends no terminator: the stream is complete when candidate 0 gave a `finishReason`
(or the prompt was blocked) and the body ended on an event boundary. Only candidate 0 is
assembled (a `Message` is one answer; `candidateCount > 1` streams interleave candidates);
parts or a second finish for it after its finish are a `ProtocolError`. Where google-genai
differs (tests/test_oracle_gemini.py): it parses a last event that lacks its blank line and
raises on a body cut inside an event (both `complete: false` here), and it yields content
after a finish.
A part's `thoughtSignature` is kept byte for byte: on a `functionCall` part it is that
call's (`ToolCallSignature`), on any other part (a thought, text, the closing empty text
part of Gemini 3) it is a `ReasoningSignature` numbered by the part's position in the stream.
Parts with no normalized field (`executableCode`,
`codeExecutionResult`, built-in `toolCall`/`toolResponse`, inline data) are skipped.
Vertex-only streamed arguments (`partialArgs`, `willContinue`) are not part of this API.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.adapters._base import Handler, VendorEvent
from conformance.adapters._payload import optional, require, usage_from
from conformance.adapters._sse import SSEAdapter
from conformance.errors import ProtocolError, VendorEventError
from conformance.events import (
    ErrorReported,
    Event,
    Finish,
    ReasoningDelta,
    ReasoningSignature,
    StreamStart,
    TextDelta,
    ToolCallArguments,
    ToolCallEnd,
    ToolCallSignature,
    ToolCallStart,
    UsageUpdate,
)
from conformance.framing.sse import ServerSentEvent

# Candidate.finishReason -> normalized. Docs: https://ai.google.dev/api/generate-content#FinishReason;
# the full current enum is python-genai `google/genai/types.py` `FinishReason`. Unlisted -> "other".
STOP_REASONS = {
    "STOP": "stop",
    "MAX_TOKENS": "length",
    "CONTINUATION": "length",  # the per-request token limit; the SDK may continue with a token
    "SAFETY": "content_filter",
    "RECITATION": "content_filter",
    "LANGUAGE": "content_filter",
    "BLOCKLIST": "content_filter",
    "PROHIBITED_CONTENT": "content_filter",
    "SPII": "content_filter",
    "IMAGE_SAFETY": "content_filter",
    "IMAGE_PROHIBITED_CONTENT": "content_filter",
    "IMAGE_RECITATION": "content_filter",
    "ESCALATION": "content_filter",
    "PUP_LIMITED_DISABLED": "content_filter",
    "MODEL_ARMOR": "content_filter",
    "MALFORMED_FUNCTION_CALL": "error",
    "UNEXPECTED_TOOL_CALL": "error",
    "TOO_MANY_TOOL_CALLS": "error",
    "MISSING_THOUGHT_SIGNATURE": "error",
    "MALFORMED_RESPONSE": "error",
    "OTHER": "other",
    "IMAGE_OTHER": "other",
    "NO_IMAGE": "other",
}
NO_FINISH = "FINISH_REASON_UNSPECIFIED"
"""The proto default: "not finished yet", never a stop reason."""

# UsageMetadata -> normalized keys (https://ai.google.dev/api/generate-content#UsageMetadata).
# candidatesTokenCount excludes thoughts; thoughtsTokenCount is reported beside it.
USAGE_FIELDS = {
    "promptTokenCount": "input_tokens",
    "candidatesTokenCount": "output_tokens",
    "totalTokenCount": "total_tokens",
    "thoughtsTokenCount": "reasoning_tokens",
    "cachedContentTokenCount": "cache_read_tokens",
}

RESPONSE = "response"
"""A `GenerateContentResponse` (the type of every ordinary event)."""
ERROR_EVENT = "error"
"""`{"error": {"code", "message", "status"}}` in place of a response."""


class GeminiAdapter(SSEAdapter):
    vendor = "gemini"
    description = "Gemini API streamGenerateContent?alt=sse (SSE, one GenerateContentResponse per event)"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._calls = 0
        self._parts = 0  # parts of candidate 0 so far: a signature's block number
        self._finished = False

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        if sse.event != "message":
            return sse.event  # Gemini never names its events: a named one is not Gemini's
        if isinstance(payload, dict) and "error" in payload and "candidates" not in payload:
            return ERROR_EVENT
        return RESPONSE

    def _handler_table(self) -> Mapping[str, Handler]:
        return {RESPONSE: self._on_response, ERROR_EVENT: self._on_error}

    def _on_response(self, event: VendorEvent) -> list[Event]:
        response = event.data
        if not isinstance(response, dict):
            kind = type(response).__name__
            raise VendorEventError(f"a GenerateContentResponse is a JSON object, not {kind}")
        out: list[Event] = []
        if not self._started:
            self._started = True
            model = optional(response, "modelVersion", str)
            out.append(StreamStart(self.vendor, model, optional(response, "responseId", str)))
        for candidate in optional(response, "candidates", list, []):
            if optional(candidate, "index", int, 0) == 0:  # proto3 JSON omits index 0 at times
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
        content = optional(candidate, "content", dict, {})
        parts = optional(content, "parts", list, [])
        reason = optional(candidate, "finishReason", str)
        if reason == NO_FINISH:
            reason = None
        if self._finished and (parts or reason is not None):
            raise ProtocolError("candidate 0 goes on after the stream finished (finishReason or blockReason)")
        out: list[Event] = []
        for part in parts:
            events = self._on_part(part)
            out.extend(events)
            out.extend(self._part_signature(part, events))
            self._parts += 1
        if reason is not None:
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
                return []  # Gemini 3 ends with {"text": "", "thoughtSignature": ...}
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
        return []

    def _part_signature(self, part: Any, events: list[Event]) -> list[Event]:
        """The part's `thoughtSignature`: the call's when the part started one, else its block's."""
        signature = optional(part, "thoughtSignature", str)
        if signature is None:
            return []
        started = [e.index for e in events if isinstance(e, ToolCallStart)]
        if started:
            return [ToolCallSignature(started[0], signature)]
        return [ReasoningSignature(self._parts, "thought_signature", signature)]

    def _on_error(self, event: VendorEvent) -> list[Event]:
        error = require(event.data, "error", dict)
        kind = optional(error, "status", str) or str(optional(error, "code", int, "error"))
        return [ErrorReported(kind, optional(error, "message", str, ""))]
