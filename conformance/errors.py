"""The kit's typed errors: one small family, each naming vendor, event and byte offset.

Why a family rather than ValueError: a conformance run must tell "the stream is broken"
(the vendor's or a proxy's fault) from "the kit is broken" (ours). Every error the sans-IO
core raises on bad input derives from `StreamError`, so callers and fuzzers can catch
exactly that and treat any other exception as a bug in the kit.
"""

from __future__ import annotations


class ConformanceError(Exception):
    """Base of every error the kit raises on purpose."""


class StreamError(ConformanceError):
    """A stream body that cannot be read as the vendor's protocol.

    `vendor`, `event_index` (0-based, counting dispatched framing events), `event_type` and
    `offset` (byte offset in the body where the offending line or event starts) are filled
    in as far as the layer raising it knows them; the adapter fills in the vendor.
    """

    def __init__(
        self,
        reason: str,
        *,
        vendor: str | None = None,
        event_index: int | None = None,
        event_type: str | None = None,
        offset: int | None = None,
    ) -> None:
        self.reason = reason
        self.vendor = vendor
        self.event_index = event_index
        self.event_type = event_type
        self.offset = offset
        super().__init__(reason)

    def __str__(self) -> str:
        where = []
        if self.vendor is not None:
            where.append(f"vendor {self.vendor}")
        if self.event_index is not None or self.event_type is not None:
            label = f"event #{self.event_index}" if self.event_index is not None else "event"
            if self.event_type:
                label += f" ({self.event_type})"
            where.append(label)
        if self.offset is not None:
            where.append(f"byte offset {self.offset}")
        return f"{self.reason} [{', '.join(where)}]" if where else self.reason

    def at(
        self,
        *,
        event_index: int | None,
        event_type: str | None,
        offset: int | None,
        vendor: str | None = None,
    ) -> StreamError:
        """Place the error at an event, over what the raising layer knew: for errors found
        before their event is dispatched (its payload's JSON) or after it (a call's arguments
        checked at the end of the body). The one place these fields are set after raising."""
        if vendor is not None:
            self.vendor = vendor
        self.event_index, self.event_type, self.offset = event_index, event_type, offset
        return self

    def located(self, *, vendor: str) -> StreamError:
        """Fill in the vendor (adapters call this on errors from the framing layer)."""
        if self.vendor is None:
            self.vendor = vendor
        return self


class FramingError(StreamError):
    """The byte framing (SSE, NDJSON, AWS event-stream) is broken."""


class InvalidUTF8Error(FramingError):
    """Bytes that are not valid UTF-8 where the protocol requires UTF-8."""


class LimitExceededError(StreamError):
    """A configured size limit (line, event, tool arguments, nesting, event count) was hit.

    Raised instead of buffering further, so that a hostile or broken stream cannot make
    the kit grow without bound. `limit` names the `Limits` field that was exceeded.
    """

    def __init__(self, reason: str, *, limit: str, **where: object) -> None:
        self.limit = limit
        super().__init__(reason, **where)  # type: ignore[arg-type]


class VendorEventError(StreamError):
    """A framing event that does not make sense as one of the vendor's events."""


class InvalidJSONError(VendorEventError):
    """The event's payload (SSE `data:`, an NDJSON line) is not valid JSON."""


class UnknownEventError(VendorEventError):
    """An event type the vendor does not document (raised only in strict mode)."""


class ProtocolError(VendorEventError):
    """Events in an order the vendor's protocol does not allow.

    For example a delta for a content block or tool call that was never started, or a
    second start for the same index.
    """


class UnknownVendorError(ConformanceError, KeyError):
    """No adapter is registered under the requested vendor id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown vendor"


class CassetteError(ConformanceError):
    """A cassette file that cannot be loaded (not YAML, not vcrpy's shape, too large)."""
