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

The parts, one job each:

- `program` — a cassette prepared for serving: routes, timed chunks, resume points, headers.
- `app` — the ASGI app: routing, pacing, watching for the disconnect.
- `logs` — `ConnectionLog` and its `Write`s: what happened on each request.
- `loopback` — the listening socket and the quiet uvicorn (shared with client mode).
- `server` — `ReplayServer`: the thread, its start and stop, and the logs it keeps; `serve`.

The names users import (`from conformance.live.replay import ReplayServer`) stay here.
"""

from __future__ import annotations

from conformance.live.replay.app import CONNECTION_HEADER, MAX_ROUTED_REQUEST_BYTES, Router
from conformance.live.replay.logs import ConnectionLog, Write
from conformance.live.replay.loopback import listening_socket, quiet_uvicorn
from conformance.live.replay.program import (
    RESUME_PATHS,
    SKIPPED_HEADERS,
    VENDOR_PATHS,
    Program,
    response_headers,
)
from conformance.live.replay.server import HEADER_TIMEOUT_S, MAX_CONNECTION_LOGS, ReplayServer, serve

__all__ = [
    "CONNECTION_HEADER",
    "HEADER_TIMEOUT_S",
    "MAX_CONNECTION_LOGS",
    "MAX_ROUTED_REQUEST_BYTES",
    "RESUME_PATHS",
    "SKIPPED_HEADERS",
    "VENDOR_PATHS",
    "ConnectionLog",
    "Program",
    "ReplayServer",
    "Router",
    "Write",
    "listening_socket",
    "quiet_uvicorn",
    "response_headers",
    "serve",
]
