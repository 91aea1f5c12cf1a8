"""Server-sent events, decoded by the WHATWG HTML rules ("Interpreting an event stream").

Strategy: `feed(chunk)` takes any slice of the body and returns the events it completed;
`close()` ends the stream. Lines are found at the byte level (a line ends with CRLF, LF
or CR) and UTF-8 is decoded after the line is whole, so a character split across chunks
is never decoded in halves. A CR that ends one chunk is remembered, so that an LF opening
the next chunk does not make a second, empty line. A leading UTF-8 BOM is dropped once.
What no blank line dispatched by the end is not dispatched (the spec discards it), but
`leftover_bytes` says how much there was, so an adapter can call the stream truncated.

Two readers share that state. The line reader (`_read_lines`) applies the spec line by line
and handles everything. The event reader is the hot path: while no event is half-read and the
bytes hold no lone CR, bytes are buffered up to the last blank line, and the whole events
before it (a region) are cut with C-level loops, in the shapes vendors send (`event:` then one
`data:` line, or one `data:` line): a short region (small chunks) as one event, with one
`partition`; a longer one as a run of one event type (`_run`: split the text, or the bytes
if it is not ASCII, on what opens each of its events, the blank line, the `event:` line and
`data: `, and the pieces are the values; events of other types among them, a `ping`, are cut
apart and remembered); CRLF text line by line, with `map` over the lines (`_lines`). Anything
else in a region (comments, `id:`, several `data:` lines, bad UTF-8, a limit reached) goes to
the line reader, so both give the same events, offsets and errors (tests/test_sse.py checks
one against the other). Field lines of an event not yet ended are read when it ends, at
`close()`, or once `_SCAN_AT` bytes are buffered, whichever is first (so memory stays
bounded). The line reader, when it has the stream, reads only up to the last blank line and
hands the rest back to the event reader.

Written by hand rather than taken from httpx-sse or sseclient-py: both handle every line
in Python (httpx-sse after decoding text per chunk), which is 2-4x slower (bench/,
docs/performance.md), and lose track of byte offsets; neither reports undispatched bytes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from contextlib import suppress
from itertools import accumulate, count, repeat
from operator import add
from typing import AnyStr, NamedTuple

from conformance.errors import InvalidUTF8Error, LimitExceededError, StreamError
from conformance.limits import DEFAULT_LIMITS, Limits

_BOM = b"\xef\xbb\xbf"
# Only needed when a chunk holds a CR; LF-only text is split with bytes.split.
_LINE_END = re.compile(rb"\r\n|\r|\n")
_SCAN_AT = 16 * 1024
"""Bytes buffered without a blank line before the line reader takes over (bounds memory: it
reads them as a bytes object per line, ~7 times their size for a flood of empty lines)."""
_NAME_CACHE_SIZE = 64
_NAME_CACHE_MAX = 1024
"""The cache of `event:` lines is emptied between regions once it holds _NAME_CACHE_SIZE; within
a region it may grow to _NAME_CACHE_MAX (memory stays bounded however large a chunk is)."""
_DATA_LINE_COST = 64
"""What each `data:` line after an event's first costs beyond its bytes (a list slot, a bytes
object, an offset), charged to `max_event_bytes` so that a flood of empty `data:` lines is
bounded like data. (The first line is charged its bytes only, as the event reader does.)"""
_NAME_LINE_MAX = 256
_ONE_EVENT_MAX = 512
"""Regions up to this size (small chunks: most hold one event) are first read as one event."""
_RUN_BREAKS = 16
"""Events of other types amid a run before `_run` gives the region to `_lines`: each costs more
than a line split, and inserting them costs a copy of the run's lists (linear while they are few)."""


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
_Cut = tuple[Iterable[str], list[str], list[int], int]
"""Events cut from a region by the event reader: their types, their data, their sizes in bytes
less the last item, which every event adds (a run's lead and line ends, or 0)."""
_Others = tuple[list[str], list[str], list[int]]
"""Events amid a run: their types, their data, their sizes in bytes less the run's."""


class _EventNames(dict[str, str]):
    """`event:` line -> event type, for the event reader; KeyError for any other line.

    Vendors repeat a handful of event types, so a small cache turns each `event:` line
    into its type with one dict lookup; `sizes` holds the bytes from the line's start to
    the next event's, less the data value after `data: ` (LF line ends). Non-ASCII or
    long lines are left to the line reader. `trim()` empties a full cache; it is called
    before lines are looked up (at a new run's lead, as `_lines` starts), never between a
    lookup and the read of its size.

    It keeps the rest the event reader learns of a stream too: the lead of the last run
    (`lead`: its `event:` line and `data: `; its type; the separators it is cut at) and the
    events met amid runs (`others`). They live here, not on `SSEDecoder`, which keeps under
    30 attributes: past that CPython 3.11 stops sharing an instance's attribute keys, and
    every attribute read in `feed()` slows (7% at 64-byte chunks when this was measured).
    """

    def __init__(self) -> None:
        super().__init__()
        self.sizes: dict[str, int] = {}
        self.lead = b"data: "
        self.lead_name = "message"
        self.lead_sep, self.lead_text_sep = b"\n\ndata: ", "\n\ndata: "
        self.others: dict[tuple[str | bytes, int], _Others | None] = {}  # `SSEDecoder._others`' answers

    def __missing__(self, line: str) -> str:
        name, colon, value = line.partition(":")
        if name != "event" or not colon or len(line) > _NAME_LINE_MAX or not line.isascii():
            raise KeyError(line)
        if len(self) >= _NAME_CACHE_MAX:  # a region of that many types: the line reader reads it
            raise KeyError(line)
        event = value[1:] if value[:1] == " " else value
        self[line] = event = event or "message"
        self.sizes[line] = len(line) + len("\ndata: \n\n")
        return event

    def trim(self) -> None:
        if len(self) >= _NAME_CACHE_SIZE:
            self.clear()
            self.sizes.clear()


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
        self._one_max = min(_ONE_EVENT_MAX, self._region_max)
        self._max_events = limits.max_events
        self._ready = False  # the event reader may run: started, no LF to skip, no event half-read, no error
        self._crlf = False  # a CR has come: blank lines may end with CRLF
        self._fast = False  # feed()'s hot path may run: ready and no CR so far
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
        if not self._fast or 13 in chunk:  # 13 (CR) as an int: a memchr
            return self._feed_other(chunk)
        # The hot path: the event reader, LF line ends. Every operation here is paid per chunk.
        buf = self._buf
        if 10 not in chunk:  # no LF: no event can end here
            buf += chunk  # amortized O(1): byte-by-byte feeding stays linear
            return [] if len(buf) <= self._scan_at else self._lines_now()
        old = len(buf)
        buf += chunk
        end = buf.rfind(b"\n\n", old - 1 if old else 0) + 2  # 1: none
        if end < 2:  # no blank line yet
            return [] if len(buf) <= self._scan_at else self._lines_now()
        base = self._buf_offset
        self._buf_offset = base + end
        region = buf[:end]
        del buf[:end]
        if end > self._one_max:
            events = self._many(region, base)
        else:
            # One event, as small chunks bring them: an `event:` line seen before and one
            # `data: ` line, or the `data: ` line alone. `partition` cuts both at once; a
            # value without LF (the region ends with the blank line) proves there is no more.
            try:
                text = region.decode()
            except UnicodeDecodeError:
                text = ""  # the line reader says where, or replaces
            head, _, rest = text.partition("\ndata: ")
            if rest:
                name, data = self._names.get(head), rest[:-2]
            else:
                name, data = "message" if head[:6] == "data: " else None, head[6:-2]
            index = self._dispatched
            if name is not None and "\n" not in data and index < self._max_events:
                self._dispatched = index + 1
                fields = (name, data, self._last_event_id, self.retry, base, index)
                events = [_new_event(ServerSentEvent, fields)]
            else:
                events = self._many(region, base)
        return events if len(buf) <= self._scan_at else self._and_lines_now(events)

    def close(self) -> list[ServerSentEvent]:
        """End of stream. Undispatched bytes are dropped (per spec) and counted."""
        if self._closed:
            return []
        self._closed = True
        if self._error is not None:
            raise self._error
        self._ready = self._fast = False
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

    def _feed_other(self, chunk: bytes) -> list[ServerSentEvent]:
        """feed() off its hot path: an error to raise again, the event reader on CRLF text
        (Gemini ends every line with CRLF), or the line reader. The buffering below repeats
        feed()'s on purpose: sharing it would cost the hot path a call per chunk."""
        if self._error is not None:
            raise self._error
        if not self._ready or (13 in chunk and not self._crlf_only(chunk)):
            return self._feed_slow(chunk)
        buf = self._buf
        old = len(buf)
        buf += chunk
        if 10 not in chunk:  # no LF: no event can end here
            return [] if len(buf) <= self._scan_at else self._lines_now()
        end = buf.rfind(b"\n\n", old - 1 if old else 0) + 2  # 1: none
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
        if not self._ready and 10 not in chunk and 13 not in chunk:
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
        self._fast = False
        return True

    def _and_lines_now(self, events: list[ServerSentEvent]) -> list[ServerSentEvent]:
        """`events`, then those of the buffered lines; an error there waits for the next call."""
        try:
            return events + self._lines_now()
        except StreamError as exc:
            if not events:
                raise
            self._keep_error(exc)
            return events

    def _lines_now(self) -> list[ServerSentEvent]:
        """Read every complete line in the buffer; keep the unfinished one."""
        events: list[ServerSentEvent] = []
        if self._error is not None:
            return events
        buf = self._buf
        end = len(buf)
        if end <= self._scan_at and not self._skip_lf and 13 not in buf:
            # Hand over to the event reader as soon as it can go on: read the lines up to the
            # last blank line only and leave the event after it unread (the event reader wants
            # no event half-read). Else the line reader would keep every chunk that ends mid-event.
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
            if not events:
                raise self._too_long(self._buf_offset)
            self._keep_error(self._too_long(self._buf_offset))
            return events
        # A long unfinished line stays with the line reader, which appends without copying.
        ready = self._error is None and not self._skip_lf and self._event_offset is None
        self._ready = ready = ready and len(rest) <= self._scan_at
        self._fast = ready and not self._crlf
        return events

    def _keep_error(self, exc: StreamError) -> None:
        """Hold `exc` for the next call (events came before it); only the line reader raises it."""
        self._error = exc
        self._ready = self._fast = False

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
            self._keep_error(exc)
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
        if 13 not in region:
            return self._many(region, base)
        try:
            text = region.decode()
        except UnicodeDecodeError:  # the line reader says where, or replaces
            return self._slow_events(region, base)
        # CRLF text: every CR and every LF must be in a CRLF, else the line reader.
        lines = text.split("\r\n")
        if text.count("\n") != len(lines) - 1 or text.count("\r") != len(lines) - 1:
            return self._slow_events(region, base)
        if len(lines) == 4 and len(region) <= self._region_max and self._dispatched < self._max_events:
            # One event (Gemini sends one per chunk): an `event:` line seen before, `data: `.
            head, data, blank, _ = lines
            name = self._names.get(head)
            if name is not None and not blank and data[:6] == "data: ":
                return [self._one(name, data[6:], base)]
        elif len(lines) == 3 and len(region) <= self._region_max and self._dispatched < self._max_events:
            data, blank, _ = lines
            if not blank and data[:6] == "data: ":
                return [self._one("message", data[6:], base)]
        return self._build(region, base, self._lines(lines, len(text), len(region), 2))

    def _one(self, name: str, data: str, offset: int) -> ServerSentEvent:
        index = self._dispatched
        self._dispatched = index + 1
        return _new_event(ServerSentEvent, (name, data, self._last_event_id, self.retry, offset, index))

    def _many(self, region: bytearray, base: int) -> list[ServerSentEvent]:
        """The events of `region` (LF line ends): cut by `_run` if it opens a run, else by `_lines`."""
        if not region.startswith(self._names.lead) and not self._new_lead(region):
            return self._build(region, base, self._lines_of(region))
        return self._build(region, base, self._run(region))

    def _new_lead(self, region: bytearray) -> bool:
        """Take the first line of `region` and `data: ` as the lead of a run, if they are an
        `event:` line (or none) and `data: `; the lead is kept, as the next region most often
        opens with the same."""
        self._names.trim()
        if region[:6] == b"data: ":
            lead, name = b"data: ", "message"
        else:
            lead = bytes(region[: region.find(b"\n") + 7])  # the first line and `data: `, if it is one
            try:  # (not contextlib.suppress: it costs a microsecond)
                name = self._names[lead[:-7].decode()]  # a new `event:` line is cached here
            except (KeyError, UnicodeDecodeError):
                return False
            if not lead.endswith(b"\ndata: "):
                return False
        self._names.lead, self._names.lead_name = lead, name
        self._names.lead_sep, self._names.lead_text_sep = b"\n\n" + lead, "\n\n" + lead.decode()
        return True

    def _run(self, region: bytearray) -> _Cut | None:
        """`region` as vendors send it: events of one type in a row, each the run's lead (its
        `event:` line and `data: `), a value, LF and a blank line. Cut at every LF LF lead, the
        pieces are the values, if none holds a LF; a piece that does is a value, a blank line
        and events of other types (a `ping` among deltas), cut apart by `_breaks`. None: not
        those shapes.

        An ASCII region is decoded once and its text cut: characters are then bytes. Any other
        is cut as bytes, whose lengths are the sizes the offsets need, and each value decoded
        (UTF-8 cannot be cut wrong at an ASCII separator)."""
        names = self._names
        size = len(names.lead) + 2  # an event's bytes besides its value: lead, LF, blank line
        breaks: list[tuple[int, _Others]] | None = []  # (index of the piece they follow, events)
        pieces: list[bytes] | None = None  # the values still to decode
        if region.isascii():
            values = region.decode()[len(names.lead) : -2].split(names.lead_text_sep)
            steps = list(map(len, values))  # each event's size less `size`
            joined = "".join(values)
            if "\n" in joined:
                breaks = self._breaks(values, joined, steps, "\n\n", size)
        else:
            pieces = bytes(region)[len(names.lead) : -2].split(names.lead_sep)
            steps = list(map(len, pieces))
            joined_bytes = b"".join(pieces)
            if 10 in joined_bytes:
                breaks = self._breaks(pieces, joined_bytes, steps, b"\n\n", size)
        if breaks is None:
            return None
        if len(breaks) > _RUN_BREAKS:  # hardly a run: read it line by line
            return self._lines_of(region)
        if pieces is not None:
            try:
                values = list(map(bytes.decode, pieces))
            except UnicodeDecodeError:  # the line reader says where, or replaces
                return None
        if not breaks:
            return repeat(names.lead_name), values, steps, size
        types = [names.lead_name] * len(values)
        for i, (more_types, more_values, more_steps) in reversed(breaks):  # from the end: indexes stay right
            types[i + 1 : i + 1] = more_types
            values[i + 1 : i + 1] = more_values
            steps[i + 1 : i + 1] = more_steps
        return types, values, steps, size

    def _breaks(
        self, pieces: list[AnyStr], joined: AnyStr, steps: list[int], blank: AnyStr, size: int
    ) -> list[tuple[int, _Others]] | None:
        """The events amid a run, whose pieces of sizes `steps` joined hold a LF: (index of the
        piece they follow, the events), the pieces holding them (and `steps`) cut back to their
        values. It stops after more than _RUN_BREAKS of them. None: a piece holds a LF but not
        whole events after its value. (`blank` is a blank line, in text or in bytes.)"""
        lf = blank[:1]
        breaks: list[tuple[int, _Others]] = []
        ends = list(accumulate(steps))  # where each piece ends in `joined`
        at = joined.find(lf)
        while at >= 0 and len(breaks) <= _RUN_BREAKS:
            i = bisect_right(ends, at)  # the piece holding that LF
            value, _, others = pieces[i].partition(blank)
            cut = self._others(others, size)
            if lf in value or cut is None:
                return None
            pieces[i], steps[i] = value, len(value)
            breaks.append((i, cut))
            at = joined.find(lf, ends[i])
        return breaks

    def _others(self, others: str | bytes, size: int) -> _Others | None:
        """The events in `others` (whole events less the last blank line) amid a run whose
        events add `size` bytes to their values: their types, data, and sizes less `size`.
        `others` is text from an ASCII region, or bytes. Vendors send the same few events amid
        runs (Anthropic's `ping`), so the answers are kept (`_EventNames` bounds them)."""
        key = (others, size)
        try:
            return self._names.others[key]
        except KeyError:
            cut = self._cut_others(others, size)
            if len(others) <= _NAME_LINE_MAX:
                if len(self._names.others) >= _NAME_CACHE_SIZE:
                    self._names.others.clear()
                self._names.others[key] = cut
            return cut

    def _cut_others(self, others: str | bytes, size: int) -> _Others | None:
        if isinstance(others, str):
            text = others
        else:
            try:
                text = others.decode()
            except UnicodeDecodeError:
                return None
        head, data, value = text.partition("\ndata: ")
        name = self._names.get(head)
        if name is not None and data and "\n" not in value:  # one event, of a type seen before
            return [name], [value], [len(others) + 2 - size]
        cut = self._lines(f"{text}\n\n".split("\n"), len(text) + 2, len(others) + 2, 1)
        if cut is None:
            return None
        names, values, steps, _ = cut
        return list(names), values, [step - size for step in steps]

    def _lines_of(self, region: bytearray) -> _Cut | None:
        try:
            text = region.decode()
        except UnicodeDecodeError:  # the line reader says where, or replaces
            return None
        return self._lines(text.split("\n"), len(text), len(region), 1)

    def _lines(self, lines: list[str], chars: int, size: int, eol: int) -> _Cut | None:
        """The events of a text of `chars` characters (`size` bytes) split in `lines` at
        `eol`-character line ends, if all are `event:` then one `data:` line, or all one
        `data:` line; else None."""
        self._names.trim()  # (before any of these lines is looked up: `_steps` reads their sizes)
        ends = len(lines) - 1
        heads: list[str] | None
        if ends % 3 == 0 and lines[0][:6] == "event:":
            n = ends // 3
            heads, datas, blanks = lines[0:-1:3], lines[1::3], lines[2::3]
        elif ends % 2 == 0 and lines[0][:5] == "data:":
            n = ends // 2
            heads, datas, blanks = None, lines[0:-1:2], lines[1::2]
        else:
            return None
        if any(blanks):
            return None
        names: list[str]
        if heads:
            try:  # every head is an `event:` line, of at most _NAME_LINE_MAX ASCII characters
                names = list(map(self._names.__getitem__, heads))
            except KeyError:
                return None
        else:
            names = ["message"] * n
        # The sizes count `data: ` and the line ends besides each value: they add up to the
        # text iff removeprefix took `data: ` from every data line (it takes 6 characters or
        # none; the heads and the empty blank lines are known exactly).
        values = list(map(str.removeprefix, datas, repeat("data: ")))
        steps = self._steps(heads, values, eol, "data: ")
        if sum(steps) != chars:  # `data:` without the space, maybe: 5 characters or none
            values = list(map(str.removeprefix, datas, repeat("data:")))
            steps = self._steps(heads, values, eol, "data:")
            if sum(steps) != chars:
                return None
            values = list(map(str.removeprefix, values, repeat(" ")))
        if chars != size:  # byte sizes: add the extra bytes of non-ASCII values
            ascii_values = list(map(str.isascii, values))  # O(1) each: a flag of the str
            i = -1
            for _ in range(ascii_values.count(False)):  # (a ValueError to stop would cost more)
                i = ascii_values.index(False, i + 1)
                steps[i] += len(values[i].encode()) - len(values[i])
        return names, values, steps, 0

    def _steps(self, heads: list[str] | None, values: list[str], eol: int, prefix: str) -> list[int]:
        """Each event's size in characters, from its value's: the value, its head, `prefix`
        and the line ends."""
        if heads is None:
            return list(map((len(prefix) + 2 * eol).__add__, map(len, values)))
        steps = map(add, map(self._names.sizes.__getitem__, heads), map(len, values))
        extra = len(prefix) + 3 * eol - len("data: \n\n\n")  # sizes count `data: ` and LFs
        return list(map(extra.__add__, steps) if extra else steps)

    def _build(self, region: bytearray, base: int, cut: _Cut | None) -> list[ServerSentEvent]:
        """The events `cut` from `region` (at body offset `base`); the line reader's if None."""
        if cut is None:
            return self._slow_events(region, base)
        names, values, steps, extra = cut
        n = len(values)
        if self._dispatched + n > self._max_events:
            return self._slow_events(region, base)  # the line reader raises where
        if len(region) > self._region_max and max(steps) + extra > self._region_max:
            return self._slow_events(region, base)  # a line over a limit, maybe: the line reader raises
        index = self._dispatched
        self._dispatched = index + n
        offsets: Iterable[int] = accumulate(steps, initial=base)
        if extra:  # what every event of a run adds, added as the offsets are made
            offsets = map(add, offsets, count(0, extra))
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
