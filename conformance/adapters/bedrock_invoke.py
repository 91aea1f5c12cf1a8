"""Amazon Bedrock InvokeModelWithResponseStream (`POST /model/{modelId}/invoke-with-response-stream`).

Wire format (API: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html;
SDK: botocore `data/bedrock-runtime/*/service-2.json` shape `ResponseStream`; the anthropic
SDK's `lib/bedrock/_stream_decoder.py` reads it for Claude): AWS event-stream binary frames
(`framing/eventstream.py`). An `event` frame of `:event-type: chunk` carries
`{"bytes": "<base64>", "p": "<padding>"}`, and the decoded bytes are one JSON event *of the
model vendor's own streaming API*; an `exception` frame (`:exception-type`, `{"message"}`)
is an error, as in ConverseStream. Bedrock adds `amazon-bedrock-invocationMetrics` (token
counts, latencies) to the model's last event and, with a guardrail,
`amazon-bedrock-guardrailAction` / `amazon-bedrock-trace`; these carry no normalized field.

The model family is told by the first chunk's shape and holds for the stream (`FAMILIES`):

- Anthropic (Claude): the Messages streaming events (`{"type": "message_start", ...}`),
  read by the `anthropic` adapter's own handlers; the terminator is `message_stop`.
- Amazon Nova: one ConverseStream member per chunk (`{"messageStart": {...}}`), read by
  the `bedrock-converse` adapter's handlers; the terminator is `metadata`. Nova names its
  cache counters `cacheReadInputTokenCount` / `cacheWriteInputTokenCount`.
- Amazon Titan Text: `{"outputText", "index", ...}`; the last chunk carries
  `totalOutputTextTokenCount` (and `completionReason`, except when a guardrail blocked the
  input: then only `amazon-bedrock-guardrailAction: "INTERVENED"`, read as a
  `content_filter` finish). Counts may be written as floats (`6.0`).
  https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html

Vendor event types are the model's own (`message_start`, `messageStart`, `titan`), so the
schemas in `schemas/bedrock-invoke/` point at the anthropic and bedrock-converse ones.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from typing import Any

from conformance.adapters._base import Adapter, Handler, VendorEvent
from conformance.adapters._framed import Decoder, FramedAdapter
from conformance.adapters._payload import optional
from conformance.adapters.anthropic import AnthropicAdapter
from conformance.adapters.bedrock_converse import EXCEPTIONS, BedrockConverseAdapter
from conformance.errors import ProtocolError, VendorEventError
from conformance.events import ErrorReported, Event, Finish, StreamStart, TextDelta, UsageUpdate
from conformance.framing.eventstream import EventStreamDecoder, EventStreamMessage

ANTHROPIC, NOVA, TITAN = "anthropic", "nova", "titan"

CHUNK_EVENT = "chunk"
"""The `ResponseStream` member that carries the model's bytes."""

ERROR_FRAME = "errorFrame"
"""The vendor event type given to a `:message-type: error` frame (`:error-code`, `:error-message`)."""

# InvokeModelWithResponseStream's `ResponseStream` exception members (botocore service model).
INVOKE_EXCEPTIONS = (*EXCEPTIONS, "modelTimeoutException")

# Titan Text `completionReason` -> normalized (Titan text model parameters, response body).
TITAN_STOP_REASONS = {
    "FINISH": "stop",
    "STOP_CRITERIA_MET": "stop",
    "LENGTH": "length",
    "CONTENT_FILTERED": "content_filter",
}
TITAN_USAGE_FIELDS = {"inputTextTokenCount": "input_tokens", "totalOutputTextTokenCount": "output_tokens"}
GUARDRAIL_ACTION = "amazon-bedrock-guardrailAction"
INTERVENED = "INTERVENED"

NOVA_EVENTS = (
    "messageStart",
    "contentBlockStart",
    "contentBlockDelta",
    "contentBlockStop",
    "messageStop",
    "metadata",
)
"""The ConverseStream members Nova sends as chunks, each read by the bedrock-converse handler."""

NOVA_USAGE_FIELDS = {
    "cacheReadInputTokenCount": "cache_read_tokens",
    "cacheWriteInputTokenCount": "cache_write_tokens",
}
"""Nova's names for the cache counters ConverseStream calls `cacheRead/WriteInputTokens`."""


def family_of(event: Any) -> str:
    """The model family of a decoded chunk, by its shape (see the module docstring)."""
    if isinstance(event, dict):
        if isinstance(event.get("type"), str):
            return ANTHROPIC
        if "outputText" in event:
            return TITAN
        if any(name in event for name in NOVA_EVENTS):
            return NOVA
    raise VendorEventError(
        "a chunk that is neither an Anthropic Messages event (`type`), a Nova ConverseStream "
        "member nor a Titan `outputText` chunk"
    )


class BedrockInvokeAdapter(FramedAdapter[EventStreamMessage]):
    vendor = "bedrock-invoke"
    description = "Amazon Bedrock InvokeModelWithResponseStream (event-stream frames of base64 model events)"

    def __init__(self, **kwargs: Any) -> None:
        self._anthropic = AnthropicAdapter(**kwargs)
        self._nova = BedrockConverseAdapter(**kwargs)
        super().__init__(**kwargs)
        self._family: str | None = None
        self._titan_started = False

    def make_decoder(self) -> Decoder[EventStreamMessage]:
        return EventStreamDecoder(self.limits)

    def _handler_table(self) -> Mapping[str, Handler]:
        table: dict[str, Handler] = {}
        for name in self._anthropic.event_types:
            table[name] = self._forward(self._anthropic, ANTHROPIC)
        for name in NOVA_EVENTS:
            table[name] = self._forward(self._nova, NOVA)
        table[TITAN] = self._on_titan
        table.update({name: self._on_exception for name in (*INVOKE_EXCEPTIONS, ERROR_FRAME)})
        return table

    # -- framing -> vendor events ---------------------------------------------------------

    def vendor_events_of(self, frame: EventStreamMessage) -> Iterable[VendorEvent]:
        kind = frame.message_type
        if kind == "exception":
            name = frame.headers.get(":exception-type")
            if not isinstance(name, str):
                raise VendorEventError(
                    "exception frame without an :exception-type header",
                    event_index=frame.index,
                    offset=frame.offset,
                )
            payload = self.parse_json(
                frame.payload or b"{}", index=frame.index, event_type=name, offset=frame.offset
            )
            return [VendorEvent(name, payload, frame.index, frame.offset)]
        if kind == "error":
            code, text = frame.headers.get(":error-code", "error"), frame.headers.get(":error-message", "")
            return [
                VendorEvent(ERROR_FRAME, {"code": str(code), "message": str(text)}, frame.index, frame.offset)
            ]
        if kind != "event":
            raise VendorEventError(
                f"unknown :message-type {kind!r}", event_index=frame.index, offset=frame.offset
            )
        name = frame.headers.get(":event-type")
        if name != CHUNK_EVENT:
            if self.strict:
                raise VendorEventError(
                    f"unknown :event-type {name!r} (InvokeModelWithResponseStream sends `chunk`)",
                    event_index=frame.index,
                    offset=frame.offset,
                )
            return []
        wrapper = self.parse_json(
            frame.payload, index=frame.index, event_type=CHUNK_EVENT, offset=frame.offset
        )
        encoded = wrapper.get("bytes") if isinstance(wrapper, dict) else None
        if not isinstance(encoded, str):
            raise VendorEventError(
                "chunk without a base64 string in 'bytes'",
                event_type=CHUNK_EVENT,
                event_index=frame.index,
                offset=frame.offset,
            )
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise VendorEventError(
                "chunk 'bytes' is not base64",
                event_type=CHUNK_EVENT,
                event_index=frame.index,
                offset=frame.offset,
            ) from None
        event = self.parse_json(raw, index=frame.index, event_type=CHUNK_EVENT, offset=frame.offset)
        family = family_of(event)
        if self._family is None:
            self._family = family
        elif family != self._family:
            raise ProtocolError(
                f"a {family} chunk in a {self._family} stream", event_index=frame.index, offset=frame.offset
            )
        return [self._model_event(family, event, frame)]

    def _model_event(self, family: str, event: Any, frame: EventStreamMessage) -> VendorEvent:
        if family == TITAN:
            return VendorEvent(TITAN, event, frame.index, frame.offset)
        if family == ANTHROPIC:
            return VendorEvent(event["type"], event, frame.index, frame.offset)
        members = [n for n in NOVA_EVENTS if isinstance(event, dict) and n in event]
        if len(members) != 1:
            raise VendorEventError(
                f"a Nova chunk should hold one ConverseStream member, found {members or 'none'}",
                event_index=frame.index,
                offset=frame.offset,
            )
        return VendorEvent(members[0], event[members[0]], frame.index, frame.offset)

    # -- handlers -------------------------------------------------------------------------

    def _forward(self, inner: Adapter, family: str) -> Handler:
        """A handler that runs `inner`'s own handler for the event (one vendor's rules, one place)."""

        def handler(event: VendorEvent) -> list[Event]:
            out = inner._dispatch(event)
            self._terminated = inner._terminated
            if family == NOVA and event.type == "metadata":
                out = self._nova_cache_usage(event.data, out)
            return out

        return handler

    def _nova_cache_usage(self, data: Any, out: list[Event]) -> list[Event]:
        usage = optional(data, "usage", dict)
        if usage is None:
            return out
        extra = {k: v for f, k in NOVA_USAGE_FIELDS.items() if isinstance(v := usage.get(f), int)}
        return [*out, UsageUpdate(extra)] if extra else out

    def _on_titan(self, event: VendorEvent) -> list[Event]:
        if self._terminated:
            raise ProtocolError("a Titan chunk after the last one (the one with totalOutputTextTokenCount)")
        out: list[Event] = []
        if not self._titan_started:
            self._titan_started = True
            out.append(StreamStart(self.vendor))
        text = optional(event.data, "outputText", str, "")
        if text:
            out.append(TextDelta(text))
        usage = {k: int(v) for f, k in TITAN_USAGE_FIELDS.items() if _count(v := event.data.get(f))}
        if usage:
            out.append(UsageUpdate(usage))
        if "totalOutputTextTokenCount" in event.data:
            self._terminated = True
            reason = optional(event.data, "completionReason", str)
            if reason is not None:
                out.append(Finish(TITAN_STOP_REASONS.get(reason, "other"), reason))
            elif event.data.get(GUARDRAIL_ACTION) == INTERVENED:
                out.append(Finish("content_filter", INTERVENED))
        return out

    def _on_exception(self, event: VendorEvent) -> list[Event]:
        message = optional(event.data, "message", str)
        if message is None:
            message = optional(event.data, "Message", str, "")
        kind = event.type if event.type != ERROR_FRAME else optional(event.data, "code", str, ERROR_FRAME)
        return [ErrorReported(kind, message)]


def _count(value: Any) -> bool:
    """A token count as Titan writes it: an integer, or a float with no fraction (`6.0`)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
