"""Ollama chat streaming (`POST /api/chat`, `"stream": true`, the default).

Wire format (docs: https://docs.ollama.com/api/chat and
https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion; SDK:
ollama-python `ollama/_client.py` `_stream`, which reads lines with httpx `iter_lines`,
`json.loads` each and raises `ResponseError` on a line holding `"error"`; types in
`ollama/_types.py` `ChatResponse`): NDJSON, `Content-Type: application/x-ndjson`, one
`ChatResponse` per line. `message.content` and `message.thinking` are pieces to append;
`message.tool_calls` arrive whole (`function.name`, `function.arguments` as an object), one
call or several per line. The last line has `"done": true`, `done_reason` and the
counters (`prompt_eval_count`, `eval_count`, durations in ns): it is the terminator. An
error is a line `{"error": "..."}`, mid-stream or as the whole body of an HTTP error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from conformance.adapters._base import Handler, VendorEvent
from conformance.adapters._framed import Decoder, FramedAdapter
from conformance.adapters._payload import optional, require, usage_from
from conformance.errors import InvalidJSONError, ProtocolError, VendorEventError
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
from conformance.framing.ndjson import NDJSONDecoder, NDJSONLine

# done_reason -> normalized (server `llm/server.go` DoneReason: stop, length; the load and
# unload replies of an empty request say "load" / "unload").
STOP_REASONS = {"stop": "stop", "length": "length", "load": "other", "unload": "other"}

# Final-line counters -> normalized keys (docs: "Response" of /api/chat).
USAGE_FIELDS = {"prompt_eval_count": "input_tokens", "eval_count": "output_tokens"}

CHUNK, DONE, ERROR = "chunk", "done", "error"
"""Vendor event types: a line with `done: false`, the final `done: true` line, an error line."""


class OllamaAdapter(FramedAdapter[NDJSONLine]):
    vendor = "ollama"
    description = "Ollama /api/chat (NDJSON, one ChatResponse per line)"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._calls = 0

    def make_decoder(self) -> Decoder[NDJSONLine]:
        return NDJSONDecoder(self.limits)

    def _handler_table(self) -> Mapping[str, Handler]:
        return {CHUNK: self._on_chunk, DONE: self._on_done, ERROR: self._on_error}

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
        if "error" in data:
            kind = ERROR
        elif data.get("done") is True:
            kind = DONE
        else:
            kind = CHUNK
        return [VendorEvent(kind, data, frame.index, frame.offset)]

    def _on_chunk(self, event: VendorEvent) -> list[Event]:
        if self._terminated:
            raise ProtocolError("a line after the done line")
        out = self._start(event.data)
        message = optional(event.data, "message", dict)
        if message is not None:
            out.extend(self._on_message(message))
        return out

    def _on_done(self, event: VendorEvent) -> list[Event]:
        out = self._on_chunk(event)
        self._terminated = True
        reason = optional(event.data, "done_reason", str)
        if reason is not None:
            normalized = STOP_REASONS.get(reason, "other")
            if normalized == "stop" and self._calls:
                normalized = "tool_calls"  # Ollama says "stop" after tool calls too
            out.append(Finish(normalized, reason))
        usage = usage_from(event.data, USAGE_FIELDS)
        if usage:  # as reported: Ollama gives no total, and none is invented
            out.append(UsageUpdate(usage, replace=True))
        return out

    def _on_error(self, event: VendorEvent) -> list[Event]:
        error = event.data["error"]
        if isinstance(error, dict):  # OpenAI-style object from some proxies in front of Ollama
            return [ErrorReported(str(error.get("type", "error")), str(error.get("message", "")))]
        if not isinstance(error, str):
            raise VendorEventError(f"field 'error' should be a string, got {type(error).__name__}")
        return [ErrorReported("error", error)]

    def _start(self, data: Any) -> list[Event]:
        if self._started:
            return []
        self._started = True
        return [StreamStart(self.vendor, optional(data, "model", str))]

    def _on_message(self, message: Any) -> list[Event]:
        out: list[Event] = []
        thinking = optional(message, "thinking", str)
        if thinking:
            out.append(ReasoningDelta(thinking))
        content = optional(message, "content", str)
        if content:
            out.append(TextDelta(content))
        for call in optional(message, "tool_calls", list, []):
            function = require(call, "function", dict)
            index = self._calls
            self._calls += 1
            out += [
                ToolCallStart(index, optional(call, "id", str), require(function, "name", str)),
                ToolCallArguments(index, optional(function, "arguments", dict, {})),
                ToolCallEnd(index),
            ]
        return out
