"""Async parsers and clients, driven from the suite's plain functions on the suite's own event loop.

Most parsers in the wild are async: `async def parse(chunks: AsyncIterator[bytes])`, or an
async generator of snapshots. The checks call plain functions (`checks.Target.parse`), so
`sync_parse` and `sync_incremental` wrap an async callable into one: the chunks become an
async iterator that yields to the loop before each chunk (code that depends on chunk timing
runs as on a live stream, other tasks get their turn), and the coroutine runs on a loop the
suite owns, one per thread and reused (a new loop per call would dominate a Hypothesis run).
Called from inside a running loop, it runs on a helper thread's loop instead (asyncio does
not nest). No pytest-asyncio or anyio plugin is needed.

A coroutine that never finishes (awaiting a chunk after the last one) is cancelled after
`timeout` seconds and reported as `ParserHung`, so a run never hangs.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import inspect
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

DEFAULT_TIMEOUT_S = 60.0
"""How long one async parse or request may take before it is reported as hung."""


class ParserHung(Exception):
    """An async parser or client did not finish within its timeout (not a typed error)."""


_local = threading.local()


def _loop() -> asyncio.AbstractEventLoop:
    loop: asyncio.AbstractEventLoop | None = getattr(_local, "loop", None)
    if loop is None or loop.is_closed():
        loop = asyncio.new_event_loop()
        _local.loop = loop
        atexit.register(_close, loop)
    return loop


def _close(loop: asyncio.AbstractEventLoop) -> None:
    if not loop.is_closed() and not loop.is_running():
        with contextlib.suppress(Exception):
            loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


async def _guarded(make: Callable[[], Awaitable[T]], timeout: float | None, what: str) -> T:
    task = asyncio.ensure_future(make())
    done, _ = await asyncio.wait({task}, timeout=timeout)
    if not done:
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
        raise ParserHung(
            f"{what} did not finish within {timeout:g} s (does it await more after the last chunk?)"
        )
    return task.result()


def run(
    make: Callable[[], Awaitable[T]], *, timeout: float | None = DEFAULT_TIMEOUT_S, what: str = "parse"
) -> T:
    """Run the awaitable `make()` returns to completion on the suite's loop; its result or exception."""
    try:
        running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is None:  # outside the `except`: the parser's exceptions carry no "no running event loop"
        return _loop().run_until_complete(_guarded(make, timeout, what))
    with ThreadPoolExecutor(1, thread_name_prefix="conformance-aio") as pool:  # inside a running loop
        return pool.submit(lambda: asyncio.run(_guarded(make, timeout, what))).result()


async def achunks(chunks: Iterable[bytes]) -> AsyncIterator[bytes]:
    """`chunks` as an async iterator that yields to the loop before each chunk, as a socket read does."""
    for chunk in chunks:
        await asyncio.sleep(0)
        yield chunk


def is_async(fn: Callable[..., Any]) -> bool:
    return inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn)


async def _last(items: AsyncIterator[Any]) -> Any:
    """The last item of an async iterator (an async-generator `parse` yields its Message last)."""
    last = None
    try:
        async for item in items:
            last = item
    finally:
        await _aclose(items)
    return last


async def _aclose(items: Any) -> None:
    """Close an async generator at once (not when the loop's finalizer gets to it)."""
    aclose = getattr(items, "aclose", None)
    if aclose is not None:
        await aclose()


def sync_parse(
    fn: Callable[..., Any], *, timeout: float | None = DEFAULT_TIMEOUT_S
) -> Callable[[Iterable[bytes]], Any]:
    """`fn` as a plain function of chunks: itself if sync; an `async def` awaited, an async
    generator read to its last item, each fed an `achunks` iterator."""
    if inspect.isasyncgenfunction(fn):
        return lambda chunks: run(lambda: _last(fn(achunks(chunks))), timeout=timeout)
    if inspect.iscoroutinefunction(fn):
        return lambda chunks: run(lambda: fn(achunks(chunks)), timeout=timeout)
    return fn


def sync_incremental(
    fn: Callable[..., Any], *, timeout: float | None = DEFAULT_TIMEOUT_S
) -> Callable[[Iterable[bytes]], Iterator[Any]]:
    """`fn` (snapshots of chunks) as a plain function returning an iterator of snapshots.

    An async generator, or an `async def` returning an async iterator, is run to its end
    first; the snapshots it yielded come out, then whatever it raised. Chunks with an
    `observe(snapshot)` method (`liveness.WatchedChunks`) see each snapshot as it is yielded,
    between the pulls it comes between.
    """
    if not is_async(fn):
        return fn

    def call(chunks: Iterable[bytes]) -> Iterator[Any]:
        out: list[Any] = []

        async def collect() -> None:
            items = fn(achunks(chunks))
            if inspect.isawaitable(items):
                items = await items
            observe = getattr(chunks, "observe", None)
            try:
                async for snapshot in items:
                    out.append(snapshot)
                    if observe is not None:
                        observe(snapshot)
            finally:
                await _aclose(items)

        error: Exception | None = None
        try:
            run(collect, timeout=timeout, what="parse_incremental")
        except Exception as exc:
            error = exc
        yield from out
        if error is not None:
            raise error

    return call
