"""The official `ollama` library's `Client.generate(stream=True)`, fed every complete bundled
`/api/generate` cassette through an in-memory `httpx` transport, agrees with
`conformance.parse` (response text, thinking, done reason, counts). Skipped without `ollama`."""

from __future__ import annotations

from functools import partial

import pytest

from tests._oracles import require_sdk

require_sdk("ollama", reason="the Ollama oracle needs ollama (the dev extra)")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.ollama_generate import sdk_message
from tests._bundled import one_scenario

VENDOR = "ollama-generate"
CASSETTES = load_cassettes(vendor=VENDOR)
COMPLETE = [
    pytest.param(c, id=c.scenario) for c in CASSETTES if c.expected is not None and c.expected.complete
]

cassette = partial(one_scenario, CASSETTES)


def test_the_oracle_is_registered() -> None:
    assert oracle_for(VENDOR) is sdk_message


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs
    assert set(theirs) == {"text", "reasoning", "vendor_stop_reason", "usage"}
    assert compare(conformance.parse(VENDOR, [cassette.body]), theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    body = cassette.body
    chunks = [body[i : i + 7] for i in range(0, len(body), 7)]
    assert compare(conformance.parse(VENDOR, chunks), sdk_message(body, chunks=chunks)) == []


def test_an_error_line_is_a_response_error_for_the_sdk_and_the_error_for_us() -> None:
    body = cassette("error_mid_stream").body
    theirs = sdk_message(body)
    ours = conformance.parse(VENDOR, [body])
    assert theirs["sdk_error"].startswith("ResponseError: an error was encountered")
    assert theirs["error"] == ours.error
    assert theirs["text"] == ours.text == "Here are"
