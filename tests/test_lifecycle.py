"""Client lifecycle against the loopback replay server, with real httpx2 clients: a client that
closes what it opens passes after a complete read, an error status and a dropped connection;
one that keeps its pooled connection, one that leaves a 429 response unclosed, and one that
reads a drop as a clean stop each fail with a message naming the cause."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.live.replay import ReplayServer
from conformance.suite.lifecycle import check_lifecycle
from tests._bundled import one_scenario

httpx2 = pytest.importorskip("httpx2")

TEXT = one_scenario(load_cassettes(vendor="openai-chat"), "text")
RATE_LIMITED = one_scenario(load_cassettes(vendor="mistral"), "rate_limited")
SETTLE_S = 0.5


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        yield server


def url(base_url: str, cassette: Cassette) -> str:
    return base_url + "/" + cassette.uri.split("/", 3)[3]


def careful(cassette: Cassette) -> Any:
    """Opens one client per call and closes it; an error status raises; a broken body raises."""

    def consume(base_url: str) -> conformance.Message:
        with httpx2.Client() as client, client.stream("POST", url(base_url, cassette), json={}) as response:
            response.raise_for_status()
            return conformance.parse(cassette.vendor, response.iter_bytes())

    return consume


def test_a_client_that_closes_its_connection_passes_every_ending(replay: ReplayServer) -> None:
    assert check_lifecycle(replay, TEXT, careful(TEXT), settle_s=SETTLE_S).ok
    verdict = check_lifecycle(replay, RATE_LIMITED, careful(RATE_LIMITED), settle_s=SETTLE_S)
    assert verdict.ok and verdict.outcome.startswith("raised HTTPStatusError (Client error '429 ")
    dropped = check_lifecycle(replay, TEXT, careful(TEXT), drop_after_events=3, settle_s=SETTLE_S)
    assert replay.connections[-1].dropped_at is not None  # the server did cut it
    assert dropped.ok, dropped.problems


def test_a_pooled_connection_kept_after_a_complete_read_is_reported(replay: ReplayServer) -> None:
    pool = httpx2.Client()  # BUG: a client kept for the process, its keep-alive connection open

    def consume(base_url: str) -> conformance.Message:
        with pool.stream("POST", url(base_url, TEXT), json={}) as response:
            return conformance.parse(TEXT.vendor, response.iter_bytes())

    try:
        verdict = check_lifecycle(replay, TEXT, consume, settle_s=SETTLE_S)
    finally:
        pool.close()
    (problem,) = verdict.problems
    assert problem.startswith("1 connection(s) to the server still open 0.5 s after a complete read: fd ")


def test_an_error_response_left_unclosed_is_reported(replay: ReplayServer) -> None:
    leaked: list[Any] = []

    def consume(base_url: str) -> conformance.Message:
        client = httpx2.Client()
        response = client.send(
            client.build_request("POST", url(base_url, RATE_LIMITED), json={}), stream=True
        )
        leaked.append((client, response))
        if response.status_code >= 400:
            raise RuntimeError(f"HTTP {response.status_code}")  # BUG: neither response nor client closed
        return conformance.parse(RATE_LIMITED.vendor, response.iter_bytes())

    try:
        verdict = check_lifecycle(replay, RATE_LIMITED, consume, settle_s=SETTLE_S)
    finally:
        for client, response in leaked:
            response.close()
            client.close()
    assert verdict.outcome == "raised RuntimeError (HTTP 429)"
    (problem,) = verdict.problems
    assert "still open 0.5 s after an HTTP 429 answer" in problem


def test_a_drop_read_as_a_clean_stop_is_reported(replay: ReplayServer) -> None:
    def consume(base_url: str) -> dict[str, Any]:
        pieces: list[bytes] = []
        with (
            httpx2.Client() as client,
            client.stream("POST", url(base_url, TEXT), json={}) as response,
            contextlib.suppress(httpx2.HTTPError),  # BUG: a broken connection is the end of the stream
        ):
            pieces.extend(response.iter_bytes())
        message = conformance.parse(TEXT.vendor, pieces).to_dict()
        return {**message, "complete": True, "stop_reason": message["stop_reason"] or "stop"}

    verdict = check_lifecycle(replay, TEXT, consume, drop_after_events=3, settle_s=SETTLE_S)
    assert replay.connections[-1].dropped_at is not None  # the server did cut it
    assert len(verdict.problems) == 1, verdict
    (problem,) = verdict.problems
    assert problem.startswith("a connection dropped by the server after 3 events read as a clean stop")
    assert problem.endswith(
        "(complete: True, stop_reason: 'stop'); expected an error raised, or complete: false"
    )
