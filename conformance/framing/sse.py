"""Server-sent events, decoded by the WHATWG HTML rules ("Interpreting an event stream").

Strategy: `feed(chunk)` takes any slice of the body and returns the events it completed;
`close()` ends the stream. Lines are found at the byte level (a line ends with CRLF, LF
or CR) and UTF-8 is decoded once per field, after the line is whole, so a character split
across chunks is never decoded in halves. A CR that ends one chunk is remembered, so that
an LF opening the next chunk does not make a second, empty line. A leading UTF-8 BOM is
dropped once. What no blank line dispatched by the end is not dispatched (the spec
discards it), but `leftover_bytes` says how much there was, so an adapter can call the
stream truncated.

Written by hand rather than taken from httpx-sse or sseclient-py: both decode text per
chunk and split lines with `str.splitlines`, which breaks on U+2028 and friends and loses
track of byte offsets; neither reports undispatched bytes at the end; and this one is the
hot path of every check (see bench/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conformance.errors import InvalidUTF8Error, LimitExceededError
from conformance.limits import DEFAULT_LIMITS, Limits

_BOM = b"\xef\xbb\xbf"
# Only needed when a chunk holds a CR; the common LF-only chunk is split with bytes.split.
_LINE_END = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event. `offset` is the byte offset in the body of its first line."""

    event: str = "message"
    data: str = ""
    id: str = ""
    retry: int | None = None
    offset: int = 0
    index: int = 0


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
        self._line = bytearray()  # the current, unfinished line (never holds a line ending)
        self._line_offset = 0  # body offset of self._line[0]
        self._received = 0  # bytes fed so far, BOM included
        self._started = False  # the BOM check has been made
        self._skip_lf = False  # the last chunk ended with CR: a leading LF belongs to it
        self._data: list[bytes] = []
        self._data_offsets: list[int] = []
        self._data_size = 0
        self._event_type = b""
        self._event_offset: int | None = None  # first field line of the pending event
        self._last_event_id = ""
        self._dispatched = 0
        self._closed = False
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
        if self._closed:
            raise RuntimeError("feed() after close()")
        if not chunk:
            return []
        start = self._received
        self._received += len(chunk)
        if not self._started:
            head = bytes(self._line) + chunk
            if len(head) < len(_BOM) and _BOM.startswith(head):
                self._line = bytearray(head)  # wait: this may still become a BOM
                return []
            self._started = True
            self._line = bytearray()
            if head.startswith(_BOM):
                head = head[len(_BOM) :]
                self._line_offset = len(_BOM)
            chunk, start = head, self._received - len(head)
        if self._skip_lf:
            self._skip_lf = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
                start += 1
                self._line_offset = start
        if b"\n" not in chunk and b"\r" not in chunk:
            # No line ends here: append (amortized O(1), so byte-by-byte feeding stays linear).
            if not self._line:
                self._line_offset = start
            self._line += chunk
            if len(self._line) > self._limits.max_line_bytes:
                raise self._too_long(self._line_offset)
            return []
        events: list[ServerSentEvent] = []
        if self._line:
            base = self._line_offset
            self._line += chunk
            text = bytes(self._line)
        else:
            base, text = start, chunk
        if b"\r" not in text:
            lines = text.split(b"\n")
            rest = lines.pop()
            offset = base
            for line in lines:
                self._process_line(line, offset, events)
                offset += len(line) + 1
            rest_offset = offset
        else:
            pos = 0
            for match in _LINE_END.finditer(text):
                self._process_line(text[pos : match.start()], base + pos, events)
                pos = match.end()
            rest = text[pos:]
            rest_offset = base + pos
            if text.endswith(b"\r"):
                self._skip_lf = True
        self._line = bytearray(rest)
        self._line_offset = rest_offset
        if len(rest) > self._limits.max_line_bytes:
            raise self._too_long(rest_offset)
        return events

    def close(self) -> list[ServerSentEvent]:
        """End of stream. Undispatched bytes are dropped (per spec) and counted."""
        if self._closed:
            return []
        self._closed = True
        if self._event_offset is not None:
            self.leftover_bytes = self._received - self._event_offset
        else:
            self.leftover_bytes = len(self._line)
        if not self._started and self._line == bytearray(_BOM[: len(self._line)]):
            self.leftover_bytes = 0  # a lone partial BOM: an empty body
        self._line = bytearray()
        self._data = []
        return []

    # -- per line -------------------------------------------------------------------------

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
            self._data_size += len(value) + 1
            if self._data_size > self._limits.max_event_bytes:
                raise LimitExceededError(
                    f"SSE event data over {self._limits.max_event_bytes} bytes",
                    limit="max_event_bytes",
                    event_index=self._dispatched,
                    offset=self._event_offset,
                )
        elif field == b"event":
            self._event_type = value
        elif field == b"id":
            if b"\0" not in value:  # the spec ignores an id holding NUL
                self._last_event_id = self._decode(value, value_offset)
        elif field == b"retry" and value.isdigit():  # bytes.isdigit(): ASCII digits only, per spec
            self.retry = int(value)
        # any other field name is ignored, as the spec says

    def _dispatch(self) -> ServerSentEvent:
        if self._dispatched >= self._limits.max_events:
            raise LimitExceededError(
                f"more than {self._limits.max_events} SSE events",
                limit="max_events",
                event_index=self._dispatched,
                offset=self._event_offset,
            )
        raw = self._data[0] if len(self._data) == 1 else b"\n".join(self._data)
        try:
            data = raw.decode("utf-8", self._errors)
        except UnicodeDecodeError as exc:
            raise self._bad_utf8(exc, raw) from None
        event_type = self._decode(self._event_type, self._event_offset) if self._event_type else ""
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
            offset=offset,
        )

    def _too_long(self, offset: int) -> LimitExceededError:
        return LimitExceededError(
            f"SSE line over {self._limits.max_line_bytes} bytes without a line ending",
            limit="max_line_bytes",
            event_index=self._dispatched,
            offset=offset,
        )
