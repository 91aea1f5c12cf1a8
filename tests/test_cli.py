"""The `conformance` command as a user runs it (a real subprocess for the entry point)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conformance.cli import main
from tests._bundled import bundled


def test_python_dash_m_lists_the_vendors() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "conformance", "vendors"], capture_output=True, text=True, check=True
    ).stdout
    for vendor in ("anthropic", "openai-chat", "gemini"):
        assert vendor in out


def _tool_cassettes() -> list[object]:
    picked = {}
    for cassette in bundled():
        expected = cassette.expected
        if expected and expected.tool_calls and expected.complete and cassette.vendor not in picked:
            picked[cassette.vendor] = cassette
    return [pytest.param(c, id=c.id) for c in picked.values()]


@pytest.mark.parametrize("cassette", _tool_cassettes())
def test_parse_prints_the_tool_call_with_parsed_arguments(
    cassette: object, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cassette.path  # type: ignore[attr-defined]
    assert main(["parse", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = cassette.expected  # type: ignore[attr-defined]
    assert printed["tool_calls"][0]["arguments"] == expected.tool_calls[0].arguments
    assert isinstance(printed["tool_calls"][0]["arguments"], dict)
    vendor = cassette.vendor  # type: ignore[attr-defined]
    assert main(["parse", "--vendor", vendor, "--chunk-size", "3", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == printed


def test_parse_of_a_raw_body_needs_a_vendor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "body.sse"
    body.write_bytes(b"data: [DONE]\n\n")
    assert main(["parse", str(body)]) == 2
    assert "--vendor" in capsys.readouterr().err
    assert main(["parse", "--vendor", "openai-chat", str(body)]) == 0
    assert json.loads(capsys.readouterr().out)["complete"] is True


def test_parse_reports_a_broken_stream_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = tmp_path / "body.sse"
    body.write_bytes(b"data: {broken\n\n")
    assert main(["parse", "--vendor", "openai-chat", str(body)]) == 1
    err = capsys.readouterr().err
    assert "InvalidJSONError" in err and "openai-chat" in err and "byte offset 0" in err


def test_parse_of_a_missing_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--vendor", "anthropic", str(tmp_path / "nope.sse")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_check_schemas_validates_a_cassette_directory_on_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from conformance.formats.cassettes import bundled_cassette_dir

    (tmp_path / "anthropic").mkdir()
    shutil.copy(bundled_cassette_dir() / "anthropic" / "text.yaml", tmp_path / "anthropic" / "text.yaml")
    assert main(["check", "--schemas", "--cassettes", str(tmp_path)]) == 0
    assert "1/1 cassettes match the schemas" in capsys.readouterr().out

    broken = tmp_path / "anthropic" / "text.yaml"
    cassette = yaml.safe_load(broken.read_text())
    response = cassette["interactions"][0]["response"]
    response["body"]["string"] = response["body"]["string"].replace(
        '"type":"content_block_stop","index":0', '"type":"content_block_stop","index":"0"', 1
    )
    for key in ("chunks", "chunk_times_ms"):  # the edit makes the body longer than its recorded chunks
        del cassette["metadata"]["conformance"][key]
    broken.write_text(yaml.safe_dump(cassette, allow_unicode=True))
    assert main(["check", "--schemas", "--cassettes", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "anthropic/text:" in out and "0/1 cassettes match the schemas" in out


def test_parse_prints_a_lone_surrogate_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "body.sse"
    chunk = (
        '{"id":"c","object":"chat.completion.chunk","created":1,"model":"m",'
        '"choices":[{"index":0,"delta":{"content":"a\\ud800b"},"finish_reason":"stop"}]}'
    )
    body.write_text(f"data: {chunk}\n\ndata: [DONE]\n\n")
    assert main(["parse", "--vendor", "openai-chat", str(body)]) == 0
    out = capsys.readouterr().out
    assert "\\ud800" in out
    assert json.loads(out)["text"] == "a\ud800b"


def test_check_schemas_of_a_folder_without_cassettes_names_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--schemas", "--cassettes", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == f"conformance check: no cassette in {tmp_path}"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["check", "--vendor", "nosuch"], "argument --vendor: invalid choice: 'nosuch'"),
        (["check", "--cassettes", "missingdir"], "argument --cassettes: 'missingdir' does not exist"),
        (
            ["check", "--schemas", "--cassettes", "missingdir"],
            "argument --cassettes: 'missingdir' does not exist",
        ),
        (["check", "--hypothesis-profile", "ci"], "argument --hypothesis-profile: invalid choice: 'ci'"),
        (["check", "--jobs", "-1"], "argument -j/--jobs: expected a number of processes"),
        (["record", "--vendor", "nosuch"], "argument --vendor: invalid choice: 'nosuch'"),
        (["record", "--cassettes", "missingdir"], "argument --cassettes: 'missingdir' does not exist"),
        (
            ["parse", "--chunk-size", "-5", "body.sse"],
            "argument --chunk-size: expected a number of bytes, 1 or",
        ),
        (
            ["parse", "--chunk-size", "0", "body.sse"],
            "argument --chunk-size: expected a number of bytes, 1 or",
        ),
        (["parse", "--vendor", "nosuch", "body.sse"], "argument --vendor: invalid choice: 'nosuch'"),
    ],
)
def test_a_typo_is_a_usage_error_naming_it(
    argv: list[str],
    named: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert len(errors) == 1 and named in errors[0], errors


def test_a_file_given_as_cassette_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["check", "--schemas", "--cassettes", str(tmp_path / "a.yaml")])
    assert "a.yaml' is not a directory" in capsys.readouterr().err


def test_version_prints_the_package_version() -> None:
    from importlib.metadata import version

    out = subprocess.run(
        [sys.executable, "-m", "conformance", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == f"conformance {version('stream-conformance')}"


def test_every_option_has_a_help_text_that_says_what_it_does() -> None:
    import argparse

    from conformance.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subparsers.choices.items():
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            text = action.help or ""
            assert len(text.split()) >= 3, f"conformance {name} {action.dest}: help {text!r}"


def test_record_without_a_key_prints_the_plan_and_sends_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's `conformance record --vendor anthropic`: the plan and its cost, no key needed."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "record", "--vendor", "anthropic"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.match(
        r"\d+ scenario\(s\) to record \(\d+ synthetic skipped\); estimated cost at most \$", lines[0]
    )
    assert "  anthropic/text: POST https://api.anthropic.com/v1/messages" in lines
    assert "  anthropic: cannot record yet: set ANTHROPIC_API_KEY to record anthropic cassettes" in lines
    assert lines[-1].startswith("record mode 'none': nothing was sent.")


def test_recording_bedrock_without_aws_credentials_stops_before_sending(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README: "a missing one is named in a one-line error before anything is sent",
    bedrock-converse (AWS SigV4) included."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    assert main(["record", "--vendor", "bedrock-converse", "--record-mode", "all"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "AWS_ACCESS_KEY_ID" in err[0] and "bedrock-converse" in err[0]


def test_parse_takes_a_bundled_cassette_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "anthropic/tool_use"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["vendor"] == "anthropic" and printed["tool_calls"]
    assert main(["parse", "anthropic/no_such_scenario"]) == 1
    assert "no bundled cassette of that id (bundled anthropic cassettes: " in capsys.readouterr().err
