"""Newline-delimited JSON (`application/x-ndjson`), split into lines sans-IO.

Strategy: `feed(chunk)` takes any slice of the body and returns the lines it completed;
`close()` ends the stream and returns the last line if it had no newline, marked
`terminated=False` (Ollama ends every line with LF, but a reader such as httpx's
`iter_lines`, which the Ollama SDK uses, still yields an unterminated last line, so the
adapter decides: valid JSON is a line, anything else is a cut-off body). Lines end with LF;
a CR before the LF is dropped (CRLF). Blank lines are skipped. UTF-8 is decoded once per
whole line, so a character split across chunks is never decoded in halves. JSON parsing
is left to the adapter, which knows what a line means.

Format: https://github.com/ndjson/ndjson-spec (each line one JSON text, LF-separated).
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.errors import InvalidUTF8Error, LimitExceededError, StreamError
from conformance.limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True, slots=True)
class NDJSONLine:
    """One line, without its line ending. `offset` is the byte offset of its first byte."""

    text: str
    offset: int = 0
    index: int = 0
    terminated: bool = True


class NDJSONDecoder:
    """Incremental line splitter and UTF-8 decoder for an NDJSON body."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self._limits = limits
        self._line = bytearray()  # the current, unfinished line
        self._line_offset = 0
        self._received = 0
        self._dispatched = 0
        self._closed = False
        # An error found after good lines in the same chunk waits for the next call, so the
        # lines before it are returned first and the error does not depend on the chunking.
        self._pending: StreamError | None = None
        self.leftover_bytes = 0
        """After `close()`: bytes of an unterminated last line (0 if it was blank)."""

    @property
    def events_dispatched(self) -> int:
        return self._dispatched

    def feed(self, chunk: bytes) -> list[NDJSONLine]:
        """Split the next slice of the body; return the lines it completed."""
        if self._closed:
            raise RuntimeError("feed() after close()")
        self._raise_pending()
        start = self._received
        self._received += len(chunk)
        if b"\n" not in chunk:
            if not self._line:
                self._line_offset = start
            self._line += chunk  # amortized O(1): byte-by-byte feeding stays linear
            if len(self._line) > self._limits.max_line_bytes:
                raise self._too_long()
            return []
        out: list[NDJSONLine] = []
        base = self._line_offset if self._line else start
        parts = (bytes(self._line) + chunk if self._line else chunk).split(b"\n")
        rest = parts.pop()
        offset = base
        for raw in parts:
            try:
                line = self._line_from(raw, offset, terminated=True)
            except StreamError as exc:
                if not out:
                    raise
                self._pending = exc
                return out
            if line is not None:
                out.append(line)
            offset += len(raw) + 1
        self._line = bytearray(rest)
        self._line_offset = offset
        if len(rest) > self._limits.max_line_bytes:
            if not out:
                raise self._too_long()
            self._pending = self._too_long()  # after the lines before it, as for any error
        return out

    def close(self) -> list[NDJSONLine]:
        """End of stream: the unterminated last line, if it holds anything."""
        if self._closed:
            return []
        self._raise_pending()
        self._closed = True
        raw, self._line = bytes(self._line), bytearray()
        if _cut_inside_a_character(raw):  # the body stopped mid-character: a truncation
            self.leftover_bytes = len(raw)
            return []
        line = self._line_from(raw, self._line_offset, terminated=False)
        if line is None:
            return []
        self.leftover_bytes = len(raw)
        return [line]

    def _raise_pending(self) -> None:
        if self._pending is not None:
            error, self._pending = self._pending, None
            self._closed = True
            raise error

    def _line_from(self, raw: bytes, offset: int, *, terminated: bool) -> NDJSONLine | None:
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if len(raw) > self._limits.max_line_bytes:
            self._line_offset = offset
            raise self._too_long()
        if not raw.strip():
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidUTF8Error(
                f"invalid UTF-8 in an NDJSON line: {raw[max(0, exc.start - 8) : exc.end + 8]!r}",
                event_index=self._dispatched,
                offset=offset + exc.start,
            ) from None
        if self._dispatched >= self._limits.max_events:
            raise LimitExceededError(
                f"more than {self._limits.max_events} NDJSON lines",
                limit="max_events",
                event_index=self._dispatched,
                offset=offset,
            )
        line = NDJSONLine(text, offset, self._dispatched, terminated)
        self._dispatched += 1
        return line

    def _too_long(self) -> LimitExceededError:
        return LimitExceededError(
            f"NDJSON line over {self._limits.max_line_bytes} bytes without a line ending",
            limit="max_line_bytes",
            event_index=self._dispatched,
            offset=self._line_offset,
        )


def _cut_inside_a_character(raw: bytes) -> bool:
    """True if `raw` is valid UTF-8 but for a multi-byte character cut off at its end."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and exc.end == len(raw)
    return False
