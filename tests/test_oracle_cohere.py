"""The official `cohere` SDK (`ClientV2.chat_stream`), fed every complete bundled Cohere
cassette through an in-memory `httpx` transport, agrees with `conformance.parse` (text,
thinking and tool plans as reasoning, tool calls, stop reason, usage, the message-end
error); where the SDK is more lenient than the adapter, that is pinned here. Skipped
without `cohere`."""

from __future__ import annotations

import logging
from functools import partial

import pytest

from tests._oracles import require_sdk

require_sdk("cohere", reason="the Cohere oracle needs cohere (the dev extra)")

import conformance
from conformance.errors import InvalidJSONError
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.cohere import sdk_message
from tests._bundled import one_scenario

CASSETTES = load_cassettes(vendor="cohere")
COMPLETE = [
    pytest.param(c, id=c.scenario) for c in CASSETTES if c.expected is not None and c.expected.complete
]


cassette = partial(one_scenario, CASSETTES)


def test_the_cohere_oracle_is_registered() -> None:
    assert oracle_for("cohere") is sdk_message


def test_complete_cassettes_cover_text_thinking_and_tool_calls() -> None:
    scenarios = {p.values[0].scenario for p in COMPLETE}
    assert {"text", "thinking", "tool_call", "tool_calls_parallel", "max_tokens"} <= scenarios


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs
    assert set(theirs) == {"text", "reasoning", "tool_calls", "vendor_stop_reason", "usage"}
    assert compare(conformance.parse("cohere", [cassette.body]), theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    body = cassette.body
    chunks = [body[i : i + 7] for i in range(0, len(body), 7)]
    assert compare(conformance.parse("cohere", chunks), sdk_message(body, chunks=chunks)) == []


def test_the_error_at_message_end_is_the_same_for_both() -> None:
    c = cassette("error")
    ours = conformance.parse("cohere", [c.body])
    theirs = sdk_message(c.body)
    assert compare(ours, theirs) == []
    assert theirs["error"] == {
        "type": "ERROR",
        "message": "internal server error, this has been reported to our developers",
    }


def test_usage_counts_the_sdk_types_as_floats_are_compared_as_the_wire_integers() -> None:
    theirs = sdk_message(cassette("text").body)
    assert theirs["usage"]
    assert all(type(v) is int for v in theirs["usage"].values())


def test_sdk_skips_an_event_with_invalid_json_where_the_adapter_raises(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # cohere-python `core/pydantic_utilities.py` `parse_sse_obj` logs a warning for a `data:`
    # that is not JSON and builds the event from the bare SSE fields instead, which carries no
    # content: the event is lost without an error. The kit reports a typed error at its offset.
    good = cassette("text").body
    cut = good.index(b"event: content-delta")
    body = good[:cut] + b'event: content-delta\ndata: {"type": "content-delta", \n\n' + good[cut:]
    with caplog.at_level(logging.WARNING):
        theirs = sdk_message(body)
    assert "sdk_error" not in theirs
    assert "Failed to parse SSE data field as JSON" in caplog.text
    assert theirs["text"] == conformance.parse("cohere", [good]).text
    with pytest.raises(InvalidJSONError) as raised:
        conformance.parse("cohere", [body])
    assert raised.value.offset == cut


def test_the_oracle_refuses_chunks_that_are_not_the_body() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        sdk_message(b"data: [DONE]\n\n", chunks=[b"data: "])
