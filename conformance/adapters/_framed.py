"""Adapters over framings other than SSE: NDJSON lines and AWS event-stream messages.

Strategy: as `SSEAdapter`, but generic in the framing. A subclass builds its decoder in
`make_decoder()` (anything with `feed`, `close`, `leftover_bytes` and `events_dispatched`)
and turns each framing event into zero or more `VendorEvent`s in `vendor_events_of(frame)`;
the base dispatches them through the handler table and ends the stream with exactly one
`StreamEnd`, complete only if a handler set `_terminated` and no bytes were left over.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Iterable
from typing import Any, Generic, Protocol, TypeVar

from conformance.adapters._base import Adapter, VendorEvent
from conformance.errors import InvalidJSONError, LimitExceededError
from conformance.events import Event, StreamEnd
from conformance.json import quick as quick_json
from conformance.limits import DEFAULT_LIMITS, Limits, check_json_depth, integer_too_long

Frame = TypeVar("Frame")


class Decoder(Protocol[Frame]):
    """What a framing decoder offers (see `conformance.framing`)."""

    leftover_bytes: int

    @property
    def events_dispatched(self) -> int: ...

    def feed(self, chunk: bytes) -> list[Frame]: ...

    def close(self) -> list[Frame]: ...


class FramedAdapter(Adapter, Generic[Frame]):
    """A sans-IO adapter over a non-SSE framing decoder."""

    def __init__(self, *, limits: Limits = DEFAULT_LIMITS, strict: bool = True) -> None:
        super().__init__(limits=limits, strict=strict)
        self._decoder: Decoder[Frame] = self.make_decoder()
        self._leftover_override: int | None = None

    @abstractmethod
    def make_decoder(self) -> Decoder[Frame]: ...

    @abstractmethod
    def vendor_events_of(self, frame: Frame) -> Iterable[VendorEvent]:
        """The vendor events one framing event carries (usually exactly one)."""

    def _feed(self, chunk: bytes) -> list[Event]:
        return self._dispatch_frames(self._decoder.feed(chunk))

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
            reason += f" ({leftover} bytes of an unfinished frame were dropped)"
        return [StreamEnd(complete=False, leftover_bytes=leftover, reason=reason)]

    def parse_json(self, text: str | bytes, *, index: int, event_type: str | None, offset: int) -> Any:
        """A frame's JSON payload, or a located `InvalidJSONError` (`LimitExceededError` when
        it nests deeper than `max_json_depth`, checked on the text as for SSE events)."""
        try:
            check_json_depth(text, self.limits)
            return quick_json.loads(text) if isinstance(text, str) else json.loads(text)
        except LimitExceededError as exc:
            exc.vendor, exc.event_index, exc.event_type, exc.offset = self.vendor, index, event_type, offset
            raise
        except json.JSONDecodeError as exc:
            raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
            snippet = raw[max(0, exc.pos - 20) : exc.pos + 20]
            raise InvalidJSONError(
                f"invalid JSON: {exc.msg} near {snippet!r}",
                vendor=self.vendor,
                event_index=index,
                event_type=event_type,
                offset=offset,
            ) from None
        except UnicodeDecodeError as exc:
            raise InvalidJSONError(
                f"payload is not UTF-8 JSON: {exc.reason}",
                vendor=self.vendor,
                event_index=index,
                event_type=event_type,
                offset=offset,
            ) from None
        except RecursionError:
            raise LimitExceededError(
                "JSON nested too deeply",
                limit="max_json_depth",
                vendor=self.vendor,
                event_index=index,
                event_type=event_type,
                offset=offset,
            ) from None
        except ValueError:  # json.loads' own error for an integer over int_max_str_digits
            error = integer_too_long()
            error.vendor, error.event_index, error.event_type, error.offset = (
                self.vendor,
                index,
                event_type,
                offset,
            )
            raise error from None
