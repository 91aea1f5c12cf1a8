"""Whole-client mode: the user's real HTTP client against a loopback server playing each cassette.

A parser is half the story: the HTTP client around it drops bytes too (a short read taken
for the end of the stream, a chunk that ends mid-line). An `AdapterSuite` that defines
`request(self, base_url)` instead of `parse` is checked through its client: for each body a
check needs, `HttpClient.fetch` has `PieceServer` answer the next request with the
cassette's recorded status and headers and the body in the pieces the check chose, then
calls `request(base_url)` (sync, or async on the suite's loop, see `conformance.suite.aio`).

Strategy: uvicorn (h11) runs a small ASGI app in a background thread, on a loopback socket
bound here with TCP_NODELAY (accepted sockets inherit it, so a piece is not held back
waiting for the client's delayed ACK). Whatever its method and path, a request gets the
response: each piece is its own `http.response.body` message, hence its own transfer
chunk and its own write, `PIECE_GAP_S` after the previous one, so that pieces reach the
client as separate reads. The server notes each request's method and target (path and
query); the `request` check compares them with what the vendor requires (`RequestShape`):
the cassette's method, its path with the parts a user chooses (model, deployment, project,
region) left open, and the query parameters the stream depends on (Gemini's `alt=sse`).
One server per process serves every suite (started on first use, stopped at exit);
fetches are serialized.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import re
import socket
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import uvicorn
from hypothesis import strategies as st

from conformance.errors import ConformanceError
from conformance.formats.cassettes import Cassette
from conformance.live.replay.loopback import listening_socket, quiet_uvicorn
from conformance.live.replay.program import SKIPPED_HEADERS
from conformance.suite import aio
from conformance.suite.strategies import interesting_offsets, split_at

PIECE_GAP_S = 0.001
"""Pause between two pieces of a body: long enough for each to arrive as its own read."""
MAX_CUTS = 8
"""At most this many cuts per Hypothesis chunking in client mode (each piece costs a pause)."""

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


@st.composite
def request_chunkings(draw: st.DrawFn, body: bytes, *, max_cuts: int = MAX_CUTS) -> list[bytes]:
    """A body cut at up to `max_cuts` points, favouring where parsers break (see `strategies`);
    shrinks towards fewer cuts."""
    n = len(body)
    if n < 2:
        return [body] if body else []
    anywhere = st.integers(1, n - 1)
    interesting = interesting_offsets(body)
    cut = st.one_of(anywhere, st.sampled_from(interesting)) if interesting else anywhere
    return split_at(body, draw(st.lists(cut, max_size=min(n - 1, max_cuts), unique=True)))


# Path segments a user chooses, so any value is right: the segment after each of these.
# Sources: https://ai.google.dev/api/generate-content (models/{model}); Vertex AI REST
# (projects/{project}/locations/{location}/publishers/google/models/{model}); Bedrock
# ConverseStream (/model/{modelId}/converse-stream); Azure OpenAI (deployments/{deployment}).
USER_CHOSEN_AFTER = ("models", "model", "deployments", "projects", "locations", "tunedModels")
# Query parameters the response's shape depends on: without `alt=sse` Gemini and Vertex answer
# a JSON array, not server-sent events (https://ai.google.dev/api/generate-content).
REQUIRED_QUERY = frozenset({"alt"})


@dataclass(frozen=True)
class RequestShape:
    """What a client must send to get a cassette's stream: method, path, required query."""

    method: str
    path: re.Pattern[str]
    query: tuple[tuple[str, str], ...]
    shown: str
    """The path as a person reads it, user-chosen parts as `{model}`-style placeholders."""

    @classmethod
    def of(cls, cassette: Cassette) -> RequestShape:
        parts = urlsplit(cassette.uri)
        segments = (parts.path or "/").split("/")
        pattern, shown = [], []
        for i, segment in enumerate(segments):
            previous = segments[i - 1] if i else ""
            if previous in USER_CHOSEN_AFTER and segment:
                # A model may end in `:streamGenerateContent`: only the name before it is free.
                _name, colon, verb = unquote(segment).partition(":")
                pattern.append(r"[^/:]+" + (re.escape(colon + verb) if colon else ""))
                shown.append("{" + previous.rstrip("s") + "}" + colon + verb)
            else:
                pattern.append(re.escape(unquote(segment)))
                shown.append(segment)
        query = tuple((k, v) for k, v in parse_qsl(parts.query) if k in REQUIRED_QUERY)
        return cls(cassette.method.upper(), re.compile("/".join(pattern)), query, "/".join(shown))

    def problems(self, method: str, target: str) -> list[str]:
        """What `method target` (a path with its query) misses; empty when it is right."""
        parts = urlsplit(target)
        out = []
        if method.upper() != self.method:
            out.append(f"method {method.upper()}, not {self.method}")
        if not self.path.fullmatch(unquote(parts.path or "/")):
            out.append(f"path {parts.path or '/'}, not {self.shown}")
        sent = dict(parse_qsl(parts.query))
        out += [f"query parameter {k}={v} missing" for k, v in self.query if sent.get(k) != v]
        return out

    def __str__(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in self.query)
        return f"{self.method} {self.shown}" + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Response:
    """What the server answers: status, headers, and the body in pieces."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    pieces: tuple[bytes, ...]

    @classmethod
    def of(cls, cassette: Cassette, pieces: Iterable[bytes]) -> Response:
        headers = [
            (name.lower().encode("latin-1"), value.encode("latin-1", "replace"))
            for name, values in cassette.response_headers.items()
            if name.lower() not in SKIPPED_HEADERS
            for value in values
        ]
        if not any(name == b"content-type" for name, _ in headers):
            headers.append((b"content-type", b"text/event-stream"))
        return cls(cassette.status, tuple(headers), tuple(p for p in pieces if p))


class _App:
    """The ASGI app: every request gets `response`, and leaves its method and target in `seen`."""

    def __init__(self) -> None:
        self.response: Response | None = None
        self.seen: list[tuple[str, str]] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        query = bytes(scope.get("query_string") or b"").decode("latin-1")
        target = str(scope["path"]) + (f"?{query}" if query else "")
        self.seen.append((str(scope["method"]).upper(), target))
        while True:  # read the request body first, as a server does before it answers
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            if not message.get("more_body"):
                break
        response = self.response
        if response is None:
            body = b'{"error": {"type": "no_cassette", "message": "client mode: nothing is being served"}}'
            await send({"type": "http.response.start", "status": 503, "headers": []})
            await send({"type": "http.response.body", "body": body})
            return
        await send(
            {"type": "http.response.start", "status": response.status, "headers": list(response.headers)}
        )
        for i, piece in enumerate(response.pieces):
            if i:
                await asyncio.sleep(PIECE_GAP_S)
            await send({"type": "http.response.body", "body": piece, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


class PieceServer:
    """A loopback HTTP/1.1 server answering every request with one `Response`; a context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = 0
        self._app = _App()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @contextlib.contextmanager
    def serving(self, response: Response) -> Iterator[list[tuple[str, str]]]:
        """Answer requests with `response` inside the block; yields the (method, path?query) seen."""
        with self._lock:
            seen: list[tuple[str, str]] = []
            self._app.response, self._app.seen = response, seen
            try:
                yield seen
            finally:
                self._app.response = None

    def start(self) -> PieceServer:
        sock = listening_socket(socket.AF_INET, self.host, 0, what="client mode server")
        self.port = sock.getsockname()[1]
        self._server = server = quiet_uvicorn(self._app, graceful_shutdown_s=1)
        self._thread = threading.Thread(
            target=lambda: asyncio.run(server.serve(sockets=[sock])),
            name=f"conformance-client-mode:{self.port}",
            daemon=True,
        )
        self._thread.start()
        while not server.started and self._thread.is_alive():
            self._thread.join(0.001)
        if not server.started:
            sock.close()
            raise ConformanceError("client mode: the loopback server did not start")
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(5)
        self._server = self._thread = None

    def __enter__(self) -> PieceServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


_shared: PieceServer | None = None
_shared_lock = threading.Lock()


def shared_server() -> PieceServer:
    """The process's server, started on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = PieceServer().start()
            atexit.register(stop_shared_server)
        return _shared


def stop_shared_server() -> None:
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.stop()
            _shared = None


_serving: Cassette | None = None


def served_cassette() -> Cassette:
    """The cassette being served to the running `request(base_url)`: its recorded request is
    the scenario's (the model a Gemini path names, the tools an OpenAI body declares), for a
    client that must send the same; RuntimeError outside a request."""
    if _serving is None:
        raise RuntimeError("served_cassette() is for a suite's request(base_url), while it runs")
    return _serving


class HttpClient:
    """A suite's `request(base_url)` as `checks.Client`: what the checks call in client mode."""

    def __init__(
        self,
        request: Callable[[str], Any],
        *,
        timeout: float | None = aio.DEFAULT_TIMEOUT_S,
        max_examples: int = 10,
    ) -> None:
        self._request = request
        self._timeout = timeout
        self._max_examples = max_examples
        self._seen: list[tuple[str, str]] = []

    def fetch(self, cassette: Cassette, pieces: Iterable[bytes]) -> Any:
        global _serving
        server = shared_server()
        with server.serving(Response.of(cassette, pieces)) as seen:
            _serving = cassette
            try:
                if aio.is_async(self._request):
                    return aio.run(
                        lambda: self._request(server.base_url), timeout=self._timeout, what="request"
                    )
                return self._request(server.base_url)
            finally:
                self._seen = list(seen)
                _serving = None

    def requests(self) -> list[tuple[str, str]]:
        return list(self._seen)

    def chunkings(self, body: bytes) -> st.SearchStrategy[list[bytes]]:
        return request_chunkings(body)

    @property
    def max_examples(self) -> int:
        return self._max_examples
