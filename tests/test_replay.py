"""conformance.live.replay: the loopback server — what it serves, where, at what pace, what it logs.

Pacing is checked on relative offsets with generous bounds, so a busy machine does not fail
these tests; bench/bench_replay_pacing.py measures the pacing precisely.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from conformance.api import parse
from conformance.errors import CassetteError, ConformanceError
from conformance.framing.sse import SSEDecoder
from conformance.live.clients import Endpoint, resume_client
from conformance.live.replay import CONNECTION_HEADER, ReplayServer
from conformance.live.timing import event_ends
from conformance.suite import fixtures
from tests._replay_cassettes import (
    anthropic_tool_use,
    anthropic_with_ids,
    gemini_interactions_with_event_ids,
    gemini_text,
    openai_responses_sequenced,
)


@pytest.fixture(scope="module")
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as running:
        yield running


def sse_events(body: bytes) -> list[tuple[str, str]]:
    return [(e.event, e.data) for e in SSEDecoder().feed(body)]


# -- what and where -----------------------------------------------------------------------------


def test_serves_the_cassettes_status_headers_and_body(server: ReplayServer) -> None:
    cassette = anthropic_tool_use()
    server.play(cassette, speed=None)
    response = httpx.post(server.url(), content=b"{}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert response.headers["request-id"] == "req_test"
    assert response.headers["transfer-encoding"] == "chunked"
    assert response.content == cassette.body
    log = server.connections[-1]
    assert response.headers[CONNECTION_HEADER] == str(log.id)


def test_answers_the_vendor_path_for_any_model_and_behind_a_gateway_prefix(server: ReplayServer) -> None:
    cassette = gemini_text()
    server.play(cassette, speed=None)
    for path in (
        "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
        "/v1beta/models/another-model:streamGenerateContent?alt=sse",
        "/gateway/google/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    ):
        response = httpx.post(server.base_url + path, content=b"{}")
        assert (response.status_code, response.content) == (200, cassette.body), path


def test_an_unknown_path_gets_a_404_error_document_naming_what_is_served(server: ReplayServer) -> None:
    server.play(anthropic_tool_use(), speed=None)
    response = httpx.post(server.base_url + "/v1/chat/completions", content=b"{}")
    assert response.status_code == 404
    message = response.json()["error"]["message"]
    assert "no route for POST /v1/chat/completions" in message
    assert "/v1/messages" in message and "anthropic/replay_tool_use" in message


def test_with_no_cassette_the_server_answers_503(conformance_replay_server: ReplayServer) -> None:
    response = httpx.post(conformance_replay_server.base_url + "/v1/messages", content=b"{}")
    assert response.status_code == 503
    assert "no cassette is loaded" in response.json()["error"]["message"]


def test_a_speed_that_is_not_positive_is_refused(server: ReplayServer) -> None:
    with pytest.raises(ValueError, match="speed must be a positive number"):
        server.play(anthropic_tool_use(), speed=-1)


def test_a_port_in_use_is_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConformanceError, match=f"cannot listen on 127.0.0.1:{port}"):
            ReplayServer(anthropic_tool_use(), port=port).start()


# -- pace ------------------------------------------------------------------------------------------


def _write_offsets(server: ReplayServer) -> list[float]:
    log = server.connections[-1]
    assert log.wait(10)
    return [w.at - log.started_at for w in log.writes]


def test_paced_replay_keeps_the_recorded_offsets_between_chunks(server: ReplayServer) -> None:
    cassette = anthropic_tool_use()
    speed = 3.0
    server.play(cassette, speed=speed)
    assert httpx.post(server.url(), content=b"{}").content == cassette.body
    offsets = _write_offsets(server)
    recorded = [t / 1000 / speed for t in cassette.metadata["chunk_times_ms"]]
    for i, (got, want) in enumerate(zip(offsets, recorded, strict=True)):
        assert got >= want - 0.005, f"chunk {i} went out {want - got:.4f} s early"
        assert got - want < 0.25 + 0.2 * want, f"chunk {i} went out {got - want:.3f} s late"


def test_speed_scales_the_recorded_pace(server: ReplayServer) -> None:
    cassette = anthropic_tool_use()
    span = (cassette.metadata["chunk_times_ms"][-1] - cassette.metadata["chunk_times_ms"][0]) / 1000
    server.play(cassette, speed=10)
    httpx.post(server.url(), content=b"{}")
    offsets = _write_offsets(server)
    assert span / 10 - 0.05 <= offsets[-1] - offsets[0] < span / 10 + 0.5


def test_as_fast_as_possible_ignores_the_recorded_pace(server: ReplayServer) -> None:
    cassette = anthropic_tool_use()
    span = (cassette.metadata["chunk_times_ms"][-1] - cassette.metadata["chunk_times_ms"][0]) / 1000
    server.play(cassette, speed=None)
    httpx.post(server.url(), content=b"{}")
    offsets = _write_offsets(server)
    assert offsets[-1] < span / 4


# -- the log ---------------------------------------------------------------------------------------


def test_the_log_counts_bytes_writes_and_whole_events(server: ReplayServer) -> None:
    cassette = anthropic_tool_use()
    server.play(cassette, speed=None)
    httpx.post(server.url(), content=b"{}")
    log = server.connections[-1]
    assert log.wait(5)
    assert (log.bytes_sent, log.events_sent, len(log.writes)) == (len(cassette.body), 15, 15)
    assert log.completed_at is not None and log.disconnected_at is None
    assert (log.method, log.target, log.status) == ("POST", "/v1/messages", 200)
    assert "completed" in log.describe()


def test_the_server_stops_writing_as_soon_as_the_client_disconnects(server: ReplayServer) -> None:
    cassette = anthropic_tool_use()
    server.play(cassette, speed=2)
    with httpx.Client() as client, client.stream("POST", server.url(), content=b"{}") as response:
        chunks = response.iter_bytes()
        next(chunks), next(chunks)
    log = server.connections[-1]
    assert log.wait(5)
    assert log.disconnected_at is not None and log.completed_at is None
    assert not log.writes_after(log.disconnected_at)
    assert log.bytes_sent < len(cassette.body)
    assert "client disconnected" in log.describe()


def test_stopping_the_server_cuts_a_running_response_and_joins_its_thread() -> None:
    cassette = anthropic_tool_use()
    replay = ReplayServer(cassette, speed=0.05).start()  # one chunk every 3 s: still running at stop
    name = f"conformance-replay:{replay.port}"
    with httpx.Client() as client, client.stream("POST", replay.url(), content=b"{}") as response:
        chunks = response.iter_bytes()
        next(chunks)
        started = time.monotonic()
        replay.stop()
        assert time.monotonic() - started < 5
        with pytest.raises(httpx.RemoteProtocolError):
            list(chunks)
    log = replay.connections[-1]
    assert log.stopped_at is not None and log.ended
    assert name not in [t.name for t in threading.enumerate()]


def test_the_replay_server_fixture_serves_a_cassette(conformance_replay_server: ReplayServer) -> None:
    cassette = gemini_text()
    conformance_replay_server.play(cassette, speed=None)
    assert httpx.post(conformance_replay_server.url(), content=b"{}").content == cassette.body
    assert conformance_replay_server.wait_for_connection(0).status == 200


# -- dropping and resuming -------------------------------------------------------------------------


def test_a_drop_cuts_the_first_connection_after_that_many_events_and_only_it(server: ReplayServer) -> None:
    cassette = anthropic_tool_use()
    server.play(cassette, speed=None, drop_after_events=4)
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.post(server.url(), content=b"{}")
    log = server.connections[-1]
    assert log.wait(5) and log.dropped_at is not None
    assert log.events_sent == 4 and log.bytes_sent == event_ends(cassette.body)[3]
    assert httpx.post(server.url(), content=b"{}").content == cassette.body


def test_last_event_id_resumes_after_the_named_event(server: ReplayServer) -> None:
    cassette = anthropic_with_ids()
    server.play(cassette, speed=None)
    response = httpx.post(server.url(), content=b"{}", headers={"Last-Event-ID": "evt_3"})
    assert response.content == cassette.body[event_ends(cassette.body)[3] :]
    log = server.connections[-1]
    assert (log.first_event, log.resume) == (4, "Last-Event-ID: evt_3")


def test_an_unknown_resume_point_is_a_400_naming_it(server: ReplayServer) -> None:
    server.play(anthropic_with_ids(), speed=None)
    response = httpx.post(server.url(), content=b"{}", headers={"Last-Event-ID": "evt_99"})
    assert response.status_code == 400
    assert "Last-Event-ID 'evt_99' names no event" in response.json()["error"]["message"]
    server.play(openai_responses_sequenced(), speed=None)
    response = httpx.get(server.base_url + "/v1/responses/resp_replay01?stream=true&starting_after=x")
    assert response.status_code == 400 and "is not a sequence number" in response.text


@pytest.mark.parametrize("drop_after", [1, 6, 14])
def test_a_client_resuming_with_last_event_id_assembles_the_uninterrupted_message(
    server: ReplayServer, drop_after: int
) -> None:
    cassette = anthropic_with_ids()
    server.play(cassette, speed=None, drop_after_events=drop_after)
    run = resume_client(Endpoint.of(server), "last-event-id")
    assert run.connections == 2
    assert run.events == sse_events(cassette.body)
    assert run.message == parse("anthropic", [cassette.body])
    assert run.message.complete


def test_a_client_resuming_with_starting_after_gets_every_event_once(server: ReplayServer) -> None:
    cassette = openai_responses_sequenced()
    server.play(cassette, speed=None, drop_after_events=5)
    run = resume_client(Endpoint.of(server), "starting-after")
    assert run.connections == 2
    assert server.connections[-1].target == "/v1/responses/resp_replay01?stream=true&starting_after=4"
    assert run.events == sse_events(cassette.body)
    assert run.message == parse("openai-responses", [cassette.body])


def test_a_client_resuming_with_last_event_id_query_gets_every_event_once(server: ReplayServer) -> None:
    cassette = gemini_interactions_with_event_ids()
    server.play(cassette, speed=None, drop_after_events=3)
    run = resume_client(Endpoint.of(server), "last-event-id-query")
    assert run.connections == 2
    assert (
        server.connections[-1].target == "/v1beta/interactions/int_replay01?stream=true&last_event_id=ev-002"
    )
    assert run.events == sse_events(cassette.body)
    assert run.message == parse("gemini-interactions", [cassette.body])


@pytest.mark.parametrize(
    ("cassette_id", "suffix"),
    [
        ("anthropic/text", ""),
        ("openai-chat/text", "/v1"),
        ("openrouter/text", "/api/v1"),
        ("gemini/text", ""),
        ("cohere/text", ""),
    ],
)
def test_the_fixture_offers_the_base_url_each_vendors_client_wants(
    conformance_replay_server: fixtures.ReplayFixture, cassette_id: str, suffix: str
) -> None:
    conformance_replay_server.play(cassette_id, speed=None)  # a bundled cassette by id
    assert conformance_replay_server.client_base_url == conformance_replay_server.base_url + suffix


def test_the_openai_sdk_reads_the_stream_at_the_offered_base_url(
    conformance_replay_server: fixtures.ReplayFixture,
) -> None:
    openai = pytest.importorskip("openai")
    conformance_replay_server.play("openai-chat/text", speed=None)
    client = openai.OpenAI(
        api_key="replay", base_url=conformance_replay_server.client_base_url, max_retries=0
    )
    chunks = list(client.chat.completions.create(model="gpt-4o", messages=[], stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def test_a_cassette_id_that_names_nothing_lists_the_vendors_cassettes() -> None:
    with pytest.raises(CassetteError, match=r"anthropic/nope: no such file.*anthropic/text"):
        ReplayServer("anthropic/nope")
