"""OpenAI Responses API streaming (`POST /v1/responses`, `"stream": true`).

Wire format (docs: https://platform.openai.com/docs/api-reference/responses-streaming; SDK:
openai-python `types/responses/response_stream_event.py`, the union of event types, and
`lib/streaming/responses/_responses.py`, `ResponseStreamState`, its accumulator): SSE whose
`event:` names the type and whose `data:` repeats it in `"type"`. The type is read from the
payload, as the SDK reads it (OpenRouter's Responses endpoint sends no `event:` lines and
ends with `data: [DONE]`, which the SDK also accepts). Every event carries a
`sequence_number` that must never go backwards (old streams had none: it is optional).

Lifecycle: `response.created` (or `response.queued` / `response.in_progress` first, when a
background stream is resumed), then output items, each opened by
`response.output_item.added` at an `output_index` and closed by `response.output_item.done`.
Deltas name their item by `output_index` and `item_id`: `response.output_text.delta` and
`response.refusal.delta` inside a message's content part (`response.content_part.added`),
`response.function_call_arguments.delta` (JSON text) for a `function_call` item,
`response.reasoning_summary_text.delta` / `response.reasoning_text.delta` for a `reasoning`
item. The terminator is `response.completed`, `response.incomplete` or `response.failed`,
each carrying the whole response (usage, status, error). An `error` event may come first.

Tool calls are the items the *client* must run: `function_call` (arguments: JSON text) and
`custom_tool_call` (input: free text, given as a whole string value). The vocabulary (event
and item types, stop and usage maps) is in `openai_responses_types`. A call id is the
item's `call_id`, the id the client sends back. Hosted tools (web search, file search, code
interpreter, MCP, image generation…; `TOLERATED`, so strict mode rejects only types the SDK
does not know) add nothing, except web search: a `web_search_call` item is a server tool call
(its `action` as arguments); `response.output_text.annotation.added` gives a citation (the
annotation as sent). Arguments that arrive only in the `.done` event are taken from there.
A `reasoning` item's `encrypted_content` (with `include: ["reasoning.encrypted_content"]`: in
the item's `.done` event, re-encrypted in the terminal event's `response.output`, which wins)
is kept byte for byte as a `ReasoningSignature` of the item's output index.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.adapters._base import Handler, VendorEvent
from conformance.adapters._payload import optional, require, usage_from
from conformance.adapters._sse import SSEAdapter
from conformance.adapters.openai_responses_types import (
    CALL_ITEMS,
    DONE,
    DONE_EVENT,
    INCOMPLETE_REASONS,
    SERVER_CALL_ITEMS,
    TOLERATED,
    USAGE_FIELDS,
)
from conformance.errors import ProtocolError, VendorEventError
from conformance.events import (
    CitationAdded,
    ErrorReported,
    Event,
    Finish,
    ReasoningDelta,
    ReasoningSignature,
    RefusalDelta,
    ServerToolCallStart,
    StreamStart,
    TextDelta,
    ToolCallArguments,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.framing.sse import ServerSentEvent


@dataclass
class _Item:
    """An output item between `output_item.added` and `output_item.done`."""

    id: str | None
    type: str
    parts: set[int] = field(default_factory=set)
    arguments_seen: bool = False  # a delta came: the `.done` copy is not taken again
    custom_input: list[str] = field(default_factory=list)
    ended: bool = False  # ToolCallEnd was emitted
    done: bool = False


class OpenAIResponsesAdapter(SSEAdapter):
    vendor = "openai-responses"
    description = "OpenAI Responses API (SSE, typed events with sequence_number)"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._created = False
        self._sequence: int | None = None
        self._items: dict[int, _Item] = {}
        self._ids: dict[str, int] = {}  # item id -> output_index
        self._calls = 0
        self._done_marker = False

    # -- typing and dispatch --------------------------------------------------------------

    def _json(self, sse: ServerSentEvent) -> Any:
        if sse.data == DONE:
            return DONE
        return super()._json(sse)

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        if payload is DONE:
            return DONE_EVENT
        if isinstance(payload, dict):
            kind = payload.get("type")
            if isinstance(kind, str):
                return kind
            if "error" in payload:
                return "error"  # `event: error` with `{"error": {...}}`, which the SDK raises
        return sse.event

    def _handler_table(self) -> Mapping[str, Handler]:
        table: dict[str, Handler] = dict.fromkeys(TOLERATED, self._on_nothing)
        table.update(
            {
                "response.created": self._on_start,
                "response.queued": self._on_start,
                "response.in_progress": self._on_start,
                "response.output_item.added": self._on_item_added,
                "response.output_item.done": self._on_item_done,
                "response.output_text.annotation.added": self._on_annotation,
                "response.content_part.added": self._on_part_added,
                "response.output_text.delta": self._on_text,
                "response.refusal.delta": self._on_refusal,
                "response.function_call_arguments.delta": self._on_arguments,
                "response.function_call_arguments.done": self._on_arguments_done,
                "response.custom_tool_call_input.delta": self._on_custom_input,
                "response.reasoning_summary_text.delta": self._on_reasoning,
                "response.reasoning_text.delta": self._on_reasoning,
                "response.completed": self._on_terminal,
                "response.incomplete": self._on_terminal,
                "response.failed": self._on_terminal,
                "error": self._on_error,
                DONE_EVENT: self._on_done,
            }
        )
        return {name: self._checked(handler) for name, handler in table.items()}

    def _checked(self, handler: Handler) -> Handler:
        """Every event: nothing after `[DONE]`, and `sequence_number` never goes backwards."""

        def run(event: VendorEvent) -> list[Event]:
            if self._done_marker:
                raise ProtocolError(f"{event.type} after data: [DONE]")
            if event.type != DONE_EVENT:
                number = optional(event.data, "sequence_number", int)
                if number is not None:
                    if self._sequence is not None and number <= self._sequence:
                        what = (
                            "repeats"
                            if number == self._sequence
                            else f"after {self._sequence}: it went backwards"
                        )
                        raise ProtocolError(f"sequence_number {number} {what}")
                    self._sequence = number
            return handler(event)

        return run

    # -- lifecycle ------------------------------------------------------------------------

    def _on_start(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        response = require(event.data, "response", dict)
        if event.type == "response.created":
            if self._created:
                raise ProtocolError("a second response.created")
            self._created = True
        if self._started:
            return []
        self._started = True
        return [StreamStart(self.vendor, optional(response, "model", str), optional(response, "id", str))]

    def _on_terminal(self, event: VendorEvent) -> list[Event]:
        self._require_started(event)
        response = require(event.data, "response", dict)
        out: list[Event] = []
        if event.type == "response.completed":
            out.append(Finish("tool_calls" if self._calls else "stop", "completed"))
        elif event.type == "response.incomplete":
            details = optional(response, "incomplete_details", dict, {})
            reason = optional(details, "reason", str)
            out.append(Finish(INCOMPLETE_REASONS.get(reason or "", "other"), reason or "incomplete"))
        else:
            out.append(Finish("error", "failed"))
            error = optional(response, "error", dict, {})
            kind = optional(error, "code", str) or optional(error, "type", str) or "error"
            out.append(ErrorReported(kind, optional(error, "message", str, "")))
        usage = optional(response, "usage", dict)
        if usage is not None:
            out.append(UsageUpdate(usage_from(usage, USAGE_FIELDS), replace=True))
        # The final response's reasoning items are re-encrypted since their `.done`: theirs win,
        # as in the SDK's final response (what a client sends back next turn).
        for index, item in enumerate(optional(response, "output", list, [])):
            out += _encrypted(index, item) if isinstance(item, dict) else []
        self._terminated = True
        return out

    def _on_error(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        nested = optional(event.data, "error", dict)
        if nested is None:  # the documented shape: `code` and `message` on the event itself
            kind = optional(event.data, "code", (str, int)) or "error"
            return [ErrorReported(str(kind), optional(event.data, "message", str, ""))]
        kind = optional(nested, "code", (str, int)) or optional(nested, "type", str) or "error"
        return [ErrorReported(str(kind), optional(nested, "message", str, ""))]

    def _on_done(self, event: VendorEvent) -> list[Event]:
        self._done_marker = True  # not the terminator: only a terminal response event completes
        return []

    def _on_nothing(self, event: VendorEvent) -> list[Event]:
        self._require_started(event)
        return []

    # -- output items ---------------------------------------------------------------------

    def _on_item_added(self, event: VendorEvent) -> list[Event]:
        self._require_started(event)
        item = optional(event.data, "item", dict)
        if item is None:
            return []  # an empty added event: the SDK skips it (`ResponseStreamState`)
        index = require(event.data, "output_index", int)
        if index in self._items:
            raise ProtocolError(f"output item {index} added twice")
        entry = _Item(optional(item, "id", str), require(item, "type", str))
        self._items[index] = entry
        if entry.id is not None:
            self._ids[entry.id] = index
        if entry.type in CALL_ITEMS:
            self._calls += 1
            return [ToolCallStart(index, _call_id(item), require(item, "name", str))]
        if entry.type in SERVER_CALL_ITEMS:
            return [ServerToolCallStart(index, entry.id, SERVER_CALL_ITEMS[entry.type])]
        return []

    def _on_annotation(self, event: VendorEvent) -> list[Event]:
        self._require_started(event)
        return [CitationAdded(require(event.data, "annotation", dict))]

    def _on_item_done(self, event: VendorEvent) -> list[Event]:
        self._require_started(event)
        item = require(event.data, "item", dict)
        index = require(event.data, "output_index", int)
        entry = self._items.get(index)
        if entry is None:
            return self._whole_item(index, item)
        kind = require(item, "type", str)
        if kind != entry.type:
            raise ProtocolError(f"output item {index} was added as {entry.type!r} and is done as {kind!r}")
        if entry.done:
            raise ProtocolError(f"output item {index} done twice")
        entry.done = True
        if kind == "function_call":
            return self._end_call(index, entry, optional(item, "arguments", str, ""))
        if kind == "custom_tool_call":
            return self._end_call(index, entry, optional(item, "input", str, ""))
        if kind in SERVER_CALL_ITEMS:
            return [ToolCallArguments(index, optional(item, "action", dict, {})), ToolCallEnd(index)]
        return _encrypted(index, item)

    def _whole_item(self, index: int, item: Any) -> list[Event]:
        """An item announced only by its `.done` event (the SDK tolerates a skipped `added`)."""
        kind = require(item, "type", str)
        entry = _Item(optional(item, "id", str), kind, done=True)
        self._items[index] = entry
        out: list[Event] = []
        if kind == "message":
            for part in optional(item, "content", list, []):
                part_type = optional(part, "type", str)
                if part_type == "output_text" and optional(part, "text", str):
                    out.append(TextDelta(require(part, "text", str)))
                if part_type == "output_text":
                    out.extend(CitationAdded(a) for a in optional(part, "annotations", list, []))
                elif part_type == "refusal" and optional(part, "refusal", str):
                    out.append(RefusalDelta(require(part, "refusal", str)))
        elif kind in CALL_ITEMS:
            self._calls += 1
            out.append(ToolCallStart(index, _call_id(item), require(item, "name", str)))
            whole = optional(item, "arguments" if kind == "function_call" else "input", str, "")
            out.extend(self._end_call(index, entry, whole))
        elif kind in SERVER_CALL_ITEMS:
            out.append(ServerToolCallStart(index, entry.id, SERVER_CALL_ITEMS[kind]))
            out += [ToolCallArguments(index, optional(item, "action", dict, {})), ToolCallEnd(index)]
        return out + _encrypted(index, item)

    def _end_call(self, index: int, entry: _Item, whole: str) -> list[Event]:
        """Arguments from a `.done` event when no delta brought them, then the call's end."""
        out: list[Event] = []
        if entry.type == "custom_tool_call":
            if not entry.ended:
                out.append(ToolCallArguments(index, "".join(entry.custom_input) or whole))
        elif not entry.arguments_seen and whole:
            out.append(ToolCallDelta(index, whole))
        entry.arguments_seen = True
        if not entry.ended:
            entry.ended = True
            out.append(ToolCallEnd(index))
        return out

    def _on_part_added(self, event: VendorEvent) -> list[Event]:
        index, entry = self._item(event, None)
        part = require(event.data, "content_index", int)
        if part in entry.parts:
            raise ProtocolError(f"content part {part} of output item {index} added twice")
        entry.parts.add(part)
        return []

    # -- deltas ---------------------------------------------------------------------------

    def _on_text(self, event: VendorEvent) -> list[Event]:
        self._content_part(event)
        delta = require(event.data, "delta", str)
        return [TextDelta(delta)] if delta else []

    def _on_refusal(self, event: VendorEvent) -> list[Event]:
        self._content_part(event)
        delta = require(event.data, "delta", str)
        return [RefusalDelta(delta)] if delta else []

    def _on_reasoning(self, event: VendorEvent) -> list[Event]:
        self._item(event, "reasoning")
        delta = require(event.data, "delta", str)
        return [ReasoningDelta(delta)] if delta else []

    def _on_arguments(self, event: VendorEvent) -> list[Event]:
        index, entry = self._item(event, "function_call")
        delta = require(event.data, "delta", str)
        entry.arguments_seen = True
        return [ToolCallDelta(index, delta)] if delta else []

    def _on_arguments_done(self, event: VendorEvent) -> list[Event]:
        index, entry = self._item(event, "function_call", open_only=False)
        if entry.done:
            return []
        return self._end_call(index, entry, optional(event.data, "arguments", str, ""))

    def _on_custom_input(self, event: VendorEvent) -> list[Event]:
        _, entry = self._item(event, "custom_tool_call")
        entry.custom_input.append(require(event.data, "delta", str))
        return []

    # -- checks ---------------------------------------------------------------------------

    def _require_open(self, event: VendorEvent) -> None:
        if self._terminated:
            raise ProtocolError(f"{event.type} after the response ended")

    def _require_started(self, event: VendorEvent) -> None:
        self._require_open(event)
        if not self._started:
            raise ProtocolError(f"{event.type} before response.created")

    def _item(self, event: VendorEvent, kind: str | None, *, open_only: bool = True) -> tuple[int, _Item]:
        """The item an event names (by `output_index`, else `item_id`), checked."""
        self._require_started(event)
        index = optional(event.data, "output_index", int)
        item_id = optional(event.data, "item_id", str)
        if index is None:
            if item_id is None:
                raise VendorEventError("names neither an output_index nor an item_id")
            if item_id not in self._ids:
                raise ProtocolError(f"{event.type} for item {item_id!r}, which was never added")
            index = self._ids[item_id]
        entry = self._items.get(index)
        if entry is None:
            raise ProtocolError(f"{event.type} for output item {index}, which was never added")
        if item_id is not None and entry.id is not None and item_id != entry.id:
            raise ProtocolError(f"item_id {item_id!r} is not the id of output item {index} ({entry.id!r})")
        if kind is not None and entry.type != kind:
            raise ProtocolError(f"{event.type} for output item {index} of type {entry.type!r}")
        if open_only and entry.done:
            raise ProtocolError(f"{event.type} for output item {index}, which is already done")
        return index, entry

    def _content_part(self, event: VendorEvent) -> None:
        index, entry = self._item(event, "message")
        part = require(event.data, "content_index", int)
        if part not in entry.parts:
            raise ProtocolError(f"{event.type} for content part {part} of output item {index}, never added")


def _call_id(item: Any) -> str | None:
    """The id the client answers the call with (`call_id`); the item id if a server gives none."""
    call_id: str | None = optional(item, "call_id", str) or optional(item, "id", str)
    return call_id


def _encrypted(index: int, item: Any) -> list[Event]:
    """A reasoning item's `encrypted_content`, when it has one (null when not requested)."""
    if optional(item, "type", str) != "reasoning":
        return []
    token = optional(item, "encrypted_content", str)
    return [ReasoningSignature(index, "encrypted_content", token)] if token is not None else []
