"""The one base of adapters over a framing: SSE events, NDJSON lines, JSON array elements,
AWS event-stream messages.

Strategy: a subclass builds its decoder in `make_decoder()` (anything with `feed`, `close`,
`leftover_bytes` and `events_dispatched`) and turns each framing event into zero or more
`VendorEvent`s in `vendor_events_of(frame)`; the base dispatches them through the handler
table and ends the stream with exactly one `StreamEnd`, complete only if a handler set
`_terminated` and no bytes were left over. Sniffing is a hook: `_sniff(chunk)` sees each
chunk before the decoder, until it says it is done, and may hold the body back as something
that is not a stream at all (`_hold_document`: a JSON error document where frames were
due); `SSEAdapter` (`_sse.py`) reads the body's first line there.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from conformance.adapters._base import Adapter, VendorEvent
from conformance.adapters._payload import load_json
from conformance.adapters._sniff import ERROR_DOCUMENT_BYTES
from conformance.errors import StreamError, VendorEventError
from conformance.events import Event, StreamEnd
from conformance.limits import DEFAULT_LIMITS, Limits

Frame = TypeVar("Frame")


class Decoder(Protocol[Frame]):
    """What a framing decoder offers (see `conformance.framing`)."""

    leftover_bytes: int

    @property
    def events_dispatched(self) -> int: ...

    def feed(self, chunk: bytes) -> list[Frame]: ...

    def close(self) -> list[Frame]: ...


class FramedAdapter(Adapter, Generic[Frame]):
    """A sans-IO adapter over a framing decoder."""

    unit: ClassVar[str] = "frame"
    """What the framing calls one event, for the message of a body cut inside one."""

    def __init__(self, *, limits: Limits = DEFAULT_LIMITS, strict: bool = True) -> None:
        super().__init__(limits=limits, strict=strict)
        self._decoder: Decoder[Frame] = self.make_decoder()
        self._leftover_override: int | None = None
        self._sniffing = True  # `_sniff` sees the chunks until it sets this to False
        self._document: bytearray | None = None  # the body, held by `_hold_document`

    @abstractmethod
    def make_decoder(self) -> Decoder[Frame]: ...

    @abstractmethod
    def vendor_events_of(self, frame: Frame) -> Iterable[VendorEvent]:
        """The vendor events one framing event carries (usually exactly one)."""

    def _feed(self, chunk: bytes) -> list[Event]:
        if self._sniffing and self._sniff(chunk):
            return []
        frames = self._decoder.feed(chunk)
        return self._dispatch_frames(frames) if frames else []

    def _sniff(self, chunk: bytes) -> bool:
        """The sniffing hook: look at a chunk before the decoder does; True keeps it from the
        decoder (the hook holds it). Called until it sets `_sniffing` to False; by default
        at once."""
        self._sniffing = False
        return False

    def _hold_document(self, chunk: bytes, *, first: bytes, instead_of: str) -> bool:
        """Sniffing for a framing whose server may answer with a JSON document instead: once
        the body's first non-empty bytes (`first`) start with "{", hold the whole body (up to
        `ERROR_DOCUMENT_BYTES`) in `_document` for `_close` to read."""
        if self._document is None:
            if first:
                self._sniffing = False
                if first[:1] == b"{":
                    self._document = bytearray()
                    self._sniffing = True
            if self._document is None:
                return False
        if len(self._document) + len(chunk) > ERROR_DOCUMENT_BYTES:
            raise VendorEventError(
                f"a body starting with '{{' (a JSON error document, not {instead_of})"
                f" over {ERROR_DOCUMENT_BYTES} bytes",
                offset=0,
            )
        self._document += chunk
        return True

    def _close(self) -> list[Event]:
        out = self._dispatch_frames(self._decoder.close())
        leftover = (
            self._decoder.leftover_bytes if self._leftover_override is None else self._leftover_override
        )
        return [*out, *self._end(leftover)]

    def _dispatch_frames(self, frames: list[Frame]) -> list[Event]:
        out: list[Event] = []
        for frame in frames:
            for event in self.vendor_events_of(frame):
                out.extend(self._dispatch(event))
        return out

    def _end(self, leftover: int) -> list[Event]:
        """The single `StreamEnd`: complete only if the terminator came and nothing is left."""
        if self._terminated:
            return [StreamEnd(complete=leftover == 0, leftover_bytes=leftover)]
        reason = "the body ended before the vendor's terminator"
        if leftover:
            reason += f" ({leftover} bytes of an unfinished {self.unit} were dropped)"
        return [StreamEnd(complete=False, leftover_bytes=leftover, reason=reason)]

    def parse_json(self, text: str | bytes, *, index: int, event_type: str | None, offset: int) -> Any:
        """A frame's JSON payload, or a typed error located at the frame (`load_json`)."""
        try:
            return load_json(text, self.limits)
        except StreamError as exc:
            raise exc.at(
                vendor=self.vendor, event_index=index, event_type=event_type, offset=offset
            ) from None
