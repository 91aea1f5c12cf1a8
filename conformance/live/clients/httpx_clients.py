"""The kit's own reference clients on httpx: sync (`response.close()`, leaving
`with client.stream(...)`, `break` out of `iter_lines`) and async (`aclose()`, asyncio task
cancellation, an anyio cancel scope). Each leaves its application's client open until
`ClientRun.cleanup`, so closing it cannot hide a connection the cancel left open."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable

import anyio
import httpx

from conformance.live.cancel.resources import pending_tasks
from conformance.live.cancel.verdict import ClientRun
from conformance.live.clients.app_loop import closing_async, run_async
from conformance.live.clients.base import TIMEOUT, Collector, Endpoint, at_cancel_point, by_name

# -- httpx, sync --------------------------------------------------------------------------------


def httpx_close(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`client.send(..., stream=True)`, read, then `response.close()`."""
    collector = Collector(target.vendor)
    client = httpx.Client(timeout=TIMEOUT)
    response = client.send(client.build_request("POST", target.url, content=target.body), stream=True)
    for chunk in response.iter_bytes():
        collector.feed(chunk)
        if at_cancel_point(collector, cancel_after):
            cancelled_at = time.perf_counter()
            response.close()
            return ClientRun(collector.cancelled(), collector.events, cancelled_at, cleanup=client.close)
    response.close()
    return ClientRun(collector.finished(), collector.events, cleanup=client.close)


def httpx_with_block(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`with client.stream(...)`: `break` out of `iter_bytes()` and leave the block."""
    collector = Collector(target.vendor)
    cancelled_at = None
    client = httpx.Client(timeout=TIMEOUT)
    with client.stream("POST", target.url, content=target.body) as response:
        for chunk in response.iter_bytes():
            collector.feed(chunk)
            if at_cancel_point(collector, cancel_after):
                cancelled_at = time.perf_counter()
                break
    return collector.run(cancelled_at, client.close)


def httpx_iter_lines_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`break` out of `response.iter_lines()` inside `with client.stream(...)`."""
    collector = Collector(target.vendor)
    cancelled_at = None
    client = httpx.Client(timeout=TIMEOUT)
    with client.stream("POST", target.url, content=target.body) as response:
        for line in response.iter_lines():
            collector.feed(line.encode("utf-8") + b"\n")
            if at_cancel_point(collector, cancel_after):
                cancelled_at = time.perf_counter()
                break
    return collector.run(cancelled_at, client.close)


# -- httpx, async ---------------------------------------------------------------------------------


def httpx_async_aclose(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`AsyncClient.send(..., stream=True)`, read, then `await response.aclose()`."""
    client = httpx.AsyncClient(timeout=TIMEOUT)

    async def main() -> ClientRun:
        before = asyncio.all_tasks()
        collector = Collector(target.vendor)
        request = client.build_request("POST", target.url, content=target.body)
        response = await client.send(request, stream=True)
        async for chunk in response.aiter_bytes():
            collector.feed(chunk)
            if at_cancel_point(collector, cancel_after):
                cancelled_at = time.perf_counter()
                await response.aclose()
                await _settle()
                return ClientRun(collector.cancelled(), collector.events, cancelled_at, pending_tasks(before))
        await response.aclose()
        return ClientRun(collector.finished(), collector.events)

    return _with_cleanup(run_async(main), closing_async(client.aclose))


def asyncio_task_cancel(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """A task reads the stream; another cancels it (`task.cancel()`) once enough arrived."""
    client = httpx.AsyncClient(timeout=TIMEOUT)

    async def main() -> ClientRun:
        before = asyncio.all_tasks()
        collector = Collector(target.vendor)
        reached = asyncio.Event()

        async def read() -> None:
            async with client.stream("POST", target.url, content=target.body) as response:
                async for chunk in response.aiter_bytes():
                    collector.feed(chunk)
                    if at_cancel_point(collector, cancel_after):
                        reached.set()

        task = asyncio.ensure_future(read())
        waiter = asyncio.ensure_future(reached.wait())
        await asyncio.wait([task, waiter], return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await waiter
        if task.done():
            task.result()
            return ClientRun(collector.finished(), collector.events)
        cancelled_at = time.perf_counter()
        consumed = collector.events
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await _settle()
        return ClientRun(collector.cancelled(), consumed, cancelled_at, pending_tasks(before))

    return _with_cleanup(run_async(main), closing_async(client.aclose))


def anyio_cancel_scope(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """Reading inside an anyio `CancelScope`, cancelled from within once enough arrived."""
    client = httpx.AsyncClient(timeout=TIMEOUT)

    async def main() -> ClientRun:
        before = asyncio.all_tasks()
        collector = Collector(target.vendor)
        cancelled_at = None
        consumed = 0
        with anyio.CancelScope() as scope:
            async with client.stream("POST", target.url, content=target.body) as response:
                async for chunk in response.aiter_bytes():
                    collector.feed(chunk)
                    if cancelled_at is None and at_cancel_point(collector, cancel_after):
                        cancelled_at, consumed = time.perf_counter(), collector.events
                        scope.cancel()
        if cancelled_at is None:
            return ClientRun(collector.finished(), collector.events)
        await _settle()
        return ClientRun(collector.cancelled(), consumed, cancelled_at, pending_tasks(before))

    return _with_cleanup(run_async(main), closing_async(client.aclose))


def _with_cleanup(run: ClientRun, cleanup: Callable[[], None]) -> ClientRun:
    run.cleanup = cleanup
    return run


async def _settle() -> None:
    """Let the loop run the callbacks a close schedules (asyncio closes sockets on the next turn)."""
    for _ in range(3):
        await asyncio.sleep(0)


SYNC_CONSUMERS = by_name(httpx_close, httpx_with_block, httpx_iter_lines_break)
ASYNC_CONSUMERS = by_name(httpx_async_aclose, asyncio_task_cancel, anyio_cancel_scope)
