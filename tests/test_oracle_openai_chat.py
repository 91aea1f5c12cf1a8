"""The official `openai` SDK, run on the bundled openai-chat cassettes through an in-memory
transport, agrees with `conformance.parse` (text, refusal, tool calls and arguments, stop
reason, usage); where it cannot (an error payload, a cut body, a usage it forgets), what it
does is pinned here beside what we report."""

from __future__ import annotations

import json

import pytest

from tests._oracles import require_sdk

require_sdk("openai", reason="the SDK oracle needs the dev extra")
require_sdk("httpx2", reason="the SDK oracle needs the dev extra")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare
from conformance.oracles.openai_chat import sdk_message

VENDOR = "openai-chat"
CASSETTES = load_cassettes(vendor=VENDOR)


def by_scenario(name: str) -> Cassette:
    return next(c for c in CASSETTES if c.scenario == name)


def complete_cassettes() -> list[object]:
    return [pytest.param(c, id=c.id) for c in CASSETTES if c.expected is not None and c.expected.complete]


def test_there_are_complete_openai_chat_cassettes_to_compare() -> None:
    assert len(complete_cassettes()) >= 6


@pytest.mark.parametrize("cassette", complete_cassettes())
def test_sdk_agrees_with_parse_on_every_complete_cassette(cassette: Cassette) -> None:
    ours = conformance.parse(VENDOR, [cassette.body])
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs
    assert set(theirs) == {"text", "refusal", "tool_calls", "vendor_stop_reason", "usage"}
    assert compare(ours, theirs) == []


@pytest.mark.parametrize("cassette", complete_cassettes())
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    chunks = [cassette.body[i : i + 7] for i in range(0, len(cassette.body), 7)]
    assert compare(conformance.parse(VENDOR, chunks), sdk_message(cassette.body, chunks=chunks)) == []


def test_sdk_raises_api_error_on_the_error_payload_and_we_report_the_same_error() -> None:
    cassette = by_scenario("error_mid_stream")
    ours = conformance.parse(VENDOR, [cassette.body])
    theirs = sdk_message(cassette.body)
    assert theirs["sdk_error"].startswith("APIError: The server had an error")
    assert (
        theirs["error"]
        == ours.error
        == {
            "type": "server_error",
            "message": "The server had an error while processing your request. Sorry about that!",
        }
    )
    assert theirs["text"] == ours.text == "The Treaty of Westphalia was signed in"
    assert (ours.stop_reason, ours.complete) == ("error", False)


def test_sdk_cannot_tell_a_cut_body_but_we_report_it_incomplete() -> None:
    cassette = by_scenario("truncated")
    ours = conformance.parse(VENDOR, [cassette.body])
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs and "error" not in theirs
    assert compare(ours, theirs) == []
    assert (theirs["vendor_stop_reason"], theirs["usage"]) == (None, None)
    assert (ours.complete, ours.error) == (False, None)


def test_sdk_reports_length_and_content_filter_through_its_exceptions_completion() -> None:
    # get_final_completion() raises LengthFinishReasonError / ContentFilterFinishReasonError;
    # the oracle reads the completion they carry.
    for name, reason in (("length", "length"), ("content_filter", "content_filter")):
        theirs = sdk_message(by_scenario(name).body)
        assert theirs["vendor_stop_reason"] == reason
        assert theirs["text"]


def test_sdk_forgets_usage_when_a_later_chunk_says_usage_null_but_we_keep_it() -> None:
    # Live gpt-5 streams end with a `moderation` chunk carrying `usage: null` after the usage
    # chunk; the SDK assigns every chunk's usage (`completion_snapshot.usage = chunk.usage`).
    head = {"id": "chatcmpl-T1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-5"}
    events = [
        {
            **head,
            "choices": [{"index": 0, "delta": {"content": "Paris."}, "finish_reason": "stop"}],
            "usage": None,
        },
        {**head, "choices": [], "usage": {"prompt_tokens": 13, "completion_tokens": 11, "total_tokens": 24}},
        {**head, "choices": [], "moderation": {}, "usage": None},
    ]
    body = "".join(f"data: {json.dumps(e)}\n\n" for e in events).encode() + b"data: [DONE]\n\n"
    assert sdk_message(body)["usage"] is None
    assert conformance.parse(VENDOR, [body]).usage == {
        "input_tokens": 13,
        "output_tokens": 11,
        "total_tokens": 24,
    }


def test_oracle_refuses_chunks_that_are_not_the_body() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        sdk_message(b"data: [DONE]\n\n", chunks=[b"data: "])
