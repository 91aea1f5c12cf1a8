"""`ReplayServer`: the replay app served by uvicorn in a thread of its own, and its lifecycle.

uvicorn (h11) runs the app (`replay.app`) in a background thread with its own event loop,
on a socket bound here (so the port is known before the thread starts). The server holds
what to play (`play()`), the connection logs (the last `max_logs`), and start/stop.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import uvicorn

from conformance.errors import ConformanceError
from conformance.formats.cassettes import Cassette, load_cassette
from conformance.live.replay.app import Router, _App
from conformance.live.replay.logs import ConnectionLog
from conformance.live.replay.loopback import listening_socket, quiet_uvicorn
from conformance.live.replay.program import Program

MAX_CONNECTION_LOGS = 1000
"""Connection logs a `ReplayServer` keeps by default: the last 1,000 requests' (each a few KB)."""

HEADER_TIMEOUT_S = 10.0
"""Seconds a connection may take to send a whole request head before it is closed."""


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
        close_connection: bool = False,
    ) -> Program:
        """Serve `cassette` to the next requests (a path loads it). The drop, if any, applies
        to the next request that names no resume point. `close_connection`: answer with
        `Connection: close` (no keep-alive)."""
        if not isinstance(cassette, Cassette):
            cassette = load_cassette(cassette)
        program = Program.build(
            cassette,
            speed=speed,
            drop_after_events=drop_after_events,
            extra_paths=self._extra_paths,
            close_connection=close_connection,
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
