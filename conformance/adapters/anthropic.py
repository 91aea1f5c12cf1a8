"""Anthropic Messages API streaming (`POST /v1/messages`, `"stream": true`).

Wire format (docs: https://docs.anthropic.com/en/api/messages-streaming; SDK:
anthropic-sdk-python `lib/streaming/_messages.py`, `accumulate_event`): SSE whose `event:`
names the type and whose `data:` repeats it in `"type"`. One `message_start`; content
blocks opened by `content_block_start` (index), grown by `content_block_delta`, closed by
`content_block_stop`; then `message_delta` (stop reason, cumulative usage) and
`message_stop`, the terminator. `ping` may come anywhere; `error` may end the stream.
The SSE `event:` name is the type we dispatch on; the docs promise the `data:` "type"
matches it, so a mismatch is a `ProtocolError` in strict mode. With `strict=False` we do
what the SDK does: dispatch `ping` and `error` on the event name and the rest on the data's
type, and skip events with no `event:` name at all.

Server tools (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool):
a `server_tool_use` block is a call the API runs itself (`web_search`, `web_fetch`,
`code_execution`…), its input streamed as `input_json_delta` like a client call's, and goes
to `server_tool_calls`, never `tool_calls` (the calls the *client* must run); a block whose
type ends in `_tool_result` (`web_search_tool_result`…) arrives whole in
`content_block_start` and goes to `server_tool_results`; `citations_delta` (and a text
block started with `citations`) goes to `citations`. Other block types (compaction…) are
tracked so their deltas are accepted, and add nothing. Delta types the SDK does not know
are skipped, as the SDK skips them.
A thinking block's `signature` (from `signature_delta`, which replaces it as the SDK's
`accumulate_event` does, or a non-empty one on the block's start) and a `redacted_thinking`
block's `data` are kept byte for byte as `ReasoningSignature` of the block's index.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.adapters._base import Handler, VendorEvent
from conformance.adapters._payload import optional, require, usage_from
from conformance.adapters._sse import SSEAdapter
from conformance.errors import ProtocolError
from conformance.events import (
    CitationAdded,
    ErrorReported,
    Event,
    Finish,
    ReasoningDelta,
    ReasoningSignature,
    ServerToolCallStart,
    ServerToolResult,
    StreamStart,
    TextDelta,
    ToolCallArguments,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.framing.sse import ServerSentEvent

# https://docs.anthropic.com/en/api/handling-stop-reasons
STOP_REASONS = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
    "pause_turn": "other",
}

# Message `usage` fields -> normalized keys (docs: "usage" in the Messages API reference).
USAGE_FIELDS = {
    "input_tokens": "input_tokens",
    "output_tokens": "output_tokens",
    "cache_read_input_tokens": "cache_read_tokens",
    "cache_creation_input_tokens": "cache_write_tokens",
}

TOOL_USE, SERVER_TOOL_USE = "tool_use", "server_tool_use"
_CALL_BLOCKS = frozenset({TOOL_USE, SERVER_TOOL_USE})
TOOL_RESULT_SUFFIX = "_tool_result"
"""Server tool result blocks: `web_search_tool_result`, `web_fetch_tool_result`,
`code_execution_tool_result`, `bash_code_execution_tool_result`…"""

SSE_NAMED_EVENTS = frozenset({"ping", "error"})
"""Events the SDK recognizes by their SSE name (`_streaming.py`); others by the data's type."""


class UnreadData(str):
    """The raw data of an event lenient mode skips unread, as the SDK does (see
    `_json_unless_the_sdk_skips`): the payload `vendor_events` shows for it, readable in a
    report and in JSON, and told apart from a JSON string by its type."""


class AnthropicAdapter(SSEAdapter):
    vendor = "anthropic"
    description = "Anthropic Messages API (SSE)"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._blocks: dict[int, str] = {}  # open content blocks: index -> block type
        self._closed_blocks: set[int] = set()
        if not self.strict:  # bound here, so that the strict path pays nothing for it
            self._json = self._json_unless_the_sdk_skips  # type: ignore[method-assign]

    def _json_unless_the_sdk_skips(self, sse: ServerSentEvent) -> Any:
        """Lenient mode reads what the SDK reads. Its `Stream.__stream__` skips, before
        parsing the data, an event without an `event:` line (named "message" by the SSE spec,
        and so by the kit's decoder) and one with empty data (but an `error` event, which it
        raises); such an event gets no handler here, instead of an invalid-JSON error."""
        if sse.event == "message" or (not sse.data and sse.event != "error"):
            return UnreadData(sse.data)
        return super()._json(sse)

    def _handler_table(self) -> Mapping[str, Handler]:
        return {
            "message_start": self._on_message_start,
            "content_block_start": self._on_block_start,
            "content_block_delta": self._on_block_delta,
            "content_block_stop": self._on_block_stop,
            "message_delta": self._on_message_delta,
            "message_stop": self._on_message_stop,
            "ping": self._on_ping,
            "error": self._on_error,
        }

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        if type(payload) is dict and payload.get("type") == sse.event:
            return sse.event  # the usual case, decided before the checks below (issue 23)
        if type(payload) is UnreadData and sse.event in self._table:
            return f"{sse.event} (empty data)"  # no handler: skipped, and no schema has that name
        declared = payload.get("type") if isinstance(payload, dict) else None
        if not isinstance(declared, str) or declared == sse.event or sse.event not in self._table:
            return sse.event  # no `event:` line gives "message": unknown, as the SDK skips it
        if self.strict:
            raise ProtocolError(
                f"SSE event name {sse.event!r} but data type {declared!r}",
                vendor=self.vendor,
                event_index=sse.index,
                event_type=sse.event,
                offset=sse.offset,
            )
        return sse.event if sse.event in SSE_NAMED_EVENTS else declared

    def _on_message_start(self, event: VendorEvent) -> list[Event]:
        if self._started:
            raise ProtocolError("a second message_start")
        self._started = True
        message = require(event.data, "message", dict)
        out: list[Event] = [
            StreamStart(self.vendor, optional(message, "model", str), optional(message, "id", str))
        ]
        usage = optional(message, "usage", dict)
        if usage is not None:
            out.append(UsageUpdate(usage_from(usage, USAGE_FIELDS)))
        return out

    def _on_block_start(self, event: VendorEvent) -> list[Event]:
        self._require_started(event)
        index = require(event.data, "index", int)
        if index in self._blocks or index in self._closed_blocks:
            raise ProtocolError(f"content block {index} started twice")
        block = require(event.data, "content_block", dict)
        kind = require(block, "type", str)
        self._blocks[index] = kind
        if kind == "text":
            text = optional(block, "text", str, "")
            cited: list[Event] = [CitationAdded(c) for c in optional(block, "citations", list, [])]
            return [TextDelta(text), *cited] if text else cited
        if kind == "thinking":
            thinking = optional(block, "thinking", str, "")
            signature = optional(block, "signature", str, "")
            started: list[Event] = [ReasoningDelta(thinking)] if thinking else []
            return [*started, ReasoningSignature(index, "signature", signature)] if signature else started
        if kind == "redacted_thinking":
            return [ReasoningSignature(index, "redacted", require(block, "data", str))]
        if kind in (TOOL_USE, SERVER_TOOL_USE):
            start = ToolCallStart if kind == TOOL_USE else ServerToolCallStart
            out: list[Event] = [start(index, require(block, "id", str), require(block, "name", str))]
            initial = optional(block, "input", dict, {})
            if initial:  # the SDK keeps a non-empty start input unless deltas follow
                out.append(ToolCallArguments(index, initial))
            return out
        if kind.endswith(TOOL_RESULT_SUFFIX):
            return [ServerToolResult(optional(block, "tool_use_id", str), kind, block.get("content"))]
        return []

    def _on_block_delta(self, event: VendorEvent) -> list[Event]:
        # The hot path (issue 23): nearly every event is a text or argument fragment for an open
        # block of its kind, told by a few `type() is` tests and `dict.get`s; anything else
        # (another delta type, a field missing or of another type, a block not open) takes the
        # checked path below, which gives the same events or names the fault.
        data = event.data
        if type(data) is dict and not self._terminated:
            index, delta = data.get("index"), data.get("delta")
            if type(index) is int and type(delta) is dict:
                kind = self._blocks.get(index)
                delta_type = delta.get("type")
                if delta_type == "text_delta" and kind == "text":
                    text = delta.get("text")
                    if type(text) is str:
                        return [TextDelta(text)]
                elif delta_type == "input_json_delta" and kind in _CALL_BLOCKS:
                    partial = delta.get("partial_json")
                    if type(partial) is str:
                        return [ToolCallDelta(index, partial)] if partial else []
        return self._on_block_delta_checked(event)

    def _on_block_delta_checked(self, event: VendorEvent) -> list[Event]:
        index = require(event.data, "index", int)
        kind = self._open_block(index, "content_block_delta")
        delta = require(event.data, "delta", dict)
        delta_type = require(delta, "type", str)
        if delta_type == "text_delta":
            self._expect(kind, "text", delta_type, index)
            return [TextDelta(require(delta, "text", str))]
        if delta_type == "thinking_delta":
            self._expect(kind, "thinking", delta_type, index)
            return [ReasoningDelta(require(delta, "thinking", str))]
        if delta_type == "input_json_delta":
            partial = require(delta, "partial_json", str)
            if kind in (TOOL_USE, SERVER_TOOL_USE):
                return [ToolCallDelta(index, partial)] if partial else []
            return []  # another block's input (mcp_tool_use…): no normalized field
        if delta_type == "citations_delta":
            return [CitationAdded(require(delta, "citation", dict))]
        if delta_type == "signature_delta":
            signature = require(delta, "signature", str)
            if kind == "thinking":  # the SDK sets it on thinking blocks only
                return [ReasoningSignature(index, "signature", signature)]
            return []
        return []  # newer delta types carry no normalized field

    def _on_block_stop(self, event: VendorEvent) -> list[Event]:
        index = require(event.data, "index", int)
        kind = self._open_block(index, "content_block_stop")
        del self._blocks[index]
        self._closed_blocks.add(index)
        return [ToolCallEnd(index)] if kind in (TOOL_USE, SERVER_TOOL_USE) else []

    def _on_message_delta(self, event: VendorEvent) -> list[Event]:
        self._require_started(event)
        out: list[Event] = []
        delta = optional(event.data, "delta", dict, {})
        reason = optional(delta, "stop_reason", str)
        if reason is not None:
            out.append(Finish(STOP_REASONS.get(reason, "other"), reason))
        usage = optional(event.data, "usage", dict)
        if usage is not None:
            out.append(UsageUpdate(usage_from(usage, USAGE_FIELDS)))
        return out

    def _on_message_stop(self, event: VendorEvent) -> list[Event]:
        self._require_started(event)
        self._terminated = True
        return []

    def _on_ping(self, event: VendorEvent) -> list[Event]:
        return []

    def _on_error(self, event: VendorEvent) -> list[Event]:
        error = require(event.data, "error", dict)
        return [
            ErrorReported(optional(error, "type", str, "error"), optional(error, "message", str, "")),
        ]

    # -- checks ---------------------------------------------------------------------------

    def _require_started(self, event: VendorEvent) -> None:
        if not self._started:
            raise ProtocolError(f"{event.type} before message_start")
        if self._terminated:
            raise ProtocolError(f"{event.type} after message_stop")

    def _open_block(self, index: int, what: str) -> str:
        if not self._started or self._terminated:
            raise ProtocolError(f"{what} outside a message")
        try:
            return self._blocks[index]
        except KeyError:
            state = "already stopped" if index in self._closed_blocks else "never started"
            raise ProtocolError(f"{what} for content block {index}, which was {state}") from None

    @staticmethod
    def _expect(kind: str, wanted: str, delta_type: str, index: int) -> None:
        if kind != wanted:
            raise ProtocolError(f"{delta_type} for content block {index} of type {kind!r}")
