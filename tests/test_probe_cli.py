"""`conformance probe` on the command line: exit codes, outputs, recordings, bad arguments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.formats.cassettes import load_cassette
from tests.probe_servers import MisbehavingServer, conforming_replay_server
from tests.test_probe import no_done


def test_a_conforming_server_exits_0_with_the_matrix_and_writes_json_and_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with conforming_replay_server("anthropic") as server:
        code = main(
            [
                "probe",
                "--vendor",
                "anthropic",
                "--base-url",
                server.base_url,
                "--model",
                "m",
                "--json",
                str(tmp_path / "probe.json"),
                "--report-md",
                str(tmp_path / "probe.md"),
            ]
        )
    out = capsys.readouterr()
    assert code == 0, out.out
    assert "conforms (6 scenarios" in out.out
    assert "probed cancel" in out.err  # progress, one line a scenario, on stderr
    document = json.loads((tmp_path / "probe.json").read_text())
    assert document["passed"] is True and document["vendor"] == "anthropic"
    assert {f["check"] for f in document["findings"]} >= {"protocol", "sdk", "cancel", "error_shape"}
    assert "| scenario |" in (tmp_path / "probe.md").read_text()


def test_a_violation_exits_1_with_one_line_naming_the_cause(capsys: pytest.CaptureFixture[str]) -> None:
    with MisbehavingServer("openai-chat", no_done) as server:
        code = main(["probe", "--vendor", "vllm", "--base-url", server.base_url, "--scenario", "text"])
    out = capsys.readouterr().out
    assert code == 1
    failures = [line for line in out.splitlines() if line.startswith("FAIL ")]
    assert failures == [
        "FAIL text / protocol: no `data: [DONE]` terminator: "
        "OpenAI ends every stream with it, and clients wait for it"
    ]


def test_recorded_answers_hold_no_credential_even_where_the_server_echoes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "probe-secret-7f3a9c1e55d24b6e"  # no known key format: found by value only
    monkeypatch.setenv("MY_GATEWAY_KEY", secret)
    with MisbehavingServer("openai-chat", lambda s, a: a, echo_credentials=True) as server:
        code = main(
            [
                "probe",
                "--vendor",
                "openai-chat",
                "--base-url",
                server.base_url,
                "--api-key-env",
                "MY_GATEWAY_KEY",
                "--scenario",
                "text",
                "--scenario",
                "invalid_request",
                "--record",
                str(tmp_path),
            ]
        )
    assert code == 0, capsys.readouterr()
    written = sorted((tmp_path / "openai-chat").glob("*.yaml"))
    assert [p.name for p in written] == ["probe-invalid_request.yaml", "probe-text.yaml"]
    for path in written:
        assert secret not in path.read_text(encoding="utf-8")
        load_cassette(path)  # a cassette the kit reads back
    assert b"REDACTED" in load_cassette(tmp_path / "openai-chat" / "probe-text.yaml").body  # it was echoed


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--base-url", "localhost:8000"], "--base-url 'localhost:8000' is not an http:// or https:// URL"),
        (["--base-url", "http://127.0.0.1:9", "--timeout", "0"], "--timeout must be a positive number"),
        (
            ["--base-url", "http://127.0.0.1:9", "--cancel-grace-ms", "-1"],
            "--cancel-grace-ms must be positive",
        ),
        (
            ["--base-url", "http://127.0.0.1:9", "--json", "/no/such/folder/x.json"],
            "folder /no/such/folder does not exist",
        ),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["probe", "--vendor", "openai-chat", *argv]) == 2
    assert words in capsys.readouterr().err


def test_an_unknown_vendor_or_scenario_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--vendor", "nosuch"], ["--vendor", "openai-chat", "--scenario", "nosuch"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["probe", *argv, "--base-url", "http://127.0.0.1:9"])
        assert exit_info.value.code == 2
    assert "invalid choice: 'nosuch'" in capsys.readouterr().err


def test_a_missing_key_variable_is_named_and_nothing_is_sent(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NO_SUCH_KEY_VAR", raising=False)
    code = main(
        [
            "probe",
            "--vendor",
            "openai-chat",
            "--base-url",
            "http://127.0.0.1:9",
            "--api-key-env",
            "NO_SUCH_KEY_VAR",
        ]
    )
    assert code == 1
    assert "NO_SUCH_KEY_VAR: that environment variable is not set or empty" in capsys.readouterr().err


def test_a_server_that_is_not_there_fails_http_and_judges_nothing_else(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "probe",
            "--vendor",
            "openai-chat",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--scenario",
            "text",
            "--timeout",
            "5",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines() if line.startswith("FAIL")] == [
        "FAIL text / http"
    ]
