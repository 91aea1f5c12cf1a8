"""The `conformance` command as a user runs it (a real subprocess for the entry point)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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

    from conformance.cassettes import bundled_cassette_dir

    (tmp_path / "anthropic").mkdir()
    shutil.copy(bundled_cassette_dir() / "anthropic" / "text.yaml", tmp_path / "anthropic" / "text.yaml")
    assert main(["check", "--schemas", "--cassettes", str(tmp_path)]) == 0
    assert "1/1 cassettes match the schemas" in capsys.readouterr().out

    broken = tmp_path / "anthropic" / "text.yaml"
    text = broken.read_text()
    broken.write_text(
        text.replace('"type":"content_block_stop","index":0', '"type":"content_block_stop","index":"0"', 1)
    )
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


def test_parse_takes_a_bundled_cassette_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "anthropic/tool_use"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["vendor"] == "anthropic" and printed["tool_calls"]
    assert main(["parse", "anthropic/no_such_scenario"]) == 1
    assert "no bundled cassette of that id (bundled anthropic cassettes: " in capsys.readouterr().err
