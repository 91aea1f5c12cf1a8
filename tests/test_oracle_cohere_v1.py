"""The official `cohere` SDK's v1 `Client.chat_stream`, fed every complete bundled `cohere-v1`
cassette through an in-memory `httpx` transport, agrees with `conformance.parse` (text,
whole tool calls, finish reason, token counts). Skipped without `cohere`."""

from __future__ import annotations

import warnings

import pytest

from tests._oracles import require_sdk

require_sdk("cohere", reason="the Cohere oracle needs cohere (the dev extra)")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.cohere_v1 import sdk_message

VENDOR = "cohere-v1"
COMPLETE = [
    pytest.param(c, id=c.scenario)
    for c in load_cassettes(vendor=VENDOR)
    if c.expected is not None and c.expected.complete
]


def test_the_oracle_is_registered() -> None:
    assert oracle_for(VENDOR) is sdk_message


def test_the_sdks_own_deprecation_warnings_stay_inside_the_oracle() -> None:
    """cohere's v1 stream reader reads pydantic's deprecated `__fields__` once per event (40
    warnings on the text cassette); a warning of the caller's own still reaches the caller."""
    (text,) = (c for c in load_cassettes(vendor=VENDOR) if c.scenario == "text")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sdk_message(text.body)
        warnings.warn("the caller's own", DeprecationWarning, stacklevel=1)
    assert [str(w.message) for w in caught] == ["the caller's own"]


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    theirs = sdk_message(cassette.body)
    assert "sdk_error" not in theirs
    assert set(theirs) == {"text", "tool_calls", "vendor_stop_reason", "usage"}
    assert compare(conformance.parse(VENDOR, [cassette.body]), theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    body = cassette.body
    chunks = [body[i : i + 7] for i in range(0, len(body), 7)]
    assert compare(conformance.parse(VENDOR, chunks), sdk_message(body, chunks=chunks)) == []
