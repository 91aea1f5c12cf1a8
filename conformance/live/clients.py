"""Reference clients: real HTTP clients that read a stream from the replay server and cancel it.

Each consumer takes a `Target` (where the stream is, whose it is) and `cancel_after` (cancel
once that many vendor events were consumed; None reads to the end) and returns a
`ClientRun` for `conformance.live.cancel.check_cancel`. They cover the ways Python code stops a
stream: httpx sync (`response.close()`, leaving `with client.stream(...)`, `break` out of
`iter_lines`), httpx async (`aclose()`, asyncio task cancellation, an anyio cancel scope),
and the official `anthropic` and `openai` SDKs (leaving `with ...stream(...)`,
`stream.close()`, `break` out of the iterator). Three deliberately bad clients (one reads on
after cancelling, one never closes its response, one leaves its stream in a reference cycle
that only the garbage collector frees) show what the checks catch.

Each client does what its name says and nothing more: the application's HTTP or SDK client
stays open after the cancel and is closed by `ClientRun.cleanup` once the check is done, so
closing it cannot hide a connection the cancel left open.

Every client builds its partial message the same way: the bytes (or the SDK's events,
re-encoded as SSE) go through the kit's adapter into an `Assembler`, and at the cancel
`Assembler.cancel()` marks the message cancelled.

The kit's own clients use `httpx`; the SDKs bring `httpx2`, and are imported only when
their consumer runs (they are in the `dev` extra).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import importlib
import json
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import anyio
import httpx

from conformance.adapters import make_adapter
from conformance.assembler import Assembler
from conformance.framing.sse import SSEDecoder
from conformance.live.cancel import ClientRun, cancelled_message, pending_tasks
from conformance.message import Message

TIMEOUT = httpx.Timeout(30.0, connect=5.0)
T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """Where a stream is served: the server's base URL, the request URL, the vendor, the request body."""

    base_url: str
    url: str
    vendor: str
    body: bytes = b"{}"

    @classmethod
    def of(cls, server: Any) -> Target:
        """The target a `ReplayServer` serves now (its cassette's path on its base URL)."""
        cassette = server.program.cassette
        body = (cassette.request_body or "{}").encode() if isinstance(cassette.request_body, str) else b"{}"
        return cls(server.base_url, server.url(), cassette.vendor, body)


Consumer = Callable[[Target, "int | None"], ClientRun]


def encode_sse(event: str | None, data: str, event_id: str | None = None) -> bytes:
    """One SSE event as bytes (multi-line data becomes several `data:` lines)."""
    lines = [f"id: {event_id}"] if event_id is not None else []
    if event and event != "message":
        lines.append(f"event: {event}")
    lines += [f"data: {line}" for line in data.split("\n")]
    return ("\n".join(lines) + "\n\n").encode("utf-8")


@dataclass
class Collector:
    """Bytes or events in, the message so far out: the kit's adapter and assembler, lenient."""

    vendor: str
    assembler: Assembler = field(init=False)

    def __post_init__(self) -> None:
        self._adapter = make_adapter(self.vendor, strict=False)
        self._adapter.vendor_events = []
        self.assembler = Assembler(self.vendor)

    @property
    def events(self) -> int:
        """Vendor events decoded so far."""
        return len(self._adapter.vendor_events or ())

    def feed(self, data: bytes) -> int:
        self.assembler.extend(self._adapter.feed(data))
        return self.events

    def feed_event(self, event: str | None, payload: Any) -> int:
        """An SDK's parsed event, given back to the adapter as the SSE it came from."""
        return self.feed(encode_sse(event, json.dumps(payload, separators=(",", ":"))))

    def cancelled(self) -> Message:
        return cancelled_message(self.assembler)

    def finished(self) -> Message:
        self.assembler.extend(self._adapter.close())
        return self.assembler.message()


def _reached(collector: Collector, cancel_after: int | None) -> bool:
    return cancel_after is not None and collector.events >= cancel_after


# -- the application around a client ------------------------------------------------------------
#
# A reference client does what its name says and nothing more: the HTTP client or SDK client
# it makes stays open after the cancel, as an application's long-lived client does, and is
# closed by `ClientRun.cleanup` only once the check is done, so closing it cannot hide a
# connection the cancel left open. Async clients run on one loop that keeps running in its
# own thread (`client_loop`), as an application's loop does: a close scheduled on the loop,
# or an async generator finalized by the collector, happens then, not at a loop's shutdown.

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


# -- httpx, sync --------------------------------------------------------------------------------


def httpx_close(target: Target, cancel_after: int | None) -> ClientRun:
    """`client.send(..., stream=True)`, read, then `response.close()`."""
    collector = Collector(target.vendor)
    client = httpx.Client(timeout=TIMEOUT)
    response = client.send(client.build_request("POST", target.url, content=target.body), stream=True)
    for chunk in response.iter_bytes():
        collector.feed(chunk)
        if _reached(collector, cancel_after):
            cancelled_at = time.perf_counter()
            response.close()
            return ClientRun(collector.cancelled(), collector.events, cancelled_at, cleanup=client.close)
    response.close()
    return ClientRun(collector.finished(), collector.events, cleanup=client.close)


def httpx_with_block(target: Target, cancel_after: int | None) -> ClientRun:
    """`with client.stream(...)`: `break` out of `iter_bytes()` and leave the block."""
    collector = Collector(target.vendor)
    cancelled_at = None
    client = httpx.Client(timeout=TIMEOUT)
    with client.stream("POST", target.url, content=target.body) as response:
        for chunk in response.iter_bytes():
            collector.feed(chunk)
            if _reached(collector, cancel_after):
                cancelled_at = time.perf_counter()
                break
    if cancelled_at is not None:
        return ClientRun(collector.cancelled(), collector.events, cancelled_at, cleanup=client.close)
    return ClientRun(collector.finished(), collector.events, cleanup=client.close)


def httpx_iter_lines_break(target: Target, cancel_after: int | None) -> ClientRun:
    """`break` out of `response.iter_lines()` inside `with client.stream(...)`."""
    collector = Collector(target.vendor)
    cancelled_at = None
    client = httpx.Client(timeout=TIMEOUT)
    with client.stream("POST", target.url, content=target.body) as response:
        for line in response.iter_lines():
            collector.feed(line.encode("utf-8") + b"\n")
            if _reached(collector, cancel_after):
                cancelled_at = time.perf_counter()
                break
    if cancelled_at is not None:
        return ClientRun(collector.cancelled(), collector.events, cancelled_at, cleanup=client.close)
    return ClientRun(collector.finished(), collector.events, cleanup=client.close)


# -- httpx, async ---------------------------------------------------------------------------------


def httpx_async_aclose(target: Target, cancel_after: int | None) -> ClientRun:
    """`AsyncClient.send(..., stream=True)`, read, then `await response.aclose()`."""
    client = httpx.AsyncClient(timeout=TIMEOUT)

    async def main() -> ClientRun:
        before = asyncio.all_tasks()
        collector = Collector(target.vendor)
        request = client.build_request("POST", target.url, content=target.body)
        response = await client.send(request, stream=True)
        async for chunk in response.aiter_bytes():
            collector.feed(chunk)
            if _reached(collector, cancel_after):
                cancelled_at = time.perf_counter()
                await response.aclose()
                await _settle()
                return ClientRun(collector.cancelled(), collector.events, cancelled_at, pending_tasks(before))
        await response.aclose()
        return ClientRun(collector.finished(), collector.events)

    return _with_cleanup(run_async(main), closing_async(client.aclose))


def asyncio_task_cancel(target: Target, cancel_after: int | None) -> ClientRun:
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
                    if _reached(collector, cancel_after):
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


def anyio_cancel_scope(target: Target, cancel_after: int | None) -> ClientRun:
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
                    if cancelled_at is None and _reached(collector, cancel_after):
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


# -- deliberately bad clients ---------------------------------------------------------------------


def httpx_reads_on(target: Target, cancel_after: int | None) -> ClientRun:
    """BAD: says it cancelled, but reads the rest of the stream before closing."""
    collector = Collector(target.vendor)
    cancelled_at, message, consumed = None, None, 0
    client = httpx.Client(timeout=TIMEOUT)
    with client.stream("POST", target.url, content=target.body) as response:
        for chunk in response.iter_bytes():
            if cancelled_at is not None:
                continue  # the bug: discarding, but still reading
            collector.feed(chunk)
            if _reached(collector, cancel_after):
                cancelled_at, consumed = time.perf_counter(), collector.events
                message = collector.cancelled()
    if message is None:
        return ClientRun(collector.finished(), collector.events, cleanup=client.close)
    return ClientRun(message, consumed, cancelled_at, cleanup=client.close)


def httpx_never_closes(target: Target, cancel_after: int | None) -> ClientRun:
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
        if _reached(collector, cancel_after):
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


def httpx_cycle_break(target: Target, cancel_after: int | None) -> ClientRun:
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
        if _reached(collector, cancel_after):
            cancelled_at = time.perf_counter()
            break
    del response
    if cancelled_at is None:
        return ClientRun(collector.finished(), collector.events, cleanup=client.close)
    return ClientRun(collector.cancelled(), collector.events, cancelled_at, cleanup=client.close)


# -- the official SDKs ----------------------------------------------------------------------------

ANTHROPIC_REQUEST: dict[str, Any] = {
    "model": "claude-sonnet-4-6",
    "max_tokens": 1024,
    "messages": [{"role": "user", "content": "Hi"}],
}
OPENAI_REQUEST: dict[str, Any] = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}

# The raw Messages API events among what `MessageStream` yields (it adds "text", "input_json"…).
ANTHROPIC_RAW_EVENTS = frozenset(
    {
        "message_start",
        "message_delta",
        "message_stop",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
    }
)


def _sdk(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(f"this client needs the official {name!r} SDK: pip install {name}") from exc


def anthropic_client(target: Target) -> Any:
    return _sdk("anthropic").Anthropic(api_key="replay", base_url=target.base_url, max_retries=0)


def openai_client(target: Target) -> Any:
    return _sdk("openai").OpenAI(api_key="replay", base_url=target.base_url + "/v1", max_retries=0)


def _feed_anthropic(collector: Collector, event: Any) -> bool:
    if event.type not in ANTHROPIC_RAW_EVENTS:
        return False
    collector.feed_event(event.type, event.to_dict(mode="json"))
    return True


def _feed_openai_chunk(collector: Collector, chunk: Any) -> None:
    collector.feed_event(None, chunk.to_dict(mode="json"))


def _sdk_run(collector: Collector, cancelled_at: float | None, client: Any) -> ClientRun:
    """The run of an SDK client; the SDK client itself stays open until the cleanup."""
    if cancelled_at is not None:
        return ClientRun(collector.cancelled(), collector.events, cancelled_at, cleanup=client.close)
    return ClientRun(collector.finished(), collector.events, cleanup=client.close)


def anthropic_stream_exit(target: Target, cancel_after: int | None) -> ClientRun:
    """`with client.messages.stream(...) as stream:` left early (`break`, then the block's exit)."""
    collector = Collector(target.vendor)
    client = anthropic_client(target)
    cancelled_at = None
    with client.messages.stream(**ANTHROPIC_REQUEST) as stream:
        for event in stream:
            if _feed_anthropic(collector, event) and _reached(collector, cancel_after):
                cancelled_at = time.perf_counter()
                break
    return _sdk_run(collector, cancelled_at, client)


def anthropic_stream_close(target: Target, cancel_after: int | None) -> ClientRun:
    """`stream = client.messages.create(..., stream=True)`, iterate, `stream.close()`."""
    collector = Collector(target.vendor)
    client = anthropic_client(target)
    cancelled_at = None
    stream = client.messages.create(**ANTHROPIC_REQUEST, stream=True)
    for event in stream:
        if _feed_anthropic(collector, event) and _reached(collector, cancel_after):
            cancelled_at = time.perf_counter()
            stream.close()
            break
    return _sdk_run(collector, cancelled_at, client)


def anthropic_break(target: Target, cancel_after: int | None) -> ClientRun:
    """`for event in client.messages.create(..., stream=True): ... break` and nothing else.

    The stream is dropped with the loop; the client stays open. Whether the connection
    closes is the SDK's doing alone (anthropic 2.x closes it when the stream is freed, and
    keeps its stream free of reference cycles so that happens at once in CPython).
    """
    collector = Collector(target.vendor)
    client = anthropic_client(target)
    cancelled_at = None
    for event in client.messages.create(**ANTHROPIC_REQUEST, stream=True):
        if _feed_anthropic(collector, event) and _reached(collector, cancel_after):
            cancelled_at = time.perf_counter()
            break
    return _sdk_run(collector, cancelled_at, client)


def openai_stream_exit(target: Target, cancel_after: int | None) -> ClientRun:
    """`with client.chat.completions.stream(...) as stream:` left early."""
    collector = Collector(target.vendor)
    client = openai_client(target)
    cancelled_at = None
    with client.chat.completions.stream(**OPENAI_REQUEST) as stream:
        for event in stream:
            if event.type != "chunk":
                continue
            _feed_openai_chunk(collector, event.chunk)
            if _reached(collector, cancel_after):
                cancelled_at = time.perf_counter()
                break
    return _sdk_run(collector, cancelled_at, client)


def openai_stream_close(target: Target, cancel_after: int | None) -> ClientRun:
    """`stream = client.chat.completions.create(..., stream=True)`, iterate, `stream.close()`."""
    collector = Collector(target.vendor)
    client = openai_client(target)
    cancelled_at = None
    stream = client.chat.completions.create(**OPENAI_REQUEST, stream=True)
    for chunk in stream:
        _feed_openai_chunk(collector, chunk)
        if _reached(collector, cancel_after):
            cancelled_at = time.perf_counter()
            stream.close()
            break
    return _sdk_run(collector, cancelled_at, client)


def openai_break(target: Target, cancel_after: int | None) -> ClientRun:
    """`for chunk in client.chat.completions.create(..., stream=True): ... break` and nothing else.

    The stream is dropped with the loop; the client stays open (see `anthropic_break`).
    In openai 3.x the stream and its generator reference each other, so only the cycle
    collector closes the connection: the check reports it.
    """
    collector = Collector(target.vendor)
    client = openai_client(target)
    cancelled_at = None
    for chunk in client.chat.completions.create(**OPENAI_REQUEST, stream=True):
        _feed_openai_chunk(collector, chunk)
        if _reached(collector, cancel_after):
            cancelled_at = time.perf_counter()
            break
    return _sdk_run(collector, cancelled_at, client)


def anthropic_final_message(target: Target) -> dict[str, Any]:
    """What `client.messages.stream(...).get_final_message()` says, in the normalized vocabulary."""
    from conformance.adapters.anthropic import USAGE_FIELDS

    client = anthropic_client(target)
    with client, client.messages.stream(**ANTHROPIC_REQUEST) as stream:
        message = stream.get_final_message()
    text, reasoning, calls = [], [], []
    for block in message.content:
        if block.type == "text":
            text.append(block.text)
        elif block.type == "thinking":
            reasoning.append(block.thinking)
        elif block.type == "tool_use":
            calls.append({"id": block.id, "name": block.name, "arguments": block.input})
    usage = {key: getattr(message.usage, name) for name, key in USAGE_FIELDS.items()}
    return {
        "text": "".join(text),
        "reasoning": "".join(reasoning),
        "tool_calls": calls,
        "vendor_stop_reason": message.stop_reason,
        "usage": {k: v for k, v in usage.items() if isinstance(v, int)},
    }


def openai_chat_final_message(target: Target) -> dict[str, Any]:
    """What `client.chat.completions.stream(...).get_final_completion()` says, normalized."""
    from conformance.adapters._payload import usage_from
    from conformance.adapters.openai_chat import USAGE_FIELDS

    client = openai_client(target)
    with client, client.chat.completions.stream(**OPENAI_REQUEST) as stream:
        completion = stream.get_final_completion()
    choice = completion.choices[0]
    calls = choice.message.tool_calls or []
    return {
        "text": choice.message.content or "",
        "refusal": choice.message.refusal or "",
        "tool_calls": [
            {"id": c.id, "name": c.function.name, "arguments": json.loads(c.function.arguments or "{}")}
            for c in calls
        ],
        "vendor_stop_reason": choice.finish_reason,
        "usage": usage_from(completion.usage.to_dict(), USAGE_FIELDS) if completion.usage else None,
    }


SYNC_CONSUMERS: dict[str, Consumer] = {
    "httpx-close": httpx_close,
    "httpx-with-block": httpx_with_block,
    "httpx-iter-lines-break": httpx_iter_lines_break,
}
ASYNC_CONSUMERS: dict[str, Consumer] = {
    "httpx-async-aclose": httpx_async_aclose,
    "asyncio-task-cancel": asyncio_task_cancel,
    "anyio-cancel-scope": anyio_cancel_scope,
}
ANTHROPIC_CONSUMERS: dict[str, Consumer] = {
    "anthropic-stream-exit": anthropic_stream_exit,
    "anthropic-stream-close": anthropic_stream_close,
    "anthropic-break": anthropic_break,
}
OPENAI_CHAT_CONSUMERS: dict[str, Consumer] = {
    "openai-stream-exit": openai_stream_exit,
    "openai-stream-close": openai_stream_close,
    "openai-break": openai_break,
}
BAD_CONSUMERS: dict[str, Consumer] = {
    "httpx-reads-on": httpx_reads_on,
    "httpx-never-closes": httpx_never_closes,
    "httpx-cycle-break": httpx_cycle_break,
}


# -- resuming after a dropped connection ----------------------------------------------------------

RESUME_MODES = ("last-event-id", "starting-after", "last-event-id-query")
"""SSE `Last-Event-ID` header; OpenAI Responses `starting_after`; Gemini Interactions `last_event_id`."""


@dataclass
class ResumeRun:
    """A stream read across reconnects: the message, every event as received, the attempts."""

    message: Message
    events: list[tuple[str, str]]
    """(SSE event type, data) of every event the client took, in order."""
    connections: int


def resume_client(target: Target, mode: str, *, max_connections: int = 5) -> ResumeRun:
    """Read a stream, reconnecting from the last event seen whenever the connection drops."""
    if mode not in RESUME_MODES:
        raise ValueError(f"unknown resume mode {mode!r}; known: {', '.join(RESUME_MODES)}")
    collector = Collector(target.vendor)
    taken: list[tuple[str, str]] = []
    last_id = sequence = event_id = resource = None
    base = target.base_url
    with httpx.Client(timeout=TIMEOUT) as client:
        for attempt in range(1, max_connections + 1):
            method, url, headers = "POST", target.url, dict[str, str]()
            if attempt > 1 and mode == "last-event-id" and last_id is not None:
                headers["Last-Event-ID"] = last_id
            elif attempt > 1 and mode == "starting-after" and resource is not None:
                method, url = "GET", f"{base}/v1/responses/{resource}?stream=true&starting_after={sequence}"
            elif attempt > 1 and mode == "last-event-id-query" and resource is not None:
                version = urlsplit(target.url).path.split("/")[1] or "v1beta"
                method, url = (
                    "GET",
                    f"{base}/{version}/interactions/{resource}?stream=true&last_event_id={event_id}",
                )
            decoder = SSEDecoder()
            try:
                with client.stream(
                    method, url, content=target.body if method == "POST" else None, headers=headers
                ) as r:
                    for chunk in r.iter_bytes():
                        for sse in decoder.feed(chunk):
                            taken.append((sse.event, sse.data))
                            collector.feed(encode_sse(sse.event, sse.data))
                            last_id = sse.id or last_id
                            payload = _json(sse.data)
                            sequence = payload.get("sequence_number", sequence)
                            event_id = payload.get("event_id", event_id)
                            resource = _resource_id(payload) or resource
            except (httpx.RemoteProtocolError, httpx.ReadError):
                continue  # dropped: reconnect from the last event taken
            return ResumeRun(collector.finished(), taken, attempt)
    raise ConnectionError(f"stream still dropped after {max_connections} connections")


def _json(data: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _resource_id(payload: dict[str, Any]) -> str | None:
    for key in ("response", "interaction"):
        inner = payload.get(key)
        if isinstance(inner, dict) and isinstance(inner.get("id"), str):
            return str(inner["id"])
    return None


def iter_consumers() -> Iterator[tuple[str, Consumer]]:
    """Every well-behaved reference consumer, by name (SDK ones included)."""
    for table in (SYNC_CONSUMERS, ASYNC_CONSUMERS, ANTHROPIC_CONSUMERS, OPENAI_CHAT_CONSUMERS):
        yield from table.items()
