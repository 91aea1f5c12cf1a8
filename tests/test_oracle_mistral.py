"""The official `mistralai` SDK, fed every complete bundled Mistral cassette through an
in-memory transport, agrees with `conformance.parse` (text, thinking chunks as reasoning,
whole tool calls, stop reason, usage); where it cannot, what it does is pinned beside
what we report. Skipped without `mistralai` (a failure under CI: tests/_oracles.py)."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

import pytest

from tests._oracles import require_sdk

require_sdk("mistralai.client", reason="the Mistral oracle needs mistralai (the dev extra)")
require_sdk("httpx2", reason="the Mistral oracle needs the dev extra")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.mistral import sdk_message
from tests._bundled import one_scenario

CASSETTES = load_cassettes(vendor="mistral")
COMPLETE = [
    pytest.param(c, id=c.scenario) for c in CASSETTES if c.expected is not None and c.expected.complete
]


cassette = partial(one_scenario, CASSETTES)


def sse(*events: dict[str, Any]) -> bytes:
    return b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in events) + b"data: [DONE]\n\n"


def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
    head = {"id": "m1", "object": "chat.completion.chunk", "created": 1, "model": "mistral-small-latest"}
    return {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}


def test_the_mistral_oracle_is_registered() -> None:
    assert oracle_for("mistral") is sdk_message


def test_complete_cassettes_cover_text_reasoning_and_tool_calls() -> None:
    assert {"text", "reasoning", "tool_call", "tool_calls_parallel"} <= {
        p.values[0].scenario for p in COMPLETE
    }


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs
    assert set(theirs) == {"text", "reasoning", "tool_calls", "vendor_stop_reason", "usage"}
    assert compare(conformance.parse("mistral", [cassette.body]), theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    body = cassette.body
    chunks = [body[i : i + 5] for i in range(0, len(body), 5)]
    assert compare(conformance.parse("mistral", chunks), sdk_message(body, chunks=chunks)) == []


def test_tool_call_arguments_sent_as_an_object_are_taken_whole_by_both() -> None:
    # The SDK types `FunctionCall.arguments` as `Dict[str, Any] | str` (models/functioncall.py).
    call = {"id": "c1", "index": 0, "function": {"name": "get_weather", "arguments": {"city": "Lyon"}}}
    body = sse(chunk({"tool_calls": [call]}, "tool_calls"))
    theirs = sdk_message(body)
    assert theirs["tool_calls"] == [{"id": "c1", "name": "get_weather", "arguments": {"city": "Lyon"}}]
    assert compare(conformance.parse("mistral", [body]), theirs) == []


def test_a_whole_tool_call_without_index_is_read_by_both_as_call_0() -> None:
    # As Mistral streamed calls in 2024; the SDK's `ToolCall.index` defaults to 0 (models/toolcall.py).
    call = {"id": "EscTeQY62", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}
    body = sse(chunk({"role": "assistant", "content": ""}), chunk({"tool_calls": [call]}, "tool_calls"))
    theirs = sdk_message(body)
    assert "sdk_error" not in theirs
    assert theirs["tool_calls"] == [
        {"id": "EscTeQY62", "name": "get_weather", "arguments": {"city": "Paris"}}
    ]
    assert compare(conformance.parse("mistral", [body]), theirs) == []


def test_usage_counters_the_server_left_out_are_not_the_sdks_zero_defaults() -> None:
    # `UsageInfo` defaults absent counters to 0; only what the wire said is compared.
    body = sse(chunk({"content": "Oui."}, "stop", usage={"prompt_tokens": 7, "completion_tokens": 2}))
    theirs = sdk_message(body)
    assert theirs["usage"] == {"input_tokens": 7, "output_tokens": 2}
    assert compare(conformance.parse("mistral", [body]), theirs) == []


def test_sdk_raises_on_an_event_cut_short_where_we_report_incomplete() -> None:
    # The SDK's reader (utils/eventstreaming.py) parses the leftover bytes at the end of the
    # body as one last event; a cut `data:` line is not a CompletionChunk.
    c = cassette("truncated")
    theirs = sdk_message(c.body)
    assert theirs["sdk_error"].startswith("ResponseValidationError: ")
    ours = conformance.parse("mistral", [c.body])
    assert (ours.complete, ours.error) == (False, None)
    assert theirs["text"] == ours.text


def test_the_oracle_refuses_chunks_that_are_not_the_body() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        sdk_message(b"data: [DONE]\n\n", chunks=[b"data: "])
