"""The official `openai` SDK, run on the bundled openai-responses cassettes through an
in-memory transport, agrees with `conformance.parse`: the SDK's final response (text,
refusal, reasoning, function calls, status, usage) equals what the adapter assembled from
the deltas. Where the SDK has no final response (an error event, a cut body), what it does
is pinned here beside what we report."""

from __future__ import annotations

import pytest

from tests._oracles import require_sdk

require_sdk("openai", reason="the SDK oracle needs the dev extra")
require_sdk("httpx2", reason="the SDK oracle needs the dev extra")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import ORACLE_MODULES, compare, oracle_for
from conformance.oracles.openai_responses import sdk_message

VENDOR = "openai-responses"
CASSETTES = load_cassettes(vendor=VENDOR)
FINAL_KEYS = {
    "text",
    "refusal",
    "reasoning",
    "tool_calls",
    "vendor_stop_reason",
    "stop_reason",
    "usage",
    "signatures",
}


def by_scenario(name: str) -> Cassette:
    return next(c for c in CASSETTES if c.scenario == name)


def with_terminal_event() -> list[object]:
    return [
        pytest.param(c, id=c.id)
        for c in CASSETTES
        if c.expected is not None and c.expected.vendor_stop_reason
    ]


def test_the_oracle_is_registered() -> None:
    assert ORACLE_MODULES[VENDOR] == "conformance.oracles.openai_responses"
    assert oracle_for(VENDOR) is sdk_message


def test_there_are_cassettes_with_a_final_response_to_compare() -> None:
    assert len(with_terminal_event()) >= 8


@pytest.mark.parametrize("cassette", with_terminal_event())
def test_sdk_final_response_agrees_with_parse(cassette: Cassette) -> None:
    ours = conformance.parse(VENDOR, [cassette.body])
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs
    assert set(theirs) >= FINAL_KEYS
    assert compare(ours, theirs) == []


@pytest.mark.parametrize("cassette", with_terminal_event())
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    chunks = [cassette.body[i : i + 11] for i in range(0, len(cassette.body), 11)]
    assert compare(conformance.parse(VENDOR, chunks), sdk_message(cassette.body, chunks=chunks)) == []


def test_failed_response_error_is_the_same_for_the_sdk_and_us() -> None:
    cassette = by_scenario("failed")
    theirs = sdk_message(cassette.body)
    assert theirs["error"] == conformance.parse(VENDOR, [cassette.body]).error
    assert (theirs["vendor_stop_reason"], theirs["stop_reason"]) == ("failed", "error")


def test_documented_error_event_is_yielded_by_the_sdk_and_reported_by_both() -> None:
    cassette = by_scenario("error_event")
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs  # the SDK yields a ResponseErrorEvent; it does not raise
    assert theirs["error"] == conformance.parse(VENDOR, [cassette.body]).error
    assert theirs["vendor_stop_reason"] is None  # no terminal event: no final response


def test_an_error_event_with_a_nested_error_makes_the_sdk_raise() -> None:
    body = (
        b'event: response.created\ndata: {"type":"response.created","response":{"id":"resp_1",'
        b'"object":"response","created_at":1,"status":"in_progress","model":"gpt-4.1","output":[]},'
        b'"sequence_number":0}\n\n'
        b'event: error\ndata: {"error":{"type":"server_error","code":"server_error","message":"boom"}}\n\n'
    )
    theirs = sdk_message(body)
    assert theirs["sdk_error"].startswith("APIError: boom")
    assert (
        theirs["error"]
        == conformance.parse(VENDOR, [body]).error
        == {"type": "server_error", "message": "boom"}
    )


def test_a_cut_body_leaves_the_sdk_without_a_final_response() -> None:
    cassette = by_scenario("truncated")
    assert sdk_message(cassette.body) == {"vendor_stop_reason": None, "usage": None}
    assert compare(conformance.parse(VENDOR, [cassette.body]), sdk_message(cassette.body)) == []


def test_chunks_that_do_not_add_up_to_the_body_are_refused() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        sdk_message(b"abc", chunks=[b"ab"])
