"""A JSON array written incrementally (`[{...},\\r\\n{...}]`), split into its elements sans-IO.

Strategy: `feed(chunk)` takes any slice of the body and returns the elements it completed,
each as its UTF-8 text (JSON parsing is left to the adapter, as for SSE and NDJSON);
`close()` ends the stream. `array_closed` says whether the closing `]` arrived, and after
`close()` `leftover_bytes` counts the bytes of an element cut short. The scanner keeps only
the element being read and its state (depth, inside a string, after a backslash), so a
split anywhere (inside a string, an escape or a multi-byte character) cannot change the
result; it looks at each byte once, jumping with a regex to the next byte that matters
(a quote or backslash inside a string; a quote or bracket outside), so it is linear in the
body. An element over `Limits.max_event_bytes` is a `LimitExceededError`, not a buffer that
grows; anything that is not `[`, objects or arrays separated by commas, and `]` (with JSON
whitespace between) is a `FramingError` at its byte.

Used by Gemini's `streamGenerateContent` without `alt=sse`
(https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent: "a stream
of GenerateContentResponse instances"; the REST response is one JSON array written as the
answer grows, elements separated by `,\\r\\n`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conformance.errors import FramingError, InvalidUTF8Error, LimitExceededError, StreamError
from conformance.limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True, slots=True)
class JSONArrayElement:
    """One element of the array, as text. `offset` is the byte offset of its first byte."""

    text: str
    offset: int = 0
    index: int = 0


_BEFORE, _FIRST, _NEXT, _AFTER, _ELEMENT, _DONE = range(6)
# _FIRST: after "[", an element or "]"; _NEXT: after ",", an element; _AFTER: after an element, "," or "]"
_NOT_SPACE = re.compile(rb"[^ \t\r\n]")  # RFC 8259 whitespace
_IN_STRING = re.compile(rb'["\\]')
_OUTSIDE_STRING = re.compile(rb'["{}\[\]]')
_OPEN, _CLOSE, _QUOTE, _BACKSLASH = frozenset(b"{["), frozenset(b"}]"), ord('"'), ord("\\")


class JSONArrayDecoder:
    """Incremental element splitter and UTF-8 decoder for a body that is one JSON array."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self._limits = limits
        self._state = _BEFORE
        self._element = bytearray()  # the element being read
        self._element_offset = 0
        self._depth = 0
        self._in_string = False
        self._escaped = False  # the last byte read was a backslash inside a string
        self._received = 0
        self._dispatched = 0
        self._closed = False
        self.array_closed = False
        """True once the closing `]` arrived."""
        self.leftover_bytes = 0
        """After `close()`: bytes of an element cut short."""
        self._pending: StreamError | None = None
        """An error found after elements this call returned: raised by the next call, so that
        the elements before it are read first and the outcome is the same at any split."""

    @property
    def events_dispatched(self) -> int:
        return self._dispatched

    def feed(self, chunk: bytes) -> list[JSONArrayElement]:
        """Scan the next slice of the body; return the elements it completed."""
        if self._closed:
            raise RuntimeError("feed() after close()")
        if self._pending is not None:
            raise self._pending
        base = self._received
        self._received += len(chunk)
        out: list[JSONArrayElement] = []
        pos = 0
        try:
            while pos < len(chunk):
                if self._state == _ELEMENT:
                    pos = self._scan(chunk, pos, base, out)
                    continue
                found = _NOT_SPACE.search(chunk, pos)
                if found is None:
                    break
                pos = found.start()
                pos = self._between(chunk, pos, base)
        except StreamError as exc:
            if not out:
                raise
            self._pending = exc  # the elements before it come first, as with any other split
        return out

    def close(self) -> list[JSONArrayElement]:
        """End of body: nothing more can complete; `leftover_bytes` says what was cut."""
        self._closed = True
        if self._pending is not None:
            raise self._pending
        self.leftover_bytes = len(self._element) if self._state == _ELEMENT else 0
        return []

    # -- between elements -------------------------------------------------------------------

    def _between(self, chunk: bytes, pos: int, base: int) -> int:
        byte = chunk[pos]
        state = self._state
        if state == _BEFORE and byte == ord("["):
            self._state = _FIRST
            return pos + 1
        if state in (_FIRST, _NEXT) and byte in _OPEN:
            self._state, self._depth, self._element_offset = _ELEMENT, 0, base + pos
            return pos
        if state in (_FIRST, _AFTER) and byte == ord("]"):
            self._state, self.array_closed = _DONE, True
            return pos + 1
        if state == _AFTER and byte == ord(","):
            self._state = _NEXT
            return pos + 1
        wanted = {
            _BEFORE: "the array's opening [",
            _FIRST: "an object, an array or ]",
            _NEXT: "an object or an array after ,",
            _AFTER: ", or ]",
            _DONE: "nothing after the array's closing ]",
        }[state]
        raise FramingError(
            f"expected {wanted} in a JSON-array stream, found {chunk[pos : pos + 20]!r}",
            event_index=self._dispatched,
            offset=base + pos,
        )

    # -- inside an element ------------------------------------------------------------------

    def _scan(self, chunk: bytes, pos: int, base: int, out: list[JSONArrayElement]) -> int:
        """Read element bytes from `pos`; return where reading stopped (the chunk's end, or
        just after the element's last byte, which is then in `out`)."""
        start = pos
        end = len(chunk)
        while pos < end:
            if self._escaped:  # the byte after a backslash is never special
                self._escaped = False
                pos += 1
                continue
            pattern = _IN_STRING if self._in_string else _OUTSIDE_STRING
            found = pattern.search(chunk, pos)
            if found is None:
                pos = end
                break
            pos = found.start()
            byte = chunk[pos]
            pos += 1
            if self._in_string:
                if byte == _BACKSLASH:
                    self._escaped = True
                else:
                    self._in_string = False
            elif byte == _QUOTE:
                self._in_string = True
            elif byte in _OPEN:
                self._depth += 1
            else:  # a closing bracket
                self._depth -= 1
                if self._depth == 0:
                    self._take(chunk[start:pos], base + start)
                    out.append(self._finish())
                    return pos
        self._take(chunk[start:pos], base + start)
        return pos

    def _take(self, piece: bytes, offset: int) -> None:
        if len(self._element) + len(piece) > self._limits.max_event_bytes:
            raise LimitExceededError(
                f"JSON-array element over {self._limits.max_event_bytes} bytes",
                limit="max_event_bytes",
                event_index=self._dispatched,
                offset=self._element_offset,
            )
        self._element += piece

    def _finish(self) -> JSONArrayElement:
        raw = bytes(self._element)
        self._element.clear()
        self._state = _AFTER
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidUTF8Error(
                f"invalid UTF-8 in a JSON-array element: {raw[max(0, exc.start - 8) : exc.end + 8]!r}",
                event_index=self._dispatched,
                offset=self._element_offset + exc.start,
            ) from None
        if self._dispatched >= self._limits.max_events:
            raise LimitExceededError(
                f"more than {self._limits.max_events} JSON-array elements",
                limit="max_events",
                event_index=self._dispatched,
                offset=self._element_offset,
            )
        element = JSONArrayElement(text, self._element_offset, self._dispatched)
        self._dispatched += 1
        return element
