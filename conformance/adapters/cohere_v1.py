"""Cohere Chat API v1 streaming (`POST /v1/chat`, `"stream": true`), deprecated in favour of v2.

Wire format (docs: https://docs.cohere.com/v1/reference/chat-stream; SDK: cohere-python
`Client.chat_stream`, types in `types/streamed_chat_response.py`): NDJSON, one event per line,
typed by `event_type`, each with `is_finished`. `stream-start` (`generation_id`);
`text-generation` pieces of `text`; `citation-generation` (`citations[]`); with tools,
`tool-calls-chunk` (a call's name and parameter text in pieces) then `tool-calls-generation`
(the calls whole: `name`, `parameters` as an object; v1 gives calls no id), which is what
the SDK's users read; `search-queries-generation`, `search-results` and `debug` carry no
normalized field. `stream-end` is the terminator: `finish_reason` and the whole `response`,
whose `meta.tokens` are the counts (`meta.billed_units` is what was billed; the `cohere`
adapter reads v2's `usage.tokens` likewise). An HTTP error is a JSON document `{"message"}`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from conformance.adapters._base import Handler, VendorEvent
from conformance.adapters._framed import Decoder, FramedAdapter
from conformance.adapters._payload import optional, require, usage_from
from conformance.adapters.cohere import STOP_REASONS
from conformance.errors import InvalidJSONError, ProtocolError, VendorEventError
from conformance.events import (
    CitationAdded,
    ErrorReported,
    Event,
    Finish,
    StreamStart,
    TextDelta,
    ToolCallArguments,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.framing.ndjson import NDJSONDecoder, NDJSONLine

# v1 `finish_reason` values beyond v2's (docs: stream-end of the v1 chat stream).
V1_STOP_REASONS = {
    **STOP_REASONS,
    "ERROR_TOXIC": "content_filter",
    "ERROR_LIMIT": "length",
    "USER_CANCEL": "cancelled",
}
USAGE_FIELDS = {"meta.tokens.input_tokens": "input_tokens", "meta.tokens.output_tokens": "output_tokens"}
ERROR_DOCUMENT = "error_document"
"""The vendor event type of a `{"message"}` line with no `event_type` (an HTTP error body)."""
NO_FIELD = ("search-queries-generation", "search-results", "tool-calls-chunk", "debug")


class CohereV1Adapter(FramedAdapter[NDJSONLine]):
    vendor = "cohere-v1"
    description = "Cohere Chat API v1 /v1/chat (NDJSON, event_type per line; deprecated)"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._calls = 0

    def make_decoder(self) -> Decoder[NDJSONLine]:
        return NDJSONDecoder(self.limits)

    def _handler_table(self) -> Mapping[str, Handler]:
        table: dict[str, Handler] = {
            "stream-start": self._on_start,
            "text-generation": self._on_text,
            "citation-generation": self._on_citations,
            "tool-calls-generation": self._on_tool_calls,
            "stream-end": self._on_end,
            ERROR_DOCUMENT: self._on_error_document,
        }
        table.update({name: self._on_nothing for name in NO_FIELD})
        return table

    def vendor_events_of(self, frame: NDJSONLine) -> Iterable[VendorEvent]:
        try:
            data = self.parse_json(frame.text, index=frame.index, event_type=None, offset=frame.offset)
        except InvalidJSONError:
            if frame.terminated:
                raise
            return []  # a last line cut short: the body was truncated (leftover_bytes says so)
        if not frame.terminated:
            self._leftover_override = 0  # a whole JSON line without its final newline
        if not isinstance(data, dict):
            raise VendorEventError(
                "an NDJSON line that is not a JSON object", event_index=frame.index, offset=frame.offset
            )
        kind = data.get("event_type")
        if kind is None and isinstance(data.get("message"), str) and frame.index == 0:
            kind = ERROR_DOCUMENT
        if not isinstance(kind, str):
            raise VendorEventError(
                "a line without a string 'event_type'", event_index=frame.index, offset=frame.offset
            )
        return [VendorEvent(kind, data, frame.index, frame.offset)]

    def _open(self, event: VendorEvent) -> None:
        if self._terminated:
            raise ProtocolError(f"{event.type} after stream-end")

    def _on_start(self, event: VendorEvent) -> list[Event]:
        self._open(event)
        if self._started:
            raise ProtocolError("a second stream-start")
        self._started = True
        return [StreamStart(self.vendor, None, optional(event.data, "generation_id", str))]

    def _on_text(self, event: VendorEvent) -> list[Event]:
        self._open(event)
        text = require(event.data, "text", str)
        return [TextDelta(text)] if text else []

    def _on_citations(self, event: VendorEvent) -> list[Event]:
        self._open(event)
        citations = require(event.data, "citations", list)
        if not all(isinstance(c, dict) for c in citations):
            raise VendorEventError("field 'citations' should be a list of objects")
        return [CitationAdded(c) for c in citations]

    def _on_tool_calls(self, event: VendorEvent) -> list[Event]:
        self._open(event)
        out: list[Event] = []
        for call in require(event.data, "tool_calls", list):
            index = self._calls
            self._calls += 1
            out += [
                ToolCallStart(index, None, require(call, "name", str)),
                ToolCallArguments(index, optional(call, "parameters", dict, {})),
                ToolCallEnd(index),
            ]
        return out

    def _on_end(self, event: VendorEvent) -> list[Event]:
        self._open(event)
        self._terminated = True
        out: list[Event] = []
        reason = optional(event.data, "finish_reason", str)
        if reason is not None:
            normalized = V1_STOP_REASONS.get(reason, "other")
            if normalized == "stop" and self._calls:
                normalized = "tool_calls"
            out.append(Finish(normalized, reason))
        response = optional(event.data, "response", dict, {})
        usage = usage_from(response, USAGE_FIELDS)
        if usage:
            out.append(UsageUpdate(usage, replace=True))
        return out

    def _on_error_document(self, event: VendorEvent) -> list[Event]:
        return [ErrorReported("error", event.data["message"])]

    def _on_nothing(self, event: VendorEvent) -> list[Event]:
        self._open(event)
        return []
