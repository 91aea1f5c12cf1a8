"""What the official-SDK oracles share, so that each oracle module keeps only its SDK's reading.

- `needs(oracle, name)`: import an optional SDK by name, or ImportError naming the extra
  (by name, at call time: an oracle module's own name would otherwise read like the SDK's).
- `mock_client(body, chunks)` / `mock_transport(...)`: an `httpx2` (or `httpx`, for SDKs
  still on it) in-memory transport that answers every request with `body`, streamed in
  `chunks`: the SDK's own reader sees the splits, and nothing touches the network.
- `reported(out)`: run the SDK call; its exception becomes the documented result,
  `out["sdk_error"] = "<exception class>: <message>"` (plus `error` when the exception
  carries the vendor's error), because the SDK's failure is the oracle's answer.
- `json_arguments(text)`: tool-call argument text as the oracles compare it.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

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


def json_arguments(text: str | None) -> Any:
    """Arguments text parsed with `json.loads`; `{}` when empty, the raw text when not JSON."""
    if not text or not text.strip():
        return {}
    try:
        return json.loads(text)
    except ValueError:
        return text
