"""A loopback HTTP/1.1 server that replays a cassette at its recorded pace, and watches the client.

Strategy: uvicorn (h11) runs a small plain-ASGI app in a background thread with its own event
loop, on a socket bound here (so the port is known before the thread starts). Each request
to a path the cassette answers gets the cassette's status and headers at once, then the body
chunk by chunk at `chunk_times_ms / speed` after the request (`speed=None`: as fast as
possible). A second task per request waits on ASGI `receive()` for `http.disconnect`, which
uvicorn delivers as soon as the socket reports EOF; the sender waits on the same event
between chunks, so it stops at once when the client goes away.

Every request leaves a `ConnectionLog`: what was written when (bytes, events), and when the
client disconnected, the server dropped the connection (`drop_after_events`, to test
resuming) or the response completed. Times are `time.perf_counter()`, the clock clients in
the same process use to say when they cancelled.

Resuming: a request naming a resume point is served from the event after it. The point is
the `Last-Event-ID` header (the SSE `id:` field), the `starting_after` query parameter (an
OpenAI Responses `sequence_number`) or `last_event_id` (a Gemini Interactions `event_id`).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import json
import logging
import math
import re
import socket
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from conformance.errors import CassetteError, ConformanceError
from conformance.formats.cassettes import Cassette, load_cassette
from conformance.live.timing import (
    TimedChunk,
    content_type,
    event_ends,
    is_event_stream,
    sse_events,
    timed_chunks,
)

# Where each vendor's streaming endpoint lives (a request path may add a prefix, as a gateway does).
# Sources: https://docs.anthropic.com/en/api/messages ;
# https://platform.openai.com/docs/api-reference/chat/create ;
# https://platform.openai.com/docs/api-reference/responses/create ;
# https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
VENDOR_PATHS: dict[str, tuple[str, ...]] = {
    "anthropic": (r"/v1/messages",),
    "openai-chat": (r"(?:/v1)?/chat/completions",),
    "openai-responses": (r"(?:/v1)?/responses",),
    "gemini": (r"/v1(?:alpha|beta)?/models/[^/]+:streamGenerateContent",),
}

# GET endpoints that resume a stream. Sources: openai-python `resources/responses/responses.py`
# (`retrieve(..., stream=True, starting_after=N)` -> GET /responses/{id}); python-genai
# `_gaos/interactions.py` (GET /{api_version}/interactions/{id}?stream=true&last_event_id=...).
RESUME_PATHS: tuple[str, ...] = (
    r"(?:/v1)?/responses/[^/]+",
    r"/v1(?:alpha|beta)?/interactions/[^/]+",
)

# Not replayed: framing of the recorded hop (we stream chunked ourselves) and encodings the
# cassette's body no longer has (vcrpy stores bodies decoded).
SKIPPED_HEADERS = frozenset(
    {"content-length", "transfer-encoding", "connection", "keep-alive", "content-encoding"}
)

MAX_CONNECTION_LOGS = 1000
"""Connection logs a `ReplayServer` keeps by default: the last 1,000 requests' (each a few KB)."""

HEADER_TIMEOUT_S = 10.0
"""Seconds a connection may take to send a whole request head before it is closed."""

CONNECTION_HEADER = "x-replay-connection"
"""Response header naming the `ConnectionLog.id` of the request, for clients that want it."""

Scope = MutableMapping[str, Any]
AsgiMessage = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[AsgiMessage]]
Send = Callable[[AsgiMessage], Awaitable[None]]

Router = Callable[[str, str, bytes], Cassette | None]
"""(method, path, request body) -> the cassette that answers this request, or None (404)."""

MAX_ROUTED_REQUEST_BYTES = 1024 * 1024
"""A routed request body larger than this is refused (413) rather than buffered."""

_ABORTING: contextvars.ContextVar[bool] = contextvars.ContextVar("conformance_replay_aborting", default=False)


class _QuietAbort(logging.Filter):
    """Drop uvicorn's complaint when we end a response early on purpose (a drop, a stop)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_ABORTING.get() and "without completing response" in record.getMessage())


logging.getLogger("uvicorn.error").addFilter(_QuietAbort())


@dataclass(frozen=True, slots=True)
class Write:
    """One body chunk handed to the socket."""

    at: float
    """`time.perf_counter()` just after the write."""
    offset: int
    """Body offset of the chunk's first byte."""
    size: int
    events: int
    """Whole events of the body written so far, counting from the start of the body."""


@dataclass
class ConnectionLog:
    """What the server did on one request, and what it saw the client do."""

    id: int
    client: tuple[str, int] | None
    method: str
    target: str
    """Path and query string as requested."""
    cassette_id: str
    speed: float | None
    started_at: float
    status: int = 0
    first_event: int = 0
    """Index of the first event served (0, or the event after the resume point)."""
    resume: str | None = None
    """The resume point the client named, e.g. `Last-Event-ID: 7`."""
    writes: list[Write] = field(default_factory=list)
    disconnected_at: float | None = None
    """When the server saw the client go away before the response was complete."""
    completed_at: float | None = None
    dropped_at: float | None = None
    """When the server dropped the connection on purpose (`drop_after_events`)."""
    stopped_at: float | None = None
    """When the server shut down under a response still running."""
    note: str = ""
    _ended: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    @property
    def bytes_sent(self) -> int:
        return sum(w.size for w in self.writes)

    @property
    def events_sent(self) -> int:
        """Whole events written, counting from the first one served."""
        return (self.writes[-1].events - self.first_event) if self.writes else 0

    @property
    def ended(self) -> bool:
        return self._ended.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the response ended (any way); False on timeout."""
        return self._ended.wait(timeout)

    def writes_after(self, moment: float) -> list[Write]:
        return [w for w in self.writes if w.at > moment]

    def describe(self) -> str:
        if self.disconnected_at is not None:
            how = f"client disconnected after {self.disconnected_at - self.started_at:.3f} s"
        elif self.dropped_at is not None:
            how = "dropped by the server"
        elif self.completed_at is not None:
            how = "completed"
        elif self.stopped_at is not None:
            how = "cut by the server stopping"
        else:
            how = "still running"
        resume = f" ({self.resume})" if self.resume else ""
        return (
            f"connection {self.id}: {self.method} {self.target}{resume} -> {self.status}, "
            f"{self.bytes_sent} bytes / {self.events_sent} events in {len(self.writes)} writes, {how}"
        )


@dataclass(frozen=True)
class Program:
    """A cassette prepared for serving: its timed chunks, event ends and resume keys."""

    cassette: Cassette
    speed: float | None
    drop_after_events: int | None
    chunks: tuple[TimedChunk, ...]
    ends: tuple[int, ...]
    event_ids: tuple[str, ...]
    """The SSE last-event-ID buffer at each event (what `Last-Event-ID` names)."""
    payloads: tuple[Any, ...]
    """Each event's JSON payload, or None (for `sequence_number` / `event_id` resume points)."""
    paths: tuple[re.Pattern[str], ...]
    path: str
    """The cassette's own request path."""

    @classmethod
    def build(
        cls,
        cassette: Cassette,
        *,
        speed: float | None,
        drop_after_events: int | None,
        extra_paths: Sequence[str] = (),
    ) -> Program:
        if speed is not None and math.isinf(speed) and speed > 0:
            speed = None
        if speed is not None and not speed > 0:
            raise ValueError(f"speed must be a positive number (or None: as fast as possible), not {speed!r}")
        chunks = tuple(timed_chunks(cassette))
        kind = content_type(cassette)
        ends = tuple(event_ends(cassette.body, kind))
        ids: tuple[str, ...] = ()
        payloads: tuple[Any, ...] = ()
        if is_event_stream(kind, cassette.body):
            decoded = sse_events(cassette.body)
            ids = tuple(event.id for event, _ in decoded)
            payloads = tuple(_json_or_none(event.data) for event, _ in decoded)
        path = urlsplit(cassette.uri).path or "/"
        patterns = [re.escape(path), *VENDOR_PATHS.get(cassette.vendor, ()), *extra_paths]
        _check_sendable(cassette)
        return cls(
            cassette=cassette,
            speed=speed,
            drop_after_events=drop_after_events,
            chunks=chunks,
            ends=ends,
            event_ids=ids,
            payloads=payloads,
            paths=tuple(re.compile(rf"(?:/.*)?{p}") for p in patterns),
            path=path,
        )

    def answers(self, method: str, path: str) -> bool:
        if any(p.fullmatch(path) for p in self.paths):
            return True
        return method == "GET" and any(re.fullmatch(rf"(?:/.*)?{p}", path) for p in RESUME_PATHS)

    def resume_point(self, headers: dict[str, str], query: dict[str, str]) -> tuple[int, str | None]:
        """Index of the first event to serve, and the resume point as named; ValueError if unknown."""
        if "last-event-id" in headers:
            wanted = headers["last-event-id"]
            found = [i for i, e in enumerate(self.event_ids) if e == wanted]
            if not found:
                raise ValueError(f"Last-Event-ID {wanted!r} names no event of {self.cassette.id}")
            return found[-1] + 1, f"Last-Event-ID: {wanted}"
        if "starting_after" in query:
            raw = query["starting_after"]
            try:
                after = int(raw)
            except ValueError:
                raise ValueError(f"starting_after={raw!r} is not a sequence number") from None
            numbers = [_field(p, "sequence_number") for p in self.payloads]
            if not any(isinstance(n, int) for n in numbers):
                raise ValueError(f"{self.cassette.id} has no events with a sequence_number")
            first = next((i for i, n in enumerate(numbers) if isinstance(n, int) and n > after), len(numbers))
            return first, f"starting_after={after}"
        if "last_event_id" in query:
            wanted = query["last_event_id"]
            found = [
                i
                for i, (p, sse_id) in enumerate(zip(self.payloads, self.event_ids, strict=True))
                if _field(p, "event_id") == wanted or sse_id == wanted
            ]
            if not found:
                raise ValueError(f"last_event_id={wanted!r} names no event of {self.cassette.id}")
            return found[-1] + 1, f"last_event_id={wanted}"
        return 0, None

    def pieces(self, first_event: int, drop: bool) -> tuple[list[TimedChunk], bool]:
        """The chunks to send from `first_event` on, cut at the drop point if `drop`.

        Times are rebased so that a resumed stream starts at once. Returns the pieces and
        whether the connection is to be dropped after them.
        """
        start = self.ends[first_event - 1] if 0 < first_event <= len(self.ends) else 0
        stop = len(self.cassette.body)
        dropping = False
        if drop and self.drop_after_events is not None:
            last = first_event + self.drop_after_events  # events served before the drop
            if last < len(self.ends):
                stop = self.ends[last - 1] if last > 0 else start
                dropping = True
        out: list[TimedChunk] = []
        for chunk in self.chunks:
            a, b = max(chunk.offset, start), min(chunk.offset + len(chunk.data), stop)
            if a < b:
                out.append(TimedChunk(chunk.at_ms, a, chunk.data[a - chunk.offset : b - chunk.offset]))
        if first_event and out:
            base = out[0].at_ms
            out = [TimedChunk(c.at_ms - base, c.offset, c.data) for c in out]
        return out, dropping

    def headers(self) -> list[tuple[bytes, bytes]]:
        return response_headers(self.cassette)


def response_headers(cassette: Cassette) -> list[tuple[bytes, bytes]]:
    """The recorded response headers to send (hop-by-hop ones skipped; a content type added
    if none was recorded). Values outside Latin-1 become `?`; names must be Latin-1
    (`_check_sendable` has made sure when a cassette is played)."""
    out: list[tuple[bytes, bytes]] = []
    seen_type = False
    for name, values in cassette.response_headers.items():
        lower = name.lower()
        if lower in SKIPPED_HEADERS:
            continue
        seen_type = seen_type or lower == "content-type"
        out.extend((lower.encode("latin-1"), v.encode("latin-1", "replace")) for v in values)
    if not seen_type:
        out.append((b"content-type", b"text/event-stream"))
    return out


def _check_sendable(cassette: Cassette) -> None:
    """Raise `CassetteError` if the cassette's status or response headers cannot go out over
    HTTP/1.1, judged by h11, which sends them: refused when the cassette is played, rather
    than failing every request with a traceback in the server thread."""
    where = cassette.path or cassette.id
    for name in cassette.response_headers:
        try:
            name.encode("latin-1")
        except UnicodeEncodeError:
            raise CassetteError(
                f"{where}: cannot serve response header {name!r}: not a valid HTTP header name"
            ) from None
    headers = response_headers(cassette)
    try:
        h11.Response(status_code=cassette.status, headers=headers, reason=b"")
    except h11.LocalProtocolError as exc:
        raise CassetteError(f"{where}: cannot serve the recorded response over HTTP/1.1: {exc}") from None


def _json_or_none(data: str) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return None


def _field(payload: Any, key: str) -> Any:
    return payload.get(key) if isinstance(payload, dict) else None


def _error_body(kind: str, message: str) -> bytes:
    """An error document every vendor adapter and SDK reads as an error (`{"error": {...}}`)."""
    return json.dumps({"type": "error", "error": {"type": kind, "message": message}}).encode()


class _App:
    """The ASGI application: routing, pacing, and watching for the client's disconnect."""

    def __init__(self, server: ReplayServer) -> None:
        self._server = server
        self.interrupts: set[asyncio.Event] = set()
        self.stopping = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        server = self._server
        program = server.program
        method = str(scope["method"])
        path = str(scope["path"])
        if server.router is not None:
            await self._routed(scope, receive, send)
            return
        query_string = bytes(scope.get("query_string", b"")).decode("latin-1")
        target = path + (f"?{query_string}" if query_string else "")
        client = scope.get("client")
        log = server._new_log(
            client=(str(client[0]), int(client[1])) if client else None,
            method=method,
            target=target,
            cassette_id=program.cassette.id if program else "",
            speed=program.speed if program else None,
        )
        try:
            if program is None:
                await self._error(send, log, 503, "no cassette is loaded: call ReplayServer.play(cassette)")
                return
            if not program.answers(method, path):
                await self._error(
                    send,
                    log,
                    404,
                    f"replay server: no route for {method} {path}; serving {program.path} "
                    f"({program.cassette.id}) and the {program.cassette.vendor} paths",
                )
                return
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            query = {k: v[-1] for k, v in parse_qs(query_string, keep_blank_values=True).items()}
            try:
                first, resume = program.resume_point(headers, query)
            except ValueError as exc:
                await self._error(send, log, 400, str(exc))
                return
            log.first_event, log.resume = first, resume
            drop = resume is None and server._take_drop()
            await self._stream(program, first, drop, log, receive, send)
        finally:
            log._ended.set()
            server._ended(log)

    async def _routed(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer with the cassette the router picks for this request (a vendor double)."""
        server = self._server
        assert server.router is not None
        method, path = str(scope["method"]), str(scope["path"])
        query_string = bytes(scope.get("query_string", b"")).decode("latin-1")
        client = scope.get("client")
        log = server._new_log(
            client=(str(client[0]), int(client[1])) if client else None,
            method=method,
            target=path + (f"?{query_string}" if query_string else ""),
            cassette_id="",
            speed=None,
        )
        try:
            body = bytearray()
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    log.disconnected_at = time.perf_counter()
                    return
                body += message.get("body", b"")
                if len(body) > MAX_ROUTED_REQUEST_BYTES:
                    await self._error(send, log, 413, f"request body over {MAX_ROUTED_REQUEST_BYTES} bytes")
                    return
                if not message.get("more_body", False):
                    break
            cassette = server.router(method, path, bytes(body))
            if cassette is None:
                await self._error(
                    send, log, 404, f"replay server: the router has no cassette for {method} {path}"
                )
                return
            program = server.program_for(cassette)
            log.cassette_id, log.speed = cassette.id, program.speed
            await self._stream(program, 0, False, log, receive, send)
        finally:
            log._ended.set()
            server._ended(log)

    async def _error(self, send: Send, log: ConnectionLog, status: int, message: str) -> None:
        log.status, log.note = status, message
        body = _error_body("replay_error", message)
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})
        log.completed_at = time.perf_counter()

    async def _stream(
        self, program: Program, first: int, drop: bool, log: ConnectionLog, receive: Receive, send: Send
    ) -> None:
        pieces, dropping = program.pieces(first, drop)
        interrupt = asyncio.Event()
        self.interrupts.add(interrupt)
        if self.stopping:
            interrupt.set()
        listener = asyncio.ensure_future(self._listen(receive, log, interrupt))
        ends = program.ends
        try:
            log.status = program.cassette.status
            start_headers = [*program.headers(), (CONNECTION_HEADER.encode(), str(log.id).encode())]
            await send({"type": "http.response.start", "status": log.status, "headers": start_headers})
            events_done = first
            for piece in pieces:
                due = log.started_at + piece.at_ms / 1000 / program.speed if program.speed else None
                if await _wait(due, interrupt):
                    break
                await send({"type": "http.response.body", "body": piece.data, "more_body": True})
                end = piece.offset + len(piece.data)
                while events_done < len(ends) and ends[events_done] <= end:
                    events_done += 1
                log.writes.append(Write(time.perf_counter(), piece.offset, len(piece.data), events_done))
                await asyncio.sleep(0)  # let the listener see a disconnect between back-to-back writes
            else:
                if dropping:
                    log.dropped_at = time.perf_counter()
                    _ABORTING.set(True)  # returning now closes the socket without the last chunk
                    return
                log.completed_at = time.perf_counter()
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            if log.disconnected_at is None:
                log.stopped_at = time.perf_counter()
            _ABORTING.set(True)
        finally:
            listener.cancel()
            self.interrupts.discard(interrupt)

    @staticmethod
    async def _listen(receive: Receive, log: ConnectionLog, interrupt: asyncio.Event) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                if log.completed_at is None and log.dropped_at is None:
                    log.disconnected_at = time.perf_counter()
                interrupt.set()
                return

    def stop_all(self) -> None:
        self.stopping = True
        for interrupt in self.interrupts:
            interrupt.set()


async def _wait(due: float | None, interrupt: asyncio.Event) -> bool:
    """Sleep until `due` (perf_counter) unless interrupted first; True if interrupted."""
    if interrupt.is_set():
        return True
    if due is None:
        return False
    delay = due - time.perf_counter()
    if delay > 0:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(interrupt.wait(), delay)
    return interrupt.is_set()


def listening_socket(family: socket.AddressFamily, host: str, port: int, *, what: str) -> socket.socket:
    """A listening TCP socket for a loopback test server (port 0: a free one)."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise ConformanceError(f"{what} cannot listen on port {port!r}: a port is 0-65535")
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted sockets inherit it: without it, Nagle + delayed ACK stall each
        # response on a reused keep-alive connection by ~40 ms.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ConformanceError(f"{what} cannot listen on {host}:{port}: {exc}") from None
    return sock


def quiet_uvicorn(app: Any, *, graceful_shutdown_s: int, header_timeout_s: float = 0) -> uvicorn.Server:
    """uvicorn serving `app` over h11, without logs, lifespan or headers of its own; with
    `header_timeout_s`, connections that do not send a whole request head in time are closed."""
    config = uvicorn.Config(
        app,
        http=_header_timeout_protocol(header_timeout_s) if header_timeout_s else "h11",
        ws="none",
        lifespan="off",
        interface="asgi3",
        log_config=None,
        access_log=False,
        server_header=False,
        date_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=graceful_shutdown_s,
    )
    return uvicorn.Server(config)


def _header_timeout_protocol(seconds: float) -> type[H11Protocol]:
    """uvicorn's h11 protocol with a header-read timeout, which uvicorn (0.55) lacks: its only
    timer is keep-alive, armed after a response and cancelled by the first byte of the next
    request, so a client that sends half a request head holds the socket forever."""

    class HeaderTimeoutH11(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._header_timer = self.loop.call_later(seconds, self._header_timeout)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            reading_head = self.conn.their_state is h11.IDLE and self.conn.trailing_data[0]
            if not reading_head:
                self._cancel_header_timer()
            elif self._header_timer is None:  # the first byte of a next request on a kept-alive connection
                self._header_timer = self.loop.call_later(seconds, self._header_timeout)

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_header_timer()
            super().connection_lost(exc)

        def _cancel_header_timer(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _header_timeout(self) -> None:
            self._header_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return HeaderTimeoutH11


class ReplayServer:
    """Serve a cassette on loopback; use as a context manager (`with ReplayServer(c) as s:`).

    `cassette`, `speed` and `drop_after_events` are what to play first (as `play()` takes
    them; `play()` switches cassettes later). `speed`: 1.0 is the recorded pace, 10 ten times
    faster, None as fast as possible. `drop_after_events`: drop the first connection after
    that many events (resume tests).
    `port=0` picks a free port. `on_end` is called (in the server thread) with each
    request's log when its response ends.

    `router` makes it a vendor double: each request is answered with the cassette the router
    picks from its method, path and body (played at `speed`), instead of the one `play()`
    loaded, so one server can answer a client's different requests (`conformance probe`
    tests itself against this).

    Memory stays flat however many requests come: only the last `max_logs` connection logs
    are kept (`MAX_CONNECTION_LOGS`, 1,000, by default; `on_end` sees every one). A
    connection that has not sent a whole request head within `header_timeout_s` of opening
    (or of the first byte of its next request) is closed, so half-sent requests cannot hold
    sockets forever.
    """

    def __init__(
        self,
        cassette: Cassette | str | Path | None = None,
        *,
        speed: float | None = 1.0,
        host: str = "127.0.0.1",
        port: int = 0,
        drop_after_events: int | None = None,
        extra_paths: Sequence[str] = (),
        on_end: Callable[[ConnectionLog], None] | None = None,
        router: Router | None = None,
        max_logs: int = MAX_CONNECTION_LOGS,
        header_timeout_s: float = HEADER_TIMEOUT_S,
    ) -> None:
        if not isinstance(max_logs, int) or max_logs < 1:
            raise ValueError(f"max_logs must be a positive integer, not {max_logs!r}")
        if not header_timeout_s > 0:
            raise ValueError(f"header_timeout_s must be positive, not {header_timeout_s!r}")
        self.host = host
        self.router = router
        self._routed_speed = speed
        self._routed_programs: dict[int, tuple[Cassette, Program]] = {}
        self._port = port
        self._extra_paths = tuple(extra_paths)
        self._on_end = on_end
        self.program: Program | None = None
        self._drop_pending = False
        self._lock = threading.Lock()
        self.max_logs = max_logs
        self._logs: collections.deque[ConnectionLog] = collections.deque(maxlen=max_logs)
        self._count = 0  # requests seen since the start or the last `clear()`
        self._header_timeout_s = header_timeout_s
        self._new_connection = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._uvicorn: uvicorn.Server | None = None
        self._app = _App(self)
        self._error: BaseException | None = None
        if cassette is not None:
            self.play(cassette, speed=speed, drop_after_events=drop_after_events)

    # -- what to serve ------------------------------------------------------------------------

    def play(
        self,
        cassette: Cassette | str | Path,
        *,
        speed: float | None = 1.0,
        drop_after_events: int | None = None,
    ) -> Program:
        """Serve `cassette` to the next requests (a path loads it). The drop, if any, applies
        to the next request that names no resume point."""
        if not isinstance(cassette, Cassette):
            cassette = load_cassette(cassette)
        program = Program.build(
            cassette, speed=speed, drop_after_events=drop_after_events, extra_paths=self._extra_paths
        )
        with self._lock:
            self.program = program
            self._drop_pending = drop_after_events is not None
        return program

    def program_for(self, cassette: Cassette) -> Program:
        """The prepared program of a routed cassette (built once per cassette object)."""
        with self._lock:
            cached = self._routed_programs.get(id(cassette))
            if cached is not None and cached[0] is cassette:
                return cached[1]
        program = Program.build(cassette, speed=self._routed_speed, drop_after_events=None)
        with self._lock:
            if len(self._routed_programs) >= 256:  # a router making cassettes per request stays bounded
                self._routed_programs.clear()
            self._routed_programs[id(cassette)] = (cassette, program)
        return program

    def _take_drop(self) -> bool:
        with self._lock:
            drop, self._drop_pending = self._drop_pending, False
            return drop

    # -- addresses ------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._thread is None:
            raise RuntimeError("the replay server is not running")
        return self._port

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT`: give it to an SDK as `base_url` (OpenAI: add `/v1`)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url(self, target: str | None = None) -> str:
        """The full URL of `target` (default: the cassette's own path and query)."""
        if target is None:
            if self.program is None:
                raise RuntimeError("no cassette is loaded")
            parts = urlsplit(self.program.cassette.uri)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return self.base_url + target

    # -- connection logs ------------------------------------------------------------------------

    @property
    def connections(self) -> list[ConnectionLog]:
        """The logs kept: the last `max_logs` requests', oldest first."""
        with self._lock:
            return list(self._logs)

    @property
    def requests(self) -> int:
        """Requests seen since the start or the last `clear()`: the index the next request
        will have in `wait_for_connection` (`len(connections)` stops growing at `max_logs`)."""
        with self._lock:
            return self._count

    def wait_for_connection(self, index: int = 0, timeout: float = 5.0) -> ConnectionLog:
        """The `index`-th request's log (0-based, counted since the start or the last `clear()`),
        waiting for it to arrive. `LookupError` if it is no longer kept (over `max_logs` ago)."""
        deadline = time.monotonic() + timeout
        with self._new_connection:
            while self._count <= index:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no request #{index} reached the replay server within {timeout} s")
                self._new_connection.wait(left)
            first_kept = self._count - len(self._logs)
            if index < first_kept:
                raise LookupError(f"request #{index}'s log is gone: only the last {self.max_logs} are kept")
            return self._logs[index - first_kept]

    def clear(self) -> None:
        """Forget the logs so far (request indexes and log ids start again from the next)."""
        with self._lock:
            self._logs.clear()
            self._count = 0

    def _new_log(self, **fields: Any) -> ConnectionLog:
        with self._new_connection:
            self._count += 1
            log = ConnectionLog(id=self._count, started_at=time.perf_counter(), **fields)
            self._logs.append(log)  # a deque with maxlen: the oldest falls out
            self._new_connection.notify_all()
            return log

    def _ended(self, log: ConnectionLog) -> None:
        if self._on_end is not None:
            self._on_end(log)

    # -- running ----------------------------------------------------------------------------------

    def start(self) -> ReplayServer:
        if self._thread is not None:
            raise RuntimeError("the replay server is already running")
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = listening_socket(family, self.host, self._port, what="replay server")
        self._port = sock.getsockname()[1]
        self._uvicorn = quiet_uvicorn(
            self._app, graceful_shutdown_s=2, header_timeout_s=self._header_timeout_s
        )
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(sock, ready), name=f"conformance-replay:{self._port}", daemon=True
        )
        self._thread.start()
        ready.wait(10)
        if not self._uvicorn.started:
            self.stop()
            raise ConformanceError(f"replay server failed to start: {self._error!r}")
        return self

    def _run(self, sock: socket.socket, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main(sock, ready))
        except BaseException as exc:  # reported by start(); the thread must end quietly
            self._error = exc
        finally:
            ready.set()
            sock.close()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _main(self, sock: socket.socket, ready: threading.Event) -> None:
        assert self._uvicorn is not None
        serving = asyncio.ensure_future(self._uvicorn.serve(sockets=[sock]))
        while not self._uvicorn.started and not serving.done():
            await asyncio.sleep(0.001)
        ready.set()
        await serving

    def stop(self) -> None:
        """Stop serving: running responses are cut, the thread is joined."""
        thread, loop = self._thread, self._loop
        if thread is None:
            return
        if self._uvicorn is not None:
            self._uvicorn.should_exit = True
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed in between
                loop.call_soon_threadsafe(self._app.stop_all)
        thread.join(15)
        if thread.is_alive():
            raise ConformanceError("replay server thread did not stop within 15 s")
        self._thread = self._loop = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def serve(
    cassette: Cassette | str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    speed: float | None = 1.0,
    on_start: Callable[[ReplayServer], None] | None = None,
    on_end: Callable[[ConnectionLog], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve until `stop` is set or the process is interrupted (Ctrl-C, which returns normally)."""
    with ReplayServer(cassette, host=host, port=port, speed=speed, on_end=on_end) as server:
        if on_start is not None:
            on_start(server)
        waiter = stop or threading.Event()
        with contextlib.suppress(KeyboardInterrupt):
            while not waiter.wait(0.2):
                pass
