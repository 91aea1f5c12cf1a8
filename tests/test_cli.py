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
