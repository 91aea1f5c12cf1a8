"""The cancel checks end to end: real clients (httpx sync and async, the official SDKs) against
the replay server, cancelling mid-stream; and deliberately bad clients failing them.

Test cassettes send a chunk every 150 ms at the recorded pace (here 1.5x); a client that
closes properly is noticed in well under a millisecond, so "at most one chunk after the
cancel" holds with a wide margin even on a busy machine.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from conformance.cancel import CancelBounds, ClientRun, ResourceSnapshot, SpendLedger
from conformance.cassettes import Cassette
from conformance.client_suite import run_cancel_check
from conformance.clients import (
    ANTHROPIC_CONSUMERS,
    ASYNC_CONSUMERS,
    OPENAI_CHAT_CONSUMERS,
    SYNC_CONSUMERS,
    Collector,
    Consumer,
    Target,
    anthropic_client,
    httpx_never_closes,
    httpx_reads_on,
)
from conformance.replay import ReplayServer
from tests._replay_cassettes import anthropic_tool_use, gemini_text, openai_chat_tool_use

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
    target = Target.of(server)
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
    *[pytest.param("openai-chat", name, c, id=name) for name, c in OPENAI_CHAT_CONSUMERS.items()],
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
    run = SYNC_CONSUMERS["httpx-close"](Target.of(server), CANCEL_AT["anthropic"])
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
    assert consumer(Target.of(server), None).message == cassette.expected


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
    verdict = check(server, "anthropic", httpx_never_closes, bounds=CancelBounds(disconnect_s=0.3))
    assert not verdict.passed
    text = str(verdict)
    assert "saw no disconnect within 0.3 s: the client never closed its response" in text
    assert "socket left open: fd" in text and f"-> ('127.0.0.1', {server.port})" in text
    assert server.connections[-1].wait(5)
    assert ResourceSnapshot.take(server.address).sockets == {}  # the cleanup closed it after the check


def test_breaking_out_of_an_sdk_stream_that_is_still_referenced_does_not_cancel(server: ReplayServer) -> None:
    """The SDK closes the response when the stream object goes away, not at `break`."""
    kept: list[Any] = []

    def consumer(target: Target, cancel_after: int | None) -> ClientRun:
        collector = Collector(target.vendor)
        client = anthropic_client(target)
        stream = client.messages.create(model="claude-sonnet-4-6", max_tokens=64, messages=[], stream=True)
        kept.append(stream)
        for event in stream:
            collector.feed_event(event.type, event.to_dict(mode="json"))
            if cancel_after is not None and collector.events >= cancel_after:
                break
        return ClientRun(collector.cancelled(), collector.events, time.perf_counter(), cleanup=stream.close)

    verdict = check(server, "anthropic", consumer, bounds=CancelBounds(disconnect_s=0.3))
    assert "the client never closed its response" in str(verdict)
    assert any(f.startswith("socket left open") for f in verdict.failures)
