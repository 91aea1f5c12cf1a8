"""The adapter base over server-sent events whose `data:` is JSON (most vendors).

Strategy: a `FramedAdapter` over `SSEDecoder`. Each SSE event's data is parsed (`_json`; the
usual short payload inlined), its vendor event type read (`event_type`: the `event:` field by
default) and dispatched. The sniffing hook reads the first line of the body in
strict mode, so that an HTML page or a compressed body is a `FramingError` at once, and keeps
the head of the body until the first event, so that a JSON error document sent instead of a
stream is reported as the vendor's error.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._base import VendorEvent
from conformance.adapters._framed import FramedAdapter
from conformance.adapters._payload import load_json
from conformance.adapters._sniff import ERROR_DOCUMENT_BYTES, SNIFF_BYTES, error_document, opening
from conformance.errors import FramingError, StreamError
from conformance.events import Event, StreamEnd
from conformance.framing.sse import ServerSentEvent, SSEDecoder
from conformance.json import quick as quick_json
from conformance.limits import DEFAULT_LIMITS, Limits

_new_vendor_event = tuple.__new__
_scan_once = quick_json.scan_once


class SSEAdapter(FramedAdapter[ServerSentEvent]):
    """An adapter over server-sent events whose `data:` is JSON.

    Subclasses say how an SSE event becomes a `VendorEvent` (`event_type`) and may
    treat some data specially (OpenAI's `[DONE]`) by overriding `_json`.
    """

    unit = "event"

    def __init__(self, *, limits: Limits = DEFAULT_LIMITS, strict: bool = True) -> None:
        super().__init__(limits=limits, strict=strict)
        # Until the first event, keep the head of the body: a server that answers with a
        # JSON error document instead of a stream (HTTP 4xx/5xx) dispatches no event, and
        # close() reports that document's error rather than a mute truncation.
        self._head: bytearray | None = bytearray()
        # Strict mode reads the first line before the decoder does: "sse" or "json" once it
        # is known, None while undecided. A body that is neither (an HTML error page, a
        # compressed body) is a FramingError at once, not a stream that never ends.
        self._opening: str | None = None if strict else "sse"
        self._first_bytes = bytearray()  # up to `_sniff_bytes` of the body, while undecided
        self._sniff_bytes = min(SNIFF_BYTES, limits.max_line_bytes)
        self._depth_limit = limits.max_json_depth

    def make_decoder(self) -> SSEDecoder:
        return SSEDecoder(self.limits)

    def _sniff(self, chunk: bytes) -> bool:
        if self._opening is None:
            self._first_bytes += chunk[: self._sniff_bytes - len(self._first_bytes)]
            self._opening = opening(bytes(self._first_bytes), final=False, cap=self._sniff_bytes)
        if self._head is not None:
            if len(self._head) + len(chunk) <= ERROR_DOCUMENT_BYTES:
                self._head += chunk
            else:
                self._head = None
        self._sniffing = self._opening is None or self._head is not None
        return False  # the decoder reads every chunk; the head is only kept beside it

    def vendor_events_of(self, frame: ServerSentEvent) -> list[VendorEvent]:
        payload = self._json(frame)
        kind = self.event_type(frame, payload)
        return [_new_vendor_event(VendorEvent, (kind, payload, frame.index, frame.offset))]

    def _dispatch_frames(self, frames: list[ServerSentEvent]) -> list[Event]:
        # The base's loop with `vendor_events_of` inlined (one vendor event per SSE event): no
        # call and no list per event on the path most streams take (issue 23).
        self._head = None  # an event came: the body is a stream, not an error document
        out: list[Event] = []
        payload_of, event_type, dispatch = self._json, self.event_type, self._dispatch
        for sse in frames:
            payload = payload_of(sse)
            kind = event_type(sse, payload)
            out += dispatch(_new_vendor_event(VendorEvent, (kind, payload, sse.index, sse.offset)))
        return out

    def _close(self) -> list[Event]:
        frames = self._decoder.close()
        out = self._dispatch_frames(frames) if frames else []
        if self._opening is None and self._first_bytes:
            self._opening = opening(bytes(self._first_bytes), final=True, cap=self._sniff_bytes)
        if self._decoder.events_dispatched == 0:
            error = error_document(bytes(self._head)) if self._head is not None else None
            if error is not None:
                out.append(error)
                return [*out, StreamEnd(complete=False, reason="the body is an error document, not a stream")]
            if self.strict and self._opening == "json":
                raise FramingError(
                    "the body is a JSON document but not an error, not an event stream "
                    "(a response to a request that did not ask to stream?)",
                    event_index=0,
                    offset=0,
                )
        out.extend(self._end(self._decoder.leftover_bytes))
        return out

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        """The vendor event type of an SSE event (default: the SSE `event:` field)."""
        return sse.event

    def _json(self, sse: ServerSentEvent) -> Any:
        data = sse.data
        # The usual case, inlined (a call less for every event): text shorter than the depth
        # limit (it cannot nest deeper) that the scanner reads whole. Anything else, errors
        # included, goes to `load_json`, which gives the value or the typed error.
        if len(data) <= self._depth_limit:
            try:
                value, end = _scan_once(data, 0)
            except (StopIteration, ValueError):
                pass
            else:
                if end == len(data):
                    return value
        try:
            return load_json(data, self.limits, where=" in data")
        except StreamError as exc:
            raise exc.at(
                vendor=self.vendor, event_index=sse.index, event_type=sse.event, offset=sse.offset
            ) from None
