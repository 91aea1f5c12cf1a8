"""Gemini Interactions API streaming (`POST /v1beta/interactions`, `"stream": true`).

Wire format (docs: https://ai.google.dev/gemini-api/docs/interactions/streaming and
https://ai.google.dev/api/interactions; SDK: python-genai `google/genai/_gaos/types/interactions/`
`interactionsseevent.py` (events by `event_type`), `stepdeltadata.py` (deltas by `type`)):
SSE whose `event:` repeats the JSON's `event_type`; each event may carry an `event_id`, the
token to resume the stream from that event. `interaction.created` (id, model);
`interaction.status_update`; steps by `index`: `step.start` (`step.type`: `model_output`,
`thought`, `function_call` with `id`, `name`, `arguments: {}`, or a server-side tool),
`step.delta` (`delta.type`: `text`, `thought_summary` with `content.text`,
`thought_signature`, `arguments_delta` with argument JSON text, tool results…), `step.stop`;
`interaction.completed` with the final `status` and `usage` but no steps (the deltas are
the answer): the terminator. `event: done` / `data: [DONE]` may follow; `error` carries
`{"error": {"code", "message"}}`.

Earlier API revisions, which parts of the docs still show, used `interaction.start`,
`content.start|delta|stop` (a `function_call` delta holds the whole call, arguments as an
object) and `interaction.complete` (with `outputs`, ignored here for the same reason).
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
    ReasoningSignature,
    StreamStart,
    TextDelta,
    ToolCallArguments,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.framing.sse import ServerSentEvent

# Interaction.status -> normalized (python-genai `interactionsseeventinteraction.py`).
STOP_REASONS = {
    "completed": "stop",
    "requires_action": "tool_calls",  # the client must run the function calls
    "failed": "error",
    "cancelled": "cancelled",
    "incomplete": "length",
    "budget_exceeded": "length",
    "requires_continuation": "length",  # the per-request decode limit; a continuation token resumes
}

# Usage -> normalized keys (python-genai `usage.py`; `total_reasoning_tokens` is the earlier name).
USAGE_FIELDS = {
    "total_input_tokens": "input_tokens",
    "total_output_tokens": "output_tokens",
    "total_tokens": "total_tokens",
    "total_thought_tokens": "reasoning_tokens",
    "total_reasoning_tokens": "reasoning_tokens",
    "total_cached_tokens": "cache_read_tokens",
}

DONE = "[DONE]"
DONE_EVENT = "done"
FUNCTION_CALL = "function_call"


class GeminiInteractionsAdapter(SSEAdapter):
    vendor = "gemini-interactions"
    description = "Gemini Interactions API (SSE, interaction and step events)"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._steps: dict[int, str] = {}  # open steps (or legacy content blocks): index -> type
        self._stopped: set[int] = set()
        self._calls: set[int] = set()

    def _json(self, sse: ServerSentEvent) -> Any:
        if sse.data == DONE:
            return DONE
        return super()._json(sse)

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        if payload is DONE:
            return DONE_EVENT
        kind = payload.get("event_type") if isinstance(payload, dict) else None
        return kind if isinstance(kind, str) else sse.event

    def _handler_table(self) -> Mapping[str, Handler]:
        return {
            "interaction.created": self._on_created,
            "interaction.status_update": self._on_status,
            "step.start": self._on_step_start,
            "step.delta": self._on_step_delta,
            "step.stop": self._on_step_stop,
            "interaction.completed": self._on_completed,
            "error": self._on_error,
            DONE_EVENT: self._on_done,
            # earlier API revisions
            "interaction.start": self._on_created,
            "content.start": self._on_content_start,
            "content.delta": self._on_content_delta,
            "content.stop": self._on_step_stop,
            "interaction.complete": self._on_completed,
        }

    # -- interaction ----------------------------------------------------------------------

    def _on_created(self, event: VendorEvent) -> list[Event]:
        if self._started:
            raise ProtocolError(f"a second {event.type}")
        self._started = True
        interaction = require(event.data, "interaction", dict)
        model = optional(interaction, "model", str) or optional(interaction, "agent", str)
        return [StreamStart(self.vendor, model, optional(interaction, "id", str))]

    def _on_status(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        require(event.data, "status", str)
        return []

    def _on_completed(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        self._terminated = True
        interaction = require(event.data, "interaction", dict)
        out: list[Event] = [ToolCallEnd(index) for index in sorted(self._calls) if index in self._steps]
        status = require(interaction, "status", str)
        normalized = STOP_REASONS.get(status, "other")
        if normalized == "stop" and self._calls:
            normalized = "tool_calls"
        out.append(Finish(normalized, status))
        usage = optional(interaction, "usage", dict)
        if usage is not None:
            out.append(UsageUpdate(usage_from(usage, USAGE_FIELDS), replace=True))
        return out

    def _on_error(self, event: VendorEvent) -> list[Event]:
        error = optional(event.data, "error", dict, {})
        return [ErrorReported(optional(error, "code", str, "error"), optional(error, "message", str, ""))]

    def _on_done(self, event: VendorEvent) -> list[Event]:
        return []

    # -- steps ----------------------------------------------------------------------------

    def _on_step_start(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index = self._new_index(event)
        step = require(event.data, "step", dict)
        kind = require(step, "type", str)
        self._steps[index] = kind
        if kind == FUNCTION_CALL:
            self._calls.add(index)
            out: list[Event] = [ToolCallStart(index, optional(step, "id", str), require(step, "name", str))]
            initial = optional(step, "arguments", dict, {})
            if initial:  # whole arguments in the start; deltas, if any, replace them
                out.append(ToolCallArguments(index, initial))
            return out
        if kind == "model_output":
            return [TextDelta(t) for t in _texts(optional(step, "content", list, []))]
        if kind == "thought":
            return [ReasoningDelta(t) for t in _texts(optional(step, "summary", list, []))]
        return []  # server-side tool calls and results: nothing for the client to run

    def _on_step_delta(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index, kind = self._open_step(event)
        delta = require(event.data, "delta", dict)
        delta_type = require(delta, "type", str)
        if delta_type == "text":
            text = require(delta, "text", str)
            return [TextDelta(text)] if text else []
        if delta_type == "thought_summary":
            return [ReasoningDelta(t) for t in _texts([optional(delta, "content", dict, {})])]
        if delta_type == "arguments_delta":
            if kind != FUNCTION_CALL:
                raise ProtocolError(f"arguments_delta for step {index} of type {kind!r}")
            arguments = optional(delta, "arguments", str, "")
            return [ToolCallDelta(index, arguments)] if arguments else []
        if delta_type == "thought_signature":  # kept byte for byte: the client sends it back
            return [ReasoningSignature(index, "thought_signature", require(delta, "signature", str))]
        return []  # images, audio, server tool deltas: no normalized field

    def _on_step_stop(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index, _ = self._open_step(event)
        del self._steps[index]
        self._stopped.add(index)
        return [ToolCallEnd(index)] if index in self._calls else []

    # -- earlier revision: content blocks -------------------------------------------------

    def _on_content_start(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index = self._new_index(event)
        content = optional(event.data, "content", dict, {})
        self._steps[index] = optional(content, "type", str, "text")
        return []

    def _on_content_delta(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        index, _ = self._open_step(event)
        delta = require(event.data, "delta", dict)
        delta_type = require(delta, "type", str)
        if delta_type == "text":
            text = require(delta, "text", str)
            return [TextDelta(text)] if text else []
        if delta_type == "thought_summary":  # {"content": {"text"}} or, in older examples, {"text"}
            content = optional(delta, "content", dict)
            if content is None:
                content = {"text": optional(delta, "text", str, "")}
            return [ReasoningDelta(t) for t in _texts([content])]
        if delta_type == FUNCTION_CALL:  # the whole call in one delta
            if index in self._calls:
                raise ProtocolError(f"a second function_call delta for content block {index}")
            self._calls.add(index)
            return [
                ToolCallStart(index, optional(delta, "id", str), require(delta, "name", str)),
                ToolCallArguments(index, optional(delta, "arguments", dict, {})),
            ]
        return []

    # -- checks ---------------------------------------------------------------------------

    def _require_open(self, event: VendorEvent) -> None:
        if not self._started:
            raise ProtocolError(f"{event.type} before interaction.created")
        if self._terminated:
            raise ProtocolError(f"{event.type} after interaction.completed")

    def _new_index(self, event: VendorEvent) -> int:
        index: int = require(event.data, "index", int)
        if index in self._steps or index in self._stopped:
            raise ProtocolError(f"step {index} started twice")
        return index

    def _open_step(self, event: VendorEvent) -> tuple[int, str]:
        index: int = require(event.data, "index", int)
        if index not in self._steps:
            state = "already stopped" if index in self._stopped else "never started"
            raise ProtocolError(f"{event.type} for step {index}, which was {state}")
        return index, self._steps[index]


def _texts(contents: list[Any]) -> list[str]:
    """The non-empty `text` of each text content item."""
    out = []
    for content in contents:
        text = optional(content, "text", str, "")
        if text and optional(content, "type", str, "text") == "text":
            out.append(text)
    return out
