"""The adapter contract: bytes in, normalized events out, no IO.

Strategy: an adapter owns one framing decoder (SSE, NDJSON, AWS event-stream). `feed(chunk)`
passes the bytes to it, turns each framing event into a `VendorEvent` (its type and parsed
JSON payload), and dispatches on the type through a table of handlers, each returning
normalized events. `close()` ends the stream and always emits exactly one `StreamEnd`.
Any `StreamError` raised below is completed with the vendor, the event index and type,
and the byte offset, so a failure names where in the body it happened.

`strict=True` (the default) raises `UnknownEventError` for event types the vendor does not
document; `strict=False` skips them, as the official SDKs do.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from conformance.errors import (
    InvalidJSONError,
    LimitExceededError,
    StreamError,
    UnknownEventError,
    VendorEventError,
)
from conformance.events import ErrorReported, Event, StreamEnd
from conformance.framing.sse import ServerSentEvent, SSEDecoder
from conformance.limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True, slots=True)
class VendorEvent:
    """One vendor event: its type, its JSON payload, where it sits in the body."""

    type: str
    data: Any
    index: int
    offset: int


Handler = Callable[[VendorEvent], list[Event]]

ERROR_DOCUMENT_BYTES = 64 * 1024
"""The largest JSON error document recognized in place of a stream."""


def error_document(body: bytes) -> ErrorReported | None:
    """The error of a JSON error document, as vendors send with an HTTP error status.

    Anthropic: `{"type": "error", "error": {"type", "message"}}`; OpenAI:
    `{"error": {"message", "type", "code"}}`; Google: `{"error": {"code", "message", "status"}}`.
    """
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if isinstance(document, list) and len(document) == 1:
        document = document[0]  # Google wraps errors of its JSON-array streams in a list
    if not isinstance(document, dict) or not isinstance(document.get("error"), dict):
        return None
    error = document["error"]
    kind = error.get("type") or error.get("status") or error.get("code") or "error"
    return ErrorReported(str(kind), str(error.get("message", "")))


class Adapter(ABC):
    """A sans-IO vendor adapter. Subclasses set `vendor` and implement the hooks."""

    vendor: ClassVar[str]
    """The adapter id, e.g. `anthropic`."""
    description: ClassVar[str] = ""
    """One line for `conformance vendors`: the API and its framing."""
    schemas_from: ClassVar[str | None] = None
    """For a profile of another vendor's adapter: whose `schemas/<vendor>/` to fall back on."""

    def __init__(self, *, limits: Limits = DEFAULT_LIMITS, strict: bool = True) -> None:
        self.limits = limits
        self.strict = strict
        self.vendor_events: list[VendorEvent] | None = None
        """Set to a list to record every vendor event (schema validation uses this)."""
        self._terminated = False
        self._ended = False
        self._current: VendorEvent | None = None
        self._table: Mapping[str, Handler] = self._handler_table()

    def feed(self, chunk: bytes) -> list[Event]:
        """Decode the next slice of the body; return the normalized events it completed."""
        if self._ended:
            raise RuntimeError("feed() after close()")
        try:
            return self._feed(chunk)
        except StreamError as exc:
            raise self._locate(exc) from None

    def close(self) -> list[Event]:
        """End of body: flush, then emit exactly one `StreamEnd`."""
        if self._ended:
            return []
        try:
            events = self._close()
        except StreamError as exc:
            raise self._locate(exc) from None
        self._ended = True
        return events

    @abstractmethod
    def _feed(self, chunk: bytes) -> list[Event]: ...

    @abstractmethod
    def _close(self) -> list[Event]: ...

    def _locate(self, exc: StreamError) -> StreamError:
        exc.located(vendor=self.vendor)
        current = self._current
        if current is not None:
            if exc.event_index is None:
                exc.event_index = current.index
            if exc.event_type is None:
                exc.event_type = current.type
            if exc.offset is None:
                exc.offset = current.offset
        return exc

    def _dispatch(self, event: VendorEvent) -> list[Event]:
        self._current = event
        if self.vendor_events is not None:
            self.vendor_events.append(event)
        handler = self._table.get(event.type)
        if handler is None:
            if self.strict:
                raise UnknownEventError(f"unknown {self.vendor} event type {event.type!r}")
            return []
        out = handler(event)
        self._current = None
        return out

    @abstractmethod
    def _handler_table(self) -> Mapping[str, Handler]:
        """The dispatch table: vendor event type -> handler (built once per adapter)."""

    @property
    def event_types(self) -> frozenset[str]:
        """The vendor event types this adapter knows."""
        return frozenset(self._table)


class SSEAdapter(Adapter):
    """An adapter over server-sent events whose `data:` is JSON.

    Subclasses say how an SSE event becomes a `VendorEvent` (`event_type`) and may
    treat some data specially (OpenAI's `[DONE]`) by overriding `_on_sse`.
    """

    def __init__(self, *, limits: Limits = DEFAULT_LIMITS, strict: bool = True) -> None:
        super().__init__(limits=limits, strict=strict)
        self._decoder = SSEDecoder(limits)
        # Until the first event, keep the head of the body: a server that answers with a
        # JSON error document instead of a stream (HTTP 4xx/5xx) dispatches no event, and
        # close() reports that document's error rather than a mute truncation.
        self._head: bytearray | None = bytearray()

    def _feed(self, chunk: bytes) -> list[Event]:
        if self._head is not None:
            if len(self._head) + len(chunk) <= ERROR_DOCUMENT_BYTES:
                self._head += chunk
            else:
                self._head = None
        out: list[Event] = []
        for sse in self._decoder.feed(chunk):
            self._head = None
            out.extend(self._on_sse(sse))
        return out

    def _close(self) -> list[Event]:
        out: list[Event] = []
        for sse in self._decoder.close():
            out.extend(self._on_sse(sse))
        if self._head is not None and self._decoder.events_dispatched == 0:
            error = error_document(bytes(self._head))
            if error is not None:
                out.append(error)
                return [*out, StreamEnd(complete=False, reason="the body is an error document, not a stream")]
        out.extend(self._end(self._decoder.leftover_bytes))
        return out

    def _on_sse(self, sse: ServerSentEvent) -> list[Event]:
        payload = self._json(sse)
        return self._dispatch(VendorEvent(self.event_type(sse, payload), payload, sse.index, sse.offset))

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        """The vendor event type of an SSE event (default: the SSE `event:` field)."""
        return sse.event

    def _json(self, sse: ServerSentEvent) -> Any:
        try:
            return json.loads(sse.data)
        except json.JSONDecodeError as exc:
            snippet = sse.data[max(0, exc.pos - 20) : exc.pos + 20]
            raise InvalidJSONError(
                f"invalid JSON in data: {exc.msg} near {snippet!r}",
                vendor=self.vendor,
                event_index=sse.index,
                event_type=sse.event,
                offset=sse.offset,
            ) from None
        except RecursionError:
            raise LimitExceededError(
                "JSON nested too deeply in data",
                limit="max_json_depth",
                vendor=self.vendor,
                event_index=sse.index,
                event_type=sse.event,
                offset=sse.offset,
            ) from None

    def _end(self, leftover: int) -> list[Event]:
        """The single `StreamEnd`: complete only if the terminator came and nothing is left."""
        if self._terminated:
            return [StreamEnd(complete=leftover == 0, leftover_bytes=leftover)]
        reason = "the body ended before the vendor's terminator"
        if leftover:
            reason += f" ({leftover} bytes of an unfinished event were dropped)"
        return [StreamEnd(complete=False, leftover_bytes=leftover, reason=reason)]


_KIND_NAMES = {dict: "an object", list: "an array", str: "a string", int: "an integer"}


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_KIND_NAMES.get(k, k.__name__) for k in kinds)


def require(data: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    """`data[key]`, checked to be of `kind`; a clear `VendorEventError` otherwise.

    Adapters read payloads through this (and `optional`) so that a malformed event names
    the field at fault instead of surfacing as a KeyError from deep inside a handler.
    """
    if not isinstance(data, dict):
        raise VendorEventError(f"expected a JSON object holding {key!r}, got {_short(data)}")
    if key not in data:
        raise VendorEventError(f"missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise VendorEventError(f"field {key!r} should be {_kind_name(kind)}, got {_short(value)}")
    return value


def optional(data: Any, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    """Like `require`, but an absent or null field gives `default`."""
    if not isinstance(data, dict):
        raise VendorEventError(f"expected a JSON object holding {key!r}, got {_short(data)}")
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise VendorEventError(f"field {key!r} should be {_kind_name(kind)}, got {_short(value)}")
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, bytes) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def usage_from(raw: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, int]:
    """Normalized usage: `mapping` is vendor field (dotted path) -> normalized key.

    Only integer values that are present are taken: "as reported", never invented.
    """
    usage: dict[str, int] = {}
    for path, key in mapping.items():
        value: Any = raw
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            usage[key] = value
    return usage
