"""google-genai in Vertex AI mode, fed every complete bundled Vertex cassette through an
in-memory transport, agrees with `conformance.parse` on what it can judge (text, reasoning,
whole function calls, stop reason, usage, errors). Streamed function-call arguments
(`partialArgs`) it types but never assembles: the oracle says it cannot judge them, and
the names it saw are checked instead. Skipped without google-genai (a failure under CI: tests/_oracles.py)."""

from __future__ import annotations

from functools import partial

import pytest

from tests._oracles import require_sdk

require_sdk("google.genai", reason="the Vertex oracle needs google-genai (the dev extra)")
require_sdk("httpx2", reason="the Vertex oracle needs the dev extra")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.vertex import sdk_message
from tests._bundled import one_scenario

CASSETTES = load_cassettes(vendor="vertex")
COMPLETE = [
    pytest.param(c, id=c.scenario) for c in CASSETTES if c.expected is not None and c.expected.complete
]


cassette = partial(one_scenario, CASSETTES)


def test_the_vertex_oracle_is_registered() -> None:
    assert oracle_for("vertex") is sdk_message


def test_complete_cassettes_cover_whole_and_streamed_calls() -> None:
    scenarios = {p.values[0].scenario for p in COMPLETE}
    assert {"text", "thinking", "function_call_whole", "function_call_streamed"} <= scenarios


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs and "error" not in theirs
    assert compare(conformance.parse("vertex", [cassette.body]), theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    body = cassette.body
    chunks = [body[i : i + 7] for i in range(0, len(body), 7)]
    assert compare(conformance.parse("vertex", chunks), sdk_message(body, chunks=chunks)) == []


@pytest.mark.parametrize("cassette", [p for p in COMPLETE if "streamed" in p.values[0].scenario])
def test_streamed_arguments_are_not_judged_but_the_call_names_are(cassette: Cassette) -> None:
    # python-genai types `partialArgs` (`types.PartialArg`) and `willContinue` but assembles
    # nothing: each piece is its own FunctionCall, nameless after the first.
    theirs = sdk_message(cassette.body)
    assert theirs["sdk_cannot_judge"] == ["tool_calls"] and "tool_calls" not in theirs
    ours = conformance.parse("vertex", [cassette.body])
    assert theirs["sdk_tool_call_names"] == [call.name for call in ours.tool_calls]


def test_whole_function_calls_are_judged_in_full() -> None:
    theirs = sdk_message(cassette("function_call_whole").body)
    assert "sdk_cannot_judge" not in theirs
    assert theirs["tool_calls"] == [
        {
            "id": "fc_7a1c2e",
            "name": "getWeather",
            "arguments": {"location": "Zurich, CH"},
            "signature": "CpwB5+7nYV7zXzDkm0guFcrnUAcg",  # the part's thoughtSignature, as on the wire
        }
    ]


def test_an_error_event_mid_stream_is_the_same_error_for_both() -> None:
    c = cassette("error_mid_stream")
    ours = conformance.parse("vertex", [c.body])
    theirs = sdk_message(c.body)
    assert theirs["error"]["type"] == "RESOURCE_EXHAUSTED"
    assert compare(ours, theirs) == []


def test_the_oracle_refuses_chunks_that_are_not_the_body() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        sdk_message(b"data: {}\r\n\r\n", chunks=[b"data: "])
