"""The recorder end to end against a fake vendor on loopback: retries, scrubbing, atomic
writes that never lose a good cassette, drift reports, and the missing-key message."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import conformance
from conformance.adapters import ADAPTERS, VendorEvent
from conformance.adapters.anthropic import AnthropicAdapter
from conformance.cli import main
from conformance.formats.cassettes import Cassette, load_cassette, load_cassettes, save_cassette
from conformance.live.drift import diff_shapes, drift_markdown, stream_shape
from conformance.live.record import (
    CREDENTIALS,
    TEMP_PREFIX,
    MissingKeyError,
    NoAuth,
    Recorder,
    RecordTargetError,
    credentials,
    estimate_cost_usd,
    is_synthetic,
    sweep_temp_files,
    with_base_url,
)
from conformance.live.scrub import (
    CREDENTIAL_PATTERNS,
    PLACEHOLDER,
    scrub_cassette,
    scrub_response_headers,
    scrub_text,
    scrub_url,
    secret_forms,
)
from conformance.oracles import ORACLE_MODULES
from tests._bundled import bundled
from tests.fake_vendor import Reply, Script, echoed_values, echoing, fake_vendor

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


# -- scrub by value: a vendor that echoes every credential it receives ---------------------

# Credentials of no known key format, so only scrubbing by value can find them (issue 16:
# azure 32 hex, mistral 32 characters and cohere 40 characters went through).
ECHOED_ENV = {
    "ANTHROPIC_API_KEY": "anthropic0key0of0no0known0format0000001",
    "OPENAI_API_KEY": "openai00key0of0no0known0format000000002",
    "GEMINI_API_KEY": "gemini00key0of0no0known0format000000003",
    "MISTRAL_API_KEY": "m1stra1KeyOfThirtyTwoCharacters0",
    "CO_API_KEY": "cohereKeyOfFortyCharacters00000000000004",
    "GROQ_API_KEY": "groq0000key0of0no0known0format000000005",
    "DEEPSEEK_API_KEY": "deepseekkey0of0no0known0format000000006",
    "OPENROUTER_API_KEY": "openrouterkey0of0no0known0format0000007",
    "XAI_API_KEY": "xai00000key0of0no0known0format000000008",
    "AZURE_OPENAI_API_KEY": "0123456789abcdef0123456789abcdef",
    "VLLM_API_KEY": "vllm0000key0of0no0known0format000000009",
    "VERTEX_ACCESS_TOKEN": "ya29.vertex0access0token0of0no0known0format0010",
    "AWS_ACCESS_KEY_ID": "EXAMPLEACCESSKEYID01",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEXAMPLESESSIONTOKEN+/=0000",
}


def live_text_scenario(vendor: str) -> Cassette:
    """The vendor's first bundled scenario that would be re-recorded and has answer text."""
    candidates = [
        c
        for c in load_cassettes(vendor=vendor)
        if not is_synthetic(c) and c.expected is not None and c.expected.text and not c.expected.reasoning
    ]
    return next((c for c in candidates if c.scenario == "text"), candidates[0])


RECORDED_VENDORS = sorted(v for v in CREDENTIALS if load_cassettes(vendor=v))


@pytest.mark.parametrize("vendor", RECORDED_VENDORS)
def test_an_echoing_vendor_gets_no_credential_into_the_cassette(vendor: str, tmp_path: Path) -> None:
    scenario = live_text_scenario(vendor)
    assert scenario.expected is not None
    content_type = next(
        (v[0] for k, v in scenario.response_headers.items() if k.lower() == "content-type" and v),
        "text/event-stream",
    )
    script = Script([], respond=echoing(scenario.body, scenario.expected.text, content_type))
    with fake_vendor(script) as base:
        rec = Recorder(mode="all", env=ECHOED_ENV, base_url=base, sleep=lambda s: None)
        [outcome] = rec.record_all([scenario], tmp_path)
    sent = credentials_sent(vendor)
    assert outcome.status == "written", outcome
    written = tmp_path / vendor / f"{scenario.scenario}.yaml"
    fresh = load_cassette(written)
    assert fresh.expected is not None and "python-httpx" in fresh.expected.text  # the echo got in
    if not isinstance(CREDENTIALS[vendor], NoAuth):
        assert sent and any(value in " ".join(echoed_values(script.seen[0])) for value in sent)
        assert PLACEHOLDER in fresh.expected.text  # so the expected message was scrubbed too
    everything = written.read_text(encoding="utf-8") + fresh.body.decode("utf-8", "replace")
    for value in echoed_values(script.seen[0]):
        if any(secret in value for secret in sent):
            for form in secret_forms(value):
                assert form not in everything
    for secret in sent:
        for form in secret_forms(secret):
            assert form not in everything, f"{vendor}: a credential survived"
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name]


def credentials_sent(vendor: str) -> list[str]:
    """The credential values the recorder sends for `vendor` under `ECHOED_ENV`."""
    return list(credentials(vendor, ECHOED_ENV).secrets.values())


# -- the request sent upstream, and what is kept of the response ----------------------------


def test_the_upstream_request_is_the_scenario_plus_this_runs_key_never_its_stored_headers(
    tmp_path: Path,
) -> None:
    path = scenario(tmp_path)
    stored = load_cassette(path)
    old_secret = "old0stored0secret0value0000000000"
    stale = replace(
        stored,
        uri=stored.uri + f"?beta=true&api-key={old_secret}&X-Amz-Signature={old_secret}",
        request_headers={
            **stored.request_headers,
            "authorization": [f"Bearer {old_secret}"],
            "cookie": [f"session={old_secret}"],
            "openai-organization": ["org-stored"],
            "x-custom-header": ["custom"],
            "host": ["api.openai.com"],
        },
    )
    save_cassette(stale, path)
    script = Script([Reply(body=BODY, headers={"content-type": "text/event-stream"})])
    with fake_vendor(script) as base:
        rec, _ = recorder(base)
        outcome = rec.record_one(load_cassette(path))
    assert outcome.status == "written", outcome
    [seen] = script.seen
    assert seen["query"] == "beta=true"
    assert seen["headers"]["x-api-key"] == KEY
    assert seen["headers"]["anthropic-version"] == "2023-06-01"
    assert seen["headers"]["host"] == base.removeprefix("http://")
    for name in ("authorization", "cookie", "openai-organization", "x-custom-header"):
        assert name not in seen["headers"]
    text = path.read_text()
    assert old_secret not in text and "org-stored" not in text and "api.openai.com" not in text


def test_response_headers_are_kept_by_allowlist_and_ids_normalized() -> None:
    headers = {
        "Content-Type": ["text/event-stream"],
        "anthropic-ratelimit-requests-remaining": ["49"],
        "apim-request-id": ["3f2b-live"],
        "x-amzn-RequestId": ["a1b2-live"],
        "mistral-correlation-id": ["c3d4-live"],
        "x-cloud-trace-context": ["e5f6-live"],
        "openai-organization": ["org-live"],
        "x-echo": ["anything at all"],
        "Set-Cookie": ["a=b"],
    }
    kept = scrub_response_headers("anthropic", headers)
    assert set(kept) == {
        "Content-Type",
        "anthropic-ratelimit-requests-remaining",
        "apim-request-id",
        "x-amzn-RequestId",
        "mistral-correlation-id",
        "x-cloud-trace-context",
    }
    assert not any("live" in v for values in kept.values() for v in values)
    assert "anthropic-ratelimit-requests-remaining" not in scrub_response_headers("mistral", headers)


def test_a_credential_named_query_parameter_is_replaced_whatever_its_name() -> None:
    url = "https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21"
    for name in ("api-key", "key", "access_token", "X-Amz-Signature", "sig", "subscription-key"):
        scrubbed = scrub_url(f"{url}&{name}=s3cr3tvalue0")
        assert "s3cr3tvalue0" not in scrubbed and "api-version=2024-10-21" in scrubbed, name


def test_a_key_too_short_to_scrub_by_value_is_refused_before_sending(tmp_path: Path) -> None:
    path = scenario(tmp_path)
    script = Script([Reply(body=BODY)])
    with fake_vendor(script) as base:
        rec = Recorder(mode="all", env={"ANTHROPIC_API_KEY": "abc"}, base_url=base, sleep=lambda s: None)
        outcome = rec.record_one(load_cassette(path))
    assert (
        outcome.status == "failed" and "ANTHROPIC_API_KEY" in outcome.reason and "too short" in outcome.reason
    )
    assert script.seen == []


# -- recorder safety ------------------------------------------------------------------------


def test_a_recording_over_the_cassette_size_limit_is_refused_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = scenario(tmp_path)
    before = path.read_bytes()
    big = BODY.replace(b"Hello", b"Hello " * 2000)
    monkeypatch.setattr(conformance.formats.cassettes.reading, "MAX_CASSETTE_BYTES", len(before) + 4000)
    with fake_vendor(Script([Reply(body=big)])) as base:
        rec, _ = recorder(base)
        outcome = rec.record_one(load_cassette(path))
    assert outcome.status == "failed", outcome
    assert "limit" in outcome.reason and "old cassette kept" in outcome.reason
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["hello.yaml"]


def test_a_temporary_file_left_by_a_killed_recorder_is_swept_by_the_next_run(tmp_path: Path) -> None:
    path = scenario(tmp_path)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    stale = path.parent / f"{TEMP_PREFIX}{dead_pid}-0a0b0c0d.hello.yaml.tmp"
    stale.write_text("half a cassette")
    live = path.parent / f"{TEMP_PREFIX}1-0a0b0c0d.hello.yaml.tmp"  # pid 1 is alive: not ours to remove
    live.write_text("someone else's")
    with fake_vendor(Script([Reply(body=BODY)])) as base:
        rec, _ = recorder(base)
        [outcome] = rec.record_all([load_cassette(path)])
    assert outcome.status == "written"
    assert not stale.exists() and live.exists()


def test_bedrock_without_aws_credentials_names_them_and_sends_nothing(tmp_path: Path) -> None:
    bedrock = live_text_scenario("bedrock-converse")
    script = Script([Reply(body=bedrock.body)])
    with fake_vendor(script) as base:
        rec = Recorder(mode="all", env={}, base_url=base, sleep=lambda s: None)
        with pytest.raises(
            MissingKeyError, match=r"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \(or AWS_PROFILE\)"
        ):
            rec.check_keys([bedrock])
        [outcome] = rec.record_all([bedrock], tmp_path)
    assert outcome.status == "failed" and "AWS_SECRET_ACCESS_KEY" in outcome.reason
    assert outcome.attempts == 0 and script.seen == []


def test_bedrock_requests_are_signed_with_sigv4_for_the_scenarios_region(tmp_path: Path) -> None:
    bedrock = live_text_scenario("bedrock-converse")
    script = Script(
        [Reply(body=bedrock.body, headers={"content-type": "application/vnd.amazon.eventstream"})]
    )
    with fake_vendor(script) as base:
        rec = Recorder(mode="all", env=ECHOED_ENV, base_url=base, sleep=lambda s: None)
        [outcome] = rec.record_all([bedrock], tmp_path)
    assert outcome.status == "written", outcome
    auth = script.seen[0]["headers"]["authorization"]
    assert auth.startswith("AWS4-HMAC-SHA256 Credential=EXAMPLEACCESSKEYID01/")
    assert "/us-east-1/bedrock/aws4_request" in auth
    assert script.seen[0]["headers"]["x-amz-security-token"] == ECHOED_ENV["AWS_SESSION_TOKEN"]


def test_recording_never_writes_inside_the_installed_package(tmp_path: Path) -> None:
    package = Path(conformance.__file__).resolve().parent
    cassette = replace(load_cassette(scenario(tmp_path)), path=package / "bundled_cassettes" / "x" / "y.yaml")
    with pytest.raises(RecordTargetError, match="inside the installed package"):
        Recorder.target(cassette, None)
    outcome = Recorder(mode="all", env={"ANTHROPIC_API_KEY": KEY}).record_one(cassette)
    assert outcome.status == "failed" and "--output" in outcome.reason
    assert not (package / "bundled_cassettes" / "x").exists()


def test_bundled_scenarios_record_into_dot_cassettes_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled_text = load_cassette(
        conformance.formats.cassettes.bundled_cassette_dir() / "anthropic" / "text.yaml"
    )
    before = bundled_text.path.read_bytes() if bundled_text.path else b""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    with fake_vendor(Script([Reply(body=bundled_text.body)])) as base:
        code = main(
            [
                "record",
                "--vendor",
                "anthropic",
                "--scenario",
                "text",
                "--record-mode",
                "all",
                "--base-url",
                base,
            ]
        )
    assert code == 0
    assert load_cassette(tmp_path / "cassettes" / "anthropic" / "text.yaml").body == bundled_text.body
    assert bundled_text.path is not None and bundled_text.path.read_bytes() == before


# -- the expected message: vouched for by the official SDK ---------------------------------


def tool_use_body(*fragments: str) -> bytes:
    block = {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {}}
    deltas = [
        (
            "content_block_delta",
            {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "input_json_delta", "partial_json": f},
            },
        )
        for f in fragments
    ]
    stop = dict(MESSAGE_DELTA[1])
    stop["delta"] = {"stop_reason": "tool_use", "stop_sequence": None}
    return sse(
        START,
        ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": block}),
        *deltas,
        STOP,
        ("message_delta", stop),
        MESSAGE_STOP,
    )


class DropsSecondArgumentFragment(AnthropicAdapter):
    """A seeded bug: the second `input_json_delta` of a block is lost (the JSON stays valid)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fragments = 0

    def _on_block_delta(self, event: VendorEvent) -> list[conformance.Event]:
        if event.data.get("delta", {}).get("type") == "input_json_delta":
            self._fragments += 1
            if self._fragments == 2:
                return []
        return super()._on_block_delta(event)


def test_a_rerecording_the_reference_parser_reads_wrongly_is_refused_with_the_sdks_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("anthropic")
    path = scenario(tmp_path)
    before = path.read_bytes()
    body = tool_use_body('{"city": "Par', "is", '"}')
    monkeypatch.setitem(ADAPTERS, "anthropic", DropsSecondArgumentFragment)
    assert conformance.parse("anthropic", [body]).tool_calls[0].arguments == {"city": "Par"}  # the bug
    with fake_vendor(Script([Reply(body=body)])) as base:
        rec, _ = recorder(base)
        outcome = rec.record_one(load_cassette(path))
    assert outcome.status == "failed", outcome
    assert "official SDK (anthropic==" in outcome.reason
    assert "tool_calls: ours" in outcome.reason and "'Par'" in outcome.reason
    assert '"arguments": {"city": "Paris"}' in outcome.reason  # the SDK's answer, shown
    assert path.read_bytes() == before


def test_an_agreeing_sdk_gives_the_expected_message_sdk_provenance(tmp_path: Path) -> None:
    anthropic = pytest.importorskip("anthropic")
    path = scenario(tmp_path)
    body = tool_use_body('{"city": "Par', "is", '"}')
    with fake_vendor(Script([Reply(body=body)])) as base:
        rec, _ = recorder(base)
        outcome = rec.record_one(load_cassette(path))
    assert outcome.status == "written" and outcome.warnings == []
    fresh = load_cassette(path)
    assert fresh.provenance == f"sdk:anthropic=={anthropic.__version__}"
    assert fresh.expected is not None and fresh.expected.tool_calls[0].arguments == {"city": "Paris"}


def test_without_the_sdk_the_expected_message_is_reference_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scenario(tmp_path)
    monkeypatch.setitem(ORACLE_MODULES, "anthropic", "conformance.oracles._an_sdk_that_is_not_installed")
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    report = tmp_path / "drift.md"
    with fake_vendor(Script([Reply(body=BODY)])) as base:
        code = main(
            [
                *("record", "--cassettes", str(tmp_path), "--record-mode", "all"),
                *("--base-url", base, "--drift-report", str(report)),
            ]
        )
    assert code == 0
    assert load_cassette(path).provenance == "reference"
    out = capsys.readouterr().out
    assert "warning:" in out and "provenance 'reference'" in out
    assert "| expected from reference | unknown | reference |" in report.read_text()


def test_a_credential_split_across_two_text_deltas_is_refused_not_written(tmp_path: Path) -> None:
    # Neither delta holds the whole key, so no scrub of the body finds it; the parsed text does.
    key = ECHOED_ENV["ANTHROPIC_API_KEY"]
    first, second = (
        ("content_block_delta", {**DELTA[1], "delta": {"type": "text_delta", "text": part}})
        for part in ("Your key: " + key[:20], key[20:])
    )
    body = sse(START, TEXT_START, first, second, STOP, MESSAGE_DELTA, MESSAGE_STOP)
    path = scenario(tmp_path)
    before = path.read_bytes()
    with fake_vendor(Script([Reply(body=body)])) as base:
        rec = Recorder(mode="all", env=ECHOED_ENV, base_url=base, sleep=lambda s: None)
        outcome = rec.record_one(load_cassette(path))
    assert outcome.status == "failed" and "in the parsed message" in outcome.reason
    assert path.read_bytes() == before


def test_a_json_escaped_slash_in_an_echoed_secret_is_scrubbed() -> None:
    secret = ECHOED_ENV["AWS_SECRET_ACCESS_KEY"]
    echoed = '{"echo": "' + secret.replace("/", "\\/") + '"}'
    assert secret not in echoed and json.loads(echoed)["echo"] == secret
    assert scrub_text(echoed, {"AWS_SECRET_ACCESS_KEY": secret}) == '{"echo": "<scrubbed>"}'


KILLED_WRITER = """
import sys, time
from pathlib import Path
import conformance.live.record.writing as record
from conformance.formats.cassettes import load_cassette

def stall(path):  # the temporary file is on disk: wait here to be killed
    print("written", flush=True)
    time.sleep(60)

record.load_cassette = stall
target = Path(sys.argv[1])
record.write_validated(load_cassette(target), target)
"""


def test_a_recorder_killed_while_writing_keeps_the_old_cassette_and_its_temp_file_is_swept(
    tmp_path: Path,
) -> None:
    path = scenario(tmp_path)
    before = path.read_bytes()
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "written"
    finally:
        writer.kill()  # SIGKILL: no cleanup runs
        writer.wait(timeout=10)
    [left] = path.parent.glob(f"{TEMP_PREFIX}{writer.pid}-*.tmp")
    assert path.read_bytes() == before
    assert sweep_temp_files(path.parent) == [left]
    assert sorted(p.name for p in path.parent.iterdir()) == ["hello.yaml"]


def test_bedrock_takes_its_credentials_from_an_aws_profile_and_scrubs_them_by_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("botocore")
    shared = tmp_path / "aws-credentials"
    shared.write_text(
        "[recording]\naws_access_key_id = PROFILEACCESSKEYID01\n"
        "aws_secret_access_key = profile/secret/access/key/0000000000000\n"
    )
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(shared))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    creds = credentials("bedrock-converse", {"AWS_PROFILE": "recording"})
    assert creds.secrets == {
        "AWS_ACCESS_KEY_ID": "PROFILEACCESSKEYID01",
        "AWS_SECRET_ACCESS_KEY": "profile/secret/access/key/0000000000000",
    }
    signed = creds.sign(
        "POST", "https://bedrock-runtime.eu-west-3.amazonaws.com/model/m/converse-stream", {}, b"{}"
    )
    assert "Credential=PROFILEACCESSKEYID01/" in signed["authorization"]
    assert "/eu-west-3/bedrock/aws4_request" in signed["authorization"]
    with pytest.raises(MissingKeyError, match="AWS_PROFILE"):
        credentials("bedrock-converse", {"AWS_PROFILE": "no-such-profile"})


def test_every_vendor_says_how_it_is_authenticated() -> None:
    # A vendor missing here would be recorded with no credentials at all, and its echo untested.
    assert set(CREDENTIALS) == set(conformance.vendors())
