"""google-genai's Interactions client, fed every complete bundled `gemini-interactions`
cassette through an in-memory transport, agrees with `conformance.parse` (text, thought
summaries, function calls with streamed arguments, final status, usage, error events);
what it cannot read (the earlier API revision's events, a cut event) is pinned here.
Skipped without google-genai (a failure under CI: tests/_oracles.py)."""

from __future__ import annotations

from functools import partial

import pytest

from tests._oracles import require_sdk

require_sdk("google.genai", reason="the oracle needs google-genai (the dev extra)")
require_sdk("httpx2", reason="the oracle needs the dev extra")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.gemini_interactions import sdk_message
from tests._bundled import one_scenario

VENDOR = "gemini-interactions"
CASSETTES = load_cassettes(vendor=VENDOR)
LEGACY = "legacy_content_events"
"""The earlier API revision's events, which the current SDK no longer types."""
COMPLETE = [
    pytest.param(c, id=c.scenario)
    for c in CASSETTES
    if c.expected is not None and c.expected.complete and c.scenario != LEGACY
]


cassette = partial(one_scenario, CASSETTES)


def test_the_gemini_interactions_oracle_is_registered() -> None:
    assert oracle_for(VENDOR) is sdk_message


def test_complete_cassettes_cover_text_thinking_calls_and_an_incomplete_status() -> None:
    scenarios = {p.values[0].scenario for p in COMPLETE}
    assert {"text", "thinking", "function_call", "function_calls_parallel", "incomplete"} <= scenarios


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    theirs = sdk_message(cassette.body)
    assert not {k for k in theirs if k.startswith("sdk_")}
    assert set(theirs) == {"text", "reasoning", "tool_calls", "vendor_stop_reason", "usage", "signatures"}
    assert compare(conformance.parse(VENDOR, [cassette.body]), theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    body = cassette.body
    chunks = [body[i : i + 7] for i in range(0, len(body), 7)]
    assert compare(conformance.parse(VENDOR, chunks), sdk_message(body, chunks=chunks)) == []


def test_an_error_event_is_the_same_error_for_both() -> None:
    c = cassette("error")
    ours = conformance.parse(VENDOR, [c.body])
    theirs = sdk_message(c.body)
    assert compare(ours, theirs) == []
    assert theirs["error"] == {
        "type": "gateway_timeout",
        "message": "Deadline expired before operation could complete.",
    }


def test_sdk_cannot_type_the_earlier_revisions_events_which_we_read() -> None:
    # python-genai types `interaction.start`, `content.*` and `interaction.complete` as
    # `UnknownInteractionSSEEvent`: the SDK gives none of their text, calls or status.
    c = cassette(LEGACY)
    theirs = sdk_message(c.body)
    assert {"interaction.start", "content.start", "content.delta", "interaction.complete"} <= set(
        theirs["sdk_unknown_events"]
    )
    assert (theirs["text"], theirs["tool_calls"], theirs["vendor_stop_reason"]) == ("", [], None)
    assert c.expected is not None
    assert conformance.parse(VENDOR, [c.body]) == c.expected
    assert c.expected.text and c.expected.tool_calls


def test_sdk_yields_a_cut_last_event_as_a_raw_string_where_we_report_incomplete() -> None:
    c = cassette("truncated")
    theirs = sdk_message(c.body)
    assert theirs["sdk_unknown_events"] == ["str"]
    ours = conformance.parse(VENDOR, [c.body])
    assert (ours.complete, theirs["vendor_stop_reason"]) == (False, None)


def test_the_oracle_refuses_chunks_that_are_not_the_body() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        sdk_message(b"data: [DONE]\n\n", chunks=[b"data: "])
