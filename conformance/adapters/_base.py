"""The adapter contract: bytes in, normalized events out, no IO.

Strategy: an adapter owns one framing decoder (SSE, NDJSON, AWS event-stream; see
`FramedAdapter`, the one base over any of them). `feed(chunk)` passes the bytes to it, turns
each framing event into a `VendorEvent` (its type and parsed JSON payload), and dispatches on
the type through a table of handlers, each returning normalized events. `close()` ends the
stream and always emits exactly one `StreamEnd`.
Any `StreamError` raised below is completed with the vendor, the event index and type,
and the byte offset, so a failure names where in the body it happened.

Whatever the vendor, the base also checks the tool-call events handlers emit (`ToolCallLedger`):
a delta for a call never started, a second start, arguments over `max_tool_arguments_bytes`
or nested over `max_json_depth` are typed errors located at the event that caused them,
rather than surfacing later, unlocated, from the assembler.

`strict=True` (the default) raises `UnknownEventError` for event types the vendor does not
document; `strict=False` skips them, as the official SDKs do.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, NamedTuple

from conformance.errors import (
    StreamError,
    UnknownEventError,
)
from conformance.events import (
    Event,
)
from conformance.json import quick as quick_json
from conformance.limits import DEFAULT_LIMITS, Limits
from conformance.tool_calls import ToolCallLedger


class VendorEvent(NamedTuple):
    """One vendor event: its type, its JSON payload, where it sits in the body.

    A NamedTuple, like `ServerSentEvent` and for the same reason: one is built for every
    event of every stream, and `tuple.__new__` costs a fraction of a frozen dataclass's
    `__init__` (~1.1 of the ~4.5 µs per event after framing, profiled for issue 23).
    Immutable as before; use `._replace` rather than `dataclasses.replace`.
    """

    type: str
    data: Any
    index: int  # type: ignore[assignment]  # shadows tuple.index(): the field name is public
    offset: int


_new_vendor_event = tuple.__new__
_scan_once = quick_json.scan_once


Handler = Callable[[VendorEvent], list[Event]]


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
        self._last: VendorEvent | None = None  # the last event dispatched
        self._received = 0  # body bytes fed so far: where an error at the end of the body is
        self.ledger = ToolCallLedger(limits)
        """The tool-call ledger: every tool-call event this adapter emits is checked against it
        (`conformance.tool_calls`); `parse()` hands it to the assembler, which reads the
        argument fragments from it rather than keeping its own."""
        self._table: Mapping[str, Handler] = self._handler_table()

    def feed(self, chunk: bytes) -> list[Event]:
        """Decode the next slice of the body; return the normalized events it completed."""
        if self._ended:
            raise RuntimeError("feed() after close()")
        self._received += len(chunk)
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
            self._current = None  # what is checked now is checked at the end of the body
            self.ledger.check(events, None)
            self.ledger.check_unended()
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
        if current is None and exc.event_index is None:
            current = self._last  # found at the end of the body: name the last event
        if current is not None:
            if exc.event_index is None:
                exc.event_index = current.index
            if exc.event_type is None:
                exc.event_type = current.type
            if exc.offset is None:
                exc.offset = current.offset
        if exc.event_index is None:
            exc.event_index = 0  # no event at all: the body as a whole
        if exc.offset is None:
            exc.offset = self._received
        return exc

    def _dispatch(self, event: VendorEvent) -> list[Event]:
        self._current = self._last = event
        if self.vendor_events is not None:
            self.vendor_events.append(event)
        handler = self._table.get(event.type)
        if handler is None:
            if self.strict:
                raise UnknownEventError(f"unknown {self.vendor} event type {event.type!r}")
            self._current = None
            return []
        out = handler(event)
        if out:
            self.ledger.check(out, event)
        self._current = None
        return out

    @abstractmethod
    def _handler_table(self) -> Mapping[str, Handler]:
        """The dispatch table: vendor event type -> handler (built once per adapter)."""

    @property
    def event_types(self) -> frozenset[str]:
        """The vendor event types this adapter knows."""
        return frozenset(self._table)
