"""Loopback test servers' plumbing: a listening socket, and uvicorn quiet and with a header timeout.

Shared by the replay server and client mode's piece server (`suite.client_mode`).
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from conformance.errors import ConformanceError


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
