"""The replay server's edges (issue 16): a bounded connection log, a header-read timeout for
half-sent requests, and a port out of range refused in one line."""

from __future__ import annotations

import dataclasses
import socket
import time
from pathlib import Path

import httpx
import pytest
import yaml

from conformance.cli import main
from conformance.errors import ConformanceError
from conformance.formats.cassettes import bundled_cassette_dir
from conformance.live.replay import MAX_CONNECTION_LOGS, ReplayServer
from tests._replay_cassettes import anthropic_tool_use


def test_only_the_last_max_logs_connections_are_kept_and_on_end_sees_every_one() -> None:
    ended: list[int] = []
    with ReplayServer(
        anthropic_tool_use(), speed=None, max_logs=3, on_end=lambda log: ended.append(log.id)
    ) as server:
        with httpx.Client() as client:
            for _ in range(10):
                assert client.post(server.url()).status_code == 200
                assert len(server.connections) <= 3
        assert [log.id for log in server.connections] == [8, 9, 10]
        assert server.wait_for_connection(9).id == 10
        index = server.requests  # what a caller waiting for its next request must use
        assert index == 10 and len(server.connections) == 3
        with httpx.Client() as client:
            client.post(server.url())
        assert server.wait_for_connection(index).id == 11
        with pytest.raises(LookupError, match="only the last 3"):
            server.wait_for_connection(0)
    assert sorted(ended) == list(range(1, 12))


def test_the_default_bound_is_documented() -> None:
    assert ReplayServer().max_logs == MAX_CONNECTION_LOGS == 1000


def test_clear_restarts_the_request_count() -> None:
    with ReplayServer(anthropic_tool_use(), speed=None) as server, httpx.Client() as client:
        client.post(server.url())
        server.clear()
        client.post(server.url())
        assert server.wait_for_connection(0).id == 1
        assert len(server.connections) == 1


def _read_until_closed(sock: socket.socket, limit_s: float) -> bytes:
    sock.settimeout(limit_s)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


@pytest.mark.parametrize(
    "sent",
    [b"", b"POST /v1/messages HTTP/1.1\r\nHost: x\r\n"],
    ids=["nothing", "half-a-head"],
)
def test_a_connection_that_sends_no_whole_request_head_is_closed(sent: bytes) -> None:
    with ReplayServer(anthropic_tool_use(), speed=None, header_timeout_s=0.3) as server:
        with socket.create_connection(server.address) as sock:
            sock.sendall(sent)
            # Closed by the server (recv returns b""), not left open until our own timeout.
            assert _read_until_closed(sock, limit_s=10) == b""
        assert server.connections == []  # no request was ever whole


def test_a_slow_but_whole_request_head_is_served() -> None:
    with (
        ReplayServer(anthropic_tool_use(), speed=None, header_timeout_s=1.0) as server,
        socket.create_connection(server.address) as sock,
    ):
        for piece in (b"POST /v1/messages HTTP/1.1\r\n", b"Host: x\r\nContent-Length: 0\r\n", b"\r\n"):
            sock.sendall(piece)
            time.sleep(0.1)
        assert _read_until_closed_or_served(sock).startswith(b"HTTP/1.1 200")


def _read_until_closed_or_served(sock: socket.socket) -> bytes:
    sock.settimeout(10)
    data = b""
    while b"message_stop" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def test_a_kept_alive_connection_sending_half_a_second_head_is_closed() -> None:
    with ReplayServer(anthropic_tool_use(), speed=None, header_timeout_s=0.3) as server:
        with socket.create_connection(server.address) as sock:
            sock.sendall(b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
            assert _read_until_closed_or_served(sock).startswith(b"HTTP/1.1 200")
            sock.sendall(b"POST /v1/messages HTTP/1.1\r\nHos")
            assert b"HTTP/1.1" not in _read_until_closed(sock, limit_s=10)
        assert len(server.connections) == 1


@pytest.mark.parametrize("port", [-1, 65536, 99999])
def test_a_port_out_of_range_is_refused(port: int) -> None:
    with pytest.raises(ConformanceError, match="a port is 0-65535"):
        ReplayServer(port=port).start()


@pytest.mark.parametrize("port", ["99999", "-1"])
def test_serve_refuses_a_port_out_of_range_in_one_line(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = bundled_cassette_dir() / "anthropic" / "text.yaml"
    assert main(["serve", str(path), "--port", port]) == 2
    err = capsys.readouterr().err
    assert err == f"conformance serve: --port must be 0 (a free one) to 65535, not {port}\n"


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ('{"x y": [a]}', "Illegal header name b'x y'"),
        ('{x-a: ["a\\nb"]}', "Illegal header value b'a\\nb'"),
        ('{"x-\u20ac": [a]}', "cannot serve response header 'x-\u20ac'"),
    ],
)
def test_serve_refuses_a_response_header_http_cannot_carry_in_one_line(
    tmp_path: Path, headers: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each of these failed every request with a traceback from the server thread.
    text = (bundled_cassette_dir() / "anthropic" / "text.yaml").read_text()
    document = yaml.safe_load(text)
    document["interactions"][0]["response"]["headers"] = yaml.safe_load(headers)
    path = tmp_path / "anthropic" / "text.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(document))
    assert main(["serve", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"conformance serve: CassetteError: {path}: ") and reason in err, err
    assert err.count("\n") == 1


def test_a_header_value_outside_latin_1_is_sent_as_a_question_mark(tmp_path: Path) -> None:
    cassette = anthropic_tool_use()
    cassette = dataclasses.replace(
        cassette, response_headers={**cassette.response_headers, "x-v": ["\u20ac"]}
    )
    with ReplayServer(cassette, speed=None) as server, httpx.Client() as client:
        assert client.post(server.url()).headers["x-v"] == "?"
