"""The official SDKs, pointed at the replay server with `base_url`, get the cassette's message.

This is the replay server's contract with real clients: `anthropic` and `openai` (which use
`httpx2`, not httpx) consume the served stream through their own parsers and accumulators,
and what they assemble equals the cassette's expected message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.formats.cassettes import Cassette, bundled_cassette_dir, load_cassette
from conformance.live.clients import (
    Endpoint,
    anthropic_final_message,
    openai_chat_final_message,
    openai_client,
)
from conformance.live.replay import ReplayServer
from conformance.oracles import compare
from tests._replay_cassettes import anthropic_tool_use, openai_chat_tool_use, openai_responses_sequenced

pytest.importorskip("anthropic")
pytest.importorskip("openai")


def bundled(vendor: str, scenario: str) -> Cassette:
    path: Path = bundled_cassette_dir() / vendor / f"{scenario}.yaml"
    return load_cassette(path)


@pytest.fixture(scope="module")
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as running:
        yield running


@pytest.mark.parametrize(
    "cassette",
    [
        pytest.param(bundled("anthropic", "text"), id="anthropic/text"),
        pytest.param(anthropic_tool_use(), id="tool_use"),
    ],
)
@pytest.mark.parametrize("speed", [None, 20.0], ids=["fast", "paced"])
def test_the_anthropic_sdk_assembles_the_expected_message(
    server: ReplayServer, cassette: Cassette, speed: float | None
) -> None:
    server.play(cassette, speed=speed)
    sdk = anthropic_final_message(Endpoint.of(server))
    assert cassette.expected is not None
    assert compare(cassette.expected, sdk) == []
    assert server.connections[-1].target == "/v1/messages"


@pytest.mark.parametrize(
    "cassette",
    [
        pytest.param(bundled("openai-chat", "text"), id="openai-chat/text"),
        pytest.param(openai_chat_tool_use(), id="tool_use"),
    ],
)
@pytest.mark.parametrize("speed", [None, 20.0], ids=["fast", "paced"])
def test_the_openai_sdk_assembles_the_expected_message(
    server: ReplayServer, cassette: Cassette, speed: float | None
) -> None:
    server.play(cassette, speed=speed)
    sdk = openai_chat_final_message(Endpoint.of(server))
    assert cassette.expected is not None
    assert compare(cassette.expected, sdk) == []
    assert server.connections[-1].target == "/v1/chat/completions"


def test_the_openai_sdk_resumes_a_responses_stream_with_starting_after(server: ReplayServer) -> None:
    cassette = openai_responses_sequenced()
    server.play(cassette, speed=None)
    client = openai_client(Endpoint.of(server))
    with client, client.responses.retrieve("resp_replay01", stream=True, starting_after=5) as stream:
        numbers = [event.sequence_number for event in stream]
    assert numbers == list(range(6, 11))
    assert server.connections[-1].resume == "starting_after=5"
