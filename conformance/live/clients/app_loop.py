"""The application around a client: the one event loop async reference clients run on.

A reference client does what its name says and nothing more: the HTTP client or SDK client
it makes stays open after the cancel, as an application's long-lived client does, and is
closed by `ClientRun.cleanup` only once the check is done, so closing it cannot hide a
connection the cancel left open. Async clients run on one loop that keeps running in its
own thread (`client_loop`), as an application's loop does: a close scheduled on the loop,
or an async generator finalized by the collector, happens then, not at a loop's shutdown.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

_loop: asyncio.AbstractEventLoop | None = None
_loop_lock = threading.Lock()
ASYNC_TIMEOUT_S = 60.0
"""How long one async client run may take before it is reported as hung."""


def client_loop() -> asyncio.AbstractEventLoop:
    """The event loop async reference clients run on, started on first use, running until exit."""
    global _loop
    with _loop_lock:
        if _loop is None:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="conformance-async-clients", daemon=True).start()
            _loop = loop
        return _loop


def run_async(make: Callable[[], Coroutine[Any, Any, T]], timeout: float = ASYNC_TIMEOUT_S) -> T:
    """Run a coroutine on `client_loop()` from plain code, and return its result."""
    future = asyncio.run_coroutine_threadsafe(make(), client_loop())
    try:
        return future.result(timeout)
    except concurrent.futures.TimeoutError:
        future.cancel()
        raise TimeoutError(f"an async client did not finish within {timeout} s") from None


def closing_async(aclose: Callable[[], Coroutine[Any, Any, Any]]) -> Callable[[], None]:
    """A `ClientRun.cleanup` that closes an async client on its loop."""
    return lambda: run_async(aclose)
