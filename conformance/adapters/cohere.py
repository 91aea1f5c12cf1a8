"""Cohere Chat API v2 streaming (`POST /v2/chat`, `"stream": true`).

Wire format (docs: https://docs.cohere.com/v2/docs/streaming and
https://docs.cohere.com/v2/reference/chat-stream; SDK: cohere-python `cohere/v2/raw_client.py`
`chat_stream`, which reads SSE, stops at `data: [DONE]` and parses each `data:` by its
`"type"` into `cohere/v2/types/v2chat_stream_response.py`): SSE whose `event:` repeats the
`"type"` of the JSON `data:`. `message-start` (id); content blocks by `index`:
`content-start` (`delta.message.content.type` `text` or `thinking`), `content-delta`
(`…content.text` / `…content.thinking`), `content-end`; `tool-plan-delta` (the plan the
model states before calling tools: reasoning, not answer text); tool calls by their own
`index`: `tool-call-start` (`delta.message.tool_calls` with `id`, `function.name`,
`function.arguments` ""), `tool-call-delta` (argument JSON text), `tool-call-end`;
`citation-start` / `citation-end`; `message-end` with `finish_reason`, `usage` and, for
an error, `delta.error`: the terminator. `data: [DONE]` may follow it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.adapters._base import Handler, VendorEvent
from conformance.adapters._payload import optional, require, usage_from
from conformance.adapters._sse import SSEAdapter
from conformance.errors import ProtocolError
from conformance.events import (
    ErrorReported,
    Event,
    Finish,
    ReasoningDelta,
    StreamStart,
    TextDelta,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.framing.sse import ServerSentEvent

# message-end delta.finish_reason -> normalized (cohere-python `types/chat_finish_reason.py`).
STOP_REASONS = {
    "COMPLETE": "stop",
    "STOP_SEQUENCE": "stop",
    "MAX_TOKENS": "length",
    "TOOL_CALL": "tool_calls",
    "ERROR": "error",
    "TIMEOUT": "error",
}
ERROR_REASONS = ("ERROR", "TIMEOUT")

# Usage -> normalized keys. `tokens` are the model's counts; `billed_units` are a billing
# measure (different numbers), so they are not taken.
USAGE_FIELDS = {
    "tokens.input_tokens": "input_tokens",
    "tokens.output_tokens": "output_tokens",
    "cached_tokens": "cache_read_tokens",
}

DONE = "[DONE]"
DONE_EVENT = "done"


class CohereAdapter(SSEAdapter):
    vendor = "cohere"
    description = "Cohere Chat API v2 (SSE, typed events)"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._content: dict[int, str] = {}  # open content blocks: index -> "text" | "thinking"
        self._content_ended: set[int] = set()
        self._calls: set[int] = set()
        self._calls_ended: set[int] = set()

    def _json(self, sse: ServerSentEvent) -> Any:
        if sse.data == DONE:
            return DONE
        return super()._json(sse)

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        if payload is DONE:
            return DONE_EVENT
        kind = payload.get("type") if isinstance(payload, dict) else None
        return kind if isinstance(kind, str) else sse.event

    def _handler_table(self) -> Mapping[str, Handler]:
        return {
            "message-start": self._on_message_start,
            "content-start": self._on_content_start,
            "content-delta": self._on_content_delta,
            "content-end": self._on_content_end,
            "tool-plan-delta": self._on_tool_plan,
            "tool-call-start": self._on_call_start,
            "tool-call-delta": self._on_call_delta,
            "tool-call-end": self._on_call_end,
            "citation-start": self._on_nothing,
            "citation-end": self._on_nothing,
            "debug": self._on_nothing,
            "message-end": self._on_message_end,
            DONE_EVENT: self._on_done,
        }

    def _on_message_start(self, event: VendorEvent) -> list[Event]:
        if self._started:
            raise ProtocolError("a second message-start")
        self._started = True
        return [StreamStart(self.vendor, None, optional(event.data, "id", str))]

    def _on_content_start(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index = require(event.data, "index", int)
        if index in self._content or index in self._content_ended:
            raise ProtocolError(f"content block {index} started twice")
        content = _dig(event.data, "delta", "message", "content")
        kind = optional(content, "type", str, "text") if isinstance(content, dict) else "text"
        self._content[index] = kind
        return self._pieces(content)

    def _on_content_delta(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index = optional(event.data, "index", int, 0)
        if index in self._content_ended:
            raise ProtocolError(f"content-delta for content block {index}, which already ended")
        return self._pieces(_dig(event.data, "delta", "message", "content"))

    def _on_content_end(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index = require(event.data, "index", int)
        if index in self._content_ended:
            raise ProtocolError(f"content block {index} ended twice")
        self._content.pop(index, None)
        self._content_ended.add(index)
        return []

    def _on_tool_plan(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        plan = optional(_dig(event.data, "delta", "message") or {}, "tool_plan", str, "")
        return [ReasoningDelta(plan)] if plan else []

    def _on_call_start(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index = require(event.data, "index", int)
        if index in self._calls:
            raise ProtocolError(f"tool call {index} started twice")
        call = _dig(event.data, "delta", "message", "tool_calls")
        function = require(call, "function", dict)
        self._calls.add(index)
        out: list[Event] = [ToolCallStart(index, optional(call, "id", str), require(function, "name", str))]
        arguments = optional(function, "arguments", str, "")
        if arguments:
            out.append(ToolCallDelta(index, arguments))
        return out

    def _on_call_delta(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index = self._open_call(event, "tool-call-delta")
        call = _dig(event.data, "delta", "message", "tool_calls")
        arguments = optional(optional(call, "function", dict, {}), "arguments", str, "")
        return [ToolCallDelta(index, arguments)] if arguments else []

    def _on_call_end(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index = self._open_call(event, "tool-call-end")
        self._calls_ended.add(index)
        return [ToolCallEnd(index)]

    def _on_message_end(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        self._terminated = True
        delta = optional(event.data, "delta", dict, {})
        out: list[Event] = []
        reason = optional(delta, "finish_reason", str)
        if reason is not None:  # before the error, so that the vendor's reason is kept beside it
            out.append(Finish(STOP_REASONS.get(reason, "other"), reason))
        if reason in ERROR_REASONS or optional(delta, "error", str):
            out.append(ErrorReported(reason or "ERROR", optional(delta, "error", str, "")))
        usage = optional(delta, "usage", dict)
        if usage is not None:
            out.append(UsageUpdate(usage_from(usage, USAGE_FIELDS), replace=True))
        return out

    def _on_done(self, event: VendorEvent) -> list[Event]:
        if not self._terminated:
            raise ProtocolError("data: [DONE] before message-end")
        return []

    def _on_nothing(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        return []

    # -- helpers --------------------------------------------------------------------------

    def _pieces(self, content: Any) -> list[Event]:
        if not isinstance(content, dict):
            return []
        out: list[Event] = []
        thinking = optional(content, "thinking", str)
        if thinking:
            out.append(ReasoningDelta(thinking))
        text = optional(content, "text", str)
        if text:
            out.append(TextDelta(text))
        return out

    def _open_call(self, event: VendorEvent, what: str) -> int:
        index: int = require(event.data, "index", int)
        if index not in self._calls:
            raise ProtocolError(f"{what} for tool call {index}, which was never started")
        if index in self._calls_ended:
            raise ProtocolError(f"{what} for tool call {index}, which already ended")
        return index

    def _require_open(self, event: VendorEvent) -> None:
        if not self._started:
            raise ProtocolError(f"{event.type} before message-start")
        if self._terminated:
            raise ProtocolError(f"{event.type} after message-end")


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
