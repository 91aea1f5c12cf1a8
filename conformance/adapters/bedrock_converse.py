"""Amazon Bedrock ConverseStream (`POST /model/{modelId}/converse-stream`).

Wire format (API: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html;
SDK: botocore `data/bedrock-runtime/*/service-2.json` shape `ConverseStreamOutput`, read by
`botocore/eventstream.py`): AWS event-stream binary frames (`framing/eventstream.py`). Each
frame has `:message-type` `event` with `:event-type` naming the member of
`ConverseStreamOutput` and a JSON payload (the member's value; the service pads payloads
with a random `"p"` field), or `exception` with `:exception-type` and `{"message"}`, or
`error` with `:error-code` / `:error-message` headers.

Order: `messageStart`; content blocks keyed by `contentBlockIndex`, where only tool-use
(and server tool result) blocks get a `contentBlockStart` and text and reasoning blocks
are opened by their first `contentBlockDelta`; `contentBlockStop` per block;
`messageStop` (`stopReason`); `metadata` (`usage`, `metrics.latencyMs`), the last event and
the terminator. Tool arguments stream as JSON text in `delta.toolUse.input`. A `toolUse`
start of `"type": "server_tool_use"` is a tool the service runs itself (Nova code
interpreter), not a client call, so it is tracked but not listed in `tool_calls`.
A reasoning block's `reasoningContent.signature` and `redactedContent` (a blob: its base64
text as sent) are kept byte for byte as `ReasoningSignature` of the block's index.

An HTTP error (4xx/5xx) has a JSON body `{"message": ...}` instead of frames; since no frame
can begin with `{` (that would declare a frame of over 2 GB), such a body is read as an
error document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from conformance.adapters._base import Handler, VendorEvent
from conformance.adapters._framed import Decoder, FramedAdapter
from conformance.adapters._payload import optional, require, usage_from
from conformance.errors import ProtocolError, VendorEventError
from conformance.events import (
    ErrorReported,
    Event,
    Finish,
    ReasoningDelta,
    ReasoningSignature,
    StreamEnd,
    StreamStart,
    TextDelta,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.framing.eventstream import EventStreamDecoder, EventStreamMessage

# ConverseStream messageStop.stopReason -> normalized (API reference, MessageStopEvent).
STOP_REASONS = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "tool_use": "tool_calls",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
    "guardrail_intervened": "content_filter",
    "content_filtered": "content_filter",
    "malformed_model_output": "error",
    "malformed_tool_use": "error",
}

# TokenUsage -> normalized keys (API reference, ConverseStreamMetadataEvent.usage).
USAGE_FIELDS = {
    "inputTokens": "input_tokens",
    "outputTokens": "output_tokens",
    "totalTokens": "total_tokens",
    "cacheReadInputTokens": "cache_read_tokens",
    "cacheWriteInputTokens": "cache_write_tokens",
}

# ReasoningContentBlockDelta members that are opaque tokens -> signature kind (API reference,
# ReasoningContentBlockDelta: `text` | `redactedContent` (blob) | `signature`).
REASONING_TOKENS = {"signature": "signature", "redactedContent": "redacted"}

# ConverseStreamOutput exception members, sent as `:message-type: exception` frames.
EXCEPTIONS = (
    "internalServerException",
    "modelStreamErrorException",
    "validationException",
    "throttlingException",
    "serviceUnavailableException",
)
ERROR_MESSAGE = "error"
"""The vendor event type given to a `:message-type: error` frame."""

_TOOL, _SERVER_TOOL, _OTHER = "tool_use", "server_tool_use", "other"


class BedrockConverseAdapter(FramedAdapter[EventStreamMessage]):
    vendor = "bedrock-converse"
    description = "Amazon Bedrock ConverseStream (AWS event-stream binary frames)"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._stopped = False  # messageStop came
        self._blocks: dict[int, str] = {}  # open content blocks: index -> kind
        self._closed_blocks: set[int] = set()

    def make_decoder(self) -> Decoder[EventStreamMessage]:
        return EventStreamDecoder(self.limits)

    def _handler_table(self) -> Mapping[str, Handler]:
        table: dict[str, Handler] = {
            "messageStart": self._on_message_start,
            "contentBlockStart": self._on_block_start,
            "contentBlockDelta": self._on_block_delta,
            "contentBlockStop": self._on_block_stop,
            "messageStop": self._on_message_stop,
            "metadata": self._on_metadata,
            ERROR_MESSAGE: self._on_exception,
        }
        table.update({name: self._on_exception for name in EXCEPTIONS})
        return table

    # -- framing -> vendor events ---------------------------------------------------------

    def _sniff(self, chunk: bytes) -> bool:
        return self._hold_document(chunk, first=chunk, instead_of="frames")

    def _close(self) -> list[Event]:
        if self._document is None:
            return super()._close()
        body = bytes(self._document)
        document = self.parse_json(body, index=0, event_type=None, offset=0)
        if not isinstance(document, dict) or not isinstance(
            document.get("message", document.get("Message")), str
        ):
            raise VendorEventError(
                "a JSON body without a 'message' is neither frames nor an AWS error", offset=0
            )
        message = str(document.get("message", document.get("Message")))
        kind = str(document.get("__type", "error")).rsplit("#", 1)[-1]
        return [
            ErrorReported(kind, message),
            StreamEnd(complete=False, reason="the body is an error document, not a stream"),
        ]

    def vendor_events_of(self, frame: EventStreamMessage) -> Iterable[VendorEvent]:
        kind = frame.message_type
        if kind == "event":
            name = frame.headers.get(":event-type")
            if not isinstance(name, str):
                raise VendorEventError(
                    "event frame without an :event-type header", event_index=frame.index, offset=frame.offset
                )
        elif kind == "exception":
            name = frame.headers.get(":exception-type")
            if not isinstance(name, str):
                raise VendorEventError(
                    "exception frame without an :exception-type header",
                    event_index=frame.index,
                    offset=frame.offset,
                )
        elif kind == "error":
            code, text = frame.headers.get(":error-code", "error"), frame.headers.get(":error-message", "")
            return [
                VendorEvent(
                    ERROR_MESSAGE, {"code": str(code), "message": str(text)}, frame.index, frame.offset
                )
            ]
        else:
            raise VendorEventError(
                f"unknown :message-type {kind!r}", event_index=frame.index, offset=frame.offset
            )
        payload = self.parse_json(
            frame.payload or b"{}", index=frame.index, event_type=name, offset=frame.offset
        )
        return [VendorEvent(name, payload, frame.index, frame.offset)]

    # -- handlers -------------------------------------------------------------------------

    def _on_message_start(self, event: VendorEvent) -> list[Event]:
        if self._started:
            raise ProtocolError("a second messageStart")
        self._started = True
        require(event.data, "role", str)
        return [StreamStart(self.vendor)]

    def _on_block_start(self, event: VendorEvent) -> list[Event]:
        self._require_open_message(event)
        index = require(event.data, "contentBlockIndex", int)
        if index in self._blocks or index in self._closed_blocks:
            raise ProtocolError(f"content block {index} started twice")
        start = require(event.data, "start", dict)
        tool = optional(start, "toolUse", dict)
        if tool is None:
            self._blocks[index] = _OTHER  # toolResult of a server tool, images, newer kinds
            return []
        if optional(tool, "type", str) == _SERVER_TOOL:
            self._blocks[index] = _SERVER_TOOL
            return []
        self._blocks[index] = _TOOL
        return [ToolCallStart(index, require(tool, "toolUseId", str), require(tool, "name", str))]

    def _on_block_delta(self, event: VendorEvent) -> list[Event]:
        self._require_open_message(event)
        index = require(event.data, "contentBlockIndex", int)
        if index in self._closed_blocks:
            raise ProtocolError(f"contentBlockDelta for content block {index}, which was already stopped")
        delta = require(event.data, "delta", dict)
        text = optional(delta, "text", str)
        if text is not None:
            self._implicit_block(index, "text")
            return [TextDelta(text)] if text else []
        reasoning = optional(delta, "reasoningContent", dict)
        if reasoning is not None:
            self._implicit_block(index, "reasoning")
            piece = optional(reasoning, "text", str, "")
            out: list[Event] = [ReasoningDelta(piece)] if piece else []
            for field, token_kind in REASONING_TOKENS.items():
                token = optional(reasoning, field, str)
                if token is not None:
                    out.append(ReasoningSignature(index, token_kind, token))
            return out
        tool = optional(delta, "toolUse", dict)
        if tool is not None:
            kind = self._blocks.get(index)
            if kind not in (_TOOL, _SERVER_TOOL):
                raise ProtocolError(
                    f"toolUse delta for content block {index}, which is not a started toolUse block"
                )
            arguments = require(tool, "input", str)
            return [ToolCallDelta(index, arguments)] if kind == _TOOL and arguments else []
        self._implicit_block(index, _OTHER)
        return []  # toolResult, citation, image and newer delta kinds carry no normalized field

    def _on_block_stop(self, event: VendorEvent) -> list[Event]:
        self._require_open_message(event)
        index = require(event.data, "contentBlockIndex", int)
        if index in self._closed_blocks:
            raise ProtocolError(f"content block {index} stopped twice")
        kind = self._blocks.pop(index, None)
        self._closed_blocks.add(index)
        return [ToolCallEnd(index)] if kind == _TOOL else []

    def _on_message_stop(self, event: VendorEvent) -> list[Event]:
        self._require_open_message(event)
        self._stopped = True
        reason = require(event.data, "stopReason", str)
        return [Finish(STOP_REASONS.get(reason, "other"), reason)]

    def _on_metadata(self, event: VendorEvent) -> list[Event]:
        if not self._stopped:
            raise ProtocolError("metadata before messageStop")
        if self._terminated:
            raise ProtocolError("a second metadata event")
        self._terminated = True
        usage = optional(event.data, "usage", dict)
        return [UsageUpdate(usage_from(usage, USAGE_FIELDS), replace=True)] if usage is not None else []

    def _on_exception(self, event: VendorEvent) -> list[Event]:
        message = optional(event.data, "message", str)
        if message is None:  # some services capitalize it
            message = optional(event.data, "Message", str, "")
        kind = event.type if event.type != ERROR_MESSAGE else optional(event.data, "code", str, ERROR_MESSAGE)
        return [ErrorReported(kind, message)]

    # -- checks ---------------------------------------------------------------------------

    def _require_open_message(self, event: VendorEvent) -> None:
        if not self._started:
            raise ProtocolError(f"{event.type} before messageStart")
        if self._stopped:
            raise ProtocolError(f"{event.type} after messageStop")

    def _implicit_block(self, index: int, kind: str) -> None:
        current = self._blocks.setdefault(index, kind)
        if current in (_TOOL, _SERVER_TOOL):
            raise ProtocolError(f"{kind} delta for content block {index}, a toolUse block")
