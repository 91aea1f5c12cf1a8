"""The recorder end to end against a fake vendor on loopback: retries, scrubbing, atomic
writes that never lose a good cassette, drift reports, and the missing-key message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import conformance
from conformance.cassettes import Cassette, load_cassette, save_cassette
from conformance.cli import main
from conformance.drift import diff_shapes, drift_markdown, stream_shape
from conformance.record import Recorder, estimate_cost_usd, with_base_url
from conformance.scrub import CREDENTIAL_PATTERNS, PLACEHOLDER, scrub_cassette
from tests._bundled import bundled
from tests.fake_vendor import Reply, Script, fake_vendor

KEY = "sk-ant-api03-" + "x" * 40


def sse(*events: tuple[str, dict[str, object]]) -> bytes:
    return b"".join(
        f"event: {name}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n".encode()
        for name, data in events
    )


START = (
    "message_start",
    {
        "type": "message_start",
        "message": {
            "id": "msg_01",
            "type": "message",
            "role": "assistant",
            "model": "claude-haiku-4-5",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 9, "output_tokens": 1},
        },
    },
)
TEXT_START = (
    "content_block_start",
    {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
)
DELTA = (
    "content_block_delta",
    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hello"}},
)
STOP = ("content_block_stop", {"type": "content_block_stop", "index": 0})
MESSAGE_DELTA = (
    "message_delta",
    {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": 2},
    },
)
MESSAGE_STOP = ("message_stop", {"type": "message_stop"})
BODY = sse(START, TEXT_START, DELTA, STOP, MESSAGE_DELTA, MESSAGE_STOP)


def scenario(tmp_path: Path, body: bytes = BODY) -> Path:
    cassette = Cassette(
        path=None,
        vendor="anthropic",
        scenario="hello",
        method="POST",
        uri="https://api.anthropic.com/v1/messages",
        request_headers={"content-type": ["application/json"], "anthropic-version": ["2023-06-01"]},
        request_body=json.dumps(
            {
                "model": "claude-haiku-4-5",
                "max_tokens": 64,
                "stream": True,
                "messages": [{"role": "user", "content": "Say hello"}],
            }
        ),
        status=200,
        response_headers={"content-type": ["text/event-stream"]},
        body=body,
        metadata={
            "description": "hello",
            "features": ["text", "usage"],
            "source": "test",
            "expected": conformance.parse("anthropic", [body]).to_dict(),
        },
    )
    path = tmp_path / "anthropic" / "hello.yaml"
    save_cassette(cassette, path)
    return path


def recorder(base_url: str, **kwargs: object) -> tuple[Recorder, list[float]]:
    sleeps: list[float] = []
    rec = Recorder(
        mode=kwargs.pop("mode", "all"),
        env={"ANTHROPIC_API_KEY": KEY},  # type: ignore[arg-type]
        base_url=base_url,
        sleep=sleeps.append,
        **kwargs,
    )  # type: ignore[arg-type]
    return rec, sleeps


def test_rerecording_writes_a_scrubbed_cassette_that_parses(tmp_path: Path) -> None:
    path = scenario(tmp_path)
    new_body = BODY.replace(b"Hello", b"Hi there")
    reply = Reply(
        body=new_body,
        headers={"content-type": "text/event-stream", "request-id": "req_0123", "set-cookie": "session=abc"},
    )
    script = Script([reply])
    with fake_vendor(script) as base:
        rec, _ = recorder(base)
        [outcome] = rec.record_all([load_cassette(path)])
    assert outcome.status == "written", outcome
    assert script.seen[0]["headers"]["x-api-key"] == KEY
    assert script.seen[0]["path"] == "/v1/messages"
    fresh = load_cassette(path)
    assert fresh.body == new_body
    assert conformance.parse("anthropic", fresh.recorded_chunks()) == fresh.expected
    assert fresh.expected is not None and fresh.expected.text == "Hi there"
    assert fresh.chunk_times_ms is not None and len(fresh.chunk_times_ms) == len(fresh.recorded_chunks())
    text = path.read_text()
    assert KEY not in text and "set-cookie" not in text and "req_0123" not in text


def test_rate_limits_are_retried_with_backoff(tmp_path: Path) -> None:
    path = scenario(tmp_path)
    limited = Reply(
        status=429,
        body=b'{"type":"error","error":{"type":"rate_limit_error","message":"slow"}}',
        headers={"content-type": "application/json"},
    )
    overloaded = Reply(
        status=529,
        body=b'{"type":"error","error":{"type":"overloaded_error","message":"busy"}}',
        headers={"content-type": "application/json", "retry-after": "3"},
    )
    with fake_vendor(Script([limited, overloaded, Reply(body=BODY)])) as base:
        rec, sleeps = recorder(base, backoff_s=0.5)
        outcome = rec.record_one(load_cassette(path))
    assert (outcome.status, outcome.attempts) == ("written", 3)
    assert sleeps == [0.5, 3.0]  # exponential backoff, then the server's retry-after


def test_a_recording_cut_mid_stream_leaves_the_old_cassette_byte_for_byte(tmp_path: Path) -> None:
    path = scenario(tmp_path)
    before = path.read_bytes()
    with fake_vendor(Script([Reply(body=BODY, cut_after=len(BODY) // 2)])) as base:
        rec, _ = recorder(base, max_attempts=2)
        outcome = rec.record_one(load_cassette(path))
    assert outcome.status == "failed"
    assert "old cassette kept" in outcome.reason
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["hello.yaml"]


def test_an_error_event_is_not_written_over_a_good_cassette(tmp_path: Path) -> None:
    path = scenario(tmp_path)
    before = path.read_bytes()
    error = ("error", {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
    with fake_vendor(Script([Reply(body=sse(START, TEXT_START, DELTA, error))])) as base:
        rec, _ = recorder(base)
        outcome = rec.record_one(load_cassette(path))
    assert outcome.status == "failed" and "overloaded_error" in outcome.reason
    assert path.read_bytes() == before


def test_a_changed_event_shape_is_reported_with_its_json_path(tmp_path: Path) -> None:
    path = scenario(tmp_path)
    drifted = dict(MESSAGE_DELTA[1])
    drifted["usage"] = {"output_tokens": 2, "server_tool_use": {"web_search_requests": 0}}
    body = sse(START, TEXT_START, DELTA, STOP, ("message_delta", drifted), MESSAGE_STOP)
    with fake_vendor(Script([Reply(body=body)])) as base:
        rec, _ = recorder(base, mode="new_episodes")
        outcome = rec.record_one(load_cassette(path))
    paths = {(d.event_type, d.path, d.kind) for d in outcome.drift}
    assert ("message_delta", "$.usage.server_tool_use", "new field") in paths
    assert outcome.status == "written"
    report = drift_markdown(outcome.drift)
    assert "`$.usage.server_tool_use`" in report and "anthropic" in report


def test_new_episodes_keeps_an_unchanged_shape(tmp_path: Path) -> None:
    path = scenario(tmp_path)
    before = path.read_bytes()
    with fake_vendor(Script([Reply(body=BODY.replace(b"Hello", b"Howdy"))])) as base:
        rec, _ = recorder(base, mode="new_episodes")
        outcome = rec.record_one(load_cassette(path))
    assert outcome.status == "unchanged"
    assert path.read_bytes() == before


def test_mode_none_sends_nothing_and_once_only_fills_gaps(tmp_path: Path) -> None:
    cassette = load_cassette(scenario(tmp_path))
    assert Recorder(mode="none", env={}).plan([cassette]) == []
    assert Recorder(mode="once", env={}).plan([cassette]) == []
    assert Recorder(mode="once", env={}).plan([cassette], tmp_path / "elsewhere") == [cassette]


def test_synthetic_streams_are_never_recorded(tmp_path: Path) -> None:
    cassette = load_cassette(scenario(tmp_path))
    truncated = Cassette(
        **{**cassette.__dict__, "metadata": {**cassette.metadata, "features": ["truncated"]}}
    )
    assert Recorder(mode="all", env={}).plan([truncated]) == []


def test_missing_key_is_one_line_naming_the_variable_and_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scenario(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    code = main(["record", "--vendor", "anthropic", "--cassettes", str(tmp_path), "--record-mode", "all"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0
    assert len(err) == 1 and "ANTHROPIC_API_KEY" in err[0]
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert path.exists()


def test_the_plan_shows_the_estimated_cost_before_sending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario(tmp_path)
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    assert main(["record", "--cassettes", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "estimated cost" in out and "nothing was sent" in out
    assert estimate_cost_usd([load_cassette(tmp_path / "anthropic" / "hello.yaml")]) > 0


def test_full_rerecord_via_the_cli_against_the_fake_vendor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = scenario(tmp_path)
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    report = tmp_path / "drift.md"
    with fake_vendor(Script([Reply(body=BODY)])) as base:
        code = main(
            [
                "record",
                "--cassettes",
                str(tmp_path),
                "--record-mode",
                "all",
                "--base-url",
                base,
                "--drift-report",
                str(report),
            ]
        )
    assert code == 0
    assert "No drift" in report.read_text()
    assert KEY not in path.read_text()


def test_scrubbing_replaces_credentials_everywhere() -> None:
    cassette = Cassette(
        path=None,
        vendor="gemini",
        scenario="s",
        method="POST",
        uri="https://generativelanguage.googleapis.com/v1beta/models/m:streamGenerateContent?alt=sse&key=AIza"
        + "A" * 35,
        request_headers={
            "x-goog-api-key": ["AIza" + "B" * 35],
            "Authorization": ["Bearer abcdefghijklmnopqrst"],
        },
        request_body='{"contents": [{"parts": [{"text": "my key is sk-proj-' + "C" * 40 + '"}]}]}',
        status=200,
        response_headers={"Set-Cookie": ["a=b"]},
        body=b"data: {}\r\n\r\n",
    )
    clean = scrub_cassette(cassette)
    assert (
        "key=" + PLACEHOLDER.replace("<", "%3C").replace(">", "%3E") in clean.uri or PLACEHOLDER in clean.uri
    )
    assert "AIza" not in clean.uri
    assert clean.request_headers == {}
    assert clean.response_headers == {}
    assert clean.request_body is not None and "sk-proj" not in clean.request_body


def test_no_bundled_cassette_contains_anything_like_a_credential() -> None:
    cassettes = bundled()
    assert cassettes
    for cassette in cassettes:
        assert cassette.path is not None
        text = cassette.path.read_text(encoding="utf-8", errors="replace")
        for pattern in CREDENTIAL_PATTERNS:
            assert not pattern.search(text), f"{cassette.id}: {pattern.pattern}"
        for header in cassette.request_headers:
            assert header.lower() not in ("authorization", "x-api-key", "x-goog-api-key", "api-key"), (
                cassette.id
            )


def test_base_url_keeps_path_and_query() -> None:
    uri = "https://generativelanguage.googleapis.com/v1beta/models/g:streamGenerateContent?alt=sse"
    assert (
        with_base_url(uri, "http://127.0.0.1:9")
        == "http://127.0.0.1:9/v1beta/models/g:streamGenerateContent?alt=sse"
    )


def test_drift_of_identical_shapes_is_empty() -> None:
    events = conformance.vendor_events("anthropic", [BODY])
    assert diff_shapes(stream_shape(events), stream_shape(events)) == []
