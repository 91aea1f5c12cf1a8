"""Server-sent events, decoded by the WHATWG HTML rules ("Interpreting an event stream").

Strategy: `feed(chunk)` takes any slice of the body and returns the events it completed;
`close()` ends the stream. Lines are found at the byte level (a line ends with CRLF, LF
or CR) and UTF-8 is decoded after the line is whole, so a character split across chunks
is never decoded in halves. A CR that ends one chunk is remembered, so that an LF opening
the next chunk does not make a second, empty line. A leading UTF-8 BOM is dropped once.
What no blank line dispatched by the end is not dispatched (the spec discards it), but
`leftover_bytes` says how much there was, so an adapter can call the stream truncated.

Two readers share that state. The line reader (`_read_lines`) applies the spec line by line
and handles everything. The event reader (`_events`) is the hot path: while no event is
half-read and the bytes hold no lone CR, bytes are buffered up to the last blank line and the
whole events before it are cut with C-level loops (one decode, one split, `map` over the
lines), in the shapes vendors send (`event:` then one `data:` line, or one `data:` line).
Anything else in that stretch (comments, `id:`, several `data:` lines, bad UTF-8, a limit
reached) goes to the line reader, so both give the same events, offsets and errors. Field
lines of an event not yet ended are read when it ends, at `close()`, or once `_SCAN_AT`
bytes are buffered, whichever is first (so memory stays bounded).

Written by hand rather than taken from httpx-sse or sseclient-py: both handle every line
in Python (httpx-sse after decoding text per chunk), which is 2-4x slower (bench/,
docs/performance.md), and lose track of byte offsets; neither reports undispatched bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import suppress
from itertools import accumulate, compress, count, repeat
from operator import add, not_
from typing import NamedTuple

from conformance.errors import InvalidUTF8Error, LimitExceededError, StreamError
from conformance.limits import DEFAULT_LIMITS, Limits

_BOM = b"\xef\xbb\xbf"
# Only needed when a chunk holds a CR; LF-only text is split with bytes.split.
_LINE_END = re.compile(rb"\r\n|\r|\n")
_SCAN_AT = 64 * 1024
"""Bytes buffered without a blank line before the line reader takes over (bounds memory)."""
_NAME_CACHE_SIZE = 64
_DATA_LINE_COST = 64
"""What each `data:` line after an event's first costs beyond its bytes (a list slot, a bytes
object, an offset), charged to `max_event_bytes` so that a flood of empty `data:` lines is
bounded like data. (The first line is charged its bytes only, as the event reader does.)"""
_NAME_LINE_MAX = 256


class ServerSentEvent(NamedTuple):
    """One dispatched event. `offset` is the byte offset in the body of its first line.

    A NamedTuple rather than a frozen dataclass: the event reader builds events with
    `tuple.__new__` inside `map`, several times cheaper than a dataclass `__init__`, which
    was the largest single cost per event.
    """

    event: str = "message"
    data: str = ""
    id: str = ""
    retry: int | None = None
    offset: int = 0
    index: int = 0  # type: ignore[assignment]  # shadows tuple.index(): the field name is public


_new_event = tuple.__new__


class _EventNames(dict[str, str]):
    """`event:` line -> event type, for the event reader; KeyError for any other line.

    Vendors repeat a handful of event types, so a small cache turns each `event:` line
    into its type with one dict lookup; `sizes` holds the bytes from the line's start to
    the next event's (the line, the `data:` line's LF and the blank line), less the
    `data:` line. Non-ASCII or long lines are left to the line reader.
    """

    def __init__(self) -> None:
        super().__init__()
        self.sizes: dict[str, int] = {}

    def __missing__(self, line: str) -> str:
        name, colon, value = line.partition(":")
        if name != "event" or not colon or len(line) > _NAME_LINE_MAX or not line.isascii():
            raise KeyError(line)
        if len(self) >= _NAME_CACHE_SIZE:
            self.clear()
            self.sizes.clear()
        event = value[1:] if value[:1] == " " else value
        self[line] = event = event or "message"
        self.sizes[line] = len(line) + 3
        return event


class SSEDecoder:
    """Incremental, sans-IO decoder of a `text/event-stream` body.

    `errors="strict"` (the default) raises `InvalidUTF8Error` on bytes that are not UTF-8;
    `errors="replace"` substitutes U+FFFD as a browser does.
    """

    def __init__(self, limits: Limits = DEFAULT_LIMITS, *, errors: str = "strict") -> None:
        if errors not in ("strict", "replace"):
            raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
        self._limits = limits
        self._errors = errors
        self._buf = bytearray()  # bytes not yet read as lines; starts at a line start
        self._buf_offset = 0  # body offset of self._buf[0]
        self._scan_at = min(_SCAN_AT, limits.max_line_bytes)
        self._region_max = min(limits.max_line_bytes, limits.max_event_bytes)
        self._max_events = limits.max_events
        self._fast = False  # the event reader may run: started, no LF to skip, no event half-read
        self._crlf = False  # a CR has come: blank lines may end with CRLF
        self._started = False  # the BOM check has been made
        self._skip_lf = False  # the last line ended with a CR at a chunk end: a leading LF belongs to it
        self._data: list[bytes] = []
        self._data_offsets: list[int] = []
        self._data_size = 0
        self._event_type = b""
        self._event_type_offset = 0  # body offset of the `event:` value, for a UTF-8 error in it
        self._event_offset: int | None = None  # first field line of the pending event
        self._last_event_id = ""
        self._dispatched = 0
        self._closed = False
        self._names = _EventNames()
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
        return self._dispatched

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode the next slice of the body; return the events it completed."""
        if self._error is not None:
            raise self._error
        if self._fast and (13 not in chunk or self._crlf_only(chunk)):  # 13 (CR) as an int: a memchr
            buf = self._buf
            old = len(buf)
            buf += chunk  # amortized O(1): byte-by-byte feeding stays linear
            if 10 not in chunk:  # no LF: no event can end here
                return [] if len(buf) <= self._scan_at else self._lines_now()
            end = buf.rfind(b"\n\n", old - 1 if old else 0) + 2  # 1: none
            if self._crlf:  # a blank line may end with CRLF too
                crlf_end = buf.rfind(b"\n\r\n", old - 2 if old > 2 else 0) + 3  # 2: none
                if crlf_end > end and crlf_end > 2:
                    end = crlf_end
            if end < 2:  # no blank line yet
                return [] if len(buf) <= self._scan_at else self._lines_now()
            base = self._buf_offset
            self._buf_offset = base + end
            region = buf[:end]
            del buf[:end]
            events = self._events(region, base)
            return events if len(buf) <= self._scan_at else self._and_lines_now(events)
        return self._feed_slow(chunk)

    def close(self) -> list[ServerSentEvent]:
        """End of stream. Undispatched bytes are dropped (per spec) and counted."""
        if self._closed:
            return []
        self._closed = True
        if self._error is not None:
            raise self._error
        self._fast = False
        events: list[ServerSentEvent] = []
        if not self._started:  # a body shorter than a BOM
            self.leftover_bytes = 0 if _BOM.startswith(self._buf) else len(self._buf)
        else:  # lines the event reader left: they hold no blank line, so `events` stays empty
            rest = self._read_lines(bytes(self._buf), self._buf_offset, events)
            if self._error is not None:
                raise self._error
            received = self._buf_offset + len(self._buf)
            if self._event_offset is not None:
                self.leftover_bytes = received - self._event_offset
            else:
                self.leftover_bytes = len(rest)
        self._buf = bytearray()
        self._data = []
        return events

    # -- the line reader ------------------------------------------------------------------

    def _feed_slow(self, chunk: bytes) -> list[ServerSentEvent]:
        if self._closed:
            raise RuntimeError("feed() after close()")
        if not chunk:
            return []
        buf = self._buf
        if not self._started:
            buf += chunk
            if len(buf) < len(_BOM) and _BOM.startswith(buf):
                return []  # wait: this may still become a BOM
            self._started = True
            if buf.startswith(_BOM):
                del buf[: len(_BOM)]
                self._buf_offset = len(_BOM)
            return self._lines_now()
        if self._skip_lf:
            self._skip_lf = False
            if chunk[:1] == b"\n":  # the LF of a CRLF split across chunks
                chunk = chunk[1:]
                self._buf_offset += 1
        if not self._fast and 10 not in chunk and 13 not in chunk:
            # No line ends here, and the buffer holds none: append, check the limit.
            buf += chunk
            if len(buf) > self._limits.max_line_bytes:
                raise self._too_long(self._buf_offset)
            return []
        buf += chunk
        return self._lines_now()

    def _crlf_only(self, chunk: bytes) -> bool:
        """No lone CR in `chunk` nor ending the buffer: the event reader may take it (Gemini ends
        every line with CRLF). A CR ending the chunk may be the first half of a CRLF, unless it
        ends an empty line: that is a blank line, whatever follows, and dispatches now."""
        crs, pairs = chunk.count(b"\r"), chunk.count(b"\r\n")
        trailing_cr_ok = crs == pairs + 1 and chunk[-1] == 13 and (chunk[-2:-1] or self._buf[-1:]) != b"\n"
        if crs != pairs and not trailing_cr_ok:
            return False
        if self._buf[-1:] == b"\r" and chunk[0] != 10:
            return False
        self._crlf = True
        return True

    def _and_lines_now(self, events: list[ServerSentEvent]) -> list[ServerSentEvent]:
        """`events`, then those of the buffered lines; an error there waits for the next call."""
        try:
            return events + self._lines_now()
        except StreamError as exc:
            if not events:
                raise
            self._error = exc
            return events

    def _lines_now(self) -> list[ServerSentEvent]:
        """Read every complete line in the buffer; keep the unfinished one."""
        events: list[ServerSentEvent] = []
        if self._error is not None:
            return events
        rest = self._read_lines(bytes(self._buf), self._buf_offset, events)
        self._buf_offset += len(self._buf) - len(rest)
        self._buf = bytearray(rest)
        if len(rest) > self._limits.max_line_bytes:
            if not events:
                raise self._too_long(self._buf_offset)
            self._error = self._too_long(self._buf_offset)
        # A long unfinished line stays with the line reader, which appends without copying.
        self._fast = not self._skip_lf and self._event_offset is None and len(rest) <= self._scan_at
        return events

    def _read_lines(self, text: bytes, base: int, events: list[ServerSentEvent]) -> bytes:
        """Apply the spec to each complete line of `text` (at body offset `base`); return the rest.

        An error after some events were added to `events` is kept in `_error` for the next
        call (and nothing is left: b""); with no event before it, it is raised at once.
        """
        try:
            return self._read_lines_or_raise(text, base, events)
        except StreamError as exc:
            if not events:
                raise
            self._error = exc
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
            self._skip_lf = True  # a CR at the end: an LF may follow in the next chunk
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
                raise LimitExceededError(
                    f"SSE event data over {self._limits.max_event_bytes} bytes",
                    limit="max_event_bytes",
                    event_index=self._dispatched,
                    event_type=self._pending_type(),
                    offset=self._event_offset,
                )
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
            raise LimitExceededError(
                f"more than {self._limits.max_events} SSE events",
                limit="max_events",
                event_index=self._dispatched,
                event_type=self._pending_type(),
                offset=self._event_offset,
            )
        raw = self._data[0] if len(self._data) == 1 else b"\n".join(self._data)
        try:
            data = raw.decode("utf-8", self._errors)
        except UnicodeDecodeError as exc:
            raise self._bad_utf8(exc, raw) from None
        event_type = self._decode(self._event_type, self._event_type_offset) if self._event_type else ""
        event = ServerSentEvent(
            event=event_type or "message",
            data=data,
            id=self._last_event_id,
            retry=self.retry,
            offset=self._event_offset or 0,
            index=self._dispatched,
        )
        self._dispatched += 1
        self._data = []
        self._data_offsets = []
        self._data_size = 0
        self._event_type = b""
        self._event_offset = None
        return event

    # -- the event reader -----------------------------------------------------------------

    def _events(self, region: bytearray, base: int) -> list[ServerSentEvent]:
        """The events of `region`: whole events, LF or CRLF line ends, read from a clean state."""
        try:
            text = region.decode()
        except UnicodeDecodeError:  # the line reader says where, or replaces
            return self._slow_events(region, base)
        if 13 in region:  # CRLF text: every CR and every LF must be in a CRLF, else the line reader
            lines, eol = text.split("\r\n"), 2
            if text.count("\n") != len(lines) - 1 or text.count("\r") != len(lines) - 1:
                return self._slow_events(region, base)
        else:
            lines, eol = text.split("\n"), 1
        if len(lines) < 5 and len(region) <= self._region_max and self._dispatched < self._max_events:
            # One event (small chunks): `event: ` (seen before) and `data: `, or `data: ` alone.
            if len(lines) == 4:
                head, data, blank, _ = lines
                name = self._names.get(head)
            else:
                data, blank, _ = lines if len(lines) == 3 else ("", "", "")
                name = "message"
            if name is not None and not blank and data[:6] == "data: ":
                index = self._dispatched
                self._dispatched = index + 1
                fields = (name, data[6:], self._last_event_id, self.retry, base, index)
                return [_new_event(ServerSentEvent, fields)]
        return self._many(region, text, lines, base, eol)

    def _many(
        self, region: bytearray, text: str, lines: list[str], base: int, eol: int
    ) -> list[ServerSentEvent]:
        ends = len(lines) - 1
        heads: list[str] | None
        if ends % 3 == 0 and lines[0][:6] == "event:":
            n = ends // 3
            heads, datas, blanks = lines[0:-1:3], lines[1::3], lines[2::3]
        elif ends % 2 == 0 and lines[0][:5] == "data:":
            n = ends // 2
            heads, datas, blanks = None, lines[0:-1:2], lines[1::2]
        else:
            return self._slow_events(region, base)
        if any(blanks) or self._dispatched + n > self._max_events:
            return self._slow_events(region, base)
        # `data: ` opens every data line iff removeprefix took 6 characters from each.
        sizes = list(map(len, datas))
        values = list(map(str.removeprefix, datas, repeat("data: ")))
        if sum(sizes) - sum(map(len, values)) != 6 * n:  # `data:` without the space, maybe
            values = list(map(str.removeprefix, datas, repeat("data:")))
            if sum(sizes) - sum(map(len, values)) != 5 * n:
                return self._slow_events(region, base)
            values = list(map(str.removeprefix, values, repeat(" ")))
        if len(text) != len(region):  # byte sizes: add the extra bytes of non-ASCII lines
            for i in compress(count(), map(not_, map(str.isascii, datas))):
                sizes[i] = len(datas[i].encode())
        if len(region) > self._region_max and max(*sizes, *map(len, heads or ()), 0) > self._region_max:
            return self._slow_events(region, base)  # a line over a limit: the line reader raises
        names: Iterable[str]
        if heads:
            try:  # every head is an `event:` line, of at most _NAME_LINE_MAX ASCII characters
                names = list(map(self._names.__getitem__, heads))
                steps = map(add, map(self._names.sizes.__getitem__, heads), sizes)
            except KeyError:
                return self._slow_events(region, base)
            if eol == 2:  # sizes count LF line ends: three more bytes for three CRLFs
                steps = map((3).__add__, steps)
        else:
            names, steps = repeat("message"), map((2 * eol).__add__, sizes)
        index = self._dispatched
        self._dispatched = index + n
        offsets = accumulate(steps, initial=base)
        fields = zip(names, values, repeat(self._last_event_id), repeat(self.retry), offsets, count(index))
        return list(map(_new_event, repeat(ServerSentEvent), fields))

    def _slow_events(self, region: bytearray, base: int) -> list[ServerSentEvent]:
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
        return LimitExceededError(
            f"SSE line over {self._limits.max_line_bytes} bytes without a line ending",
            limit="max_line_bytes",
            event_index=self._dispatched,
            event_type=self._pending_type(),
            offset=offset,
        )

    def _pending_type(self) -> str | None:
        """The pending event's type, for an error about it: its `event:` value, "message" once
        it has data, None before either."""
        if self._event_type:
            return self._event_type.decode("utf-8", "replace")
        return "message" if self._data else None
