"""Three deliberately bad httpx clients that show what the cancel checks catch: one reads on
after cancelling, one never closes its response, one leaves its stream in a reference cycle
that only the garbage collector frees."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx

from conformance.live.cancel.verdict import ClientRun
from conformance.live.clients.base import TIMEOUT, Collector, Endpoint, at_cancel_point, by_name


def httpx_reads_on(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """BAD: says it cancelled, but reads the rest of the stream before closing."""
    collector = Collector(target.vendor)
    cancelled_at, message, consumed = None, None, 0
    client = httpx.Client(timeout=TIMEOUT)
    with client.stream("POST", target.url, content=target.body) as response:
        for chunk in response.iter_bytes():
            if cancelled_at is not None:
                continue  # the bug: discarding, but still reading
            collector.feed(chunk)
            if at_cancel_point(collector, cancel_after):
                cancelled_at, consumed = time.perf_counter(), collector.events
                message = collector.cancelled()
    if message is None:
        return ClientRun(collector.finished(), collector.events, cleanup=client.close)
    return ClientRun(message, consumed, cancelled_at, cleanup=client.close)


def httpx_never_closes(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """BAD: stops reading at the cancel but never closes the response (nor the client).

    `ClientRun.cleanup` closes them, for the test to call once the check is done.
    """
    collector = Collector(target.vendor)
    client = httpx.Client(timeout=TIMEOUT)
    response = client.send(client.build_request("POST", target.url, content=target.body), stream=True)
    chunks = response.iter_bytes()
    chunks_held = [chunks]
    for chunk in chunks:
        collector.feed(chunk)
        if at_cancel_point(collector, cancel_after):
            cancelled_at = time.perf_counter()

            def cleanup() -> None:
                del chunks_held[:]  # the iterator too: dropping it would close the response
                response.close()
                client.close()

            return ClientRun(collector.cancelled(), collector.events, cancelled_at, cleanup=cleanup)
    response.close()
    client.close()
    return ClientRun(collector.finished(), collector.events)


class _Cycle:
    """What a stream wrapper with a reference cycle looks like: it holds its own generator,
    whose frame holds it back, so only the cycle collector can drop it."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.iterator = self._chunks()

    def _chunks(self) -> Iterator[bytes]:
        owner = self  # the cycle: generator frame -> self -> generator
        try:
            yield from owner.response.iter_bytes()
        finally:
            owner.response.close()


def httpx_cycle_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """BAD: `break` out of a stream wrapper held in a reference cycle, then drop it.

    The wrapper closes the response in its generator's `finally`, which runs only when the
    cycle collector frees the wrapper: with the collector running often it looks clean,
    with it paused the connection stays open (the `openai` SDK's streams are built so).
    """
    collector = Collector(target.vendor)
    client = httpx.Client(timeout=TIMEOUT)
    response = client.send(client.build_request("POST", target.url, content=target.body), stream=True)
    cancelled_at = None
    for chunk in _Cycle(response).iterator:
        collector.feed(chunk)
        if at_cancel_point(collector, cancel_after):
            cancelled_at = time.perf_counter()
            break
    del response
    if cancelled_at is None:
        return ClientRun(collector.finished(), collector.events, cleanup=client.close)
    return ClientRun(collector.cancelled(), collector.events, cancelled_at, cleanup=client.close)


BAD_CONSUMERS = by_name(httpx_reads_on, httpx_never_closes, httpx_cycle_break)
