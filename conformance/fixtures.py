"""pytest fixtures of the replay server, for the plugin to register (kept here so that
`plugin.py` stays wiring only).

    def test_my_client_cancels(replay_server):
        replay_server.play("cassettes/anthropic/text.yaml")
        my_client(base_url=replay_server.base_url).stream_and_cancel()
        log = replay_server.wait_for_connection()
        assert log.wait(1.0) and log.disconnected_at is not None
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.replay import ReplayServer


@pytest.fixture
def replay_server() -> Iterator[ReplayServer]:
    """A `ReplayServer` on a free loopback port, with no cassette yet (call `.play(...)`);
    stopped, its thread joined, when the test ends."""
    with ReplayServer() as server:
        yield server
