"""The official `anthropic` SDK's Bedrock client (`AnthropicBedrock`, which reads the frames
with botocore) as the oracle for Claude on InvokeModelWithResponseStream: it agrees with
`conformance.parse` on every complete Claude cassette, whole and in small chunks; where it
differs (a stream cut short, an exception frame) what it does is pinned. Nova and Titan
bodies, which no SDK assembles, are `sdk_unsupported`. Skipped without the dev extra."""

from __future__ import annotations

from functools import partial

import pytest

from tests._oracles import require_sdk

require_sdk("anthropic", reason="the Bedrock Invoke oracle needs anthropic (the dev extra)")
require_sdk("botocore", reason="the Bedrock Invoke oracle needs botocore (the dev extra)")
require_sdk("httpx2", reason="the Bedrock Invoke oracle needs the dev extra")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.bedrock_invoke import model_family, sdk_message
from tests._bundled import one_scenario

VENDOR = "bedrock-invoke"
CASSETTES = load_cassettes(vendor=VENDOR)
CLAUDE_COMPLETE = [
    pytest.param(c, id=c.scenario)
    for c in CASSETTES
    if c.expected is not None and c.expected.complete and model_family(c.body) == "anthropic"
]

cassette = partial(one_scenario, CASSETTES)


def test_the_oracle_is_registered() -> None:
    assert oracle_for(VENDOR) is sdk_message


def test_claude_cassettes_cover_text_and_tool_calls() -> None:
    assert {"text", "tool_call"} <= {p.values[0].scenario for p in CLAUDE_COMPLETE}


@pytest.mark.parametrize("cassette", CLAUDE_COMPLETE)
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    theirs = sdk_message(cassette.body)
    assert not {k for k in theirs if k.startswith("sdk_")}
    assert compare(conformance.parse(VENDOR, [cassette.body]), theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("cassette", CLAUDE_COMPLETE)
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    body = cassette.body
    chunks = [body[i : i + 5] for i in range(0, len(body), 5)]
    assert compare(conformance.parse(VENDOR, chunks), sdk_message(body, chunks=chunks)) == []


def test_an_exception_frame_is_an_api_error_for_the_sdk_and_the_error_for_us() -> None:
    entry = cassette("error_model_stream")
    theirs = sdk_message(entry.body)
    assert theirs["sdk_error"].startswith("APIStatusError: The model returned an unexpected response")
    assert "modelStreamErrorException" in theirs["sdk_error"]
    ours = conformance.parse(VENDOR, [entry.body])
    assert ours.error == {
        "type": "modelStreamErrorException",
        "message": "The model returned an unexpected response while streaming.",
    }
    assert theirs["text"] == ours.text == "Le mistral souffle sur"


def test_a_stream_cut_inside_a_frame_the_sdk_keeps_no_arguments_we_keep_the_text() -> None:
    # botocore drops the partial frame; the SDK's snapshot has the tool_use block's `input` as
    # it started ({}), since it parses the JSON only on content_block_stop. We keep the text.
    entry = cassette("truncated")
    theirs = sdk_message(entry.body)
    ours = conformance.parse(VENDOR, [entry.body])
    assert "sdk_error" not in theirs and not ours.complete
    assert theirs["vendor_stop_reason"] is None
    assert theirs["text"] == ours.text
    assert [c["arguments"] for c in theirs["tool_calls"]] == [{}]
    assert [c.arguments_json for c in ours.tool_calls] == ['{"city": "Z']


@pytest.mark.parametrize("scenario", ["nova_text", "titan_text", "titan_guardrail_blocked"])
def test_bodies_of_models_no_sdk_assembles_are_unsupported(scenario: str) -> None:
    assert set(sdk_message(cassette(scenario).body)) == {"sdk_unsupported"}


def test_the_oracle_refuses_chunks_that_are_not_the_body() -> None:
    body = cassette("text").body
    with pytest.raises(ValueError, match="do not add up"):
        sdk_message(body, chunks=[body[:10]])
