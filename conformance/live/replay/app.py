"""The ASGI app of the replay server: routing, pacing the body, watching for the disconnect.

Each request to a path the program answers gets the cassette's status and headers at once,
then the body chunk by chunk at `chunk_times_ms / speed` after the request. A second task
per request waits on ASGI `receive()` for `http.disconnect`; the sender waits on the same
event between chunks, so it stops at once when the client goes away. Every step is written
to the request's `ConnectionLog`.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from conformance.formats.cassettes import Cassette
from conformance.live.replay.logs import ConnectionLog, Write
from conformance.live.replay.program import Program

if TYPE_CHECKING:
    from conformance.live.replay.server import ReplayServer

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
