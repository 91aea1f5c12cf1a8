"""AWS event-stream binary framing (`application/vnd.amazon.eventstream`), decoded sans-IO.

Strategy: `feed(chunk)` takes any slice of the body and returns the messages it completed;
`close()` ends the stream, and `leftover_bytes` then says how many bytes never formed a
whole message (a body cut mid-frame). Nothing is decoded before a frame is whole, so a
split anywhere (inside the prelude, a header, the payload or a CRC) cannot change the
result. The prelude CRC is checked as soon as the 12-byte prelude is in, so a corrupted
length is reported at once rather than waited on.

Wire format (AWS docs, "Event stream encoding": https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html;
the reference decoder is botocore `eventstream.py`, `EventStreamBuffer`):

| field          | size          | meaning                                                        |
| -------------- | ------------- | -------------------------------------------------------------- |
| total length   | uint32 BE     | the whole message, these 4 bytes and the final CRC included     |
| headers length | uint32 BE     | bytes of the header block                                      |
| prelude CRC    | uint32 BE     | CRC-32 (zlib) of the 8 bytes above                              |
| headers        | headers length| repeated: name length u8, name UTF-8, type u8, value           |
| payload        | the rest      | total - headers - 16 bytes                                     |
| message CRC    | uint32 BE     | CRC-32 of everything before it, prelude included                |

Written by hand rather than taken from botocore: botocore is a large dependency for a
100-line decoder, raises untyped errors without the byte offset, and has no notion of
undecoded bytes at the end. The tests check this decoder against frames botocore decodes.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from conformance.errors import FramingError, InvalidUTF8Error, LimitExceededError, StreamError
from conformance.limits import DEFAULT_LIMITS, Limits

PRELUDE_BYTES = 12
MIN_MESSAGE_BYTES = 16  # prelude + message CRC, no headers, no payload
MAX_HEADERS_BYTES = 128 * 1024  # botocore's _MAX_HEADERS_LENGTH

HeaderValue = bool | int | bytes | str | datetime | uuid.UUID

# Header value types: type byte -> (name, fixed size or None for length-prefixed).
HEADER_TYPES: dict[int, tuple[str, int | None]] = {
    0: ("bool_true", 0),
    1: ("bool_false", 0),
    2: ("byte", 1),
    3: ("short", 2),
    4: ("integer", 4),
    5: ("long", 8),
    6: ("byte_array", None),
    7: ("string", None),
    8: ("timestamp", 8),
    9: ("uuid", 16),
}
_INT_FORMATS = {2: ">b", 3: ">h", 4: ">i", 5: ">q", 8: ">q"}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class EventStreamMessage:
    """One decoded message. `offset` is the byte offset of its first prelude byte in the body."""

    headers: Mapping[str, HeaderValue]
    payload: bytes
    offset: int = 0
    index: int = 0
    total_length: int = field(default=0, compare=False)

    @property
    def message_type(self) -> str:
        """`:message-type` (`event`, `exception` or `error`); `event` when absent."""
        value = self.headers.get(":message-type", "event")
        return value if isinstance(value, str) else "event"


class EventStreamDecoder:
    """Incremental decoder of an AWS event-stream body.

    Raises `FramingError` for a CRC mismatch or a malformed prelude or header block (naming
    the frame's byte offset), `LimitExceededError` for a frame over `limits.max_event_bytes`.
    """

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self._limits = limits
        self._buffer = bytearray()
        self._pos = 0  # start of the current, unfinished frame within _buffer
        self._base = 0  # body offset of _buffer[0]
        self._needed = PRELUDE_BYTES  # bytes from _pos needed before trying again
        self._checked_prelude = False
        self._dispatched = 0
        self._closed = False
        self._pending: StreamError | None = None
        self.leftover_bytes = 0
        """After `close()`: bytes at the end that never formed a whole message."""

    @property
    def events_dispatched(self) -> int:
        return self._dispatched

    def feed(self, chunk: bytes) -> list[EventStreamMessage]:
        """Decode the next slice of the body; return the messages it completed."""
        if self._closed:
            raise RuntimeError("feed() after close()")
        self._raise_pending()
        self._buffer += chunk  # amortized O(1): byte-by-byte feeding stays linear
        out: list[EventStreamMessage] = []
        while len(self._buffer) - self._pos >= self._needed:
            try:
                if not self._checked_prelude:
                    self._needed = self._check_prelude()
                    self._checked_prelude = True
                    continue
                out.append(self._take_message())
            except StreamError as exc:
                if not out:
                    raise
                # Return the frames before it first; the error waits for the next call, so
                # it is the same error whatever the split (as in framing/sse.py).
                self._pending = exc
                return out
        if self._pos and self._pos * 2 >= len(self._buffer):
            # Drop consumed frames only when they are at least half the buffer, so that
            # the copying stays linear in the body size.
            del self._buffer[: self._pos]
            self._base += self._pos
            self._pos = 0
        return out

    def _raise_pending(self) -> None:
        if self._pending is not None:
            error, self._pending = self._pending, None
            self._closed = True
            raise error

    def close(self) -> list[EventStreamMessage]:
        """End of stream: count what never formed a message."""
        self._raise_pending()
        if not self._closed:
            self._closed = True
            self.leftover_bytes = len(self._buffer) - self._pos
            self._buffer = bytearray()
        return []

    # -- one frame ------------------------------------------------------------------------

    def _check_prelude(self) -> int:
        start = self._pos
        offset = self._base + start
        prelude = bytes(self._buffer[start : start + PRELUDE_BYTES])
        total: int
        headers_length: int
        crc: int
        total, headers_length, crc = struct.unpack(">III", prelude)
        actual = zlib.crc32(prelude[:8])
        if crc != actual:
            raise FramingError(
                f"event-stream prelude CRC mismatch (frame says {crc:#010x}, bytes give {actual:#010x})",
                event_index=self._dispatched,
                offset=offset,
            )
        if total < MIN_MESSAGE_BYTES or headers_length > total - MIN_MESSAGE_BYTES:
            raise FramingError(
                f"event-stream prelude is inconsistent: total length {total},"
                f" headers length {headers_length}",
                event_index=self._dispatched,
                offset=offset,
            )
        if headers_length > MAX_HEADERS_BYTES:
            raise LimitExceededError(
                f"event-stream header block of {headers_length} bytes (over {MAX_HEADERS_BYTES})",
                limit="max_event_bytes",
                event_index=self._dispatched,
                offset=offset,
            )
        if total > self._limits.max_event_bytes:
            raise LimitExceededError(
                f"event-stream frame of {total} bytes (over {self._limits.max_event_bytes})",
                limit="max_event_bytes",
                event_index=self._dispatched,
                offset=offset,
            )
        return total

    def _take_message(self) -> EventStreamMessage:
        start, total = self._pos, self._needed
        offset = self._base + start
        frame = bytes(self._buffer[start : start + total])
        (crc,) = struct.unpack(">I", frame[-4:])
        actual = zlib.crc32(frame[:-4])
        if crc != actual:
            raise FramingError(
                f"event-stream message CRC mismatch (frame says {crc:#010x}, bytes give {actual:#010x})",
                event_index=self._dispatched,
                offset=offset,
            )
        if self._dispatched >= self._limits.max_events:
            raise LimitExceededError(
                f"more than {self._limits.max_events} event-stream messages",
                limit="max_events",
                event_index=self._dispatched,
                offset=offset,
            )
        (headers_length,) = struct.unpack(">I", frame[4:8])
        headers = _parse_headers(
            frame[PRELUDE_BYTES : PRELUDE_BYTES + headers_length], offset, self._dispatched
        )
        message = EventStreamMessage(
            headers=headers,
            payload=frame[PRELUDE_BYTES + headers_length : -4],
            offset=offset,
            index=self._dispatched,
            total_length=total,
        )
        self._dispatched += 1
        self._pos += total
        self._needed = PRELUDE_BYTES
        self._checked_prelude = False
        return message


def _parse_headers(block: bytes, frame_offset: int, index: int) -> dict[str, HeaderValue]:
    headers: dict[str, HeaderValue] = {}
    pos = 0

    def fail(reason: str) -> FramingError:
        return FramingError(
            f"event-stream header block: {reason}",
            event_index=index,
            offset=frame_offset + PRELUDE_BYTES + pos,
        )

    while pos < len(block):
        name_length = block[pos]
        if name_length == 0 or pos + 1 + name_length + 1 > len(block):
            raise fail("header name runs past the header block")
        raw_name = block[pos + 1 : pos + 1 + name_length]
        try:
            name = raw_name.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidUTF8Error(
                f"event-stream header name is not UTF-8: {raw_name!r}",
                event_index=index,
                offset=frame_offset + PRELUDE_BYTES + pos + 1,
            ) from None
        type_pos = pos + 1 + name_length
        kind = block[type_pos]
        if kind not in HEADER_TYPES:
            pos = type_pos
            raise fail(f"unknown header value type {kind} for {name!r}")
        size = HEADER_TYPES[kind][1]
        value_pos = type_pos + 1
        value: HeaderValue
        if size is None:
            if value_pos + 2 > len(block):
                pos = value_pos
                raise fail(f"header {name!r} value length runs past the header block")
            (length,) = struct.unpack(">H", block[value_pos : value_pos + 2])
            raw = block[value_pos + 2 : value_pos + 2 + length]
            if len(raw) != length:
                pos = value_pos
                raise fail(f"header {name!r} value runs past the header block")
            end = value_pos + 2 + length
            if kind == 7:
                try:
                    value = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise InvalidUTF8Error(
                        f"event-stream header {name!r} is not UTF-8: {raw[:40]!r}",
                        event_index=index,
                        offset=frame_offset + PRELUDE_BYTES + value_pos + 2,
                    ) from None
            else:
                value = raw
        else:
            end = value_pos + size
            if end > len(block):
                pos = value_pos
                raise fail(f"header {name!r} value runs past the header block")
            raw = block[value_pos:end]
            if kind in (0, 1):
                value = kind == 0
            elif kind == 9:
                value = uuid.UUID(bytes=raw)
            elif kind == 8:
                (millis,) = struct.unpack(">q", raw)
                try:  # exact integer arithmetic: no float rounding, no platform limits
                    value = _EPOCH + timedelta(milliseconds=millis)
                except OverflowError:  # an int64 reaches far past the years a datetime holds
                    pos = value_pos
                    raise fail(
                        f"header {name!r} timestamp of {millis} ms since 1970 is outside the "
                        "years 1-9999 a datetime can hold"
                    ) from None
            else:
                (value,) = struct.unpack(_INT_FORMATS[kind], raw)
        headers[name] = value
        pos = end
    return headers


# -- encoding (for builders and tests: the kit writes its own binary cassettes) ---------------


def encode_message(headers: Mapping[str, HeaderValue], payload: bytes) -> bytes:
    """One event-stream message with correct CRCs. Strings, bytes, bools and ints are supported.

    Ints are encoded as `integer` (int32); everything the kit writes uses string headers.
    """
    block = bytearray()
    for name, value in headers.items():
        raw_name = name.encode("utf-8")
        block += bytes([len(raw_name)]) + raw_name
        if isinstance(value, bool):
            block += bytes([0 if value else 1])
        elif isinstance(value, int):
            block += bytes([4]) + struct.pack(">i", value)
        elif isinstance(value, str):
            raw = value.encode("utf-8")
            block += bytes([7]) + struct.pack(">H", len(raw)) + raw
        elif isinstance(value, bytes):
            block += bytes([6]) + struct.pack(">H", len(value)) + value
        else:
            raise TypeError(f"cannot encode header {name!r} of type {type(value).__name__}")
    total = PRELUDE_BYTES + len(block) + len(payload) + 4
    prelude = struct.pack(">II", total, len(block))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + bytes(block) + payload
    return body + struct.pack(">I", zlib.crc32(body))
