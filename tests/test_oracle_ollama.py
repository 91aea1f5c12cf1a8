"""The official `ollama` library (`Client.chat(stream=True)`), fed every complete bundled
Ollama cassette through an in-memory `httpx` transport, agrees with `conformance.parse`
(text, thinking, tool calls, done reason, counts); where it cannot, what it does is pinned
beside what we report. Skipped without `ollama` (a failure under CI: tests/_oracles.py)."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

import pytest

from tests._oracles import require_sdk

require_sdk("ollama", reason="the Ollama oracle needs ollama (the dev extra)")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.ollama import sdk_message
from tests._bundled import one_scenario

CASSETTES = load_cassettes(vendor="ollama")
COMPLETE = [
    pytest.param(c, id=c.scenario) for c in CASSETTES if c.expected is not None and c.expected.complete
]


cassette = partial(one_scenario, CASSETTES)


def ndjson(*lines: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(line).encode() + b"\n" for line in lines)


def test_the_ollama_oracle_is_registered() -> None:
    assert oracle_for("ollama") is sdk_message


def test_complete_cassettes_cover_text_thinking_and_tool_calls() -> None:
    scenarios = {p.values[0].scenario for p in COMPLETE}
    assert {"text", "thinking", "tool_call", "tool_calls_parallel", "length"} <= scenarios


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs
    assert set(theirs) == {"text", "reasoning", "tool_calls", "vendor_stop_reason", "usage"}
    assert compare(conformance.parse("ollama", [cassette.body]), theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    body = cassette.body
    chunks = [body[i : i + 7] for i in range(0, len(body), 7)]
    assert compare(conformance.parse("ollama", chunks), sdk_message(body, chunks=chunks)) == []


def test_an_error_line_mid_stream_is_the_same_error_for_both() -> None:
    c = cassette("error_mid_stream")
    ours = conformance.parse("ollama", [c.body])
    theirs = sdk_message(c.body)
    assert theirs["sdk_error"].startswith("ResponseError: ")
    assert compare(ours, theirs) == []
    assert theirs["error"] == {
        "type": "error",
        "message": "an error was encountered while running the model: unexpected EOF",
    }


def test_sdk_raises_on_a_line_cut_short_where_we_report_incomplete() -> None:
    # `_client.py` runs `json.loads` on every line, the last one too, cut or not.
    c = cassette("truncated")
    theirs = sdk_message(c.body)
    assert theirs["sdk_error"].startswith("JSONDecodeError: ")
    ours = conformance.parse("ollama", [c.body])
    assert (ours.complete, ours.error, ours.text) == (False, None, theirs["text"])


def test_sdk_drops_a_tool_call_id_which_we_keep() -> None:
    # ollama-python's `Message.ToolCall` has only `function`, and its models ignore unknown
    # keys: an `id` in the line never reaches the user.
    call = {"id": "call_7f3", "function": {"name": "get_time", "arguments": {"zone": "UTC"}}}
    body = ndjson(
        {
            "model": "qwen3",
            "message": {"role": "assistant", "content": "", "tool_calls": [call]},
            "done": False,
        },
        {
            "model": "qwen3",
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": "stop",
        },
    )
    theirs = sdk_message(body)
    assert theirs["tool_calls"] == [{"id": None, "name": "get_time", "arguments": {"zone": "UTC"}}]
    assert conformance.parse("ollama", [body]).tool_calls[0].id == "call_7f3"


def test_the_oracle_refuses_chunks_that_are_not_the_body() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        sdk_message(b'{"done": true}\n', chunks=[b"{"])
