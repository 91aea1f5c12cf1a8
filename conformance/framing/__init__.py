"""Framing decoders: bytes in any split -> framing events (SSE, NDJSON, AWS event-stream)."""

from conformance.framing.eventstream import EventStreamDecoder, EventStreamMessage
from conformance.framing.ndjson import NDJSONDecoder, NDJSONLine
from conformance.framing.sse import ServerSentEvent, SSEDecoder

__all__ = [
    "EventStreamDecoder",
    "EventStreamMessage",
    "NDJSONDecoder",
    "NDJSONLine",
    "SSEDecoder",
    "ServerSentEvent",
]
