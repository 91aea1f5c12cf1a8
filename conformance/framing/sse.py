"""Server-sent events, decoded by the WHATWG HTML rules ("Interpreting an event stream").

Strategy: `feed(chunk)` takes any slice of the body and returns the events it completed;
`close()` ends the stream. Lines are found at the byte level (a line ends with CRLF, LF
or CR) and UTF-8 is decoded after the line is whole, so a character split across chunks
is never decoded in halves. A CR that ends one chunk is remembered, so that an LF opening
the next chunk does not make a second, empty line. A leading UTF-8 BOM is dropped once.
What no blank line dispatched by the end is not dispatched (the spec discards it), but
`leftover_bytes` says how much there was, so an adapter can call the stream truncated.

This module is the spec reader: `_process_line` applies the spec to one line, and it alone
raises errors and enforces limits. For speed, while no event is half-read and no lone CR is
in sight, bytes are buffered up to the last blank line and the whole events before it (a
region) go to the event reader (`framing/sse_fast.py`), which cuts the shapes vendors send
with C-level loops and declines anything else, which the spec reader then reads (tests/
test_sse.py compares the two). One `_Mode` says who has the stream. Lines of an unfinished
event are read when it ends, at `close()`, or at `_SCAN_AT` buffered bytes (memory stays bounded).

Written by hand rather than taken from httpx-sse or sseclient-py: both handle every line
in Python (httpx-sse after decoding text per chunk), which is 2-4x slower (bench/,
docs/performance.md), and lose track of byte offsets; neither reports undispatched bytes.
"""

from __future__ import annotations

import re
from contextlib import suppress
from enum import Enum
from typing import ClassVar, NamedTuple

from conformance.errors import InvalidUTF8Error, LimitExceededError, StreamError
from conformance.framing.sse_fast import EventReader, crlf_only
from conformance.limits import DEFAULT_LIMITS, Limits

_BOM = b"\xef\xbb\xbf"
_LINE_END = re.compile(rb"\r\n|\r|\n")  # for text holding a CR; LF-only text is split with bytes.split
_SCAN_AT = 16 * 1024
"""Bytes buffered without a blank line before the spec reader takes over (bounds memory: it
reads them as a bytes object per line, ~7 times their size for a flood of empty lines)."""
_DATA_LINE_COST = 64
"""What each `data:` line after an event's first costs beyond its bytes (a list slot, a bytes
object, an offset), charged to `max_event_bytes` so that a flood of empty `data:` lines is
bounded like data. (The first line is charged its bytes only, as the event reader does.)"""


class ServerSentEvent(NamedTuple):
    """One dispatched event. `offset` is the byte offset in the body of its first line.

    A NamedTuple, not a dataclass: the event reader builds events with `tuple.__new__` in `map`,
    several times cheaper than a dataclass `__init__` (once the largest cost per event).
    """

    event: str = "message"
    data: str = ""
    id: str = ""
    retry: int | None = None
    offset: int = 0
    index: int = 0  # type: ignore[assignment]  # shadows tuple.index(): the field name is public


class _Mode(Enum):
    """Who reads the next chunk."""

    START = "start"  # nothing read yet: the chunk may open with (part of) a BOM
    LINES = "lines"  # the spec reader: an event is half-read, a line is long, or an error waits
    AFTER_CR = "after_cr"  # the spec reader, and the last line ended with a CR: an LF next is its
    EVENTS = "events"  # the event reader, LF line ends: the buffer starts an event, holds no CR
    EVENTS_CRLF = "events_crlf"  # the event reader, and the buffer may hold CRLF line ends
    CLOSED = "closed"


# The modes as module names: reading a member through its enum class costs ~200 ns in CPython
# 3.11 (a global ~20), and feed() tests the mode on every chunk.
_START, _LINES, _AFTER_CR, _EVENTS, _EVENTS_CRLF, _CLOSED = _Mode


class SSEDecoder:
    """Incremental, sans-IO decoder of a `text/event-stream` body.

    `errors="strict"` (the default) raises `InvalidUTF8Error` on bytes that are not UTF-8;
    `errors="replace"` substitutes U+FFFD as a browser does.
    """

    _with_event_reader: ClassVar[bool] = True
    """False leaves every line to the spec reader: how tests compare the two readers."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS, *, errors: str = "strict") -> None:
        if errors not in ("strict", "replace"):
            raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
        # (Fewer than 30 attributes: past that CPython 3.11 stops sharing an instance's
        # attribute keys and every attribute read in feed() slows, 7% at 64-byte chunks.)
        self._limits = limits
        self._errors = errors
        self._mode = _START
        self._buf = bytearray()  # bytes not yet read as lines; starts at a line start
        self._buf_offset = 0  # body offset of self._buf[0]
        self._scan_at = min(_SCAN_AT, limits.max_line_bytes)
        self._reader = EventReader(limits, ServerSentEvent)
        self._data: list[bytes] = []
        self._data_offsets: list[int] = []
        self._data_size = 0
        self._event_type = b""
        self._event_type_offset = 0  # body offset of the `event:` value, for a UTF-8 error in it
        self._event_offset: int | None = None  # first field line of the pending event
        self._last_event_id = ""
        self._dispatched = 0
        # An error met after some events of the same feed() is kept for the next call, so that
        # those events are handed out first: the error a body gives is its first, however cut.
        self._error: StreamError | None = None
        self.retry: int | None = None
        """The last valid `retry:` value (reconnection time in ms), as the spec keeps it."""
        self.leftover_bytes = 0
        """After `close()`: bytes of an unfinished line or an undispatched event."""

    @property
    def last_event_id(self) -> str:
        """The last event ID buffer: what a client would send as `Last-Event-ID`."""
        return self._last_event_id

    @property
    def events_dispatched(self) -> int:
        """Events dispatched so far: the index the next one gets."""
        return self._dispatched

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode the next slice of the body; return the events it completed."""
        mode = self._mode
        if 13 in chunk:  # 13 (CR) as an int: a memchr
            if (mode is not _EVENTS and mode is not _EVENTS_CRLF) or not crlf_only(chunk, self._buf[-1:]):
                return self._feed_slow(chunk)
            self._mode = mode = _EVENTS_CRLF
        elif mode is not _EVENTS and mode is not _EVENTS_CRLF:
            return self._feed_slow(chunk)
        # The event reader's path (Gemini's CRLF too). Every operation here is paid per chunk;
        # the spec reader's is apart, as sharing it would cost this path a call per chunk.
        buf = self._buf
        if 10 not in chunk:  # no LF: no event can end here
            buf += chunk  # amortized O(1): byte-by-byte feeding stays linear
            return [] if len(buf) <= self._scan_at else self._lines_now()
        old = len(buf)
        buf += chunk
        end = buf.rfind(b"\n\n", old - 1 if old else 0) + 2  # 1: none
        if mode is _EVENTS_CRLF:
            crlf_end = buf.rfind(b"\n\r\n", old - 2 if old > 2 else 0) + 3  # 2: none
            if crlf_end > end and crlf_end > 2:
                end = crlf_end
        if end < 2:  # no blank line yet
            return [] if len(buf) <= self._scan_at else self._lines_now()
        base = self._buf_offset
        self._buf_offset = base + end
        region = buf[:end]
        del buf[:end]
        index = self._dispatched
        if mode is _EVENTS:
            events = self._reader.read(region, base, index, self._last_event_id, self.retry)
        else:
            events = self._reader.read_crlf(region, base, index, self._last_event_id, self.retry)
        if events is None:
            events = self._slow_events(region, base)
        else:
            self._dispatched = index + len(events)
        return events if len(buf) <= self._scan_at else self._and_lines_now(events)

    def close(self) -> list[ServerSentEvent]:
        """End of stream. Undispatched bytes are dropped (per spec) and counted."""
        mode = self._mode
        if mode is _CLOSED:
            return []
        self._mode = _CLOSED
        if self._error is not None:
            raise self._error
        events: list[ServerSentEvent] = []
        if mode is _START:  # a body shorter than a BOM
            self.leftover_bytes = 0 if _BOM.startswith(self._buf) else len(self._buf)
        else:  # lines the event reader left: they hold no blank line, so `events` stays empty
            rest = self._read_lines(bytes(self._buf), self._buf_offset, events)
            self._mode = _CLOSED  # (a last CR made it AFTER_CR)
            if self._error is not None:
                raise self._error
            received = self._buf_offset + len(self._buf)
            pending = self._event_offset  # an undispatched event counts from its first line
            self.leftover_bytes = len(rest) if pending is None else received - pending
        self._buf = bytearray()
        self._data = []
        return events

    # -- the spec reader ------------------------------------------------------------------

    def _feed_slow(self, chunk: bytes) -> list[ServerSentEvent]:
        """feed() when the spec reader has the stream, or the chunk holds a lone CR."""
        if self._error is not None:
            raise self._error
        if self._mode is _CLOSED:
            raise RuntimeError("feed() after close()")
        if not chunk:
            return []
        buf = self._buf
        if self._mode is _START:
            buf += chunk
            if len(buf) < len(_BOM) and _BOM.startswith(buf):
                return []  # wait: this may still become a BOM
            self._mode = _LINES
            if buf.startswith(_BOM):
                del buf[: len(_BOM)]
                self._buf_offset = len(_BOM)
            return self._lines_now()
        if self._mode is _AFTER_CR:
            self._mode = _LINES
            if chunk[:1] == b"\n":  # the LF of a CRLF split across chunks
                chunk = chunk[1:]
                self._buf_offset += 1
        if self._mode is _LINES and 10 not in chunk and 13 not in chunk:
            # No line ends here, and the buffer holds none: append, check the limit.
            buf += chunk
            if len(buf) > self._limits.max_line_bytes:
                raise self._too_long(self._buf_offset)
            return []
        buf += chunk
        return self._lines_now()

    def _and_lines_now(self, events: list[ServerSentEvent]) -> list[ServerSentEvent]:
        """`events`, then those of the buffered lines; an error there waits for the next call."""
        try:
            return events + self._lines_now()
        except StreamError as exc:
            self._raise_or_keep(exc, events)
            return events

    def _lines_now(self) -> list[ServerSentEvent]:
        """Read every complete line in the buffer; keep the unfinished one."""
        events: list[ServerSentEvent] = []
        if self._error is not None:
            return events
        buf = self._buf
        end = len(buf)
        if end <= self._scan_at and self._with_event_reader and 13 not in buf:
            # Hand over to the event reader as soon as it can go on: read the lines up to the
            # last blank line only and leave the event after it unread (the event reader wants
            # no event half-read). Else the spec reader would keep every chunk that ends mid-event.
            blank = buf.rfind(b"\n\n") + 2
            if blank >= 2:
                end = blank
            elif buf[:1] == b"\n":  # an empty line opens the buffer: it ends any event too
                end = 1
            elif self._event_offset is None:
                end = 0
        rest = self._read_lines(bytes(buf[:end]), self._buf_offset, events) if end else b""
        self._buf_offset += end - len(rest)
        self._buf = bytearray(rest) + buf[end:] if end < len(buf) else bytearray(rest)
        if len(rest) > self._limits.max_line_bytes:
            self._raise_or_keep(self._too_long(self._buf_offset), events)
            return events
        # A long unfinished line stays with the spec reader, which appends without copying.
        if self._mode is not _AFTER_CR and self._error is None:
            ready = self._with_event_reader and self._event_offset is None and len(rest) <= self._scan_at
            # (no CR is left in the buffer: the event reader's LF path may take it)
            self._mode = _EVENTS if ready else _LINES
        return events

    def _raise_or_keep(self, exc: StreamError, events: list[ServerSentEvent]) -> None:
        """Raise `exc`; or, if `events` came before it, hold it for the next call to raise."""
        if not events:
            raise exc
        self._error = exc
        self._mode = _LINES

    def _read_lines(self, text: bytes, base: int, events: list[ServerSentEvent]) -> bytes:
        """Apply the spec to each complete line of `text` (at body offset `base`); return the rest
        (b"" if an error after some events in `events` was kept for the next call)."""
        try:
            return self._read_lines_or_raise(text, base, events)
        except StreamError as exc:
            self._raise_or_keep(exc, events)
            return b""

    def _read_lines_or_raise(self, text: bytes, base: int, events: list[ServerSentEvent]) -> bytes:
        if 13 not in text:
            lines = text.split(b"\n")
            rest = lines.pop()
            offset = base
            for line in lines:
                self._process_line(line, offset, events)
                offset += len(line) + 1
            return rest
        pos = 0
        for match in _LINE_END.finditer(text):
            self._process_line(text[pos : match.start()], base + pos, events)
            pos = match.end()
        if text.endswith(b"\r"):
            self._mode = _AFTER_CR  # a CR at the end: an LF may follow in the next chunk
        return text[pos:]

    def _process_line(self, line: bytes, offset: int, events: list[ServerSentEvent]) -> None:
        if not line:
            if self._data:
                events.append(self._dispatch())
            else:  # an event with no data field is not dispatched
                self._event_type = b""
                self._event_offset = None
            return
        if len(line) > self._limits.max_line_bytes:
            raise self._too_long(offset)
        if line[0] == 0x3A:  # ":" opens a comment
            return
        if self._event_offset is None:
            self._event_offset = offset
        colon = line.find(b":")
        if colon < 0:
            field, value, value_offset = line, b"", offset + len(line)
        else:
            field = line[:colon]
            value_offset = offset + colon + 1
            value = line[colon + 1 :]
            if value[:1] == b" ":
                value = value[1:]
                value_offset += 1
        if field == b"data":
            self._data.append(value)
            self._data_offsets.append(value_offset)
            self._data_size += len(value) + (_DATA_LINE_COST if len(self._data) > 1 else 1)
            if self._data_size > self._limits.max_event_bytes:
                message = f"SSE event data over {self._limits.max_event_bytes} bytes"
                raise self._over("max_event_bytes", message, self._event_offset)
        elif field == b"event":
            self._event_type, self._event_type_offset = value, value_offset
        elif field == b"id":
            if b"\0" not in value:  # the spec ignores an id holding NUL
                self._last_event_id = self._decode(value, value_offset)
        elif field == b"retry" and value.isdigit():  # bytes.isdigit(): ASCII digits only, per spec
            with suppress(ValueError):  # over Python's int_max_str_digits (4300): ignored, not a crash
                self.retry = int(value)
        # any other field name is ignored, as the spec says

    def _dispatch(self) -> ServerSentEvent:
        if self._dispatched >= self._limits.max_events:
            raise self._over(
                "max_events", f"more than {self._limits.max_events} SSE events", self._event_offset
            )
        raw = self._data[0] if len(self._data) == 1 else b"\n".join(self._data)
        try:
            data = raw.decode("utf-8", self._errors)
        except UnicodeDecodeError as exc:
            raise self._bad_utf8(exc, raw) from None
        event_type = self._decode(self._event_type, self._event_type_offset) if self._event_type else ""
        index, offset = self._dispatched, self._event_offset or 0
        event = ServerSentEvent(event_type or "message", data, self._last_event_id, self.retry, offset, index)
        self._dispatched = index + 1
        self._data, self._data_offsets, self._data_size = [], [], 0
        self._event_type, self._event_offset = b"", None
        return event

    def _slow_events(self, region: bytearray, base: int) -> list[ServerSentEvent]:
        """The events of a region the event reader left to the spec reader."""
        events: list[ServerSentEvent] = []
        self._read_lines(bytes(region), base, events)
        return events

    # -- errors ---------------------------------------------------------------------------

    def _decode(self, value: bytes, offset: int | None) -> str:
        try:
            return value.decode("utf-8", self._errors)
        except UnicodeDecodeError as exc:
            raise InvalidUTF8Error(
                f"invalid UTF-8 in an SSE field: {value[max(0, exc.start - 8) : exc.end + 8]!r}",
                event_index=self._dispatched,
                offset=None if offset is None else offset + exc.start,
            ) from None

    def _bad_utf8(self, exc: UnicodeDecodeError, raw: bytes) -> InvalidUTF8Error:
        # Map the position in the joined data back to the body: find the data line it is in.
        pos, offset = exc.start, None
        for value_offset, value in zip(self._data_offsets, self._data, strict=False):
            if pos <= len(value):
                offset = value_offset + pos
                break
            pos -= len(value) + 1
        return InvalidUTF8Error(
            f"invalid UTF-8 in SSE data: {raw[max(0, exc.start - 8) : exc.end + 8]!r}",
            event_index=self._dispatched,
            event_type=self._pending_type(),
            offset=offset,
        )

    def _too_long(self, offset: int) -> LimitExceededError:
        message = f"SSE line over {self._limits.max_line_bytes} bytes without a line ending"
        return self._over("max_line_bytes", message, offset)

    def _over(self, limit: str, message: str, offset: int | None) -> LimitExceededError:
        return LimitExceededError(
            message, limit=limit, event_index=self._dispatched, event_type=self._pending_type(), offset=offset
        )

    def _pending_type(self) -> str | None:
        """The pending event's type, for an error about it: its `event:` value, "message" once
        it has data, None before either."""
        if self._event_type:
            return self._event_type.decode("utf-8", "replace")
        return "message" if self._data else None
