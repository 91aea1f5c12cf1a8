"""The adapter contract: bytes in, normalized events out, no IO.

Strategy: an adapter owns one framing decoder (SSE, NDJSON, AWS event-stream). `feed(chunk)`
passes the bytes to it, turns each framing event into a `VendorEvent` (its type and parsed
JSON payload), and dispatches on the type through a table of handlers, each returning
normalized events. `close()` ends the stream and always emits exactly one `StreamEnd`.
Any `StreamError` raised below is completed with the vendor, the event index and type,
and the byte offset, so a failure names where in the body it happened.

Whatever the vendor, the base also checks the tool-call events handlers emit (`ToolCallLedger`):
a delta for a call never started, a second start, arguments over `max_tool_arguments_bytes`
or nested over `max_json_depth` are typed errors located at the event that caused them,
rather than surfacing later, unlocated, from the assembler.

`strict=True` (the default) raises `UnknownEventError` for event types the vendor does not
document; `strict=False` skips them, as the official SDKs do.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, NamedTuple

from conformance.errors import (
    FramingError,
    InvalidJSONError,
    LimitExceededError,
    StreamError,
    UnknownEventError,
    VendorEventError,
)
from conformance.events import (
    ErrorReported,
    Event,
    StreamEnd,
)
from conformance.framing.sse import ServerSentEvent, SSEDecoder
from conformance.json import quick as quick_json
from conformance.limits import DEFAULT_LIMITS, Limits, check_json_depth, integer_too_long
from conformance.tool_calls import ToolCallLedger


class VendorEvent(NamedTuple):
    """One vendor event: its type, its JSON payload, where it sits in the body.

    A NamedTuple, like `ServerSentEvent` and for the same reason: one is built for every
    event of every stream, and `tuple.__new__` costs a fraction of a frozen dataclass's
    `__init__` (~1.1 of the ~4.5 µs per event after framing, profiled for issue 23).
    Immutable as before; use `._replace` rather than `dataclasses.replace`.
    """

    type: str
    data: Any
    index: int  # type: ignore[assignment]  # shadows tuple.index(): the field name is public
    offset: int


_new_vendor_event = tuple.__new__
_scan_once = quick_json.scan_once


Handler = Callable[[VendorEvent], list[Event]]

ERROR_DOCUMENT_BYTES = 64 * 1024
"""The largest JSON error document recognized in place of a stream."""

SNIFF_BYTES = 1024
"""How much of the body's start strict mode looks at to tell an event stream from other bodies."""

# What a body is when it is not an event stream, by its first bytes (RFC 1952 gzip magic,
# RFC 1950 zlib header with the usual compression levels), for the error message.
_COMPRESSED = (
    (re.compile(rb"\x1f\x8b"), "gzip-compressed (a `Content-Encoding: gzip` not decoded)"),
    (re.compile(rb"\x78[\x01\x5e\x9c\xda]"), "zlib-compressed (a `Content-Encoding: deflate` not decoded)"),
)
_SSE_LINE = re.compile(rb":|(?:data|event|id|retry)(?::|$)")
_SSE_FIELDS = (b"data:", b"event:", b"id:", b"retry:")
_LINE_END = re.compile(rb"[\r\n]")
_BOM = b"\xef\xbb\xbf"


def error_document(body: bytes) -> ErrorReported | None:
    """The error of a JSON error document, as vendors send with an HTTP error status.

    Anthropic: `{"type": "error", "error": {"type", "message"}}`; OpenAI:
    `{"error": {"message", "type", "code"}}`; Google: `{"error": {"code", "message", "status"}}`.
    """
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if isinstance(document, list) and len(document) == 1:
        document = document[0]  # Google wraps errors of its JSON-array streams in a list
    if isinstance(document, dict) and document.get("object") == "error" and "error" not in document:
        document = {"error": document}  # Mistral, vLLM < 0.10: `{"object": "error", "message", "type", ...}`
    if isinstance(document, dict) and isinstance(document.get("error"), str):
        document = {
            "error": {"message": document["error"], "code": document.get("code")}
        }  # xAI: `{"code", "error"}`
    if not isinstance(document, dict) or not isinstance(document.get("error"), dict):
        return None
    error = document["error"]
    kind = error.get("type") or error.get("status") or error.get("code") or "error"
    return ErrorReported(str(kind), str(error.get("message", "")))


class Adapter(ABC):
    """A sans-IO vendor adapter. Subclasses set `vendor` and implement the hooks."""

    vendor: ClassVar[str]
    """The adapter id, e.g. `anthropic`."""
    description: ClassVar[str] = ""
    """One line for `conformance vendors`: the API and its framing."""
    schemas_from: ClassVar[str | None] = None
    """For a profile of another vendor's adapter: whose `schemas/<vendor>/` to fall back on."""

    def __init__(self, *, limits: Limits = DEFAULT_LIMITS, strict: bool = True) -> None:
        self.limits = limits
        self.strict = strict
        self.vendor_events: list[VendorEvent] | None = None
        """Set to a list to record every vendor event (schema validation uses this)."""
        self._terminated = False
        self._ended = False
        self._current: VendorEvent | None = None
        self._last: VendorEvent | None = None  # the last event dispatched
        self._received = 0  # body bytes fed so far: where an error at the end of the body is
        self.ledger = ToolCallLedger(limits)
        """The tool-call ledger: every tool-call event this adapter emits is checked against it
        (`conformance.tool_calls`); `parse()` hands it to the assembler, which reads the
        argument fragments from it rather than keeping its own."""
        self._table: Mapping[str, Handler] = self._handler_table()

    def feed(self, chunk: bytes) -> list[Event]:
        """Decode the next slice of the body; return the normalized events it completed."""
        if self._ended:
            raise RuntimeError("feed() after close()")
        self._received += len(chunk)
        try:
            return self._feed(chunk)
        except StreamError as exc:
            raise self._locate(exc) from None

    def close(self) -> list[Event]:
        """End of body: flush, then emit exactly one `StreamEnd`."""
        if self._ended:
            return []
        try:
            events = self._close()
            self._current = None  # what is checked now is checked at the end of the body
            self.ledger.check(events, None)
            self.ledger.check_unended()
        except StreamError as exc:
            raise self._locate(exc) from None
        self._ended = True
        return events

    @abstractmethod
    def _feed(self, chunk: bytes) -> list[Event]: ...

    @abstractmethod
    def _close(self) -> list[Event]: ...

    def _locate(self, exc: StreamError) -> StreamError:
        exc.located(vendor=self.vendor)
        current = self._current
        if current is None and exc.event_index is None:
            current = self._last  # found at the end of the body: name the last event
        if current is not None:
            if exc.event_index is None:
                exc.event_index = current.index
            if exc.event_type is None:
                exc.event_type = current.type
            if exc.offset is None:
                exc.offset = current.offset
        if exc.event_index is None:
            exc.event_index = 0  # no event at all: the body as a whole
        if exc.offset is None:
            exc.offset = self._received
        return exc

    def _dispatch(self, event: VendorEvent) -> list[Event]:
        self._current = self._last = event
        if self.vendor_events is not None:
            self.vendor_events.append(event)
        handler = self._table.get(event.type)
        if handler is None:
            if self.strict:
                raise UnknownEventError(f"unknown {self.vendor} event type {event.type!r}")
            self._current = None
            return []
        out = handler(event)
        if out:
            self.ledger.check(out, event)
        self._current = None
        return out

    @abstractmethod
    def _handler_table(self) -> Mapping[str, Handler]:
        """The dispatch table: vendor event type -> handler (built once per adapter)."""

    @property
    def event_types(self) -> frozenset[str]:
        """The vendor event types this adapter knows."""
        return frozenset(self._table)


class SSEAdapter(Adapter):
    """An adapter over server-sent events whose `data:` is JSON.

    Subclasses say how an SSE event becomes a `VendorEvent` (`event_type`) and may
    treat some data specially (OpenAI's `[DONE]`) by overriding `_on_sse`.
    """

    def __init__(self, *, limits: Limits = DEFAULT_LIMITS, strict: bool = True) -> None:
        super().__init__(limits=limits, strict=strict)
        self._decoder = SSEDecoder(limits)
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

    def _feed(self, chunk: bytes) -> list[Event]:
        if self._opening is None:
            self._first_bytes += chunk[: self._sniff_bytes - len(self._first_bytes)]
            self._opening = _opening(bytes(self._first_bytes), final=False, cap=self._sniff_bytes)
        if self._head is not None:
            if len(self._head) + len(chunk) <= ERROR_DOCUMENT_BYTES:
                self._head += chunk
            else:
                self._head = None
        sses = self._decoder.feed(chunk)
        if not sses:
            return []
        self._head = None
        out: list[Event] = []
        on_sse = self._on_sse
        for sse in sses:
            out += on_sse(sse)
        return out

    def _close(self) -> list[Event]:
        out: list[Event] = []
        for sse in self._decoder.close():
            out.extend(self._on_sse(sse))
        if self._opening is None and self._first_bytes:
            self._opening = _opening(bytes(self._first_bytes), final=True, cap=self._sniff_bytes)
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

    def _on_sse(self, sse: ServerSentEvent) -> list[Event]:
        payload = self._json(sse)
        kind = self.event_type(sse, payload)
        return self._dispatch(_new_vendor_event(VendorEvent, (kind, payload, sse.index, sse.offset)))

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        """The vendor event type of an SSE event (default: the SSE `event:` field)."""
        return sse.event

    def _json(self, sse: ServerSentEvent) -> Any:
        data = sse.data
        try:
            if len(data) > self._depth_limit:  # shorter text cannot nest deeper: skip the call
                check_json_depth(data, self.limits)
            # `quick_json.loads`, inlined (a call less for every event): a value filling the
            # whole text is returned; anything else goes to `json.loads` for its value or error.
            try:
                value, end = _scan_once(data, 0)
            except StopIteration:
                return json.loads(data)
            return value if end == len(data) else json.loads(data)
        except LimitExceededError as exc:
            raise _at(exc, sse, self.vendor) from None
        except json.JSONDecodeError as exc:
            snippet = sse.data[max(0, exc.pos - 20) : exc.pos + 20]
            raise InvalidJSONError(
                f"invalid JSON in data: {exc.msg} near {snippet!r}",
                vendor=self.vendor,
                event_index=sse.index,
                event_type=sse.event,
                offset=sse.offset,
            ) from None
        except RecursionError:
            raise LimitExceededError(
                "JSON nested too deeply in data",
                limit="max_json_depth",
                vendor=self.vendor,
                event_index=sse.index,
                event_type=sse.event,
                offset=sse.offset,
            ) from None
        except ValueError:  # json.loads' bare ValueError: an integer over Python's digit limit
            raise _at(integer_too_long(), sse, self.vendor) from None

    def _end(self, leftover: int) -> list[Event]:
        """The single `StreamEnd`: complete only if the terminator came and nothing is left."""
        if self._terminated:
            return [StreamEnd(complete=leftover == 0, leftover_bytes=leftover)]
        reason = "the body ended before the vendor's terminator"
        if leftover:
            reason += f" ({leftover} bytes of an unfinished event were dropped)"
        return [StreamEnd(complete=False, leftover_bytes=leftover, reason=reason)]


def _at(exc: StreamError, sse: ServerSentEvent, vendor: str) -> StreamError:
    """`exc`, located at `sse` (raised before the event is dispatched, so `_locate` cannot)."""
    exc.vendor, exc.event_index, exc.event_type, exc.offset = vendor, sse.index, sse.event, sse.offset
    return exc


def _opening(head: bytes, *, final: bool, cap: int) -> str | None:
    """How the body opens: "sse", "json" (maybe an error document), or None while undecided.

    Decided by the first line, once it is whole, `cap` bytes are in, or the body ended (so the
    same whatever the chunking); anything else raises a `FramingError` saying what it looks like.
    """
    if _BOM.startswith(head[:3]) and len(head) < 3 and not final:
        return None
    body = (head[3:] if head.startswith(_BOM) else head).lstrip(b"\r\n")
    start = len(head) - len(body)
    for magic, what in _COMPRESSED:
        if magic.match(body):
            raise FramingError(f"the body is {what}, not an event stream", event_index=0, offset=start)
    end = _LINE_END.search(body)
    if end is None and not final and len(head) < cap:
        return None
    line = body[: end.start()] if end is not None else body
    if _SSE_LINE.match(line) or (end is None and any(f.startswith(line) for f in _SSE_FIELDS)):
        return "sse"  # (a first line cut short inside a field name: a truncated stream)
    if line.lstrip(b" \t")[:1] in (b"{", b"["):
        return "json"
    if line.lstrip(b" \t")[:1] == b"<":
        what = "an HTML or XML page (a proxy's or gateway's error page?)"
    elif any(byte < 0x20 and byte != 0x09 for byte in line) or not _is_utf8(line, complete=end is not None):
        what = "binary data (compressed, or another protocol?)"
    else:
        what = "text whose first line is not an SSE field or comment"
    raise FramingError(
        f"the body is {what}, not an event stream: it starts with {line[:80]!r}", event_index=0, offset=start
    )


def _is_utf8(data: bytes, *, complete: bool) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return not complete and exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
    return True


_KIND_NAMES = {dict: "an object", list: "an array", str: "a string", int: "an integer"}


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_KIND_NAMES.get(k, k.__name__) for k in kinds)


class _Missing:
    pass


_MISSING = _Missing()  # of a type no caller asks for, so the fast path below never returns it


def require(data: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    """`data[key]`, checked to be of `kind`; a clear `VendorEventError` otherwise.

    Adapters read payloads through this (and `optional`) so that a malformed event names
    the field at fault instead of surfacing as a KeyError from deep inside a handler.
    """
    # Called several times for every event: the usual case (a plain dict holding a value of
    # exactly `kind`) is decided by two `type() is` tests; anything else, subclasses and
    # tuples of kinds included, takes the full checks below.
    if type(data) is dict:
        value = data.get(key, _MISSING)
        if type(value) is kind:
            return value
    return _require(data, key, kind)


def _require(data: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, dict):
        raise VendorEventError(f"expected a JSON object holding {key!r}, got {_short(data)}")
    if key not in data:
        raise VendorEventError(f"missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise VendorEventError(f"field {key!r} should be {_kind_name(kind)}, got {_short(value)}")
    return value


def optional(data: Any, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    """Like `require`, but an absent or null field gives `default`."""
    if type(data) is dict:  # the fast path, as in `require`
        value = data.get(key)
        if value is None:
            return default
        if type(value) is kind:
            return value
    return _optional(data, key, kind, default)


def _optional(data: Any, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
    if not isinstance(data, dict):
        raise VendorEventError(f"expected a JSON object holding {key!r}, got {_short(data)}")
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise VendorEventError(f"field {key!r} should be {_kind_name(kind)}, got {_short(value)}")
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, bytes) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def usage_from(raw: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, int]:
    """Normalized usage: `mapping` is vendor field (dotted path) -> normalized key.

    Only integer values that are present are taken: "as reported", never invented.
    """
    usage: dict[str, int] = {}
    for path, key in mapping.items():
        value: Any = raw
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            usage[key] = value
    return usage
