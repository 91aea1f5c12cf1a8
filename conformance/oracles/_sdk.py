"""What the official-SDK oracles share, so that each oracle module keeps only its SDK's reading.

- `needs(oracle, name)`: import an optional SDK by name, or ImportError naming the extra
  (by name, at call time: an oracle module's own name would otherwise read like the SDK's).
- `mock_client(body, chunks)` / `mock_transport(...)`: an `httpx2` (or `httpx`, for SDKs
  still on it) in-memory transport that answers every request with `body`, streamed in
  `chunks`: the SDK's own reader sees the splits, and nothing touches the network. For SDKs
  whose client is cheap to build (a millisecond or less), one per call.
- `shared_client(key, build)` and `serving(body, chunks)`: one SDK client per thread and
  configuration, built once over an in-memory transport that answers with the body the
  thread is serving at the time. For SDKs whose client costs far more to build than a read
  (`genai.Client` ~47 ms: two SSL contexts and pydantic models; `Mistral` ~28 ms; the read
  ~1 ms), which the property tests call thousands of times. A request made while nothing is
  served raises `NotServingError`, so no client ever answers with a stale body.
- `reported(out)`: run the SDK call; its exception becomes the documented result,
  `out["sdk_error"] = "<exception class>: <message>"` (plus `error` when the exception
  carries the vendor's error), because the SDK's failure is the oracle's answer.
- `json_arguments(text)`: tool-call argument text as the oracles compare it.
"""

from __future__ import annotations

import importlib
import json
import re
import threading
import warnings
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

SSE = "text/event-stream"

ErrorReader = Callable[[Exception], "dict[str, str] | None"]
"""Reads the vendor's `{type, message}` error out of an SDK exception (None: it has none)."""


def needs(oracle: str, name: str) -> Any:
    """The module `name`, or ImportError saying which oracle needs it and how to get it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(f"{oracle} needs {name!r}: pip install 'stream-conformance[dev]'") from exc


def body_pieces(body: bytes, chunks: list[bytes] | None) -> list[bytes]:
    """The chunks to serve (`[body]` when none are given); ValueError if they are not `body`."""
    pieces = list(chunks) if chunks is not None else [body]
    if b"".join(pieces) != body:
        raise ValueError("chunks do not add up to body")
    return pieces


def mock_transport(
    body: bytes,
    chunks: list[bytes] | None = None,
    *,
    status: int = 200,
    content_type: str = SSE,
    library: str = "httpx2",
) -> Any:
    """A `library.MockTransport` answering every request with `body`, streamed in `chunks`."""
    http = needs("the SDK oracles", library)
    pieces = body_pieces(body, chunks)

    def stream_body() -> Iterator[bytes]:
        yield from pieces

    def handler(request: Any) -> Any:
        return http.Response(status, headers={"content-type": content_type}, content=stream_body())

    return http.MockTransport(handler)


def mock_client(
    body: bytes, chunks: list[bytes] | None = None, *, library: str = "httpx2", **options: Any
) -> Any:
    """A `library.Client` on `mock_transport(...)` (same options), to hand to the SDK (close it after)."""
    transport = mock_transport(body, chunks, library=library, **options)
    return needs("the SDK oracles", library).Client(transport=transport)


class NotServingError(RuntimeError):
    """An SDK request reached a shared transport while its thread served no body: the SDK
    call was made outside `serving(...)`."""


@dataclass(frozen=True)
class _Served:
    pieces: tuple[bytes, ...]
    status: int
    content_type: str


_thread = threading.local()
"""Per thread: `served` (the `_Served` being answered, or absent) and `clients` (the shared
SDK clients by key). Per thread because the SDK call and its transport's handler run on the
caller's thread, and two threads must never answer with each other's body."""

Client = TypeVar("Client")


@contextmanager
def serving(
    body: bytes, chunks: list[bytes] | None = None, *, status: int = 200, content_type: str = SSE
) -> Iterator[None]:
    """Within the block, every request this thread makes through a `shared_client` is
    answered with `body`, streamed in `chunks` (ValueError if they are not `body`). On leaving,
    the thread serves what it served before (nothing, outside any other `serving`)."""
    served = _Served(tuple(body_pieces(body, chunks)), status, content_type)
    previous = getattr(_thread, "served", None)
    _thread.served = served
    try:
        yield
    finally:
        _thread.served = previous


def shared_client(key: Hashable, build: Callable[[Any], Client], *, library: str = "httpx2") -> Client:
    """This thread's SDK client for `key`: `build(http_client)` on the first call, the same
    object after. `http_client` is a `library.Client` whose in-memory transport answers with
    the body being `serving`; `key` names the configuration (every option `build` passes)."""
    clients: dict[Hashable, Any] = _thread.__dict__.setdefault("clients", {})
    if (key, library) not in clients:
        http = needs("the SDK oracles", library)
        clients[key, library] = build(http.Client(transport=http.MockTransport(_serve_with(http))))
    return clients[key, library]  # type: ignore[no-any-return]


def drop_clients() -> None:
    """Forget this thread's shared clients: the next `shared_client` call builds anew (as the
    per-call clients did; the tests compare the two)."""
    _thread.__dict__.pop("clients", None)


def _serve_with(http: Any) -> Callable[[Any], Any]:
    """The transport's handler: the body this thread is serving, as a `http.Response`."""

    def handler(request: Any) -> Any:
        served: _Served | None = getattr(_thread, "served", None)
        if served is None:
            raise NotServingError(
                f"{request.method} {request.url}: an SDK request while no body is being served "
                "(make the SDK call inside `serving(body, chunks)`)"
            )
        # a generator, as `mock_transport` serves: a second read raises StreamConsumed
        content = (piece for piece in served.pieces)
        return http.Response(served.status, headers={"content-type": served.content_type}, content=content)

    return handler


def sdk_error(exc: BaseException) -> str:
    """`"<exception class>: <message>"`, the oracles' `sdk_error`."""
    return f"{type(exc).__name__}: {exc}"


@contextmanager
def reported(
    out: dict[str, Any],
    *,
    catch: tuple[type[Exception], ...] = (Exception,),
    error: ErrorReader | None = None,
) -> Iterator[None]:
    """Run the SDK call in the block; an exception of `catch` ends the block and is put in
    `out`: `sdk_error`, and `error` when `error(exc)` reads one. Other exceptions propagate."""
    try:
        yield
    except catch as exc:
        out["sdk_error"] = sdk_error(exc)
        found = error(exc) if error is not None else None
        if found is not None:
            out["error"] = found


@contextmanager
def own_deprecations_silenced(package: str) -> Iterator[None]:
    """Run the SDK call in the block without the deprecation warnings `package` raises about
    its own use of its dependencies (cohere's v1 reader reads pydantic's deprecated `__fields__`
    once per event: 12,990 warnings in one run of the kit's tests). They are the SDK's to fix,
    not the user's; warnings from anywhere else pass as before."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=rf"{re.escape(package)}(\.|$)")
        yield


def json_arguments(text: str | None) -> Any:
    """Arguments text parsed with `json.loads`; `{}` when empty, the raw text when not JSON."""
    if not text or not text.strip():
        return {}
    try:
        return json.loads(text)
    except ValueError:
        return text
