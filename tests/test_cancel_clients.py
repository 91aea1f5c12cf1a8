"""The cancel checks end to end: real clients (httpx sync and async, the official SDKs) against
the replay server, cancelling mid-stream; and deliberately bad clients failing them.

Test cassettes send a chunk every 150 ms at the recorded pace (here 1.5x); a client that
closes properly is noticed in well under a millisecond, so "at most one chunk after the
cancel" holds with a wide margin even on a busy machine.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from conformance.formats.cassettes import Cassette
from conformance.live.cancel import (
    CLOSES_AT_ONCE,
    CLOSES_ON_GC,
    NEVER_CLOSES,
    CancelBounds,
    ClientRun,
    ResourceSnapshot,
    SpendLedger,
)
from conformance.live.clients import (
    ANTHROPIC_CONSUMERS,
    ASYNC_CONSUMERS,
    OPENAI_CHAT_CONSUMERS,
    SYNC_CONSUMERS,
    Collector,
    Consumer,
    Endpoint,
    anthropic_client,
    httpx_close,
    httpx_cycle_break,
    httpx_never_closes,
    httpx_reads_on,
    openai_break,
)
from conformance.live.replay import ReplayServer
from conformance.suite.client_suite import run_cancel_check
from tests._replay_cassettes import (
    anthropic_tool_use,
    gemini_text,
    openai_chat_long_text,
    openai_chat_tool_use,
)

SPEED = 1.5
CASSETTES = {
    "anthropic": anthropic_tool_use(),
    "openai-chat": openai_chat_tool_use(),
    "gemini": gemini_text(),
}
CANCEL_AT = {"anthropic": 10, "openai-chat": 6, "gemini": 2}
"""Mid tool-call arguments for the tool-use streams (the partial call must carry its fragments)."""


@pytest.fixture(scope="module")
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as running:
        yield running


def check(server: ReplayServer, vendor: str, consumer: Consumer, **kwargs: Any) -> Any:
    cassette = CASSETTES[vendor]
    server.play(cassette, speed=SPEED)
    target = Endpoint.of(server)
    return run_cancel_check(
        server, cassette, lambda n: consumer(target, n), cancel_after=CANCEL_AT[vendor], speed=SPEED, **kwargs
    )


MATRIX = [
    *[
        pytest.param("anthropic", name, c, id=f"anthropic-{name}")
        for name, c in {**SYNC_CONSUMERS, **ASYNC_CONSUMERS}.items()
    ],
    *[pytest.param("openai-chat", name, c, id=f"openai-chat-{name}") for name, c in SYNC_CONSUMERS.items()],
    *[pytest.param("gemini", name, c, id=f"gemini-{name}") for name, c in SYNC_CONSUMERS.items()],
    *[pytest.param("anthropic", name, c, id=name) for name, c in ANTHROPIC_CONSUMERS.items()],
    *[
        pytest.param("openai-chat", name, c, id=name)
        for name, c in OPENAI_CHAT_CONSUMERS.items()
        if name != "openai-break"  # closes only through the cycle collector: see below
    ],
]


@pytest.mark.parametrize(("vendor", "name", "consumer"), MATRIX)
def test_a_client_that_closes_on_cancel_passes_the_cancel_checks(
    server: ReplayServer, vendor: str, name: str, consumer: Consumer
) -> None:
    ledger = SpendLedger()
    verdict = check(server, vendor, consumer, workload=name, ledger=ledger)
    assert verdict.passed, f"{name}: {verdict}"
    assert verdict.chunks_after_cancel <= 1
    assert verdict.disconnect_latency_s is not None and verdict.disconnect_latency_s < 1.0
    assert verdict.events_received is not None and verdict.events_received >= CANCEL_AT[vendor]
    assert ledger.spends and ledger.spends[0].workload == name


def test_the_partial_message_of_a_cancel_mid_tool_call_holds_the_fragments_so_far(
    server: ReplayServer,
) -> None:
    cassette = CASSETTES["anthropic"]
    server.play(cassette, speed=SPEED)
    run = SYNC_CONSUMERS["httpx-close"](Endpoint.of(server), CANCEL_AT["anthropic"])
    assert run.cleanup is not None
    run.cleanup()
    message = run.message
    assert (message.stop_reason, message.complete) == ("cancelled", False)
    assert message.text == "Tide pools hold anemones and crabs."
    assert [(c.id, c.name, c.arguments) for c in message.tool_calls] == [
        ("toolu_replay01", "get_tide", {"place": "Mon"})  # the first fragment, a string cut short
    ]


@pytest.mark.parametrize(
    ("vendor", "consumer"),
    [
        pytest.param(v, c, id=f"{v}-{n}")
        for v in CASSETTES
        for n, c in {**SYNC_CONSUMERS, **ASYNC_CONSUMERS}.items()
    ],
)
def test_a_client_reading_to_the_end_assembles_the_expected_message(
    server: ReplayServer, vendor: str, consumer: Consumer
) -> None:
    cassette: Cassette = CASSETTES[vendor]
    server.play(cassette, speed=None)
    run = consumer(Endpoint.of(server), None)
    assert run.cleanup is not None  # the application's client, open until the test is done
    run.cleanup()
    assert run.message == cassette.expected


# -- clients that must fail ------------------------------------------------------------------------


def test_a_client_that_reads_on_after_cancelling_fails_with_the_chunks_it_took(server: ReplayServer) -> None:
    verdict = check(server, "anthropic", httpx_reads_on)
    assert not verdict.passed
    text = str(verdict)
    assert "chunks" in text and "were written after the cancel; at most 1 may be" in text
    assert "the server never saw a disconnect: the response ran to its end (15 events)" in text
    assert verdict.spend is not None and verdict.spend.noticed_after_ms is None
    assert verdict.spend.total == 42  # the vendor generated, and bills, the whole answer


def test_a_client_that_never_closes_its_response_fails_and_its_socket_is_named(server: ReplayServer) -> None:
    verdict = check(
        server, "anthropic", httpx_never_closes, bounds=CancelBounds(disconnect_s=0.3), gc_paused=False
    )
    assert not verdict.passed
    text = str(verdict)
    assert "saw no disconnect within 0.3 s: the client never closed its response" in text
    assert "socket left open: fd" in text and f"-> ('127.0.0.1', {server.port})" in text
    assert server.connections[-1].wait(5)
    assert ResourceSnapshot.take(server.address).sockets == {}  # the cleanup closed it after the check


def test_breaking_out_of_an_sdk_stream_that_is_still_referenced_does_not_cancel(server: ReplayServer) -> None:
    """The SDK closes the response when the stream object goes away, not at `break`."""
    kept: list[Any] = []

    def consumer(target: Endpoint, cancel_after: int | None) -> ClientRun:
        collector = Collector(target.vendor)
        client = anthropic_client(target)
        stream = client.messages.create(model="claude-sonnet-4-6", max_tokens=64, messages=[], stream=True)
        kept.append(stream)
        for event in stream:
            collector.feed_event(event.type, event.to_dict(mode="json"))
            if cancel_after is not None and collector.events >= cancel_after:
                break
        return ClientRun(collector.cancelled(), collector.events, time.perf_counter(), cleanup=stream.close)

    verdict = check(server, "anthropic", consumer, bounds=CancelBounds(disconnect_s=0.3), gc_paused=False)
    assert "the client never closed its response" in str(verdict)
    assert any(f.startswith("socket left open") for f in verdict.failures)


# -- the cycle collector paused: a close only gc makes is told apart -------------------------------

LONG = openai_chat_long_text(words=200)
"""204 events, 150 ms apart: a cancel after 3 leaves thirty seconds of stream. The verdict
comes after the bound, two heap-wide resource snapshots and a full `gc.collect()`: 3.5 s in
this module at load 5 on 2 cores, more when busier; a stream that ends first cannot tell
"never closes" from "closes on gc" (`UNDETERMINED`), so the stream outlasts them by far."""
SHORT_BOUND = CancelBounds(disconnect_s=0.3)


def check_long(server: ReplayServer, consumer: Consumer, **kwargs: Any) -> Any:
    server.play(LONG, speed=1.0)
    target = Endpoint.of(server)
    return run_cancel_check(
        server, LONG, lambda n: consumer(target, n), cancel_after=3, bounds=SHORT_BOUND, **kwargs
    )


def test_with_gc_paused_a_stream_held_in_a_reference_cycle_is_told_from_one_that_closes(
    server: ReplayServer,
) -> None:
    prompt = check_long(server, httpx_close)
    assert prompt.passed and prompt.closing == CLOSES_AT_ONCE, prompt

    cyclic = check_long(server, httpx_cycle_break)
    assert cyclic.closing == CLOSES_ON_GC, cyclic
    assert "closes its response only when the garbage collector runs" in str(cyclic)
    assert "gc.collect() closed it" in str(cyclic)
    assert cyclic.gc_close_s is not None

    never = check_long(server, httpx_never_closes)
    assert never.closing == NEVER_CLOSES, never
    assert "never closed its response (not even after gc.collect())" in str(never)


def test_breaking_out_of_an_openai_stream_closes_only_when_the_garbage_collector_runs(
    server: ReplayServer,
) -> None:
    """openai 3.x: `Stream` and its `__stream__` generator reference each other, so a bare
    `break` leaves the connection open until a collection (the client itself is kept open)."""
    verdict = check_long(server, openai_break)
    assert verdict.closing == CLOSES_ON_GC, verdict


def test_breaking_out_of_an_anthropic_stream_closes_at_once_with_gc_paused(server: ReplayServer) -> None:
    """anthropic 2.x keeps its stream free of cycles: dropping it at `break` closes at once."""
    from conformance.live.clients import anthropic_break

    server.play(CASSETTES["anthropic"], speed=SPEED)
    target = Endpoint.of(server)
    verdict = run_cancel_check(
        server, CASSETTES["anthropic"], lambda n: anthropic_break(target, n), cancel_after=3, speed=SPEED
    )
    assert verdict.passed and verdict.closing == CLOSES_AT_ONCE, verdict


# -- worker pools a library keeps are not threads a cancel leaves behind ---------------------------

_pool: list[threading.Thread] = []
_stop_pool = threading.Event()


def pooled_client(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """A client that, like litellm's logging worker, starts one thread on first use and keeps it."""
    if not _pool:
        thread = threading.Thread(target=_stop_pool.wait, name="fake-pool_0", daemon=True)
        thread.start()
        _pool.append(thread)
    return httpx_close(target, cancel_after)


def leaky_thread_client(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """BAD: every cancel leaves a thread of its own running (released by the cleanup)."""
    done = threading.Event()
    threading.Thread(target=done.wait, name="left-behind", daemon=True).start()
    run = httpx_close(target, cancel_after)
    close = run.cleanup

    def cleanup() -> None:
        done.set()
        if close is not None:
            close()

    run.cleanup = cleanup
    return run


@pytest.fixture
def fresh_pool() -> Iterator[None]:
    """The pool not started yet, as in a process where this is the first test."""
    _stop_pool.set()
    for thread in _pool:
        thread.join(5)
    _pool.clear()
    _stop_pool.clear()
    yield
    _stop_pool.set()


def test_a_pool_thread_started_on_first_use_fails_without_a_warm_up(
    server: ReplayServer, fresh_pool: None
) -> None:
    verdict = check(server, "anthropic", pooled_client, warm_up=False)
    assert verdict.failures == ("thread 'fake-pool_0' left running",)


@pytest.mark.parametrize("pool_started_before", [False, True], ids=["first-use", "already-running"])
def test_with_a_warm_up_a_worker_pool_passes_whatever_ran_before(
    server: ReplayServer, fresh_pool: None, pool_started_before: bool
) -> None:
    if pool_started_before:
        _pool.append(threading.Thread(target=_stop_pool.wait, name="fake-pool_0", daemon=True))
        _pool[0].start()
    verdict = check(server, "anthropic", pooled_client, warm_up=True)
    assert verdict.passed, verdict


def test_allowed_threads_names_a_pool_without_a_warm_up(server: ReplayServer, fresh_pool: None) -> None:
    bounds = CancelBounds(allowed_threads=("fake-pool_*",))
    assert check(server, "anthropic", pooled_client, bounds=bounds).passed


def test_a_thread_each_cancel_leaves_behind_fails_even_after_a_warm_up(server: ReplayServer) -> None:
    verdict = check(server, "anthropic", leaky_thread_client, warm_up=True)
    assert verdict.failures == ("thread 'left-behind' left running",)
