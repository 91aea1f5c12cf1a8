"""`conformance serve CASSETTE`: a cassette served to the official SDK from another process."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from conformance.cli import main
from conformance.formats.cassettes import bundled_cassette_dir, load_cassette
from conformance.live.clients import Endpoint, anthropic_final_message, openai_chat_final_message
from conformance.oracles import compare

Serve = Callable[..., tuple["subprocess.Popen[str]", str]]


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Start `conformance serve` with the given arguments; yield (process, base URL); stop it with SIGINT."""
    started: list[subprocess.Popen[str]] = []

    def start(
        *args: str, preexec_fn: Callable[[], object] | None = None
    ) -> tuple[subprocess.Popen[str], str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "conformance", "serve", *args],
            preexec_fn=preexec_fn,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"on (http://127\.0\.0\.1:\d+)", first)
        assert match, (
            f"unexpected first line {first!r}; stderr: {process.stderr.read() if process.stderr else ''}"
        )
        return process, match.group(1)

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(10)


@pytest.mark.parametrize(
    ("vendor", "final"),
    [("anthropic", anthropic_final_message), ("openai-chat", openai_chat_final_message)],
)
def test_serve_feeds_the_official_sdk_the_cassettes_message(
    serve: Serve, vendor: str, final: Callable[[Endpoint], dict[str, Any]]
) -> None:
    path = bundled_cassette_dir() / vendor / "text.yaml"
    cassette = load_cassette(path)
    process, base_url = serve(str(path), "--speed", "20")
    sdk = final(Endpoint(base_url, base_url, vendor))
    assert cassette.expected is not None
    assert compare(cassette.expected, sdk) == []
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert re.search(r"connection 1: POST /v1/(messages|chat/completions) -> 200, \d+ bytes", out)


def test_serve_on_a_port_in_use_fails_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        path = bundled_cassette_dir() / "anthropic" / "text.yaml"
        assert main(["serve", str(path), "--port", str(port)]) == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_serve_of_a_missing_cassette_fails_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "no/such/cassette.yaml"]) == 1
    assert "no/such/cassette.yaml: cannot read cassette" in capsys.readouterr().err


def test_serve_refuses_a_negative_speed(capsys: pytest.CaptureFixture[str]) -> None:
    path = bundled_cassette_dir() / "anthropic" / "text.yaml"
    assert main(["serve", str(path), "--speed", "-2"]) == 2
    assert "--speed must be 0 (no pauses) or positive" in capsys.readouterr().err


def test_serve_takes_a_bundled_cassette_by_id(serve: Serve) -> None:
    process, base_url = serve("anthropic/text", "--speed", "0")
    sdk = anthropic_final_message(Endpoint(base_url, base_url, "anthropic"))
    expected = load_cassette(bundled_cassette_dir() / "anthropic" / "text.yaml").expected
    assert expected is not None and compare(expected, sdk) == []
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=20)


def _as_a_background_job() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what a shell does for `conformance serve ... &`


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_serve_stops_cleanly_on_a_signal_even_as_a_background_job(serve: Serve, signum: int) -> None:
    """Started with SIGINT ignored, as a shell starts a background job, `kill -INT` and
    `kill` still stop it: exit 0, its connections' log printed."""
    process, base_url = serve("anthropic/text", "--speed", "0", preexec_fn=_as_a_background_job)
    anthropic_final_message(Endpoint(base_url, base_url, "anthropic"))
    process.send_signal(signum)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "connection 1: POST /v1/messages -> 200" in out
